// Guests without imports, for the command-line and profiler tests (and included by stack.c).
#define EXPORT(name) __attribute__((export_name(#name)))
#define NOINLINE __attribute__((noinline))

volatile int counter;

// Five frames deep, then a loop that never ends: the capture test reads this stack.
NOINLINE void level5(void) { for (;;) { counter++; } }
NOINLINE void level4(void) { level5(); counter--; }
NOINLINE void level3(void) { level4(); counter--; }
NOINLINE void level2(void) { level3(); counter--; }
NOINLINE void level1(void) { level2(); counter--; }
EXPORT(spin) void spin(void) { level1(); }

// About 80% of the time in hot80 and 20% in hot20 (profiler test).
NOINLINE unsigned hot80(unsigned x, int n) { for (int i = 0; i < n; i++) x = x * 1664525u + 1013904223u; return x; }
NOINLINE unsigned hot20(unsigned x, int n) { for (int i = 0; i < n; i++) x = x * 22695477u + 1u; return x; }
EXPORT(mix) unsigned mix(int rounds) {
    unsigned x = 1;
    for (int r = 0; r < rounds; r++) { x = hot80(x, 40000); x = hot20(x, 10000); }
    return x;
}

// Recursion without end, and recursion to a given depth (stack safety).
// The volatile store after each call keeps clang from turning the recursion into a loop.
EXPORT(forever) int forever(int n) { int r = forever(n + 1); counter = r; return r + 1; }
EXPORT(deep) int deep(int n) { if (n == 0) return 0; int r = deep(n - 1); counter = r; return r + 1; }


// Bulk memory (memory.fill and memory.copy with -mbulk-memory) over a static buffer.
static unsigned char buffer[65536];
EXPORT(bulk) unsigned bulk(int n) {
    __builtin_memset(buffer, n & 0xff, sizeof buffer / 2);
    __builtin_memcpy(buffer + sizeof buffer / 2, buffer, sizeof buffer / 2);
    return buffer[sizeof buffer - 1] + buffer[n & 0xffff];
}

// memory.grow, then a store into the new page: resumption must see the moved memory.
EXPORT(grow_and_fill) int grow_and_fill(int pages) {
    int old = __builtin_wasm_memory_grow(0, pages);
    if (old < 0) return -1;
    volatile unsigned char *p = (unsigned char *)(old * 65536);
    int sum = 0;
    for (int i = 0; i < pages * 65536; i += 4096) { p[i] = (unsigned char)(i >> 12); sum += p[i]; }
    return sum;
}
