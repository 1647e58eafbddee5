/* Indirect calls, what the ten workloads miss: a tree-walking evaluator whose nodes carry a
 * function pointer each (the shape of a C "vtable" or a compiler's visitor), so every step is a
 * call_indirect. It builds random expression trees over a few variables and evaluates each for
 * many variable bindings. run(n) evaluates n rounds; returns a checksum of the results. */
#include "common.h"

typedef struct node node;
typedef i32 (*eval_fn)(const node *, const i32 *env);
struct node { eval_fn eval; const node *a, *b; i32 k; };

#define MAXN 4096
static node pool[MAXN];
static u32 used;

static i32 e_const(const node *n, const i32 *env) { (void)env; return n->k; }
static i32 e_var(const node *n, const i32 *env) { return env[n->k]; }
static i32 e_add(const node *n, const i32 *env) { return n->a->eval(n->a, env) + n->b->eval(n->b, env); }
static i32 e_sub(const node *n, const i32 *env) { return n->a->eval(n->a, env) - n->b->eval(n->b, env); }
static i32 e_mul(const node *n, const i32 *env) { return n->a->eval(n->a, env) * n->b->eval(n->b, env); }
static i32 e_xor(const node *n, const i32 *env) { return n->a->eval(n->a, env) ^ n->b->eval(n->b, env); }
static i32 e_shr(const node *n, const i32 *env) { return n->a->eval(n->a, env) >> (n->k & 7); }
static i32 e_neg(const node *n, const i32 *env) { return -n->a->eval(n->a, env); }
static i32 e_min(const node *n, const i32 *env) {
    i32 x = n->a->eval(n->a, env), y = n->b->eval(n->b, env);
    return x < y ? x : y;
}
static i32 e_sel(const node *n, const i32 *env) {
    return n->a->eval(n->a, env) & 1 ? n->b->eval(n->b, env) : n->k;
}

static const eval_fn binary[] = {e_add, e_sub, e_mul, e_xor, e_min, e_sel};
static const eval_fn unary[] = {e_shr, e_neg};

static const node *build(int depth) {
    node *n = &pool[used++];
    u32 r = rng_next();
    if (depth == 0 || used + 2 >= MAXN || r % 8 == 0) {
        if (r & 0x100) { n->eval = e_var; n->k = (i32)((r >> 9) % 4); }
        else { n->eval = e_const; n->k = (i32)((r >> 9) % 100) - 50; }
        return n;
    }
    if (r % 8 == 1) {
        n->eval = unary[(r >> 3) % 2];
        n->k = (i32)(r >> 12);
        n->a = build(depth - 1);
        return n;
    }
    n->eval = binary[(r >> 3) % 6];
    n->k = (i32)(r >> 16) % 7;
    n->a = build(depth - 1);
    n->b = build(depth - 1);
    return n;
}

EXPORT("run") u32 run(u32 n) {
    rng_seed(99);
    u32 sum = 2166136261u;
    for (u32 round = 0; round < n; round++) {
        used = 0;
        const node *trees[16];
        for (int t = 0; t < 16; t++) trees[t] = build(8);
        i32 env[4];
        for (i32 i = 0; i < 64; i++) {
            env[0] = i; env[1] = i * 3 - 7; env[2] = (i32)round; env[3] = i ^ 0x55;
            for (int t = 0; t < 16; t++) sum = mix32(sum, (u32)trees[t]->eval(trees[t], env));
        }
    }
    return sum;
}
