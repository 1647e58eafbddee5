/* 64-bit integer crypto, what the ten workloads miss: the Keccak-f[1600] permutation (SHA-3's
 * core: 64-bit rotates and xors over 25 lanes) absorbing a buffer, then a 64-bit multiply-mix
 * hash (xxHash64's rounds) over the same buffer. run(n) hashes n blocks of 64 KiB. */
#include "common.h"

#define BUF (64u * 1024u)
static u8 data[BUF];
static u64 state[25];

static const u64 RC[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull};
static const u8 ROT[25] = {0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14};

static inline u64 rotl64(u64 x, unsigned r) { return r ? (x << r) | (x >> (64 - r)) : x; }

static void keccak_f(u64 *a) {
    u64 b[25], c[5], d[5];
    for (int round = 0; round < 24; round++) {
        for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
        for (int x = 0; x < 5; x++) d[x] = c[(x + 4) % 5] ^ rotl64(c[(x + 1) % 5], 1);
        for (int i = 0; i < 25; i++) a[i] ^= d[i % 5];
        for (int x = 0; x < 5; x++)
            for (int y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl64(a[x + 5 * y], ROT[x + 5 * y]);
        for (int y = 0; y < 5; y++)
            for (int x = 0; x < 5; x++) a[x + 5 * y] = b[x + 5 * y] ^ (~b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
        a[0] ^= RC[round];
    }
}

static inline u64 load64(const u8 *p) {
    u64 v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

/* SHA3-256's rate: 136 bytes (17 lanes) per permutation. */
static u64 sha3_block(const u8 *p, u32 n) {
    for (int i = 0; i < 25; i++) state[i] = 0;
    while (n >= 136) {
        for (int i = 0; i < 17; i++) state[i] ^= load64(p + 8 * i);
        keccak_f(state);
        p += 136;
        n -= 136;
    }
    state[0] ^= 0x06;
    state[16] ^= 0x8000000000000000ull;
    keccak_f(state);
    return state[0] ^ state[1] ^ state[2] ^ state[3];
}

#define P1 11400714785074694791ull
#define P2 14029467366897019727ull
#define P3 1609587929392839161ull
#define P4 9650029242287828579ull
static inline u64 xxround(u64 acc, u64 in) { return rotl64(acc + in * P2, 31) * P1; }

static u64 xxhash64(const u8 *p, u32 n, u64 seed) {
    u64 v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
    const u8 *end = p + n;
    while (p + 32 <= end) {
        v1 = xxround(v1, load64(p));
        v2 = xxround(v2, load64(p + 8));
        v3 = xxround(v3, load64(p + 16));
        v4 = xxround(v4, load64(p + 24));
        p += 32;
    }
    u64 h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
    h = (h ^ xxround(0, v1)) * P1 + P4;
    h = (h ^ xxround(0, v2)) * P1 + P4;
    h += n;
    h ^= h >> 33; h *= P2; h ^= h >> 29; h *= P3; h ^= h >> 32;
    return h;
}

EXPORT("run") u64 run(u32 n) {
    rng_seed(0xC0FFEE);
    u64 h = 0;
    for (u32 k = 0; k < n; k++) {
        for (u32 i = 0; i < BUF; i += 4) {
            u32 r = rng_next() ^ (u32)h;
            data[i] = (u8)r; data[i + 1] = (u8)(r >> 8); data[i + 2] = (u8)(r >> 16); data[i + 3] = (u8)(r >> 24);
        }
        h ^= sha3_block(data, BUF);
        for (u32 r = 0; r < 8; r++) h = xxhash64(data, BUF, h + r);
    }
    return h;
}
