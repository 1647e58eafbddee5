// The WebAssembly type system (3.0 without GC), shared by the decoder, the validator and the engine.

/// A WebAssembly value type: a number type, `v128`, or a reference type `(ref null? HEAP)`.
///
/// One 32-bit word: the low byte is the type's code (the binary format's byte for number types
/// and abstract heap types, `concreteCode` for a reference to a defined function type), bit 8
/// says a reference is non-nullable, and bits 9-31 hold the type index of a concrete reference.
/// So a nullable abstract reference has its 2.0 byte as its whole value (`funcref` is 0x70),
/// and 0 is never a type (the validator uses it for the unknown type of unreachable code).
///
/// The index of a concrete reference is relative to whatever holds the type: a module's type
/// section in a `ParsedModule`, the store's canonical type ids in the engine's entities.
public struct ValueType: Equatable, Hashable, Sendable {
    /// The encoding described above: code, non-null bit and type index.
    public var rawValue: UInt32
    /// The type with this encoding (not checked).
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// 32-bit integer (signedness is the operator's).
    public static let i32 = ValueType(rawValue: 0x7F)
    /// 64-bit integer (signedness is the operator's).
    public static let i64 = ValueType(rawValue: 0x7E)
    /// IEEE 754 single-precision float.
    public static let f32 = ValueType(rawValue: 0x7D)
    /// IEEE 754 double-precision float.
    public static let f64 = ValueType(rawValue: 0x7C)
    /// 128-bit SIMD vector.
    public static let v128 = ValueType(rawValue: 0x7B)
    /// `(ref null func)`.
    public static let funcref = ValueType(rawValue: 0x70)
    /// `(ref null extern)`.
    public static let externref = ValueType(rawValue: 0x6F)
    /// `(ref null exn)`: a reference to a caught exception (exception handling, Wasm 3.0).
    public static let exnref = ValueType(rawValue: 0x69)
    /// `(ref null nofunc)`: the type of nothing but a null function reference (typed function
    /// references).
    public static let nullfuncref = ValueType(rawValue: 0x73)
    /// `(ref null noextern)`: the type of nothing but a null external reference.
    public static let nullexternref = ValueType(rawValue: 0x72)
    /// `(ref null noexn)`: the type of nothing but a null exception reference.
    public static let nullexnref = ValueType(rawValue: 0x74)

    /// The code of a reference to a defined type.
    public static let concreteCode: UInt32 = 0x01
    /// The code of the bottom heap type: what the validator gives a reference popped from the
    /// polymorphic stack of unreachable code; a subtype of every heap type. Never in a module.
    public static let bottomCode: UInt32 = 0x02
    static let nonNullBit: UInt32 = 0x100

    /// The reference type `(ref null? heap)`.
    @inlinable public static func ref(_ heap: HeapType, nullable: Bool) -> ValueType {
        ValueType(rawValue: heap.bits | (nullable ? 0 : 0x100))
    }

    /// The low byte: a number type's code, or the heap type's.
    @inlinable public var code: UInt32 { rawValue & 0xFF }
    /// Whether the type is a reference type.
    @inlinable public var isReference: Bool { rawValue != 0 && code < 0x7B }
    /// Whether a reference type admits null (always false for number types).
    @inlinable public var isNullable: Bool { isReference && rawValue & 0x100 == 0 }
    /// Whether locals of the type start with a value (numbers and nullable references do).
    @inlinable public var isDefaultable: Bool { !isReference || rawValue & 0x100 == 0 }
    /// The heap type of a reference type.
    @inlinable public var heapType: HeapType { HeapType(bits: rawValue & ~0x100) }
    /// The same reference type, nullable or not.
    @inlinable public func withNullable(_ nullable: Bool) -> ValueType {
        ValueType(rawValue: nullable ? rawValue & ~0x100 : rawValue | 0x100)
    }

    /// How values of the type are held: references by their hierarchy (`funcref` for every
    /// function reference, `externref`, `exnref`), other types as themselves. The engine stores
    /// and passes values by this.
    @inlinable public var representation: ValueType {
#if WISP_NO_FUNCTION_REFERENCES
        return self  // (every reference type is a nullable abstract one)
#else
        guard isReference else { return self }
        switch heapType.top {
        case .extern: return .externref
        case .exn: return .exnref
        default: return .funcref
        }
#endif
    }

    /// The name used by the text format and in error messages.
    public var name: String {
        switch rawValue {
        case 0x7F: return "i32"
        case 0x7E: return "i64"
        case 0x7D: return "f32"
        case 0x7C: return "f64"
        case 0x7B: return "v128"
        case 0x70: return "funcref"
        case 0x6F: return "externref"
#if WISP_NO_FUNCTION_REFERENCES
        default: return "exnref"
#else
        case 0x69: return "exnref"
        case 0x73: return "nullfuncref"
        case 0x72: return "nullexternref"
        case 0x74: return "nullexnref"
        default:
            return isNullable ? "(ref null " + heapType.name + ")" : "(ref " + heapType.name + ")"
#endif
        }
    }
}

/// A heap type: what a reference type refers to. Without GC, the function hierarchy (`func`,
/// defined function types, `nofunc`), `extern` (`noextern`) and `exn` (`noexn`).
public struct HeapType: Equatable, Hashable, Sendable {
    /// `ValueType.rawValue` of the nullable reference to it.
    public var bits: UInt32
    /// The heap type with this encoding (see `bits`; not checked).
    @inlinable public init(bits: UInt32) { self.bits = bits }

    /// `func`: any function.
    public static let `func` = HeapType(bits: 0x70)
    /// `extern`: any host reference.
    public static let extern = HeapType(bits: 0x6F)
    /// `exn`: any exception.
    public static let exn = HeapType(bits: 0x69)
    /// `nofunc`: the bottom of the function hierarchy, with no values (its references are null).
    public static let noFunc = HeapType(bits: 0x73)
    /// `noextern`: the bottom of the `extern` hierarchy, with no values.
    public static let noExtern = HeapType(bits: 0x72)
    /// `noexn`: the bottom of the `exn` hierarchy, with no values.
    public static let noExn = HeapType(bits: 0x74)
    static let bottom = HeapType(bits: ValueType.bottomCode)
    /// A defined type: index `index` of the type section (or the store's canonical id).
    @inlinable public static func concrete(_ index: UInt32) -> HeapType {
        HeapType(bits: ValueType.concreteCode | index << 9)
    }

    /// The type index of a concrete heap type, nil for an abstract one.
    @inlinable public var typeIndex: UInt32? { bits & 0xFF == ValueType.concreteCode ? bits >> 9 : nil }
    /// The top of its hierarchy: `func`, `extern` or `exn` (the bottom type's is `func`).
    @inlinable public var top: HeapType {
        switch bits {
        case 0x6F, 0x72: return .extern
        case 0x69, 0x74: return .exn
        default: return .func
        }
    }
    /// Whether it is the bottom of its hierarchy (`nofunc`, `noextern`, `noexn`, or the
    /// validator's bottom).
    @inlinable public var isBottom: Bool {
        bits == 0x73 || bits == 0x72 || bits == 0x74 || bits == ValueType.bottomCode
    }

    /// Whether every value of this heap type is one of `other`, where concrete types are equal
    /// exactly when their indices are (the caller canonicalizes them first; without GC's `sub`
    /// declarations, defined function types have no other subtypes).
    @inlinable public func isSubtype(of other: HeapType) -> Bool {
        if self == other || bits == ValueType.bottomCode { return true }
        if other.typeIndex != nil { return self == .noFunc }
        if typeIndex != nil { return other == .func }
        return top == other.top && isBottom && !other.isBottom
    }

#if !WISP_NO_FUNCTION_REFERENCES
    /// The text format's name: `func`, `nofunc`, ..., or a concrete type's index.
    public var name: String {
        switch bits {
        case 0x70: return "func"
        case 0x6F: return "extern"
        case 0x69: return "exn"
        case 0x73: return "nofunc"
        case 0x72: return "noextern"
        case 0x74: return "noexn"
        default: return typeIndex.map { String($0) } ?? "bot"
        }
    }
#endif
}

extension ValueType {
    /// Whether a value of this type may stand where `other` is expected: equal number types, or
    /// references whose heap types are subtypes and whose nullability fits. Concrete indices
    /// must be canonical (see `HeapType.isSubtype(of:)`).
    @inlinable public func isSubtype(of other: ValueType) -> Bool {
        if self == other { return true }
        guard isReference && other.isReference else { return false }
        if isNullable && !other.isNullable { return false }
        return heapType.isSubtype(of: other.heapType)
    }
}

/// A reference type: the element type of tables and segments, the type of `ref.null`.
public typealias RefType = ValueType

/// A function signature.
public struct FuncType: Equatable, Hashable, Sendable {
    /// The parameter types, in order.
    public var parameters: [ValueType]
    /// The result types, in order (several with multi-value).
    public var results: [ValueType]
    /// The signature `parameters -> results`.
    public init(parameters: [ValueType], results: [ValueType]) {
        self.parameters = parameters
        self.results = results
    }
}

/// Size limits of a memory (in 64 KiB pages) or a table (in elements).
public struct Limits: Equatable, Hashable, Sendable {
    /// The initial size, and the least an import may have.
    public var min: UInt64
    /// The most it may grow to; nil for no maximum beyond the type's own.
    public var max: UInt64?
    /// Limits from `min` to `max`.
    public init(min: UInt64, max: UInt64?) {
        self.min = min
        self.max = max
    }
}

/// The type of a table: its element type, size limits and index type.
public struct TableType: Equatable, Hashable, Sendable {
    /// The reference type of the elements.
    public var element: RefType
    /// Sizes in elements.
    public var limits: Limits
    /// Whether the table is indexed by `i64` (table64, part of memory64 in Wasm 3.0).
    public var is64: Bool
    /// A table of `element` references within `limits`, indexed by `i64` when `is64`.
    public init(element: RefType, limits: Limits, is64: Bool = false) {
        self.element = element
        self.limits = limits
        self.is64 = is64
    }
    /// The type of the table's indices: `i64` for a table64, else `i32`.
    @inlinable public var addressType: ValueType { is64 ? .i64 : .i32 }
}

/// The type of a linear memory: its size limits, address type and page size.
public struct MemoryType: Equatable, Hashable, Sendable {
    /// Sizes in pages of `pageSize` bytes.
    public var limits: Limits
    /// Whether the memory is addressed by `i64` (memory64, Wasm 3.0).
    public var is64: Bool
    /// log2 of the page size: 16 (64 KiB, the default) or 0 (1 byte; the custom-page-sizes
    /// proposal, for memories smaller than 64 KiB).
    public var pageSizeLog2: UInt8
    /// A memory within `limits` (in pages of 2^`pageSizeLog2` bytes), addressed by `i64` when `is64`.
    public init(limits: Limits, is64: Bool = false, pageSizeLog2: UInt8 = 16) {
        self.limits = limits
        self.is64 = is64
        self.pageSizeLog2 = pageSizeLog2
    }
    /// The largest number of 64 KiB pages a 32-bit memory may have.
    public static let maxPages: UInt64 = 65536
    /// Bytes in a page.
    @inlinable public var pageSize: Int { 1 << Int(pageSizeLog2) }
    /// The type of the memory's addresses: `i64` for a memory64, else `i32`.
    @inlinable public var addressType: ValueType { is64 ? .i64 : .i32 }
    /// The most pages the type may declare: 2^32 bytes' worth (2^32-1 pages of 1 byte) for a
    /// 32-bit memory, 2^64 bytes' worth for a memory64.
    public var maxPagesAllowed: UInt64 {
        if is64 { return pageSizeLog2 == 0 ? UInt64.max : 1 << (64 - UInt64(pageSizeLog2)) }
        return pageSizeLog2 == 0 ? UInt64(UInt32.max) : 1 << (32 - UInt64(pageSizeLog2))
    }
}

/// The type of a global: its value type and whether it may change.
public struct GlobalType: Equatable, Hashable, Sendable {
    /// The type of the value it holds.
    public var valueType: ValueType
    /// Whether `global.set` (or the host) may change its value.
    public var mutable: Bool
    /// A global of `valueType`, mutable or not.
    public init(valueType: ValueType, mutable: Bool) {
        self.valueType = valueType
        self.mutable = mutable
    }
}

/// The kind of an import or export.
public enum ExternalKind: UInt8, Equatable, Sendable {
    /// A function.
    case function = 0
    /// A table.
    case table = 1
    /// A linear memory.
    case memory = 2
    /// A global.
    case global = 3
    /// An exception tag (exception handling).
    case tag = 4
}

/// The type of a block, loop or if.
public enum BlockType: Equatable, Sendable {
    /// No parameters and no results.
    case empty
    /// No parameters and one result of this type.
    case value(ValueType)
    /// An index into the module's type section (multi-value).
    case typeIndex(UInt32)
}

/// The immediate of a load or store.
public struct MemArg: Equatable, Sendable {
    /// log2 of the alignment hint.
    public var align: UInt32
    /// The memory accessed (multi-memory; 0 otherwise). (Beside `align`, so the struct stays
    /// 16 bytes and `Instruction` no larger than before.)
    public var memory: UInt32
    /// A constant added to the address operand; the sum is bounds-checked in full, without wrapping.
    public var offset: UInt64
    /// An access to memory `memory` at address + `offset`, aligned to 2^`align` bytes (a hint).
    public init(align: UInt32, offset: UInt64, memory: UInt32 = 0) {
        self.align = align
        self.offset = offset
        self.memory = memory
    }
}

/// A 128-bit value as 16 little-endian bytes held in two 64-bit halves.
public struct V128: Equatable, Hashable, Sendable {
    /// Bytes 0-7, the least significant first.
    public var lo: UInt64
    /// Bytes 8-15, the least significant first.
    public var hi: UInt64
    /// The value with these halves.
    public init(lo: UInt64, hi: UInt64) {
        self.lo = lo
        self.hi = hi
    }
    /// Byte `i` (0 = least significant) of the value.
    @inlinable public func byte(_ i: Int) -> UInt8 {
        i < 8 ? UInt8(truncatingIfNeeded: lo >> (UInt64(i) * 8)) : UInt8(truncatingIfNeeded: hi >> (UInt64(i - 8) * 8))
    }
}
