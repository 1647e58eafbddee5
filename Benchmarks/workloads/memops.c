/* Bulk memory, what the ten workloads miss: memcpy, memmove and memset, compiled with
 * -mbulk-memory so they are memory.copy and memory.fill (as clang emits them for wasi-libc
 * builds). The copies are mostly small (a struct, a short string, a line of a gap buffer), as in
 * real programs, with some long ones: a gap-buffer editor inserting and deleting text, records
 * copied between arrays, and buffers cleared. run(n) does n rounds; returns a checksum. */
#include "common.h"

#define GAPBUF (256u * 1024u)
static u8 buf[GAPBUF];
static u32 gap_start, gap_end, len;

typedef struct { u32 id; u32 key; u8 name[24]; double score; } record;
static record recs[2048], copy[2048];
static u8 scratch[32u * 1024u];

static void gb_reset(void) { gap_start = 0; gap_end = GAPBUF; len = 0; }
static void gb_move(u32 pos) { /* move the gap to pos */
    if (pos < gap_start) {
        u32 n = gap_start - pos;
        __builtin_memmove(buf + gap_end - n, buf + pos, n);
        gap_start = pos; gap_end -= n;
    } else if (pos > gap_start) {
        u32 n = pos - gap_start;
        __builtin_memmove(buf + gap_start, buf + gap_end, n);
        gap_start = pos; gap_end += n;
    }
}
static void gb_insert(u32 pos, const u8 *s, u32 n) {
    if (gap_end - gap_start < n) return;
    gb_move(pos);
    __builtin_memcpy(buf + gap_start, s, n);
    gap_start += n; len += n;
}
static void gb_delete(u32 pos, u32 n) {
    if (pos + n > len) n = len - pos;
    gb_move(pos);
    gap_end += n; len -= n;
}
static u8 gb_at(u32 i) { return i < gap_start ? buf[i] : buf[i + (gap_end - gap_start)]; }

EXPORT("run") u32 run(u32 n) {
    rng_seed(4242);
    u32 sum = 2166136261u;
    u8 line[80];
    for (u32 round = 0; round < n; round++) {
        gb_reset();
        for (u32 op = 0; op < 6000; op++) {
            u32 r = rng_next();
            u32 k = 4 + r % 60;
            __builtin_memset(line, 'a' + (int)(r >> 8) % 26, k);
            line[0] = (u8)op;
            u32 pos = len ? (r >> 12) % (len + 1) : 0;
            if ((r & 3) != 0 || len < 100) gb_insert(pos, line, k);
            else gb_delete(pos, k / 2);
        }
        for (u32 i = 0; i < len; i += 97) sum = mix32(sum, gb_at(i));
        for (u32 i = 0; i < 2048; i++) {
            u32 r = rng_next();
            recs[i].id = i; recs[i].key = r;
            __builtin_memset(recs[i].name, 0, sizeof recs[i].name);
            __builtin_memcpy(recs[i].name, line + (r % 40), 8 + r % 16);
            recs[i].score = (double)(r % 1000) / 10.0;
        }
        for (u32 pass = 0; pass < 8; pass++) {
            for (u32 i = 0; i < 2048; i++) copy[(i * 7 + pass) % 2048] = recs[i];
            __builtin_memcpy(recs, copy, sizeof recs);
        }
        for (u32 i = 0; i < 2048; i += 31) sum = mix32(sum, recs[i].key ^ recs[i].name[3]);
        for (u32 i = 0; i < 64; i++) {
            __builtin_memset(scratch, (int)i, sizeof scratch);
            __builtin_memcpy(scratch + 100, buf + i * 512, 4000);
            sum = mix32(sum, scratch[i * 37] ^ scratch[4000]);
        }
    }
    return sum;
}
