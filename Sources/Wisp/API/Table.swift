/// A table of references.
public struct Table: Hashable {
    let entity: TableEntity
    /// Keeps the store alive as long as the handle: what the entity holds (function references
    /// in a table or global) belongs to the store, so a handle may not outlive it.
    let owner: Store
    init(_ entity: TableEntity, owner: Store) {
        self.entity = entity
        self.owner = owner
    }

    /// Handles are equal when they name the same table (not when their contents are equal).
    public static func == (a: Table, b: Table) -> Bool { a.entity === b.entity }
    /// Hashes the table's identity, as `==` compares it.
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(entity)) }

    /// Creates a host table of `type.limits.min` elements set to `value`, from the store's
    /// allocator and within its limits.
    ///
    /// - Throws: `WispError.resource` when a limit or the limiter refuses it, or the allocator is
    ///   out of memory; `WispError.misuse` when `value` is not of the element type or is a
    ///   reference of another store.
    public init(store: Store, type: TableType, filledWith value: Value?) throws(WispError) {
        if let value { try store.check(value, isA: type.element, for: "a table") }
        let e = try TableEntity(type: type, initial: value.map { refBits($0) } ?? 0, account: store.account)
        store.tableEntities.append(e)
        entity = e
        owner = store
    }

    /// Creates a host table of `type.limits.min` elements set to `initial`.
    ///
    /// It cannot report failure: when the store's limits or allocator refuse, the table is made
    /// with the system allocator outside the store's accounting instead, and an `initial` of the
    /// wrong type or of another store leaves the elements null. Prefer
    /// `init(store:type:filledWith:)`, which throws.
    public init(store: Store, type: TableType, initial: Value? = nil) {
        var bits: UInt64 = 0
        if let initial, (try? store.check(initial, isA: type.element, for: "a table")) != nil { bits = refBits(initial) }
        let e: TableEntity
        do {
            e = try TableEntity(type: type, initial: bits, account: store.account)
        } catch {
            let unaccounted = ResourceAccount(allocator: SystemAllocator.shared, limits: .none, limiter: nil)
            // Only a table above TableEntity.hardMaxElements fails here; it gets the minimum allowed.
            e = (try? TableEntity(type: type, initial: bits, account: unaccounted))
                ?? (try! TableEntity(type: TableType(element: type.element, limits: Limits(min: 0, max: type.limits.max), is64: type.is64),
                                     initial: bits, account: unaccounted))
#if !hasFeature(Embedded)
            e.owner = ObjectIdentifier(store.account)  // it still belongs to the store
#endif
        }
        store.tableEntities.append(e)
        entity = e
        owner = store
    }

    /// The type the table was created with; its minimum stays the initial size as the table grows
    /// (see `count`).
    public var type: TableType { entity.type }
    /// The current number of elements.
    public var count: Int { entity.record.pointee.count }

    /// The element at `index`, or nil when out of bounds.
    public func get(_ index: Int) -> Value? {
        let r = entity.record.pointee
        guard index >= 0, index < r.count else { return nil }
        return refValue(r.elements[index], type: entity.type.element)
    }

    /// Sets the element at `index`.
    /// - Throws: `WispError.misuse` when `index` is out of bounds, or `value` is not of the
    ///   element type (an externref in a funcref table would later be called) or is a reference
    ///   of another store. Cost: O(1).
    public func set(_ index: Int, _ value: Value) throws(WispError) {
        let r = entity.record.pointee
        guard index >= 0, index < r.count else {
            throw WispError.misuse("table index " + String(index) + " is out of bounds (size " + String(r.count) + ")")
        }
        try Store.check(value, isA: entity.type.element, owner: entity.owner, for: "a table")
        r.elements[index] = refBits(value)
    }

    /// Grows by `delta` elements set to `initial` (null by default); returns the previous size,
    /// or nil if it cannot grow.
    /// - Throws: `WispError.misuse` when `initial` is not of the element type or is a reference
    ///   of another store. Cost: amortized O(delta).
    public func grow(by delta: Int, initial: Value? = nil) throws(WispError) -> Int? {
        if let initial { try Store.check(initial, isA: entity.type.element, owner: entity.owner, for: "a table") }
        let r = entity.grow(by: delta, initial: initial.map { refBits($0) } ?? 0)
        return r < 0 ? nil : r
    }
}

/// The slot encoding of a reference: funcref = FunctionRecord address, externref = payload + 1, null = 0.
func refBits(_ v: Value) -> UInt64 {
    switch v {
    case .funcref(let f): return f.map { UInt64(UInt(bitPattern: $0.entity.record)) } ?? 0
    case .externref(let x): return x.map { $0 &+ 1 } ?? 0
    case .exnref(let e): return e?.bits ?? 0
    default: return 0
    }
}

@inline(never)  // (loadValue, inlined in several places, calls it)
func refValue(_ bits: UInt64, type: RefType) -> Value {
    switch type.representation.rawValue {
    case 0x6F:
        return .externref(bits == 0 ? nil : bits &- 1)
    case 0x69:
        return .exnref(bits == 0 ? nil : ExceptionReference(bits: bits))
    default:
        guard bits != 0, let p = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(bits)) else { return .funcref(nil) }
        return .funcref(Function(p.pointee.entity.takeUnretainedValue()))
    }
}
