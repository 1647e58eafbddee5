#!/bin/sh
# Builds the C guest programs in Tests/WASIPrograms/*.c to wasm32-wasip1 modules next to them
# (Tests/WASIPrograms/NAME.wasm), with Debian's wasi-libc and the Swift toolchain's clang.
# Installs what is missing: wasi-libc and the wasm32 compiler-rt builtins (apt), and the wasmtime
# Python package that the differential test compares against (pip).
# Rebuilds a module only when its source is newer. Usage: Scripts/build-wasi-programs.sh
set -eu
cd "$(dirname "$0")/.."
DIR=Tests/WASIPrograms
CLANG=${CLANG:-/opt/swift/usr/bin/clang}

if [ ! -f /usr/lib/wasm32-wasi/libc.a ] || ! ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a >/dev/null 2>&1; then
    apt-get update -qq >/dev/null && apt-get install -y -qq wasi-libc libclang-rt-dev-wasm32 >/dev/null
fi
if ! python3 -c "import wasmtime" 2>/dev/null; then
    python3 -m pip install --quiet wasmtime || echo "warning: could not install the wasmtime Python package" >&2
fi

# Debian ships the builtins in clang's old per-OS layout (lib/wasi/libclang_rt.builtins-wasm32.a)
# under its own LLVM's resource directory; point the toolchain's clang at that directory.
BUILTINS=$(ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a | tail -n 1)
RESOURCE_DIR=${BUILTINS%/lib/wasi/libclang_rt.builtins-wasm32.a}

for src in "$DIR"/*.c; do
    out="${src%.c}.wasm"
    if [ ! -f "$out" ] || [ "$src" -nt "$out" ]; then
        echo "building $out"
        "$CLANG" --target=wasm32-wasi --sysroot=/usr -resource-dir "$RESOURCE_DIR" -O2 -Wall -Werror -Wl,--strip-debug \
            -o "$out" "$src"
    fi
done
