// Every operating-system call the engine's core makes on Apple platforms, in one file;
// HostLinux.swift is the same interface for Linux.

#if canImport(Darwin)
import Darwin

enum HostOS {
    // MARK: threads

    static func threadStackBounds() -> (low: UInt, high: UInt)? {
        let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        return (top - UInt(pthread_get_stacksize_np(pthread_self())), top)
    }

    static func threadID() -> UInt { UInt(bitPattern: pthread_self()) }

    /// Processors online (at least 1).
    static var processorCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    typealias Thread = pthread_t

    /// Runs `job` on a thread of its own (for `parallel`, Platform.swift); nil if none can be created.
    static func startThread(_ job: ParallelJob) -> pthread_t? {
        let p = Unmanaged.passRetained(job).toOpaque()
        var t: pthread_t? = nil
        guard pthread_create(&t, nil, { p in
            let job = Unmanaged<ParallelJob>.fromOpaque(p).takeRetainedValue()
            job.body(job.index)
            return nil
        }, p) == 0, let t else {
            Unmanaged<ParallelJob>.fromOpaque(p).release()
            return nil
        }
        return t
    }

    static func joinThread(_ t: pthread_t) { pthread_join(t, nil) }

    // MARK: the C heap

    static func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        var p: UnsafeMutableRawPointer? = nil
        guard posix_memalign(&p, max(alignment, MemoryLayout<Int>.size), byteCount) == 0 else { return nil }
        return p
    }

    static func allocateZeroed(byteCount: Int) -> UnsafeMutableRawPointer? { calloc(1, byteCount) }

    static func free(_ p: UnsafeMutableRawPointer) { Darwin.free(p) }

    // MARK: virtual memory

    static var pageSize: Int { Int(getpagesize()) }

    static func reserve(_ bytes: Int) -> UnsafeMutableRawPointer? {
        guard let p = mmap(nil, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANON | MAP_NORESERVE, -1, 0),
              Int(bitPattern: p) != -1 else { return nil }
        return p
    }

    static func commit(_ p: UnsafeMutableRawPointer, _ bytes: Int) -> Bool {
        bytes == 0 || mprotect(p, bytes, PROT_READ | PROT_WRITE) == 0
    }

    static func release(_ p: UnsafeMutableRawPointer, _ bytes: Int) { _ = munmap(p, bytes) }

    static func mapPages(_ bytes: Int) -> UnsafeMutableRawPointer? {
        guard let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0),
              Int(bitPattern: p) != -1 else { return nil }
        return p
    }

    /// Darwin has no mremap: the caller copies.
    static func remapPages(_ p: UnsafeMutableRawPointer, from old: Int, to new: Int) -> UnsafeMutableRawPointer? { nil }

    static func unmapPages(_ p: UnsafeMutableRawPointer, _ bytes: Int) { _ = munmap(p, bytes) }
}
#endif
