#!/usr/bin/env python3
"""Differential testing of ahead-of-time compiled code (issue #21, docs/aot.md): the same modules
run interpreted and compiled (`wisp-diff --aot`: each module's C built by the C compiler and its
compiled functions run natively), and everything observable must agree: instantiation, every
export's result or trap, and the exported state after each call (memory size and CRC-32, globals,
tables). Fuel is not compared: metered engines interpret (compiled code does not meter yet).

Modules: `wasm-tools smith` cases as in fusiondiff.py (2.0 features without SIMD unless --simd,
since functions with v128 values stay interpreted; termination ensured, no imports, everything
exported; --exceptions and --tail-calls add those proposals, whose functions stay interpreted),
and given modules (--module PATH[:ARG]: the workloads, the regression corpus).
Allowed, counted: a call that exhausts the stack in one mode only (compiled frames are native).

Usage: aotdiff.py --runner PATH/wisp-diff --cases N [--seed S] [--work DIR] [--keep-going]
                  [--exceptions] [--tail-calls] [--module PATH[:ARG]]...
Exit status: 0 when every case agrees, 1 on any divergence (each saved under WORK/divergences).
"""
import argparse, json, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difftest  # noqa: E402
import fusiondiff  # noqa: E402  (the case generation and comparison)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runner", required=True, help="wisp-diff (compiling with --aot)")
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--work", default=".fuzz/aot")
    ap.add_argument("--keep-going", action="store_true")
    ap.add_argument("--max-seed-bytes", type=int, default=8192)
    difftest.add_proposal_arguments(ap)
    ap.add_argument("--simd", action="store_true",
                    help="let smith use SIMD (off by default: functions with v128 stay interpreted, so they test nothing here)")
    ap.add_argument("--module", action="append", default=[], metavar="PATH[:ARG]",
                    help="also run this module (every export; with :ARG only `run`, given ARG); repeatable")
    args = ap.parse_args()
    difftest.enable_proposals(args)
    if not args.simd:
        i = difftest.SMITH_FLAGS.index("--simd-enabled")
        difftest.SMITH_FLAGS[i + 1] = "false"
    # (fusiondiff's reports name the sides "fused" and "unfused": here interpreted and compiled.)
    runners = [("interpreted vs compiled", difftest.Runner(args.runner, []), difftest.Runner(args.runner, ["--aot"]))]
    work = os.path.abspath(args.work)
    tmp = os.path.join(work, "tmp")
    os.makedirs(tmp, exist_ok=True)
    os.makedirs(os.path.join(work, "divergences"), exist_ok=True)
    counts = {"agree": 0, "allowed": 0, "divergence": 0, "nomodule": 0}
    total_calls = fusiondiff.run_given_modules(args, runners, counts, "aotdiff")
    counts, total_calls, t0 = difftest.run_cases(args, work, lambda n: fusiondiff.run_case(n, runners, tmp, args.max_seed_bytes),
                                                 counts, total_calls)
    print(f"aotdiff: {sum(counts.values())} cases from seed {args.seed} in {time.time() - t0:.0f} s: "
          f"{counts['agree']} agree, {counts['allowed']} with allowed differences (stack depth), "
          f"{counts['divergence']} diverge, {counts['nomodule']} seeds smith could not use; "
          f"{total_calls} calls compared, interpreted against compiled")
    sys.exit(1 if counts["divergence"] else 0)


if __name__ == "__main__":
    main()
