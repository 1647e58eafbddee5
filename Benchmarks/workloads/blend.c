/* The SIMD pair: built twice, as blend_scalar.wasm (no SIMD) and blend_simd.wasm
 * (-msimd128, auto-vectorised by clang), to compare Wisp's scalar and v128 paths on
 * the same work. Integer-only so both builds give identical checksums: an alpha
 * blend of two 8-bit RGBA images, a saturating brighten, and an i32 dot product. */
#include "common.h"

#define PIXELS (256u * 256u)
static u8 img_a[PIXELS * 4], img_b[PIXELS * 4], img_out[PIXELS * 4];
static i32 va[PIXELS], vb[PIXELS];

static void fill(void) {
    rng_seed(31337);
    for (u32 i = 0; i < PIXELS * 4; i++) { u32 r = rng_next(); img_a[i] = (u8)r; img_b[i] = (u8)(r >> 8); }
    for (u32 i = 0; i < PIXELS; i++) { va[i] = (i32)(rng_next() % 2001) - 1000; vb[i] = (i32)(rng_next() % 2001) - 1000; }
}

static void blend(u8 alpha) {
    u16 a = alpha, b = (u16)(255 - alpha);
    for (u32 i = 0; i < PIXELS * 4; i++)
        img_out[i] = (u8)((img_a[i] * a + img_b[i] * b + 128) >> 8);
}

static void brighten(u8 amount) {
    for (u32 i = 0; i < PIXELS * 4; i++) {
        u32 v = (u32)img_out[i] + amount;
        img_out[i] = (u8)(v > 255 ? 255 : v);
    }
}

static i32 dot(void) {
    i32 s = 0;
    for (u32 i = 0; i < PIXELS; i++) s += va[i] * vb[i];
    return s;
}

EXPORT("run") u32 run(u32 rounds) {
    fill();
    u32 h = 2166136261u;
    for (u32 r = 0; r < rounds; r++) {
        blend((u8)(r * 37));
        brighten((u8)(r & 63));
        u32 s = 0;
        for (u32 i = 0; i < PIXELS * 4; i += 251) s += img_out[i];
        h = mix32(h, s);
        h = mix32(h, (u32)dot());
        va[r % PIXELS] += 1;
    }
    return h;
}
