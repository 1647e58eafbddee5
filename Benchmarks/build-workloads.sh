#!/usr/bin/env bash
# Compiles Benchmarks/workloads/*.c to Benchmarks/workloads/wasm/*.wasm with the Swift
# toolchain's clang and wasm-ld. The programs are freestanding (no libc, no
# builtins library), export `run`, and import nothing, so every runtime can
# instantiate them with an empty import set.
#
# The .wasm files are committed; rerun this after editing a .c file.
# Override the compiler with CLANG=/path/to/clang.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/workloads"
out="$src/wasm"
CLANG="${CLANG:-/opt/swift/usr/bin/clang}"
OBJDUMP="${OBJDUMP:-$(dirname "$CLANG")/llvm-objdump}"
mkdir -p "$out"

# `-mcpu=mvp` plus the Wasm 2.0 proposals that wasm3 0.5.0 also runs (sign
# extension, saturating float-to-int, mutable globals, multi-value); no
# bulk-memory or reference-types, which wasm3 lacks, and no SIMD except in the
# *_simd build. Every runtime in the comparison runs exactly these bytes.
common=(--target=wasm32-unknown-unknown -nostdlib -O2 -fno-builtin
        -mcpu=mvp -msign-ext -mnontrapping-fptoint -mmutable-globals -mmultivalue
        -Wall -Wextra -Werror -Wno-unused-function
        -Wl,--no-entry -Wl,--strip-debug -Wl,-z,stack-size=262144)

build() { # name source extra-flags...
    local name="$1" file="$2"
    shift 2
    "$CLANG" "${common[@]}" "$@" -o "$out/$name.wasm" "$file"
    if "$OBJDUMP" -h "$out/$name.wasm" | grep -qw IMPORT; then
        echo "error: $name.wasm has imports; workloads must be self-contained" >&2
        exit 1
    fi
    printf '  %-16s %7d bytes\n' "$name.wasm" "$(stat -c %s "$out/$name.wasm")"
}

echo "building workloads with $("$CLANG" --version | head -1)"
for c in "$src"/*.c; do
    name="$(basename "$c" .c)"
    if [ "$name" = blend ]; then
        build blend_scalar "$c"
        build blend_simd "$c" -msimd128
    elif [ "$name" = memops ]; then
        # memcpy, memmove and memset as memory.copy and memory.fill (wasm3 0.5.0 cannot run it).
        build memops "$c" -mbulk-memory
    else
        build "$name" "$c"
    fi
done
