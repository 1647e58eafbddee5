#!/bin/bash
# A/B of two `wisp` builds on the benchmark workloads: the two binaries run interleaved, N times
# each per workload, and the minimum user time of each is kept (the least disturbed run on a noisy
# machine). Prints per workload: base time, new time, new/base, and the geometric mean of the
# ratios. For comparing interpreter changes; the comparison against the peers is run.sh.
#   bash Benchmarks/ab.sh BASE_WISP NEW_WISP [N=3]
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 BASE_WISP NEW_WISP [N]" >&2; exit 2; }
A=$1; B=$2; N=${3:-3}
for bin in "$A" "$B"; do [ -x "$bin" ] || { echo "ab: not an executable: $bin" >&2; exit 2; }; done
[ -x /usr/bin/time ] || { echo "ab: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
W=$(cd "$(dirname "$0")" && pwd)/workloads/wasm
utime() { { /usr/bin/time -f %U "$@" >/dev/null; } 2>&1 | tail -1; }
for spec in fib:38 sieve:12 matmul:512 sha256:16 lz77:36 json:128 nbody:1300000 quicksort:3 interp:30000 coremark:1600; do
    w=${spec%%:*}; arg=${spec##*:}
    ba=999; bb=999
    for _ in $(seq "$N"); do
        ta=$(utime "$A" run --invoke run "$W/$w.wasm" "$arg"); tb=$(utime "$B" run --invoke run "$W/$w.wasm" "$arg")
        ba=$(awk -v a="$ba" -v b="$ta" 'BEGIN{print (b < a) ? b : a}')
        bb=$(awk -v a="$bb" -v b="$tb" 'BEGIN{print (b < a) ? b : a}')
    done
    echo "$w $ba $bb $(awk -v a="$ba" -v b="$bb" 'BEGIN{printf "%.3f", b / a}')"
done | awk '{print; if ($2 > 0) { l += log($3 / $2); n++ }} END {printf "geomean new/base %.3f\n", exp(l / n)}'
