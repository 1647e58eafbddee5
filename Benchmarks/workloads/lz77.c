/* An LZ77 compressor with a hash-chain match finder (window 32 KiB, matches of
 * 4..258 bytes) over 256 KiB of generated text, plus the matching decompressor
 * to check the round trip, `rounds` times. Byte loads, hashing, branchy loops. */
#include "common.h"

#define INPUT_SIZE (256u << 10)
#define WINDOW (32u << 10)
#define HASH_BITS 15
#define MIN_MATCH 4
#define MAX_MATCH 258
#define MAX_CHAIN 32

static u8 input[INPUT_SIZE];
static u8 output[INPUT_SIZE + INPUT_SIZE / 8 + 64];
static u8 restored[INPUT_SIZE];
static i32 head[1u << HASH_BITS];
static i32 prev[INPUT_SIZE];

static const char *const words[] = {
    "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "web", "assembly",
    "interpreter", "register", "stack", "value", "memory", "table", "function", "module",
    "import", "export", "global", "local", "branch", "loop", "block", "return", "call",
    "indirect", "select", "drop", "i32", "i64", "f32", "f64", "load", "store", "grow",
};

static void make_input(void) {
    rng_seed(99);
    u32 n = sizeof(words) / sizeof(words[0]);
    u32 pos = 0;
    while (pos < INPUT_SIZE) {
        u32 r = rng_next();
        const char *w = words[(r >> 8) % n];
        /* Skew toward a few words so there is something to find. */
        if ((r & 3) == 0) w = words[(r >> 4) & 7];
        while (*w && pos < INPUT_SIZE) input[pos++] = (u8)*w++;
        if (pos < INPUT_SIZE) input[pos++] = (r & 0x70) == 0 ? '\n' : ' ';
        if ((r & 0x3ff) == 5 && pos + 4 < INPUT_SIZE) {
            /* Occasional digits: literals that do not compress. */
            for (int k = 0; k < 4; k++) input[pos++] = (u8)('0' + (rng_next() % 10));
        }
    }
}

static inline u32 hash4(const u8 *p) {
    u32 v = (u32)p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) | ((u32)p[3] << 24);
    return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Token format: a flag byte governs the next 8 items; bit set = match
 * (2 bytes distance-1, 1 byte length-MIN_MATCH), clear = one literal byte. */
static u32 compress(u32 len) {
    for (u32 i = 0; i < (1u << HASH_BITS); i++) head[i] = -1;
    u32 in = 0, out = 0, flag_pos = 0, flag_bit = 8;
    while (in < len) {
        if (flag_bit == 8) { flag_pos = out++; output[flag_pos] = 0; flag_bit = 0; }
        u32 best_len = 0, best_dist = 0;
        if (in + MIN_MATCH <= len) {
            u32 h = hash4(input + in);
            i32 cand = head[h];
            u32 chain = MAX_CHAIN;
            u32 max_len = len - in < MAX_MATCH ? len - in : MAX_MATCH;
            while (cand >= 0 && in - (u32)cand <= WINDOW && chain--) {
                const u8 *a = input + cand, *b = input + in;
                if (a[best_len] == b[best_len]) {
                    u32 l = 0;
                    while (l < max_len && a[l] == b[l]) l++;
                    if (l > best_len) { best_len = l; best_dist = in - (u32)cand; if (l == max_len) break; }
                }
                cand = prev[cand];
            }
            prev[in] = head[h];
            head[h] = (i32)in;
        }
        if (best_len >= MIN_MATCH) {
            output[flag_pos] |= (u8)(1u << flag_bit);
            output[out++] = (u8)((best_dist - 1) & 0xff);
            output[out++] = (u8)((best_dist - 1) >> 8);
            output[out++] = (u8)(best_len - MIN_MATCH);
            /* Insert the skipped positions into the chains too. */
            for (u32 k = 1; k < best_len && in + k + MIN_MATCH <= len; k++) {
                u32 h2 = hash4(input + in + k);
                prev[in + k] = head[h2];
                head[h2] = (i32)(in + k);
            }
            in += best_len;
        } else {
            output[out++] = input[in++];
        }
        flag_bit++;
    }
    return out;
}

static u32 decompress(u32 clen) {
    u32 in = 0, out = 0;
    while (in < clen) {
        u8 flags = output[in++];
        for (int bit = 0; bit < 8 && in < clen; bit++) {
            if (flags & (1u << bit)) {
                u32 dist = ((u32)output[in] | ((u32)output[in + 1] << 8)) + 1;
                u32 l = (u32)output[in + 2] + MIN_MATCH;
                in += 3;
                for (u32 k = 0; k < l; k++, out++) restored[out] = restored[out - dist];
            } else {
                restored[out++] = output[in++];
            }
        }
    }
    return out;
}

EXPORT("run") u32 run(u32 rounds) {
    make_input();
    u32 h = 2166136261u;
    for (u32 r = 0; r < rounds; r++) {
        u32 len = INPUT_SIZE - (r & 15) * 97;
        u32 clen = compress(len);
        if (decompress(clen) != len) return 0xbad1;
        for (u32 i = 0; i < len; i++)
            if (restored[i] != input[i]) return 0xbad2;
        h = mix32(h, clen);
        /* Perturb the input so each round compresses different data. */
        input[(r * 7919) % INPUT_SIZE] = (u8)('a' + r % 26);
    }
    return h;
}
