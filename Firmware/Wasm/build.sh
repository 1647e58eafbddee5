#!/usr/bin/env bash
# Builds the firmware's test module: Firmware/Wasm/checks.c -> $1 (default: checks.wasm next to it).
# Uses the Swift toolchain's clang and wasm-ld (no wasi-libc: the module is freestanding).
# One 64 KiB page of memory at start (8 KiB of shadow stack, then data), at most 2 pages.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/checks.wasm}
clang=${CLANG:-$(dirname "$(command -v swiftc)")/clang}
"$clang" --target=wasm32 -nostdlib -O2 -fno-builtin -Wall -Werror \
    -Wl,--no-entry -Wl,--initial-memory=65536 -Wl,--max-memory=131072 -Wl,-z,stack-size=8192 \
    -Wl,--strip-all \
    -o "$out" "$here/checks.c"
