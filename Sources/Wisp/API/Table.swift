/// A table of references.
public struct Table {
    let entity: TableEntity
    unowned(unsafe) let store: Store
    init(_ entity: TableEntity, store: Store) {
        self.entity = entity
        self.store = store
    }

    /// Creates a host table of `type.limits.min` elements set to `value`, from the store's
    /// allocator and within its limits.
    ///
    /// - Throws: `WispError.resource` when a limit or the limiter refuses it, or the allocator is
    ///   out of memory.
    public init(store: Store, type: TableType, filledWith value: Value?) throws(WispError) {
        let e = try TableEntity(type: type, initial: value.map { refBits($0) } ?? 0, account: store.account)
        store.tableEntities.append(e)
        entity = e
        self.store = store
    }

    /// Creates a host table of `type.limits.min` elements set to `initial`.
    ///
    /// It cannot report failure: when the store's limits or allocator refuse, the table is made
    /// with the system allocator outside the store's accounting instead. Prefer
    /// `init(store:type:filledWith:)`, which throws.
    public init(store: Store, type: TableType, initial: Value? = nil) {
        let bits = initial.map { refBits($0) } ?? 0
        let e: TableEntity
        do {
            e = try TableEntity(type: type, initial: bits, account: store.account)
        } catch {
            let unaccounted = ResourceAccount(allocator: SystemAllocator.shared, limits: .none, limiter: nil)
            // Only a table above TableEntity.hardMaxElements fails here; it gets the minimum allowed.
            e = (try? TableEntity(type: type, initial: bits, account: unaccounted))
                ?? (try! TableEntity(type: TableType(element: type.element, limits: Limits(min: 0, max: type.limits.max)),
                                     initial: bits, account: unaccounted))
        }
        store.tableEntities.append(e)
        entity = e
        self.store = store
    }

    public var type: TableType { entity.type }
    public var count: Int { entity.record.pointee.count }

    /// The element at `index`, or nil when out of bounds.
    public func get(_ index: Int) -> Value? {
        let r = entity.record.pointee
        guard index >= 0, index < r.count else { return nil }
        return refValue(r.elements[index], type: entity.type.element)
    }

    /// Sets the element at `index`.
    /// - Throws: `Trap(.tableOutOfBounds)` when out of bounds.
    public func set(_ index: Int, _ value: Value) throws(Trap) {
        let r = entity.record.pointee
        guard index >= 0, index < r.count else { throw Trap(.tableOutOfBounds) }
        r.elements[index] = refBits(value)
    }

    /// Grows by `delta` elements; returns the previous size, or nil if it cannot grow.
    public func grow(by delta: Int, initial: Value? = nil) -> Int? {
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

func refValue(_ bits: UInt64, type: RefType) -> Value {
    switch type {
    case .funcref:
        guard bits != 0, let p = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(bits)) else { return .funcref(nil) }
        return .funcref(Function(p.pointee.entity.takeUnretainedValue()))
    case .externref:
        return .externref(bits == 0 ? nil : bits &- 1)
    case .exnref:
        return .exnref(bits == 0 ? nil : ExceptionReference(bits: bits))
    }
}
