// What WASI needs of the host that Linux spells its own way: flag values Glibc's module does
// not export, and the calls macOS lacks or names differently (HostDarwin.swift has the other
// side). Everything else WispWASI calls is POSIX, the same on both.

#if os(Linux)
import Glibc

// Linux open flags and constants Swift's Glibc module does not export (the same on x86_64 and
// aarch64).
/// O_PATH: a directory opened only to resolve paths through it.
let hostOPath: Int32 = 0o10000000
let hostUtimeNow: Int = (1 << 30) - 1
let hostUtimeOmit: Int = (1 << 30) - 2
let hostORsync: Int32 = O_RSYNC
/// FIONREAD: bytes ready to read on a pipe or socket.
let hostFionread = UInt(FIONREAD)
let hostMsgPeek: Int32 = 0x2
let hostMsgWaitAll: Int32 = 0x100
let hostMsgTrunc: Int32 = 0x20
/// MSG_NOSIGNAL: a write to a closed peer is EPIPE, not a signal.
let hostMsgNoSignal: Int32 = 0x4000

/// fdatasync(2). Returns 0 or -1 with errno set.
func hostDatasync(_ fd: Int32) -> Int32 { fdatasync(fd) }

/// posix_fadvise(2) with WASI's advice number (0 normal ... 5 noreuse); returns 0 or an errno.
func hostAdvise(_ fd: Int32, _ offset: Int64, _ length: Int64, _ advice: UInt8) -> Int32 {
    let a: Int32
    switch advice {
    case 1: a = POSIX_FADV_SEQUENTIAL
    case 2: a = POSIX_FADV_RANDOM
    case 3: a = POSIX_FADV_WILLNEED
    case 4: a = POSIX_FADV_DONTNEED
    case 5: a = POSIX_FADV_NOREUSE
    default: a = POSIX_FADV_NORMAL
    }
    return posix_fadvise(fd, off_t(offset), off_t(length), a)
}

/// posix_fallocate(3); returns 0 or an errno (EOPNOTSUPP where the filesystem has none).
func hostAllocate(_ fd: Int32, _ offset: Int64, _ length: Int64) -> Int32 {
    posix_fallocate(fd, off_t(offset), off_t(length))
}

/// Access, modification and status-change times of a stat, in nanoseconds.
func hostTimes(_ st: stat) -> (access: UInt64, modification: UInt64, change: UInt64) {
    (nanos(st.st_atim), nanos(st.st_mtim), nanos(st.st_ctim))
}

func hostYield() { _ = sched_yield() }

/// A socket the guest accepted: nothing to do (sends pass MSG_NOSIGNAL).
func hostPrepareSocket(_ fd: Int32) {}
#endif
