// A small find + wc + sort | uniq -c over a directory tree, with clocks, args, environment, and
// file and directory writes. Its output must be byte-identical under `wisp run` and Wasmtime.
//
// usage: wtool DIR [WORD...]   prints the tree under DIR (sorted), per-file line/word/byte counts
// and a checksum, how often each WORD occurs, the sorted unique lines of every *.txt file with
// counts, then writes, renames, reads back and removes a scratch file and directory in DIR.
// Exits with status 7 so the exit status is compared too.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char *paths[1024];
static int npaths = 0;
static char *lines[8192];
static int nlines = 0;

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void walk(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) {
        printf("opendir %s: %s\n", dir, strerror(errno));
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char *p = malloc(strlen(dir) + strlen(e->d_name) + 2);
        sprintf(p, "%s/%s", dir, e->d_name);
        if (npaths < 1024) paths[npaths++] = p;
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) walk(p);
    }
    closedir(d);
}

static void count_file(const char *path, char **words, int nwords, long *hits) {
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("  cannot open: %s\n", strerror(errno));
        return;
    }
    char buf[4096];
    long nl = 0, nw = 0, nb = 0;
    unsigned long long hash = 1469598103934665603ULL;
    int inword = 0;
    size_t n;
    char line[1024];
    size_t ll = 0;
    int txt = strlen(path) > 4 && !strcmp(path + strlen(path) - 4, ".txt");
    char word[256];
    size_t wl = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)buf[i];
            nb++;
            hash = (hash ^ c) * 1099511628211ULL;
            int space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
            if (space) {
                if (inword) {
                    word[wl] = 0;
                    for (int k = 0; k < nwords; k++)
                        if (!strcmp(word, words[k])) hits[k]++;
                }
                inword = 0;
                wl = 0;
            } else {
                if (!inword) nw++;
                inword = 1;
                if (wl < sizeof word - 1) word[wl++] = (char)c;
            }
            if (c == '\n') {
                nl++;
                if (txt && nlines < 8192) {
                    line[ll] = 0;
                    lines[nlines++] = strdup(line);
                }
                ll = 0;
            } else if (ll < sizeof line - 1) {
                line[ll++] = (char)c;
            }
        }
    }
    if (inword) {
        word[wl] = 0;
        for (int k = 0; k < nwords; k++)
            if (!strcmp(word, words[k])) hits[k]++;
    }
    fclose(f);
    printf("  %ld lines, %ld words, %ld bytes, fnv %016llx\n", nl, nw, nb, hash);
}

int main(int argc, char **argv) {
    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++) printf("argv[%d] = %s\n", i, argv[i]);
    const char *greeting = getenv("GREETING");
    printf("GREETING=%s\n", greeting ? greeting : "(unset)");
    if (argc < 2) return 2;

    // Clocks: values differ between runs, so print only what must hold. (Wasmtime has no
    // process CPU-time clock, so that one is tested elsewhere.)
    struct timespec r0, m0, m1, res;
    clock_gettime(CLOCK_REALTIME, &r0);
    clock_gettime(CLOCK_MONOTONIC, &m0);
    volatile unsigned long spin = 0;
    for (int i = 0; i < 200000; i++) spin += (unsigned long)i;
    clock_gettime(CLOCK_MONOTONIC, &m1);
    clock_getres(CLOCK_MONOTONIC, &res);
    long long dt = (m1.tv_sec - m0.tv_sec) * 1000000000LL + (m1.tv_nsec - m0.tv_nsec);
    printf("realtime after 2020: %s\n", r0.tv_sec > 1577836800 ? "yes" : "no");
    printf("monotonic non-decreasing: %s\n", dt >= 0 ? "yes" : "no");
    printf("resolution at most 1ms: %s\n", res.tv_sec == 0 && res.tv_nsec <= 1000000 ? "yes" : "no");

    // find
    walk(argv[1]);
    qsort(paths, npaths, sizeof paths[0], cmp);
    char **words = argv + 2;
    int nwords = argc - 2;
    long hits[64] = {0};
    if (nwords > 64) nwords = 64;
    for (int i = 0; i < npaths; i++) {
        struct stat st;
        if (lstat(paths[i], &st) != 0) {
            printf("? %s: %s\n", paths[i], strerror(errno));
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            printf("d %s\n", paths[i]);
        } else if (S_ISLNK(st.st_mode)) {
            char target[256];
            ssize_t n = readlink(paths[i], target, sizeof target - 1);
            target[n < 0 ? 0 : n] = 0;
            printf("l %s -> %s\n", paths[i], target);
        } else {
            printf("f %s %lld\n", paths[i], (long long)st.st_size);
            count_file(paths[i], words, nwords, hits);
        }
    }
    for (int k = 0; k < nwords; k++) printf("word %s: %ld\n", words[k], hits[k]);

    // sort | uniq -c
    qsort(lines, nlines, sizeof lines[0], cmp);
    for (int i = 0; i < nlines;) {
        int j = i;
        while (j < nlines && !strcmp(lines[i], lines[j])) j++;
        printf("%4d %s\n", j - i, lines[i]);
        i = j;
    }

    // Writes: a scratch directory, a file written, renamed, sought, read back, then removed.
    char dir[512], a[600], b[600];
    snprintf(dir, sizeof dir, "%s/scratch.tmp", argv[1]);
    snprintf(a, sizeof a, "%s/a.txt", dir);
    snprintf(b, sizeof b, "%s/b.txt", dir);
    printf("mkdir: %d\n", mkdir(dir, 0755));
    printf("mkdir again: %d %s\n", mkdir(dir, 0755), strerror(errno));
    FILE *f = fopen(a, "w");
    fprintf(f, "%d paths, %d lines\n", npaths, nlines);
    fclose(f);
    printf("rename: %d\n", rename(a, b));
    printf("old name gone: %s\n", access(a, F_OK) != 0 && errno == ENOENT ? "yes" : "no");
    int fd = open(b, O_RDWR | O_APPEND);
    write(fd, "appended\n", 9);
    off_t end = lseek(fd, 0, SEEK_END);
    char back[128] = {0};
    ssize_t got = pread(fd, back, sizeof back - 1, 0);
    close(fd);
    printf("size %lld, read %zd: %s", (long long)end, got, back);
    printf("truncate: %d\n", truncate(b, 4));
    struct stat st;
    stat(b, &st);
    printf("size after truncate: %lld\n", (long long)st.st_size);
    printf("rmdir non-empty: %d %s\n", rmdir(dir), strerror(errno));
    printf("unlink: %d\n", unlink(b));
    printf("rmdir: %d\n", rmdir(dir));
    printf("open missing: %d %s\n", open(a, O_RDONLY), strerror(errno));
    printf("escape: %d %s\n", open("../../etc/passwd", O_RDONLY), strerror(errno));
    return 7;
}
