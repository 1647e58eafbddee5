/// A linear memory.
public struct Memory {
    let entity: MemoryEntity
    init(_ entity: MemoryEntity) { self.entity = entity }

    /// Creates a host memory of `type.limits.min` zeroed pages.
    ///
    /// - Throws: `WispError.resource` if the memory cannot be allocated.
    public init(store: Store, type: MemoryType) throws(WispError) {
        let e = try MemoryEntity(type: type)
        store.memoryEntities.append(e)
        entity = e
    }

    public var type: MemoryType { entity.type }
    /// The current size in 64 KiB pages.
    public var pageCount: Int { entity.record.pointee.pageCount }
    /// The current size in bytes.
    public var byteCount: Int { entity.record.pointee.byteCount }

    /// Grows the memory by `pages`; returns the previous page count, or nil if it cannot grow.
    /// Growing may move the memory: do not keep pointers from `withUnsafeMutableBytes` across it.
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
