/* Linear-memory growth the way a C allocator's sbrk does it: `pages` grows of one 64 KiB page,
 * each new page written once (as an allocator writes a block header into it), then four grows of
 * 256 pages (16 MiB) each, written the same way, then every written byte read back.
 * Returns a checksum of the old sizes memory.grow returned and of the bytes read back, or a
 * value with the top bit set when a grow failed.
 *
 * Not in the timed workload table (a call keeps the memory it grew, so repeated calls on one
 * instance would measure different work): the harness's grow section runs it once per fresh
 * process and reports the time and peak memory. */
#include "common.h"

static u32 grow_and_touch(u32 delta, u32 *h) {
    int old = __builtin_wasm_memory_grow(0, delta);
    if (old < 0) return 0;
    u8 *base = (u8 *)((unsigned long)old * 65536u);
    for (u32 off = 0; off < delta * 65536u; off += 65536) base[off] = (u8)(off >> 16) ^ (u8)old;
    *h = mix32(*h, (u32)old);
    return 1;
}

EXPORT("run") u32 run(u32 pages) {
    u32 h = 2166136261u;
    u32 first = (u32)__builtin_wasm_memory_size(0);
    for (u32 i = 0; i < pages; i++)
        if (!grow_and_touch(1, &h)) return 0x80000000u | i;
    for (u32 i = 0; i < 4; i++)
        if (!grow_and_touch(256, &h)) return 0xC0000000u | i;
    u32 last = (u32)__builtin_wasm_memory_size(0);
    const u8 *mem = (const u8 *)((unsigned long)first * 65536u);
    for (unsigned long off = 0; off < (unsigned long)(last - first) * 65536u; off += 65536)
        h = mix32(h, mem[off]);
    return h;
}
