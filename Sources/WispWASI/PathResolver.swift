// The sandbox: every guest path is resolved here, one component at a time, below a directory fd.
//
// The kernel never sees a guest path with more than one component: each directory on the way is
// opened with O_NOFOLLOW | O_DIRECTORY relative to the previous one, `..` pops our own stack of
// opened directories (so it can never climb above the starting directory), and symlinks are read
// with readlinkat and expanded by us, with their targets held to the same rules (absolute targets
// and targets that climb out are refused). The final operation then uses the parent directory fd
// and a single name with the *at call's no-follow flag, so a symlink swapped in by someone else
// between our check and the call is never followed by the kernel.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A path resolved to (directory fd, final component name). Closes the directories it opened.
final class ResolvedPath {
    /// Directory holding the final component.
    let dirFd: Int32
    /// The final component: a single name, ".", or "..". Never contains '/'.
    let name: String
    /// The guest path ended with '/' (or resolved through a symlink whose target did): the object
    /// must be a directory.
    let mustBeDirectory: Bool
    private let opened: [Int32]

    init(dirFd: Int32, name: String, mustBeDirectory: Bool, opened: [Int32]) {
        self.dirFd = dirFd
        self.name = name
        self.mustBeDirectory = mustBeDirectory
        self.opened = opened
    }

    deinit { for fd in opened { close(fd) } }

    /// `lstat` of the final component, or nil (with errno set) if it does not exist.
    func lstat() -> stat? {
        var st = stat()
        return fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? st : nil
    }
}

/// The most symlinks one resolution may expand, like Linux's MAXSYMLINKS.
let maxSymlinkExpansions = 40

/// Splits a path into its components, dropping empty ones; reports a trailing slash.
func splitPath(_ path: [UInt8]) -> (components: [[UInt8]], trailingSlash: Bool) {
    var parts: [[UInt8]] = []
    var current: [UInt8] = []
    for b in path {
        if b == UInt8(ascii: "/") {
            if !current.isEmpty { parts.append(current); current = [] }
        } else {
            current.append(b)
        }
    }
    if !current.isEmpty { parts.append(current) }
    return (parts, path.last == UInt8(ascii: "/"))
}

/// Reads the target of the symlink `name` in `dir`, or nil if it is not a symlink (or is missing).
func readSymlink(_ dir: Int32, _ name: String) -> [UInt8]? {
    var size = 256
    while true {
        var buf = [UInt8](repeating: 0, count: size)
        let n = buf.withUnsafeMutableBytes { readlinkat(dir, name, $0.baseAddress!.assumingMemoryBound(to: CChar.self), size) }
        if n < 0 { return nil }
        if n < size { return Array(buf[0..<n]) }
        size *= 2
    }
}

/// Resolves `path` below the directory `base` (which must stay open while the result is used).
///
/// - Parameter followFinal: expand a symlink in the last component (directories on the way are
///   always followed, within the sandbox).
/// - Throws: `.perm` for absolute paths and anything that would leave `base` (the errno Wasmtime
///   uses), `.noent` for an empty path, `.ilseq` for a NUL byte, `.loop` after too many symlinks,
///   `.notdir` when a non-directory is used as one, and host errors of the directory opens.
/// - Complexity: one openat per directory component, one readlinkat per symlink expanded.
func resolvePath(base: Int32, path: [UInt8], followFinal: Bool) throws(WASIErrno) -> ResolvedPath {
    if path.isEmpty { throw .noent }
    if path.contains(0) { throw .ilseq }
    if path.first == UInt8(ascii: "/") { throw .perm }
    guard String(validating: path, as: UTF8.self) != nil else { throw .ilseq }
    let split = splitPath(path)
    // Components still to walk, last one first (so popLast yields the next component).
    var pending: [[UInt8]] = split.components.reversed()
    var mustBeDirectory = split.trailingSlash
    var stack: [Int32] = []  // directories opened below base, innermost last
    var expansions = 0
    func closeAll() { for fd in stack { close(fd) } }

    if pending.isEmpty {
        // The path was only slashes, which is absolute.
        throw .perm
    }
    while let comp = pending.popLast() {
        let isLast = pending.isEmpty
        let current = stack.last ?? base
        let name = String(decoding: comp, as: UTF8.self)
        if name == "." {
            if isLast { return ResolvedPath(dirFd: current, name: ".", mustBeDirectory: true, opened: stack) }
            continue
        }
        if name == ".." {
            guard let top = stack.popLast() else { closeAll(); throw .perm }
            close(top)
            if isLast { return ResolvedPath(dirFd: stack.last ?? base, name: ".", mustBeDirectory: true, opened: stack) }
            continue
        }
        if isLast {
            if followFinal || mustBeDirectory, let target = readSymlink(current, name) {
                expansions += 1
                if expansions > maxSymlinkExpansions { closeAll(); throw .loop }
                do throws(WASIErrno) { try expand(target, into: &pending, mustBeDirectory: &mustBeDirectory, isLast: true) } catch { closeAll(); throw error }
                continue
            }
            return ResolvedPath(dirFd: current, name: name, mustBeDirectory: mustBeDirectory, opened: stack)
        }
        let fd = openat(current, name, hostOPath | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd >= 0 {
            stack.append(fd)
            continue
        }
        let e = errno
        if e == ELOOP || e == ENOTDIR, let target = readSymlink(current, name) {
            expansions += 1
            if expansions > maxSymlinkExpansions { closeAll(); throw .loop }
            do throws(WASIErrno) { try expand(target, into: &pending, mustBeDirectory: &mustBeDirectory, isLast: false) } catch { closeAll(); throw error }
            continue
        }
        closeAll()
        throw WASIErrno(host: e)
    }
    // Every component was "." or ".." handled above, or a symlink expanded to nothing.
    closeAll()
    throw .noent
}

/// Pushes a symlink target's components in front of the pending ones.
private func expand(_ target: [UInt8], into pending: inout [[UInt8]], mustBeDirectory: inout Bool, isLast: Bool) throws(WASIErrno) {
    if target.isEmpty { throw .noent }
    if target.first == UInt8(ascii: "/") { throw .perm }
    let split = splitPath(target)
    if isLast && split.trailingSlash { mustBeDirectory = true }
    if split.components.isEmpty { throw .perm }
    pending.append(contentsOf: split.components.reversed())
}
