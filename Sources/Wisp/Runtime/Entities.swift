// Entities own the records the interpreter reads (see Records.swift) and tie them to the store.

final class HostFunctionBox {
    /// An untyped body (`Function(store:type:body:)`), called with `[Value]`.
    let body: HostFunctionBody
#if !hasFeature(Embedded)
    /// A typed body (`Function(store:_:)`), called instead of `body`: parameters in the frame's
    /// slots, results written there, no `[Value]`. (Not in Embedded builds: the branch and the
    /// closures did not fit the minimal engine's 150,000 bytes.)
    let raw: RawHostFunctionBody?
#endif
    init(_ body: @escaping HostFunctionBody) {
        self.body = body
#if !hasFeature(Embedded)
        raw = nil
#endif
    }
#if !hasFeature(Embedded)
    init(raw: @escaping RawHostFunctionBody) {
        body = { _, _ in [] }  // (never called: `raw` is)
        self.raw = raw
    }
#endif
}

/// A host function's body working on its frame: parameters at the pointer, results written there.
typealias RawHostFunctionBody = (Caller, UnsafeMutablePointer<UInt64>) throws(Trap) -> Void

final class FunctionEntity {
    let record: UnsafeMutablePointer<FunctionRecord>
    let type: FuncType
    unowned(unsafe) let store: Store
    /// The defining instance (nil for host functions). Unowned: the store owns instances.
    unowned(unsafe) var instance: InstanceEntity?
    /// Index among the module's *defined* functions (wasm functions only).
    let definedIndex: Int
    let host: HostFunctionBox?

    convenience init(store: Store, type: FuncType, instance: InstanceEntity?, functionIndex: UInt32, definedIndex: Int, host: HostFunctionBox?) {
        self.init(store: store, type: type, typeID: store.typeID(type), instance: instance, functionIndex: functionIndex,
                  definedIndex: definedIndex, host: host)
    }

    /// `typeID`: `store.typeID(type)`, which instantiation looks up once per module type, not once
    /// per function (a big module has 100 times more functions than types).
    init(store: Store, type: FuncType, typeID: Int, instance: InstanceEntity?, functionIndex: UInt32, definedIndex: Int,
         host: HostFunctionBox?) {
        self.store = store
        self.type = type
        self.instance = instance
        self.definedIndex = definedIndex
        self.host = host
        record = .allocate(capacity: 1)
        let p = slotCount(type.parameters), r = slotCount(type.results)
        record.initialize(to: FunctionRecord(
            code: nil, _frameSlots: Int32(max(p, r)), _paramSlots: Int32(p), _resultSlots: Int32(r), _localSlots: 0,
            _typeID: Int32(typeID), functionIndex: functionIndex, isHost: host != nil,
            entity: Unmanaged.passUnretained(self), memory0: nil))
    }
    /// Where the translated code came from when `installCode` allocated it (else the Swift heap).
    var codeAllocation: (allocator: Allocator, count: Int)? = nil

    deinit {
        if let code = record.pointee.code {
            if let (a, n) = codeAllocation { a.deallocate(code, count: n, tag: .code) } else { code.deallocate() }
        }
        record.deallocate()
    }
}

/// Slots a sequence of values takes on the VM stack: v128 takes two 8-byte slots, everything else one.
@inline(__always) func slotCount(_ types: [ValueType]) -> Int {
    var n = 0
    for t in types { n += t == .v128 ? 2 : 1 }
    return n
}

// MemoryEntity lives in Memory/MemoryEntity.swift.

final class TableEntity {
    let record: UnsafeMutablePointer<TableRecord>
    let type: TableType
    let account: ResourceAccount
#if !hasFeature(Embedded)
    /// The identity of its store's account (`account` itself, unless the table was made outside
    /// the store's accounting); compared, never followed, so it retains nothing. (Firmware
    /// checks no store identity: see `Store.owns`.)
    var owner: ObjectIdentifier
#endif

    /// Tables above this many elements are refused rather than attempted: a hostile guest could ask for 2^32.
    static let hardMaxElements = 10_000_000

    /// The type's maximum as the resource limiter sees it (a table64's, capped at 2^32-1).
    @inline(__always) static func maximum(_ type: TableType) -> Int? {
#if WISP_NO_MEMORY64
        return type.limits.max.map { Int($0) }
#else
        return type.limits.max.map { Int(min($0, UInt64(UInt32.max))) }
#endif
    }

    /// Creates a table of `type.limits.min` elements set to `initial`.
    /// - Throws: `WispError.resource` when a limit refuses it or the allocator is out of memory.
    init(type: TableType, initial: UInt64, account: ResourceAccount) throws(WispError) {
        self.type = type
        self.account = account
#if !hasFeature(Embedded)
        self.owner = ObjectIdentifier(account)
#endif
#if WISP_NO_MEMORY64
        // (Limits are 32-bit: they fit an Int.)
        let n = Int(type.limits.min)
        guard n <= TableEntity.hardMaxElements else {
            throw WispError.resource("table of " + String(n) + " elements is too large")
        }
#else
        guard type.limits.min <= UInt64(TableEntity.hardMaxElements) else {
            throw WispError.resource("table of " + String(type.limits.min) + " elements is too large")
        }
        let n = Int(type.limits.min)
#endif
        if let why = account.check(.table, current: 0, desired: n, maximum: TableEntity.maximum(type), unitBytes: 8) {
            throw WispError.resource(why)
        }
        let cap = max(n, 1)
        guard let rec = account.allocator.allocate(TableRecord.self, count: 1, tag: .instance) else {
            throw WispError.resource("out of memory for a table record")
        }
        guard let elements = account.allocator.allocate(UInt64.self, count: cap, tag: .table) else {
            account.allocator.deallocate(rec, count: 1, tag: .instance)
            throw WispError.resource("out of memory for a table of " + String(n) + " elements")
        }
        elements.initialize(repeating: initial, count: cap)
        record = rec
        let maxCount = Int(min(type.limits.max ?? UInt64(UInt32.max), UInt64(UInt32.max)))
        record.initialize(to: TableRecord(elements: elements, count: n, capacity: cap, maxCount: maxCount))
        account.totalBytes += n * 8
    }
    deinit {
        account.totalBytes -= record.pointee.count * 8
        account.allocator.deallocate(record.pointee.elements, count: record.pointee.capacity, tag: .table)
        account.allocator.deallocate(record, count: 1, tag: .instance)
    }

    /// Grows by `delta` elements set to `initial`; returns the old size or -1 (the table unchanged)
    /// when the maximum, a limit or the limiter refuses, or the allocator is out of memory.
    /// - Complexity: amortised O(delta): storage doubles when it must move.
    func grow(by delta: Int, initial: UInt64) -> Int {
        let r = record
        let old = r.pointee.count
        guard delta >= 0, delta <= r.pointee.maxCount - old else { return -1 }
        let n = old + delta
        if n > TableEntity.hardMaxElements { return -1 }
        if delta > 0, account.check(.table, current: old, desired: n, maximum: TableEntity.maximum(type), unitBytes: 8) != nil {
            return -1
        }
        if n > r.pointee.capacity {
            // Double when possible; fall back to the exact size when the allocator cannot.
            let allocator = account.allocator
            let oldCap = r.pointee.capacity
            var cap = min(max(n, oldCap * 2), max(n, r.pointee.maxCount))
            var fresh = allocator.reallocate(UnsafeMutableRawPointer(r.pointee.elements), from: oldCap * 8, to: cap * 8,
                                             alignment: 16, tag: .table)
            if fresh == nil && cap > n {
                cap = n
                fresh = allocator.reallocate(UnsafeMutableRawPointer(r.pointee.elements), from: oldCap * 8, to: cap * 8,
                                             alignment: 16, tag: .table)
            }
            guard let f = fresh else { return -1 }
            r.pointee.elements = f.bindMemory(to: UInt64.self, capacity: cap)
            r.pointee.capacity = cap
        }
        (r.pointee.elements + old).initialize(repeating: initial, count: delta)
        r.pointee.count = n
        account.totalBytes += delta * 8
        return old
    }
}

final class GlobalEntity {
    /// Two slots, so a v128 fits; scalars use the first.
    let storage: UnsafeMutablePointer<UInt64>
    let type: GlobalType
#if !hasFeature(Embedded)
    /// The identity of its store's account (see `Store.owns`); compared, never followed.
    let owner: ObjectIdentifier
#endif
    init(type: GlobalType, owner: ResourceAccount) {
        self.type = type
#if !hasFeature(Embedded)
        self.owner = ObjectIdentifier(owner)
#endif
        storage = .allocate(capacity: 2)
        storage.initialize(repeating: 0, count: 2)
    }
    deinit { storage.deallocate() }
}
