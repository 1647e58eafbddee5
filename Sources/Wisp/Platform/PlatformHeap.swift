// The C heap of a port without one: a `PoolHeap` over a buffer the port provides (typically a
// static array), with the C allocation functions' exact contracts, so a port's malloc shims are
// one line each:
//
//     @_cdecl("malloc") func malloc(_ n: Int) -> UnsafeMutableRawPointer? { PlatformHeap.malloc(n) }
//
// Everything then comes from the one pool: the Swift runtime's objects and arrays (swift_slowAlloc
// calls malloc or posix_memalign), the engine's stores, code and VM stacks (through
// `SystemAllocator`), and whatever the C library allocates. Nothing here allocates, so the shims
// cannot recurse.

/// A process-wide heap in a caller-provided buffer, serving the C allocation functions.
public enum PlatformHeap {
    /// The pool, once `install` ran.
    public nonisolated(unsafe) private(set) static var heap: PoolHeap? = nil

    /// Formats `buffer` as the heap every allocation comes from. Call once, before anything
    /// allocates; the buffer must live (and be used by nothing else) for the rest of the program.
    /// Returns false if the buffer is smaller than `PoolHeap.minimumBufferSize` or a heap is
    /// installed already.
    @discardableResult
    public static func install(buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard heap == nil, let h = PoolHeap(buffer: buffer) else { return false }
        heap = h
        return true
    }

    // C's errno values for posix_memalign's result (the same in every C library Wisp targets).
    static let ENOMEM: Int32 = 12
    static let EINVAL: Int32 = 22

    /// C `malloc`: `size` bytes aligned for any type (16), or nil when the pool cannot serve it.
    public static func malloc(_ size: Int) -> UnsafeMutableRawPointer? {
        heap?.allocate(size: max(size, 1), alignment: 16)
    }

    /// C `free`: returns a block from `malloc` and friends; nil does nothing.
    public static func free(_ pointer: UnsafeMutableRawPointer?) {
        guard let p = pointer, let h = heap else { return }
        h.free(p)
    }

    /// C `calloc`: `count * size` zeroed bytes; nil on overflow or when out of memory.
    public static func calloc(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer? {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow, let p = malloc(bytes) else { return nil }
        p.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        return p
    }

    /// C `realloc`: resizes in place when the next block is free, else moves. On failure the old
    /// block is untouched and nil is returned. `realloc(p, 0)` frees `p` and returns nil.
    public static func realloc(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
        guard let p = pointer else { return malloc(size) }
        guard let h = heap else { return nil }
        if size == 0 {
            h.free(p)
            return nil
        }
        if h.resizeInPlace(p, to: size) { return p }
        guard let fresh = h.allocate(size: size, alignment: 16) else { return nil }
        fresh.copyMemory(from: p, byteCount: min(size, h.usableSize(p)))
        h.free(p)
        return fresh
    }

    /// C `posix_memalign`: stores a block of `size` bytes aligned to `alignment` in `result`.
    /// Returns 0, EINVAL (alignment not a power of two times the pointer size) or ENOMEM.
    public static func posixMemalign(_ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>,
                                     _ alignment: Int, _ size: Int) -> Int32 {
        guard alignment >= MemoryLayout<UnsafeRawPointer>.size, alignment & (alignment - 1) == 0 else { return EINVAL }
        guard let p = heap?.allocate(size: max(size, 1), alignment: max(alignment, 16)) else { return ENOMEM }
        result.pointee = p
        return 0
    }

    /// C11 `aligned_alloc` (and `memalign`): nil for an alignment that is not a power of two.
    public static func alignedAlloc(_ alignment: Int, _ size: Int) -> UnsafeMutableRawPointer? {
        guard alignment > 0, alignment & (alignment - 1) == 0 else { return nil }
        return heap?.allocate(size: max(size, 1), alignment: max(alignment, 16))
    }
}
