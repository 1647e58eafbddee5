/* Float graphics, what the ten workloads miss (they have f64 only): a ray tracer in f32 with
 * spheres, a plane, shadows and one reflection, rendering a small image to an RGB buffer.
 * run(n) renders n frames with the camera moving; returns a checksum of the pixels. */
#include "common.h"

#define W 160
#define H 120
static u8 image[W * H * 3];

typedef struct { float x, y, z; } vec;
static inline vec v3(float x, float y, float z) { vec v = {x, y, z}; return v; }
static inline vec add(vec a, vec b) { return v3(a.x + b.x, a.y + b.y, a.z + b.z); }
static inline vec sub(vec a, vec b) { return v3(a.x - b.x, a.y - b.y, a.z - b.z); }
static inline vec scale(vec a, float s) { return v3(a.x * s, a.y * s, a.z * s); }
static inline float dot(vec a, vec b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static inline vec norm(vec a) { return scale(a, 1.0f / __builtin_sqrtf(dot(a, a))); }

typedef struct { vec c; float r; vec color; float refl; } sphere;
#define NS 6
static sphere spheres[NS];

static int hit(vec o, vec d, float *t, vec *n, vec *color, float *refl) {
    int found = 0;
    float best = 1e30f;
    for (int i = 0; i < NS; i++) {
        vec oc = sub(o, spheres[i].c);
        float b = dot(oc, d), c = dot(oc, oc) - spheres[i].r * spheres[i].r;
        float disc = b * b - c;
        if (disc < 0) continue;
        float s = __builtin_sqrtf(disc), t0 = -b - s;
        if (t0 < 1e-3f) t0 = -b + s;
        if (t0 > 1e-3f && t0 < best) {
            best = t0; found = 1;
            *n = norm(sub(add(o, scale(d, t0)), spheres[i].c));
            *color = spheres[i].color; *refl = spheres[i].refl;
        }
    }
    if (d.y < -1e-4f) { /* the floor, y = -1, a checkerboard */
        float tp = (-1.0f - o.y) / d.y;
        if (tp > 1e-3f && tp < best) {
            best = tp; found = 1;
            vec p = add(o, scale(d, tp));
            int check = ((int)__builtin_floorf(p.x) + (int)__builtin_floorf(p.z)) & 1;
            *n = v3(0, 1, 0);
            *color = check ? v3(0.9f, 0.9f, 0.9f) : v3(0.2f, 0.3f, 0.8f);
            *refl = 0.2f;
        }
    }
    *t = best;
    return found;
}

static vec trace(vec o, vec d, int depth) {
    float t, refl;
    vec n, color;
    if (!hit(o, d, &t, &n, &color, &refl)) return v3(0.5f + 0.5f * d.y, 0.7f, 1.0f);
    vec p = add(o, scale(d, t));
    vec light = norm(v3(-0.5f, 1.0f, -0.3f));
    float diff = dot(n, light);
    if (diff < 0) diff = 0;
    float ts, rs; vec ns, cs;
    if (diff > 0 && hit(p, light, &ts, &ns, &cs, &rs)) diff *= 0.3f;
    vec h = norm(sub(light, d));
    float spec = dot(n, h);
    spec = spec > 0 ? spec * spec * spec * spec : 0;
    spec = spec * spec * spec * spec;
    vec out = add(scale(color, 0.1f + 0.9f * diff), v3(spec, spec, spec));
    if (depth < 2 && refl > 0) {
        vec r = sub(d, scale(n, 2 * dot(d, n)));
        out = add(scale(out, 1 - refl), scale(trace(p, r, depth + 1), refl));
    }
    return out;
}

static u8 to8(float v) { v = v < 0 ? 0 : v > 1 ? 1 : v; return (u8)(v * 255.0f + 0.5f); }

EXPORT("run") u32 run(u32 n) {
    rng_seed(7);
    for (int i = 0; i < NS; i++) {
        spheres[i].c = v3((float)(int)(rng_next() % 9) - 4.0f, (float)(int)(rng_next() % 3) - 0.5f, 4.0f + (float)(rng_next() % 7));
        spheres[i].r = 0.5f + (float)(rng_next() % 100) / 100.0f;
        spheres[i].color = v3((float)(rng_next() % 256) / 255.0f, (float)(rng_next() % 256) / 255.0f, (float)(rng_next() % 256) / 255.0f);
        spheres[i].refl = (float)(rng_next() % 60) / 100.0f;
    }
    u32 sum = 2166136261u;
    for (u32 f = 0; f < n; f++) {
        vec eye = v3(0.1f * (float)f, 0.5f, -1.0f);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                vec d = norm(v3(((float)x - W / 2) / H, ((float)(H / 2 - y)) / H, 1.0f));
                vec c = trace(eye, d, 0);
                u8 *px = image + 3 * (y * W + x);
                px[0] = to8(c.x); px[1] = to8(c.y); px[2] = to8(c.z);
            }
        for (u32 i = 0; i < W * H * 3; i++) sum = mix32(sum, image[i]);
    }
    return sum;
}
