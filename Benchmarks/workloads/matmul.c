/* Dense f64 matrix multiply, C = A * B with n x n matrices (n <= 512), i-k-j
 * loop order. Returns the bit pattern of the sum of C, so every runtime must
 * produce the identical IEEE result. */
#include "common.h"

#define MAXN 512
static double A[MAXN * MAXN], B[MAXN * MAXN], C[MAXN * MAXN];

EXPORT("run") u64 run(u32 n) {
    if (n > MAXN) n = MAXN;
    rng_seed(12345);
    for (u32 i = 0; i < n * n; i++) {
        A[i] = (double)(rng_next() % 2001) / 1000.0 - 1.0;
        B[i] = (double)(rng_next() % 2001) / 1000.0 - 1.0;
        C[i] = 0.0;
    }
    for (u32 i = 0; i < n; i++) {
        double *c = &C[i * n];
        for (u32 k = 0; k < n; k++) {
            double a = A[i * n + k];
            const double *b = &B[k * n];
            for (u32 j = 0; j < n; j++) c[j] += a * b[j];
        }
    }
    double sum = 0.0;
    for (u32 i = 0; i < n * n; i++) sum += C[i] * (double)((i % 7) + 1);
    return f64_bits(sum);
}
