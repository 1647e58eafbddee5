// Every large allocation the engine makes goes through an `Allocator`, tagged with what it is for,
// so an embedder can route linear memory, tables, VM stacks, translated code and instance records
// to different places, or count them. Small Swift objects (entities, arrays of handles) still come
// from the Swift runtime's allocator; on bare metal that is malloc, which a `PoolHeap` can serve.

#if !hasFeature(Embedded)
import Synchronization
#endif

/// What an allocation is for.
public enum AllocationTag: Int, Sendable, CaseIterable {
    /// The bytes of a linear memory (heap backend only: static buffers and reservations are not allocated).
    case linearMemory = 0
    /// The element storage of a table.
    case table
    /// A store's VM value and frame stacks.
    case vmStack
    /// Translated function bodies.
    case code
    /// Per-entity records the interpreter reads (functions, memories, tables, globals).
    case instance
    /// Anything else; the engine itself allocates nothing with this tag.
    case other

    /// A short hyphenated name (`linear-memory`, `vm-stack`, ...) for reports and logs.
    public var name: String {
        switch self {
        case .linearMemory: return "linear-memory"
        case .table: return "table"
        case .vmStack: return "vm-stack"
        case .code: return "code"
        case .instance: return "instance"
        case .other: return "other"
        }
    }
}

/// Counts kept by every `Allocator`, in requested bytes.
public struct AllocatorStatistics: Equatable, Sendable {
    /// Bytes currently allocated.
    public var inUse = 0
    /// The highest `inUse` seen.
    public var peak = 0
    /// Requests that returned nil.
    public var failures = 0
    /// Successful allocations so far.
    public var allocations = 0
    /// Bytes currently allocated per tag, indexed by `AllocationTag.rawValue`.
    public var inUseByTag = [Int](repeating: 0, count: AllocationTag.allCases.count)
    /// Successful allocations so far per tag.
    public var allocationsByTag = [Int](repeating: 0, count: AllocationTag.allCases.count)
    /// All counts zero.
    public init() {}

    /// Bytes currently allocated with `tag`.
    public func inUse(_ tag: AllocationTag) -> Int { inUseByTag[tag.rawValue] }
    /// Successful allocations with `tag` so far.
    public func allocations(_ tag: AllocationTag) -> Int { allocationsByTag[tag.rawValue] }
}

/// Where the engine gets large blocks of memory. Subclass and override the `primitive` methods to
/// route allocations (e.g. by tag); the public entry points keep the statistics.
///
/// The statistics are kept under a lock (hosted builds), since one allocator serves stores on
/// many threads: every store's default is `SystemAllocator.shared`. A subclass's primitives must
/// be as thread-safe as the stores that share it (`SystemAllocator`'s are; `PoolAllocator` serves
/// one thread). Its blocks must stay valid until deallocated.
open class Allocator {
#if hasFeature(Embedded)
    // (Firmware runs one thread.)
    /// The counts so far.
    public private(set) var statistics = AllocatorStatistics()
    @inline(__always) final func updateStatistics(_ change: (inout AllocatorStatistics) -> Void) { change(&statistics) }
#else
    private let lockedStatistics = Mutex(AllocatorStatistics())
    /// The counts so far (a copy, taken under the lock).
    public var statistics: AllocatorStatistics { lockedStatistics.withLock { $0 } }
    final func updateStatistics(_ change: (inout AllocatorStatistics) -> Void) { lockedStatistics.withLock { change(&$0) } }
#endif

    /// Zeroed statistics; a subclass's initializer calls it.
    public init() {}

    /// Allocates `byteCount` bytes aligned to `alignment` (a power of two), or returns nil.
    open func primitiveAllocate(byteCount: Int, alignment: Int, tag: AllocationTag) -> UnsafeMutableRawPointer? {
        nil
    }

    /// Frees a block `primitiveAllocate` returned, with the same size, alignment and tag.
    open func primitiveDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int, tag: AllocationTag) {}

    /// Like `primitiveAllocate`, with the bytes zeroed. The default zeroes after allocating;
    /// override when zeroed memory is cheaper to get (calloc, fresh pages).
    open func primitiveAllocateZeroed(byteCount: Int, alignment: Int, tag: AllocationTag) -> UnsafeMutableRawPointer? {
        guard let p = primitiveAllocate(byteCount: byteCount, alignment: alignment, tag: tag) else { return nil }
        p.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        return p
    }

    /// Changes a block's size without moving it, if possible. The default never can.
    open func primitiveResizeInPlace(_ pointer: UnsafeMutableRawPointer, from oldByteCount: Int, to newByteCount: Int,
                                     tag: AllocationTag) -> Bool {
        false
    }

    #if !hasFeature(Embedded)
    /// Changes a block's size by moving it without copying its bytes through the processor, where
    /// the allocator can (`SystemAllocator` on Linux: mremap of a page-mapped block, so pages the
    /// program never touched stay untouched). Bytes past the old size must read as zero. Returns
    /// nil when it cannot (the default), leaving the block as it was; `reallocate` then
    /// allocates, copies and frees.
    open func primitiveRemap(_ pointer: UnsafeMutableRawPointer, from oldByteCount: Int, to newByteCount: Int,
                             alignment: Int, tag: AllocationTag) -> UnsafeMutableRawPointer? {
        nil
    }
    #endif

    /// Allocates and counts. Returns nil (counted in `failures`) when out of memory.
    public final func allocate(byteCount: Int, alignment: Int = 16, tag: AllocationTag, zeroed: Bool = false) -> UnsafeMutableRawPointer? {
        let n = max(byteCount, 1)
        let p = zeroed ? primitiveAllocateZeroed(byteCount: n, alignment: alignment, tag: tag)
                       : primitiveAllocate(byteCount: n, alignment: alignment, tag: tag)
        guard let p = p else {
            updateStatistics { $0.failures += 1 }
            return nil
        }
        updateStatistics { s in
            s.count(n, tag)
            s.allocations += 1
            s.allocationsByTag[tag.rawValue] += 1
        }
        return p
    }

    /// Frees a block from `allocate` (same size, alignment and tag).
    public final func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int = 16, tag: AllocationTag) {
        let n = max(byteCount, 1)
        primitiveDeallocate(pointer, byteCount: n, alignment: alignment, tag: tag)
        updateStatistics { $0.count(-n, tag) }
    }

    /// Resizes a block: in place when the allocator can, else allocate, copy the first
    /// `preserving` bytes (default `min(old, new)`) and free the old block. Bytes beyond the old
    /// size are zeroed. Returns nil (the old block untouched) when out of memory.
    ///
    /// `preserving` lets a caller that keeps spare capacity (a linear memory, a table) copy only
    /// the part in use; bytes of the old block between `preserving` and its end must then be zero,
    /// since a block resized in place keeps them.
    ///
    /// - Complexity: in place: zeroing `new - old` bytes; remapped: a system call, no copy;
    ///   moved: a zeroed allocation of `new` bytes (fresh pages for large blocks) and a copy of
    ///   `preserving` bytes.
    public final func reallocate(_ pointer: UnsafeMutableRawPointer, from oldByteCount: Int, to newByteCount: Int,
                                 preserving: Int = .max,
                                 alignment: Int = 16, tag: AllocationTag) -> UnsafeMutableRawPointer? {
        let old = max(oldByteCount, 1), new = max(newByteCount, 1)
        if primitiveResizeInPlace(pointer, from: old, to: new, tag: tag) {
            updateStatistics { $0.count(new - old, tag) }
            if newByteCount > oldByteCount {
                (pointer + oldByteCount).initializeMemory(as: UInt8.self, repeating: 0, count: newByteCount - oldByteCount)
            }
            return pointer
        }
        #if !hasFeature(Embedded)
        // (Bare metal has no virtual memory to remap: the call is left out of its flash budget.)
        if let moved = primitiveRemap(pointer, from: old, to: new, alignment: alignment, tag: tag) {
            updateStatistics { $0.count(new - old, tag) }
            return moved
        }
        #endif
        guard let fresh = allocate(byteCount: new, alignment: alignment, tag: tag, zeroed: true) else { return nil }
        fresh.copyMemory(from: pointer, byteCount: min(min(preserving, oldByteCount), newByteCount))
        deallocate(pointer, byteCount: old, alignment: alignment, tag: tag)
        return fresh
    }

    /// Typed convenience: `count` zeroed-or-not elements of `T`.
    final func allocate<T>(_ type: T.Type, count: Int, tag: AllocationTag) -> UnsafeMutablePointer<T>? {
        allocate(byteCount: count * MemoryLayout<T>.stride, alignment: max(MemoryLayout<T>.alignment, 16), tag: tag)?
            .bindMemory(to: T.self, capacity: count)
    }

    final func deallocate<T>(_ pointer: UnsafeMutablePointer<T>, count: Int, tag: AllocationTag) {
        deallocate(UnsafeMutableRawPointer(pointer), byteCount: count * MemoryLayout<T>.stride,
                   alignment: max(MemoryLayout<T>.alignment, 16), tag: tag)
    }

}

extension AllocatorStatistics {
    mutating func count(_ delta: Int, _ tag: AllocationTag) {
        inUse += delta
        inUseByTag[tag.rawValue] += delta
        if inUse > peak { peak = inUse }
    }
}

/// The platform's allocator: posix_memalign / calloc / free where there is a C library (Swift's
/// allocator otherwise), and, on Linux and macOS, whole pages from the kernel for linear memories
/// of `pageMappedThreshold` bytes or more, which on Linux grow by remapping instead of copying.
/// Out of memory is nil where the system reports it; Linux usually overcommits, so set
/// `ResourceLimits` to bound what a guest can take.
///
/// Sendable (checked by hand, as its superclass `Allocator` is open and so cannot be): it has no
/// stored properties of its own, the statistics it inherits are kept under `Allocator`'s Mutex in
/// hosted builds (firmware runs one thread), and its primitives call the C library and the kernel,
/// which are thread-safe. That is what lets `shared` be every store's default on any thread.
public final class SystemAllocator: Allocator, @unchecked Sendable {
    /// One shared instance: the default of every store.
    public static let shared = SystemAllocator()

    /// Linear-memory blocks (tag `.linearMemory`) at least this large, with an alignment no
    /// larger than a page, are mapped pages of their own: zero and uncommitted until touched,
    /// and, on Linux, resized by mremap. Everything else comes from the C heap: with the VM
    /// stack page-mapped as well, the harness's sieve took 1.18 of WasmKit's time instead of
    /// 0.90 (the stack's slots and the memory's bytes then share their page offsets). The choice
    /// depends on the tag and size alone, so a block's size at deallocation tells which it was.
    public static let pageMappedThreshold = 256 * 1024

    /// An allocator with statistics of its own, apart from `shared`'s.
    public override init() {}

    #if canImport(Glibc) || canImport(Darwin)
    private static let pageSize = HostOS.pageSize

    private static func isPageMapped(_ byteCount: Int, _ alignment: Int, _ tag: AllocationTag) -> Bool {
        tag == .linearMemory && byteCount >= pageMappedThreshold && alignment <= pageSize
    }

    private static func pageRounded(_ byteCount: Int) -> Int {
        (byteCount + pageSize - 1) & ~(pageSize - 1)
    }
    #endif

    /// posix_memalign (Swift's allocator without a C library), or mapped pages of their own for a
    /// large linear memory (`pageMappedThreshold`).
    public override func primitiveAllocate(byteCount: Int, alignment: Int, tag: AllocationTag) -> UnsafeMutableRawPointer? {
        #if canImport(Glibc) || canImport(Darwin)
        if SystemAllocator.isPageMapped(byteCount, alignment, tag) { return HostOS.mapPages(SystemAllocator.pageRounded(byteCount)) }
        return HostOS.allocate(byteCount: byteCount, alignment: alignment)
        #else
        return UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: alignment)
        #endif
    }

    /// Mapped pages (zero until touched) for a large linear memory, calloc for other blocks
    /// aligned to at most 16 bytes; otherwise allocates and zeroes.
    public override func primitiveAllocateZeroed(byteCount: Int, alignment: Int, tag: AllocationTag) -> UnsafeMutableRawPointer? {
        #if canImport(Glibc) || canImport(Darwin)
        if SystemAllocator.isPageMapped(byteCount, alignment, tag) { return HostOS.mapPages(SystemAllocator.pageRounded(byteCount)) }
        if alignment <= 16 { return HostOS.allocateZeroed(byteCount: byteCount) }
        #endif
        guard let p = primitiveAllocate(byteCount: byteCount, alignment: alignment, tag: tag) else { return nil }
        p.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        return p
    }

    #if !hasFeature(Embedded)
    /// For a page-mapped block whose new size is page-mapped too: the same block when its page
    /// count does not change, else mremap on Linux (nil on macOS). Nil for any other block.
    public override func primitiveRemap(_ pointer: UnsafeMutableRawPointer, from oldByteCount: Int, to newByteCount: Int,
                                        alignment: Int, tag: AllocationTag) -> UnsafeMutableRawPointer? {
        #if canImport(Glibc) || canImport(Darwin)
        guard SystemAllocator.isPageMapped(oldByteCount, alignment, tag), SystemAllocator.isPageMapped(newByteCount, alignment, tag) else {
            return nil
        }
        let old = SystemAllocator.pageRounded(oldByteCount), new = SystemAllocator.pageRounded(newByteCount)
        if old == new { return pointer }
        return HostOS.remapPages(pointer, from: old, to: new)
        #else
        return nil
        #endif
    }
    #endif

    /// Unmaps a page-mapped block (told apart by its tag and size), frees any other.
    public override func primitiveDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int, tag: AllocationTag) {
        #if canImport(Glibc) || canImport(Darwin)
        if SystemAllocator.isPageMapped(byteCount, alignment, tag) {
            HostOS.unmapPages(pointer, SystemAllocator.pageRounded(byteCount))
        } else {
            HostOS.free(pointer)
        }
        #else
        pointer.deallocate()
        #endif
    }
}

/// A TLSF pool over one buffer (see `PoolHeap`): a fixed budget for everything the stores using it
/// allocate. Running out is an error the engine reports (instantiation fails with
/// `WispError.resource`, `memory.grow` returns -1, a VM stack or code allocation traps), never a crash.
public final class PoolAllocator: Allocator {
    /// The pool served from: its counters include block headers and rounding (`statistics` counts
    /// requested bytes), and `PoolHeap.freeSpace()` shows fragmentation.
    public let heap: PoolHeap
    private let ownedBuffer: UnsafeMutableRawBufferPointer?

    /// A pool in a buffer the caller owns and keeps alive (and unused otherwise) while the pool lives.
    /// Returns nil when the buffer is smaller than `PoolHeap.minimumBufferSize`.
    public init?(buffer: UnsafeMutableRawBufferPointer) {
        guard let h = PoolHeap(buffer: buffer) else { return nil }
        heap = h
        ownedBuffer = nil
    }

    /// A pool in a buffer of `capacity` bytes it allocates once from the system and frees on deinit.
    public init?(capacity: Int) {
        guard capacity >= PoolHeap.minimumBufferSize else { return nil }
        let b = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        guard let h = PoolHeap(buffer: b) else {
            b.deallocate()
            return nil
        }
        heap = h
        ownedBuffer = b
    }

    deinit { ownedBuffer?.deallocate() }

    /// A block from the pool (`PoolHeap.allocate`); nil when no free block fits.
    public override func primitiveAllocate(byteCount: Int, alignment: Int, tag: AllocationTag) -> UnsafeMutableRawPointer? {
        heap.allocate(size: byteCount, alignment: alignment)
    }

    /// Returns the block to the pool, merged with free neighbours. O(1).
    public override func primitiveDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int, tag: AllocationTag) {
        heap.free(pointer)
    }

    /// Resizes the block within the pool when the free space right after it allows. O(1).
    public override func primitiveResizeInPlace(_ pointer: UnsafeMutableRawPointer, from oldByteCount: Int, to newByteCount: Int,
                                                tag: AllocationTag) -> Bool {
        heap.resizeInPlace(pointer, to: newByteCount)
    }
}

/// Sends each tag to its own allocator (the rest to `fallback`). The routed allocators keep their
/// own statistics as well.
public final class RoutingAllocator: Allocator {
    private var routes: [Allocator?]
    /// Serves every tag without a route of its own.
    public let fallback: Allocator

    /// Routes each listed tag to its allocator (the last route given for a tag wins) and the other
    /// tags to `fallback`.
    public init(fallback: Allocator = SystemAllocator.shared, routes: [(AllocationTag, Allocator)] = []) {
        self.fallback = fallback
        self.routes = [Allocator?](repeating: nil, count: AllocationTag.allCases.count)
        super.init()
        for (t, a) in routes { self.routes[t.rawValue] = a }
    }

    private func target(_ tag: AllocationTag) -> Allocator { routes[tag.rawValue] ?? fallback }

    /// From the tag's allocator, through its `allocate`, so its statistics count the block too.
    public override func primitiveAllocate(byteCount: Int, alignment: Int, tag: AllocationTag) -> UnsafeMutableRawPointer? {
        target(tag).allocate(byteCount: byteCount, alignment: alignment, tag: tag)
    }
    /// Zeroed, from the tag's allocator, through its `allocate`.
    public override func primitiveAllocateZeroed(byteCount: Int, alignment: Int, tag: AllocationTag) -> UnsafeMutableRawPointer? {
        target(tag).allocate(byteCount: byteCount, alignment: alignment, tag: tag, zeroed: true)
    }
    /// Back to the tag's allocator, through its `deallocate`.
    public override func primitiveDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int, tag: AllocationTag) {
        target(tag).deallocate(pointer, byteCount: byteCount, alignment: alignment, tag: tag)
    }
}
