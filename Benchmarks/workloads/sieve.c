/* Sieve of Eratosthenes over 4 Mi numbers, repeated `rounds` times; byte array
 * stores and strided loops. Returns a checksum of the prime counts. */
#include "common.h"

#define LIMIT (4u << 20)
static u8 composite[LIMIT];

static u32 sieve(u32 limit) {
    for (u32 i = 0; i < limit; i++) composite[i] = 0;
    u32 count = 0;
    for (u32 i = 2; i < limit; i++) {
        if (composite[i]) continue;
        count++;
        for (u32 j = i * 2; j < limit; j += i) composite[j] = 1;
    }
    return count;
}

EXPORT("run") u32 run(u32 rounds) {
    u32 h = 2166136261u;
    for (u32 r = 0; r < rounds; r++) {
        /* Vary the limit a little so no round can be skipped as redundant. */
        h = mix32(h, sieve(LIMIT - (r & 7) * 1000));
    }
    return h;
}
