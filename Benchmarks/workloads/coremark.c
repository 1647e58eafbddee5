/* A CoreMark-like mix (not the official CoreMark, whose license forbids
 * modified redistribution): per iteration, linked-list search/reverse/merge sort,
 * a 16-bit integer matrix multiply with bit extraction, and a state machine that
 * classifies numbers in a text buffer; every result is folded into a CRC-16, as
 * CoreMark does. */
#include "common.h"

/* ---- CRC-16 (CCITT, bitwise) ---- */
static u16 crc16_byte(u8 data, u16 crc) {
    for (int i = 0; i < 8; i++) {
        u8 x16 = (u8)((data & 1) ^ (crc & 1));
        data >>= 1;
        if (x16) { crc ^= 0x4002; crc = (u16)((crc >> 1) | 0x8000); }
        else crc >>= 1;
    }
    return crc;
}
static u16 crc16(u16 v, u16 crc) { return crc16_byte((u8)(v >> 8), crc16_byte((u8)v, crc)); }
static u16 crc32w(u32 v, u16 crc) { return crc16((u16)(v >> 16), crc16((u16)v, crc)); }

/* ---- linked list ---- */
#define LIST_NODES 512
struct node { struct node *next; i16 key; i16 value; };
static struct node nodes[LIST_NODES];

static struct node *list_build(u32 seed) {
    struct node *head = 0;
    for (int i = LIST_NODES - 1; i >= 0; i--) {
        nodes[i].key = (i16)i;
        nodes[i].value = (i16)((seed * 31u + (u32)i * 7919u) & 0x7fff);
        nodes[i].next = head;
        head = &nodes[i];
    }
    return head;
}

static struct node *list_reverse(struct node *l) {
    struct node *r = 0;
    while (l) { struct node *n = l->next; l->next = r; r = l; l = n; }
    return r;
}

static struct node *list_find(struct node *l, i16 key) {
    while (l && l->key != key) l = l->next;
    return l;
}

/* Bottom-up merge sort by value (then key), as in CoreMark's core_list_mergesort. */
static struct node *list_sort(struct node *list, int by_key) {
    int insize = 1;
    for (;;) {
        struct node *p = list, *tail = 0;
        list = 0;
        int nmerges = 0;
        while (p) {
            nmerges++;
            struct node *q = p;
            int psize = 0;
            for (int i = 0; i < insize && q; i++) { psize++; q = q->next; }
            int qsize = insize;
            while (psize > 0 || (qsize > 0 && q)) {
                struct node *e;
                if (psize == 0) { e = q; q = q->next; qsize--; }
                else if (qsize == 0 || !q) { e = p; p = p->next; psize--; }
                else {
                    int le = by_key ? p->key <= q->key
                                    : (p->value < q->value || (p->value == q->value && p->key <= q->key));
                    if (le) { e = p; p = p->next; psize--; }
                    else { e = q; q = q->next; qsize--; }
                }
                if (tail) tail->next = e; else list = e;
                tail = e;
            }
            p = q;
        }
        tail->next = 0;
        if (nmerges <= 1) return list;
        insize *= 2;
    }
}

static u16 bench_list(u32 seed, u16 crc) {
    struct node *l = list_build(seed);
    l = list_sort(l, 0);
    for (int i = 0; i < 16; i++) {
        struct node *f = list_find(l, (i16)((seed + (u32)i * 37u) % LIST_NODES));
        crc = crc16((u16)(f ? f->value : -1), crc);
    }
    l = list_reverse(l);
    crc = crc16((u16)l->value, crc);
    l = list_sort(l, 1);
    u32 s = 0;
    for (struct node *n = l; n; n = n->next) s = s * 3 + (u16)n->value;
    return crc32w(s, crc);
}

/* ---- matrix ---- */
#define MN 24
static i16 ma[MN * MN], mb[MN * MN];
static i32 mc[MN * MN];

static u16 bench_matrix(u32 seed, u16 crc) {
    for (int i = 0; i < MN * MN; i++) {
        ma[i] = (i16)((seed + (u32)i * 13u) & 0xff);
        mb[i] = (i16)(((seed >> 3) + (u32)i * 7u) & 0xff);
    }
    /* add constant, multiply by constant, matrix * vector, matrix * matrix, bit extraction */
    for (int i = 0; i < MN * MN; i++) ma[i] += (i16)3;
    i32 acc = 0;
    for (int i = 0; i < MN * MN; i++) acc += ma[i] * 5;
    crc = crc32w((u32)acc, crc);
    for (int i = 0; i < MN; i++) {
        i32 s = 0;
        for (int j = 0; j < MN; j++) s += ma[i * MN + j] * mb[j];
        mc[i] = s;
    }
    for (int i = 0; i < MN; i++) crc = crc32w((u32)mc[i], crc);
    for (int i = 0; i < MN; i++)
        for (int j = 0; j < MN; j++) {
            i32 s = 0;
            for (int k = 0; k < MN; k++) s += ma[i * MN + k] * mb[k * MN + j];
            mc[i * MN + j] = s;
        }
    i32 bits = 0;
    for (int i = 0; i < MN * MN; i++) bits += (mc[i] >> 2) & 0xf;
    for (int i = 0; i < MN * MN; i += 5) crc = crc32w((u32)mc[i], crc);
    return crc16((u16)bits, crc);
}

/* ---- state machine ---- */
#define TEXT_LEN 2048
static u8 sm_text[TEXT_LEN];
enum { S_START, S_INT, S_FLOAT, S_EXP, S_SCI, S_INVALID, S_COUNT };

static void sm_fill(u32 seed) {
    static const char *const pieces[] = {"5012", "1234", "-874", "+122", "35.54", ".1234",
                                         "-110.7", "+0.64", "5.5e+3", "-.123e-2", "-87e+832",
                                         "+0.6e-12", "T0.3e-1F", "-T.T++Tq", "1T3.4e4z", "34.0e-T^"};
    u32 pos = 0, s = seed;
    while (pos + 12 < TEXT_LEN) {
        s = s * 1103515245u + 12345u;
        const char *p = pieces[(s >> 16) & 15];
        while (*p) sm_text[pos++] = (u8)*p++;
        sm_text[pos++] = ',';
    }
    while (pos < TEXT_LEN) sm_text[pos++] = 0;
}

static int is_digit(u8 c) { return c >= '0' && c <= '9'; }

static int sm_next(const u8 **str, u32 *transitions) {
    const u8 *p = *str;
    int state = S_START;
    for (; *p && state != S_INVALID; p++) {
        u8 c = *p;
        if (c == ',') { p++; break; }
        switch (state) {
        case S_START:
            if (is_digit(c)) state = S_INT;
            else if (c == '+' || c == '-') state = S_START + 100; /* sign seen */
            else if (c == '.') state = S_FLOAT;
            else state = S_INVALID;
            transitions[S_START]++;
            break;
        case S_START + 100:
            state = is_digit(c) ? S_INT : c == '.' ? S_FLOAT : S_INVALID;
            break;
        case S_INT:
            if (c == '.') { state = S_FLOAT; transitions[S_INT]++; }
            else if (!is_digit(c)) { state = S_INVALID; transitions[S_INT]++; }
            break;
        case S_FLOAT:
            if (c == 'E' || c == 'e') { state = S_EXP; transitions[S_FLOAT]++; }
            else if (!is_digit(c)) { state = S_INVALID; transitions[S_FLOAT]++; }
            break;
        case S_EXP:
            state = (c == '+' || c == '-') ? S_SCI : S_INVALID;
            transitions[S_EXP]++;
            break;
        case S_SCI:
            if (!is_digit(c)) { state = S_INVALID; transitions[S_INVALID]++; }
            break;
        }
    }
    *str = p;
    return state == S_START + 100 ? S_INVALID : state;
}

static u16 bench_state(u32 seed, u16 crc) {
    sm_fill(seed);
    u32 final_counts[S_COUNT] = {0}, transitions[S_COUNT] = {0};
    const u8 *p = sm_text;
    while (*p) final_counts[sm_next(&p, transitions)]++;
    /* Corrupt every 7th byte and scan again, as CoreMark does. */
    for (u32 i = 0; i < TEXT_LEN; i += 7) if (sm_text[i] && sm_text[i] != ',') sm_text[i] ^= 0x5;
    p = sm_text;
    while (*p) final_counts[sm_next(&p, transitions)]++;
    for (int i = 0; i < S_COUNT; i++) {
        crc = crc32w(final_counts[i], crc);
        crc = crc32w(transitions[i], crc);
    }
    return crc;
}

EXPORT("run") u32 run(u32 iterations) {
    u16 crc = 0;
    for (u32 i = 0; i < iterations; i++) {
        u32 seed = i * 2654435761u;
        crc = bench_list(seed, crc);
        crc = bench_matrix(seed, crc);
        crc = bench_state(seed, crc);
    }
    return crc;
}
