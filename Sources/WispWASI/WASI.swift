// WASI preview 1 (wasi_snapshot_preview1) host functions for Wisp. Lives outside the core so the
// engine still builds for bare metal without it.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Wisp

/// What a WASI guest is given: its arguments, environment, directories and standard streams.
public struct WASIConfiguration {
    /// A host directory made visible to the guest under `guestPath`.
    public struct Preopen {
        /// The directory on the host, opened when the `WASI` is created.
        public var hostPath: String
        /// The name the guest sees it under (`fd_prestat_dir_name`).
        public var guestPath: String
        /// Shows the host directory `hostPath` to the guest as `guestPath`.
        public init(hostPath: String, guestPath: String) {
            self.hostPath = hostPath
            self.guestPath = guestPath
        }
    }

    /// argv, including argv[0].
    public var arguments: [String] = []
    /// The guest's complete environment, as "KEY=VALUE" strings.
    public var environment: [String] = []
    /// Directories, numbered from fd 3 in this order.
    public var preopens: [Preopen] = []
    /// The host fd behind the guest's fd 0 (the host's own by default). The guest's fd_close
    /// does not close it.
    public var stdin: Int32 = 0
    /// The host fd behind the guest's fd 1 (the host's own by default); not closed by fd_close.
    public var stdout: Int32 = 1
    /// The host fd behind the guest's fd 2 (the host's own by default); not closed by fd_close.
    public var stderr: Int32 = 2
    /// Host socket fds (listening or connected) handed to the guest after the preopens, for the
    /// `sock_*` calls. The WASI instance takes ownership of them.
    public var sockets: [Int32] = []

    /// No arguments, environment, preopens or sockets; the host's standard streams.
    public init() {}
}

/// A failure to set up WASI (a preopen that cannot be opened).
public struct WASISetupError: Error, CustomStringConvertible {
    /// What failed, with the host's reason.
    public var description: String
}

/// One guest file descriptor.
final class FileEntry {
    var host: Int32
    var type: FileType
    var base: UInt64
    var inheriting: UInt64
    /// The guest path, for preopened directories.
    let preopenName: [UInt8]?
    /// stdio host fds belong to the embedder.
    let ownsHost: Bool
    /// Directory listing kept between fd_readdir calls; refreshed at cookie 0.
    var listing: [DirectoryEntry]?

    init(host: Int32, type: FileType, base: UInt64, inheriting: UInt64, preopenName: [UInt8]? = nil, ownsHost: Bool = true) {
        self.host = host
        self.type = type
        self.base = base
        self.inheriting = inheriting
        self.preopenName = preopenName
        self.ownsHost = ownsHost
    }

    deinit { if ownsHost { close(host) } }

    /// Checks that every right in `rights` is held.
    func require(_ rights: UInt64) throws(WASIErrno) {
        if base & rights != rights { throw .notcapable }
    }
}

struct DirectoryEntry {
    var name: [UInt8]
    var inode: UInt64
    var type: FileType
}

/// Why a WASI function stopped: an errno for the guest, or a trap that ends the run.
enum WASIOutcome: Error {
    case errno(WASIErrno)
    case trap(Trap)
}

/// WASI preview 1 for one guest: its fd table, arguments and environment.
///
/// Create it from a configuration, call `define(into:store:)` to add every `wasi_snapshot_preview1`
/// function to an `Imports` (or let `run(module:store:)` do it and call `_start`). Not thread-safe (like `Store`).
public final class WASI {
    /// The configuration the instance was created with.
    public let configuration: WASIConfiguration
    var table: [UInt32: FileEntry] = [:]

    /// Opens the preopened directories and sets up fds 0-2, the preopens (from 3), then sockets.
    ///
    /// - Throws: `WASISetupError` if a preopen is not a directory that can be opened.
    /// - Complexity: one open per preopen.
    public init(configuration: WASIConfiguration) throws(WASISetupError) {
        self.configuration = configuration
        let stdio = [configuration.stdin, configuration.stdout, configuration.stderr]
        for (i, fd) in stdio.enumerated() {
            let type = WASI.hostType(fd)
            let rights = type == .regularFile ? Rights.fileBase : Rights.streamBase
            table[UInt32(i)] = FileEntry(host: fd, type: type, base: rights, inheriting: 0, ownsHost: false)
        }
        var next: UInt32 = 3
        for p in configuration.preopens {
            let fd = open(p.hostPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd < 0 {
                throw WASISetupError(description: "cannot open directory " + p.hostPath + ": " + String(cString: strerror(errno)))
            }
            table[next] = FileEntry(host: fd, type: .directory, base: Rights.directoryBase, inheriting: Rights.all,
                                    preopenName: Array(p.guestPath.utf8))
            next += 1
        }
        for s in configuration.sockets {
            table[next] = FileEntry(host: s, type: WASI.hostType(s), base: Rights.socketBase, inheriting: Rights.socketBase)
            next += 1
        }
    }

    /// The WASI file type of a host fd.
    static func hostType(_ fd: Int32) -> FileType {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .unknown }
        if st.st_mode & S_IFMT == S_IFSOCK {
            var type: Int32 = 0
            var len = socklen_t(MemoryLayout<Int32>.size)
            if getsockopt(fd, 1 /* SOL_SOCKET */, 3 /* SO_TYPE */, &type, &len) == 0, type == 2 /* SOCK_DGRAM */ {
                return .socketDgram
            }
            return .socketStream
        }
        return FileType(mode: st.st_mode)
    }

    func entry(_ fd: UInt32) throws(WASIErrno) -> FileEntry {
        guard let e = table[fd] else { throw .badf }
        return e
    }

    /// The lowest free guest fd.
    func allocate(_ e: FileEntry) -> UInt32 {
        var fd: UInt32 = 0
        while table[fd] != nil { fd += 1 }
        table[fd] = e
        return fd
    }

    /// Defines every `wasi_snapshot_preview1` function in `imports`, as host functions of `store`.
    /// The functions keep this `WASI` alive.
    public func define(into imports: inout Imports, store: Store) {
        WASIFunctions(wasi: self, store: store).defineAll(into: &imports)
    }
}

/// Linking WASI: `defineWASI(_:)` provides it to every module a linker instantiates.
extension Linker {
    /// Provides `wasi_snapshot_preview1` from `wasi` to every module this linker instantiates
    /// (its functions are made for each store that imports them; they share `wasi`'s state: its
    /// file descriptors, arguments and environment).
    ///
    /// - Throws: `WispError.misuse` when the module has a provider already and `allowShadowing` is off.
    public mutating func defineWASI(_ wasi: WASI) throws(WispError) {
        try define(module: "wasi_snapshot_preview1") { store throws(WispError) in
            var imports = Imports()
            wasi.define(into: &imports, store: store)
            return imports
        }
    }
}

/// Arguments of one call, by position.
struct Args {
    let values: [Value]
    init(_ v: [Value]) { values = v }
    subscript(_ i: Int) -> UInt32 {
        if case .i32(let x) = values[i] { return x }
        return 0
    }
    func u64(_ i: Int) -> UInt64 {
        if case .i64(let x) = values[i] { return x }
        return 0
    }
}

/// Nanoseconds of a timespec, saturating.
func nanos(_ t: timespec) -> UInt64 {
    UInt64(max(0, t.tv_sec)) &* 1_000_000_000 &+ UInt64(max(0, t.tv_nsec))
}

func timespecFrom(_ ns: UInt64) -> timespec {
    timespec(tv_sec: Int(ns / 1_000_000_000), tv_nsec: Int(ns % 1_000_000_000))
}

/// The host clock for a WASI clockid.
func hostClock(_ id: UInt32) throws(WASIErrno) -> clockid_t {
    switch id {
    case 0: return CLOCK_REALTIME
    case 1: return CLOCK_MONOTONIC
    case 2: return CLOCK_PROCESS_CPUTIME_ID
    case 3: return CLOCK_THREAD_CPUTIME_ID
    default: throw .inval
    }
}

/// Writes a 64-byte `filestat` at `p`.
func writeFilestat(_ m: GuestMemory, _ p: UInt32, _ st: stat) throws(WASIErrno) {
    _ = try m.pointer(p, 64)
    try m.set64(p, UInt64(truncatingIfNeeded: st.st_dev))  // (dev_t is signed on macOS)
    try m.set64(p + 8, UInt64(st.st_ino))
    try m.set8(p + 16, FileType(mode: st.st_mode).rawValue)
    try m.set64(p + 24, UInt64(st.st_nlink))
    try m.set64(p + 32, UInt64(st.st_size))
    let times = hostTimes(st)
    try m.set64(p + 40, times.access)
    try m.set64(p + 48, times.modification)
    try m.set64(p + 56, times.change)
}

/// The two timespecs of utimensat/futimens from WASI times and fstflags.
func timesFrom(atim: UInt64, mtim: UInt64, flags: UInt16) throws(WASIErrno) -> [timespec] {
    if flags & ~(FstFlags.atim | FstFlags.atimNow | FstFlags.mtim | FstFlags.mtimNow) != 0 { throw .inval }
    if flags & FstFlags.atim != 0 && flags & FstFlags.atimNow != 0 { throw .inval }
    if flags & FstFlags.mtim != 0 && flags & FstFlags.mtimNow != 0 { throw .inval }
    func one(_ value: UInt64, set: Bool, now: Bool) -> timespec {
        if now { return timespec(tv_sec: 0, tv_nsec: hostUtimeNow) }
        if set { return timespecFrom(value) }
        return timespec(tv_sec: 0, tv_nsec: hostUtimeOmit)
    }
    return [one(atim, set: flags & FstFlags.atim != 0, now: flags & FstFlags.atimNow != 0),
            one(mtim, set: flags & FstFlags.mtim != 0, now: flags & FstFlags.mtimNow != 0)]
}

/// Reads a whole directory through a fresh fd, "." and ".." first.
func listDirectory(_ dirFd: Int32) throws(WASIErrno) -> [DirectoryEntry] {
    let fd = openat(dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd < 0 { throw .current }
    guard let dir = fdopendir(fd) else {
        let e = WASIErrno.current
        close(fd)
        throw e
    }
    defer { closedir(dir) }
    var dot = DirectoryEntry(name: [UInt8(ascii: ".")], inode: 0, type: .directory)
    var dotdot = DirectoryEntry(name: [UInt8(ascii: "."), UInt8(ascii: ".")], inode: 0, type: .directory)
    var rest: [DirectoryEntry] = []
    while true {
        errno = 0
        guard let ent = readdir(dir) else {
            if errno != 0 { throw .current }
            break
        }
        let name: [UInt8] = withUnsafePointer(to: &ent.pointee.d_name) {
            $0.withMemoryRebound(to: UInt8.self, capacity: 256) { p in
                var n: [UInt8] = []
                var i = 0
                while i < 256 && p[i] != 0 { n.append(p[i]); i += 1 }
                return n
            }
        }
        let ino = UInt64(ent.pointee.d_ino)
        if name == dot.name { dot.inode = ino; continue }
        if name == dotdot.name { dotdot.inode = ino; continue }
        var type: FileType
        switch Int32(ent.pointee.d_type) {
        case Int32(DT_DIR): type = .directory
        case Int32(DT_REG): type = .regularFile
        case Int32(DT_LNK): type = .symbolicLink
        case Int32(DT_CHR): type = .characterDevice
        case Int32(DT_BLK): type = .blockDevice
        case Int32(DT_SOCK): type = .socketStream
        default:
            var st = stat()
            let s = String(decoding: name, as: UTF8.self)
            type = fstatat(fd, s, &st, AT_SYMLINK_NOFOLLOW) == 0 ? FileType(mode: st.st_mode) : .unknown
        }
        rest.append(DirectoryEntry(name: name, inode: ino, type: type))
    }
    return [dot, dotdot] + rest
}
