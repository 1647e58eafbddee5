// The WebAssembly type system (3.0 without GC), shared by the decoder, the validator and the engine.

/// A WebAssembly value type.
public enum ValueType: UInt8, Equatable, Hashable, Sendable {
    case i32 = 0x7F
    case i64 = 0x7E
    case f32 = 0x7D
    case f64 = 0x7C
    case v128 = 0x7B
    case funcref = 0x70
    case externref = 0x6F
    /// A reference to a caught exception (exception handling, Wasm 3.0; `Features.exceptionHandling`).
    case exnref = 0x69

    /// Whether the type is a reference type (`funcref`, `externref` or `exnref`).
    @inlinable public var isReference: Bool { self == .funcref || self == .externref || self == .exnref }

    /// The name used by the text format and in error messages.
    public var name: String {
        switch self {
        case .i32: return "i32"
        case .i64: return "i64"
        case .f32: return "f32"
        case .f64: return "f64"
        case .v128: return "v128"
        case .funcref: return "funcref"
        case .externref: return "externref"
        case .exnref: return "exnref"
        }
    }
}

/// A reference type: the element type of tables and the type of `ref.null`.
public enum RefType: UInt8, Equatable, Hashable, Sendable {
    case funcref = 0x70
    case externref = 0x6F
    case exnref = 0x69

    @inlinable public var valueType: ValueType { ValueType(rawValue: rawValue).unsafelyUnwrapped }
}

/// A function signature.
public struct FuncType: Equatable, Hashable, Sendable {
    public var parameters: [ValueType]
    public var results: [ValueType]
    public init(parameters: [ValueType], results: [ValueType]) {
        self.parameters = parameters
        self.results = results
    }
}

/// Size limits of a memory (in 64 KiB pages) or a table (in elements).
public struct Limits: Equatable, Hashable, Sendable {
    public var min: UInt64
    public var max: UInt64?
    public init(min: UInt64, max: UInt64?) {
        self.min = min
        self.max = max
    }
}

public struct TableType: Equatable, Hashable, Sendable {
    public var element: RefType
    public var limits: Limits
    /// Whether the table is indexed by `i64` (table64, part of memory64 in Wasm 3.0).
    public var is64: Bool
    public init(element: RefType, limits: Limits, is64: Bool = false) {
        self.element = element
        self.limits = limits
        self.is64 = is64
    }
    /// The type of the table's indices: `i64` for a table64, else `i32`.
    @inlinable public var addressType: ValueType { is64 ? .i64 : .i32 }
}

public struct MemoryType: Equatable, Hashable, Sendable {
    /// Sizes in pages of `pageSize` bytes.
    public var limits: Limits
    /// Whether the memory is addressed by `i64` (memory64, Wasm 3.0).
    public var is64: Bool
    /// log2 of the page size: 16 (64 KiB, the default) or 0 (1 byte; the custom-page-sizes
    /// proposal, for memories smaller than 64 KiB).
    public var pageSizeLog2: UInt8
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

public struct GlobalType: Equatable, Hashable, Sendable {
    public var valueType: ValueType
    public var mutable: Bool
    public init(valueType: ValueType, mutable: Bool) {
        self.valueType = valueType
        self.mutable = mutable
    }
}

/// The kind of an import or export.
public enum ExternalKind: UInt8, Equatable, Sendable {
    case function = 0
    case table = 1
    case memory = 2
    case global = 3
    /// An exception tag (exception handling).
    case tag = 4
}

/// The type of a block, loop or if.
public enum BlockType: Equatable, Sendable {
    case empty
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
    public var offset: UInt64
    public init(align: UInt32, offset: UInt64, memory: UInt32 = 0) {
        self.align = align
        self.offset = offset
        self.memory = memory
    }
}

/// A 128-bit value as 16 little-endian bytes held in two 64-bit halves.
public struct V128: Equatable, Hashable, Sendable {
    public var lo: UInt64
    public var hi: UInt64
    public init(lo: UInt64, hi: UInt64) {
        self.lo = lo
        self.hi = hi
    }
    /// Byte `i` (0 = least significant) of the value.
    @inlinable public func byte(_ i: Int) -> UInt8 {
        i < 8 ? UInt8(truncatingIfNeeded: lo >> (UInt64(i) * 8)) : UInt8(truncatingIfNeeded: hi >> (UInt64(i - 8) * 8))
    }
}
