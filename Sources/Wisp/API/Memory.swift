/// A linear memory.
public struct Memory: Hashable {
    let entity: MemoryEntity
    /// Keeps the store alive as long as the handle: what the entity holds (function references
    /// in a table or global) belongs to the store, so a handle may not outlive it.
    let owner: Store
    init(_ entity: MemoryEntity, owner: Store) {
        self.entity = entity
        self.owner = owner
    }

    /// Handles are equal when they name the same memory (not when their contents are equal).
    public static func == (a: Memory, b: Memory) -> Bool { a.entity === b.entity }
    /// Hashes the memory's identity, as `==` compares it.
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(entity)) }

    /// Creates a host memory of `type.limits.min` zeroed pages, in the backend the store's (or
    /// engine's) memory backend provider chooses (origin `.host`, index 0).
    ///
    /// - Throws: `WispError.resource` if a limit refuses it or it cannot be allocated.
    /// - Complexity: zeroing the initial pages (heap: calloc, which the system may do lazily).
    public init(store: Store, type: MemoryType) throws(WispError) {
        let request = MemoryRequest(type: type, index: 0, origin: .host, moduleName: nil,
                                    maxPages: MemoryEntity.maxPages(type, store.account.limits))
        try self.init(store: store, type: type, backend: store.memoryBackend(for: request))
    }

    /// Creates a host memory of `type.limits.min` zeroed pages in the given backend, e.g. a
    /// static buffer the embedder owns.
    ///
    /// - Throws: `WispError.resource` if a limit refuses it, the buffer is too small or already
    ///   holds a memory of this store, or the allocation or reservation fails.
    public init(store: Store, type: MemoryType, backend: MemoryBackendChoice) throws(WispError) {
        let e = try MemoryEntity(type: type, backend: backend, account: store.account)
        store.memoryEntities.append(e)
        entity = e
        owner = store
    }

    /// The type the memory was created with; its minimum stays the initial size as the memory grows
    /// (see `pageCount`).
    public var type: MemoryType { entity.type }
    /// The current size in 64 KiB pages.
    public var pageCount: Int { entity.record.pointee.pageCount }
    /// The current size in bytes.
    public var byteCount: Int { entity.record.pointee.byteCount }

    /// The most pages the memory can reach: its type's maximum, capped by its backend (a static
    /// buffer's capacity). Store limits and the limiter may refuse earlier.
    public var maximumPageCount: Int { entity.record.pointee.maxPages }

    /// Bytes the memory's backend holds beyond `byteCount` so later grows need not move it: the
    /// heap backend's spare capacity (allocated from the store's allocator and counted in its
    /// statistics, but not the guest's: neither `Store.totalBytes` nor the limits count it).
    /// 0 for static buffers and reservations. Cost: reading two fields.
    public var spareByteCount: Int { entity.spareBytes }

    /// Whether growing may move the bytes (heap backend); static and reserved memories never move.
    public var canMove: Bool { entity.canMove }

    /// Grows the memory by `pages`; returns the previous page count, or nil if it cannot grow (the
    /// maximum, the backend's capacity, a limit, the limiter, or the allocator refused).
    /// - Complexity: amortized O(`pages`) with every backend (the heap backend keeps spare
    ///   capacity and at least doubles it when it must move; see docs/memory.md).
    /// Growing may move the memory: do not keep pointers from `withUnsafeMutableBytes` across it.
    /// A host function may grow its caller's memory: the interpreter reloads the memory's address
    /// when the host function returns.
    public func grow(by pages: Int) -> Int? {
        let r = entity.grow(by: pages)
        return r < 0 ? nil : r
    }

    /// Runs `body` with the memory's bytes. The buffer is valid only during the call.
    public func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws(Trap) -> R) throws(Trap) -> R {
        let r = entity.record.pointee
        return try body(UnsafeMutableRawBufferPointer(start: r.base, count: r.byteCount))
    }

    /// Copies `count` bytes starting at `offset`.
    /// - Throws: `Trap(.memoryOutOfBounds)` if the range is outside the memory.
    public func read(at offset: Int, count: Int) throws(Trap) -> [UInt8] {
        let r = entity.record.pointee
        guard offset >= 0, count >= 0, offset <= r.byteCount, count <= r.byteCount - offset else { throw Trap(.memoryOutOfBounds) }
        return [UInt8](UnsafeRawBufferPointer(start: r.base + offset, count: count))
    }

    /// Writes `bytes` starting at `offset`.
    /// - Throws: `Trap(.memoryOutOfBounds)` if the range is outside the memory.
    public func write(_ bytes: [UInt8], at offset: Int) throws(Trap) {
        let r = entity.record.pointee
        guard offset >= 0, offset <= r.byteCount, bytes.count <= r.byteCount - offset else { throw Trap(.memoryOutOfBounds) }
        bytes.withUnsafeBytes { (r.base + offset).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    }
}
