#!/usr/bin/env python3
"""Differential testing of Wisp's fused instructions: the same modules run on a build with fusion
(fused instructions, accumulator variants, pairs: the default) and on a build without it
(the fusion cut, WISP_NO_FUSION: what the bare-metal firmware runs), unmetered and metered, and everything
observable must agree: instantiation, every export's result or trap, the exported state after
each call (memory size and CRC-32, globals, tables), and with metering the fuel each call and the
start function consumed (fuel is a promise across builds: docs/fuel.md).

Modules: `wasm-tools smith` case N from a seed drawn from random.Random(N), as in difftest.py
(WebAssembly 2.0 features, termination ensured, no imports, everything exported), with
--exceptions and --tail-calls as there. Both sides are Wisp, so exports with v128 parameters or
results are called too (only exnref ones are skipped). Allowed, counted: a call that exhausts the
stack in one build only (the builds' frames differ in size, so their depth limits differ).

Given modules too (--module PATH[:ARG]): the benchmark workloads (their `run` with ARG) and the
regression corpus (Tests/Regressions), which Scripts/fuzz.sh passes.

Usage: fusiondiff.py --fused PATH/wisp-diff --unfused PATH/wisp-diff --cases N [--seed S]
                     [--work DIR] [--keep-going] [--exceptions] [--tail-calls] [--module PATH[:ARG]]...
Exit status: 0 when every case agrees, 1 on any divergence (each saved under WORK/divergences).
"""
import argparse, json, os, random, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difftest  # noqa: E402  (smith, signatures, argument generation, the runner protocol)


def compare(fused, unfused, label):
    """None when the two replies agree, else why not (or "allowed" for a stack-depth difference)."""
    if "crash" in fused or "error" in fused or "crash" in unfused or "error" in unfused:
        return {"why": label + ": wisp-diff failed", "fused": fused, "unfused": unfused}
    if fused.get("instantiate") != unfused.get("instantiate"):
        return {"why": label + ": instantiation", "fused": fused.get("instantiate"), "unfused": unfused.get("instantiate")}
    if fused.get("fuel") != unfused.get("fuel"):
        return {"why": label + ": fuel of instantiation", "fused": fused.get("fuel"), "unfused": unfused.get("fuel")}
    if fused.get("state") != unfused.get("state"):
        return {"why": label + ": state after instantiation", "fused": fused.get("state"), "unfused": unfused.get("state")}
    allowed = False
    for i, (a, b) in enumerate(zip(fused.get("calls", []), unfused.get("calls", []))):
        if a["result"] != b["result"]:
            if "stack_overflow" in a["result"] + b["result"]:
                allowed = True
                continue
            return {"why": f"{label}: call {i}", "fused": a["result"], "unfused": b["result"]}
        if "stack_overflow" in a["result"]:
            continue
        if a.get("state") != b.get("state"):
            return {"why": f"{label}: state after call {i}", "fused": a.get("state"), "unfused": b.get("state")}
        if a.get("fuel") != b.get("fuel"):
            return {"why": f"{label}: fuel of call {i}", "fused": a.get("fuel"), "unfused": b.get("fuel")}
    if len(fused.get("calls", [])) != len(unfused.get("calls", [])):
        return {"why": label + ": number of calls"}
    return "allowed" if allowed else None


def run_case(n, runners, work, max_seed_bytes):
    r = random.Random(n)
    path = os.path.join(work, f"case-{n}.wasm")
    if not difftest.smith(n, path, r, max_seed_bytes):
        return "nomodule", None
    with open(path, "rb") as f:
        wasm = f.read()
    calls = []
    for exp in difftest.read_signatures(wasm):
        if exp[1] != "func":
            continue
        name, _, params, results = exp
        if "exnref" in params or "exnref" in results:
            continue
        args = []
        for p in params:
            if p == "v128":
                args.append("v128:%d:%d" % (r.getrandbits(64), r.getrandbits(64)))
            else:
                args.append(difftest.gen_arg(p, r)[0])
        calls.append({"name": name, "args": args})
    return ask_all({"wasm": path, "calls": calls}, runners)


def ask_all(request, runners):
    """The request on each (label, fused, unfused) pair of runners: the first divergence, or
    agreement (allowed: a stack-depth difference)."""
    allowed = False
    for label, fused, unfused in runners:
        why = compare(fused.ask(request), unfused.ask(request), label)
        if why == "allowed":
            allowed = True
        elif why is not None:
            return "divergence", why
    return ("allowed" if allowed else "agree"), {"calls": len(request["calls"])}


def run_module(spec, runners):
    """Runs one given module (PATH, or PATH:ARG to call its `run` export with ARG, as the benchmark
    workloads take): every exported function, with arguments from a fixed seed."""
    path, _, arg = spec.partition(":")
    with open(path, "rb") as f:
        wasm = f.read()
    r = random.Random(0)
    calls = []
    try:
        sigs = difftest.read_signatures(wasm)
    except (IndexError, ValueError):
        sigs = []  # malformed (the decoder's regressions): only its rejection is compared
    for exp in sigs:
        if exp[1] != "func":
            continue
        name, _, params, results = exp
        if "exnref" in params or "exnref" in results:
            continue
        if arg and name != "run":
            continue  # a workload: only its entry point, which bounds its own work
        if arg:
            args = ["i32:%d" % int(arg)] if params else []
        else:
            args = [("v128:%d:%d" % (r.getrandbits(64), r.getrandbits(64))) if p == "v128" else difftest.gen_arg(p, r)[0]
                    for p in params]
        calls.append({"name": name, "args": args})
    # The sliced runs of these take slices of 10,007 units, not 7: a workload runs millions.
    return ask_all({"wasm": os.path.abspath(path), "calls": calls, "fuelSlice": 10007}, runners)


def run_given_modules(args, runners, counts, label):
    """Runs each --module through the runners, counting divergences in `counts`; returns the
    number of calls compared. Shared with aotdiff.py."""
    total_calls = 0
    for spec in args.module:
        kind, info = run_module(spec, runners)
        if kind == "divergence":
            print(f"DIVERGENCE {spec}: {json.dumps(info, default=str)[:2000]}", flush=True)
            counts["divergence"] += 1
            if not args.keep_going:
                break
        else:
            total_calls += info["calls"]
    if args.module:
        print(f"{label}: {len(args.module)} given modules: "
              f"{'all agree' if not counts['divergence'] else str(counts['divergence']) + ' diverge'}", flush=True)
    return total_calls


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fused", required=True, help="wisp-diff built as usual")
    ap.add_argument("--unfused", required=True, help="wisp-diff built with the fusion cut: $(wisp_cut_flags fusion) from Scripts/lib/cuts.sh")
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--work", default=".fuzz/fusion")
    ap.add_argument("--keep-going", action="store_true")
    ap.add_argument("--max-seed-bytes", type=int, default=8192)
    difftest.add_proposal_arguments(ap)
    ap.add_argument("--module", action="append", default=[], metavar="PATH[:ARG]",
                    help="also run this module (every export; with :ARG only `run`, given ARG); repeatable")
    args = ap.parse_args()
    difftest.enable_proposals(args)
    extra = []
    runners = [
        ("unmetered", difftest.Runner(args.fused, extra), difftest.Runner(args.unfused, extra)),
        ("metered", difftest.Runner(args.fused, extra + ["--fuel"]), difftest.Runner(args.unfused, extra + ["--fuel"])),
        # Suspended and resumed every few units (at every kind of metered branch and call, in
        # every mode), the fused build must still agree with the unfused one run whole.
        ("sliced", difftest.Runner(args.fused, extra + ["--fuel-slice", "7"]), difftest.Runner(args.unfused, extra + ["--fuel"])),
    ]
    work = os.path.abspath(args.work)
    tmp = os.path.join(work, "tmp")
    os.makedirs(tmp, exist_ok=True)
    os.makedirs(os.path.join(work, "divergences"), exist_ok=True)
    counts = {"agree": 0, "allowed": 0, "divergence": 0, "nomodule": 0}
    total_calls = run_given_modules(args, runners, counts, "fusiondiff")
    counts, total_calls, t0 = difftest.run_cases(args, work, lambda n: run_case(n, runners, tmp, args.max_seed_bytes),
                                                 counts, total_calls)
    print(f"fusiondiff: {sum(counts.values())} cases from seed {args.seed} in {time.time() - t0:.0f} s: "
          f"{counts['agree']} agree, {counts['allowed']} with allowed differences (stack depth), "
          f"{counts['divergence']} diverge, {counts['nomodule']} seeds smith could not use; "
          f"{total_calls} calls compared, each unmetered, metered and metered in slices of 7")
    sys.exit(1 if counts["divergence"] else 0)


if __name__ == "__main__":
    main()
