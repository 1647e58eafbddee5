// Numbers from wasi_snapshot_preview1's witx (typenames.witx), and the mapping from host errno.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A WASI `errno` value, numbered exactly as `typenames.witx` numbers them.
public enum WASIErrno: UInt16, Error, Sendable {
    case success = 0, toobig, acces, addrinuse, addrnotavail, afnosupport, again, already, badf, badmsg
    case busy, canceled, child, connaborted, connrefused, connreset, deadlk, destaddrreq, dom, dquot
    case exist, fault, fbig, hostunreach, idrm, ilseq, inprogress, intr, inval, io
    case isconn, isdir, loop, mfile, mlink, msgsize, multihop, nametoolong, netdown, netreset
    case netunreach, nfile, nobufs, nodev, noent, noexec, nolck, nolink, nomem, nomsg
    case noprotoopt, nospc, nosys, notconn, notdir, notempty, notrecoverable, notsock, notsup, notty
    case nxio, overflow, ownerdead, perm, pipe, proto, protonosupport, prototype, range, rofs
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
    public static let fdDatasync: UInt64 = 1 << 0
    public static let fdRead: UInt64 = 1 << 1
    public static let fdSeek: UInt64 = 1 << 2
    public static let fdFdstatSetFlags: UInt64 = 1 << 3
    public static let fdSync: UInt64 = 1 << 4
    public static let fdTell: UInt64 = 1 << 5
    public static let fdWrite: UInt64 = 1 << 6
    public static let fdAdvise: UInt64 = 1 << 7
    public static let fdAllocate: UInt64 = 1 << 8
    public static let pathCreateDirectory: UInt64 = 1 << 9
    public static let pathCreateFile: UInt64 = 1 << 10
    public static let pathLinkSource: UInt64 = 1 << 11
    public static let pathLinkTarget: UInt64 = 1 << 12
    public static let pathOpen: UInt64 = 1 << 13
    public static let fdReaddir: UInt64 = 1 << 14
    public static let pathReadlink: UInt64 = 1 << 15
    public static let pathRenameSource: UInt64 = 1 << 16
    public static let pathRenameTarget: UInt64 = 1 << 17
    public static let pathFilestatGet: UInt64 = 1 << 18
    public static let pathFilestatSetSize: UInt64 = 1 << 19
    public static let pathFilestatSetTimes: UInt64 = 1 << 20
    public static let fdFilestatGet: UInt64 = 1 << 21
    public static let fdFilestatSetSize: UInt64 = 1 << 22
    public static let fdFilestatSetTimes: UInt64 = 1 << 23
    public static let pathSymlink: UInt64 = 1 << 24
    public static let pathRemoveDirectory: UInt64 = 1 << 25
    public static let pathUnlinkFile: UInt64 = 1 << 26
    public static let pollFdReadwrite: UInt64 = 1 << 27
    public static let sockShutdown: UInt64 = 1 << 28
    public static let sockAccept: UInt64 = 1 << 29
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
