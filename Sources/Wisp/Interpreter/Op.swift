// The translated code's instruction set. Each instruction is one or more 64-bit words; word 0 holds
// the opcode in its low 32 bits (replaced, once the function is translated, by the word that names
// the opcode's handler: see WISP_NEXT in WispDispatch.h) and the first operand (usually the
// destination slot) in its high 32 bits. Slots are indices into the current frame (8 bytes each; a v128 takes two). Layout per kind:
//   unary:  [op|dst] [src]              binary: [op|dst] [a | b<<32]
//   load:   [op|dst] [addr | offset<<32]      store: [op|value] [addr | offset<<32]
//   branch: [op|cond] [relative word offset]  call: [op|argBase] [FunctionRecord*]
// The numeric cases mirror `NumericOp` one-to-one and in the same order, so translation is an
// addition (see `Op.numeric`).

import WispDispatch

/// Whether the translator emits the fused forms (compare-and-branch, constant operands, address
/// adds). The C flag that decides it also decides whether their handlers exist, so the two
/// cannot disagree: see WISP_FUSION in WispDispatch.h.
let fusionEnabled = WISP_FUSION != 0

enum Op: UInt16 {
    // Control and data movement
    case unreachable, br, brIf, brIfNot, brTable, ret, call, callIndirect
    // Fuel-charging variants, emitted only when metering is on: the branch layouts gain one word
    // per way (the cost of the region entered), calls charge the callee's entry region.
    //   brF: [op] [offset] [cost]   brIfF/brIfNotF: [op|cond] [offset] [taken cost] [not-taken cost]
    case brF, brIfF, brIfNotF, callF, callIndirectF
    // Unmetered loop back-edges: the same as br/brIf plus one load of the interrupt flag.
    case brLoop, brIfLoop
    // An i32 comparison fused with the conditional branch that consumes it (unmetered code):
    // [op|a] [b or imm32] [offset]; taken backward branches check the interrupt flag.
    case brI32Eq, brI32Ne, brI32LtS, brI32LtU, brI32GtS, brI32GtU, brI32LeS, brI32LeU, brI32GeS, brI32GeU
    case brI32EqI, brI32NeI, brI32LtSI, brI32LtUI, brI32GtSI, brI32GtUI, brI32LeSI, brI32LeUI, brI32GeSI, brI32GeUI
    // The same, charging fuel like brIfF: [op|a] [b or imm32] [offset] [taken cost] [not-taken cost]
    case brI32EqF, brI32NeF, brI32LtSF, brI32LtUF, brI32GtSF, brI32GtUF, brI32LeSF, brI32LeUF, brI32GeSF, brI32GeUF
    case brI32EqIF, brI32NeIF, brI32LtSIF, brI32LtUIF, brI32GtSIF, brI32GtUIF, brI32LeSIF, brI32LeUIF, brI32GeSIF, brI32GeUIF
    // Binary operators with a constant right operand folded in: [op|dst] [a | imm32 << 32]
    // (i64 forms sign-extend the immediate, so only constants that fit 32 bits fold).
    case i32AddI, i32MulI, i32AndI, i32OrI, i32XorI, i32ShlI, i32ShrSI, i32ShrUI, i32EqI
    case i32NeI, i32LtSI, i32LtUI, i32GtSI, i32GtUI, i32LeSI, i32LeUI, i32GeSI, i32GeUI, i64AddI
    case i64SubI, i64AndI, i64ShlI, i64ShrSI, i64ShrUI, i64EqI, i64NeI, i64LtSI
    case i64LtUI, i64GtSI, i64GtUI, i64LeUI, i64GeUI
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
    // Stores of a constant: the value is word 0's operand, a sign-extended imm32:
    //   [op|imm32] [addr | offset<<32]
    case store8I, store16I, store32I, store64I
    // Rotations by a constant (immediate forms like i32AddI)
    case i32RotlI, i32RotrI, i64RotlI, i64RotrI
    // A load whose address is an i32.add of a constant just computed: the add (with its 32-bit
    // wraparound) happens in the load.  [op|dst] [base | offset<<32] [imm32]
    case load32A, load64A, load8UA, load8S32A, load16S32A, load16UA
    // The same with an i32.add of two values: [op|dst] [a | b<<32] [offset]
    case load32R, load64R, load8UR, load8S32R, load16S32R, load16UR
    // Stores whose address is an i32.add of a constant just computed (wrapping, like load32A):
    //   [op|value slot or imm32] [base | offset<<32] [imm32]
    case store8A, store16A, store32A, store64A, store8IA, store16IA, store32IA, store64IA
    // Two copies in a row, done in order (the second may read what the first wrote):
    //   [op|dst1] [src1 | dst2<<32] [src2]
    case copy2
    // Two i32.add of a constant in a row, done in order (the second may read the first's result):
    //   [op|dst1] [a1 | imm1<<32] [a2 | dst2<<32] [imm2]
    case i32AddI2
    // f64 operators with one constant operand, its bits in a word of its own; the L forms have the
    // constant on the left, so that every form computes its operands in the source order:
    //   [op|dst] [a] [k]
    case f64AddK, f64AddKL, f64SubK, f64SubKL, f64MulK, f64MulKL, f64DivK, f64DivKL
    // 64-bit loads and stores at a constant address (C globals: `i32.const 0; f64.load offset=X`),
    // the effective address (constant + offset, up to 2^33) in a word of its own:
    //   load64K: [op|dst] [ea]      store64K: [op|value] [ea]
    case load64K, store64K
    // A function's first instruction when it has more than four slots of locals: zeroes them
    // (calls zero up to four themselves, in straight-line stores).  [op|first slot] [count]
    case zeroLocals
    // Where a call to a host function or to a function not translated yet goes on: the call
    // instruction leaves its callee in the VMState and jumps here, a one-word stub of the
    // VMState's own, so that the call instructions themselves make no calls (see `enter`).
    case callSlow
    // Exception handling (Exceptions/Unwinding.swift). throwTag: [op|first payload slot] [tag index];
    // throwRef: [op|exnref slot]. Both unwind to the innermost matching catch clause.
    case throwTag, throwRef
    // Tail calls: the callee takes over the caller's frame (arguments already moved to its
    // slot 0 on). returnCall: [op] [FunctionRecord*]; returnCallIndirect: like callIndirect.
    case returnCall, returnCallIndirect
    // Frequent SIMD operators with handlers of their own (fused builds; SIMDDispatch.swift): the
    // words of simdBinary and simdUnary, [op|dst] [a | b << 32] [sub-opcode], without the shared
    // handlers' call and second dispatch on the sub-opcode.
    case v128And, v128Andnot, v128Or, v128Xor, i8x16NarrowI16x8U, i8x16Add,
         i8x16Sub, i16x8NarrowI32x4U, i16x8Add, i16x8Sub, i16x8Mul, i32x4Add,
         i32x4Sub, i32x4Mul, i32x4MinS, i32x4MinU, i32x4MaxS, i32x4MaxU,
         i64x2Add, i64x2Sub, f32x4Add, f32x4Sub, f32x4Mul, f64x2Add,
         f64x2Sub, f64x2Mul, i16x8ExtendLowI8x16S, i16x8ExtendHighI8x16S, i16x8ExtendLowI8x16U, i16x8ExtendHighI8x16U,
         i32x4ExtendLowI16x8S, i32x4ExtendHighI16x8S, i32x4ExtendLowI16x8U, i32x4ExtendHighI16x8U
    // An f64 operator whose result only a store64 right after it uses, the store folded in
    // (`c[j] += a * b`, `v -= d * m`): the operator's words in one of its D modes, then the
    // store's two words [store64|-] [address | offset << 32], which no dispatch reaches (the
    // store keeps its position in the pc map, for a trap). Family `binaryStore`.
    case f64AddSt, f64SubSt, f64MulSt

    /// The form of f64 operator `self` with the store of its result folded in, if any.
    var withStore: Op? {
        guard fusionEnabled else { return nil }
        switch self {
        case .f64Add: return .f64AddSt
        case .f64Sub: return .f64SubSt
        case .f64Mul: return .f64MulSt
        default: return nil
        }
    }

    /// The handler of its own for SIMD operator `code` (binary or unary), if it has one.
    static func simdDedicated(_ code: UInt32) -> Op? {
        guard fusionEnabled else { return nil }
        switch code {
        case 78: return .v128And
        case 79: return .v128Andnot
        case 80: return .v128Or
        case 81: return .v128Xor
        case 102: return .i8x16NarrowI16x8U
        case 110: return .i8x16Add
        case 113: return .i8x16Sub
        case 134: return .i16x8NarrowI32x4U
        case 142: return .i16x8Add
        case 145: return .i16x8Sub
        case 149: return .i16x8Mul
        case 174: return .i32x4Add
        case 177: return .i32x4Sub
        case 181: return .i32x4Mul
        case 182: return .i32x4MinS
        case 183: return .i32x4MinU
        case 184: return .i32x4MaxS
        case 185: return .i32x4MaxU
        case 206: return .i64x2Add
        case 209: return .i64x2Sub
        case 228: return .f32x4Add
        case 229: return .f32x4Sub
        case 230: return .f32x4Mul
        case 240: return .f64x2Add
        case 241: return .f64x2Sub
        case 242: return .f64x2Mul
        case 135: return .i16x8ExtendLowI8x16S
        case 136: return .i16x8ExtendHighI8x16S
        case 137: return .i16x8ExtendLowI8x16U
        case 138: return .i16x8ExtendHighI8x16U
        case 167: return .i32x4ExtendLowI16x8S
        case 168: return .i32x4ExtendHighI16x8S
        case 169: return .i32x4ExtendLowI16x8U
        case 170: return .i32x4ExtendHighI16x8U
        default: return nil
        }
    }

    /// The form of f64 operator `n` with a constant operand on the left (`left`) or right, if any.
    static func withConstant(_ n: NumericOp, left: Bool) -> Op? {
        guard fusionEnabled else { return nil }
        switch n {
        case .f64Add: return left ? .f64AddKL : .f64AddK
        case .f64Sub: return left ? .f64SubKL : .f64SubK
        case .f64Mul: return left ? .f64MulKL : .f64MulK
        case .f64Div: return left ? .f64DivKL : .f64DivK
        default: return nil
        }
    }

    /// The immediate form of `n` with constant right operand `c`, if there is one and `c` fits.
    static func immediate(_ n: NumericOp, _ c: UInt64) -> (op: Op, value: Int32)? {
        guard fusionEnabled else { return nil }
        let is64 = (0x79...0x8A).contains(n.rawValue) || (0x51...0x5A).contains(n.rawValue)
        if is64 {
            let v = Int64(bitPattern: c)
            guard v >= Int64(Int32.min) && v <= Int64(Int32.max) else { return nil }
        }
        let imm = Int32(truncatingIfNeeded: c)
        switch n {
        case .i32Add: return (.i32AddI, imm)
        // x - c is x + (-c) in 32-bit wrapping arithmetic: one form for both, so subtractions
        // join the adds' fusions (address adds, add pairs, adds folded into branches).
        case .i32Sub: return (.i32AddI, 0 &- imm)
        case .i32Mul: return (.i32MulI, imm)
        case .i32And: return (.i32AndI, imm)
        case .i32Or: return (.i32OrI, imm)
        case .i32Xor: return (.i32XorI, imm)
        case .i32Shl: return (.i32ShlI, imm)
        case .i32ShrS: return (.i32ShrSI, imm)
        case .i32ShrU: return (.i32ShrUI, imm)
        case .i32Eq: return (.i32EqI, imm)
        case .i32Ne: return (.i32NeI, imm)
        case .i32LtS: return (.i32LtSI, imm)
        case .i32LtU: return (.i32LtUI, imm)
        case .i32GtS: return (.i32GtSI, imm)
        case .i32GtU: return (.i32GtUI, imm)
        case .i32LeS: return (.i32LeSI, imm)
        case .i32LeU: return (.i32LeUI, imm)
        case .i32GeS: return (.i32GeSI, imm)
        case .i32GeU: return (.i32GeUI, imm)
        case .i64Add: return (.i64AddI, imm)
        case .i64Sub: return (.i64SubI, imm)
        case .i64And: return (.i64AndI, imm)
        case .i64Shl: return (.i64ShlI, imm)
        case .i64ShrS: return (.i64ShrSI, imm)
        case .i64ShrU: return (.i64ShrUI, imm)
        case .i64Eq: return (.i64EqI, imm)
        case .i64Ne: return (.i64NeI, imm)
        case .i64LtS: return (.i64LtSI, imm)
        case .i64LtU: return (.i64LtUI, imm)
        case .i64GtS: return (.i64GtSI, imm)
        case .i64GtU: return (.i64GtUI, imm)
        case .i64LeU: return (.i64LeUI, imm)
        case .i64GeU: return (.i64GeUI, imm)
        case .i32Rotl: return (.i32RotlI, imm)
        case .i32Rotr: return (.i32RotrI, imm)
        case .i64Rotl: return (.i64RotlI, imm)
        case .i64Rotr: return (.i64RotrI, imm)
        default: return nil
        }
    }

    /// The form of store `op` that adds a constant to its address first (see store8A), if any.
    static func storeAddressAdding(_ op: Op) -> Op? {
        switch op {
        case .store8: return .store8A
        case .store16: return .store16A
        case .store32: return .store32A
        case .store64: return .store64A
        case .store8I: return .store8IA
        case .store16I: return .store16IA
        case .store32I: return .store32IA
        case .store64I: return .store64IA
        default: return nil
        }
    }

    /// The form of load `op` that adds two values to make its address (see load32R), if any.
    static func addressAddingRegisters(_ op: Op) -> Op? {
        switch op {
        case .load32: return .load32R
        case .load64: return .load64R
        case .load8U: return .load8UR
        case .load8S32: return .load8S32R
        case .load16S32: return .load16S32R
        case .load16U: return .load16UR
        default: return nil
        }
    }

    /// The form of load `op` that adds a constant to its address first (see load32A), if any.
    static func addressAdding(_ op: Op) -> Op? {
        switch op {
        case .load32: return .load32A
        case .load64: return .load64A
        case .load8U: return .load8UA
        case .load8S32: return .load8S32A
        case .load16S32: return .load16S32A
        case .load16U: return .load16UA
        default: return nil
        }
    }

    /// The operator that gives the same result with its operands swapped, if any.
    static func mirrored(_ n: NumericOp) -> NumericOp? {
        switch n {
        case .i32Add: return .i32Add
        case .i32Mul: return .i32Mul
        case .i32And: return .i32And
        case .i32Or: return .i32Or
        case .i32Xor: return .i32Xor
        case .i32Eq: return .i32Eq
        case .i32Ne: return .i32Ne
        case .i32LtS: return .i32GtS
        case .i32GtS: return .i32LtS
        case .i32LtU: return .i32GtU
        case .i32GtU: return .i32LtU
        case .i32LeS: return .i32GeS
        case .i32GeS: return .i32LeS
        case .i32LeU: return .i32GeU
        case .i32GeU: return .i32LeU
        case .i64Add: return .i64Add
        case .i64Mul: return .i64Mul
        case .i64And: return .i64And
        case .i64Or: return .i64Or
        case .i64Xor: return .i64Xor
        case .i64Eq: return .i64Eq
        case .i64Ne: return .i64Ne
        case .i64LtS: return .i64GtS
        case .i64GtS: return .i64LtS
        case .i64LtU: return .i64GtU
        case .i64GtU: return .i64LtU
        case .i64LeS: return .i64GeS
        case .i64GeS: return .i64LeS
        case .i64LeU: return .i64GeU
        case .i64GeU: return .i64LeU
        default: return nil
        }
    }

    /// Per i32 comparison: (plain, immediate, branch, branchI, negated branch, negated branchI,
    /// and the four fuel-charging branches). Built once: the translator asks at every br_if and if.
    static let fusedBranches: [(Op, Op, Op, Op, Op, Op, Op, Op, Op, Op)] = [
        (.i32Eq, .i32EqI, .brI32Eq, .brI32EqI, .brI32Ne, .brI32NeI, .brI32EqF, .brI32EqIF, .brI32NeF, .brI32NeIF),
        (.i32Ne, .i32NeI, .brI32Ne, .brI32NeI, .brI32Eq, .brI32EqI, .brI32NeF, .brI32NeIF, .brI32EqF, .brI32EqIF),
        (.i32LtS, .i32LtSI, .brI32LtS, .brI32LtSI, .brI32GeS, .brI32GeSI, .brI32LtSF, .brI32LtSIF, .brI32GeSF, .brI32GeSIF),
        (.i32LtU, .i32LtUI, .brI32LtU, .brI32LtUI, .brI32GeU, .brI32GeUI, .brI32LtUF, .brI32LtUIF, .brI32GeUF, .brI32GeUIF),
        (.i32GtS, .i32GtSI, .brI32GtS, .brI32GtSI, .brI32LeS, .brI32LeSI, .brI32GtSF, .brI32GtSIF, .brI32LeSF, .brI32LeSIF),
        (.i32GtU, .i32GtUI, .brI32GtU, .brI32GtUI, .brI32LeU, .brI32LeUI, .brI32GtUF, .brI32GtUIF, .brI32LeUF, .brI32LeUIF),
        (.i32LeS, .i32LeSI, .brI32LeS, .brI32LeSI, .brI32GtS, .brI32GtSI, .brI32LeSF, .brI32LeSIF, .brI32GtSF, .brI32GtSIF),
        (.i32LeU, .i32LeUI, .brI32LeU, .brI32LeUI, .brI32GtU, .brI32GtUI, .brI32LeUF, .brI32LeUIF, .brI32GtUF, .brI32GtUIF),
        (.i32GeS, .i32GeSI, .brI32GeS, .brI32GeSI, .brI32LtS, .brI32LtSI, .brI32GeSF, .brI32GeSIF, .brI32LtSF, .brI32LtSIF),
        (.i32GeU, .i32GeUI, .brI32GeU, .brI32GeUI, .brI32LtU, .brI32LtUI, .brI32GeUF, .brI32GeUIF, .brI32LtUF, .brI32LtUIF)
    ]

    /// The fused branch for a comparison instruction `op` (plain or immediate), branching when the
    /// comparison holds, or when it fails if `negated`; the fuel-charging variant if `metered`.
    static func fusedBranch(_ op: Op, negated: Bool, metered: Bool = false) -> Op? {
        for (plain, immediate, branch, branchI, negBranch, negBranchI, branchF, branchIF, negBranchF, negBranchIF) in Op.fusedBranches {
            if op == plain { return metered ? (negated ? negBranchF : branchF) : (negated ? negBranch : branch) }
            if op == immediate { return metered ? (negated ? negBranchIF : branchIF) : (negated ? negBranchI : branchI) }
        }
        return nil
    }

    /// The instruction for a numeric operator.
    static func numeric(_ n: NumericOp) -> Op {
        let raw = n.rawValue
        let index = raw >= 0xFC00 ? 128 + Int(raw - 0xFC00) : Int(raw - 0x45)
        return Op(rawValue: Op.i32Eqz.rawValue + UInt16(index))!
    }
}

// MARK: Accumulator variants

/// Accumulator modes (WISP_MODE_* in WispDispatch.h): bits of a translated instruction's word 0,
/// above its opcode (bits 16 to 21), while the translator works; `link` turns the pair into the
/// variant's handler.
enum AccumulatorMode {
    /// The first operand (or a memory access's address) comes from the accumulator.
    static let l: UInt64 = 1
    /// The second operand (or a store's value) comes from the accumulator.
    static let r: UInt64 = 2
    /// The result goes to the accumulator.
    static let d: UInt64 = 4
    /// A compare-and-branch computes its first operand as the i32AddI before it did.
    static let addImmediate: UInt64 = 8
    /// The same for an i32Add.
    static let add: UInt64 = 16
    /// A load's address is its operand shifted left by a constant (an i32.shl folded in). The
    /// same bit as `addImmediate`: the two families never share an instruction.
    static let scaled: UInt64 = 8
    /// A branch's condition is a byte of linear memory (load8U folded in); the same bit again.
    static let memoryByte: UInt64 = 8
    /// A branch's condition is a 32-bit word of linear memory (load32 folded in).
    static let memoryWord: UInt64 = 16
    /// A binary operator reads its second operand from linear memory (a load folded in).
    static let memoryRight: UInt64 = 32
    static let shift: UInt64 = 16
    static let mask: UInt64 = 0x3F
}

/// The accumulator families of WispDispatch.h (the WISP_ACC* macros): which modes an
/// instruction has, in the order its variants' handlers follow the plain instructions.
enum AccumulatorKind {
    /// Two operands and a result: D, L, LD, R, RD.
    case binary
    /// The same, and the second operand may come from linear memory: MR, MRD, LMR, LMRD.
    case binaryMemory
    /// One operand (an address, for loads) and a result: D, L, LD.
    case unary
    /// A load: D, L, LD, and the scaled-address modes S, SD, LS, LSD.
    case load
    /// Two operands, no result (stores): L, R.
    case twoInputs
    /// Compare-and-branch on two slots: L, R, and the two add modes.
    case compareBranch
    /// Compare-and-branch on a slot and a constant: L and the two add modes.
    case compareBranchI
    /// An unconditional branch: AI, the i32AddI before it folded in.
    case jump
    /// One operand, no result (branches on one slot): L, and the memory modes M8 (the condition
    /// is a byte of linear memory) and M32 (a word).
    case oneInput
    /// An f64 operator with the store64 of its result folded in: D, LD, RD, MRD, LMRD.
    case binaryStore
    /// br_table: L (the index from the accumulator), AI and LAI (the i32AddI before it folded in;
    /// LAI: that add read the accumulator).
    case table

    /// The variants' modes, in handler order.
    var modes: [UInt64] {
        switch self {
        case .binary: [4, 1, 5, 2, 6]
        case .binaryMemory: [4, 1, 5, 2, 6, 32, 36, 33, 37]
        case .unary: [4, 1, 5]
        case .load: [4, 1, 5, 8, 12, 9, 13]
        case .twoInputs: [1, 2]
        case .compareBranch: [1, 2, 8, 16]
        case .compareBranchI: [1, 8, 16]
        case .oneInput: [1, 8, 16]
        case .jump: [8]
        case .table: [1, 8, 9]
        case .binaryStore: [4, 5, 6, 36, 37]
        }
    }

    /// Whether the instruction computes a value it could leave in the accumulator.
    var producesResult: Bool { self == .binary || self == .binaryMemory || self == .unary || self == .load }
}

extension Op {
    /// The instruction's accumulator family, if it has one. WISP_VARIANTS lists the same
    /// instructions in the same (enumeration) order; DispatchTableTests checks it.
    var accumulatorKind: AccumulatorKind? {
        switch self {
        case .br:
            return .jump
        case .brIf, .brIfNot:
            return .oneInput
        case .brTable:
            return .table
        case .f64AddSt, .f64SubSt, .f64MulSt:
            return .binaryStore
        case .brI32EqI, .brI32NeI, .brI32LtSI, .brI32LtUI, .brI32GtSI, .brI32GtUI, .brI32LeSI, .brI32LeUI, .brI32GeSI, .brI32GeUI:
            return .compareBranchI
        case .brI32Eq, .brI32Ne, .brI32LtS, .brI32LtU, .brI32GtS, .brI32GtU, .brI32LeS, .brI32LeU, .brI32GeS, .brI32GeU:
            return .compareBranch
        case .i32AddI, .i32MulI, .i32AndI, .i32OrI, .i32XorI, .i32ShlI, .i32ShrSI, .i32ShrUI,
             .i64AddI, .i64AndI, .i64ShlI, .i64ShrSI, .i64ShrUI,
             .i64ExtendI32S, .i64ExtendI32U, .i32RotlI, .i32RotrI,
             .f64AddK, .f64AddKL, .f64SubK, .f64SubKL, .f64MulK, .f64MulKL, .f64DivK, .f64DivKL,
             .load32A, .load64A, .load8UA, .load8S32A, .load16S32A, .load16UA:
            return .unary
        case .load32, .load64, .load8S32, .load8U, .load16S32, .load16U:
            return .load
        case .store8, .store16, .store32, .store64:
            return .twoInputs
        case .i32Add, .i32Sub, .i32Mul, .i32And, .i32Or, .i32Xor, .i64Add, .i64Sub, .f64Add, .f64Sub, .f64Mul, .f64Div:
            return .binaryMemory
        case .load32R, .load64R, .load8UR, .load8S32R, .load16S32R, .load16UR,
             .i32Shl, .i32ShrS, .i32ShrU, .i32Rotl, .i64Mul, .i64And, .i64Or, .i64Xor, .i64Shl, .i64ShrS, .i64ShrU,
             .f32Add, .f32Sub, .f32Mul, .f32Div:
            return .binary
        default:
            return nil
        }
    }

    /// The number of plain instructions: the variants' handlers follow them in the table.
    static let plainCount = Int(Op.f64MulSt.rawValue) + 1

    /// Per plain instruction, the handler index of its first accumulator variant (0: none).
    static let firstVariant: [UInt16] = {
        var first = [UInt16](repeating: 0, count: plainCount)
        var next = plainCount
        for raw in 0..<plainCount {
            guard let kind = Op(rawValue: UInt16(raw))!.accumulatorKind else { continue }
            first[raw] = UInt16(next)
            next += kind.modes.count
        }
        return first
    }()

    /// Two instructions in a row run by one handler (WISP_PAIRS in WispDispatch.h, same order):
    /// (first, its mode, second, its mode). Chosen from the workloads' dispatch profiles.
#if WISP_NO_FUSION
    // Builds without fusion have no pairs (nor the table's code: the firmware's 150 KB budget).
    static let pairs: [(Op, UInt64, Op, UInt64)] = []
    static let pairIndex: [UInt32: UInt16] = [:]
#else
    static let pairs: [(Op, UInt64, Op, UInt64)] = [
        (.store8IA, 0, .brI32LtU, AccumulatorMode.add),
        (.i32AddI, 0, .brI32Ne, AccumulatorMode.r),
        (.i32AddI, 0, .call, 0),
        (.i32Add, 0, .ret, 0),
        (.i32Add, 0, .brI32GtUI, AccumulatorMode.addImmediate),
        (.f64AddSt, 37, .i32AddI, 0),
        (.i32AddI2, 0, .i32AddI, 0),
        (.i32AddI, 0, .load64A, AccumulatorMode.d),
        (.f64Mul, AccumulatorMode.r | AccumulatorMode.d, .f64AddSt, 37),
        (.f64Mul, 36, .f64AddSt, 37),
        (.load64A, AccumulatorMode.d, .f64Mul, AccumulatorMode.r | AccumulatorMode.d),
        (.f64AddSt, 37, .i32AddI2, 0),
        (.f64Mul, AccumulatorMode.d, .f64Mul, AccumulatorMode.l | AccumulatorMode.d),
        (.i32AddI, 0, .i32AddI, 0),
        (.i32AddI, 0, .load32, 0),
        (.i32AddI, 0, .copy, 0),
        (.copy, 0, .i32AddI, 0),
        (.i32AddI, 0, .brTable, 0),
        (.load32, AccumulatorMode.scaled, .brLoop, 0),
        (.i32RotlI, AccumulatorMode.d, .i32Xor, AccumulatorMode.r),
        (.i32AddI, 0, .i32ShlI, AccumulatorMode.d),
        (.i32AddI, 0, .f64Mul, AccumulatorMode.d),
        (.f64Mul, AccumulatorMode.l | AccumulatorMode.d, .f64AddSt, 37),
        (.i32AddI, 0, .load32, AccumulatorMode.l),
        (.load32, AccumulatorMode.l, .brI32LtS, AccumulatorMode.l),
        (.copy, 0, .brI32GtS, 0),
        (.load32, 0, .i32AddI, 0),
        (.i32ShlI, AccumulatorMode.l | AccumulatorMode.d, .i32Add, AccumulatorMode.r | AccumulatorMode.d),
        (.i32AndI, 0, .brI32EqI, AccumulatorMode.l),
        (.i32ShlI, AccumulatorMode.d, .i32AddI, AccumulatorMode.l),
        (.i32AddI, AccumulatorMode.l, .copy, 0),
        (.load8U, 0, .brTable, AccumulatorMode.l | AccumulatorMode.addImmediate),
        (.i32AddI, 0, .i32Add, AccumulatorMode.l | AccumulatorMode.d),
        (.i32Add, AccumulatorMode.l | AccumulatorMode.d, .load8U, AccumulatorMode.l | AccumulatorMode.d),
        (.load64A, AccumulatorMode.d, .f64Sub, AccumulatorMode.r),
        (.load64, 0, .f64Mul, AccumulatorMode.d),
        (.f64Mul, AccumulatorMode.l | AccumulatorMode.d, .f64SubSt, AccumulatorMode.r | AccumulatorMode.d),
        (.f64SubSt, AccumulatorMode.r | AccumulatorMode.d, .load64, 0),
        (.i32Sub, 0, .brI32GtUI, AccumulatorMode.l),
        (.i32RotlI, 0, .i32RotlI, AccumulatorMode.d),
        (.copy2, 0, .copy2, 0),
        (.i32Xor, AccumulatorMode.r, .i32RotlI, AccumulatorMode.d),
        (.i32Xor, AccumulatorMode.r | AccumulatorMode.d, .i32Add, AccumulatorMode.r),
        (.i32RotlI, AccumulatorMode.d, .i32Xor, AccumulatorMode.r | AccumulatorMode.d),
        (.i32AddI, 0, .load32, AccumulatorMode.scaled),
        (.i32AndI, AccumulatorMode.l, .load8UR, AccumulatorMode.d),
        (.i32AndI, AccumulatorMode.l | AccumulatorMode.d, .brI32Ne, AccumulatorMode.r),
        (.load8U, AccumulatorMode.l | AccumulatorMode.d, .i32AndI, AccumulatorMode.l),
        (.load8UR, AccumulatorMode.d, .i32AndI, AccumulatorMode.l | AccumulatorMode.d),
        (.load32, AccumulatorMode.scaled, .brI32GtSI, AccumulatorMode.l),
        (.copy, 0, .i32AndI, 0),
        (.load8U, 0, .brI32NeI, AccumulatorMode.l),
        (.i32MulI, AccumulatorMode.d, .i32Add, AccumulatorMode.r),
        (.i32Add, AccumulatorMode.r, .load8U, 0),
        (.i32AddI, 0, .brIfLoop, 0),
        (.load32A, AccumulatorMode.d, .i32Add, AccumulatorMode.r),
        (.load8UR, 0, .load8UR, AccumulatorMode.d),
        (.load8UR, AccumulatorMode.d, .brI32Ne, AccumulatorMode.r),
        (.i32ShrUI, AccumulatorMode.d, .i32Xor, AccumulatorMode.r | AccumulatorMode.d),
        (.load64K, 0, .f64MulK, AccumulatorMode.d),
        (.f64Add, AccumulatorMode.l, .store64K, 0),
        (.f64MulK, AccumulatorMode.d, .f64Add, AccumulatorMode.l),
        (.load32A, 0, .i32RotlI, AccumulatorMode.l),
        (.i32Xor, AccumulatorMode.r, .i32ShrUI, AccumulatorMode.d),
        (.i32RotlI, AccumulatorMode.l, .i32RotlI, AccumulatorMode.d),
        (.i32Add, 0, .i32AddI, AccumulatorMode.l | AccumulatorMode.d),
        (.store64K, 0, .load64K, 0),
        (.load16S32, 0, .load16S32, AccumulatorMode.d),
        (.i32AddI, AccumulatorMode.l | AccumulatorMode.d, .i32AndI, AccumulatorMode.l | AccumulatorMode.d),
        (.copy2, 0, .copy, 0),
        (.copy, 0, .brLoop, 0),
        (.store32, 0, .copy2, 0),
        (.i32AddI2, 0, .brI32NeI, 0),
        (.load16S32A, 0, .i32Add, 0),
        (.i32AddI, AccumulatorMode.l | AccumulatorMode.d, .load16S32, AccumulatorMode.l | AccumulatorMode.d),
        (.load16S32, AccumulatorMode.l | AccumulatorMode.d, .i32Mul, AccumulatorMode.r),
        (.i32Mul, AccumulatorMode.r | AccumulatorMode.d, .i32Add, AccumulatorMode.l | AccumulatorMode.d),
        (.load16S32, AccumulatorMode.d, .i32Mul, AccumulatorMode.r | AccumulatorMode.d),
        (.i32Add, AccumulatorMode.l | AccumulatorMode.d, .i32Add, AccumulatorMode.r),
        (.i32Add, AccumulatorMode.r, .i32AddI2, 0),
        (.i32Mul, AccumulatorMode.r, .load16S32, 0),
        (.select, 0, .copy, 0),
        (.i32AddI, 0, .load8U, 0),
        (.copy, 0, .i32ShrUI, AccumulatorMode.d),
        (.i32AndI, AccumulatorMode.l, .i32XorI, AccumulatorMode.l),
        (.i32ShrUI, AccumulatorMode.d, .i32AndI, AccumulatorMode.l),
        (.load32, 0, .copy2, 0),
        (.load32, 0, .brI32GeS, AccumulatorMode.addImmediate),
        (.copy2, 0, .brIf, 0),
        (.load32, 0, .brIfLoop, 0),
        (.i32AndI, AccumulatorMode.l, .select, 0),
        (.i32XorI, AccumulatorMode.l, .i32ShrUI, AccumulatorMode.d),
        (.load16U, AccumulatorMode.d, .brI32Eq, AccumulatorMode.l),
        (.load32, 0, .copy, 0),
        (.i32AddI, 0, .brI32GtS, AccumulatorMode.r),
        (.store32, 0, .store32A, 0),
        (.store32A, 0, .copy2, 0),
        (.copy2, 0, .brI32LeS, 0),
        (.load32, 0, .brI32GtS, AccumulatorMode.l),
        (.i32AddI, 0, .i32GtS, 0),
        (.copy, 0, .brIfLoop, 0),
        (.i32GtS, 0, .i32AddI, 0),
        (.store32A, 0, .i32AddI, 0),
        (.load8U, 0, .i32AddI, AccumulatorMode.l | AccumulatorMode.d),
        (.i32AddI2, 0, .copy, 0),
        (.i32AndI, AccumulatorMode.l | AccumulatorMode.d, .brI32LtUI, AccumulatorMode.l),
        (.copy, 0, .load8U, 0),
        (.const64, 0, .i64Mul, 0),
        (.i64Mul, 0, .i64ExtendI32U, AccumulatorMode.d),
        (.i64AndI, AccumulatorMode.l | AccumulatorMode.d, .i64Add, AccumulatorMode.r),
        (.i64Add, AccumulatorMode.r, .i32AddI2, 0),
        (.i64ExtendI32U, AccumulatorMode.d, .i64AndI, AccumulatorMode.l | AccumulatorMode.d),
        (.i32AddI, 0, .br, AccumulatorMode.addImmediate),
        (.i32AddI, 0, .const64, 0),
        (.load64, 0, .load64, 0),
        (.f64Sub, AccumulatorMode.r, .f64Mul, AccumulatorMode.r),
        (.f64Mul, AccumulatorMode.r, .load64A, AccumulatorMode.d),
        (.f64Mul, AccumulatorMode.r | AccumulatorMode.d, .f64Add, AccumulatorMode.r | AccumulatorMode.d),
        (.f64Add, AccumulatorMode.r, .f64Sqrt, 0),
        (.f64Add, AccumulatorMode.r | AccumulatorMode.d, .f64Add, AccumulatorMode.r),
        (.f64Sub, AccumulatorMode.r, .f64Mul, AccumulatorMode.r | AccumulatorMode.d),
        (.i32AddI, 0, .load64, AccumulatorMode.l | AccumulatorMode.d),
        (.load64, 0, .i32AddI, 0),
        (.f64Sqrt, 0, .f64Mul, AccumulatorMode.d),
        (.f64Mul, 0, .load64A, AccumulatorMode.d),
        (.load64A, 0, .f64Mul, AccumulatorMode.r),
        (.load64, AccumulatorMode.l | AccumulatorMode.d, .f64Sub, AccumulatorMode.r),
        (.f64Sub, AccumulatorMode.r, .load64A, 0),
        (.f64Mul, AccumulatorMode.d, .f64DivKL, AccumulatorMode.l),
        (.f64Mul, AccumulatorMode.r, .f64Mul, 0),
        (.f64Mul, AccumulatorMode.r | AccumulatorMode.d, .f64SubSt, AccumulatorMode.r | AccumulatorMode.d),
        (.f64DivKL, AccumulatorMode.l, .f64Mul, AccumulatorMode.r | AccumulatorMode.d),
        (.f64AddSt, 37, .copy, 0),
        (.f64SubSt, AccumulatorMode.r | AccumulatorMode.d, .i32AddI, 0),
        (.i32AddI2, 0, .brI32NeI, AccumulatorMode.addImmediate),
        (.copy2, 0, .i32Xor, AccumulatorMode.d),
        (.i32Add, AccumulatorMode.r, .i32Add, 0),
        (.copy, 0, .i32And, 0),
        (.copy, 0, .i32RotlI, 0),
        (.i32Add, 0, .copy2, 0),
        (.i32And, 0, .i32And, AccumulatorMode.d),
        (.i32Xor, 0, .copy, 0),
        (.copy2, 0, .i32Xor, 0),
        (.copy2, 0, .brI32NeI, AccumulatorMode.addImmediate),
        (.i32Add, AccumulatorMode.r, .copy, 0),
        (.i32Add, AccumulatorMode.r, .copy2, 0),
        (.i32Add, AccumulatorMode.r, .i32Add, AccumulatorMode.r),
        (.i32Add, AccumulatorMode.r, .load32A, AccumulatorMode.d),
        (.i32Add, AccumulatorMode.r, .load32R, AccumulatorMode.d),
        (.i32And, AccumulatorMode.d, .i32Xor, AccumulatorMode.r),
        (.i32And, AccumulatorMode.l | AccumulatorMode.d, .i32Xor, AccumulatorMode.l | AccumulatorMode.d),
        (.i32Xor, AccumulatorMode.d, .i32And, AccumulatorMode.l | AccumulatorMode.d),
        (.i32Xor, AccumulatorMode.l | AccumulatorMode.d, .i32Add, AccumulatorMode.r),
        (.i32Xor, AccumulatorMode.r, .i32RotlI, 0),
        (.load32R, AccumulatorMode.d, .i32Add, AccumulatorMode.r),
        (.i32Add, 0, .i32AddI, AccumulatorMode.l),
        (.copy, 0, .brI32NeI, AccumulatorMode.addImmediate),
        (.load8UA, 0, .load8UA, AccumulatorMode.d),
        (.load8UA, AccumulatorMode.d, .brI32Ne, AccumulatorMode.r),
        (.i32MulI, AccumulatorMode.l | AccumulatorMode.d, .i32ShrUI, AccumulatorMode.l | AccumulatorMode.d),
        (.i32ShrUI, AccumulatorMode.l | AccumulatorMode.d, .i32AndI, AccumulatorMode.l),
        (.store8, AccumulatorMode.r, .i32AddI, 0),
        (.i32AddI, AccumulatorMode.l | AccumulatorMode.d, .brI32GtU, AccumulatorMode.l),
        (.i32AddI2, 0, .brI32Ne, 0),
        (.i32AddI, AccumulatorMode.d, .store32, AccumulatorMode.r),
        (.i32AndI, AccumulatorMode.l, .load32, AccumulatorMode.l | AccumulatorMode.d),
        (.load32, AccumulatorMode.l | AccumulatorMode.d, .store32, AccumulatorMode.r),
        (.store32, AccumulatorMode.r, .i32AddI2, 0),
        (.store32, AccumulatorMode.r, .i32AddI, AccumulatorMode.d),
        (.load32A, AccumulatorMode.d, .i32MulI, AccumulatorMode.l | AccumulatorMode.d),
        (.copy, 0, .br, 0),
        (.load16S32, AccumulatorMode.d, .brI32LeS, AccumulatorMode.r),
        (.load16S32, 0, .load16S32, 0),
        (.load16S32, 0, .brI32LtS, AccumulatorMode.r),
        (.i32ShrUI, AccumulatorMode.d, .i32Xor, AccumulatorMode.l | AccumulatorMode.d),
        (.i32Xor, AccumulatorMode.l | AccumulatorMode.d, .i32AndI, AccumulatorMode.l),
    ]

    /// Pair number by (first handler index << 16 | second handler index); empty where the C side
    /// has no pairs (32-bit targets, builds without fusion).
    static let pairIndex: [UInt32: UInt16] = {
        guard fusionEnabled, Int(wisp_pair_count()) == pairs.count else { return [:] }
        var m: [UInt32: UInt16] = [:]
        for (i, p) in pairs.enumerated() {
            m[UInt32(p.0.handlerIndex(mode: p.1)) << 16 | UInt32(p.2.handlerIndex(mode: p.3))] = UInt16(i)
        }
        return m
    }()
#endif

    /// The load a `binaryMemory` operator folds in as its second operand: the one of its own width.
    var memoryOperandLoad: Op {
        switch self {
        case .i64Add, .i64Sub, .f64Add, .f64Sub, .f64Mul, .f64Div: .load64
        default: .load32
        }
    }

    /// The handler index for this instruction in accumulator mode `mode` (0: the plain one).
    func handlerIndex(mode: UInt64) -> UInt16 {
        guard mode != 0, let kind = accumulatorKind else { return rawValue }
        let offset = kind.modes.firstIndex(of: mode)!
        return Op.firstVariant[Int(rawValue)] + UInt16(offset)
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
