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

    /// Runs `body(0)` ... `body(count - 1)` at once, `body(0)` on this thread and each other on a
    /// thread of its own, and returns when all have returned. An index whose thread cannot be
    /// created runs on this thread.
    static func parallel(_ count: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            var threads: [pthread_t] = []
            for i in 1..<max(count, 1) {
                let job = Unmanaged.passRetained(ParallelJob(body, i)).toOpaque()
                var t: pthread_t? = nil
                if pthread_create(&t, nil, { p in
                    let job = Unmanaged<ParallelJob>.fromOpaque(p).takeRetainedValue()
                    job.body(job.index)
                    return nil
                }, job) == 0, let t {
                    threads.append(t)
                } else {
                    Unmanaged<ParallelJob>.fromOpaque(job).release()
                    body(i)
                }
            }
            body(0)
            for t in threads { pthread_join(t, nil) }
        }
    }

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
