#!/usr/bin/env bash
# The project's test command: the README names it and CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build
bash Scripts/embedded-check.sh
