/// A global variable.
public struct Global {
    let entity: GlobalEntity
    init(_ entity: GlobalEntity) { self.entity = entity }

    /// Creates a host global holding `value` (whose type must be `type.valueType`).
    public init(store: Store, type: GlobalType, value: Value) {
        let e = GlobalEntity(type: type)
        storeValue(value, to: e.storage)
        store.globalEntities.append(e)
        entity = e
    }

    public var type: GlobalType { entity.type }

    /// The current value.
    public var value: Value { loadValue(entity.storage, type: entity.type.valueType) }

    /// Sets the value of a mutable global.
    /// - Throws: `Trap(.host)` if the global is immutable or the value has the wrong type.
    public func set(_ value: Value) throws(Trap) {
        guard entity.type.mutable else { throw Trap(.host, message: "global is immutable") }
        guard value.type == entity.type.valueType else { throw Trap(.host, message: "global type mismatch") }
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
    switch type {
    case .i32: return .i32(UInt32(truncatingIfNeeded: p[0]))
    case .i64: return .i64(p[0])
    case .f32: return .f32(UInt32(truncatingIfNeeded: p[0]))
    case .f64: return .f64(p[0])
    case .v128: return .v128(V128(lo: p[0], hi: p[1]))
    case .funcref: return refValue(p[0], type: .funcref)
    case .externref: return refValue(p[0], type: .externref)
    case .exnref: return refValue(p[0], type: .exnref)
    }
}
