/* Shared helpers for the Wisp benchmark workloads.
 *
 * Every workload is freestanding (no libc, no imports) so that every runtime can
 * instantiate it with an empty import set and call `run` the same way. */
#ifndef WISP_BENCH_COMMON_H
#define WISP_BENCH_COMMON_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char i8;
typedef short i16;
typedef int i32;
typedef long long i64;

#define EXPORT(name) __attribute__((export_name(name)))

/* A small deterministic generator (xorshift32): the inputs are the same on every
 * runtime, so checksums can be compared. */
static u32 rng_state = 2463534242u;
static inline void rng_seed(u32 s) { rng_state = s ? s : 2463534242u; }
static inline u32 rng_next(void) {
    u32 x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return rng_state = x;
}

/* FNV-1a style mixing for checksums. */
static inline u32 mix32(u32 h, u32 v) { return (h ^ v) * 16777619u; }

static inline u64 f64_bits(double d) {
    union { double d; u64 u; } c;
    c.d = d;
    return c.u;
}

#endif
