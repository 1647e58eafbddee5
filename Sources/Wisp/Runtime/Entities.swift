// Entities own the records the interpreter reads (see Records.swift) and tie them to the store.

final class HostFunctionBox {
    let body: HostFunctionBody
    init(_ body: @escaping HostFunctionBody) { self.body = body }
}

final class FunctionEntity {
    let record: UnsafeMutablePointer<FunctionRecord>
    let type: FuncType
    unowned(unsafe) let store: Store
    /// The defining instance (nil for host functions). Unowned: the store owns instances.
    unowned(unsafe) var instance: InstanceEntity?
    /// Index among the module's *defined* functions (wasm functions only).
    let definedIndex: Int
    let host: HostFunctionBox?
    /// Maps translated code back to wasm offsets (code index, offset in the code section), sorted.
    var pcMap: [(code: Int32, wasm: Int32)] = []

    init(store: Store, type: FuncType, instance: InstanceEntity?, functionIndex: UInt32, definedIndex: Int, host: HostFunctionBox?) {
        self.store = store
        self.type = type
        self.instance = instance
        self.definedIndex = definedIndex
        self.host = host
        record = .allocate(capacity: 1)
        let p = slotCount(type.parameters), r = slotCount(type.results)
        record.initialize(to: FunctionRecord(
            code: nil, frameSlots: max(p, r), paramSlots: p, resultSlots: r, localSlots: 0,
            typeID: store.typeID(type), functionIndex: functionIndex, isHost: host != nil,
            entity: Unmanaged.passUnretained(self), memory0: nil))
    }
    deinit {
        if let code = record.pointee.code { code.deallocate() }
        record.deallocate()
    }
}

/// Slots a sequence of values takes on the VM stack: v128 takes two 8-byte slots, everything else one.
@inline(__always) func slotCount(_ types: [ValueType]) -> Int {
    var n = 0
    for t in types { n += t == .v128 ? 2 : 1 }
    return n
}

final class MemoryEntity {
    let record: UnsafeMutablePointer<MemoryRecord>
    let type: MemoryType

    /// Creates a memory of `type.limits.min` zeroed pages.
    init(type: MemoryType) throws(WispError) {
        self.type = type
        let pages = Int(type.limits.min)
        let maxPages = Int(min(type.limits.max ?? MemoryType.maxPages, MemoryType.maxPages))
        let bytes = pages * 65536
        // Allocate at least one byte so base is never null, even for an empty memory.
        let base = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 16), alignment: 16)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: max(bytes, 16))
        record = .allocate(capacity: 1)
        record.initialize(to: MemoryRecord(base: base, byteCount: bytes, pageCount: pages, maxPages: maxPages))
    }
    deinit {
        record.pointee.base.deallocate()
        record.deallocate()
    }

    /// Grows by `delta` pages; returns the old page count or -1 (the value `memory.grow` returns).
    func grow(by delta: Int) -> Int {
        let r = record
        let old = r.pointee.pageCount
        if delta == 0 { return old }
        guard delta > 0, delta <= r.pointee.maxPages - old else { return -1 }
        let newPages = old + delta
        let newBytes = newPages * 65536
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: newBytes, alignment: 16)
        fresh.copyMemory(from: r.pointee.base, byteCount: r.pointee.byteCount)
        (fresh + r.pointee.byteCount).initializeMemory(as: UInt8.self, repeating: 0, count: newBytes - r.pointee.byteCount)
        r.pointee.base.deallocate()
        r.pointee.base = fresh
        r.pointee.byteCount = newBytes
        r.pointee.pageCount = newPages
        return old
    }
}

final class TableEntity {
    let record: UnsafeMutablePointer<TableRecord>
    let type: TableType

    init(type: TableType, initial: UInt64) {
        self.type = type
        let n = Int(type.limits.min)
        let cap = max(n, 1)
        let elements = UnsafeMutablePointer<UInt64>.allocate(capacity: cap)
        elements.initialize(repeating: initial, count: cap)
        record = .allocate(capacity: 1)
        let maxCount = Int(min(type.limits.max ?? UInt64(UInt32.max), UInt64(UInt32.max)))
        record.initialize(to: TableRecord(elements: elements, count: n, capacity: cap, maxCount: maxCount))
    }
    deinit {
        record.pointee.elements.deallocate()
        record.deallocate()
    }

    /// Grows by `delta` elements set to `initial`; returns the old size or -1.
    func grow(by delta: Int, initial: UInt64) -> Int {
        let r = record
        let old = r.pointee.count
        guard delta >= 0, delta <= r.pointee.maxCount - old else { return -1 }
        let n = old + delta
        // Tables above 10 M elements are refused rather than attempted: a hostile guest could ask for 2^32.
        if n > 10_000_000 { return -1 }
        if n > r.pointee.capacity {
            let cap = max(n, r.pointee.capacity * 2)
            let fresh = UnsafeMutablePointer<UInt64>.allocate(capacity: cap)
            fresh.moveInitialize(from: r.pointee.elements, count: old)
            r.pointee.elements.deallocate()
            r.pointee.elements = fresh
            r.pointee.capacity = cap
        }
        (r.pointee.elements + old).initialize(repeating: initial, count: delta)
        r.pointee.count = n
        return old
    }
}

final class GlobalEntity {
    /// Two slots, so a v128 fits; scalars use the first.
    let storage: UnsafeMutablePointer<UInt64>
    let type: GlobalType
    init(type: GlobalType) {
        self.type = type
        storage = .allocate(capacity: 2)
        storage.initialize(repeating: 0, count: 2)
    }
    deinit { storage.deallocate() }
}
