#!/usr/bin/env bash
# The spec testsuite in AOT mode: every module compiled ahead of time (`wisp spectest --aot`: each
# module's C built by the C compiler, unoptimized, and loaded), then run, its compiled functions
# natively and the rest interpreted. The whole 2.0 suite, and 3.0's exception-handling and tail-call
# scripts (whose functions using those proposals stay interpreted; the others in their modules are
# compiled). Prints how many functions were compiled.
#   bash Scripts/spec-aot.sh [-c release]
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=debug
if [[ "${1:-}" == "-c" ]]; then configuration=$2; fi
swift build -c "$configuration" --product wisp >/dev/null
wisp="$(swift build -c "$configuration" --show-bin-path)/wisp"
shared=${WISP_SHARED:-../shared}
"$wisp" spectest --aot --features wasm2 "$shared/testsuite/wasm-2.0/json" | tail -2
for s in throw throw_ref return_call return_call_indirect; do
    [[ -d "$shared/testsuite/wasm-3.0/json/$s" ]] || continue
    "$wisp" spectest --aot --features wasm3 "$shared/testsuite/wasm-3.0/json/$s" | tail -1 | sed "s/^/$s: /"
done
