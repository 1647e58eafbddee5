// Exercises the WASI calls the wasi-testsuite barely touches: CPU-time clocks, poll_oneoff with
// clock and fd subscriptions, fd_readdir cookies, sockets the host passes in, proc_raise.
//
// Host setup (the test does it): "/dir" preopened (an empty writable directory), stdin a file
// holding "ping\n", and two sockets after the preopen: a connected stream socket whose peer has
// already sent "world", then a listening socket with one client waiting. The last thing the
// program does, when every check passed, is proc_raise(SIGTERM): the run must end with 128+15.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

// This wasi-libc (2022) no longer declares proc_raise; import it directly.
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")))
extern int32_t wasi_proc_raise(int32_t signal);
enum { SIGNAL_TERM = 15, SIGNAL_CHLD = 16 };

static int failures = 0;

static void check(const char *what, int ok) {
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    if (!ok) failures++;
}

static __wasi_timestamp_t now(void) {
    __wasi_timestamp_t t = 0;
    (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t);
    return t;
}

static __wasi_fd_t find_preopen(const char *name) {
    for (__wasi_fd_t fd = 3; fd < 64; fd++) {
        __wasi_prestat_t ps;
        char buf[64];
        if (__wasi_fd_prestat_get(fd, &ps) != 0 || ps.u.dir.pr_name_len >= sizeof buf) continue;
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)buf, ps.u.dir.pr_name_len) != 0) continue;
        buf[ps.u.dir.pr_name_len] = 0;
        if (!strcmp(buf, name)) return fd;
    }
    return (__wasi_fd_t)-1;
}

int main(void) {
    __wasi_timestamp_t t = 0, res = 0;
    // Clocks.
    check("process cputime", __wasi_clock_time_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, 1, &t) == 0 && t > 0);
    check("thread cputime", __wasi_clock_time_get(__WASI_CLOCKID_THREAD_CPUTIME_ID, 1, &t) == 0 && t > 0);
    check("cputime resolution", __wasi_clock_res_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, &res) == 0 && res > 0);
    check("bad clock id", __wasi_clock_time_get(9, 1, &t) == __WASI_ERRNO_INVAL);

    // poll_oneoff: a relative clock.
    __wasi_subscription_t subs[3];
    __wasi_event_t events[3];
    __wasi_size_t nevents = 0;
    memset(subs, 0, sizeof subs);
    subs[0].userdata = 42;
    subs[0].u.tag = __WASI_EVENTTYPE_CLOCK;
    subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    subs[0].u.u.clock.timeout = 20000000;  // 20 ms
    __wasi_timestamp_t t0 = now();
    __wasi_errno_t e = __wasi_poll_oneoff(subs, events, 1, &nevents);
    __wasi_timestamp_t slept = now() - t0;
    check("relative clock sleeps", e == 0 && nevents == 1 && events[0].userdata == 42 && events[0].type == __WASI_EVENTTYPE_CLOCK && slept >= 20000000);
    // An absolute deadline.
    subs[0].u.u.clock.timeout = now() + 10000000;
    subs[0].u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
    t0 = now();
    e = __wasi_poll_oneoff(subs, events, 1, &nevents);
    check("absolute clock sleeps", e == 0 && nevents == 1 && now() - t0 >= 9000000);
    // An fd that is ready wins over a long clock.
    memset(subs, 0, sizeof subs);
    subs[0].userdata = 1;
    subs[0].u.tag = __WASI_EVENTTYPE_CLOCK;
    subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    subs[0].u.u.clock.timeout = 5000000000ULL;
    subs[1].userdata = 2;
    subs[1].u.tag = __WASI_EVENTTYPE_FD_READ;
    subs[1].u.u.fd_read.file_descriptor = 0;
    subs[2].userdata = 3;
    subs[2].u.tag = __WASI_EVENTTYPE_FD_WRITE;
    subs[2].u.u.fd_write.file_descriptor = 1;
    t0 = now();
    e = __wasi_poll_oneoff(subs, events, 3, &nevents);
    int saw_read = 0, saw_write = 0;
    for (__wasi_size_t i = 0; i < nevents; i++) {
        if (events[i].userdata == 2 && events[i].error == 0 && events[i].fd_readwrite.nbytes == 5) saw_read = 1;
        if (events[i].userdata == 3 && events[i].error == 0) saw_write = 1;
        if (events[i].userdata == 1) saw_read = -100;
    }
    check("fd subscriptions ready at once", e == 0 && saw_read == 1 && saw_write == 1 && now() - t0 < 1000000000ULL);
    subs[1].u.u.fd_read.file_descriptor = 77;
    e = __wasi_poll_oneoff(subs + 1, events, 1, &nevents);
    check("bad fd subscription reports badf", e == 0 && nevents == 1 && events[0].error == __WASI_ERRNO_BADF);
    check("no subscriptions", __wasi_poll_oneoff(subs, events, 0, &nevents) == __WASI_ERRNO_INVAL);

    // fd_readdir with cookies and a small buffer.
    __wasi_fd_t dir = find_preopen("/dir");
    check("preopen /dir", dir != (__wasi_fd_t)-1);
    for (int i = 0; i < 30; i++) {
        char name[32];
        snprintf(name, sizeof name, "file-%02d", i);
        __wasi_fd_t fd;
        if (__wasi_path_open(dir, 0, name, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd) == 0) (void)__wasi_fd_close(fd);
    }
    int seen[30] = {0}, total = 0, dots = 0;
    __wasi_dircookie_t cookie = 0, middle = 0;
    int middle_index = -1;
    for (int rounds = 0; rounds < 1000; rounds++) {
        uint8_t buf[80];
        __wasi_size_t used = 0;
        if (__wasi_fd_readdir(dir, buf, sizeof buf, cookie, &used) != 0) break;
        size_t off = 0;
        int progressed = 0;
        while (off + sizeof(__wasi_dirent_t) <= used) {
            __wasi_dirent_t d;
            memcpy(&d, buf + off, sizeof d);
            if (off + sizeof d + d.d_namlen > used) break;  // cut off: read again from its cookie
            char name[64] = {0};
            memcpy(name, buf + off + sizeof d, d.d_namlen < 63 ? d.d_namlen : 63);
            int k;
            if (sscanf(name, "file-%d", &k) == 1 && k >= 0 && k < 30) seen[k]++;
            if (!strcmp(name, ".") || !strcmp(name, "..")) dots++;
            total++;
            if (total == 10) { middle = d.d_next; middle_index = total; }
            cookie = d.d_next;
            off += sizeof d + d.d_namlen;
            progressed = 1;
        }
        if (!progressed) break;
    }
    int all_once = 1;
    for (int i = 0; i < 30; i++) all_once &= seen[i] == 1;
    check("readdir with cookies sees every entry once", all_once && dots == 2 && total == 32);
    // Resuming at a cookie from the middle yields exactly the rest.
    int rest = 0;
    cookie = middle;
    for (int rounds = 0; rounds < 1000 && middle_index > 0; rounds++) {
        uint8_t buf[256];
        __wasi_size_t used = 0;
        if (__wasi_fd_readdir(dir, buf, sizeof buf, cookie, &used) != 0 || used == 0) break;
        size_t off = 0;
        int progressed = 0;
        while (off + sizeof(__wasi_dirent_t) <= used) {
            __wasi_dirent_t d;
            memcpy(&d, buf + off, sizeof d);
            if (off + sizeof d + d.d_namlen > used) break;
            rest++;
            cookie = d.d_next;
            off += sizeof d + d.d_namlen;
            progressed = 1;
        }
        if (!progressed || used < sizeof buf) break;
    }
    check("readdir resumes at a cookie", rest == 32 - middle_index);

    // Sockets the host passed in: the fds after the preopen.
    __wasi_fd_t conn = dir + 1, listener = dir + 2;
    __wasi_fdstat_t st;
    check("socket filetype", __wasi_fd_fdstat_get(conn, &st) == 0 && st.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM);
    uint8_t rbuf[16] = {0};
    __wasi_iovec_t riov = {rbuf, sizeof rbuf};
    __wasi_size_t n = 0;
    __wasi_roflags_t roflags = 0;
    e = __wasi_sock_recv(conn, &riov, 1, __WASI_RIFLAGS_RECV_PEEK, &n, &roflags);
    check("sock_recv peek", e == 0 && n == 5 && !memcmp(rbuf, "world", 5));
    memset(rbuf, 0, sizeof rbuf);
    e = __wasi_sock_recv(conn, &riov, 1, 0, &n, &roflags);
    check("sock_recv", e == 0 && n == 5 && !memcmp(rbuf, "world", 5));
    __wasi_ciovec_t siov = {(const uint8_t *)"hello", 5};
    check("sock_send", __wasi_sock_send(conn, &siov, 1, 0, &n) == 0 && n == 5);
    check("sock_shutdown", __wasi_sock_shutdown(conn, __WASI_SDFLAGS_WR) == 0);
    check("sock_shutdown bad flags", __wasi_sock_shutdown(conn, 0) == __WASI_ERRNO_INVAL);
    check("sock_shutdown not a socket", __wasi_sock_shutdown(dir, __WASI_SDFLAGS_WR) == __WASI_ERRNO_NOTSOCK);
    check("sock_shutdown bad fd", __wasi_sock_shutdown(99, __WASI_SDFLAGS_WR) == __WASI_ERRNO_BADF);
    check("sock_recv not a socket", __wasi_sock_recv(0, &riov, 1, 0, &n, &roflags) == __WASI_ERRNO_NOTSOCK);
    __wasi_fd_t accepted = (__wasi_fd_t)-1;
    e = __wasi_sock_accept(listener, 0, &accepted);
    check("sock_accept", e == 0 && accepted != (__wasi_fd_t)-1);
    siov.buf = (const uint8_t *)"accepted";
    siov.buf_len = 8;
    check("send on accepted", __wasi_sock_send(accepted, &siov, 1, 0, &n) == 0 && n == 8);
    check("accept on a connected socket fails", __wasi_sock_accept(conn, 0, &accepted) != 0);

    // Odds and ends.
    uint8_t random[64] = {0};
    int nonzero = 0;
    check("random_get", __wasi_random_get(random, sizeof random) == 0);
    for (size_t i = 0; i < sizeof random; i++) nonzero |= random[i];
    check("random bytes not all zero", nonzero);
    check("sched_yield", __wasi_sched_yield() == 0);
    check("proc_raise ignored signal", wasi_proc_raise(SIGNAL_CHLD) == 0);
    check("proc_raise bad signal", wasi_proc_raise(200) == __WASI_ERRNO_INVAL);

    printf("%d failure(s)\n", failures);
    fflush(stdout);
    if (failures == 0) (void)wasi_proc_raise(SIGNAL_TERM);
    printf("still running after SIGTERM\n");
    return 1;
}
