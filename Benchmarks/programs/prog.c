/* A C file for the real-program benchmark (Benchmarks/programs.py): GCC's cc1 for AVR compiles
   it at -O2. Loops, structs, switch statements and inlining give the optimizer work. */
#include <stdint.h>
typedef struct { int16_t x, y, vx, vy; uint8_t kind; } particle;
static particle ps[64];
static uint16_t crc16(const uint8_t *d, uint16_t n) {
    uint16_t c = 0xFFFF;
    for (uint16_t i = 0; i < n; i++) {
        c ^= d[i];
        for (uint8_t b = 0; b < 8; b++) c = (c & 1) ? (c >> 1) ^ 0xA001 : c >> 1;
    }
    return c;
}
static int16_t clamp(int16_t v, int16_t lo, int16_t hi) { return v < lo ? lo : v > hi ? hi : v; }
void step(uint8_t n) {
    for (uint8_t i = 0; i < n; i++) {
        particle *p = &ps[i];
        switch (p->kind) {
        case 0: p->x += p->vx; p->y += p->vy; break;
        case 1: p->vy += 1; p->y += p->vy; break;
        case 2: p->vx = -p->vx; p->x += p->vx; break;
        case 3: p->x = (p->x * 3 + p->y) >> 2; break;
        default: p->kind = 0; break;
        }
        p->x = clamp(p->x, 0, 1023);
        p->y = clamp(p->y, 0, 767);
    }
}
uint16_t checksum(void) { return crc16((const uint8_t *)ps, sizeof ps); }
int32_t mix(int32_t a, int32_t b, uint8_t k) {
    int32_t r = 0;
    for (uint8_t i = 0; i < k; i++) { r += (a >> i) ^ (b << (i & 7)); if (r & 0x100) r -= a; else r += b; }
    return r;
}
