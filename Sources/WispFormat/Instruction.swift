// One decoded WebAssembly instruction with its immediates. The decoder's operator reader yields
// these one at a time; the validator and the translator consume the same stream.

/// A WebAssembly instruction (3.0 without GC, and the proposals Wisp implements).
public enum Instruction: Equatable, Sendable {
    // Control
    case unreachable
    case nop
    case block(BlockType)
    case loop(BlockType)
    case `if`(BlockType)
    case `else`
    case end
    case br(UInt32)
    case brIf(UInt32)
    case brTable(targets: [UInt32], default: UInt32)
    case `return`
    case call(UInt32)
    case callIndirect(typeIndex: UInt32, tableIndex: UInt32)
    // Tail calls
    case returnCall(UInt32)
    case returnCallIndirect(typeIndex: UInt32, tableIndex: UInt32)
    // Typed function references
    /// Calls the function reference on top of the stack, of type index `typeIndex`.
    case callRef(UInt32)
    case returnCallRef(UInt32)
    case refAsNonNull
    case brOnNull(UInt32)
    case brOnNonNull(UInt32)
    // Exception handling
    case `throw`(UInt32)
    case throwRef
    case tryTable(BlockType, catches: [Catch])
    // Parametric
    case drop
    case select
    case selectTyped(ValueType)
    // Variables
    case localGet(UInt32)
    case localSet(UInt32)
    case localTee(UInt32)
    case globalGet(UInt32)
    case globalSet(UInt32)
    // Tables
    case tableGet(UInt32)
    case tableSet(UInt32)
    case tableInit(elem: UInt32, table: UInt32)
    case elemDrop(UInt32)
    case tableCopy(dst: UInt32, src: UInt32)
    case tableGrow(UInt32)
    case tableSize(UInt32)
    case tableFill(UInt32)
    // Memory
    case load(LoadOp, MemArg)
    case store(StoreOp, MemArg)
    case memorySize(UInt32)
    case memoryGrow(UInt32)
    case memoryInit(data: UInt32, memory: UInt32)
    case dataDrop(UInt32)
    case memoryCopy(dst: UInt32, src: UInt32)
    case memoryFill(UInt32)
    // Constants and numeric operators
    case i32Const(Int32)
    case i64Const(Int64)
    /// The constant's IEEE 754 bit pattern (NaN payloads are preserved).
    case f32Const(UInt32)
    case f64Const(UInt64)
    case numeric(NumericOp)
    /// Wide arithmetic (a proposal beyond 3.0): two `i64` results, the low half first.
    case wideArithmetic(WideArithmeticOp)
    // References
    case refNull(RefType)
    case refIsNull
    case refFunc(UInt32)
    // SIMD (0xFD prefix)
    case v128Load(SIMDLoadOp, MemArg)
    case v128Store(MemArg)
    case v128LoadLane(SIMDLaneWidth, MemArg, lane: UInt8)
    case v128StoreLane(SIMDLaneWidth, MemArg, lane: UInt8)
    case v128Const(V128)
    case i8x16Shuffle(V128)
    case simdLane(SIMDLaneOp, lane: UInt8)
    case simd(SIMDOp)
}

/// A catch clause of `try_table`: which exceptions it catches and the label it branches to.
public struct Catch: Equatable, Sendable {
    public enum Kind: UInt8, Sendable {
        /// `catch x l`: exceptions of tag x; the branch carries their payload.
        case tag = 0
        /// `catch_ref x l`: the payload, then the exception as an `exnref`.
        case tagRef = 1
        /// `catch_all l`: any exception; the branch carries nothing.
        case all = 2
        /// `catch_all_ref l`: any exception, as an `exnref`.
        case allRef = 3
    }
    public var kind: Kind
    /// The tag index (0 for the catch-all kinds).
    public var tag: UInt32
    /// The label, relative to the `try_table`'s enclosing block (the try_table's own label excluded).
    public var label: UInt32
    public init(kind: Kind, tag: UInt32, label: UInt32) {
        self.kind = kind
        self.tag = tag
        self.label = label
    }
    /// Whether the branch carries the exception as an `exnref` after any payload.
    public var passesReference: Bool { kind == .tagRef || kind == .allRef }
}

/// Plain loads; the raw value is the opcode.
public enum LoadOp: UInt8, Sendable {
    case i32Load = 0x28, i64Load, f32Load, f64Load
    case i32Load8S, i32Load8U, i32Load16S, i32Load16U
    case i64Load8S, i64Load8U, i64Load16S, i64Load16U, i64Load32S, i64Load32U

    /// The value type the load produces.
    public var type: ValueType {
        switch self {
        case .i32Load, .i32Load8S, .i32Load8U, .i32Load16S, .i32Load16U: return .i32
        case .f32Load: return .f32
        case .f64Load: return .f64
        default: return .i64
        }
    }
    /// The number of bytes read; the alignment immediate may not exceed its log2.
    public var width: Int {
        switch self {
        case .i32Load8S, .i32Load8U, .i64Load8S, .i64Load8U: return 1
        case .i32Load16S, .i32Load16U, .i64Load16S, .i64Load16U: return 2
        case .i32Load, .f32Load, .i64Load32S, .i64Load32U: return 4
        case .i64Load, .f64Load: return 8
        }
    }
}

/// Plain stores; the raw value is the opcode.
public enum StoreOp: UInt8, Sendable {
    case i32Store = 0x36, i64Store, f32Store, f64Store
    case i32Store8, i32Store16, i64Store8, i64Store16, i64Store32

    public var type: ValueType {
        switch self {
        case .i32Store, .i32Store8, .i32Store16: return .i32
        case .f32Store: return .f32
        case .f64Store: return .f64
        default: return .i64
        }
    }
    public var width: Int {
        switch self {
        case .i32Store8, .i64Store8: return 1
        case .i32Store16, .i64Store16: return 2
        case .i32Store, .f32Store, .i64Store32: return 4
        case .i64Store, .f64Store: return 8
        }
    }
}

/// Numeric operators without immediates. The raw value is the opcode byte (0x45...0xC4),
/// or 0xFC00 + sub-opcode for the saturating truncations (0xFC 0...7).
/// The operators of the wide-arithmetic proposal, by their 0xFC sub-opcode: 128-bit add and
/// subtract of (low, high) `i64` pairs, and the full 128-bit product of two `i64`.
public enum WideArithmeticOp: UInt8, Sendable {
    case i64Add128 = 19, i64Sub128, i64MulWideS, i64MulWideU
}

public enum NumericOp: UInt16, Sendable {
    case i32Eqz = 0x45, i32Eq, i32Ne, i32LtS, i32LtU, i32GtS, i32GtU, i32LeS, i32LeU, i32GeS, i32GeU
    case i64Eqz = 0x50, i64Eq, i64Ne, i64LtS, i64LtU, i64GtS, i64GtU, i64LeS, i64LeU, i64GeS, i64GeU
    case f32Eq = 0x5B, f32Ne, f32Lt, f32Gt, f32Le, f32Ge
    case f64Eq = 0x61, f64Ne, f64Lt, f64Gt, f64Le, f64Ge
    case i32Clz = 0x67, i32Ctz, i32Popcnt, i32Add, i32Sub, i32Mul, i32DivS, i32DivU, i32RemS, i32RemU
    case i32And, i32Or, i32Xor, i32Shl, i32ShrS, i32ShrU, i32Rotl, i32Rotr
    case i64Clz = 0x79, i64Ctz, i64Popcnt, i64Add, i64Sub, i64Mul, i64DivS, i64DivU, i64RemS, i64RemU
    case i64And, i64Or, i64Xor, i64Shl, i64ShrS, i64ShrU, i64Rotl, i64Rotr
    case f32Abs = 0x8B, f32Neg, f32Ceil, f32Floor, f32Trunc, f32Nearest, f32Sqrt
    case f32Add, f32Sub, f32Mul, f32Div, f32Min, f32Max, f32Copysign
    case f64Abs = 0x99, f64Neg, f64Ceil, f64Floor, f64Trunc, f64Nearest, f64Sqrt
    case f64Add, f64Sub, f64Mul, f64Div, f64Min, f64Max, f64Copysign
    case i32WrapI64 = 0xA7, i32TruncF32S, i32TruncF32U, i32TruncF64S, i32TruncF64U
    case i64ExtendI32S, i64ExtendI32U, i64TruncF32S, i64TruncF32U, i64TruncF64S, i64TruncF64U
    case f32ConvertI32S, f32ConvertI32U, f32ConvertI64S, f32ConvertI64U, f32DemoteF64
    case f64ConvertI32S, f64ConvertI32U, f64ConvertI64S, f64ConvertI64U, f64PromoteF32
    case i32ReinterpretF32, i64ReinterpretF64, f32ReinterpretI32, f64ReinterpretI64
    case i32Extend8S = 0xC0, i32Extend16S, i64Extend8S, i64Extend16S, i64Extend32S
    case i32TruncSatF32S = 0xFC00, i32TruncSatF32U, i32TruncSatF64S, i32TruncSatF64U
    case i64TruncSatF32S, i64TruncSatF32U, i64TruncSatF64S, i64TruncSatF64U

    /// Operand and result types as raw value-type codes: the first operand, the second (0 for a
    /// unary operator) and the result. The validator and the translator share this one function so
    /// that bare-metal builds carry one lookup table, not one per caller and field.
    @inline(never)
    public var types: (first: UInt8, second: UInt8, result: UInt8) {
        // One byte per operator (see `NumericTypeCode`), folded by the compiler into one table.
        let packed: UInt8
        switch rawValue {
        case 0x45: packed = packUnary(.i32, .i32)
        case 0x46...0x4F: packed = packBinary(.i32, .i32, .i32)
        case 0x50: packed = packUnary(.i64, .i32)
        case 0x51...0x5A: packed = packBinary(.i64, .i64, .i32)
        case 0x5B...0x60: packed = packBinary(.f32, .f32, .i32)
        case 0x61...0x66: packed = packBinary(.f64, .f64, .i32)
        case 0x67...0x69: packed = packUnary(.i32, .i32)
        case 0x6A...0x78: packed = packBinary(.i32, .i32, .i32)
        case 0x79...0x7B: packed = packUnary(.i64, .i64)
        case 0x7C...0x8A: packed = packBinary(.i64, .i64, .i64)
        case 0x8B...0x91: packed = packUnary(.f32, .f32)
        case 0x92...0x98: packed = packBinary(.f32, .f32, .f32)
        case 0x99...0x9F: packed = packUnary(.f64, .f64)
        case 0xA0...0xA6: packed = packBinary(.f64, .f64, .f64)
        case 0xA7: packed = packUnary(.i64, .i32)
        case 0xA8, 0xA9: packed = packUnary(.f32, .i32)
        case 0xAA, 0xAB: packed = packUnary(.f64, .i32)
        case 0xAC, 0xAD: packed = packUnary(.i32, .i64)
        case 0xAE, 0xAF: packed = packUnary(.f32, .i64)
        case 0xB0, 0xB1: packed = packUnary(.f64, .i64)
        case 0xB2, 0xB3: packed = packUnary(.i32, .f32)
        case 0xB4, 0xB5: packed = packUnary(.i64, .f32)
        case 0xB6: packed = packUnary(.f64, .f32)
        case 0xB7, 0xB8: packed = packUnary(.i32, .f64)
        case 0xB9, 0xBA: packed = packUnary(.i64, .f64)
        case 0xBB: packed = packUnary(.f32, .f64)
        case 0xBC: packed = packUnary(.f32, .i32)
        case 0xBD: packed = packUnary(.f64, .i64)
        case 0xBE: packed = packUnary(.i32, .f32)
        case 0xBF: packed = packUnary(.i64, .f64)
        case 0xC0, 0xC1: packed = packUnary(.i32, .i32)
        case 0xC2...0xC4: packed = packUnary(.i64, .i64)
        case 0xFC00, 0xFC01: packed = packUnary(.f32, .i32)
        case 0xFC02, 0xFC03: packed = packUnary(.f64, .i32)
        case 0xFC04, 0xFC05: packed = packUnary(.f32, .i64)
        default: packed = packUnary(.f64, .i64)
        }
        return (0x7F - packed & 3, packed & 4 == 0 ? 0 : 0x7F - (packed >> 3) & 3, 0x7F - (packed >> 5) & 3)
    }

    /// Operand types (one or two) and the result type. Allocates an array: the hot paths use `types`.
    public var signature: (operands: [ValueType], result: ValueType) {
        let t = types
        let a = ValueType(rawValue: UInt32(t.first)), r = ValueType(rawValue: UInt32(t.result))
        return (t.second == 0 ? [a] : [a, ValueType(rawValue: UInt32(t.second))], r)
    }
}

/// SIMD loads of a whole v128 (with extension, splat or zero fill); the raw value is the 0xFD sub-opcode.
public enum SIMDLoadOp: UInt8, Sendable {
    case v128Load = 0, load8x8S, load8x8U, load16x4S, load16x4U, load32x2S, load32x2U
    case load8Splat, load16Splat, load32Splat, load64Splat
    case load32Zero = 92, load64Zero = 93

    /// The number of bytes read from memory.
    public var width: Int {
        switch self {
        case .v128Load: return 16
        case .load8x8S, .load8x8U, .load16x4S, .load16x4U, .load32x2S, .load32x2U, .load64Splat, .load64Zero: return 8
        case .load8Splat: return 1
        case .load16Splat: return 2
        case .load32Splat, .load32Zero: return 4
        }
    }
}

/// Lane width of `v128.loadN_lane` / `v128.storeN_lane`, in bytes (1, 2, 4, 8).
public enum SIMDLaneWidth: UInt8, Sendable {
    case b8 = 1, b16 = 2, b32 = 4, b64 = 8
    /// The number of lanes of this width in a v128.
    public var laneCount: Int { 16 / Int(rawValue) }
}

/// Lane access operators with a lane immediate; the raw value is the 0xFD sub-opcode.
public enum SIMDLaneOp: UInt8, Sendable {
    case i8x16ExtractLaneS = 21, i8x16ExtractLaneU, i8x16ReplaceLane
    case i16x8ExtractLaneS, i16x8ExtractLaneU, i16x8ReplaceLane
    case i32x4ExtractLane, i32x4ReplaceLane
    case i64x2ExtractLane, i64x2ReplaceLane
    case f32x4ExtractLane, f32x4ReplaceLane
    case f64x2ExtractLane, f64x2ReplaceLane

    public var laneCount: Int {
        switch self {
        case .i8x16ExtractLaneS, .i8x16ExtractLaneU, .i8x16ReplaceLane: return 16
        case .i16x8ExtractLaneS, .i16x8ExtractLaneU, .i16x8ReplaceLane: return 8
        case .i32x4ExtractLane, .i32x4ReplaceLane, .f32x4ExtractLane, .f32x4ReplaceLane: return 4
        case .i64x2ExtractLane, .i64x2ReplaceLane, .f64x2ExtractLane, .f64x2ReplaceLane: return 2
        }
    }
    /// The scalar type extracted or inserted.
    public var scalarType: ValueType {
        switch self {
        case .i64x2ExtractLane, .i64x2ReplaceLane: return .i64
        case .f32x4ExtractLane, .f32x4ReplaceLane: return .f32
        case .f64x2ExtractLane, .f64x2ReplaceLane: return .f64
        default: return .i32
        }
    }
    public var isReplace: Bool {
        switch self {
        case .i8x16ReplaceLane, .i16x8ReplaceLane, .i32x4ReplaceLane, .i64x2ReplaceLane, .f32x4ReplaceLane, .f64x2ReplaceLane:
            return true
        default: return false
        }
    }
}

/// The four numeric types, numbered by how far their value-type code lies below 0x7F (i32 0x7F,
/// i64 0x7E, f32 0x7D, f64 0x7C), for `NumericOp.types`' packed byte: bits 0-1 the first
/// operand, bit 2 set when there is a second operand, bits 3-4 its type, bits 5-6 the result.
enum NumericTypeCode: UInt8 {
    case i32, i64, f32, f64
}

@inline(__always) func packUnary(_ operand: NumericTypeCode, _ result: NumericTypeCode) -> UInt8 {
    operand.rawValue | result.rawValue << 5
}

@inline(__always) func packBinary(_ first: NumericTypeCode, _ second: NumericTypeCode, _ result: NumericTypeCode) -> UInt8 {
    first.rawValue | 4 | second.rawValue << 3 | result.rawValue << 5
}
