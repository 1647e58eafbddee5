/// A global variable.
public struct Global: Hashable {
    let entity: GlobalEntity
    /// Keeps the store alive as long as the handle: what the entity holds (function references
    /// in a table or global) belongs to the store, so a handle may not outlive it.
    let owner: Store
    init(_ entity: GlobalEntity, owner: Store) {
        self.entity = entity
        self.owner = owner
    }

    /// Handles are equal when they name the same global (not when their contents are equal).
    public static func == (a: Global, b: Global) -> Bool { a.entity === b.entity }
    /// Hashes the global's identity, as `==` compares it.
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(entity)) }

    /// Creates a host global holding `value`.
    ///
    /// - Throws: `WispError.misuse` when `value` is not of `type.valueType`, or is a reference
    ///   of another store. Cost: O(1).
    public init(store: Store, type: GlobalType, value: Value) throws(WispError) {
        try store.check(value, isA: type.valueType, for: "a global")
        let e = GlobalEntity(type: type, owner: store.account)
        storeValue(value, to: e.storage)
        store.globalEntities.append(e)
        entity = e
        owner = store
    }

    /// The global's value type and mutability.
    public var type: GlobalType { entity.type }

    /// The current value.
    public var value: Value { loadValue(entity.storage, type: entity.type.valueType) }

    /// Sets the value of a mutable global.
    /// - Throws: `WispError.misuse` if the global is immutable, or the value has the wrong type
    ///   or is a reference of another store. Cost: O(1).
    public func set(_ value: Value) throws(WispError) {
        guard entity.type.mutable else { throw WispError.misuse("the global is immutable") }
        try Store.check(value, isA: entity.type.valueType, owner: entity.owner, for: "a global")
        storeValue(value, to: entity.storage)
    }
}

/// Writes a value in its slot encoding (v128 takes two slots).
func storeValue(_ v: Value, to p: UnsafeMutablePointer<UInt64>) {
    switch v {
    case .i32(let x): p[0] = UInt64(x)
    case .i64(let x): p[0] = x
    case .f32(let x): p[0] = UInt64(x)
    case .f64(let x): p[0] = x
    case .v128(let x): p[0] = x.lo; p[1] = x.hi
    case .funcref, .externref, .exnref: p[0] = refBits(v)
    }
}

/// Reads a value of `type` from its slot encoding.
func loadValue(_ p: UnsafePointer<UInt64>, type: ValueType) -> Value {
    // (On the raw value: a switch over the struct's constants compiles to a chain of compares.)
    switch type.representation.rawValue {
    case 0x7F: return .i32(UInt32(truncatingIfNeeded: p[0]))
    case 0x7E: return .i64(p[0])
    case 0x7D: return .f32(UInt32(truncatingIfNeeded: p[0]))
    case 0x7C: return .f64(p[0])
    case 0x7B: return .v128(V128(lo: p[0], hi: p[1]))
    default: return refValue(p[0], type: type)
    }
}
