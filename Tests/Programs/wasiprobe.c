// Guest for WASIStackBudgetTests (docs/stack-safety.md): one export per wasi_snapshot_preview1
// function (proc_exit excepted), each making exactly one call of it on its success path. Build: bash build.sh
//
// Every export takes one i32 and returns the errno of its call. An argument of -1 returns -1 at
// once (the test's first call, which only gets the function translated). Otherwise the export
// calls env.mark (the host records where its frame is) and then the WASI function; `arg` is the
// fd to work on (0, or a fresh fd from open_file where the call uses it up).
//
// The host's setup (the test does it): stdin is a regular file opened read-write (so fd 0 has
// every right of a file); fd 3 is a preopened directory holding file.txt, sub/ with
// sub/link -> ../file.txt, and the per-call fixtures; fd 4 and fd 5 are connected stream sockets
// (the host writes into fd 4's peer before sock_recv), fd 6 a listening Unix socket (the host
// connects a client before sock_accept).
#define EXPORT(name) __attribute__((export_name(#name)))
#define WASI(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
typedef unsigned int u32;
typedef unsigned long long u64;

__attribute__((import_module("env"), import_name("mark"))) void mark(void);
__attribute__((import_module("env"), import_name("nop"))) int host_nop(int);
__attribute__((import_module("env"), import_name("hog"))) int host_hog(int);

WASI(args_get) int args_get(char **argv, char *buf);
WASI(args_sizes_get) int args_sizes_get(u32 *count, u32 *size);
WASI(environ_get) int environ_get(char **env, char *buf);
WASI(environ_sizes_get) int environ_sizes_get(u32 *count, u32 *size);
WASI(clock_res_get) int clock_res_get(u32 id, u64 *res);
WASI(clock_time_get) int clock_time_get(u32 id, u64 precision, u64 *time);
WASI(fd_advise) int fd_advise(int fd, u64 offset, u64 len, u32 advice);
WASI(fd_allocate) int fd_allocate(int fd, u64 offset, u64 len);
WASI(fd_close) int fd_close(int fd);
WASI(fd_datasync) int fd_datasync(int fd);
WASI(fd_fdstat_get) int fd_fdstat_get(int fd, void *stat);
WASI(fd_fdstat_set_flags) int fd_fdstat_set_flags(int fd, u32 flags);
WASI(fd_fdstat_set_rights) int fd_fdstat_set_rights(int fd, u64 base, u64 inheriting);
WASI(fd_filestat_get) int fd_filestat_get(int fd, void *stat);
WASI(fd_filestat_set_size) int fd_filestat_set_size(int fd, u64 size);
WASI(fd_filestat_set_times) int fd_filestat_set_times(int fd, u64 atim, u64 mtim, u32 flags);
WASI(fd_pread) int fd_pread(int fd, const void *iovs, u32 n, u64 offset, u32 *nread);
WASI(fd_prestat_get) int fd_prestat_get(int fd, void *prestat);
WASI(fd_prestat_dir_name) int fd_prestat_dir_name(int fd, char *buf, u32 len);
WASI(fd_pwrite) int fd_pwrite(int fd, const void *iovs, u32 n, u64 offset, u32 *nwritten);
WASI(fd_read) int fd_read(int fd, const void *iovs, u32 n, u32 *nread);
WASI(fd_readdir) int fd_readdir(int fd, void *buf, u32 len, u64 cookie, u32 *used);
WASI(fd_renumber) int fd_renumber(int from, int to);
WASI(fd_seek) int fd_seek(int fd, u64 offset, u32 whence, u64 *pos);
WASI(fd_sync) int fd_sync(int fd);
WASI(fd_tell) int fd_tell(int fd, u64 *pos);
WASI(fd_write) int fd_write(int fd, const void *iovs, u32 n, u32 *nwritten);
WASI(path_create_directory) int path_create_directory(int fd, const char *path, u32 len);
WASI(path_filestat_get) int path_filestat_get(int fd, u32 flags, const char *path, u32 len, void *stat);
WASI(path_filestat_set_times) int path_filestat_set_times(int fd, u32 flags, const char *path, u32 len, u64 atim, u64 mtim, u32 fst);
WASI(path_link) int path_link(int oldfd, u32 flags, const char *old, u32 oldlen, int newfd, const char *new, u32 newlen);
WASI(path_open) int path_open(int fd, u32 dirflags, const char *path, u32 len, u32 oflags, u64 base, u64 inheriting, u32 fdflags, u32 *opened);
WASI(path_readlink) int path_readlink(int fd, const char *path, u32 len, char *buf, u32 buflen, u32 *used);
WASI(path_remove_directory) int path_remove_directory(int fd, const char *path, u32 len);
WASI(path_rename) int path_rename(int fd, const char *old, u32 oldlen, int newfd, const char *new, u32 newlen);
WASI(path_symlink) int path_symlink(const char *target, u32 tlen, int fd, const char *path, u32 len);
WASI(path_unlink_file) int path_unlink_file(int fd, const char *path, u32 len);
WASI(poll_oneoff) int poll_oneoff(const void *in, void *out, u32 n, u32 *nevents);
WASI(proc_raise) int proc_raise(u32 sig);
WASI(sched_yield) int sched_yield(void);
WASI(random_get) int random_get(void *buf, u32 len);
WASI(sock_accept) int sock_accept(int fd, u32 flags, u32 *accepted);
WASI(sock_recv) int sock_recv(int fd, const void *iovs, u32 n, u32 riflags, u32 *nread, u32 *roflags);
WASI(sock_send) int sock_send(int fd, const void *iovs, u32 n, u32 siflags, u32 *nsent);
WASI(sock_shutdown) int sock_shutdown(int fd, u32 how);

enum { DIR = 3, SOCK = 4, SOCK_SHUT = 5, LISTENER = 6, RIGHTS_ALL = (1 << 30) - 1 };

static char data[64] = "the stack probe writes and reads these sixty-four bytes........\n";
static struct { const void *buf; u32 len; } iov = { data, sizeof data };
static u32 out32, out32b;
static u64 out64;
static u64 stat_buf[8];
static char name_buf[256];
static char dir_buf[4096];
static char *ptrs[16];
static char strings[1024];
static u64 events[8];
// poll_oneoff: a relative 1 ms monotonic clock (userdata 1) and a read on the socket (userdata 2;
// nothing waiting), so the host goes through poll(2) and wakes on the clock.
static u64 subscriptions[12] = {1, 0, 1, 1000000, 0, 0,  2, 1, SOCK, 0, 0, 0};

#define LIT(s) s, (u32)(sizeof(s) - 1)
#define PROBE(name, call) \
    EXPORT(name) int probe_##name(int arg) { \
        if (arg == -1) return -1; \
        mark(); \
        return call; \
    }

// The baseline: a host function that does nothing; and the calibration: one that uses a known
// amount of native stack. `spare` (the same code as nop) is only ever translated: the test
// measures a second translation, once the first has paid the one-time costs.
PROBE(nop, host_nop(arg))
PROBE(spare, host_nop(arg))
PROBE(hog, host_hog(arg))

PROBE(args_get, args_get(ptrs, strings))
PROBE(args_sizes_get, args_sizes_get(&out32, &out32b))
PROBE(environ_get, environ_get(ptrs, strings))
PROBE(environ_sizes_get, environ_sizes_get(&out32, &out32b))
PROBE(clock_res_get, clock_res_get(1, &out64))
PROBE(clock_time_get, clock_time_get(1, 1, &out64))
PROBE(fd_advise, fd_advise(arg, 0, 64, 1))
PROBE(fd_allocate, fd_allocate(arg, 0, 4096))
PROBE(fd_close, fd_close(arg))
PROBE(fd_datasync, fd_datasync(arg))
PROBE(fd_fdstat_get, fd_fdstat_get(arg, stat_buf))
PROBE(fd_fdstat_set_flags, fd_fdstat_set_flags(arg, 0))
PROBE(fd_fdstat_set_rights, fd_fdstat_set_rights(arg, 0, 0))
PROBE(fd_filestat_get, fd_filestat_get(arg, stat_buf))
PROBE(fd_filestat_set_size, fd_filestat_set_size(arg, 4096))
PROBE(fd_filestat_set_times, fd_filestat_set_times(arg, 0, 0, 2 | 8))  // atim_now | mtim_now
PROBE(fd_pread, fd_pread(arg, &iov, 1, 0, &out32))
PROBE(fd_prestat_get, fd_prestat_get(DIR, stat_buf))
PROBE(fd_prestat_dir_name, fd_prestat_dir_name(DIR, name_buf, sizeof name_buf))
PROBE(fd_pwrite, fd_pwrite(arg, &iov, 1, 0, &out32))
PROBE(fd_read, fd_read(0, &iov, 1, &out32))
PROBE(fd_readdir, fd_readdir(DIR, dir_buf, sizeof dir_buf, 0, &out32))
PROBE(fd_renumber, fd_renumber(arg & 0xffff, arg >> 16))  // arg: from | to << 16
PROBE(fd_seek, fd_seek(arg, 16, 0, &out64))
PROBE(fd_sync, fd_sync(arg))
PROBE(fd_tell, fd_tell(arg, &out64))
PROBE(fd_write, fd_write(1, &iov, 1, &out32))
PROBE(path_create_directory, path_create_directory(DIR, LIT("newdir")))
PROBE(path_filestat_get, path_filestat_get(DIR, 1, LIT("sub/link"), stat_buf))
PROBE(path_filestat_set_times, path_filestat_set_times(DIR, 1, LIT("sub/link"), 0, 0, 2 | 8))
PROBE(path_link, path_link(DIR, 0, LIT("file.txt"), DIR, LIT("hardlink")))
PROBE(path_open, path_open(DIR, 1, LIT("sub/link"), 0, RIGHTS_ALL, RIGHTS_ALL, 0, &out32))
PROBE(path_readlink, path_readlink(DIR, LIT("sub/link"), name_buf, sizeof name_buf, &out32))
PROBE(path_remove_directory, path_remove_directory(DIR, LIT("olddir")))
PROBE(path_rename, path_rename(DIR, LIT("from.txt"), DIR, LIT("sub/to.txt")))
PROBE(path_symlink, path_symlink(LIT("file.txt"), DIR, LIT("newlink")))
PROBE(path_unlink_file, path_unlink_file(DIR, LIT("victim.txt")))
PROBE(proc_raise, proc_raise(0))
PROBE(sched_yield, sched_yield())
PROBE(random_get, random_get(dir_buf, 256))
PROBE(sock_accept, sock_accept(LISTENER, 0, &out32))
PROBE(sock_recv, sock_recv(SOCK, &iov, 1, 0, &out32, &out32b))
PROBE(sock_send, sock_send(SOCK, &iov, 1, 0, &out32))
PROBE(sock_shutdown, sock_shutdown(SOCK_SHUT, 2))  // SHUT_WR
PROBE(poll_oneoff, poll_oneoff(subscriptions, events, 2, &out32))

// Opens file.txt (read, write, seek...) and returns its fd, or -1 - errno. Not measured.
EXPORT(open_file) int open_file(void) {
    int e = path_open(DIR, 0, LIT("file.txt"), 0, RIGHTS_ALL, RIGHTS_ALL, 0, &out32);
    return e == 0 ? (int)out32 : -1 - e;
}
