// Tries to leave its preopened directory every way we know of, through the raw WASI calls (so
// wasi-libc's own path handling cannot hide anything), and checks each attempt's errno.
//
// Expected host layout (the test creates it):  ROOT/inside  is preopened as "/sandbox";
//   ROOT/outside/secret.txt           "TOPSECRET"  (must never be read, changed or removed)
//   inside/file.txt                   "inside"
//   inside/a/                         a directory
//   inside/host_rel   -> ../outside   host symlink, relative, leaving
//   inside/host_abs   -> ROOT/outside host symlink, absolute
//   inside/host_file  -> ../outside/secret.txt
//   inside/chain1 -> chain2, inside/chain2 -> a/../../outside   a chain that leaves late
//   inside/ok_link -> a               a symlink that stays inside
// Prints one line per check; the exit status is the number of failed checks.
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <wasi/api.h>

static int failures = 0;
static __wasi_fd_t root = (__wasi_fd_t)-1;

static void expect(const char *what, __wasi_errno_t got, __wasi_errno_t want) {
    int ok = got == want;
    printf("%s %s: errno %d (want %d)\n", ok ? "ok  " : "FAIL", what, (int)got, (int)want);
    if (!ok) failures++;
}

// Everything but the rights that need write access (a directory cannot be opened for writing).
static const __wasi_rights_t DIR_RIGHTS = ((((__wasi_rights_t)1) << 30) - 1) & ~(__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE);

// Set while an attempt is expected to fail: a success then prints what it could read.
static int leak_check = 1;

static __wasi_errno_t open_at(__wasi_fd_t dir, int follow, const char *path, __wasi_oflags_t oflags,
                              __wasi_rights_t rights, __wasi_fd_t *out) {
    __wasi_fd_t fd = (__wasi_fd_t)-1;
    __wasi_errno_t e = __wasi_path_open(dir, follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0, path, oflags,
                                        rights, rights, 0, &fd);
    if (e == 0) {
        if (out) {
            *out = fd;
        } else if (leak_check) {
            // An escape that "worked": show what leaked so the test sees it, then close.
            char buf[64] = {0};
            __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf - 1};
            __wasi_size_t n = 0;
            if (__wasi_fd_read(fd, &iov, 1, &n) == 0) printf("LEAKED %s: %s\n", path, buf);
            (void)__wasi_fd_close(fd);
        } else {
            (void)__wasi_fd_close(fd);
        }
    }
    return e;
}

static void try_open(const char *what, int follow, const char *path, __wasi_oflags_t oflags, __wasi_errno_t want) {
    leak_check = want != 0;
    expect(what, open_at(root, follow, path, oflags, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, NULL), want);
    leak_check = 1;
}

static __wasi_fd_t find_preopen(const char *name) {
    for (__wasi_fd_t fd = 3; fd < 64; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0) continue;
        char buf[256];
        size_t len = ps.u.dir.pr_name_len;
        if (len >= sizeof buf || __wasi_fd_prestat_dir_name(fd, (uint8_t *)buf, len) != 0) continue;
        buf[len] = 0;
        if (strcmp(buf, name) == 0) return fd;
    }
    return (__wasi_fd_t)-1;
}

int main(void) {
    root = find_preopen("/sandbox");
    if (root == (__wasi_fd_t)-1) {
        printf("FAIL no preopen /sandbox\n");
        return 100;
    }
    const __wasi_errno_t PERM = __WASI_ERRNO_PERM, LOOP = __WASI_ERRNO_LOOP, CAP = __WASI_ERRNO_NOTCAPABLE;

    // 1. ".." escapes.
    try_open("dotdot", 0, "../outside/secret.txt", 0, PERM);
    try_open("dotdot after a dir", 0, "a/../../outside/secret.txt", 0, PERM);
    try_open("dotdot many", 0, "a/../a/../../../../../../../../etc/passwd", 0, PERM);
    try_open("dotdot alone", 0, "..", 0, PERM);
    try_open("dotdot with slashes", 0, "a//.//..//..//outside/secret.txt", 0, PERM);
    try_open("dotdot creat", 0, "../outside/created.txt", __WASI_OFLAGS_CREAT, PERM);

    // 2. Absolute paths.
    try_open("absolute /etc/passwd", 0, "/etc/passwd", 0, PERM);
    try_open("absolute /", 0, "/", 0, PERM);
    try_open("absolute //", 0, "//outside/secret.txt", 0, PERM);

    // 3. Host symlinks pointing outside.
    try_open("host relative dir symlink", 1, "host_rel/secret.txt", 0, PERM);
    try_open("host relative dir symlink, nofollow final", 0, "host_rel/secret.txt", 0, PERM);
    try_open("host absolute dir symlink", 1, "host_abs/secret.txt", 0, PERM);
    try_open("host file symlink followed", 1, "host_file", 0, PERM);
    try_open("host file symlink not followed", 0, "host_file", 0, LOOP);
    try_open("host symlink chain", 1, "chain1/secret.txt", 0, PERM);
    try_open("host symlink chain, final", 1, "chain1", __WASI_OFLAGS_DIRECTORY, PERM);
    try_open("host symlink creat through", 1, "host_rel/created.txt", __WASI_OFLAGS_CREAT, PERM);

    // Symlinks that stay inside keep working.
    __wasi_fd_t fd;
    expect("inside symlink followed", open_at(root, 1, "ok_link/../file.txt", 0, __WASI_RIGHTS_FD_READ, &fd), 0);
    if (fd != (__wasi_fd_t)-1) (void)__wasi_fd_close(fd);

    // 4. Symlinks made by the guest.
    expect("guest symlink to ../outside created", __wasi_path_symlink("../outside", root, "g_out"), 0);
    try_open("guest symlink followed", 1, "g_out/secret.txt", 0, PERM);
    try_open("guest symlink as dir", 1, "g_out", __WASI_OFLAGS_DIRECTORY, PERM);
    expect("guest absolute symlink refused", __wasi_path_symlink("/etc", root, "g_abs"), PERM);
    expect("guest symlink up", __wasi_path_symlink("..", root, "a/up"), 0);
    expect("guest symlink up2", __wasi_path_symlink("up/..", root, "a/up2"), 0);
    try_open("guest symlink chain of ..", 1, "a/up2/outside/secret.txt", 0, PERM);
    try_open("guest symlink up stays inside", 1, "a/up/file.txt", 0, 0);
    expect("guest loop 1", __wasi_path_symlink("loop2", root, "loop1"), 0);
    expect("guest loop 2", __wasi_path_symlink("loop1", root, "loop2"), 0);
    try_open("guest symlink loop", 1, "loop1", 0, LOOP);
    try_open("guest symlink loop in dir", 1, "loop1/x", 0, LOOP);
    expect("guest dangling symlink out", __wasi_path_symlink("../outside/created.txt", root, "dangle"), 0);
    try_open("creat through dangling symlink", 1, "dangle", __WASI_OFLAGS_CREAT, PERM);
    try_open("creat on dangling symlink nofollow", 0, "dangle", __WASI_OFLAGS_CREAT, LOOP);
    expect("guest symlink to dotdot file", __wasi_path_symlink("a/../../outside/secret.txt", root, "g_file"), 0);
    try_open("guest file symlink followed", 1, "g_file", 0, PERM);

    // 5. Renames and links.
    expect("rename out", __wasi_path_rename(root, "file.txt", root, "../outside/stolen.txt"), PERM);
    expect("rename in", __wasi_path_rename(root, "../outside/secret.txt", root, "got.txt"), PERM);
    expect("rename via host symlink", __wasi_path_rename(root, "file.txt", root, "host_rel/stolen.txt"), PERM);
    expect("rename from via host symlink", __wasi_path_rename(root, "host_rel/secret.txt", root, "got.txt"), PERM);
    expect("rename from absolute", __wasi_path_rename(root, "/etc/passwd", root, "got.txt"), PERM);
    expect("link in", __wasi_path_link(root, 0, "../outside/secret.txt", root, "hard"), PERM);
    expect("link out", __wasi_path_link(root, 0, "file.txt", root, "../outside/hard"), PERM);
    expect("link through symlink", __wasi_path_link(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "host_file", root, "hard"), PERM);

    // 6. Every other path call.
    expect("mkdir out", __wasi_path_create_directory(root, "../outside/newdir"), PERM);
    expect("mkdir via symlink", __wasi_path_create_directory(root, "host_rel/newdir"), PERM);
    expect("unlink out", __wasi_path_unlink_file(root, "../outside/secret.txt"), PERM);
    expect("unlink via symlink", __wasi_path_unlink_file(root, "host_rel/secret.txt"), PERM);
    expect("rmdir out", __wasi_path_remove_directory(root, "../outside"), PERM);
    __wasi_filestat_t st;
    expect("stat out", __wasi_path_filestat_get(root, 0, "../outside/secret.txt", &st), PERM);
    expect("stat via symlink followed", __wasi_path_filestat_get(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "host_file", &st), PERM);
    expect("set times out", __wasi_path_filestat_set_times(root, 0, "../outside/secret.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW), PERM);
    expect("set times via symlink", __wasi_path_filestat_set_times(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "host_file", 0, 0, __WASI_FSTFLAGS_MTIM_NOW), PERM);
    uint8_t buf[64];
    __wasi_size_t used;
    expect("readlink out", __wasi_path_readlink(root, "../outside/x", buf, sizeof buf, &used), PERM);
    expect("symlink placed out", __wasi_path_symlink("file.txt", root, "../outside/planted"), PERM);

    // 7. A directory fd is a sandbox of its own: ".." from it cannot climb to its parent.
    __wasi_fd_t afd = (__wasi_fd_t)-1;
    expect("open subdir", open_at(root, 0, "a", __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS, &afd), 0);
    expect("dotdot from subdir fd", open_at(afd, 0, "../file.txt", 0, __WASI_RIGHTS_FD_READ, NULL), PERM);
    expect("guest symlink up from subdir fd", open_at(afd, 1, "up/file.txt", 0, __WASI_RIGHTS_FD_READ, NULL), PERM);

    // 8. Rights.
    __wasi_fd_t ro = (__wasi_fd_t)-1;
    expect("open read-only", open_at(root, 0, "file.txt", 0, __WASI_RIGHTS_FD_READ, &ro), 0);
    __wasi_ciovec_t civ = {(const uint8_t *)"x", 1};
    __wasi_size_t n;
    expect("write without FD_WRITE", __wasi_fd_write(ro, &civ, 1, &n), CAP);
    expect("seek without FD_SEEK", __wasi_fd_seek(ro, 1, __WASI_WHENCE_SET, NULL), CAP);
    expect("truncate without right", __wasi_fd_filestat_set_size(ro, 0), CAP);
    expect("gain rights refused", __wasi_fd_fdstat_set_rights(ro, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0), CAP);
    __wasi_fd_t limited = (__wasi_fd_t)-1;
    // A directory whose inheriting rights lack FD_WRITE: files opened through it cannot write.
    (void)__wasi_path_open(root, 0, "a", __WASI_OFLAGS_DIRECTORY,
                           __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_CREATE_FILE, __WASI_RIGHTS_FD_READ, 0, &limited);
    __wasi_fd_t w = (__wasi_fd_t)-1;
    expect("create through limited dir", __wasi_path_open(limited, 0, "new.txt", __WASI_OFLAGS_CREAT,
                                                          __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &w), 0);
    expect("inherited rights exclude write", __wasi_fd_write(w, &civ, 1, &n), CAP);
    expect("mkdir without right", __wasi_path_create_directory(limited, "d"), CAP);
    expect("unlink without right", __wasi_path_unlink_file(limited, "new.txt"), CAP);
    expect("fd_readdir without right", __wasi_fd_readdir(limited, buf, sizeof buf, 0, &used), CAP);
    expect("drop PATH_OPEN", __wasi_fd_fdstat_set_rights(afd, __WASI_RIGHTS_FD_READDIR, 0), 0);
    expect("open without PATH_OPEN", open_at(afd, 0, "new.txt", 0, 0, NULL), CAP);

    // 9. The preopen is still usable after all that.
    try_open("normal open still works", 0, "file.txt", 0, 0);

    printf("%d failure(s)\n", failures);
    return failures;
}
