// A small deterministic WASI command for the fuel golden test: prints its arguments and a
// checksum computed over them (no clocks, no files), so its fuel total never changes.
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    unsigned h = 2166136261u;
    for (int i = 0; i < argc; i++) {
        printf("arg %d: %s\n", i, argv[i]);
        for (const char *p = argv[i]; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
    }
    for (int k = 0; k < 10000; k++) h = h * 1664525u + 1013904223u;
    printf("checksum %u\n", h);
    return (int)(h % 7);
}
