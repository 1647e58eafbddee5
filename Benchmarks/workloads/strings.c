/* String handling, what the ten workloads miss: generating text, splitting it into words,
 * counting them in a chained hash table keyed by the strings themselves (strcmp, strlen, copies
 * into an arena), formatting numbers into a string builder and parsing them back, and sorting
 * the distinct words. Freestanding, so the string functions are the program's own, as in code
 * that ships its own libc. run(n) does n rounds; returns a checksum. */
#include "common.h"

#define TEXT (96u * 1024u)
static char text[TEXT + 1];
static char arena[256u * 1024u];
static u32 arena_used;
#define BUCKETS 4096
typedef struct entry { const char *word; u32 count; struct entry *next; } entry;
static entry entries[16384];
static u32 nentries;
static entry *table[BUCKETS];
static const char *sorted[16384];
static char out[64u * 1024u];

static u32 str_len(const char *s) { const char *p = s; while (*p) p++; return (u32)(p - s); }
static int str_cmp(const char *a, const char *b) {
    while (*a && *a == *b) { a++; b++; }
    return (u8)*a - (u8)*b;
}
static char *str_dup(const char *s, u32 n) {
    char *d = arena + arena_used;
    for (u32 i = 0; i < n; i++) d[i] = s[i];
    d[n] = 0;
    arena_used += n + 1;
    return d;
}
static u32 hash(const char *s) {
    u32 h = 5381;
    while (*s) h = h * 33 + (u8)*s++;
    return h;
}
static u32 fmt_u32(char *p, u32 v) {
    char tmp[12];
    u32 n = 0;
    do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    for (u32 i = 0; i < n; i++) p[i] = tmp[n - 1 - i];
    return n;
}
static u32 parse_u32(const char **s) {
    u32 v = 0;
    while (**s >= '0' && **s <= '9') v = v * 10 + (u32)(*(*s)++ - '0');
    return v;
}

static const char *syll[] = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "zen", "qua", "bri", "st"};

static void make_text(void) {
    u32 i = 0;
    while (i + 24 < TEXT) {
        u32 r = rng_next(), k = 1 + r % 3 + (r >> 30);
        for (u32 s = 0; s < k; s++) {
            const char *y = syll[(r >> (4 + 3 * s)) % 12];
            while (*y) text[i++] = *y++;
        }
        text[i++] = (r & 0x300) == 0 ? '\n' : ((r >> 12) % 11 == 0 ? ',' : ' ');
    }
    text[i] = 0;
}

static void count_words(void) {
    char word[64];
    const char *p = text;
    for (;;) {
        while (*p == ' ' || *p == '\n' || *p == ',') p++;
        if (!*p) break;
        u32 n = 0;
        while (*p && *p != ' ' && *p != '\n' && *p != ',' && n < 63) word[n++] = *p++;
        word[n] = 0;
        u32 b = hash(word) % BUCKETS;
        entry *e = table[b];
        while (e && str_cmp(e->word, word) != 0) e = e->next;
        if (!e) {
            e = &entries[nentries++];
            e->word = str_dup(word, str_len(word));
            e->count = 0;
            e->next = table[b];
            table[b] = e;
        }
        e->count++;
    }
}

static void sort_words(u32 n) { /* insertion sort into runs, then a merge pass: shell sort */
    for (u32 gap = n / 2; gap > 0; gap /= 2)
        for (u32 i = gap; i < n; i++) {
            const char *w = sorted[i];
            u32 j = i;
            while (j >= gap && str_cmp(sorted[j - gap], w) > 0) { sorted[j] = sorted[j - gap]; j -= gap; }
            sorted[j] = w;
        }
}

EXPORT("run") u32 run(u32 n) {
    rng_seed(2024);
    u32 sum = 2166136261u;
    for (u32 round = 0; round < n; round++) {
        arena_used = 0; nentries = 0;
        for (u32 b = 0; b < BUCKETS; b++) table[b] = 0;
        make_text();
        count_words();
        for (u32 i = 0; i < nentries; i++) sorted[i] = entries[i].word;
        sort_words(nentries);
        u32 o = 0;
        for (u32 i = 0; i < nentries && o + 80 < sizeof out; i++) {
            const char *w = sorted[i];
            u32 len = str_len(w);
            for (u32 k = 0; k < len; k++) out[o++] = w[k];
            out[o++] = '=';
            entry *e = table[hash(w) % BUCKETS];
            while (str_cmp(e->word, w) != 0) e = e->next;
            o += fmt_u32(out + o, e->count);
            out[o++] = ';';
        }
        out[o] = 0;
        const char *p = out;
        while (*p) {
            while (*p && *p != '=') p++;
            if (!*p) break;
            p++;
            sum = mix32(sum, parse_u32(&p));
        }
        sum = mix32(sum, nentries);
        sum = mix32(sum, hash(sorted[0]) ^ hash(sorted[nentries - 1]));
    }
    return sum;
}
