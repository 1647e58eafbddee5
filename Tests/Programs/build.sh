#!/usr/bin/env bash
# Builds the test guests from C with the Swift toolchain's clang (no libc needed).
set -euo pipefail
cd "$(dirname "$0")"
clang=${CLANG:-/opt/swift/usr/bin/clang}
"$clang" --target=wasm32-unknown-unknown -O2 -nostdlib -Wl,--no-entry -Wl,--allow-undefined -o stack.wasm stack.c
"$clang" --target=wasm32-unknown-unknown -O2 -mbulk-memory -nostdlib -Wl,--no-entry -o loops.wasm loops.c
"$clang" --target=wasm32-unknown-unknown -O2 -nostdlib -Wl,--no-entry -Wl,--allow-undefined -o wasiprobe.wasm wasiprobe.c
