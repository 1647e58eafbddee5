#!/usr/bin/env bash
# Dispatch profile: how often each handler runs and which two handlers run one after the other,
# counted by an instrumented copy of Wisp (a patched copy of Sources in .build-profile/, never
# this tree), built without pairs so that the counts show every instruction on its own.
#   bash Benchmarks/dispatch-profile.sh --profile
#       the broad profile the instruction pairs are chosen from: the ten workloads and the six
#       added for issue #25 (small sizes), the real programs of Benchmarks/programs.py and the
#       2.0 spec testsuite; writes ISA/profile.txt, which Scripts/generate-isa.sh reads
#       (ISA/pairs.isa says how it chooses)
#   bash Benchmarks/dispatch-profile.sh [NAME:ARG ...]     (default: the ten workloads, small sizes)
#   bash Benchmarks/dispatch-profile.sh program:python program:yosys spec:wasm-2.0/json ...
#       (real programs of Benchmarks/programs.py, or a folder of ../shared/testsuite run by
#       `wisp spectest`, through the instrumented wisp)
# Writes Benchmarks/results/dispatch-profile/counts-NAME.txt ("op COUNT HANDLER" and
# "pair COUNT FIRST SECOND" lines) and prints, per run, the most frequent pairs whose first
# instruction falls through (the candidates) that are not pairs yet.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
work="$root/.build-profile"
out="$here/results/dispatch-profile"
ten=(fib:25 sieve:2 matmul:200 sha256:2 lz77:4 json:8 nbody:100000 quicksort:1 interp:2000 coremark:100)
six=(crypto64:2 raytrace:2 dispatch:20 strings:2 memops:4 numeric:4)
profile=0
if [ "${1:-}" = --profile ]; then
    profile=1
    specs=("${ten[@]}" "${six[@]}")
    for p in $(python3 "$here/programs.py" --list); do specs+=("program:$p"); done
    # Each again with fuel metering on, whose branches and calls are other instructions
    # (docs/fuel.md): its pairs are chosen the same way.
    for s in "${specs[@]}"; do specs+=("$s+fuel"); done
    specs+=(spec:wasm-2.0/json)
else
    specs=("$@")
    [ ${#specs[@]} -gt 0 ] || specs=("${ten[@]}")
fi
shared="${WISP_SHARED:-$root/../shared}"
mkdir -p "$work" "$out"
rm -rf "$work/Sources" "$work/Examples" "$work/Tests"
cp -r "$root/Sources" "$root/Examples" "$root/Tests" "$work/"
cp "$root/Package.swift" "$work/"
python3 - "$work" <<'EOF'
import sys
work = sys.argv[1]
p = work + '/Sources/WispDispatch/include/WispDispatch.h'
s = open(p).read()
# Per-handler and per-pair counters, bumped at the top of every handler; dumped when a run ends.
s = s.replace('typedef WISP_HANDLER_CC void (*wisp_handler)', '''#define WISP_IDX_X(name) wisp_idx_##name,
#define WISP_IDX_V(name, m) wisp_idx_##name##_##m,
enum { WISP_OPS(WISP_IDX_X, WISP_IDX_X, WISP_IDX_V) wisp_idx_count };
#define WISP_NM_X(name) #name,
#define WISP_NM_V(name, m) #name "_" #m,
static const char *wisp_count_names[] = { WISP_OPS(WISP_NM_X, WISP_NM_X, WISP_NM_V) };
#include <stdio.h>
#include <stdlib.h>
extern uint64_t wisp_counts[1024];
extern uint64_t wisp_pair_counts[1024][1024];
extern unsigned wisp_prev;
void wisp_dump_c(void);
static inline void wisp_dump(void) { wisp_dump_c(); }
static inline void wisp_dump_now(void) {
    const char *path = getenv("WISP_COUNTS_FILE");
    FILE *f = fopen(path ? path : "wisp-counts.txt", "w");
    if (!f) return;
    for (unsigned i = 0; i < wisp_idx_count; i++) if (wisp_counts[i]) fprintf(f, "op %llu %s\\n", (unsigned long long)wisp_counts[i], wisp_count_names[i]);
    for (unsigned i = 0; i < wisp_idx_count; i++) for (unsigned j = 0; j < wisp_idx_count; j++)
        if (wisp_pair_counts[i][j]) fprintf(f, "pair %llu %s %s\\n", (unsigned long long)wisp_pair_counts[i][j], wisp_count_names[i], wisp_count_names[j]);
    fclose(f);
}
typedef WISP_HANDLER_CC void (*wisp_handler)''', 1)
hook = '        uintptr_t leave; \\'
assert s.count(hook) == 3, s.count(hook)
# The two single-body handler macros count; the pair macro goes unused (no pairs below).
s = s.replace(hook, '        uintptr_t leave; { unsigned op = wisp_idx_##handler; wisp_counts[op]++; wisp_pair_counts[wisp_prev][op]++; wisp_prev = op; } \\', 2)
open(p, 'w').write(s)
p = work + '/Sources/WispDispatch/include/WispISA.h'
s = open(p).read()
i = s.index('#define WISP_PAIRS(P)')
j = s.index('\n\n', i)
s = s[:i] + '#define WISP_PAIRS(P)' + s[j:]
open(p, 'w').write(s)
p = work + '/Sources/Wisp/Interpreter/Dispatch.swift'
s = open(p).read()
assert '        wisp_run(pc, fp, md, ms, fuel, acc, vm)\n' in s
s = s.replace('        wisp_run(pc, fp, md, ms, fuel, acc, vm)\n', '        wisp_run(pc, fp, md, ms, fuel, acc, vm)\n        wisp_dump()\n')
open(p, 'w').write(s)
open(work + '/Sources/WispDispatch/dispatch.c', 'w').write('#include "WispDispatch.h"\n'
    'uint64_t wisp_counts[1024]; uint64_t wisp_pair_counts[1024][1024]; unsigned wisp_prev;\n'
    '#include <stdlib.h>\n'
    '/* The counts are written once, when the process exits (a WASI program leaves the\n'
    '   interpreter at every host call). */\n'
    'static int wisp_registered;\n'
    'void wisp_dump_c(void) { if (!wisp_registered) { wisp_registered = 1; atexit(wisp_dump_now); } }\n')
EOF
echo "==> building the instrumented wisp (release)"
swift build -c release --package-path "$work" --scratch-path "$work/.build" --product wisp 2>&1 | grep -E "error:|Compiling|Build" | tail -3
for spec in "${specs[@]}"; do
    # NAME:ARG+fuel: the same run with fuel metering on (an ample budget), counted apart.
    fuel=(); suffix=""
    if [[ $spec == *+fuel ]]; then spec=${spec%+fuel}; fuel=(--fuel 1000000000000000000); suffix=-metered; fi
    name=${spec%%:*}; arg=${spec##*:}
    if [ "$name" = program ]; then
        # A real program: its command line from programs.py, with the instrumented wisp.
        outdir=$(mktemp -d)
        mapfile -t cmd < <(python3 "$here/programs.py" command-for "$arg" "$work/.build/release/wisp" "$outdir")
        WISP_COUNTS_FILE="$out/counts-$arg$suffix.txt" "${cmd[0]}" "${cmd[1]}" "${fuel[@]}" "${cmd[@]:2}" >/dev/null || true
        rm -rf "$outdir"
        continue
    fi
    if [ "$name" = spec ]; then
        # A folder of spec scripts, all in one process (the counts are written at exit).
        WISP_COUNTS_FILE="$out/counts-spec-${arg//\//-}.txt" "$work/.build/release/wisp" spectest "$shared/testsuite/$arg" >/dev/null || true
        continue
    fi
    WISP_COUNTS_FILE="$out/counts-$name$suffix.txt" "$work/.build/release/wisp" run "${fuel[@]}" --invoke run "$here/workloads/wasm/$name.wasm" "$arg" >/dev/null
done
if [ $profile = 1 ]; then
    python3 - "$out" "$root/ISA" "${ten[*]}" "${specs[@]}" <<'EOF'
import collections, sys, time
out, isa, ten, specs = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4:]
ten = {t.split(':')[0] for t in ten}
control = set()
for line in open(isa + '/instructions.isa'):
    f = line.split()
    if f and f[0] == 'op' and 'b' in f[5]:
        control.add(f[1])
lines = ['# GENERATED by Benchmarks/dispatch-profile.sh --profile (%s): do not edit; rerun it.' % time.strftime('%Y-%m-%d'),
         '# The broad dispatch profile the instruction pairs are chosen from (ISA/pairs.isa says how).',
         '#   program NAME GROUP DISPATCHES     NAME-metered: the same run with fuel metering on',
         '#                                     GROUP: workload (the ten), new (the six added for issue #25),',
         '#                                     program (real programs from PyPI wheels), spec (the testsuite)',
         '#   pair PPM FIRST SECOND             two handlers in a row, in parts per million of the program\'s',
         '#                                     dispatches; only pairs whose first falls through, from 100 ppm',
         '']
for spec in specs:
    metered = spec.endswith('+fuel')
    kind, _, arg = spec[:-5 if metered else None].partition(':')
    if kind == 'program': name, group = arg, 'program'
    elif kind == 'spec': name, group = 'spec-' + arg.replace('/', '-'), 'spec'
    else: name, group = kind, 'workload' if kind in ten else 'new'
    if metered: name += '-metered'
    ops, pairs = 0, collections.Counter()
    for line in open('%s/counts-%s.txt' % (out, name)):
        f = line.split()
        if f[0] == 'op': ops += int(f[1])
        elif f[2].split('_')[0] not in control: pairs[(f[2], f[3])] += int(f[1])
    lines.append('program %s %s %d' % (name, group, ops))
    for (a, b), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        ppm = n * 1000000 // ops
        if ppm >= 100:
            lines.append('pair %d %s %s' % (ppm, a, b))
open(isa + '/profile.txt', 'w').write('\n'.join(lines) + '\n')
print('wrote ISA/profile.txt: %d programs, %d pair lines' % (len(specs), sum(l.startswith('pair') for l in lines)))
EOF
    exit 0
fi
python3 - "$out" "$root/ISA" "${specs[@]}" <<'EOF'
import collections, re, sys
out, isa, specs = sys.argv[1], sys.argv[2], sys.argv[3:]
# First instructions that may branch (effects with b in the table): a pair runs its second body
# right after its first.
control = set()
for line in open(isa + '/instructions.isa'):
    f = line.split()
    if f and f[0] == 'op' and 'b' in f[5]:
        control.add(f[1])
def branches(h):
    return h.split('_')[0] in control
have = set()  # the pairs of this tree (WISP_PAIRS in the generated WispISA.h)
for line in open(isa + '/../Sources/WispDispatch/include/WispISA.h'):
    m = re.match(r'\s*P\((\w+), (\w+), (\w+), (\w+)\)', line)
    if m:
        a, ma, b, mb = m.groups()
        have.add((a + ('' if ma == 'N' else '_' + ma), b + ('' if mb == 'N' else '_' + mb)))
for spec in specs:
    name = spec.split(':')[1] if spec.startswith('program:') else 'spec-' + spec.split(':')[1].replace('/', '-') if spec.startswith('spec:') else spec.split(':')[0]
    ops, pairs = collections.Counter(), collections.Counter()
    for line in open('%s/counts-%s.txt' % (out, name)):
        f = line.split()
        if f[0] == 'op': ops[f[2]] += int(f[1])
        else: pairs[(f[2], f[3])] += int(f[1])
    total = sum(ops.values())
    print('%s: %d dispatches; top: %s' % (name, total, ', '.join('%s %.1f%%' % (k, 100 * v / total) for k, v in ops.most_common(6))))
    cands = [(k, v) for k, v in pairs.most_common() if not branches(k[0]) and k not in have][:8]
    print('  new pair candidates: ' + (', '.join('%s>%s %.1f%%' % (a, b, 100 * v / total) for (a, b), v in cands) or '-'))
EOF
