#!/bin/bash
# Host-call round trips and export calls of Wisp (untyped [Value] and typed) and WasmKit, side by
# side in one release binary: nanoseconds per call, then allocations per call counted by valgrind
# (the difference between runs of 1,000 and 101,000 calls, divided by 100,000).
#   bash Benchmarks/hostcalls.sh [CALLS=2000000]
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release >/dev/null
bin=$(swift build -c release --show-bin-path)/wisp-bench
"$bin" hostcalls --calls "${1:-2000000}"
# valgrind 3.19 cannot read Swift's DWARF 5: it runs a stripped copy.
stripped=$(mktemp)
strip -o "$stripped" "$bin"
for name in "wisp host call, typed" "wisp export call, typed" "wisp host call, [Value]" "wisp export call, [Value]" \
            "wasmkit host call" "wasmkit export call"; do
    a=$(valgrind "$stripped" hostcalls --calls 1000 --only "$name" 2>&1 | grep -o '[0-9,]* allocs' | tr -d ', allocs')
    b=$(valgrind "$stripped" hostcalls --calls 101000 --only "$name" 2>&1 | grep -o '[0-9,]* allocs' | tr -d ', allocs')
    echo "$name: $(( (b - a + 50000) / 100000 )) allocations per call ($a allocations for 1,000 calls, $b for 101,000)"
done
rm -f "$stripped"
