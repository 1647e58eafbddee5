// The translated code's instruction set. Each instruction is one or more 64-bit words; word 0 holds
// the opcode in its low 16 bits and the first operand (usually the destination slot) in its high 32
// bits. Slots are indices into the current frame (8 bytes each; a v128 takes two). Layout per kind:
//   unary:  [op|dst] [src]              binary: [op|dst] [a | b<<32]
//   load:   [op|dst] [addr | offset<<32]      store: [op|value] [addr | offset<<32]
//   branch: [op|cond] [relative word offset]  call: [op|argBase] [FunctionRecord*]
// The numeric cases mirror `NumericOp` one-to-one and in the same order, so translation is an
// addition (see `Op.numeric`).

enum Op: UInt16 {
    // Control and data movement
    case unreachable, br, brIf, brIfNot, brTable, ret, call, callIndirect
    // Fuel-charging variants, emitted only when metering is on: the branch layouts gain one word
    // per way (the cost of the region entered), calls charge the callee's entry region.
    //   brF: [op] [offset] [cost]   brIfF/brIfNotF: [op|cond] [offset] [taken cost] [not-taken cost]
    case brF, brIfF, brIfNotF, callF, callIndirectF
    // Unmetered loop back-edges: the same as br/brIf plus one load of the interrupt flag.
    case brLoop, brIfLoop
    case copy, copy128, const64, const128, select, select128
    case globalGet, globalSet, globalGet128, globalSet128, refIsNull
    // Memory
    case load32, load64, load8S32, load8U, load16S32, load16U, load8S64, load16S64, load32S64
    case store8, store16, store32, store64, load128, store128
    case memorySize, memoryGrow, memoryFill, memoryCopy, memoryInit, dataDrop
    // Tables
    case tableGet, tableSet, tableSize, tableGrow, tableFill, tableCopy, tableInit, elemDrop
    // SIMD (the 0xFD sub-opcode or lane kind travels in a word of its own)
    case simdUnary, simdBinary, simdTernary, simdTest, simdShift, simdSplat
    case simdExtractLane, simdReplaceLane, simdShuffle, simdLoad, simdLoadLane, simdStoreLane
    // Numeric, in NumericOp order
    case i32Eqz, i32Eq, i32Ne, i32LtS, i32LtU, i32GtS, i32GtU, i32LeS
    case i32LeU, i32GeS, i32GeU, i64Eqz, i64Eq, i64Ne, i64LtS, i64LtU
    case i64GtS, i64GtU, i64LeS, i64LeU, i64GeS, i64GeU, f32Eq, f32Ne
    case f32Lt, f32Gt, f32Le, f32Ge, f64Eq, f64Ne, f64Lt, f64Gt
    case f64Le, f64Ge, i32Clz, i32Ctz, i32Popcnt, i32Add, i32Sub, i32Mul
    case i32DivS, i32DivU, i32RemS, i32RemU, i32And, i32Or, i32Xor, i32Shl
    case i32ShrS, i32ShrU, i32Rotl, i32Rotr, i64Clz, i64Ctz, i64Popcnt, i64Add
    case i64Sub, i64Mul, i64DivS, i64DivU, i64RemS, i64RemU, i64And, i64Or
    case i64Xor, i64Shl, i64ShrS, i64ShrU, i64Rotl, i64Rotr, f32Abs, f32Neg
    case f32Ceil, f32Floor, f32Trunc, f32Nearest, f32Sqrt, f32Add, f32Sub, f32Mul
    case f32Div, f32Min, f32Max, f32Copysign, f64Abs, f64Neg, f64Ceil, f64Floor
    case f64Trunc, f64Nearest, f64Sqrt, f64Add, f64Sub, f64Mul, f64Div, f64Min
    case f64Max, f64Copysign, i32WrapI64, i32TruncF32S, i32TruncF32U, i32TruncF64S, i32TruncF64U, i64ExtendI32S
    case i64ExtendI32U, i64TruncF32S, i64TruncF32U, i64TruncF64S, i64TruncF64U, f32ConvertI32S, f32ConvertI32U, f32ConvertI64S
    case f32ConvertI64U, f32DemoteF64, f64ConvertI32S, f64ConvertI32U, f64ConvertI64S, f64ConvertI64U, f64PromoteF32, i32ReinterpretF32
    case i64ReinterpretF64, f32ReinterpretI32, f64ReinterpretI64, i32Extend8S, i32Extend16S, i64Extend8S, i64Extend16S, i64Extend32S
    case i32TruncSatF32S, i32TruncSatF32U, i32TruncSatF64S, i32TruncSatF64U, i64TruncSatF32S, i64TruncSatF32U, i64TruncSatF64S, i64TruncSatF64U

    /// The instruction for a numeric operator.
    static func numeric(_ n: NumericOp) -> Op {
        let raw = n.rawValue
        let index = raw >= 0xFC00 ? 128 + Int(raw - 0xFC00) : Int(raw - 0x45)
        return Op(rawValue: Op.i32Eqz.rawValue + UInt16(index))!
    }
}

/// The opcode of an instruction word. Op's raw values are its case indices, so this is a
/// reinterpretation, not a lookup.
@inline(__always) func decodeOp(_ w: UInt64) -> Op {
    if MemoryLayout<Op>.size == 1 {
        return unsafeBitCast(UInt8(truncatingIfNeeded: w), to: Op.self)
    }
    return unsafeBitCast(UInt16(truncatingIfNeeded: w), to: Op.self)
}
