// One decoded WebAssembly instruction with its immediates. The decoder's operator reader yields
// these one at a time; the validator and the translator consume the same stream.

/// A WebAssembly instruction (3.0 without GC, and the proposals Wisp implements).
public enum Instruction: Equatable, Sendable {
    // Control
    /// `unreachable`: traps.
    case unreachable
    /// `nop`: does nothing.
    case nop
    /// `block`: a label a branch jumps forward to, at its `end`.
    case block(BlockType)
    /// `loop`: a label a branch jumps back to, at its start.
    case loop(BlockType)
    /// `if`: runs its first arm when the popped `i32` is nonzero, else the `else` arm, if any.
    case `if`(BlockType)
    /// `else`: ends an `if`'s first arm and starts the second.
    case `else`
    /// `end`: closes a `block`, `loop`, `if`, `try_table` or the function body.
    case end
    /// `br l`: branches to the label `l` blocks out (0: the innermost).
    case br(UInt32)
    /// `br_if l`: branches to label `l` when the popped `i32` is nonzero.
    case brIf(UInt32)
    /// `br_table`: branches to `targets[i]` for the popped `i`, or to `default` when `i` is past them.
    case brTable(targets: [UInt32], default: UInt32)
    /// `return`: leaves the function with the results on top of the stack.
    case `return`
    /// `call f`: calls function `f` of the function index space.
    case call(UInt32)
    /// `call_indirect`: calls the function at the popped index of a table, checked against type
    /// `typeIndex`.
    case callIndirect(typeIndex: UInt32, tableIndex: UInt32)
    // Tail calls
    /// `return_call f`: a tail call: calls `f` in place of the current frame.
    case returnCall(UInt32)
    /// `return_call_indirect`: `call_indirect` as a tail call.
    case returnCallIndirect(typeIndex: UInt32, tableIndex: UInt32)
    // Typed function references
    /// Calls the function reference on top of the stack, of type index `typeIndex`.
    case callRef(UInt32)
    /// `return_call_ref t`: `call_ref` as a tail call.
    case returnCallRef(UInt32)
    /// `ref.as_non_null`: the popped reference, as non-nullable; traps on null.
    case refAsNonNull
    /// `br_on_null l`: branches to label `l` if the popped reference is null, else pushes it back
    /// non-nullable.
    case brOnNull(UInt32)
    /// `br_on_non_null l`: branches to label `l` with the reference if it is not null, else drops it.
    case brOnNonNull(UInt32)
    // Exception handling
    /// `throw x`: throws an exception of tag `x` with the payload popped from the stack.
    case `throw`(UInt32)
    /// `throw_ref`: rethrows the popped `exnref`; traps on null.
    case throwRef
    /// `try_table`: a block whose exceptions the `catches` clauses turn into branches.
    case tryTable(BlockType, catches: [Catch])
    // Parametric
    /// `drop`: pops one operand.
    case drop
    /// `select`: of two number or vector operands, the first if the popped `i32` is nonzero, else
    /// the second.
    case select
    /// `select t`: `select` with its operand type written out (required for references).
    case selectTyped(ValueType)
    // Variables
    /// `local.get x`: pushes local `x` (parameters first).
    case localGet(UInt32)
    /// `local.set x`: pops a value into local `x`.
    case localSet(UInt32)
    /// `local.tee x`: stores the top of the stack into local `x` and keeps it there.
    case localTee(UInt32)
    /// `global.get x`: pushes global `x`.
    case globalGet(UInt32)
    /// `global.set x`: pops a value into mutable global `x`.
    case globalSet(UInt32)
    // Tables
    /// `table.get t`: the element of table `t` at the popped index.
    case tableGet(UInt32)
    /// `table.set t`: stores a reference in table `t` at an index.
    case tableSet(UInt32)
    /// `table.init`: copies a range of element segment `elem` into table `table`.
    case tableInit(elem: UInt32, table: UInt32)
    /// `elem.drop e`: empties element segment `e`.
    case elemDrop(UInt32)
    /// `table.copy`: copies a range of table `src` into table `dst` (overlap allowed).
    case tableCopy(dst: UInt32, src: UInt32)
    /// `table.grow t`: adds elements to table `t`; pushes its old size, or -1 when it cannot grow.
    case tableGrow(UInt32)
    /// `table.size t`: pushes the element count of table `t`.
    case tableSize(UInt32)
    /// `table.fill t`: sets a range of table `t` to one reference.
    case tableFill(UInt32)
    // Memory
    /// A plain load (`i32.load`, `i64.load8_s`, ...) from the memory the `MemArg` names.
    case load(LoadOp, MemArg)
    /// A plain store (`i32.store`, `i64.store8`, ...) to the memory the `MemArg` names.
    case store(StoreOp, MemArg)
    /// `memory.size m`: pushes the size of memory `m` in pages.
    case memorySize(UInt32)
    /// `memory.grow m`: adds pages to memory `m`; pushes its old size, or -1 when it cannot grow.
    case memoryGrow(UInt32)
    /// `memory.init`: copies a range of data segment `data` into memory `memory`.
    case memoryInit(data: UInt32, memory: UInt32)
    /// `data.drop d`: empties data segment `d`.
    case dataDrop(UInt32)
    /// `memory.copy`: copies bytes from memory `src` to memory `dst` (overlap allowed).
    case memoryCopy(dst: UInt32, src: UInt32)
    /// `memory.fill m`: sets a range of memory `m` to one byte value.
    case memoryFill(UInt32)
    // Constants and numeric operators
    /// `i32.const`: pushes the constant.
    case i32Const(Int32)
    /// `i64.const`: pushes the constant.
    case i64Const(Int64)
    /// The constant's IEEE 754 bit pattern (NaN payloads are preserved).
    case f32Const(UInt32)
    /// The constant's IEEE 754 bit pattern (NaN payloads are preserved).
    case f64Const(UInt64)
    /// An arithmetic, comparison or conversion operator without immediates.
    case numeric(NumericOp)
    /// Wide arithmetic (a proposal beyond 3.0): two `i64` results, the low half first.
    case wideArithmetic(WideArithmeticOp)
    // References
    /// `ref.null`: pushes a null reference of this (nullable) type.
    case refNull(RefType)
    /// `ref.is_null`: 1 if the popped reference is null, else 0.
    case refIsNull
    /// `ref.func f`: pushes a reference to function `f` (one the module declares outside its bodies).
    case refFunc(UInt32)
    // SIMD (0xFD prefix)
    /// `v128.load` and its extending, splatting and zero-filling forms.
    case v128Load(SIMDLoadOp, MemArg)
    /// `v128.store`: stores 16 bytes.
    case v128Store(MemArg)
    /// `v128.loadN_lane`: loads lane `lane` of a v128 from memory, keeping its other lanes.
    case v128LoadLane(SIMDLaneWidth, MemArg, lane: UInt8)
    /// `v128.storeN_lane`: stores lane `lane` of a v128 to memory.
    case v128StoreLane(SIMDLaneWidth, MemArg, lane: UInt8)
    /// `v128.const`: pushes the 16-byte constant.
    case v128Const(V128)
    /// `i8x16.shuffle`: bytes of two v128s picked by the 16 lane indices (0-31) in the immediate.
    case i8x16Shuffle(V128)
    /// A lane extract or replace with its lane immediate.
    case simdLane(SIMDLaneOp, lane: UInt8)
    /// A SIMD operator without immediates.
    case simd(SIMDOp)
}

/// A catch clause of `try_table`: which exceptions it catches and the label it branches to.
public struct Catch: Equatable, Sendable {
    /// The four forms of clause; the raw value is the binary encoding's.
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
    /// What the clause catches, and whether the branch carries the exception as an `exnref`.
    public var kind: Kind
    /// The tag index (0 for the catch-all kinds).
    public var tag: UInt32
    /// The label, relative to the `try_table`'s enclosing block (the try_table's own label excluded).
    public var label: UInt32
    /// A clause of `kind` for tag `tag` (0 for the catch-all kinds) that branches to `label`.
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
    /// `i32.load`, `i64.load`, `f32.load`, `f64.load`: a whole value of the type.
    case i32Load = 0x28, i64Load, f32Load, f64Load
    /// 8- and 16-bit loads to an `i32`, sign- (S) or zero-extended (U).
    case i32Load8S, i32Load8U, i32Load16S, i32Load16U
    /// 8-, 16- and 32-bit loads to an `i64`, sign- (S) or zero-extended (U).
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
    /// `i32.store`, `i64.store`, `f32.store`, `f64.store`: a whole value of the type.
    case i32Store = 0x36, i64Store, f32Store, f64Store
    /// Stores of an integer's low 8, 16 or 32 bits.
    case i32Store8, i32Store16, i64Store8, i64Store16, i64Store32

    /// The value type the store takes from the stack.
    public var type: ValueType {
        switch self {
        case .i32Store, .i32Store8, .i32Store16: return .i32
        case .f32Store: return .f32
        case .f64Store: return .f64
        default: return .i64
        }
    }
    /// The number of bytes written; the alignment immediate may not exceed its log2.
    public var width: Int {
        switch self {
        case .i32Store8, .i64Store8: return 1
        case .i32Store16, .i64Store16: return 2
        case .i32Store, .f32Store, .i64Store32: return 4
        case .i64Store, .f64Store: return 8
        }
    }
}

/// The operators of the wide-arithmetic proposal, by their 0xFC sub-opcode: 128-bit add and
/// subtract of (low, high) `i64` pairs, and the full 128-bit product of two `i64`.
public enum WideArithmeticOp: UInt8, Sendable {
    /// `i64.add128`, `i64.sub128`, `i64.mul_wide_s`, `i64.mul_wide_u`.
    case i64Add128 = 19, i64Sub128, i64MulWideS, i64MulWideU
}

/// Numeric operators without immediates. The raw value is the opcode byte (0x45...0xC4),
/// or 0xFC00 + sub-opcode for the saturating truncations (0xFC 0...7).
public enum NumericOp: UInt16, Sendable {
    /// `i32` tests and comparisons (S: signed, U: unsigned): `i32` 1 for true, 0 for false.
    case i32Eqz = 0x45, i32Eq, i32Ne, i32LtS, i32LtU, i32GtS, i32GtU, i32LeS, i32LeU, i32GeS, i32GeU
    /// `i64` tests and comparisons (S: signed, U: unsigned): `i32` 1 for true, 0 for false.
    case i64Eqz = 0x50, i64Eq, i64Ne, i64LtS, i64LtU, i64GtS, i64GtU, i64LeS, i64LeU, i64GeS, i64GeU
    /// `f32` comparisons: `i32` 1 for true, 0 for false; any NaN makes all but `ne` false.
    case f32Eq = 0x5B, f32Ne, f32Lt, f32Gt, f32Le, f32Ge
    /// `f64` comparisons: `i32` 1 for true, 0 for false; any NaN makes all but `ne` false.
    case f64Eq = 0x61, f64Ne, f64Lt, f64Gt, f64Le, f64Ge
    /// `i32` bit counts and wrapping arithmetic; `div` and `rem` trap on zero, `div_s` on overflow.
    case i32Clz = 0x67, i32Ctz, i32Popcnt, i32Add, i32Sub, i32Mul, i32DivS, i32DivU, i32RemS, i32RemU
    /// `i32` bitwise operators, shifts and rotations (the count taken modulo 32).
    case i32And, i32Or, i32Xor, i32Shl, i32ShrS, i32ShrU, i32Rotl, i32Rotr
    /// `i64` bit counts and wrapping arithmetic; `div` and `rem` trap on zero, `div_s` on overflow.
    case i64Clz = 0x79, i64Ctz, i64Popcnt, i64Add, i64Sub, i64Mul, i64DivS, i64DivU, i64RemS, i64RemU
    /// `i64` bitwise operators, shifts and rotations (the count taken modulo 64).
    case i64And, i64Or, i64Xor, i64Shl, i64ShrS, i64ShrU, i64Rotl, i64Rotr
    /// `f32` unary operators (`nearest` rounds ties to even).
    case f32Abs = 0x8B, f32Neg, f32Ceil, f32Floor, f32Trunc, f32Nearest, f32Sqrt
    /// `f32` binary operators (`min` and `max` return NaN if either operand is, and order -0 below +0).
    case f32Add, f32Sub, f32Mul, f32Div, f32Min, f32Max, f32Copysign
    /// `f64` unary operators (`nearest` rounds ties to even).
    case f64Abs = 0x99, f64Neg, f64Ceil, f64Floor, f64Trunc, f64Nearest, f64Sqrt
    /// `f64` binary operators (`min` and `max` return NaN if either operand is, and order -0 below +0).
    case f64Add, f64Sub, f64Mul, f64Div, f64Min, f64Max, f64Copysign
    /// `i32.wrap_i64` (the low 32 bits), and truncations of floats to `i32`, which trap on NaN and
    /// on values out of range.
    case i32WrapI64 = 0xA7, i32TruncF32S, i32TruncF32U, i32TruncF64S, i32TruncF64U
    /// `i64.extend_i32_s`/`_u` (sign or zero extension), and truncations of floats to `i64`, which
    /// trap on NaN and on values out of range.
    case i64ExtendI32S, i64ExtendI32U, i64TruncF32S, i64TruncF32U, i64TruncF64S, i64TruncF64U
    /// Conversions to `f32` (rounding to nearest): from signed or unsigned integers, and from `f64`.
    case f32ConvertI32S, f32ConvertI32U, f32ConvertI64S, f32ConvertI64U, f32DemoteF64
    /// Conversions to `f64`: from signed or unsigned integers (rounding to nearest when inexact), and
    /// from `f32` (exact).
    case f64ConvertI32S, f64ConvertI32U, f64ConvertI64S, f64ConvertI64U, f64PromoteF32
    /// Reinterpretations: the same bits as the other type of the same width.
    case i32ReinterpretF32, i64ReinterpretF64, f32ReinterpretI32, f64ReinterpretI64
    /// Sign extension of an integer's low 8, 16 or 32 bits (the sign-extension operators).
    case i32Extend8S = 0xC0, i32Extend16S, i64Extend8S, i64Extend16S, i64Extend32S
    /// Saturating truncations of floats to `i32`: NaN gives 0, values out of range the nearest bound.
    case i32TruncSatF32S = 0xFC00, i32TruncSatF32U, i32TruncSatF64S, i32TruncSatF64U
    /// Saturating truncations of floats to `i64`: NaN gives 0, values out of range the nearest bound.
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
    /// `v128.load` (16 bytes), and loads of 8 bytes whose lanes each widen to twice their size,
    /// sign- (S) or zero-extended (U).
    case v128Load = 0, load8x8S, load8x8U, load16x4S, load16x4U, load32x2S, load32x2U
    /// Loads of 1, 2, 4 or 8 bytes copied into every lane of that width.
    case load8Splat, load16Splat, load32Splat, load64Splat
    /// Loads of 4 or 8 bytes into the lowest lane, the other lanes zeroed.
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
    /// Lanes of 8, 16, 32 and 64 bits.
    case b8 = 1, b16 = 2, b32 = 4, b64 = 8
    /// The number of lanes of this width in a v128.
    public var laneCount: Int { 16 / Int(rawValue) }
}

/// Lane access operators with a lane immediate; the raw value is the 0xFD sub-opcode.
public enum SIMDLaneOp: UInt8, Sendable {
    /// One of 16 `i8` lanes: extracted to an `i32` (sign- or zero-extended), or replaced.
    case i8x16ExtractLaneS = 21, i8x16ExtractLaneU, i8x16ReplaceLane
    /// One of 8 `i16` lanes: extracted to an `i32` (sign- or zero-extended), or replaced.
    case i16x8ExtractLaneS, i16x8ExtractLaneU, i16x8ReplaceLane
    /// One of 4 `i32` lanes, extracted or replaced.
    case i32x4ExtractLane, i32x4ReplaceLane
    /// One of 2 `i64` lanes, extracted or replaced.
    case i64x2ExtractLane, i64x2ReplaceLane
    /// One of 4 `f32` lanes, extracted or replaced.
    case f32x4ExtractLane, f32x4ReplaceLane
    /// One of 2 `f64` lanes, extracted or replaced.
    case f64x2ExtractLane, f64x2ReplaceLane

    /// The number of lanes of the operator's shape; its lane immediate must be below it.
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
    /// Whether the operator replaces a lane (v128, scalar -> v128) rather than extracting one.
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
