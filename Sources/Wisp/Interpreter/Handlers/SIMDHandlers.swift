// The bodies of the instructions of category `simd` in ISA/instructions.isa: SIMD: the shared handlers and the operators with handlers of their own (lane semantics in SIMD/).
// Each is an `@inline(__always)` method `op_NAME` of VMState taking the interpreter's registers
// inout; the generated Dispatch.swift exports it as `wisp_op_NAME` for its C handler, which
// inlines it (see HandlerSupport.swift). Word layouts are in the table.

import Synchronization
import WispDispatch

extension VMState {
    /// Every SIMD instruction runs through `executeSIMD`, out of line: its lane operations are too
    /// large to copy into twelve handlers.
    @inline(__always)
    mutating func simd(_ op: Op, _ pc: inout Code, _ fp: Slots, _ md: UnsafeMutableRawPointer, _ ms: UInt64, _ fuel: UInt64) -> UInt {
#if WISP_NO_SIMD
        // Never emitted: a build without SIMD rejects SIMD modules when it decodes them, and
        // leaves the SIMD library out.
        trap = .unreachable
        return stop(pc, fp, fuel)
#else
        let r = executeSIMD(op, pc, fp: fp, md: md, ms: ms)
        if r < 0 { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        pc += r
        return 0
#endif
    }

    /// A SIMD operator with a handler of its own: `code` is a constant there, so the lane
    /// semantics' switch folds down to its one case and nothing is called.
    @inline(__always)
    mutating func simdDedicated(_ code: UInt32, binary: Bool, _ pc: inout Code, _ fp: Slots, _ fuel: UInt64) -> UInt {
#if WISP_NO_SIMD
        trap = .unreachable  // never emitted: see `simd`
        return stop(pc, fp, fuel)
#else
        let w1 = pc[1]
        let a = v128(fp, lo32(w1))
        setV128(fp, hi32(pc[0]), binary ? simdBinary(code, a, v128(fp, hi32(w1))) : simdUnary(code, a))
        pc += 3
        return 0
#endif
    }

    @inline(__always)
    mutating func op_v128And(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(78, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_v128Andnot(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(79, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_v128Or(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(80, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_v128Xor(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(81, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i8x16NarrowI16x8U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(102, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i8x16Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(110, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i8x16Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(113, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i16x8NarrowI32x4U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(134, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i16x8Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(142, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i16x8Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(145, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i16x8Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(149, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i32x4Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(174, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i32x4Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(177, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i32x4Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(181, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i32x4MinS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(182, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i32x4MinU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(183, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i32x4MaxS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(184, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i32x4MaxU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(185, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i64x2Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(206, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i64x2Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(209, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_f32x4Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(228, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_f32x4Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(229, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_f32x4Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(230, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_f64x2Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(240, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_f64x2Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(241, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_f64x2Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(242, binary: true, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i16x8ExtendLowI8x16S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(135, binary: false, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i16x8ExtendHighI8x16S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(136, binary: false, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i16x8ExtendLowI8x16U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(137, binary: false, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i16x8ExtendHighI8x16U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(138, binary: false, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i32x4ExtendLowI16x8S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(167, binary: false, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i32x4ExtendHighI16x8S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(168, binary: false, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i32x4ExtendLowI16x8U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(169, binary: false, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_i32x4ExtendHighI16x8U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(170, binary: false, &pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_simdUnary(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdUnary, &pc, fp, md, ms, fuel)
    }

    @inline(__always)
    mutating func op_simdBinary(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdBinary, &pc, fp, md, ms, fuel)
    }

    @inline(__always)
    mutating func op_simdTernary(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdTernary, &pc, fp, md, ms, fuel)
    }

    @inline(__always)
    mutating func op_simdTest(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdTest, &pc, fp, md, ms, fuel)
    }

    @inline(__always)
    mutating func op_simdShift(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdShift, &pc, fp, md, ms, fuel)
    }

    @inline(__always)
    mutating func op_simdSplat(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdSplat, &pc, fp, md, ms, fuel)
    }

    @inline(__always)
    mutating func op_simdExtractLane(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdExtractLane, &pc, fp, md, ms, fuel)
    }

    @inline(__always)
    mutating func op_simdReplaceLane(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdReplaceLane, &pc, fp, md, ms, fuel)
    }

    @inline(__always)
    mutating func op_simdShuffle(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdShuffle, &pc, fp, md, ms, fuel)
    }

    @inline(__always)
    mutating func op_simdLoad(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdLoad, &pc, fp, md, ms, fuel)
    }

    @inline(__always)
    mutating func op_simdLoadLane(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdLoadLane, &pc, fp, md, ms, fuel)
    }

    @inline(__always)
    mutating func op_simdStoreLane(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdStoreLane, &pc, fp, md, ms, fuel)
    }
}
