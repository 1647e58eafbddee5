#!/usr/bin/env bash
# Interpreter speed on memory-heavy workloads (Benchmarks/workloads/wasm) with each linear-memory
# backend: heap, static buffer, reserved. Best of WISP_MEMORY_BENCH_ROUNDS (default 3) calls of
# run(1) after a warm-up call. Release build; prints one line per workload.
set -euo pipefail
cd "$(dirname "$0")/../.."
WISP_MEMORY_BENCH=1 swift test -c release -Xswiftc -enable-testing --scratch-path "${SCRATCH:-.build-memory-release}" \
    --filter MemoryTests/testBenchmarkBackends 2>&1 | grep -E "^memory bench|error"
