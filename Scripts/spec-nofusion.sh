#!/usr/bin/env bash
# Runs the WebAssembly 2.0 spec testsuite on a host build of `wisp` without the fused instructions
# (the fusion cut: `wisp_cut_flags fusion` in Scripts/lib/cuts.sh), the configuration the bare-metal firmware uses, and fails unless every
# assertion passes. (The default build's run is part of the XCTests.) CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
suite=${WISP_SHARED:-../shared}/testsuite/wasm-2.0/json
[ -d "$suite" ] || { echo "spec-nofusion: $suite not found" >&2; exit 2; }
. Scripts/lib/cuts.sh
log=$(mktemp)
# shellcheck disable=SC2046
if ! swift build -c release --product wisp --scratch-path .build-nofusion $(wisp_cut_flags fusion) >"$log" 2>&1; then
    grep -E "error" "$log" | head -20 >&2; rm -f "$log"; echo "spec-nofusion: build failed" >&2; exit 1
fi
rm -f "$log"
bin=.build-nofusion/release/wisp
if nm "$bin" | grep -q wisp_handler_brI32Eq; then
    echo "spec-nofusion: the build still has fused handlers (is WISP_NO_FUSION reaching clang?)" >&2; exit 1
fi
# The 2.0 set pins the 2.0 features (a 2.0 engine must reject what 3.0 accepts: testsuite/README.md).
"$bin" spectest --features wasm2 "$suite" > .build-nofusion/spec.log
tail -1 .build-nofusion/spec.log | sed 's/^/spec (no fusion): /'
tail -1 .build-nofusion/spec.log | grep -q " 0 failed"
