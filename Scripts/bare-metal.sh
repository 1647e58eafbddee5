#!/usr/bin/env bash
# Builds the bare-metal firmware (Firmware/) for QEMU's mps2-an386 board (Cortex-M4) with the Wisp
# engine compiled in Embedded Swift, runs it under QEMU and exits with its status: 0 when every
# check passed. Prints the checks' lines, the image size (text/data/bss, and the engine's share of
# the text) and the heap pool's peak.
#
# Installs what it needs from Debian when missing (qemu-system-arm; gcc-arm-none-eabi for libgcc's
# 64-bit and soft-float helpers; picolibc-arm-none-eabi for libc/libm). Rebuilds only what changed:
# each step is keyed by a hash of its inputs, so a second run just links and runs.
#
# Environment: BARE_METAL_OUT (build folder, default .build-baremetal), BARE_METAL_TIMEOUT
# (seconds QEMU may run, default 60), SWIFTC (default: swiftc on PATH, else /opt/swift/usr/bin/swiftc),
# BARE_METAL_SIMD=1 (include SIMD in the engine), BARE_METAL_FUSION=1 (include the fused instructions).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=${BARE_METAL_OUT:-.build-baremetal}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# MARK: tools

swiftc=${SWIFTC:-$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)}
[ -x "$swiftc" ] || { echo "bare-metal: swiftc not found (set SWIFTC)" >&2; exit 2; }
bin=$(dirname "$(readlink -f "$swiftc")")
clang=$bin/clang
lld=$bin/ld.lld
for t in "$clang" "$lld"; do [ -x "$t" ] || { echo "bare-metal: $t not found in the Swift toolchain" >&2; exit 2; }; done

libgcc=/usr/lib/gcc/arm-none-eabi/*/thumb/v7e-m/nofp/libgcc.a
picolibc=/usr/lib/picolibc/arm-none-eabi/lib/release/thumb/v7e-m/nofp
have_packages() {
    command -v qemu-system-arm >/dev/null && compgen -G "$libgcc" >/dev/null && [ -f "$picolibc/libc.a" ]
}
if ! have_packages; then
    echo "bare-metal: installing qemu-system-arm gcc-arm-none-eabi picolibc-arm-none-eabi"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    pkgs=(qemu-system-arm gcc-arm-none-eabi picolibc-arm-none-eabi)
    if ! $sudo apt-get install -y -q --no-install-recommends "${pkgs[@]}" >"$out/apt.log" 2>&1; then
        $sudo apt-get update -q >>"$out/apt.log" 2>&1
        $sudo apt-get install -y -q --no-install-recommends "${pkgs[@]}" >>"$out/apt.log" 2>&1 \
            || { tail -20 "$out/apt.log" >&2; exit 2; }
    fi
fi
libgcc=$(echo $libgcc)

# MARK: build steps, each skipped when the hash of its inputs is unchanged

target=armv7em-none-none-eabi
swift_flags=(-target $target -enable-experimental-feature Embedded -wmo -Osize -parse-as-library
             -Xcc -mfloat-abi=soft -Xfrontend -function-sections -Xfrontend -disable-stack-protector
             -Xfrontend -disable-llvm-merge-functions-pass)
# Build-time cuts (ISA/instructions.isa; each defines its WISP_NO_* flag for Swift and C alike).
# The firmware leaves SIMD out (like WAMR's default microcontroller build): its lane library is
# about 30 KB of Arm code that no check needs. BARE_METAL_SIMD=1 builds the full engine instead
# (the checks pass either way; docs/porting.md gives both sizes).
cuts=()
if [ "${BARE_METAL_SIMD:-0}" != 1 ]; then cuts+=(simd); fi
# And exception handling (Wasm 3.0, opt-in at run time anyway): its decoding, validation, landing
# pads and unwinding are about 5 KB that no check needs. BARE_METAL_EXCEPTIONS=1 keeps it.
if [ "${BARE_METAL_EXCEPTIONS:-0}" != 1 ]; then cuts+=(exceptions); fi
# Tail calls likewise (about 2 KB); BARE_METAL_TAIL_CALLS=1 keeps them.
if [ "${BARE_METAL_TAIL_CALLS:-0}" != 1 ]; then cuts+=(tailcalls); fi
# And the name section's decoding (about 4 KB): backtraces show function indices, as in WAMR's
# default microcontroller build. BARE_METAL_NAMES=1 keeps it.
if [ "${BARE_METAL_NAMES:-0}" != 1 ]; then cuts+=(names); fi
# And every proposal newer than 2.0 beyond those: extended constant expressions (BARE_METAL_EXTENDED_CONST=1 keeps them).
if [ "${BARE_METAL_EXTENDED_CONST:-0}" != 1 ]; then cuts+=(extendedconst); fi
# And wide arithmetic (BARE_METAL_WIDE_ARITHMETIC=1 keeps it).
if [ "${BARE_METAL_WIDE_ARITHMETIC:-0}" != 1 ]; then cuts+=(widearith); fi
# And memory64 with table64, multi-memory and custom page sizes (BARE_METAL_MEMORY64=1,
# BARE_METAL_MULTI_MEMORY=1, BARE_METAL_PAGE_SIZES=1 keep them).
if [ "${BARE_METAL_MEMORY64:-0}" != 1 ]; then cuts+=(memory64); fi
if [ "${BARE_METAL_MULTI_MEMORY:-0}" != 1 ]; then cuts+=(multimemory); fi
if [ "${BARE_METAL_PAGE_SIZES:-0}" != 1 ]; then cuts+=(pagesizes); fi
# And typed function references (BARE_METAL_FUNCTION_REFERENCES=1 keeps them).
if [ "${BARE_METAL_FUNCTION_REFERENCES:-0}" != 1 ]; then cuts+=(funcrefs); fi
# It also leaves out the fused instructions (compare-and-branch, constant operands, address adds:
# 113 handlers, ~15 KB), which buy speed, not function. BARE_METAL_FUSION=1 keeps them.
if [ "${BARE_METAL_FUSION:-0}" != 1 ]; then cuts+=(fusion); fi
. Scripts/lib/cuts.sh
# shellcheck disable=SC2207
swift_flags+=($(wisp_cut_swiftc_flags "${cuts[@]}"))
# (Embedded Swift emits the engine's code again in the firmware module, where the interpreter's
# C handlers may not get their Swift bodies inlined; Swift's merge-functions pass would then
# merge handlers that differ only in the body they call, adding a parameter and breaking the
# handlers' guaranteed tail calls. See Sources/WispDispatch/include/WispDispatch.h.)
c_flags=(--target=armv7em-none-eabi -mcpu=cortex-m4 -mthumb -mfloat-abi=soft -Os -ffreestanding
         -ffunction-sections -fdata-sections -fno-stack-protector -Wall -Werror
         -isystem /usr/lib/picolibc/arm-none-eabi/include)
toolchain_id=$("$swiftc" --version 2>/dev/null | head -1)

# stale NAME FILES...: true (and records nothing yet) when NAME's inputs changed since it last built.
stale() {
    local name=$1; shift
    local key
    key=$( { echo "$toolchain_id ${swift_flags[*]} ${c_flags[*]}"; cat "$@"; } | sha256sum | cut -d' ' -f1)
    echo "$key" > "$out/$name.key.new"
    ! cmp -s "$out/$name.key.new" "$out/$name.key" 2>/dev/null
}
built() { mv "$out/$1.key.new" "$out/$1.key"; }

format_sources=$(find Sources/WispFormat -name '*.swift' | sort)
engine_sources=$(find Sources/Wisp -name '*.swift' | sort)
dispatch_header="Sources/WispDispatch/include/WispDispatch.h Sources/WispDispatch/include/WispISA.h"
firmware_sources=$(find Firmware/Sources -name '*.swift' | sort)

if stale WispFormat $format_sources; then
    echo "bare-metal: compiling WispFormat (Embedded Swift, $target)"
    "$swiftc" "${swift_flags[@]}" -module-name WispFormat -emit-module -emit-module-path "$out/WispFormat.swiftmodule" \
        -c -o "$out/WispFormat.o" $format_sources 2>"$out/WispFormat.warnings" || { cat "$out/WispFormat.warnings" >&2; exit 1; }
    built WispFormat
fi
if stale Wisp "$out/WispFormat.key" $dispatch_header $engine_sources; then
    echo "bare-metal: compiling Wisp (Embedded Swift, $target)"
    "$swiftc" "${swift_flags[@]}" -module-name Wisp -I "$out" -I Sources/WispDispatch/include -emit-module -emit-module-path "$out/Wisp.swiftmodule" \
        -c -o "$out/Wisp.o" $engine_sources 2>"$out/Wisp.warnings" || { cat "$out/Wisp.warnings" >&2; exit 1; }
    built Wisp
fi
if stale Firmware "$out/Wisp.key" Firmware/Board/board.h $firmware_sources; then
    echo "bare-metal: compiling the firmware program"
    "$swiftc" "${swift_flags[@]}" -module-name Firmware -I "$out" -I Sources/WispDispatch/include -import-objc-header Firmware/Board/board.h \
        -c -o "$out/Firmware.o" $firmware_sources
    built Firmware
fi
if stale checks-wasm Firmware/Wasm/checks.c Firmware/Wasm/build.sh; then
    CLANG=$clang bash Firmware/Wasm/build.sh "$out/checks.wasm"
    built checks-wasm
fi
if stale board Firmware/Board/startup.c Firmware/Board/board.h Firmware/Board/wasm_blob.S "$out/checks-wasm.key"; then
    "$clang" "${c_flags[@]}" -c -o "$out/startup.o" Firmware/Board/startup.c
    "$clang" "${c_flags[@]}" -DWASM_BLOB_PATH="\"$out/checks.wasm\"" -c -o "$out/wasm_blob.o" Firmware/Board/wasm_blob.S
    built board
fi

# Linking takes well under a second: always redo it.
"$lld" -T Firmware/Board/mps2-an386.ld --gc-sections -Map "$out/firmware.map" -o "$out/firmware.elf" \
    "$out/WispFormat.o" "$out/Wisp.o" "$out/Firmware.o" "$out/startup.o" "$out/wasm_blob.o" \
    --start-group "$bin/../lib/swift/embedded/$target/libswiftUnicodeDataTables.a" \
    "$picolibc/libc.a" "$picolibc/libm.a" "$libgcc" --end-group

# MARK: sizes

if [ -x "$bin/llvm-size" ]; then size_tool=$bin/llvm-size
elif command -v llvm-size >/dev/null; then size_tool=llvm-size
elif command -v arm-none-eabi-size >/dev/null; then size_tool=arm-none-eabi-size
else size_tool=size; fi
# Shares of .text and .rodata by origin, from the sizes the link map gives each input section.
# (Debian's awk is mawk, which cannot read hex: bash sums the sizes.)
# map_bytes OBJECT-REGEX [stdlib]: bytes of the matching objects' input sections; with "stdlib", only
# the sections holding Swift standard library code specialized for (and emitted into) those objects.
map_bytes() {
    local n=0 size
    for size in $(awk -v re="$1" -v only="${2:-}" '$5 ~ re && $5 ~ /:\(\.(text|rodata)/ {
            if (only == "stdlib" && !index($5, "(.text.$es") && !index($5, "(.text.$eS")) next
            print $3 }' "$out/firmware.map"); do
        n=$((n + 16#$size))
    done
    echo $n
}
# Engine objects are linked first, so code the engine and the program both use counts as the engine's.
engine_text=$(map_bytes '/(Wisp|WispFormat)\.o:')
engine_stdlib=$(map_bytes '/(Wisp|WispFormat)\.o:' stdlib)
firmware_text=$(map_bytes '/(Firmware|startup|wasm_blob)\.o:')
unicode_tables=$(map_bytes 'libswiftUnicodeDataTables')
c_libs=$(map_bytes 'libc\.a|libm\.a|libgcc\.a')

# MARK: run

timeout_s=${BARE_METAL_TIMEOUT:-60}
echo "bare-metal: running $out/firmware.elf on qemu-system-arm -M mps2-an386"
set +e
timeout "$timeout_s" qemu-system-arm -M mps2-an386 -cpu cortex-m4 -display none -monitor none -serial stdio \
    -semihosting-config enable=on,target=native -kernel "$out/firmware.elf" | tee "$out/run.log"
status=${PIPESTATUS[0]}
set -e
[ "$status" = 124 ] && echo "bare-metal: QEMU timed out after ${timeout_s}s"

echo "--- firmware size ($size_tool):"
"$size_tool" "$out/firmware.elf"
echo "text+rodata by origin (from the link map):"
echo "  engine (Wisp + WispFormat):      $engine_text bytes, of which $engine_stdlib are Swift stdlib code specialized for it"
echo "  firmware program, board, module: $firmware_text bytes"
echo "  Swift Unicode data tables:       $unicode_tables bytes"
echo "  picolibc + libgcc:               $c_libs bytes"
grep -a "heap pool:" "$out/run.log" | tr -d '\r' || echo "heap pool: (not reported)"
echo "bare-metal: exit status $status"
exit "$status"
