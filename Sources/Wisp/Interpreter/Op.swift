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

// `Op` itself, the modes and families and the pairs are generated from ISA/instructions.isa into
// ISA.swift; this file holds what the translator asks of them.
extension Op {
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
        // x - c is x + (-c) in 32-bit wrapping arithmetic: one form for both, so subtractions
        // join the adds' fusions (address adds, add pairs, adds folded into branches).
        if n == .i32Sub { return (.i32AddI, 0 &- imm) }
        return Op.immediateForm(of: n).map { ($0, imm) }
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

extension AccumulatorKind {
    /// Whether the instruction computes a value it could leave in the accumulator.
    var producesResult: Bool { self == .binary || self == .binaryMemory || self == .unary || self == .load }
}

extension Op {
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

#if WISP_NO_FUSION
    static let pairIndex: [UInt32: UInt16] = [:]
#else
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
