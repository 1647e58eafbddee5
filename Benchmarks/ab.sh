#!/bin/bash
# A/B of two `wisp` builds on the benchmark workloads: the two binaries run interleaved, N times
# each per workload, and the minimum user time of each is kept (the least disturbed run on a noisy
# machine). Prints per workload: base time, new time, new/base, and the geometric mean of the
# ratios (of the ten workloads, of the six added for issue #25, of the real programs of
# Benchmarks/programs.py that are installed, and of all). For comparing interpreter changes;
# the comparison against the peers is run.sh.
#   bash Benchmarks/ab.sh BASE_WISP NEW_WISP [N=3]
#   (AB_ONLY="fib yosys" for a subset; AB_PROGRAMS=0 leaves out the real programs)
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 BASE_WISP NEW_WISP [N]" >&2; exit 2; }
A=$1; B=$2; N=${3:-3}
for bin in "$A" "$B"; do [ -x "$bin" ] || { echo "ab: not an executable: $bin" >&2; exit 2; }; done
[ -x /usr/bin/time ] || { echo "ab: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
W=$(cd "$(dirname "$0")" && pwd)/workloads/wasm
# (time's report goes to a file of its own: the program's output and errors are discarded, and
# redirecting its stderr took time's line with it, so every time read as empty.)
utime() { /usr/bin/time -f %U -o "$out/time" "$@" >/dev/null 2>&1 || true; tail -1 "$out/time"; }
programs=""
if [ "${AB_PROGRAMS:-1}" = 1 ]; then programs=$(python3 "$(dirname "$W")/../programs.py" --list 2>/dev/null || true); fi
ten="fib:38 sieve:12 matmul:512 sha256:16 lz77:36 json:128 nbody:1300000 quicksort:3 interp:30000 coremark:1600"
new="crypto64:48 raytrace:25 dispatch:220 strings:40 memops:150 numeric:120"
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
for spec in $ten $new $(for p in $programs; do echo "program:$p"; done); do
    w=${spec%%:*}; arg=${spec##*:}
    [ "$w" = program ] && w=$arg
    if [ -n "${AB_ONLY:-}" ] && ! [[ " $AB_ONLY " == *" $w "* ]]; then continue; fi
    if [[ $spec == program:* ]]; then
        # A real program of Benchmarks/programs.py, its whole process (start-up included).
        mapfile -t ca < <(python3 "$(dirname "$W")/../programs.py" command-for "$arg" "$A" "$out")
        mapfile -t cb < <(python3 "$(dirname "$W")/../programs.py" command-for "$arg" "$B" "$out")
    else
        ca=("$A" run --invoke run "$W/$w.wasm" "$arg"); cb=("$B" run --invoke run "$W/$w.wasm" "$arg")
    fi
    ba=999; bb=999
    for _ in $(seq "$N"); do
        ta=$(utime "${ca[@]}"); tb=$(utime "${cb[@]}")
        ba=$(awk -v a="$ba" -v b="$ta" 'BEGIN{print (b < a) ? b : a}')
        bb=$(awk -v a="$bb" -v b="$tb" 'BEGIN{print (b < a) ? b : a}')
    done
    group=ten; [[ " $new " == *" $spec "* ]] && group=new; [[ $spec == program:* ]] && group=programs
    echo "$w $ba $bb $(awk -v a="$ba" -v b="$bb" 'BEGIN{printf "%.3f", b / a}') $group"
done | awk '{print $1, $2, $3, $4; if ($2 > 0) { r = log($3 / $2); l += r; n++; g[$5] += r; c[$5]++ }}
    END { for (k in c) printf "geomean new/base (%s) %.3f\n", k, exp(g[k] / c[k]); printf "geomean new/base %.3f\n", exp(l / n) }'
