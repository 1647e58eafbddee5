/* A JSON tokenizer: generates ~512 KiB of JSON-like text once, then scans it
 * `rounds` times, classifying tokens, decoding string escapes, parsing numbers
 * (integer and fraction) and tracking nesting. Branchy byte-at-a-time code. */
#include "common.h"

#define TEXT_SIZE (512u << 10)
static u8 text[TEXT_SIZE + 16384];
static u32 text_len;

static const char *const keys[] = {"id", "name", "value", "tags", "enabled", "ratio",
                                   "children", "offset", "kind", "description"};

static void put(const char *s) { while (*s) text[text_len++] = (u8)*s++; }

static void put_uint(u32 v) {
    char tmp[12];
    int n = 0;
    do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) text[text_len++] = (u8)tmp[--n];
}

static void gen_value(int depth) {
    u32 r = rng_next();
    /* Containers only above depth 3 keep one top-level value under ~8 KiB. */
    switch (depth >= 3 ? r % 5 : r % 7) {
    case 0: put_uint(r >> 12); break;
    case 1: text[text_len++] = '-'; put_uint((r >> 10) % 100000); text[text_len++] = '.';
            put_uint((r >> 3) % 1000); break;
    case 2: put("\"str\\n"); put_uint(r >> 20); put("\\\"q\\u0041\""); break;
    case 3: put(r & 8 ? "true" : "false"); break;
    case 4: put("null"); break;
    case 5: {
        text[text_len++] = '[';
        u32 n = 1 + (r >> 5) % 6;
        for (u32 i = 0; i < n; i++) { if (i) put(", "); gen_value(depth + 1); }
        text[text_len++] = ']';
        break;
    }
    default: {
        text[text_len++] = '{';
        u32 n = 1 + (r >> 7) % 5;
        for (u32 i = 0; i < n; i++) {
            if (i) put(",\n  ");
            text[text_len++] = '"';
            put(keys[(r >> (i * 3)) % 10]);
            put("\": ");
            gen_value(depth + 1);
        }
        text[text_len++] = '}';
        break;
    }
    }
}

static void generate(void) {
    rng_seed(2024);
    text_len = 0;
    text[text_len++] = '[';
    while (text_len < TEXT_SIZE) {
        gen_value(0);
        put(",\n");
    }
    put("0]");
}

enum { T_LBRACE, T_RBRACE, T_LBRACK, T_RBRACK, T_COLON, T_COMMA, T_STRING, T_INT, T_FLOAT,
       T_TRUE, T_FALSE, T_NULL, T_COUNT };

static u32 tokenize(void) {
    u32 counts[T_COUNT] = {0};
    u32 h = 2166136261u;
    i32 depth = 0, max_depth = 0;
    u32 i = 0, n = text_len;
    while (i < n) {
        u8 c = text[i];
        switch (c) {
        case ' ': case '\n': case '\t': case '\r': i++; break;
        case '{': counts[T_LBRACE]++; depth++; if (depth > max_depth) max_depth = depth; i++; break;
        case '}': counts[T_RBRACE]++; depth--; i++; break;
        case '[': counts[T_LBRACK]++; depth++; if (depth > max_depth) max_depth = depth; i++; break;
        case ']': counts[T_RBRACK]++; depth--; i++; break;
        case ':': counts[T_COLON]++; i++; break;
        case ',': counts[T_COMMA]++; i++; break;
        case '"': {
            u32 sh = 5381;
            i++;
            while (text[i] != '"') {
                u32 ch = text[i++];
                if (ch == '\\') {
                    u8 e = text[i++];
                    switch (e) {
                    case 'n': ch = '\n'; break;
                    case 't': ch = '\t'; break;
                    case 'u': {
                        ch = 0;
                        for (int k = 0; k < 4; k++) {
                            u8 d = text[i++];
                            ch = ch * 16 + (d <= '9' ? d - '0' : (d | 32) - 'a' + 10);
                        }
                        break;
                    }
                    default: ch = e; break;
                    }
                }
                sh = sh * 33 + ch;
            }
            i++;
            counts[T_STRING]++;
            h = mix32(h, sh);
            break;
        }
        case 't': counts[T_TRUE]++; i += 4; break;
        case 'f': counts[T_FALSE]++; i += 5; break;
        case 'n': counts[T_NULL]++; i += 4; break;
        default: {
            if (c != '-' && (c < '0' || c > '9')) { h = mix32(h, c); i++; break; }
            int neg = 0;
            if (c == '-') { neg = 1; i++; }
            u64 v = 0;
            while (text[i] >= '0' && text[i] <= '9') v = v * 10 + (text[i++] - '0');
            if (text[i] == '.') {
                i++;
                double frac = 0.0, scale = 0.1;
                while (text[i] >= '0' && text[i] <= '9') { frac += (text[i++] - '0') * scale; scale *= 0.1; }
                double d = (double)v + frac;
                if (neg) d = -d;
                counts[T_FLOAT]++;
                h = mix32(h, (u32)(i64)(d * 1000.0));
            } else {
                counts[T_INT]++;
                h = mix32(h, (u32)(neg ? -(i64)v : (i64)v));
            }
            break;
        }
        }
    }
    for (int k = 0; k < T_COUNT; k++) h = mix32(h, counts[k]);
    return mix32(h, (u32)(max_depth * 1000 + depth));
}

EXPORT("run") u32 run(u32 rounds) {
    generate();
    u32 h = 0;
    for (u32 r = 0; r < rounds; r++) {
        h = mix32(h, tokenize());
        text[1 + (r * 131) % 64] = ' ';
    }
    return h;
}
