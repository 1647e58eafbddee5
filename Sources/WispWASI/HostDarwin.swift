// What WASI needs of the host that macOS spells its own way (HostLinux.swift has the other side;
// see there). macOS has no O_PATH, O_RSYNC, MSG_NOSIGNAL, fdatasync, posix_fadvise or
// posix_fallocate, and names a stat's times st_*timespec.

#if canImport(Darwin)
import Darwin

/// No O_PATH: directories met while resolving a path are opened for reading (O_DIRECTORY).
let hostOPath: Int32 = O_RDONLY
let hostUtimeNow: Int = Int(UTIME_NOW)
let hostUtimeOmit: Int = Int(UTIME_OMIT)
/// No O_RSYNC: reads are synchronized with the writes O_SYNC/O_DSYNC already synchronize.
let hostORsync: Int32 = 0
/// FIONREAD, _IOR('f', 127, int): Swift does not import the macro's expression.
let hostFionread: UInt = 0x4004_667F
let hostMsgPeek: Int32 = Int32(MSG_PEEK)
let hostMsgWaitAll: Int32 = Int32(MSG_WAITALL)
let hostMsgTrunc: Int32 = Int32(MSG_TRUNC)
/// No MSG_NOSIGNAL: sockets the guest accepts get SO_NOSIGPIPE instead (hostPrepareSocket).
let hostMsgNoSignal: Int32 = 0

/// fdatasync: F_FULLFSYNC, macOS's way to reach the disk (fsync only reaches the drive's cache).
func hostDatasync(_ fd: Int32) -> Int32 {
    fcntl(fd, F_FULLFSYNC) == -1 ? fsync(fd) : 0
}

/// posix_fadvise: advice is advisory; macOS takes only read-ahead hints, which WASI's
/// `willneed` maps to (F_RDADVISE). Returns 0 or an errno.
func hostAdvise(_ fd: Int32, _ offset: Int64, _ length: Int64, _ advice: UInt8) -> Int32 {
    var st = stat()
    if fstat(fd, &st) != 0 { return errno }
    if advice == 3 && length > 0 && length <= Int64(Int32.max) {
        var ra = radvisory(ra_offset: off_t(offset), ra_count: Int32(length))
        _ = fcntl(fd, F_RDADVISE, &ra)
    }
    return 0
}

/// posix_fallocate: F_PREALLOCATE reserves the blocks, then the size grows to cover the range
/// (what the guest observes). Returns 0 or an errno.
func hostAllocate(_ fd: Int32, _ offset: Int64, _ length: Int64) -> Int32 {
    var st = stat()
    if fstat(fd, &st) != 0 { return errno }
    let end = offset + length
    if Int64(st.st_size) >= end { return 0 }
    var store = fstore_t(fst_flags: UInt32(F_ALLOCATEALL), fst_posmode: F_PEOFPOSMODE, fst_offset: 0,
                         fst_length: off_t(end - Int64(st.st_size)), fst_bytesalloc: 0)
    _ = fcntl(fd, F_PREALLOCATE, &store)  // (a filesystem without it still gets the size)
    return ftruncate(fd, off_t(end)) == 0 ? 0 : errno
}

/// Access, modification and status-change times of a stat, in nanoseconds.
func hostTimes(_ st: stat) -> (access: UInt64, modification: UInt64, change: UInt64) {
    (nanos(st.st_atimespec), nanos(st.st_mtimespec), nanos(st.st_ctimespec))
}

func hostYield() { _ = sched_yield() }

/// A socket the guest accepted: a write to a closed peer must be EPIPE, not SIGPIPE.
func hostPrepareSocket(_ fd: Int32) {
    var on: Int32 = 1
    _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
}
#endif
