#!/usr/bin/env bash
# The project's test command: the README names it and CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build
# The C API (libWispC): Tests/CAPI/*.c compiled against Sources/WispC/include and run.
bash Scripts/capi-test.sh
# The DocC catalog (Sources/Wisp/Wisp.docc) must build without a warning (a broken symbol link).
swift package generate-documentation --target Wisp --warnings-as-errors --output-path .build/docs >/dev/null
bash Scripts/embedded-check.sh
# Every public declaration of the library modules has a doc comment.
bash Scripts/doc-check.sh
