// A linear memory: its record (what the interpreter reads), its backend, and its accounting.

final class MemoryEntity {
    enum Storage {
        /// From the account's allocator; `capacity` is the block's size (at least 16, so the base
        /// is never null even for an empty memory). The bytes past the memory's size are zero, so
        /// growing within the capacity touches nothing.
        case heap(capacity: Int)
        /// In a caller-owned buffer of `capacity` bytes.
        case staticBuffer(capacity: Int)
        /// In an address-space reservation of `reservedBytes`.
        case reserved(reservedBytes: Int)
    }

    let record: UnsafeMutablePointer<MemoryRecord>
    let type: MemoryType
    private(set) var storage: Storage
    let account: ResourceAccount

    /// log2 of `type`'s page size (always 16 in a build without custom page sizes, whose decoder
    /// accepts no other).
    @inline(__always) static func pageShift(_ type: MemoryType) -> Int {
#if WISP_NO_CUSTOM_PAGE_SIZES
        return 16
#else
        return Int(type.pageSizeLog2)
#endif
    }

    @inline(__always) static func pageShift(_ r: UnsafeMutablePointer<MemoryRecord>) -> Int {
#if WISP_NO_CUSTOM_PAGE_SIZES
        return 16
#else
        return r.pointee.pageShift
#endif
    }

    /// The most bytes the engine gives one memory: 4 GiB for a 32-bit memory (all it can
    /// address), 16 GiB for a memory64 (the engine's cap; a `memory.grow` past it returns -1).
    static func engineMaxBytes(_ type: MemoryType) -> UInt64 {
#if WISP_NO_MEMORY64
        return 1 << 32
#else
        return type.is64 && Int.bitWidth == 64 ? 1 << 34 : 1 << 32
#endif
    }

    /// The maximum pages of `type`, capped by the engine and the store's limits (`maxMemoryPages`
    /// counts 64 KiB pages): what a backend must make room for.
    static func maxPages(_ type: MemoryType, _ limits: ResourceLimits) -> Int {
#if WISP_NO_MEMORY64 && WISP_NO_CUSTOM_PAGE_SIZES
        var m = Int(min(type.limits.max ?? MemoryType.maxPages, MemoryType.maxPages))
        if let l = limits.maxMemoryPages { m = min(m, max(l, 0)) }
        return m
#else
        let shift = pageShift(type)
        var m = min(type.limits.max ?? UInt64.max, engineMaxBytes(type) >> UInt64(shift))
        if shift == 0 && !type.is64 { m = min(m, UInt64(UInt32.max)) }
        if let l = limits.maxMemoryPages { m = min(m, UInt64(max(l, 0)) << UInt64(16 - shift)) }
        // Within what the host's address space can hold (32-bit hosts).
        return Int(min(m, UInt64(Int.max) >> UInt64(shift)))
#endif
    }

    /// Creates a memory of `type.limits.min` zeroed pages in the chosen backend.
    ///
    /// - Throws: `WispError.resource` when a limit refuses it, the allocator is out of memory, the
    ///   static buffer is too small or already in use, or the reservation fails.
    init(type: MemoryType, backend: MemoryBackendChoice, account: ResourceAccount) throws(WispError) {
        self.type = type
        self.account = account
        let shift = MemoryEntity.pageShift(type)
        var maxPages = MemoryEntity.maxPages(type, account.limits)
#if !WISP_NO_MEMORY64 || !WISP_NO_CUSTOM_PAGE_SIZES
        // (A 32-bit memory of 64 KiB pages has at most 65,536, which always fit an Int and
        // which `account.check` compares with the store's limit.)
        guard type.limits.min <= UInt64(maxPages) else {
            throw WispError.resource("memory of " + String(type.limits.min) + " pages exceeds the engine's or the store's limit of " + String(maxPages) + " pages")
        }
#endif
        let pages = Int(type.limits.min)
        let typeMax = type.limits.max.map { Int(min($0, UInt64(Int.max))) }
        if let why = account.check(.memory, current: 0, desired: pages, maximum: typeMax, unitBytes: 1 << shift) {
            throw WispError.resource(why)
        }
        let bytes = pages << shift
        guard let rec = account.allocator.allocate(MemoryRecord.self, count: 1, tag: .instance) else {
            throw WispError.resource("out of memory for a memory record")
        }
        let base: UnsafeMutableRawPointer
        switch backend {
        case .heap:
            guard let p = account.allocator.allocate(byteCount: max(bytes, 16), tag: .linearMemory, zeroed: true) else {
                account.allocator.deallocate(rec, count: 1, tag: .instance)
                throw WispError.resource("out of memory for " + String(bytes) + " bytes of linear memory")
            }
            base = p
            storage = .heap(capacity: max(bytes, 16))
        case .staticBuffer(let buffer):
            guard let p = buffer.baseAddress, bytes <= buffer.count else {
                account.allocator.deallocate(rec, count: 1, tag: .instance)
                throw WispError.resource("static buffer of " + String(buffer.count) + " bytes cannot hold " + String(pages) + " pages")
            }
            let address = UInt(bitPattern: p)
            guard !account.staticBuffers.contains(address) else {
                account.allocator.deallocate(rec, count: 1, tag: .instance)
                throw WispError.resource("static buffer already holds another memory")
            }
            account.staticBuffers.append(address)
            p.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
            base = p
            maxPages = min(maxPages, buffer.count >> shift)
            storage = .staticBuffer(capacity: buffer.count)
        case .reserved:
            #if canImport(Glibc) || canImport(Darwin)
            guard Int.bitWidth == 64 else {
                account.allocator.deallocate(rec, count: 1, tag: .instance)
                throw WispError.resource("reserved memories need a 64-bit host")
            }
            let reservation = maxPages << shift + MemoryBackendChoice.reservedGuardBytes
            guard let p = reserveAddressSpace(reservation) else {
                account.allocator.deallocate(rec, count: 1, tag: .instance)
                throw WispError.resource("cannot reserve " + String(reservation) + " bytes of address space")
            }
            guard commitAddressSpace(p, bytes) else {
                releaseAddressSpace(p, reservation)
                account.allocator.deallocate(rec, count: 1, tag: .instance)
                throw WispError.resource("cannot commit " + String(bytes) + " bytes of linear memory")
            }
            base = p
            storage = .reserved(reservedBytes: reservation)
            #else
            account.allocator.deallocate(rec, count: 1, tag: .instance)
            throw WispError.resource("reserved memories are not available on this platform")
            #endif
        }
        record = rec
        record.initialize(to: MemoryRecord(base: base, byteCount: bytes, pageCount: pages, maxPages: maxPages, pageShift: shift))
        account.totalBytes += bytes
    }

    deinit {
        let r = record.pointee
        switch storage {
        case .heap(let n):
            account.allocator.deallocate(r.base, byteCount: n, tag: .linearMemory)
        case .staticBuffer:
            let address = UInt(bitPattern: r.base)
            if let i = account.staticBuffers.firstIndex(of: address) { account.staticBuffers.remove(at: i) }
        case .reserved(let n):
            #if canImport(Glibc) || canImport(Darwin)
            releaseAddressSpace(r.base, n)
            #else
            _ = n
            #endif
        }
        account.totalBytes -= r.byteCount
        account.allocator.deallocate(record, count: 1, tag: .instance)
    }

    /// Whether growing can move the bytes (only the heap backend reallocates).
    var canMove: Bool {
        if case .heap = storage { return true }
        return false
    }

    #if !hasFeature(Embedded)
    /// Bytes the engine copied, zeroed, allocated or committed for this memory's growth since it
    /// was created: the work `grow` did, which tests hold to O(pages added). (Not in Embedded
    /// builds, whose flash budget the tests do not need.)
    private(set) var growthWorkBytes = 0
    #endif

    /// Bytes the backend holds for this memory beyond its current size: heap capacity kept for
    /// later grows (allocated, not yet the guest's). 0 for static buffers and reservations, whose
    /// spare room is the caller's buffer or uncommitted address space.
    var spareBytes: Int {
        if case .heap(let capacity) = storage { return max(capacity - record.pointee.byteCount, 0) }
        return 0
    }

    /// Grows by `delta` pages; returns the old page count or -1 (the value `memory.grow` returns).
    /// -1 when the type's maximum, the backend's capacity, a limit or the limiter refuses, or the
    /// allocator is out of memory; the memory is then unchanged.
    /// - Complexity: amortized O(delta) with every backend. Heap: nothing within the capacity;
    ///   past it, the capacity at least doubles (within the maximum and the store's byte limit),
    ///   in place when the allocator can extend the block, else by a zeroed allocation and a copy
    ///   of the bytes in use. Static: zeroing the new pages. Reserved: one mprotect (fresh pages
    ///   are zero).
    func grow(by delta: Int) -> Int {
        let r = record
        let old = r.pointee.pageCount
        if delta == 0 { return old }
        guard delta > 0, delta <= r.pointee.maxPages - old else { return -1 }
        let newPages = old + delta
        let shift = MemoryEntity.pageShift(r)
        let newBytes = newPages << shift  // maxPages keeps it within Int
        if account.check(.memory, current: old, desired: newPages, maximum: type.limits.max.map { Int(min($0, UInt64(Int.max))) }, unitBytes: 1 << shift) != nil {
            return -1
        }
        let oldBytes = r.pointee.byteCount
        switch storage {
        case .heap(let capacity):
            if newBytes > capacity {
                guard let (base, newCapacity) = growHeapBlock(capacity: capacity, inUse: oldBytes, needed: newBytes) else {
                    return -1
                }
                r.pointee.base = base
                storage = .heap(capacity: newCapacity)
            }
        case .staticBuffer:
            (r.pointee.base + oldBytes).initializeMemory(as: UInt8.self, repeating: 0, count: newBytes - oldBytes)
            #if !hasFeature(Embedded)
            growthWorkBytes += newBytes - oldBytes
            #endif
        case .reserved:
            #if canImport(Glibc) || canImport(Darwin)
            guard commitAddressSpace(r.pointee.base + oldBytes, newBytes - oldBytes) else { return -1 }
            #if !hasFeature(Embedded)
            growthWorkBytes += newBytes - oldBytes
            #endif
            #else
            return -1
            #endif
        }
        r.pointee.byteCount = newBytes
        r.pointee.pageCount = newPages
        account.totalBytes += newBytes - oldBytes
        return old
    }

    /// A heap block of at least `needed` bytes holding the first `inUse` bytes of the current one,
    /// zero past them, and its size; nil when the allocator cannot provide one. Asks first for
    /// twice the capacity (capped by the memory's maximum and what the store's byte limit
    /// leaves), then for exactly `needed`, so a tight pool still grows as far as it can hold.
    private func growHeapBlock(capacity: Int, inUse: Int, needed: Int) -> (UnsafeMutableRawPointer, Int)? {
        let old = record.pointee.base
        let maxPages = record.pointee.maxPages
        // Saturating: on a 32-bit target the largest memory (65,536 pages) does not fit an Int.
        let largest = maxPages > Int.max >> 16 ? Int.max : maxPages << 16
        var cap = max(needed, min(capacity > Int.max >> 1 ? Int.max : capacity << 1, largest))
        if let total = account.limits.maxTotalBytes {
            // The grow passed the limit check, so `needed - inUse` more bytes fit (and none of
            // these differences can overflow); spare capacity takes only what the limit leaves.
            cap = min(cap, needed &+ max(total &- account.totalBytes &- (needed &- inUse), 0))
        }
        while true {
            if let f = account.allocator.reallocate(old, from: capacity, to: cap, preserving: inUse, tag: .linearMemory) {
                #if !hasFeature(Embedded)
                // Moved: at most a zeroed block of `cap` and a copy of `inUse` (less when
                // remapped); in place: `cap - capacity` zeroed.
                growthWorkBytes += f == old ? cap &- capacity : cap &+ inUse
                #endif
                return (f, cap)
            }
            if cap == needed { return nil }
            cap = needed
        }
    }
}
