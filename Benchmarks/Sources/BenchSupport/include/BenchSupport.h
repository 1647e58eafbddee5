// What the benchmark needs from the C library that Swift's Glibc module does not export.
#ifndef BENCH_SUPPORT_H
#define BENCH_SUPPORT_H
#include <stddef.h>
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
/// Bytes the C heap has handed out and not taken back (small blocks plus mmap-served ones).
static inline long long bench_heap_in_use(void) {
    struct mallinfo2 m = mallinfo2();
    return (long long)(m.uordblks + m.hblkhd);
}
#else
static inline long long bench_heap_in_use(void) { return -1; }
#endif
#endif
