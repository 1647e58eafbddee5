#!/usr/bin/env python3
"""Generates Wisp's instruction-set lists from ISA/instructions.isa, and the instruction pairs from
the broad dispatch profile ISA/profile.txt by the rule in ISA/pairs.isa.

  python3 Scripts/generate-isa.py           writes the generated files
  python3 Scripts/generate-isa.py --check   exits 1, naming them, when any is out of date
  python3 Scripts/generate-isa.py --pairs-from workload,yosys
        the pairs chosen from those groups or programs of the profile only (for measuring pairs on
        programs they were not chosen from, in a copy of the tree)
  python3 Scripts/generate-isa.py --pairs-without python,python-objects
        the same, from all programs but those

(Scripts/generate-isa.sh runs it.) The table's format is described at its top. Every error in the
table is reported with its file and line, and nothing is written then.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = "ISA/instructions.isa"
PAIRS = "ISA/pairs.isa"
PROFILE = "ISA/profile.txt"
# --pairs-from GROUP_OR_PROGRAM,...: choose the pairs from those programs of the profile only (an
# experiment: pairs chosen from some programs, measured on the others; never committed).
PAIRS_FROM = None
# --pairs-without GROUP_OR_PROGRAM,...: the same, from all programs but those.
PAIRS_WITHOUT = set()
OUT_C = "Sources/WispDispatch/include/WispISA.h"
OUT_SWIFT = "Sources/Wisp/Interpreter/ISA.swift"
OUT_CUTS = "Scripts/lib/cuts.sh"
OUT_DISPATCH = "Sources/Wisp/Interpreter/Dispatch.swift"
HANDLERS = "Sources/Wisp/Interpreter/Handlers"
CATEGORIES = ["control", "call", "data", "memory", "table", "simd", "numeric", "exception"]
EFFECTS = {"b": "branches", "t": "traps", "s": "suspends", "c": "calls"}
# Optional KEY=VALUE words before an instruction's layout.
ATTRIBUTES = {"immediate": "the form of NumericOp VALUE with a constant right operand"}


class TableError(Exception):
    pass


def read(path):
    with open(os.path.join(ROOT, path)) as f:
        return f.read().splitlines()


def parse():
    cuts, modes, families, ops, notes = [], {}, {}, [], {}
    pending = []
    for n, line in enumerate(read(TABLE), 1):
        where = "%s:%d" % (TABLE, n)
        if line.startswith("## "):
            pending.append(line[3:])
            continue
        text = line.split("#", 1)[0].strip() if not line.startswith("op ") else line.strip()
        if not text:
            continue
        f = text.split()
        kind = f[0]
        if kind == "cut":
            if len(f) < 3 or not re.fullmatch(r"WISP_NO_[A-Z0-9_]+", f[2]):
                raise TableError(where + ": cut NAME WISP_NO_FLAG text")
            cuts.append((f[1], f[2], " ".join(f[3:])))
        elif kind == "mode":
            if len(f) < 4 or not f[2].isdigit():
                raise TableError(where + ": mode NAME VALUE SWIFTNAME text")
            modes[f[1]] = (int(f[2]), f[3], " ".join(f[4:]))
        elif kind == "family":
            names = []
            for m in f[2:]:
                if m not in modes:
                    break
                names.append(m)
            if not names:
                raise TableError(where + ": family %s has no modes" % f[1])
            families[f[1]] = (names, " ".join(f[2 + len(names):]))
        elif kind == "op":
            if len(f) < 8:
                raise TableError(where + ": op NAME CATEGORY CUT FAMILY EFFECTS METERED LAYOUT")
            name, category, cut, family, effects, metered = f[1:7]
            attrs, rest = {}, f[7:]
            while rest and "=" in rest[0] and not rest[0].startswith("["):
                key, _, value = rest.pop(0).partition("=")
                if key not in ATTRIBUTES:
                    raise TableError(where + ": unknown attribute %s (have: %s)" % (key, ", ".join(ATTRIBUTES)))
                attrs[key] = value
            if not rest or not rest[0].startswith("["):
                raise TableError(where + ": the layout starts with [")
            layout = " ".join(rest)
            if category not in CATEGORIES:
                raise TableError(where + ": category %s is not one of %s" % (category, ", ".join(CATEGORIES)))
            if cut != "-" and cut not in [c[0] for c in cuts]:
                raise TableError(where + ": unknown cut " + cut)
            if family != "-" and family not in families:
                raise TableError(where + ": unknown family " + family)
            if effects != "-" and (set(effects) - set(EFFECTS)):
                raise TableError(where + ": effects are letters of " + "".join(EFFECTS))
            if family != "-" and cut not in ("-", "fusion"):
                raise TableError(where + ": accumulator variants exist only with fusion")
            ops.append({"name": name, "category": category, "cut": cut, "family": family, "attrs": attrs,
                        "effects": "" if effects == "-" else effects, "metered": metered,
                        "layout": layout, "where": where, "notes": pending})
            pending = []
        else:
            raise TableError(where + ": unknown line kind " + kind)
    names = [o["name"] for o in ops]
    seen = set()
    for o in ops:
        if o["name"] in seen:
            raise TableError(o["where"] + ": %s is defined twice" % o["name"])
        seen.add(o["name"])
    for o in ops:
        if o["metered"] != "-" and o["metered"] not in seen:
            raise TableError(o["where"] + ": metered twin %s is not an instruction" % o["metered"])
    # The C table puts every variant after the plain instructions, which must fit 16 bits.
    if len(ops) + sum(len(families[o["family"]][0]) for o in ops if o["family"] != "-") > 0xFFFF:
        raise TableError(TABLE + ": more than 65,535 handlers")
    pairs = choose_pairs({o["name"]: o for o in ops}, families)
    return cuts, modes, families, ops, pairs


def pair_error(where, a, ma, b, mb, byname, families):
    """Why (a, ma, b, mb) cannot be a pair, or None."""
    for op, m in ((a, ma), (b, mb)):
        if op not in byname:
            return where + ": unknown instruction " + op
        if m != "N" and (byname[op]["family"] == "-" or m not in families[byname[op]["family"]][0]):
            return where + ": %s has no mode %s" % (op, m)
        if byname[op]["cut"] not in ("-", "fusion"):
            # A build without that cut keeps the pairs but has no such body.
            return where + ": %s belongs to the %s cut" % (op, byname[op]["cut"])
    if "b" in byname[a]["effects"]:
        return where + ": %s may branch, so it cannot start a pair" % a
    if "c" in byname[a]["effects"]:
        return where + ": %s calls (pc moves to the callee), so it cannot start a pair" % a
    return None


def choose_pairs(byname, families):
    """The pairs, chosen from the broad profile (PROFILE) by the rule in PAIRS: [(first, mode,
    second, mode, mean ppm, support)] in decreasing mean share."""
    rule, drops = None, set()
    for n, line in enumerate(read(PAIRS), 1):
        where = "%s:%d" % (PAIRS, n)
        f = line.split("#", 1)[0].split()
        if not f:
            continue
        if f[0] == "choose" and len(f) == 5 and all(x.isdigit() for x in f[1:]):
            rule = tuple(int(x) for x in f[1:])
        elif f[0] == "drop" and len(f) == 5:
            err = pair_error(where, *f[1:], byname, families)
            if err:
                raise TableError(err)
            drops.add(tuple(f[1:]))
        else:
            raise TableError(where + ": choose HOT WARM SUPPORT MAX, or drop FIRST MODE SECOND MODE")
    if rule is None:
        raise TableError(PAIRS + ": no `choose HOT WARM SUPPORT MAX` line")
    hotShare, warmShare, support, most = rule
    programs, module = {}, {}
    current = None
    for n, line in enumerate(read(PROFILE), 1):
        where = "%s:%d" % (PROFILE, n)
        f = line.split("#", 1)[0].split()
        if not f:
            continue
        if f[0] == "program" and len(f) == 4:
            if (PAIRS_FROM is not None and f[2] not in PAIRS_FROM and f[1] not in PAIRS_FROM) or \
                    f[1] in PAIRS_WITHOUT or f[2] in PAIRS_WITHOUT:
                current = {}  # left out of this experiment's choice
                continue
            current = programs.setdefault(f[1], {})
            # The runs of one module (python, python-objects: one interpreter, two scripts) count
            # once towards a pair's support.
            module[f[1]] = f[1].split("-")[0]
        elif f[0] == "pair" and len(f) == 4 and current is not None and f[1].isdigit():
            a, _, ma = f[2].partition("_")
            b, _, mb = f[3].partition("_")
            current[(a, ma or "N", b, mb or "N")] = int(f[1])
        else:
            raise TableError(where + ": program NAME GROUP DISPATCHES, or pair PPM FIRST SECOND after a program")
    if not programs:
        raise TableError(PROFILE + ": no programs")
    candidates = []
    for key in sorted(set(k for p in programs.values() for k in p)):
        if key in drops or pair_error("", *key, byname, families):
            continue
        hot = any(p.get(key, 0) >= hotShare for p in programs.values())
        warm = set(module[name] for name, p in programs.items() if p.get(key, 0) >= warmShare)
        if hot and len(warm) >= support:
            mean = sum(p.get(key, 0) for p in programs.values()) // len(programs)
            candidates.append((key[0], key[1], key[2], key[3], mean, len(warm)))
    candidates.sort(key=lambda c: (-c[4], c[:4]))
    return candidates[:most]


GENERATED = "GENERATED by Scripts/generate-isa.sh from ISA/instructions.isa, ISA/pairs.isa and ISA/profile.txt: do not edit."


def gen_c(cuts, modes, families, ops, pairs):
    out = ["// " + GENERATED, "//",
           "// The interpreter's handler lists, included by WispDispatch.h (which explains them).",
           "", "#ifndef WISP_ISA_H", "#define WISP_ISA_H", "",
           "// Each other cut's instructions are C when it is made (the translator of such a build never",
           "// emits them, so their handlers are left out and their entries name `unreachable`), X otherwise.",
           ""]
    for name, flag, _text in cuts:
        if name == "fusion":
            continue
        out += ["#ifdef %s" % flag, "#define WISP_CUT_%s(X, C) C" % name, "#else",
                "#define WISP_CUT_%s(X, C) X" % name, "#endif"]
    out += ["",
           "// Every instruction in opcode order: X plain, F fused (left out by the fusion cut), C those",
           "// of another cut that is made (above), then the accumulator variants V(name, mode).",
           "#define WISP_OPS(X, F, V, C) \\"]
    line = "   "
    for o in ops:
        if o["cut"] == "fusion":
            item = " F(%s)" % o["name"]
        elif o["cut"] != "-":
            item = " WISP_CUT_%s(X, C)(%s)" % (o["cut"], o["name"])
        else:
            item = " X(%s)" % o["name"]
        if len(line) + len(item) > 110:
            out.append(line + " \\")
            line = "   "
        line += item
    out.append(line + " \\")
    out.append("    WISP_VARIANTS(V)")
    out.append("")
    out.append("// Accumulator modes: bits of an instruction's word 0 while the translator works.")
    for name, (value, _swift, text) in modes.items():
        out.append("#define WISP_MODE_%s %d  // %s" % (name, value, text))
    out.append("")
    out.append("// The accumulator variants, by family, in opcode order.")
    out.append("#define WISP_VARIANTS(V) \\")
    line = "   "
    for o in ops:
        if o["family"] == "-":
            continue
        for m in families[o["family"]][0]:
            item = " V(%s, %s)" % (o["name"], m)
            if len(line) + len(item) > 110:
                out.append(line + " \\")
                line = "   "
            line += item
    out.append(line)
    out.append("")
    out.append("// The pairs, chosen from ISA/profile.txt by the rule in ISA/pairs.isa: P(first, its mode, second, its mode).")
    out.append("#define WISP_PAIRS(P) \\")
    for i, (a, ma, b, mb, _mean, _support) in enumerate(pairs):
        out.append("    P(%s, %s, %s, %s)%s" % (a, ma, b, mb, " \\" if i < len(pairs) - 1 else ""))
    out.append("")
    out.append("#endif")
    return "\n".join(out) + "\n"


def swift_modes(families, family, modes):
    return ", ".join(str(modes[m][0]) for m in families[family][0])


def gen_swift(cuts, modes, families, ops, pairs):
    out = ["// " + GENERATED, "//",
           "// The internal instruction set (docs/interpreter.md): `Op`, the accumulator modes and families,",
           "// the pairs, and what the table says of each instruction. The layouts are in ISA/instructions.isa.",
           "", "import WispDispatch", "",
           "/// The translated code's instructions; a case's raw value is its opcode (its index in the",
           "/// C handler table).",
           "enum Op: UInt16 {"]
    for o in ops:
        for note in o["notes"]:
            out.append("    // " + note)
        out.append("    /// `%s`%s" % (o["layout"], "" if o["cut"] == "-" else " (cut: %s)" % o["cut"]))
        out.append("    case %s" % o["name"])
    out.append("}")
    out.append("")
    out.append("/// Accumulator modes (WISP_MODE_* in WispISA.h): bits of a translated instruction's word 0,")
    out.append("/// above its opcode (bits 16 to 21), while the translator works; `link` turns the pair into")
    out.append("/// the variant's handler.")
    out.append("enum AccumulatorMode {")
    for name, (value, swift, text) in modes.items():
        if swift in ("-", "none"):
            continue
        out.append("    /// %s: %s" % (name, text))
        out.append("    static let %s: UInt64 = %d" % (swift, value))
    out.append("    /// Where the mode sits in word 0, and its width.")
    out.append("    static let shift: UInt64 = 16")
    out.append("    static let mask: UInt64 = 0x3F")
    out.append("}")
    out.append("")
    out.append("/// The accumulator families: which modes an instruction has, in the order its variants'")
    out.append("/// handlers follow the plain instructions.")
    out.append("enum AccumulatorKind {")
    for fam, (ms, text) in families.items():
        out.append("    /// %s: %s." % (" ".join(ms), text[:1].upper() + text[1:] if text else fam))
        out.append("    case %s" % fam)
    out.append("")
    out.append("    /// The variants' modes, in handler order.")
    out.append("    var modes: [UInt64] {")
    out.append("        switch self {")
    for fam in families:
        out.append("        case .%s: [%s]" % (fam, swift_modes(families, fam, modes)))
    out.append("        }")
    out.append("    }")
    out.append("}")
    out.append("")
    out.append("extension Op {")
    out.append("    /// The instruction's accumulator family, if it has one.")
    out.append("    var accumulatorKind: AccumulatorKind? {")
    out.append("        switch self {")
    for fam in families:
        members = [o["name"] for o in ops if o["family"] == fam]
        if members:
            out.append("        case " + ", ".join("." + m for m in members) + ":")
            out.append("            return .%s" % fam)
    out.append("        default:")
    out.append("            return nil")
    out.append("        }")
    out.append("    }")
    out.append("")
    out.append("    /// The number of plain instructions: the variants' handlers follow them in the table.")
    out.append("    static let plainCount = %d" % len(ops))
    out.append("")
    out.append("    /// The form of numeric operator `n` with a constant right operand (the table's")
    out.append("    /// `immediate=`), if it has one.")
    out.append("    static func immediateForm(of n: NumericOp) -> Op? {")
    out.append("        switch n {")
    for o in ops:
        if "immediate" in o["attrs"]:
            out.append("        case .%s: .%s" % (o["attrs"]["immediate"], o["name"]))
    out.append("        default: nil")
    out.append("        }")
    out.append("    }")
    out.append("")
    out.append("    /// The instruction emitted instead when fuel metering is on, if it has one.")
    out.append("    var meteredTwin: Op? {")
    out.append("        switch self {")
    for o in ops:
        if o["metered"] != "-":
            out.append("        case .%s: .%s" % (o["name"], o["metered"]))
    out.append("        default: nil")
    out.append("        }")
    out.append("    }")
    for letter, word in EFFECTS.items():
        members = [o["name"] for o in ops if letter in o["effects"]]
        doc = {"b": "may change pc to anything but the next instruction (branch, return, throw)",
               "t": "may trap", "s": "may suspend or stop the run (fuel, interrupt, host call)",
               "c": "calls a function"}[letter]
        out.append("")
        out.append("    /// Whether the instruction %s." % doc)
        out.append("    var %s: Bool {" % word)
        out.append("        switch self {")
        for i in range(0, len(members), 8):
            chunk = ", ".join("." + m for m in members[i:i + 8])
            out.append(("        case " if i == 0 else "             ") + chunk + ("," if i + 8 < len(members) else ":"))
        out.append("            return true")
        out.append("        default:")
        out.append("            return false")
        out.append("        }")
        out.append("    }")
    out.append("}")
    out.append("")
    out.append("extension Op {")
    out.append("    /// Two instructions in a row run by one handler (WISP_PAIRS, same order): (first, its")
    out.append("    /// mode, second, its mode), chosen from the broad profile ISA/profile.txt by the rule in")
    out.append("    /// ISA/pairs.isa.")
    out.append("#if WISP_NO_FUSION")
    out.append("    // Builds without fusion have no pairs (nor the table's code: the firmware's 150 KB budget).")
    out.append("    static let pairs: [(Op, UInt64, Op, UInt64)] = []")
    out.append("#else")
    out.append("    static let pairs: [(Op, UInt64, Op, UInt64)] = [")
    for a, ma, b, mb, mean, support in pairs:
        out.append("        (.%s, %d, .%s, %d),  // %s %s: %d ppm of dispatches (mean), warm in %d modules" % (
            a, modes[ma][0], b, modes[mb][0], ma, mb, mean, support))
    out.append("    ]")
    out.append("#endif")
    out.append("}")
    return "\n".join(out) + "\n"


def gen_cuts(cuts):
    out = ["# " + GENERATED, "#",
           "# The build-time cuts (ISA/instructions.isa). `wisp_cut_flags NAME...` prints the compiler",
           "# flags of the named cuts, each defined for Swift and for C, so no build defines one",
           "# without the other:",
           "#     swift build $(wisp_cut_flags fusion simd)      (swiftc: $(wisp_cut_swiftc_flags ...))",
           "# `wisp_cut_names` lists them.",
           "", "wisp_cut_flags() {", "    local c", "    for c in \"$@\"; do", "        case \"$c\" in"]
    for name, flag, text in cuts:
        out.append("            %s) printf -- '-Xswiftc -D%s -Xcc -D%s ' ;;  # %s" % (name, flag, flag, text))
    out.append("            *) echo \"unknown cut: $c (have: %s)\" >&2; return 1 ;;" % " ".join(c[0] for c in cuts))
    out.append("        esac")
    out.append("    done")
    out.append("}")
    out.append("")
    out.append("wisp_cut_names() { echo %s; }" % " ".join(c[0] for c in cuts))
    out.append("")
    out.append("# The same flags as swiftc takes them directly (no -Xswiftc).")
    out.append("wisp_cut_swiftc_flags() {")
    out.append("    local c")
    out.append("    for c in \"$@\"; do")
    out.append("        case \"$c\" in")
    for name, flag, text in cuts:
        out.append("            %s) printf -- '-D %s -Xcc -D%s ' ;;" % (name, flag, flag))
    out.append("            *) echo \"unknown cut: $c\" >&2; return 1 ;;")
    out.append("        esac")
    out.append("    done")
    out.append("}")
    return "\n".join(out) + "\n"



DISPATCH_HEAD = """// %s
//
// The exports the C handlers call (WispDispatch.h: each handler calls `wisp_op_NAME` and inlines
// it), and the three functions that reference the handler table. They must share this file: in
// a multi-threaded whole-module build every file is its own LLVM module, the C handlers are
// emitted in the module that references the table, and LLVM can inline into a handler only the
// functions defined in that module. Each export forwards to its body `op_NAME` in Handlers/,
// which the Swift optimizer inlines into it (whole-module, across files), so each handler ends
// up a straight run of machine code with no call on its fast path.

import WispDispatch

extension VMState {
    /// Runs translated code from `pc` until an instruction leaves (see `stop`). Never inlined:
    /// the handlers must be emitted in this file's LLVM module (see above).
    @inline(never)
    static func run(_ vm: UnsafeMutablePointer<VMState>, pc: Code, fp: Slots, md: UnsafeMutableRawPointer, ms: UInt64, fuel: UInt64,
                    acc: UInt64) {
        wisp_run(pc, fp, md, ms, fuel, acc, vm)
    }

    /// The word that names `op`'s handler in translated code (direct threading: see `WISP_NEXT` in
    /// WispDispatch.h), for the translator to put in place of the opcode in the low 32 bits of an
    /// instruction's first word. Never inlined, for the reason `run` is not: the handler table
    /// must be referenced from this file only, where the handlers are emitted; another LLVM
    /// module would get handlers of its own, at other addresses.
    @inline(never)
    static func handlerWord(_ op: UInt16) -> UInt64 {
        let w = wisp_handler_word(UInt32(op))
        // 64-bit targets store the handler's distance from the first handler in 32 bits.
        precondition(Int32(exactly: w) != nil || MemoryLayout<Int>.size == 4, "handler out of reach")
        return UInt64(UInt32(truncatingIfNeeded: w))
    }

    /// The handler word of pair `i` (Op.pairs). Never inlined, like `handlerWord`.
    @inline(never)
    static func pairWord(_ i: UInt16) -> UInt64 {
        let w = wisp_pair_word(UInt32(i))
        precondition(Int32(exactly: w) != nil, "handler out of reach")
        return UInt64(UInt32(truncatingIfNeeded: w))
    }
""" % GENERATED.replace("ISA/instructions.isa, ISA/pairs.isa and ISA/profile.txt", "ISA/instructions.isa")


def check_bodies(ops):
    """Every instruction needs a body `op_NAME` in Handlers/, in the file of its category."""
    files = {}
    folder = os.path.join(ROOT, HANDLERS)
    for name in sorted(os.listdir(folder)):
        if name.endswith(".swift"):
            with open(os.path.join(folder, name)) as f:
                files[name] = f.read()
    missing = []
    for o in ops:
        pattern = re.compile(r"\bfunc op_%s\(" % o["name"])
        where = [n for n, text in files.items() if pattern.search(text)]
        if not where:
            missing.append("%s: no body `func op_%s(` in %s/" % (o["where"], o["name"], HANDLERS))
        elif len(where) > 1:
            missing.append("%s: op_%s is defined in %s" % (o["where"], o["name"], " and ".join(where)))
    if missing:
        raise TableError("\n".join(missing))


def gen_dispatch(ops):
    out = [DISPATCH_HEAD.rstrip("\n"), ""]
    sig = ("_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, "
           "_ fuel: inout UInt64,\n        _ acc: inout UInt64, _ mode: UInt32")
    for o in ops:
        out.append("    @_silgen_name(\"wisp_op_%s\") @inline(__always)" % o["name"])
        out.append("    mutating func wisp_op_%s(%s) -> UInt {" % (o["name"], sig))
        out.append("        op_%s(&pc, &fp, &md, &ms, &fuel, &acc, mode)" % o["name"])
        out.append("    }")
    out.append("}")
    return "\n".join(out) + "\n"

def main():
    global PAIRS_FROM, PAIRS_WITHOUT
    check = "--check" in sys.argv[1:]
    if "--pairs-from" in sys.argv[1:]:
        i = sys.argv.index("--pairs-from")
        PAIRS_FROM = set(sys.argv[i + 1].split(",")) if i + 1 < len(sys.argv) else set()
    if "--pairs-without" in sys.argv[1:]:
        i = sys.argv.index("--pairs-without")
        PAIRS_WITHOUT.update(sys.argv[i + 1].split(",") if i + 1 < len(sys.argv) else [])
    try:
        cuts, modes, families, ops, pairs = parse()
        check_bodies(ops)
    except TableError as e:
        print("generate-isa: " + str(e).replace("\n", "\ngenerate-isa: "), file=sys.stderr)
        return 2
    files = {OUT_C: gen_c(cuts, modes, families, ops, pairs),
             OUT_SWIFT: gen_swift(cuts, modes, families, ops, pairs),
             OUT_CUTS: gen_cuts(cuts),
             OUT_DISPATCH: gen_dispatch(ops)}
    stale = []
    for path, text in files.items():
        full = os.path.join(ROOT, path)
        old = open(full).read() if os.path.exists(full) else None
        if old != text:
            stale.append(path)
            if not check:
                with open(full, "w") as f:
                    f.write(text)
    if check:
        if stale:
            print("generate-isa: out of date (run bash Scripts/generate-isa.sh): " + ", ".join(stale), file=sys.stderr)
            return 1
        print("generate-isa: %d instructions, %d variants, %d pairs: generated files up to date" % (
            len(ops), sum(len(families[o["family"]][0]) for o in ops if o["family"] != "-"), len(pairs)))
        return 0
    print("generate-isa: %d instructions, %d pairs; wrote %s" % (len(ops), len(pairs), ", ".join(stale) or "nothing (up to date)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
