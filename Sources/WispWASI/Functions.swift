// The wasi_snapshot_preview1 functions, in witx order. Each returns an errno; pointers are guest
// offsets checked by GuestMemory; rights are checked before anything touches the host.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Wisp

struct WASIFunctions {
    let wasi: WASI
    let store: Store

    typealias Body = (WASI, GuestMemory, Args) throws(WASIOutcome) -> Void

    private func add(_ imports: inout Imports, _ name: String, _ params: [ValueType], _ body: @escaping Body) {
        let wasi = self.wasi
        let f = Function(store: store, type: FuncType(parameters: params, results: [.i32])) { caller, args throws(Trap) -> [Value] in
            let memory = try GuestMemory(caller.memory)
            do throws(WASIOutcome) {
                try body(wasi, memory, Args(args))
                return [.i32(0)]
            } catch {
                switch error {
                case .errno(let e): return [.i32(UInt32(e.rawValue))]
                case .trap(let t): throw t
                }
            }
        }
        imports.define(module: "wasi_snapshot_preview1", name: name, .function(f))
    }

    /// Adapts a body that only fails with an errno.
    private func add(_ imports: inout Imports, _ name: String, _ params: [ValueType],
                     errno body: @escaping (WASI, GuestMemory, Args) throws(WASIErrno) -> Void) {
        add(&imports, name, params) { (w, m, a) throws(WASIOutcome) in
            do throws(WASIErrno) { try body(w, m, a) } catch { throw .errno(error) }
        }
    }

    func defineAll(into imports: inout Imports) {
        let i = ValueType.i32, l = ValueType.i64
        add(&imports, "args_get", [i, i], errno: { w, m, a throws(WASIErrno) in try putStrings(w.configuration.arguments, m, a[0], a[1]) })
        add(&imports, "args_sizes_get", [i, i], errno: { w, m, a throws(WASIErrno) in try putSizes(w.configuration.arguments, m, a[0], a[1]) })
        add(&imports, "environ_get", [i, i], errno: { w, m, a throws(WASIErrno) in try putStrings(w.configuration.environment, m, a[0], a[1]) })
        add(&imports, "environ_sizes_get", [i, i], errno: { w, m, a throws(WASIErrno) in try putSizes(w.configuration.environment, m, a[0], a[1]) })
        add(&imports, "clock_res_get", [i, i], errno: { _, m, a throws(WASIErrno) in
            var ts = timespec()
            guard clock_getres(try hostClock(a[0]), &ts) == 0 else { throw .current }
            try m.set64(a[1], nanos(ts))
        })
        add(&imports, "clock_time_get", [i, l, i], errno: { _, m, a throws(WASIErrno) in
            var ts = timespec()
            guard clock_gettime(try hostClock(a[0]), &ts) == 0 else { throw .current }
            try m.set64(a[2], nanos(ts))
        })
        add(&imports, "fd_advise", [i, l, l, i], errno: fdAdvise)
        add(&imports, "fd_allocate", [i, l, l], errno: fdAllocate)
        add(&imports, "fd_close", [i], errno: { w, _, a throws(WASIErrno) in
            _ = try w.entry(a[0])
            w.table[a[0]] = nil
        })
        add(&imports, "fd_datasync", [i], errno: { w, _, a throws(WASIErrno) in
            let e = try w.entry(a[0])
            try e.require(Rights.fdDatasync)
            if hostDatasync(e.host) != 0 { throw .current }
        })
        add(&imports, "fd_fdstat_get", [i, i], errno: fdFdstatGet)
        add(&imports, "fd_fdstat_set_flags", [i, i], errno: fdFdstatSetFlags)
        add(&imports, "fd_fdstat_set_rights", [i, l, l], errno: { w, _, a throws(WASIErrno) in
            let e = try w.entry(a[0])
            let base = a.u64(1), inheriting = a.u64(2)
            // Rights can only be dropped, never gained.
            if base & ~e.base != 0 || inheriting & ~e.inheriting != 0 { throw .notcapable }
            e.base = base
            e.inheriting = inheriting
        })
        add(&imports, "fd_filestat_get", [i, i], errno: { w, m, a throws(WASIErrno) in
            let e = try w.entry(a[0])
            try e.require(Rights.fdFilestatGet)
            var st = stat()
            if fstat(e.host, &st) != 0 { throw .current }
            try writeFilestat(m, a[1], st)
        })
        add(&imports, "fd_filestat_set_size", [i, l], errno: { w, _, a throws(WASIErrno) in
            let e = try w.entry(a[0])
            try e.require(Rights.fdFilestatSetSize)
            guard a.u64(1) <= UInt64(Int64.max) else { throw .inval }
            if ftruncate(e.host, off_t(a.u64(1))) != 0 { throw .current }
        })
        add(&imports, "fd_filestat_set_times", [i, l, l, i], errno: { w, _, a throws(WASIErrno) in
            let e = try w.entry(a[0])
            try e.require(Rights.fdFilestatSetTimes)
            let times = try timesFrom(atim: a.u64(1), mtim: a.u64(2), flags: UInt16(truncatingIfNeeded: a[3]))
            if futimens(e.host, times) != 0 { throw .current }
        })
        add(&imports, "fd_pread", [i, i, i, l, i], errno: { w, m, a throws(WASIErrno) in
            let e = try w.entry(a[0])
            try e.require(Rights.fdRead | Rights.fdSeek)
            if e.type == .directory { throw .isdir }
            guard a.u64(3) <= UInt64(Int64.max) else { throw .inval }
            let vecs = try hostIovecs(m, a[1], a[2])
            let n = preadv(e.host, vecs, Int32(vecs.count), off_t(a.u64(3)))
            if n < 0 { throw .current }
            try m.set32(a[4], UInt32(n))
        })
        add(&imports, "fd_prestat_get", [i, i], errno: { w, m, a throws(WASIErrno) in
            let e = try w.entry(a[0])
            guard let name = e.preopenName else { throw .badf }
            try m.set32(a[1], 0)
            try m.set32(a[1] + 4, UInt32(name.count))
        })
        add(&imports, "fd_prestat_dir_name", [i, i, i], errno: { w, m, a throws(WASIErrno) in
            let e = try w.entry(a[0])
            guard let name = e.preopenName else { throw .badf }
            guard a[2] >= UInt32(name.count) else { throw .nametoolong }
            try m.write(name, at: a[1])
        })
        add(&imports, "fd_pwrite", [i, i, i, l, i], errno: fdPwrite)
        add(&imports, "fd_read", [i, i, i, i], errno: { w, m, a throws(WASIErrno) in
            let e = try w.entry(a[0])
            try e.require(Rights.fdRead)
            if e.type == .directory { throw .isdir }
            let vecs = try hostIovecs(m, a[1], a[2])
            let n = readv(e.host, vecs, Int32(vecs.count))
            if n < 0 { throw .current }
            try m.set32(a[3], UInt32(n))
        })
        add(&imports, "fd_readdir", [i, i, i, l, i], errno: fdReaddir)
        add(&imports, "fd_renumber", [i, i], errno: { w, _, a throws(WASIErrno) in
            let from = try w.entry(a[0])
            _ = try w.entry(a[1])
            if a[0] == a[1] { return }
            w.table[a[1]] = from
            w.table[a[0]] = nil
        })
        add(&imports, "fd_seek", [i, l, i, i], errno: fdSeek)
        add(&imports, "fd_sync", [i], errno: { w, _, a throws(WASIErrno) in
            let e = try w.entry(a[0])
            try e.require(Rights.fdSync)
            if fsync(e.host) != 0 { throw .current }
        })
        add(&imports, "fd_tell", [i, i], errno: { w, m, a throws(WASIErrno) in
            let e = try w.entry(a[0])
            try e.require(Rights.fdTell)
            if e.type == .directory { throw .badf }
            let pos = lseek(e.host, 0, SEEK_CUR)
            if pos < 0 { throw .current }
            try m.set64(a[1], UInt64(pos))
        })
        add(&imports, "fd_write", [i, i, i, i], errno: { w, m, a throws(WASIErrno) in
            let e = try w.entry(a[0])
            try e.require(Rights.fdWrite)
            if e.type == .directory { throw .isdir }
            let vecs = try hostIovecs(m, a[1], a[2])
            let n = writev(e.host, vecs, Int32(vecs.count))
            if n < 0 { throw .current }
            try m.set32(a[3], UInt32(n))
        })
        add(&imports, "path_create_directory", [i, i, i], errno: { w, m, a throws(WASIErrno) in
            let (_, r) = try resolve(w, m, a[0], a[1], a[2], Rights.pathCreateDirectory, follow: false)
            if mkdirat(r.dirFd, r.name, 0o777) != 0 { throw .current }
        })
        add(&imports, "path_filestat_get", [i, i, i, i, i], errno: { w, m, a throws(WASIErrno) in
            let (_, r) = try resolve(w, m, a[0], a[2], a[3], Rights.pathFilestatGet, follow: a[1] & 1 != 0)
            guard let st = r.lstat() else { throw .current }
            if r.mustBeDirectory && st.st_mode & S_IFMT != S_IFDIR { throw .notdir }
            try writeFilestat(m, a[4], st)
        })
        add(&imports, "path_filestat_set_times", [i, i, i, i, l, l, i], errno: { w, m, a throws(WASIErrno) in
            let times = try timesFrom(atim: a.u64(4), mtim: a.u64(5), flags: UInt16(truncatingIfNeeded: a[6]))
            let (_, r) = try resolve(w, m, a[0], a[2], a[3], Rights.pathFilestatSetTimes, follow: a[1] & 1 != 0)
            if r.mustBeDirectory, let st = r.lstat(), st.st_mode & S_IFMT != S_IFDIR { throw .notdir }
            if utimensat(r.dirFd, r.name, times, AT_SYMLINK_NOFOLLOW) != 0 { throw .current }
        })
        add(&imports, "path_link", [i, i, i, i, i, i, i], errno: pathLink)
        add(&imports, "path_open", [i, i, i, i, i, l, l, i, i], errno: pathOpen)
        add(&imports, "path_readlink", [i, i, i, i, i, i], errno: { w, m, a throws(WASIErrno) in
            let (_, r) = try resolve(w, m, a[0], a[1], a[2], Rights.pathReadlink, follow: false)
            if r.mustBeDirectory { throw .notdir }
            guard let target = readSymlink(r.dirFd, r.name) else { throw .current }
            let n = min(target.count, Int(a[4]))
            try m.write(Array(target[0..<n]), at: a[3])
            try m.set32(a[5], UInt32(n))
        })
        add(&imports, "path_remove_directory", [i, i, i], errno: { w, m, a throws(WASIErrno) in
            let (_, r) = try resolve(w, m, a[0], a[1], a[2], Rights.pathRemoveDirectory, follow: false)
            if r.name == "." { throw (try rawPath(m, a[1], a[2])).last == UInt8(ascii: ".") ? .inval : .busy }
            if unlinkat(r.dirFd, r.name, AT_REMOVEDIR) != 0 { throw .current }
        })
        add(&imports, "path_rename", [i, i, i, i, i, i], errno: pathRename)
        add(&imports, "path_symlink", [i, i, i, i, i], errno: pathSymlink)
        add(&imports, "path_unlink_file", [i, i, i], errno: { w, m, a throws(WASIErrno) in
            let (_, r) = try resolve(w, m, a[0], a[1], a[2], Rights.pathUnlinkFile, follow: false)
            if r.name == "." { throw .isdir }
            if r.mustBeDirectory {
                guard let st = r.lstat() else { throw .current }
                throw st.st_mode & S_IFMT == S_IFDIR ? .isdir : .notdir
            }
            if unlinkat(r.dirFd, r.name, 0) != 0 { throw .current }
        })
        add(&imports, "poll_oneoff", [i, i, i, i], errno: pollOneoff)
        let exit = Function(store: store, type: FuncType(parameters: [i], results: [])) { _, args throws(Trap) -> [Value] in
            let code = Args(args)[0]
            throw Trap(.exit, message: "exit with status " + String(code), exitCode: Int32(bitPattern: code))
        }
        imports.define(module: "wasi_snapshot_preview1", name: "proc_exit", .function(exit))
        add(&imports, "proc_raise", [i], procRaise)
        add(&imports, "sched_yield", [], errno: { _, _, _ throws(WASIErrno) in hostYield() })
        add(&imports, "random_get", [i, i], errno: { _, m, a throws(WASIErrno) in
            let p = try m.pointer(a[0], Int(a[1]))
            var rng = SystemRandomNumberGenerator()
            var offset = 0
            let count = Int(a[1])
            while offset < count {
                var word = rng.next()
                let n = min(8, count - offset)
                withUnsafeBytes(of: &word) { (p + offset).copyMemory(from: $0.baseAddress!, byteCount: n) }
                offset += n
            }
        })
        add(&imports, "sock_accept", [i, i, i], errno: sockAccept)
        add(&imports, "sock_recv", [i, i, i, i, i, i], errno: sockRecv)
        add(&imports, "sock_send", [i, i, i, i, i], errno: sockSend)
        add(&imports, "sock_shutdown", [i, i], errno: { w, _, a throws(WASIErrno) in
            let e = try w.entry(a[0])
            guard e.type == .socketStream || e.type == .socketDgram else { throw .notsock }
            try e.require(Rights.sockShutdown)
            let how: Int32
            switch a[1] {
            case 1: how = 0  // SHUT_RD
            case 2: how = 1  // SHUT_WR
            case 3: how = 2  // SHUT_RDWR
            default: throw .inval
            }
            if shutdown(e.host, how) != 0 { throw .current }
        })
    }
}

// MARK: - Helpers

/// argv/environ: pointers at `ptrs`, NUL-terminated strings packed at `buf`.
func putStrings(_ strings: [String], _ m: GuestMemory, _ ptrs: UInt32, _ buf: UInt32) throws(WASIErrno) {
    var offset = buf
    for (i, s) in strings.enumerated() {
        try m.set32(ptrs + UInt32(i) * 4, offset)
        let bytes = Array(s.utf8) + [0]
        try m.write(bytes, at: offset)
        offset += UInt32(bytes.count)
    }
}

func putSizes(_ strings: [String], _ m: GuestMemory, _ count: UInt32, _ size: UInt32) throws(WASIErrno) {
    try m.set32(count, UInt32(strings.count))
    try m.set32(size, UInt32(strings.reduce(0) { $0 + $1.utf8.count + 1 }))
}

func hostIovecs(_ m: GuestMemory, _ p: UInt32, _ count: UInt32) throws(WASIErrno) -> [iovec] {
    try m.iovecs(p, count).map { iovec(iov_base: $0.0, iov_len: $0.1) }
}

/// The guest path bytes at (p, len).
func rawPath(_ m: GuestMemory, _ p: UInt32, _ len: UInt32) throws(WASIErrno) -> [UInt8] {
    try m.bytes(p, len)
}

/// Checks `rights` on directory fd `fd` and resolves the guest path at (p, len) below it.
func resolve(_ w: WASI, _ m: GuestMemory, _ fd: UInt32, _ p: UInt32, _ len: UInt32, _ rights: UInt64,
             follow: Bool) throws(WASIErrno) -> (FileEntry, ResolvedPath) {
    let e = try w.entry(fd)
    guard e.type == .directory else { throw .notdir }
    try e.require(rights)
    let path = try rawPath(m, p, len)
    return (e, try resolvePath(base: e.host, path: path, followFinal: follow))
}

// MARK: - fd_*

func fdAdvise(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIErrno) {
    let e = try w.entry(a[0])
    try e.require(Rights.fdAdvise)
    // WASI's advice: 0 normal, 1 sequential, 2 random, 3 willneed, 4 dontneed, 5 noreuse.
    guard a[3] <= 5 else { throw .inval }
    let advice = UInt8(a[3])
    if e.type == .directory { throw .badf }
    guard a.u64(1) <= UInt64(Int64.max), a.u64(2) <= UInt64(Int64.max) else { throw .inval }
    let r = hostAdvise(e.host, Int64(a.u64(1)), Int64(a.u64(2)), advice)
    if r != 0 && r != ESPIPE { throw WASIErrno(host: r) }
}

func fdAllocate(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIErrno) {
    let e = try w.entry(a[0])
    try e.require(Rights.fdAllocate)
    if e.type == .directory { throw .badf }
    let offset = a.u64(1), len = a.u64(2)
    guard offset <= UInt64(Int64.max), len <= UInt64(Int64.max), offset &+ len <= UInt64(Int64.max) else { throw .fbig }
    if len == 0 { throw .inval }
    let r = hostAllocate(e.host, Int64(offset), Int64(len))
    if r == EOPNOTSUPP {
        // Filesystems without fallocate: extend the size, which is all the guest can observe.
        var st = stat()
        if fstat(e.host, &st) != 0 { throw .current }
        if UInt64(st.st_size) < offset + len, ftruncate(e.host, off_t(offset + len)) != 0 { throw .current }
        return
    }
    if r != 0 { throw WASIErrno(host: r) }
}

func fdFdstatGet(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIErrno) {
    let e = try w.entry(a[0])
    let fl = fcntl(e.host, F_GETFL)
    if fl < 0 { throw .current }
    var flags: UInt16 = 0
    if fl & O_APPEND != 0 { flags |= FdFlags.append }
    if fl & O_NONBLOCK != 0 { flags |= FdFlags.nonblock }
    if fl & O_SYNC == O_SYNC {
        flags |= FdFlags.sync
    } else if fl & O_DSYNC != 0 {
        flags |= FdFlags.dsync
    }
    _ = try m.pointer(a[1], 24)
    try m.set8(a[1], e.type.rawValue)
    try m.set8(a[1] + 1, 0)
    try m.set16(a[1] + 2, flags)
    try m.set32(a[1] + 4, 0)
    try m.set64(a[1] + 8, e.base)
    try m.set64(a[1] + 16, e.inheriting)
}

func fdFdstatSetFlags(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIErrno) {
    let e = try w.entry(a[0])
    try e.require(Rights.fdFdstatSetFlags)
    let flags = UInt16(truncatingIfNeeded: a[1])
    if flags & ~(FdFlags.append | FdFlags.dsync | FdFlags.nonblock | FdFlags.rsync | FdFlags.sync) != 0 { throw .inval }
    // Linux cannot change the sync flags of an open file (F_SETFL ignores them).
    if flags & (FdFlags.dsync | FdFlags.rsync | FdFlags.sync) != 0 { throw .notsup }
    let old = fcntl(e.host, F_GETFL)
    if old < 0 { throw .current }
    var fl = old & ~(O_APPEND | O_NONBLOCK)
    if flags & FdFlags.append != 0 { fl |= O_APPEND }
    if flags & FdFlags.nonblock != 0 { fl |= O_NONBLOCK }
    if fcntl(e.host, F_SETFL, fl) != 0 { throw .current }
}

func fdPwrite(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIErrno) {
    let e = try w.entry(a[0])
    try e.require(Rights.fdWrite | Rights.fdSeek)
    if e.type == .directory { throw .isdir }
    guard a.u64(3) <= UInt64(Int64.max) else { throw .inval }
    let vecs = try hostIovecs(m, a[1], a[2])
    let fl = fcntl(e.host, F_GETFL)
    let n: Int
    if fl >= 0 && fl & O_APPEND != 0 {
        // Linux's pwrite ignores the offset on O_APPEND files; write at the offset as POSIX means
        // by clearing O_APPEND for the call.
        _ = fcntl(e.host, F_SETFL, fl & ~O_APPEND)
        n = pwritev(e.host, vecs, Int32(vecs.count), off_t(a.u64(3)))
        let saved = errno
        _ = fcntl(e.host, F_SETFL, fl)
        errno = saved
    } else {
        n = pwritev(e.host, vecs, Int32(vecs.count), off_t(a.u64(3)))
    }
    if n < 0 { throw .current }
    try m.set32(a[4], UInt32(n))
}

func fdReaddir(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIErrno) {
    let e = try w.entry(a[0])
    try e.require(Rights.fdReaddir)
    guard e.type == .directory else { throw .notdir }
    let buf = a[1], bufLen = a[2], cookie = a.u64(3)
    let entries: [DirectoryEntry]
    if cookie == 0 || e.listing == nil {
        entries = try listDirectory(e.host)
        e.listing = entries
    } else {
        entries = e.listing!
    }
    _ = try m.pointer(buf, Int(bufLen))
    var out: [UInt8] = []
    var index = cookie
    while index < UInt64(entries.count) && out.count < Int(bufLen) {
        let d = entries[Int(index)]
        var header = [UInt8](repeating: 0, count: 24)
        func put(_ v: UInt64, _ at: Int, _ n: Int) { for k in 0..<n { header[at + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k))) } }
        put(index + 1, 0, 8)
        put(d.inode, 8, 8)
        put(UInt64(d.name.count), 16, 4)
        header[20] = d.type.rawValue
        out += header
        out += d.name
        index += 1
    }
    if out.count > Int(bufLen) { out.removeLast(out.count - Int(bufLen)) }
    try m.write(out, at: buf)
    try m.set32(a[4], UInt32(out.count))
}

func fdSeek(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIErrno) {
    let e = try w.entry(a[0])
    let offset = Int64(bitPattern: a.u64(1))
    let whence: Int32
    switch a[2] {
    case 0: whence = SEEK_SET
    case 1: whence = SEEK_CUR
    case 2: whence = SEEK_END
    default: throw .inval
    }
    // A pure query of the position needs only fd_tell.
    try e.require(offset == 0 && whence == SEEK_CUR ? Rights.fdTell : Rights.fdSeek)
    if e.type == .directory { throw .badf }
    let pos = lseek(e.host, off_t(offset), whence)
    if pos < 0 { throw .current }
    try m.set64(a[3], UInt64(pos))
}

// MARK: - path_*

func pathLink(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIErrno) {
    let (_, old) = try resolve(w, m, a[0], a[2], a[3], Rights.pathLinkSource, follow: a[1] & 1 != 0)
    let (_, new) = try resolve(w, m, a[4], a[5], a[6], Rights.pathLinkTarget, follow: false)
    guard let st = old.lstat() else { throw .current }
    if st.st_mode & S_IFMT == S_IFDIR { throw .perm }
    if old.mustBeDirectory { throw .notdir }
    if new.mustBeDirectory {
        throw new.lstat() != nil ? .exist : .noent
    }
    if linkat(old.dirFd, old.name, new.dirFd, new.name, 0) != 0 { throw .current }
}

func pathOpen(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIErrno) {
    let dirflags = a[1]
    let oflags = UInt16(truncatingIfNeeded: a[4])
    let requestedBase = a.u64(5), requestedInheriting = a.u64(6)
    let fdflags = UInt16(truncatingIfNeeded: a[7])
    var needed = Rights.pathOpen
    if oflags & OFlags.creat != 0 { needed |= Rights.pathCreateFile }
    if oflags & OFlags.trunc != 0 { needed |= Rights.pathFilestatSetSize }
    let (dir, r) = try resolve(w, m, a[0], a[2], a[3], needed, follow: dirflags & 1 != 0)

    var flags: Int32 = O_CLOEXEC | O_NOFOLLOW | O_NOCTTY
    if oflags & OFlags.creat != 0 { flags |= O_CREAT }
    if oflags & OFlags.excl != 0 { flags |= O_EXCL }
    if oflags & OFlags.trunc != 0 { flags |= O_TRUNC }
    let wantDirectory = oflags & OFlags.directory != 0 || r.mustBeDirectory
    if wantDirectory { flags |= O_DIRECTORY }
    if fdflags & FdFlags.append != 0 { flags |= O_APPEND }
    if fdflags & FdFlags.nonblock != 0 { flags |= O_NONBLOCK }
    if fdflags & FdFlags.dsync != 0 { flags |= O_DSYNC }
    if fdflags & FdFlags.sync != 0 { flags |= O_SYNC }
    if fdflags & FdFlags.rsync != 0 { flags |= hostORsync }
    if wantDirectory && oflags & (OFlags.creat | OFlags.trunc) != 0 { throw .inval }

    let base = requestedBase & dir.inheriting
    let inheriting = requestedInheriting & dir.inheriting
    let read = base & (Rights.fdRead | Rights.fdReaddir) != 0
    let write = base & (Rights.fdWrite | Rights.fdAllocate | Rights.fdFilestatSetSize) != 0
        || fdflags & FdFlags.append != 0 || oflags & OFlags.trunc != 0
    if write {
        flags |= read ? O_RDWR : O_WRONLY
    } else {
        flags |= O_RDONLY
    }
    var fd = openat(r.dirFd, r.name, flags, 0o666)
    if fd < 0 && errno == EISDIR && write && !wantDirectory && oflags & OFlags.creat == 0 {
        // A directory opened with write rights: Linux refuses O_RDWR on it, so open it read-only;
        // the rights still keep writes off.
        fd = openat(r.dirFd, r.name, (flags & ~(O_WRONLY | O_RDWR | O_TRUNC)) | O_RDONLY | O_DIRECTORY, 0o666)
        if fd < 0 { errno = EISDIR }
    }
    if fd < 0 {
        let e = errno
        if e == ELOOP && wantDirectory, let st = r.lstat(), st.st_mode & S_IFMT == S_IFLNK { throw .notdir }
        throw WASIErrno(host: e)
    }
    let type = WASI.hostType(fd)
    let typeRights: UInt64
    switch type {
    case .directory: typeRights = Rights.directoryBase
    case .regularFile: typeRights = Rights.fileBase
    default: typeRights = Rights.streamBase
    }
    let entry = FileEntry(host: fd, type: type, base: base & typeRights, inheriting: inheriting)
    try m.set32(a[8], w.allocate(entry))
}

func pathRename(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIErrno) {
    let (_, old) = try resolve(w, m, a[0], a[1], a[2], Rights.pathRenameSource, follow: false)
    let (_, new) = try resolve(w, m, a[3], a[4], a[5], Rights.pathRenameTarget, follow: false)
    if old.name == "." || new.name == "." { throw .busy }
    guard let st = old.lstat() else { throw .current }
    let isDir = st.st_mode & S_IFMT == S_IFDIR
    if !isDir && (old.mustBeDirectory || new.mustBeDirectory) { throw .notdir }
    if renameat(old.dirFd, old.name, new.dirFd, new.name) != 0 { throw .current }
}

func pathSymlink(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIErrno) {
    let target = try m.bytes(a[0], a[1])
    if target.contains(0) { throw .ilseq }
    guard let targetString = String(validating: target, as: UTF8.self) else { throw .ilseq }
    if target.isEmpty { throw .noent }
    // An absolute target could only ever point outside the sandbox (the resolver refuses to follow
    // it), so it is not created: Wasmtime refuses it the same way.
    if target.first == UInt8(ascii: "/") { throw .perm }
    let (_, r) = try resolve(w, m, a[2], a[3], a[4], Rights.pathSymlink, follow: false)
    if r.name == "." { throw .exist }
    if r.mustBeDirectory {
        throw r.lstat() != nil ? .exist : .noent
    }
    if symlinkat(targetString, r.dirFd, r.name) != 0 { throw .current }
}

// MARK: - poll, proc, sock

func pollOneoff(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIErrno) {
    let input = a[0], output = a[1], count = a[2]
    if count == 0 { throw .inval }
    _ = try m.pointer(input, Int(count) * 48)
    _ = try m.pointer(output, Int(count) * 32)
    struct Event { var userdata: UInt64; var error: UInt16; var type: UInt8; var nbytes: UInt64; var flags: UInt16 }
    var ready: [Event] = []
    var fds: [pollfd] = []
    var fdSubs: [(userdata: UInt64, type: UInt8)] = []
    var clockSubs: [(userdata: UInt64, deadline: UInt64, clock: clockid_t)] = []
    for k in 0..<count {
        let s = input + k * 48
        let userdata = try m.u64(s)
        let tag = try m.u8(s + 8)
        switch tag {
        case 0:
            let id = try m.u32(s + 16)
            let timeout = try m.u64(s + 24)
            let flags = try m.u16(s + 40)
            guard let clock = try? hostClock(id) else {
                ready.append(Event(userdata: userdata, error: WASIErrno.inval.rawValue, type: 0, nbytes: 0, flags: 0))
                continue
            }
            var now = timespec()
            clock_gettime(clock, &now)
            let deadline = flags & 1 != 0 ? timeout : nanos(now) &+ timeout
            clockSubs.append((userdata, deadline, clock))
        case 1, 2:
            let fd = try m.u32(s + 16)
            guard let e = w.table[fd] else {
                ready.append(Event(userdata: userdata, error: WASIErrno.badf.rawValue, type: tag, nbytes: 0, flags: 0))
                continue
            }
            if e.base & Rights.pollFdReadwrite == 0 {
                ready.append(Event(userdata: userdata, error: WASIErrno.notcapable.rawValue, type: tag, nbytes: 0, flags: 0))
                continue
            }
            if e.type == .regularFile {
                // Regular files are always ready; for reads, report the bytes left.
                var nbytes: UInt64 = 0
                if tag == 1 {
                    var st = stat()
                    let pos = lseek(e.host, 0, SEEK_CUR)
                    if fstat(e.host, &st) == 0, pos >= 0, Int64(st.st_size) > Int64(pos) { nbytes = UInt64(Int64(st.st_size) - Int64(pos)) }
                }
                ready.append(Event(userdata: userdata, error: 0, type: tag, nbytes: nbytes, flags: 0))
                continue
            }
            fds.append(pollfd(fd: e.host, events: Int16(tag == 1 ? POLLIN : POLLOUT), revents: 0))
            fdSubs.append((userdata, tag))
        default:
            throw .inval
        }
    }
    // Wait for the first fd event or the earliest clock, unless something is ready already.
    while true {
        var timeoutMs: Int32 = -1
        var nearest: UInt64? = nil
        for c in clockSubs {
            var now = timespec()
            clock_gettime(c.clock, &now)
            let left = c.deadline > nanos(now) ? c.deadline - nanos(now) : 0
            nearest = min(nearest ?? left, left)
        }
        if !ready.isEmpty { nearest = 0 }
        if let nearest { timeoutMs = Int32(min(UInt64(Int32.max), (nearest + 999_999) / 1_000_000)) }
        if fds.isEmpty {
            if let nearest, nearest > 0 {
                var ts = timespecFrom(nearest)
                var rem = timespec()
                while nanosleep(&ts, &rem) != 0 && errno == EINTR { ts = rem }
            } else if nearest == nil {
                break
            }
        } else {
            let n = poll(&fds, nfds_t(fds.count), timeoutMs)
            if n < 0 {
                if errno == EINTR { continue }
                throw .current
            }
            for (k, p) in fds.enumerated() where p.revents != 0 {
                var nbytes: UInt64 = 0
                var avail: Int32 = 0
                if fdSubs[k].type == 1, ioctl(p.fd, hostFionread, &avail) == 0 { nbytes = UInt64(max(0, avail)) }
                let hangup: UInt16 = p.revents & Int16(POLLHUP) != 0 ? 1 : 0
                let err: UInt16 = p.revents & Int16(POLLNVAL) != 0 ? WASIErrno.badf.rawValue : 0
                ready.append(Event(userdata: fdSubs[k].userdata, error: err, type: fdSubs[k].type, nbytes: nbytes, flags: hangup))
            }
        }
        for c in clockSubs {
            var now = timespec()
            clock_gettime(c.clock, &now)
            if nanos(now) >= c.deadline { ready.append(Event(userdata: c.userdata, error: 0, type: 0, nbytes: 0, flags: 0)) }
        }
        if !ready.isEmpty { break }
    }
    for (k, ev) in ready.enumerated() {
        let o = output + UInt32(k) * 32
        try m.write([UInt8](repeating: 0, count: 32), at: o)
        try m.set64(o, ev.userdata)
        try m.set16(o + 8, ev.error)
        try m.set8(o + 10, ev.type)
        try m.set64(o + 16, ev.nbytes)
        try m.set16(o + 24, ev.flags)
    }
    try m.set32(a[3], UInt32(ready.count))
}

/// `proc_raise`: signals whose default action is to ignore or stop do nothing (there is no job
/// control); every other signal terminates the guest like an uncaught signal: exit status 128+N.
func procRaise(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIOutcome) {
    let sig = a[0]
    switch sig {
    case 0, 16, 17, 18, 19, 20, 21, 22, 27:  // none, chld, cont, stop, tstp, ttin, ttou, urg, winch
        return
    case 1...30:
        throw .trap(Trap(.exit, message: "guest raised signal " + String(sig), exitCode: 128 + Int32(sig)))
    default:
        throw .errno(.inval)
    }
}

func sockAccept(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIErrno) {
    let e = try w.entry(a[0])
    guard e.type == .socketStream || e.type == .socketDgram else { throw .notsock }
    try e.require(Rights.sockAccept)
    let flags = UInt16(truncatingIfNeeded: a[1])
    if flags & ~FdFlags.nonblock != 0 { throw .inval }
    let fd = accept(e.host, nil, nil)
    if fd < 0 { throw .current }
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    hostPrepareSocket(fd)
    if flags & FdFlags.nonblock != 0 { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    let entry = FileEntry(host: fd, type: WASI.hostType(fd), base: Rights.socketBase & ~Rights.sockAccept, inheriting: 0)
    try m.set32(a[2], w.allocate(entry))
}

func sockRecv(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIErrno) {
    let e = try w.entry(a[0])
    guard e.type == .socketStream || e.type == .socketDgram else { throw .notsock }
    try e.require(Rights.fdRead)
    let riflags = a[3]
    if riflags & ~3 != 0 { throw .inval }
    var flags: Int32 = 0
    if riflags & 1 != 0 { flags |= hostMsgPeek }
    if riflags & 2 != 0 { flags |= hostMsgWaitAll }
    var vecs = try hostIovecs(m, a[1], a[2])
    var n = 0
    var truncated = false
    vecs.withUnsafeMutableBufferPointer { v in
        var msg = msghdr()
        msg.msg_iov = v.baseAddress
        msg.msg_iovlen = numericCast(v.count)  // (size_t on Linux, Int32 on macOS)
        n = recvmsg(e.host, &msg, flags)
        truncated = msg.msg_flags & hostMsgTrunc != 0
    }
    if n < 0 { throw .current }
    try m.set32(a[4], UInt32(n))
    try m.set16(a[5], truncated ? 1 : 0)
}

func sockSend(_ w: WASI, _ m: GuestMemory, _ a: Args) throws(WASIErrno) {
    let e = try w.entry(a[0])
    guard e.type == .socketStream || e.type == .socketDgram else { throw .notsock }
    try e.require(Rights.fdWrite)
    if a[3] != 0 { throw .inval }
    var vecs = try hostIovecs(m, a[1], a[2])
    var n = 0
    vecs.withUnsafeMutableBufferPointer { v in
        var msg = msghdr()
        msg.msg_iov = v.baseAddress
        msg.msg_iovlen = numericCast(v.count)  // (size_t on Linux, Int32 on macOS)
        n = sendmsg(e.host, &msg, hostMsgNoSignal)  // a closed peer is EPIPE, not a signal
    }
    if n < 0 { throw .current }
    try m.set32(a[4], UInt32(n))
}
