#!/usr/bin/env bash
# Cost of Wisp's execution control, per workload, in one script and one binary: fuel metering
# on (--fuel-report) against off, and the sampling profiler at 1,000 Hz (--profile) against off.
# Reports the median of N runs and the ratios, plus their geometric means: CPU seconds (all threads,
# so the profiler's own sampling thread counts against it) and wall-clock seconds (how much the
# program itself is slowed down).
# Usage: bash Benchmarks/control-overhead.sh [RUNS]   (builds wisp in release, or uses $WISP; CSV in Benchmarks/results/)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
if [ -z "${WISP:-}" ]; then
    swift build -c release --product wisp >/dev/null
    WISP=$(swift build -c release --show-bin-path)/wisp
fi
wisp=$WISP
mkdir -p Benchmarks/results
python3 - "$wisp" "$runs" <<'PY'
import math, os, statistics, subprocess, sys, tempfile, time
wisp, runs = sys.argv[1], int(sys.argv[2])
workloads = [("fib", 32), ("sieve", 2), ("matmul", 150), ("sha256", 2), ("lz77", 4), ("json", 8),
             ("nbody", 100000), ("quicksort", 1), ("interp", 3000), ("coremark", 100)]
def cpu(args):
    t0 = os.times()
    w0 = time.perf_counter()
    subprocess.run([wisp, "run"] + args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    w1 = time.perf_counter()
    t1 = os.times()
    wall.append(w1 - w0)
    return (t1.children_user - t0.children_user) + (t1.children_system - t0.children_system)
wall = []
prof = tempfile.mktemp()
rows = []
print("%-10s %8s %8s %8s %7s %7s %9s %9s" % ("workload", "plain s", "fuel s", "prof s", "fuel/x", "prof/x", "wall f/x", "wall p/x"))
wallrows = []
for name, arg in workloads:
    base = ["--invoke", "run", "Benchmarks/workloads/wasm/%s.wasm" % name, str(arg)]
    plain, fuel, profile = [], [], []
    wp, wf, wq = [], [], []
    for _ in range(runs):  # interleaved, so load changes hit all three alike
        plain.append(cpu(base)); wp.append(wall[-1])
        fuel.append(cpu(["--fuel-report"] + base)); wf.append(wall[-1])
        profile.append(cpu(["--profile", prof, "--profile-rate", "1000"] + base)); wq.append(wall[-1])
    p, f, q = statistics.median(plain), statistics.median(fuel), statistics.median(profile)
    a, b, c = statistics.median(wp), statistics.median(wf), statistics.median(wq)
    rows.append((name, p, f, q))
    wallrows.append((a, b, c))
    print("%-10s %8.3f %8.3f %8.3f %7.3f %7.3f %9.3f %9.3f" % (name, p, f, q, f / p, q / p, b / a, c / a))
gm = lambda xs: math.exp(sum(math.log(x) for x in xs) / len(xs))
print("geomean CPU: fuel/plain %.3f, profile/plain %.3f" % (gm([r[2] / r[1] for r in rows]), gm([r[3] / r[1] for r in rows])))
print("geomean wall: fuel/plain %.3f, profile/plain %.3f" % (gm([w[1] / w[0] for w in wallrows]), gm([w[2] / w[0] for w in wallrows])))
with open("Benchmarks/results/control-overhead.csv", "w") as out:
    out.write("workload,plain_s,fuel_s,profile_s\n")
    for r in rows: out.write("%s,%.4f,%.4f,%.4f\n" % r)
PY
