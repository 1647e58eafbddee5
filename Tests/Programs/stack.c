// Guests for the live-stack, interrupt and stack-safety tests: loops.c plus host imports. Build: bash build.sh
#include "loops.c"

// Calls the host, which blocks: the capture test sees the host frame on top of wasm frames.
__attribute__((import_module("env"), import_name("block"))) void host_block(void);
NOINLINE void waiter2(void) { host_block(); counter++; }
NOINLINE void waiter1(void) { waiter2(); counter++; }
EXPORT(wait) void wait(void) { waiter1(); }

// Mutual recursion through a host import: wasm -> host -> wasm ...
__attribute__((import_module("env"), import_name("bounce"))) int host_bounce(int n);
EXPORT(pingpong) int pingpong(int n) { return n == 0 ? 0 : host_bounce(n - 1) + 1; }
