/* Quicksort (median of three, insertion sort for short ranges, recursion on the
 * smaller side) of 1 Mi pseudo-random i32, `rounds` times with fresh data.
 * Verifies the order and returns a checksum of sampled elements. */
#include "common.h"

#define N (1u << 20)
static i32 data[N];

static void insertion(i32 *a, i32 lo, i32 hi) {
    for (i32 i = lo + 1; i <= hi; i++) {
        i32 v = a[i], j = i - 1;
        while (j >= lo && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}

static void quicksort(i32 *a, i32 lo, i32 hi) {
    while (hi - lo > 16) {
        i32 mid = lo + (hi - lo) / 2;
        if (a[mid] < a[lo]) { i32 t = a[mid]; a[mid] = a[lo]; a[lo] = t; }
        if (a[hi] < a[lo]) { i32 t = a[hi]; a[hi] = a[lo]; a[lo] = t; }
        if (a[hi] < a[mid]) { i32 t = a[hi]; a[hi] = a[mid]; a[mid] = t; }
        i32 pivot = a[mid];
        i32 i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { i32 t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; }
        else { quicksort(a, i, hi); hi = j; }
    }
    insertion(a, lo, hi);
}

EXPORT("run") u32 run(u32 rounds) {
    u32 h = 2166136261u;
    rng_seed(42);
    for (u32 r = 0; r < rounds; r++) {
        for (u32 i = 0; i < N; i++) data[i] = (i32)rng_next();
        quicksort(data, 0, (i32)N - 1);
        for (u32 i = 1; i < N; i++)
            if (data[i - 1] > data[i]) return 0xdeadbeefu;
        for (u32 i = 0; i < N; i += 4099) h = mix32(h, (u32)data[i]);
    }
    return h;
}
