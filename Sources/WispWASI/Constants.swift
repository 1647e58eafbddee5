// Numbers from wasi_snapshot_preview1's witx (typenames.witx), and the mapping from host errno.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A WASI `errno` value, numbered exactly as `typenames.witx` numbers them.
public enum WASIErrno: UInt16, Error, Sendable {
    /// `success` (0): no error. The others are the POSIX errno of the same name without its `E`
    /// (`toobig`: `E2BIG`, `acces`: `EACCES`), in `typenames.witx`'s order.
    case success = 0, toobig, acces, addrinuse, addrnotavail, afnosupport, again, already, badf, badmsg
    /// The POSIX errno of the same name without its `E` (`canceled`: `ECANCELED`).
    case busy, canceled, child, connaborted, connrefused, connreset, deadlk, destaddrreq, dom, dquot
    /// The POSIX errno of the same name without its `E` (`io`: `EIO`, also what unknown host errors
    /// become).
    case exist, fault, fbig, hostunreach, idrm, ilseq, inprogress, intr, inval, io
    /// The POSIX errno of the same name without its `E`.
    case isconn, isdir, loop, mfile, mlink, msgsize, multihop, nametoolong, netdown, netreset
    /// The POSIX errno of the same name without its `E`.
    case netunreach, nfile, nobufs, nodev, noent, noexec, nolck, nolink, nomem, nomsg
    /// The POSIX errno of the same name without its `E`.
    case noprotoopt, nospc, nosys, notconn, notdir, notempty, notrecoverable, notsock, notsup, notty
    /// The POSIX errno of the same name without its `E`.
    case nxio, overflow, ownerdead, perm, pipe, proto, protonosupport, prototype, range, rofs
    /// The POSIX errno of the same name without its `E`; `notcapable` is WASI's own: the fd lacks a
    /// right the call needs (see `Rights`).
    case spipe, srch, stale, timedout, txtbsy, xdev, notcapable

    /// The WASI errno for a host errno (by name, so Linux's and macOS's numbers both map);
    /// unknown values become `io`.
    public init(host e: Int32) {
        switch e {
        case E2BIG: self = .toobig
        case EACCES: self = .acces
        case EADDRINUSE: self = .addrinuse
        case EADDRNOTAVAIL: self = .addrnotavail
        case EAFNOSUPPORT: self = .afnosupport
        case EAGAIN: self = .again
        case EALREADY: self = .already
        case EBADF: self = .badf
        case EBADMSG: self = .badmsg
        case EBUSY: self = .busy
        case ECANCELED: self = .canceled
        case ECHILD: self = .child
        case ECONNABORTED: self = .connaborted
        case ECONNREFUSED: self = .connrefused
        case ECONNRESET: self = .connreset
        case EDEADLK: self = .deadlk
        case EDESTADDRREQ: self = .destaddrreq
        case EDOM: self = .dom
        case EDQUOT: self = .dquot
        case EEXIST: self = .exist
        case EFAULT: self = .fault
        case EFBIG: self = .fbig
        case EHOSTUNREACH: self = .hostunreach
        case EIDRM: self = .idrm
        case EILSEQ: self = .ilseq
        case EINPROGRESS: self = .inprogress
        case EINTR: self = .intr
        case EINVAL: self = .inval
        case EIO: self = .io
        case EISCONN: self = .isconn
        case EISDIR: self = .isdir
        case ELOOP: self = .loop
        case EMFILE: self = .mfile
        case EMLINK: self = .mlink
        case EMSGSIZE: self = .msgsize
        case EMULTIHOP: self = .multihop
        case ENAMETOOLONG: self = .nametoolong
        case ENETDOWN: self = .netdown
        case ENETRESET: self = .netreset
        case ENETUNREACH: self = .netunreach
        case ENFILE: self = .nfile
        case ENOBUFS: self = .nobufs
        case ENODEV: self = .nodev
        case ENOENT: self = .noent
        case ENOEXEC: self = .noexec
        case ENOLCK: self = .nolck
        case ENOLINK: self = .nolink
        case ENOMEM: self = .nomem
        case ENOMSG: self = .nomsg
        case ENOPROTOOPT: self = .noprotoopt
        case ENOSPC: self = .nospc
        case ENOSYS: self = .nosys
        case ENOTCONN: self = .notconn
        case ENOTDIR: self = .notdir
        case ENOTEMPTY: self = .notempty
        case ENOTRECOVERABLE: self = .notrecoverable
        case ENOTSOCK: self = .notsock
        case ENOTSUP: self = .notsup
        case ENOTTY: self = .notty
        case ENXIO: self = .nxio
        case EOVERFLOW: self = .overflow
        case EOWNERDEAD: self = .ownerdead
        case EPERM: self = .perm
        case EPIPE: self = .pipe
        case EPROTO: self = .proto
        case EPROTONOSUPPORT: self = .protonosupport
        case EPROTOTYPE: self = .prototype
        case ERANGE: self = .range
        case EROFS: self = .rofs
        case ESPIPE: self = .spipe
        case ESRCH: self = .srch
        case ESTALE: self = .stale
        case ETIMEDOUT: self = .timedout
        case ETXTBSY: self = .txtbsy
        case EXDEV: self = .xdev
        default: self = .io
        }
    }

    /// The WASI errno for the host's current `errno`.
    static var current: WASIErrno { WASIErrno(host: errno) }
}

/// `rights` bits (u64).
public enum Rights {
    /// Permits `fd_datasync` (and `path_open` with the `dsync` flag).
    public static let fdDatasync: UInt64 = 1 << 0
    /// Permits `fd_read` and `sock_recv` (and `fd_pread`, with `fdSeek`).
    public static let fdRead: UInt64 = 1 << 1
    /// Permits `fd_seek`; implies `fdTell`.
    public static let fdSeek: UInt64 = 1 << 2
    /// Permits `fd_fdstat_set_flags`.
    public static let fdFdstatSetFlags: UInt64 = 1 << 3
    /// Permits `fd_sync` (and `path_open` with the `rsync` or `dsync` flag).
    public static let fdSync: UInt64 = 1 << 4
    /// Permits `fd_tell`, and `fd_seek` that leaves the offset where it is.
    public static let fdTell: UInt64 = 1 << 5
    /// Permits `fd_write` and `sock_send` (and `fd_pwrite`, with `fdSeek`).
    public static let fdWrite: UInt64 = 1 << 6
    /// Permits `fd_advise`.
    public static let fdAdvise: UInt64 = 1 << 7
    /// Permits `fd_allocate`.
    public static let fdAllocate: UInt64 = 1 << 8
    /// Permits `path_create_directory` in the directory.
    public static let pathCreateDirectory: UInt64 = 1 << 9
    /// Permits `path_open` with the `creat` flag in the directory.
    public static let pathCreateFile: UInt64 = 1 << 10
    /// Permits `path_link` with the directory as the source.
    public static let pathLinkSource: UInt64 = 1 << 11
    /// Permits `path_link` with the directory as the target.
    public static let pathLinkTarget: UInt64 = 1 << 12
    /// Permits `path_open` in the directory.
    public static let pathOpen: UInt64 = 1 << 13
    /// Permits `fd_readdir`.
    public static let fdReaddir: UInt64 = 1 << 14
    /// Permits `path_readlink` in the directory.
    public static let pathReadlink: UInt64 = 1 << 15
    /// Permits `path_rename` with the directory as the source.
    public static let pathRenameSource: UInt64 = 1 << 16
    /// Permits `path_rename` with the directory as the target.
    public static let pathRenameTarget: UInt64 = 1 << 17
    /// Permits `path_filestat_get` in the directory.
    public static let pathFilestatGet: UInt64 = 1 << 18
    /// Permits changing a file's size through a path: `path_open` with the `trunc` flag.
    public static let pathFilestatSetSize: UInt64 = 1 << 19
    /// Permits `path_filestat_set_times` in the directory.
    public static let pathFilestatSetTimes: UInt64 = 1 << 20
    /// Permits `fd_filestat_get`.
    public static let fdFilestatGet: UInt64 = 1 << 21
    /// Permits `fd_filestat_set_size`.
    public static let fdFilestatSetSize: UInt64 = 1 << 22
    /// Permits `fd_filestat_set_times`.
    public static let fdFilestatSetTimes: UInt64 = 1 << 23
    /// Permits `path_symlink` in the directory.
    public static let pathSymlink: UInt64 = 1 << 24
    /// Permits `path_remove_directory` in the directory.
    public static let pathRemoveDirectory: UInt64 = 1 << 25
    /// Permits `path_unlink_file` in the directory.
    public static let pathUnlinkFile: UInt64 = 1 << 26
    /// Permits waiting for the fd with `poll_oneoff` (`fd_read` and `fd_write` subscriptions).
    public static let pollFdReadwrite: UInt64 = 1 << 27
    /// Permits `sock_shutdown`.
    public static let sockShutdown: UInt64 = 1 << 28
    /// Permits `sock_accept`.
    public static let sockAccept: UInt64 = 1 << 29
    /// Permits Every right above.
    public static let all: UInt64 = (1 << 30) - 1

    /// Rights that only make sense on a directory.
    public static let directoryBase: UInt64 = fdFdstatSetFlags | fdSync | fdAdvise | pathCreateDirectory
        | pathCreateFile | pathLinkSource | pathLinkTarget | pathOpen | fdReaddir | pathReadlink
        | pathRenameSource | pathRenameTarget | pathFilestatGet | pathFilestatSetSize | pathFilestatSetTimes
        | fdFilestatGet | fdFilestatSetTimes | pathSymlink | pathRemoveDirectory | pathUnlinkFile | fdDatasync
    /// Rights that only make sense on a regular file.
    public static let fileBase: UInt64 = fdDatasync | fdRead | fdSeek | fdFdstatSetFlags | fdSync | fdTell
        | fdWrite | fdAdvise | fdAllocate | fdFilestatGet | fdFilestatSetSize | fdFilestatSetTimes | pollFdReadwrite
    /// Rights of a terminal or pipe (no seeking).
    public static let streamBase: UInt64 = fdRead | fdFdstatSetFlags | fdWrite | fdFilestatGet | pollFdReadwrite
        | fdSync | fdDatasync | fdAdvise | fdFilestatSetTimes
    /// Rights of a socket the host passes in.
    public static let socketBase: UInt64 = fdRead | fdFdstatSetFlags | fdWrite | fdFilestatGet | pollFdReadwrite
        | sockShutdown | sockAccept
}

/// `filetype` values (u8).
enum FileType: UInt8 {
    case unknown = 0, blockDevice, characterDevice, directory, regularFile, socketDgram, socketStream, symbolicLink

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFBLK: self = .blockDevice
        case S_IFCHR: self = .characterDevice
        case S_IFDIR: self = .directory
        case S_IFREG: self = .regularFile
        case S_IFSOCK: self = .socketStream
        case S_IFLNK: self = .symbolicLink
        default: self = .unknown
        }
    }
}

/// `fdflags` bits (u16).
enum FdFlags {
    static let append: UInt16 = 1 << 0
    static let dsync: UInt16 = 1 << 1
    static let nonblock: UInt16 = 1 << 2
    static let rsync: UInt16 = 1 << 3
    static let sync: UInt16 = 1 << 4
}

/// `oflags` bits (u16).
enum OFlags {
    static let creat: UInt16 = 1 << 0
    static let directory: UInt16 = 1 << 1
    static let excl: UInt16 = 1 << 2
    static let trunc: UInt16 = 1 << 3
}

/// `fstflags` bits (u16).
enum FstFlags {
    static let atim: UInt16 = 1 << 0
    static let atimNow: UInt16 = 1 << 1
    static let mtim: UInt16 = 1 << 2
    static let mtimNow: UInt16 = 1 << 3
}

// (The host's own flag values and calls are in HostLinux.swift and HostDarwin.swift.)
