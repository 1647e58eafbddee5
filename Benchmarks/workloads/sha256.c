/* SHA-256 over a 1 MiB pseudo-random buffer, `rounds` times; each round's digest
 * is folded into the buffer so rounds depend on each other. Shifts, rotates and
 * 32-bit adds. Returns the first digest word of the last round mixed with the rest. */
#include "common.h"

#define BUF_SIZE (1u << 20)
static u8 buffer[BUF_SIZE];

static const u32 K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void compress(u32 st[8], const u8 *p) {
    u32 w[64];
    for (int i = 0; i < 16; i++)
        w[i] = ((u32)p[4 * i] << 24) | ((u32)p[4 * i + 1] << 16) | ((u32)p[4 * i + 2] << 8) | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        u32 s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        u32 s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    u32 a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6], h = st[7];
    for (int i = 0; i < 64; i++) {
        u32 t1 = h + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        u32 t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    st[0] += a; st[1] += b; st[2] += c; st[3] += d;
    st[4] += e; st[5] += f; st[6] += g; st[7] += h;
}

static void sha256(const u8 *msg, u32 len, u32 out[8]) {
    u32 st[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    u32 i = 0;
    for (; i + 64 <= len; i += 64) compress(st, msg + i);
    u8 tail[128];
    u32 rest = len - i;
    for (u32 k = 0; k < rest; k++) tail[k] = msg[i + k];
    tail[rest] = 0x80;
    u32 tail_len = rest + 1 + 8 <= 64 ? 64 : 128;
    for (u32 k = rest + 1; k < tail_len; k++) tail[k] = 0;
    u64 bits = (u64)len * 8;
    for (int k = 0; k < 8; k++) tail[tail_len - 1 - k] = (u8)(bits >> (8 * k));
    for (u32 k = 0; k < tail_len; k += 64) compress(st, tail + k);
    for (int k = 0; k < 8; k++) out[k] = st[k];
}

/* Self-check against the known digest of "abc" (FIPS 180-2 example). */
static int self_test(void) {
    static const u8 abc[3] = {'a', 'b', 'c'};
    u32 d[8];
    sha256(abc, 3, d);
    return d[0] == 0xba7816bf && d[7] == 0xf20015ad;
}

EXPORT("run") u32 run(u32 rounds) {
    if (!self_test()) return 0xbad;
    rng_seed(7);
    for (u32 i = 0; i < BUF_SIZE; i += 4) {
        u32 v = rng_next();
        buffer[i] = (u8)v; buffer[i + 1] = (u8)(v >> 8);
        buffer[i + 2] = (u8)(v >> 16); buffer[i + 3] = (u8)(v >> 24);
    }
    u32 d[8] = {0};
    for (u32 r = 0; r < rounds; r++) {
        sha256(buffer, BUF_SIZE - (r & 63), d);
        for (int k = 0; k < 8; k++) buffer[(r * 32 + k * 4) & (BUF_SIZE - 1)] ^= (u8)d[k];
    }
    u32 h = d[0];
    for (int k = 1; k < 8; k++) h = mix32(h, d[k]);
    return h;
}
