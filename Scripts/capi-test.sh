#!/usr/bin/env bash
# The C API's tests: every Tests/CAPI/NAME.c is compiled as C (and once as C++, to check the headers
# there too) against Sources/WispC/include and libWispC, run from Tests/CAPI, and its standard output
# compared with NAME.expected. Lines of the output starting with "~" are left out of the comparison
# (values that differ from run to run, such as pointers or thread interleavings).
#   bash Scripts/capi-test.sh [-c release] [NAME...]
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=debug
if [[ "${1:-}" == "-c" ]]; then configuration=$2; shift 2; fi
swift build -c "$configuration" --product WispC >/dev/null
swift build -c "$configuration" --product WispCStatic >/dev/null
lib=$(swift build -c "$configuration" --show-bin-path)
cc=${CC:-cc}
cxx=${CXX:-c++}
out=.build/capi-tests
mkdir -p "$out"
# Every function the headers declare is in the library (the macros of wasm.h declare most of them).
if [[ "$(uname)" == Linux ]]; then
    printf '#include "wisp.h"\n' | "$cc" -E -P -ISources/WispC/include - | tr '\n' ' ' | sed 's/;/;\n/g; s/}/}\n/g' \
        | grep -v 'static\|typedef\|{' | grep -oE '\b(wasm|wisp)_[a-z0-9_]+ *\(' | tr -d '( ' | sort -u > "$out/declared.txt"
    nm -D --defined-only "$lib/libWispC.so" | awk '{print $3}' | sort > "$out/defined.txt"
    missing=$(comm -23 "$out/declared.txt" "$out/defined.txt")
    if [[ -n "$missing" ]]; then echo "FAIL declared but not in libWispC.so:" $missing; exit 1; fi
    echo "ok   all $(wc -l < "$out/declared.txt") declared functions are in libWispC.so"
fi
names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
    for f in Tests/CAPI/*.c; do names+=("$(basename "$f" .c)"); done
fi
failed=0
for name in "${names[@]}"; do
    src=Tests/CAPI/$name.c
    "$cc" -std=c11 -Wall -Wextra -Werror -Wno-unused-parameter -g -ISources/WispC/include "$src" -o "$out/$name" \
        -L"$lib" -lWispC -Wl,-rpath,"$lib" -lpthread
    actual=$(cd Tests/CAPI && timeout 300 "../../$out/$name" 2>"../../$out/$name.stderr") || {
        echo "FAIL $name: exit status $? (stderr: $out/$name.stderr)"; failed=1; continue; }
    if diff <(grep -v '^~' <<<"$actual") <(grep -v '^~' "Tests/CAPI/$name.expected") >"$out/$name.diff"; then
        echo "ok   $name"
    else
        echo "FAIL $name: output differs from Tests/CAPI/$name.expected:"; cat "$out/$name.diff"; failed=1
    fi
done
# The headers compile as C++ too (extern "C", no C-only constructs outside the inline helpers' bodies).
printf '#include "wisp.h"\nint main() { wasm_engine_t* e = wasm_engine_new(); wasm_engine_delete(e); return 0; }\n' > "$out/cxx.cc"
"$cxx" -std=c++17 -Wall -Werror -ISources/WispC/include "$out/cxx.cc" -o "$out/cxx" -L"$lib" -lWispC -Wl,-rpath,"$lib"
"$out/cxx" && echo "ok   headers as C++"
# The static library: a C program links it with the Swift runtime's libraries (and swiftrt.o, which
# registers the Swift metadata sections), here on Linux.
if [[ "$(uname)" == Linux ]]; then
    swiftlib=$(dirname "$(command -v swiftc)")/../lib/swift/linux
    "$cc" -std=c11 -ISources/WispC/include Tests/CAPI/capi_misuse.c -o "$out/capi_misuse_static" \
        "$swiftlib/$(uname -m)/swiftrt.o" "$lib/libWispCStatic.a" -L"$swiftlib" -Wl,-rpath,"$swiftlib" \
        -lswiftCore -lswift_Concurrency -lswiftSynchronization -lswiftGlibc -ldispatch -lswiftDispatch \
        -lBlocksRuntime -lswift_StringProcessing -lswift_RegexParser -lswiftSwiftOnoneSupport -lstdc++ -lm -lpthread
    if diff <(cd Tests/CAPI && "../../$out/capi_misuse_static") Tests/CAPI/capi_misuse.expected >/dev/null; then
        echo "ok   capi_misuse linked statically"
    else
        echo "FAIL capi_misuse linked statically"; failed=1
    fi
fi
exit $failed
