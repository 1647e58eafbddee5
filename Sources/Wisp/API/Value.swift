@_exported import WispFormat

/// A WebAssembly value as the embedding API passes it.
///
/// Floats are carried as their bit patterns so NaN payloads survive a round trip; use
/// `Value.f32(Float)` style helpers to build them from Swift numbers.
///
/// Not `Sendable`: a function reference belongs to its store, which one thread uses at a time
/// (move the numbers, not the values, between tasks).
public enum Value: Equatable, Hashable {
    /// A 32-bit integer, as its bits: signedness is up to the operator that reads it.
    case i32(UInt32)
    /// A 64-bit integer, as its bits: signedness is up to the operator that reads it.
    case i64(UInt64)
    /// IEEE 754 single-precision bit pattern.
    case f32(UInt32)
    /// IEEE 754 double-precision bit pattern.
    case f64(UInt64)
    /// A 128-bit SIMD vector.
    case v128(V128)
    /// A function reference, or null.
    case funcref(Function?)
    /// An opaque host reference, or null. The payload is the embedder's own handle.
    case externref(UInt64?)
    /// A reference to an exception (exception handling), or null.
    case exnref(ExceptionReference?)

    /// The value's type; a reference's is its nullable abstract type (`funcref`, `externref`,
    /// `exnref`), whatever the reference points to.
    public var type: ValueType {
        switch self {
        case .i32: return .i32
        case .i64: return .i64
        case .f32: return .f32
        case .f64: return .f64
        case .v128: return .v128
        case .funcref: return .funcref
        case .externref: return .externref
        case .exnref: return .exnref
        }
    }

    /// Whether the value may be stored where `type` is expected: a number of that type, or a
    /// reference of its hierarchy that is null only if the type is nullable and, for a defined
    /// function type, a function of that type (`type` in the store's canonical form: the types
    /// of the engine's entities are).
    public func matches(_ type: ValueType) -> Bool {
#if WISP_NO_FUNCTION_REFERENCES
        return self.type == type  // (every reference type is a nullable abstract one)
#else
        guard type.isReference else { return self.type == type }
        guard self.type == type.representation else { return false }
        switch self {
        case .funcref(let f?):
            if let i = type.heapType.typeIndex { return f.entity.record.pointee.typeID == Int(i) }
            return !type.heapType.isBottom
        case .externref(.some), .exnref(.some):
            return !type.heapType.isBottom
        default:
            return type.isNullable
        }
#endif
    }

    /// An `f32` with the bits of `x` (a NaN keeps its payload).
    public static func float(_ x: Float) -> Value { .f32(x.bitPattern) }
    /// An `f64` with the bits of `x` (a NaN keeps its payload).
    public static func double(_ x: Double) -> Value { .f64(x.bitPattern) }

    /// The zero value (or null) of a type: the initial value of locals.
    public static func zero(_ type: ValueType) -> Value {
        switch type.representation.rawValue {
        case 0x7F: return .i32(0)
        case 0x7E: return .i64(0)
        case 0x7D: return .f32(0)
        case 0x7C: return .f64(0)
        case 0x7B: return .v128(V128(lo: 0, hi: 0))
        case 0x6F: return .externref(nil)
        case 0x69: return .exnref(nil)
        default: return .funcref(nil)
        }
    }
}
