#!/usr/bin/env bash
# Writes the instruction set's generated files from ISA/instructions.isa, and the pairs from the
# profile ISA/profile.txt by the rule in ISA/pairs.isa;
# `--check` writes nothing and exits 1 when any of them is out of date (CI runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-python3}" Scripts/generate-isa.py "$@"
