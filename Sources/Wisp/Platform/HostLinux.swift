// Every operating-system call the engine's core makes on Linux (glibc), in one file; HostDarwin.swift
// is the same interface for macOS and iOS. Bare-metal builds have neither: the engine then uses
// `Platform`'s hooks and Swift's allocator, and the features that need virtual memory (the
// reserved memory backend) report that they are unavailable.

#if canImport(Glibc)
import Glibc

// Declared by glibc only under _GNU_SOURCE, which Swift's Glibc module does not define.
@_silgen_name("pthread_getattr_np")
private func wisp_pthread_getattr_np(_ thread: pthread_t, _ attr: UnsafeMutablePointer<pthread_attr_t>) -> Int32
@_silgen_name("mremap")
private func wisp_mremap(_ old: UnsafeMutableRawPointer, _ oldSize: Int, _ newSize: Int, _ flags: Int32) -> UnsafeMutableRawPointer?
private let MREMAP_MAYMOVE: Int32 = 1

enum HostOS {
    // MARK: threads

    /// The lowest usable address and the top of the current thread's stack, or nil.
    static func threadStackBounds() -> (low: UInt, high: UInt)? {
        var attr = pthread_attr_t()
        guard wisp_pthread_getattr_np(pthread_self(), &attr) == 0 else { return nil }
        defer { pthread_attr_destroy(&attr) }
        var addr: UnsafeMutableRawPointer? = nil
        var size = 0
        guard pthread_attr_getstack(&attr, &addr, &size) == 0, let base = addr else { return nil }
        var guardSize = 0
        pthread_attr_getguardsize(&attr, &guardSize)
        return (UInt(bitPattern: base) + UInt(guardSize), UInt(bitPattern: base) + UInt(size))
    }

    static func threadID() -> UInt { UInt(pthread_self()) }

    /// Processors online (at least 1).
    static var processorCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    typealias Thread = pthread_t

    /// Runs `job` on a thread of its own (for `parallel`, Platform.swift); nil if none can be created.
    static func startThread(_ job: ParallelJob) -> pthread_t? {
        let p = Unmanaged.passRetained(job).toOpaque()
        var t = pthread_t()
        guard pthread_create(&t, nil, { p in
            let job = Unmanaged<ParallelJob>.fromOpaque(p!).takeRetainedValue()
            job.body(job.index)
            return nil
        }, p) == 0 else {
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

    /// calloc: fresh, lazily zeroed pages from the kernel for large blocks.
    static func allocateZeroed(byteCount: Int) -> UnsafeMutableRawPointer? { calloc(1, byteCount) }

    static func free(_ p: UnsafeMutableRawPointer) { Glibc.free(p) }

    // MARK: virtual memory

    static var pageSize: Int { Int(sysconf(Int32(_SC_PAGESIZE))) }

    /// Reserves `bytes` of inaccessible address space (nothing committed). nil on failure.
    static func reserve(_ bytes: Int) -> UnsafeMutableRawPointer? {
        guard let p = mmap(nil, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
              Int(bitPattern: p) != -1 else { return nil }
        return p
    }

    /// Makes `[p, p + bytes)` of a reservation readable and writable; its pages read as zero.
    static func commit(_ p: UnsafeMutableRawPointer, _ bytes: Int) -> Bool {
        bytes == 0 || mprotect(p, bytes, PROT_READ | PROT_WRITE) == 0
    }

    static func release(_ p: UnsafeMutableRawPointer, _ bytes: Int) { _ = munmap(p, bytes) }

    /// `bytes` (a multiple of the page size) of readable, writable, zero pages, committed lazily
    /// as they are touched. nil on failure.
    static func mapPages(_ bytes: Int) -> UnsafeMutableRawPointer? {
        guard let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              Int(bitPattern: p) != -1 else { return nil }
        return p
    }

    /// Resizes pages from `mapPages` by moving their page-table entries (mremap), not their
    /// bytes: pages never touched stay untouched, the new ones read as zero. nil when it cannot
    /// (the old mapping is then intact).
    static func remapPages(_ p: UnsafeMutableRawPointer, from old: Int, to new: Int) -> UnsafeMutableRawPointer? {
        guard let q = wisp_mremap(p, old, new, MREMAP_MAYMOVE), Int(bitPattern: q) != -1 else { return nil }
        return q
    }

    static func unmapPages(_ p: UnsafeMutableRawPointer, _ bytes: Int) { _ = munmap(p, bytes) }
}
#endif
