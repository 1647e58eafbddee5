import WispFormat

// SIMD operators with a lane immediate (extract/replace, shuffle) and the value side of the
// SIMD memory operators: the interpreter reads or writes the raw little-endian bytes, these
// functions turn them into or out of a V128.

/// `extract_lane` for `op` (a non-replace `SIMDLaneOp`). Returns the scalar's bits: i32 and f32
/// results in the low 32 bits with the upper 32 bits zero (i8/i16 `_s` variants sign-extend to 32
/// bits), i64 and f64 results as all 64 bits. `lane` must be below `op.laneCount` (validated).
@inline(__always) func simdExtractLane(_ op: SIMDLaneOp, _ a: V128, lane: Int) -> UInt64 {
    switch op {
    case .i8x16ExtractLaneS:
        return UInt64(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: v128Lane(a, width: 1, lane: lane)))))
    case .i8x16ExtractLaneU: return v128Lane(a, width: 1, lane: lane)
    case .i16x8ExtractLaneS:
        return UInt64(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: v128Lane(a, width: 2, lane: lane)))))
    case .i16x8ExtractLaneU: return v128Lane(a, width: 2, lane: lane)
    case .i32x4ExtractLane, .f32x4ExtractLane: return v128Lane(a, width: 4, lane: lane)
    case .i64x2ExtractLane, .f64x2ExtractLane: return v128Lane(a, width: 8, lane: lane)
    default:
        fatalError("simdExtractLane: not an extract_lane operator")
    }
}

/// `replace_lane` for `op` (a replace `SIMDLaneOp`): `a` with lane `lane` set to the low bits of
/// `bits` (the i32/i64/f32/f64 operand's bit pattern).
@inline(__always) func simdReplaceLane(_ op: SIMDLaneOp, _ a: V128, lane: Int, bits: UInt64) -> V128 {
    switch op {
    case .i8x16ReplaceLane: return v128SetLane(a, width: 1, lane: lane, bits: bits)
    case .i16x8ReplaceLane: return v128SetLane(a, width: 2, lane: lane, bits: bits)
    case .i32x4ReplaceLane, .f32x4ReplaceLane: return v128SetLane(a, width: 4, lane: lane, bits: bits)
    case .i64x2ReplaceLane, .f64x2ReplaceLane: return v128SetLane(a, width: 8, lane: lane, bits: bits)
    default:
        fatalError("simdReplaceLane: not a replace_lane operator")
    }
}

/// `i8x16.shuffle`: byte `i` of the result is byte `lanes[i]` of the 32-byte concatenation a ++ b.
/// The validator guarantees every index is below 32; larger ones are reduced modulo 32.
@inline(__always) func simdShuffle(_ a: V128, _ b: V128, lanes: V128) -> V128 {
    // The 32 bytes of a and b in a row, read by index: lane extraction from a SIMD vector by a
    // variable index spills the vector once per lane.
    var bytes = (a.lo, a.hi, b.lo, b.hi)
    return withUnsafeBytes(of: &bytes) { p in
        var lo: UInt64 = 0, hi: UInt64 = 0
        for i in 0..<8 {
            lo |= UInt64(p[Int(truncatingIfNeeded: lanes.lo >> UInt64(8 * i)) & 31]) << UInt64(8 * i)
            hi |= UInt64(p[Int(truncatingIfNeeded: lanes.hi >> UInt64(8 * i)) & 31]) << UInt64(8 * i)
        }
        return V128(lo: lo, hi: hi)
    }
}

// MARK: - Memory forms

/// `v128.loadMxN_s/u`: widens the 8 bytes read (`raw`, little-endian) to a v128.
@inline(__always) func simdLoadExtend(_ op: SIMDLoadOp, raw: UInt64) -> V128 {
    let a = V128(lo: raw, hi: 0)
    switch op {
    case .load8x8S: return V128(extend8(a, high: false, signed: true))
    case .load8x8U: return V128(extend8(a, high: false, signed: false))
    case .load16x4S: return V128(extend16(a, high: false, signed: true))
    case .load16x4U: return V128(extend16(a, high: false, signed: false))
    case .load32x2S: return V128(extend32(a, high: false, signed: true))
    case .load32x2U: return V128(extend32(a, high: false, signed: false))
    default:
        fatalError("simdLoadExtend: not an extending load")
    }
}

/// `v128.loadN_splat`: `raw` holds the `op.width` bytes read, zero-extended.
@inline(__always) func simdLoadSplat(_ op: SIMDLoadOp, raw: UInt64) -> V128 {
    switch op {
    case .load8Splat: return simdSplat(15, bits: raw)
    case .load16Splat: return simdSplat(16, bits: raw)
    case .load32Splat: return simdSplat(17, bits: raw)
    case .load64Splat: return simdSplat(18, bits: raw)
    default:
        fatalError("simdLoadSplat: not a splat load")
    }
}

/// `v128.load32_zero` / `v128.load64_zero`: the bytes read in lane 0, zeros elsewhere.
@inline(__always) func simdLoadZero(_ op: SIMDLoadOp, raw: UInt64) -> V128 {
    switch op {
    case .load32Zero: return V128(lo: raw & 0xFFFF_FFFF, hi: 0)
    case .load64Zero: return V128(lo: raw, hi: 0)
    default:
        fatalError("simdLoadZero: not a zero-extending load")
    }
}

/// Every `SIMDLoadOp` except the full `v128.load`: `raw` holds the `op.width` bytes read from
/// memory as a little-endian integer (at most 8 bytes).
@inline(__always) func simdLoad(_ op: SIMDLoadOp, raw: UInt64) -> V128 {
    switch op {
    case .load8x8S, .load8x8U, .load16x4S, .load16x4U, .load32x2S, .load32x2U: return simdLoadExtend(op, raw: raw)
    case .load8Splat, .load16Splat, .load32Splat, .load64Splat: return simdLoadSplat(op, raw: raw)
    case .load32Zero, .load64Zero: return simdLoadZero(op, raw: raw)
    case .v128Load:
        fatalError("simdLoad: v128.load reads 16 bytes; build the V128 from both halves")
    }
}

/// `v128.loadN_lane`: `a` with lane `lane` replaced by the `width` bytes read (`raw`).
@inline(__always) func simdLoadLane(_ width: SIMDLaneWidth, _ a: V128, lane: Int, raw: UInt64) -> V128 {
    v128SetLane(a, width: Int(width.rawValue), lane: lane, bits: raw)
}

/// `v128.storeN_lane`: the bits of lane `lane` (zero-extended), to be written as `width` bytes.
@inline(__always) func simdStoreLane(_ width: SIMDLaneWidth, _ a: V128, lane: Int) -> UInt64 {
    v128Lane(a, width: Int(width.rawValue), lane: lane)
}
