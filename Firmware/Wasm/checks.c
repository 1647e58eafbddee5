// The WebAssembly module the firmware runs its checks against. Built by Firmware/Wasm/build.sh with
// the toolchain's clang (--target=wasm32 -nostdlib); no libc, so everything it needs is here.
//
// Each export exercises one part of the engine; the expected results in Firmware/Sources/Checks.swift
// were worked out independently of Wisp (see the comments there).

#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(name) __attribute__((import_module("env"), import_name(name)))

// Host functions the firmware provides.
IMPORT("write") void host_write(const char *text, int32_t length);
IMPORT("scale") int32_t host_scale(int32_t x);
IMPORT("reenter") int32_t host_reenter(int32_t n);

// MARK: integer arithmetic

EXPORT("fib") int32_t fib(int32_t n) {
    int32_t a = 0, b = 1;
    for (int32_t i = 0; i < n; i++) {
        int32_t t = a + b;
        a = b;
        b = t;
    }
    return a;
}

// Wrapping multiply, rotate, bit counts, unsigned division and remainder.
EXPORT("mix32") uint32_t mix32(uint32_t x) {
    uint32_t h = x * 0x9E3779B1u;
    h = (h << 7) | (h >> 25);
    h ^= (uint32_t)__builtin_popcount(h) << 24;
    h += (uint32_t)__builtin_clz(x | 1) + (uint32_t)__builtin_ctz(x | 0x80000000u);
    return h / 7u + h % 1000u;
}

// 64-bit multiply and signed division (libgcc helpers on the Cortex-M4).
EXPORT("factorial") int64_t factorial(int32_t n) {
    int64_t r = 1;
    for (int32_t i = 2; i <= n; i++) r *= i;
    return r;
}

EXPORT("div64") int64_t div64(int64_t a, int64_t b) { return a / b + a % b; }

EXPORT("div32") int32_t div32(int32_t a, int32_t b) { return a / b; }

// MARK: floating point

EXPORT("f32_ops") float f32_ops(float a, float b) {
    float s = a + b;              // 0.1f + 0.2f
    float p = s * 3.0f;           // rounds
    float q = p / 7.0f;
    return __builtin_sqrtf(q) - __builtin_floorf(q * 10.0f) / 10.0f;
}

// Sum of 1/k^2 for k = 1...n, plus conversions in both directions.
EXPORT("f64_series") double f64_series(int32_t n) {
    double s = 0;
    for (int32_t k = 1; k <= n; k++) s += 1.0 / ((double)k * (double)k);
    return s;
}

EXPORT("f64_to_i64") int64_t f64_to_i64(double x) { return (int64_t)__builtin_trunc(x * 1e9); }

EXPORT("f64_sqrt") double f64_sqrt(double x) { return __builtin_sqrt(x); }

// MARK: memory

static uint8_t buffer[256];

EXPORT("buffer_address") int32_t buffer_address(void) { return (int32_t)(uintptr_t)buffer; }

// Fills the buffer with a pattern (byte and 32-bit stores), then reads it back (loads of three widths).
EXPORT("memory_roundtrip") uint32_t memory_roundtrip(uint32_t seed) {
    for (int i = 0; i < 256; i++) buffer[i] = (uint8_t)(seed + i * 7);
    uint32_t *words = (uint32_t *)buffer;
    words[10] = 0xDEADBEEFu;
    uint32_t sum = 0;
    for (int i = 0; i < 256; i++) sum += buffer[i];
    uint16_t *halves = (uint16_t *)buffer;
    return sum ^ words[10] ^ halves[3];
}

// Sums `length` bytes the host wrote at `address`.
EXPORT("sum_bytes") uint32_t sum_bytes(const uint8_t *address, int32_t length) {
    uint32_t sum = 0;
    for (int32_t i = 0; i < length; i++) sum = sum * 31u + address[i];
    return sum;
}

EXPORT("load_at") uint32_t load_at(uint32_t address) { return *(volatile uint32_t *)(uintptr_t)address; }

EXPORT("grow") int32_t grow(int32_t pages) { return __builtin_wasm_memory_grow(0, pages); }

EXPORT("pages") int32_t pages(void) { return __builtin_wasm_memory_size(0); }

// MARK: traps

EXPORT("unreachable") void unreachable(void) { __builtin_trap(); }

// Real recursion (the volatile store after the call keeps clang from turning it into a loop): each
// level is one WebAssembly frame, so a large n exhausts the engine's call depth.
static volatile int32_t deepest;

EXPORT("recurse") int32_t recurse(int32_t n) {
    if (n == 0) return 0;
    int32_t r = recurse(n - 1);
    deepest = r;
    return r + 1;
}

// MARK: host calls

EXPORT("greet") int32_t greet(int32_t x) {
    static const char text[] = "hello from wasm";
    host_write(text, sizeof text - 1);
    return host_scale(x) + 1;
}

// Host and guest calling each other: every level is a host call that re-enters the guest, so it
// goes deeper on the native stack (WebAssembly-to-WebAssembly calls never do).
EXPORT("nest") int32_t nest(int32_t n) { return n == 0 ? 0 : host_reenter(n - 1) + 1; }

// MARK: fuel

// Long enough that a small fuel budget runs out several times.
EXPORT("spin") uint32_t spin(int32_t n) {
    uint32_t h = 2166136261u;
    for (int32_t i = 0; i < n; i++) h = (h ^ (uint32_t)i) * 16777619u;
    return h;
}
