/* f64 numeric kernels other than the ten's matmul and nbody: LU decomposition with partial
 * pivoting and the two triangular solves (the daxpy row updates of LINPACK), an iterative radix-2
 * complex FFT and its inverse, and a 5-point stencil relaxation. run(n) does n rounds; returns
 * the bits of a checksum of the results. */
#include "common.h"

#define N 96
static double a[N][N], b[N], x[N];
static int piv[N];
#define F 1024
static double re[F], im[F];
#define G 64
static double grid[G][G], next[G][G];

static double rnd(void) { return (double)(rng_next() % 20001) / 10000.0 - 1.0; }

static void lu_solve(void) {
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) a[i][j] = rnd() + (i == j ? 4.0 : 0.0);
        b[i] = rnd();
    }
    for (int k = 0; k < N; k++) {
        int p = k;
        double best = a[k][k] < 0 ? -a[k][k] : a[k][k];
        for (int i = k + 1; i < N; i++) {
            double v = a[i][k] < 0 ? -a[i][k] : a[i][k];
            if (v > best) { best = v; p = i; }
        }
        piv[k] = p;
        if (p != k)
            for (int j = 0; j < N; j++) { double t = a[k][j]; a[k][j] = a[p][j]; a[p][j] = t; }
        for (int i = k + 1; i < N; i++) {
            double m = a[i][k] / a[k][k];
            a[i][k] = m;
            for (int j = k + 1; j < N; j++) a[i][j] -= m * a[k][j];
        }
    }
    for (int k = 0; k < N; k++) { double t = b[k]; b[k] = b[piv[k]]; b[piv[k]] = t; }
    for (int i = 0; i < N; i++) {
        double s = b[i];
        for (int j = 0; j < i; j++) s -= a[i][j] * x[j];
        x[i] = s;
    }
    for (int i = N - 1; i >= 0; i--) {
        double s = x[i];
        for (int j = i + 1; j < N; j++) s -= a[i][j] * x[j];
        x[i] = s / a[i][i];
    }
}

static void fft(int inverse) {
    for (int i = 1, j = 0; i < F; i++) {
        int bit = F >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) { double t = re[i]; re[i] = re[j]; re[j] = t; t = im[i]; im[i] = im[j]; im[j] = t; }
    }
    for (int len = 2; len <= F; len <<= 1) {
        /* the twiddle factor by recurrence from cos and sin of the step, computed by series */
        double ang = (inverse ? 2.0 : -2.0) * 3.14159265358979323846 / len;
        double c = 1, s = ang, term = ang, a2 = ang * ang;
        for (int k = 1; k < 12; k++) { term = -term * a2 / ((2 * k) * (2 * k + 1)); s += term; }
        term = 1;
        for (int k = 1; k < 12; k++) { term = -term * a2 / ((2 * k - 1) * (2 * k)); c += term; }
        for (int i = 0; i < F; i += len) {
            double wr = 1, wi = 0;
            for (int j = 0; j < len / 2; j++) {
                double ur = re[i + j], ui = im[i + j];
                double vr = re[i + j + len / 2] * wr - im[i + j + len / 2] * wi;
                double vi = re[i + j + len / 2] * wi + im[i + j + len / 2] * wr;
                re[i + j] = ur + vr; im[i + j] = ui + vi;
                re[i + j + len / 2] = ur - vr; im[i + j + len / 2] = ui - vi;
                double t = wr * c - wi * s;
                wi = wr * s + wi * c;
                wr = t;
            }
        }
    }
    if (inverse)
        for (int i = 0; i < F; i++) { re[i] /= F; im[i] /= F; }
}

static void relax(int steps) {
    for (int i = 0; i < G; i++)
        for (int j = 0; j < G; j++) grid[i][j] = (i == 0 || j == 0) ? 1.0 : 0.0;
    for (int s = 0; s < steps; s++) {
        for (int i = 1; i < G - 1; i++)
            for (int j = 1; j < G - 1; j++)
                next[i][j] = 0.25 * (grid[i - 1][j] + grid[i + 1][j] + grid[i][j - 1] + grid[i][j + 1]);
        for (int i = 1; i < G - 1; i++)
            for (int j = 1; j < G - 1; j++) grid[i][j] = next[i][j];
    }
}

EXPORT("run") u64 run(u32 n) {
    rng_seed(1234);
    double sum = 0;
    for (u32 r = 0; r < n; r++) {
        lu_solve();
        for (int i = 0; i < N; i++) sum += x[i];
        for (int i = 0; i < F; i++) { re[i] = rnd(); im[i] = 0; }
        fft(0);
        sum += re[3] + im[5];
        fft(1);
        sum += re[7];
        relax(20);
        sum += grid[G / 2][G / 2];
    }
    return f64_bits(sum);
}
