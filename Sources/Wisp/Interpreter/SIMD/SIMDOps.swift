import WispFormat

// The fixed-width SIMD operators of WebAssembly 2.0 without immediates, dispatched on their 0xFD
// sub-opcode (`SIMDOp.code`). Float lanes follow Numerics.swift: computed NaNs are the canonical
// NaN, min/max use the spec's ordering, never the host's.

// MARK: - Lane-loop helpers

@inline(__always) func lanewise<V: SIMD>(_ a: V, _ b: V, _ f: (V.Scalar, V.Scalar) -> V.Scalar) -> V {
    var r = a
    for i in r.indices { r[i] = f(a[i], b[i]) }
    return r
}

@inline(__always) func lanemap<V: SIMD>(_ a: V, _ f: (V.Scalar) -> V.Scalar) -> V {
    var r = a
    for i in r.indices { r[i] = f(a[i]) }
    return r
}

@inline(__always) func m8(_ m: SIMDMask<SIMD16<Int8>>) -> V128 { V128(maskBits(m, SIMD16<UInt8>.self)) }
@inline(__always) func m16(_ m: SIMDMask<SIMD8<Int16>>) -> V128 { V128(maskBits(m, SIMD8<UInt16>.self)) }
@inline(__always) func m32(_ m: SIMDMask<SIMD4<Int32>>) -> V128 { V128(maskBits(m, SIMD4<UInt32>.self)) }
@inline(__always) func m64(_ m: SIMDMask<SIMD2<Int64>>) -> V128 { V128(maskBits(m, SIMD2<UInt64>.self)) }

@inline(__always) func f32Cmp(_ a: V128, _ b: V128, _ p: (Float, Float) -> Bool) -> V128 {
    V128(lanewise(a.u32, b.u32) { p(Float(bitPattern: $0), Float(bitPattern: $1)) ? ~0 : 0 })
}

@inline(__always) func f64Cmp(_ a: V128, _ b: V128, _ p: (Double, Double) -> Bool) -> V128 {
    V128(lanewise(a.u64, b.u64) { p(Double(bitPattern: $0), Double(bitPattern: $1)) ? ~0 : 0 })
}

// MARK: - Lane reshaping helpers

/// Sign- or zero-extends half of the 8-bit lanes (`high` picks lanes 8..15) to 16 bits.
@inline(__always) func extend8(_ a: V128, high: Bool, signed: Bool) -> SIMD8<UInt16> {
    let base = high ? 8 : 0
    var r = SIMD8<UInt16>()
    if signed {
        let s = a.s8
        for i in 0..<8 { r[i] = UInt16(bitPattern: Int16(s[base + i])) }
    } else {
        let u = a.u8
        for i in 0..<8 { r[i] = UInt16(u[base + i]) }
    }
    return r
}

/// Sign- or zero-extends half of the 16-bit lanes to 32 bits.
@inline(__always) func extend16(_ a: V128, high: Bool, signed: Bool) -> SIMD4<UInt32> {
    let base = high ? 4 : 0
    var r = SIMD4<UInt32>()
    if signed {
        let s = a.s16
        for i in 0..<4 { r[i] = UInt32(bitPattern: Int32(s[base + i])) }
    } else {
        let u = a.u16
        for i in 0..<4 { r[i] = UInt32(u[base + i]) }
    }
    return r
}

/// Sign- or zero-extends half of the 32-bit lanes to 64 bits.
@inline(__always) func extend32(_ a: V128, high: Bool, signed: Bool) -> SIMD2<UInt64> {
    let base = high ? 2 : 0
    var r = SIMD2<UInt64>()
    if signed {
        let s = a.s32
        for i in 0..<2 { r[i] = UInt64(bitPattern: Int64(s[base + i])) }
    } else {
        let u = a.u32
        for i in 0..<2 { r[i] = UInt64(u[base + i]) }
    }
    return r
}

/// Adds adjacent pairs of 8-bit lanes into 16-bit lanes.
@inline(__always) func extaddPairwise8(_ a: V128, signed: Bool) -> V128 {
    var r = SIMD8<UInt16>()
    if signed {
        let s = a.s8
        for i in 0..<8 { r[i] = UInt16(bitPattern: Int16(s[2 * i]) &+ Int16(s[2 * i + 1])) }
    } else {
        let u = a.u8
        for i in 0..<8 { r[i] = UInt16(u[2 * i]) &+ UInt16(u[2 * i + 1]) }
    }
    return V128(r)
}

/// Adds adjacent pairs of 16-bit lanes into 32-bit lanes.
@inline(__always) func extaddPairwise16(_ a: V128, signed: Bool) -> V128 {
    var r = SIMD4<UInt32>()
    if signed {
        let s = a.s16
        for i in 0..<4 { r[i] = UInt32(bitPattern: Int32(s[2 * i]) &+ Int32(s[2 * i + 1])) }
    } else {
        let u = a.u16
        for i in 0..<4 { r[i] = UInt32(u[2 * i]) &+ UInt32(u[2 * i + 1]) }
    }
    return V128(r)
}

/// Narrows the 16-bit lanes of `a` then `b` to 8 bits with signed or unsigned saturation.
@inline(__always) func narrow16(_ a: V128, _ b: V128, signed: Bool) -> V128 {
    // Lane-wise clamp, then truncate: vector operations (a lane loop with scalar clamps compiled
    // to sixteen inserts).
    let lo = SIMD16<Int16>(repeating: signed ? -128 : 0), hi = SIMD16<Int16>(repeating: signed ? 127 : 255)
    let x = SIMD16(lowHalf: a.s16, highHalf: b.s16).clamped(lowerBound: lo, upperBound: hi)
    return V128(SIMD16<UInt8>(truncatingIfNeeded: x))
}

@inline(__always) func narrow32(_ a: V128, _ b: V128, signed: Bool) -> V128 {
    let lo = SIMD8<Int32>(repeating: signed ? -32768 : 0), hi = SIMD8<Int32>(repeating: signed ? 32767 : 65535)
    let x = SIMD8(lowHalf: a.s32, highHalf: b.s32).clamped(lowerBound: lo, upperBound: hi)
    return V128(SIMD8<UInt16>(truncatingIfNeeded: x))
}

// MARK: - Unary (v128 -> v128)

/// Applies the unary SIMD operator with sub-opcode `code` (a validated `SIMDOp` of shape `.unary`).
/// Cost: one switch plus at most 16 lane operations.
@inline(__always) func simdUnary(_ code: UInt32, _ a: V128) -> V128 {
    switch code {
    case 77: return V128(lo: ~a.lo, hi: ~a.hi)  // v128.not
    case 94:  // f32x4.demote_f64x2_zero
        return V128(lo: UInt64(f32DemoteF64(a.lo)) | UInt64(f32DemoteF64(a.hi)) << 32, hi: 0)
    case 95:  // f64x2.promote_low_f32x4
        return V128(lo: f64PromoteF32(UInt32(truncatingIfNeeded: a.lo)),
                    hi: f64PromoteF32(UInt32(truncatingIfNeeded: a.lo >> 32)))
    // i8x16
    case 96: return V128(lanemap(a.s8) { $0 < 0 ? 0 &- $0 : $0 })  // abs (wrapping: -128 stays)
    case 97: return V128(SIMD16<UInt8>(repeating: 0) &- a.u8)  // neg
    case 98: return V128(lanemap(a.u8) { UInt8(truncatingIfNeeded: $0.nonzeroBitCount) })  // popcnt
    // f32x4 rounding
    case 103: return V128(lanemap(a.u32, f32Ceil))
    case 104: return V128(lanemap(a.u32, f32Floor))
    case 105: return V128(lanemap(a.u32, f32Trunc))
    case 106: return V128(lanemap(a.u32, f32Nearest))
    // f64x2 rounding
    case 116: return V128(lo: f64Ceil(a.lo), hi: f64Ceil(a.hi))
    case 117: return V128(lo: f64Floor(a.lo), hi: f64Floor(a.hi))
    case 122: return V128(lo: f64Trunc(a.lo), hi: f64Trunc(a.hi))
    case 148: return V128(lo: f64Nearest(a.lo), hi: f64Nearest(a.hi))
    // extadd_pairwise
    case 124: return extaddPairwise8(a, signed: true)
    case 125: return extaddPairwise8(a, signed: false)
    case 126: return extaddPairwise16(a, signed: true)
    case 127: return extaddPairwise16(a, signed: false)
    // i16x8
    case 128: return V128(lanemap(a.s16) { $0 < 0 ? 0 &- $0 : $0 })
    case 129: return V128(SIMD8<UInt16>(repeating: 0) &- a.u16)
    case 135: return V128(extend8(a, high: false, signed: true))
    case 136: return V128(extend8(a, high: true, signed: true))
    case 137: return V128(extend8(a, high: false, signed: false))
    case 138: return V128(extend8(a, high: true, signed: false))
    // i32x4
    case 160: return V128(lanemap(a.s32) { $0 < 0 ? 0 &- $0 : $0 })
    case 161: return V128(SIMD4<UInt32>(repeating: 0) &- a.u32)
    case 167: return V128(extend16(a, high: false, signed: true))
    case 168: return V128(extend16(a, high: true, signed: true))
    case 169: return V128(extend16(a, high: false, signed: false))
    case 170: return V128(extend16(a, high: true, signed: false))
    // i64x2
    case 192: return V128(lanemap(a.s64) { $0 < 0 ? 0 &- $0 : $0 })
    case 193: return V128(lo: 0 &- a.lo, hi: 0 &- a.hi)
    case 199: return V128(extend32(a, high: false, signed: true))
    case 200: return V128(extend32(a, high: true, signed: true))
    case 201: return V128(extend32(a, high: false, signed: false))
    case 202: return V128(extend32(a, high: true, signed: false))
    // f32x4 / f64x2 sign and sqrt
    case 224: return V128(lo: a.lo & 0x7FFF_FFFF_7FFF_FFFF, hi: a.hi & 0x7FFF_FFFF_7FFF_FFFF)
    case 225: return V128(lo: a.lo ^ 0x8000_0000_8000_0000, hi: a.hi ^ 0x8000_0000_8000_0000)
    case 227: return V128(lanemap(a.u32, f32Sqrt))
    case 236: return V128(lo: f64Abs(a.lo), hi: f64Abs(a.hi))
    case 237: return V128(lo: f64Neg(a.lo), hi: f64Neg(a.hi))
    case 239: return V128(lo: f64Sqrt(a.lo), hi: f64Sqrt(a.hi))
    // conversions
    case 248, 257: return V128(lanemap(a.u32, i32TruncSatF32S))
    case 249, 258: return V128(lanemap(a.u32, i32TruncSatF32U))
    case 250: return V128(lanemap(a.u32, f32ConvertI32S))
    case 251: return V128(lanemap(a.u32, f32ConvertI32U))
    case 252, 259:  // i32x4.trunc_sat_f64x2_s_zero
        return V128(lo: UInt64(i32TruncSatF64S(a.lo)) | UInt64(i32TruncSatF64S(a.hi)) << 32, hi: 0)
    case 253, 260:  // i32x4.trunc_sat_f64x2_u_zero
        return V128(lo: UInt64(i32TruncSatF64U(a.lo)) | UInt64(i32TruncSatF64U(a.hi)) << 32, hi: 0)
    case 254:  // f64x2.convert_low_i32x4_s
        return V128(lo: f64ConvertI32S(UInt32(truncatingIfNeeded: a.lo)),
                    hi: f64ConvertI32S(UInt32(truncatingIfNeeded: a.lo >> 32)))
    case 255:  // f64x2.convert_low_i32x4_u
        return V128(lo: f64ConvertI32U(UInt32(truncatingIfNeeded: a.lo)),
                    hi: f64ConvertI32U(UInt32(truncatingIfNeeded: a.lo >> 32)))
    default:
        fatalError("simdUnary: not a unary SIMD sub-opcode")
    }
}

// MARK: - Binary (v128 v128 -> v128)

/// Applies the binary SIMD operator with sub-opcode `code` (a validated `SIMDOp` of shape `.binary`).
/// Cost: one switch plus at most 16 lane operations.
@inline(__always) func simdBinary(_ code: UInt32, _ a: V128, _ b: V128) -> V128 {
    switch code {
    case 14, 256:  // i8x16.swizzle: out-of-range indices select 0
        let x = a.u8, s = b.u8
        var r = SIMD16<UInt8>()
        for i in 0..<16 { let j = Int(s[i]); r[i] = j < 16 ? x[j] : 0 }
        return V128(r)
    // i8x16 comparisons
    case 35: return m8(a.u8 .== b.u8)
    case 36: return m8(a.u8 .!= b.u8)
    case 37: return m8(a.s8 .< b.s8)
    case 38: return m8(a.u8 .< b.u8)
    case 39: return m8(a.s8 .> b.s8)
    case 40: return m8(a.u8 .> b.u8)
    case 41: return m8(a.s8 .<= b.s8)
    case 42: return m8(a.u8 .<= b.u8)
    case 43: return m8(a.s8 .>= b.s8)
    case 44: return m8(a.u8 .>= b.u8)
    // i16x8 comparisons
    case 45: return m16(a.u16 .== b.u16)
    case 46: return m16(a.u16 .!= b.u16)
    case 47: return m16(a.s16 .< b.s16)
    case 48: return m16(a.u16 .< b.u16)
    case 49: return m16(a.s16 .> b.s16)
    case 50: return m16(a.u16 .> b.u16)
    case 51: return m16(a.s16 .<= b.s16)
    case 52: return m16(a.u16 .<= b.u16)
    case 53: return m16(a.s16 .>= b.s16)
    case 54: return m16(a.u16 .>= b.u16)
    // i32x4 comparisons
    case 55: return m32(a.u32 .== b.u32)
    case 56: return m32(a.u32 .!= b.u32)
    case 57: return m32(a.s32 .< b.s32)
    case 58: return m32(a.u32 .< b.u32)
    case 59: return m32(a.s32 .> b.s32)
    case 60: return m32(a.u32 .> b.u32)
    case 61: return m32(a.s32 .<= b.s32)
    case 62: return m32(a.u32 .<= b.u32)
    case 63: return m32(a.s32 .>= b.s32)
    case 64: return m32(a.u32 .>= b.u32)
    // f32x4 comparisons (NaN compares unequal to everything, so ne is the only one true on NaN)
    case 65: return f32Cmp(a, b) { $0 == $1 }
    case 66: return f32Cmp(a, b) { $0 != $1 }
    case 67: return f32Cmp(a, b) { $0 < $1 }
    case 68: return f32Cmp(a, b) { $0 > $1 }
    case 69: return f32Cmp(a, b) { $0 <= $1 }
    case 70: return f32Cmp(a, b) { $0 >= $1 }
    // f64x2 comparisons
    case 71: return f64Cmp(a, b) { $0 == $1 }
    case 72: return f64Cmp(a, b) { $0 != $1 }
    case 73: return f64Cmp(a, b) { $0 < $1 }
    case 74: return f64Cmp(a, b) { $0 > $1 }
    case 75: return f64Cmp(a, b) { $0 <= $1 }
    case 76: return f64Cmp(a, b) { $0 >= $1 }
    // bitwise
    case 78: return V128(lo: a.lo & b.lo, hi: a.hi & b.hi)
    case 79: return V128(lo: a.lo & ~b.lo, hi: a.hi & ~b.hi)  // andnot
    case 80: return V128(lo: a.lo | b.lo, hi: a.hi | b.hi)
    case 81: return V128(lo: a.lo ^ b.lo, hi: a.hi ^ b.hi)
    // i8x16 arithmetic
    case 101: return narrow16(a, b, signed: true)
    case 102: return narrow16(a, b, signed: false)
    case 110: return V128(a.u8 &+ b.u8)
    case 111: return V128(lanewise(a.s8, b.s8) { Int8(clamping: Int16($0) + Int16($1)) })
    case 112: return V128(lanewise(a.u8, b.u8) { UInt8(clamping: UInt16($0) + UInt16($1)) })
    case 113: return V128(a.u8 &- b.u8)
    case 114: return V128(lanewise(a.s8, b.s8) { Int8(clamping: Int16($0) - Int16($1)) })
    case 115: return V128(lanewise(a.u8, b.u8) { $0 > $1 ? $0 - $1 : 0 })
    case 118: return V128(pointwiseMin(a.s8, b.s8))
    case 119: return V128(pointwiseMin(a.u8, b.u8))
    case 120: return V128(pointwiseMax(a.s8, b.s8))
    case 121: return V128(pointwiseMax(a.u8, b.u8))
    case 123: return V128(lanewise(a.u8, b.u8) { UInt8(truncatingIfNeeded: (UInt16($0) + UInt16($1) + 1) >> 1) })
    // i16x8 arithmetic
    case 130, 273:  // q15mulr_sat_s
        return V128(lanewise(a.s16, b.s16) { Int16(clamping: (Int32($0) * Int32($1) + 0x4000) >> 15) })
    case 133: return narrow32(a, b, signed: true)
    case 134: return narrow32(a, b, signed: false)
    case 142: return V128(a.u16 &+ b.u16)
    case 143: return V128(lanewise(a.s16, b.s16) { Int16(clamping: Int32($0) + Int32($1)) })
    case 144: return V128(lanewise(a.u16, b.u16) { UInt16(clamping: UInt32($0) + UInt32($1)) })
    case 145: return V128(a.u16 &- b.u16)
    case 146: return V128(lanewise(a.s16, b.s16) { Int16(clamping: Int32($0) - Int32($1)) })
    case 147: return V128(lanewise(a.u16, b.u16) { $0 > $1 ? $0 - $1 : 0 })
    case 149: return V128(a.u16 &* b.u16)
    case 150: return V128(pointwiseMin(a.s16, b.s16))
    case 151: return V128(pointwiseMin(a.u16, b.u16))
    case 152: return V128(pointwiseMax(a.s16, b.s16))
    case 153: return V128(pointwiseMax(a.u16, b.u16))
    case 155: return V128(lanewise(a.u16, b.u16) { UInt16(truncatingIfNeeded: (UInt32($0) + UInt32($1) + 1) >> 1) })
    case 156: return V128(extend8(a, high: false, signed: true) &* extend8(b, high: false, signed: true))
    case 157: return V128(extend8(a, high: true, signed: true) &* extend8(b, high: true, signed: true))
    case 158: return V128(extend8(a, high: false, signed: false) &* extend8(b, high: false, signed: false))
    case 159: return V128(extend8(a, high: true, signed: false) &* extend8(b, high: true, signed: false))
    // i32x4 arithmetic
    case 174: return V128(a.u32 &+ b.u32)
    case 177: return V128(a.u32 &- b.u32)
    case 181: return V128(a.u32 &* b.u32)
    case 182: return V128(pointwiseMin(a.s32, b.s32))
    case 183: return V128(pointwiseMin(a.u32, b.u32))
    case 184: return V128(pointwiseMax(a.s32, b.s32))
    case 185: return V128(pointwiseMax(a.u32, b.u32))
    case 186:  // i32x4.dot_i16x8_s; only (-32768)^2 * 2 overflows, and it wraps as the spec says
        let x = a.s16, y = b.s16
        var r = SIMD4<Int32>()
        for i in 0..<4 {
            r[i] = (Int32(x[2 * i]) * Int32(y[2 * i])) &+ (Int32(x[2 * i + 1]) * Int32(y[2 * i + 1]))
        }
        return V128(r)
    case 188: return V128(extend16(a, high: false, signed: true) &* extend16(b, high: false, signed: true))
    case 189: return V128(extend16(a, high: true, signed: true) &* extend16(b, high: true, signed: true))
    case 190: return V128(extend16(a, high: false, signed: false) &* extend16(b, high: false, signed: false))
    case 191: return V128(extend16(a, high: true, signed: false) &* extend16(b, high: true, signed: false))
    // i64x2
    case 206: return V128(lo: a.lo &+ b.lo, hi: a.hi &+ b.hi)
    case 209: return V128(lo: a.lo &- b.lo, hi: a.hi &- b.hi)
    case 213: return V128(lo: a.lo &* b.lo, hi: a.hi &* b.hi)
    case 214: return m64(a.u64 .== b.u64)
    case 215: return m64(a.u64 .!= b.u64)
    case 216: return m64(a.s64 .< b.s64)
    case 217: return m64(a.s64 .> b.s64)
    case 218: return m64(a.s64 .<= b.s64)
    case 219: return m64(a.s64 .>= b.s64)
    case 220: return V128(extend32(a, high: false, signed: true) &* extend32(b, high: false, signed: true))
    case 221: return V128(extend32(a, high: true, signed: true) &* extend32(b, high: true, signed: true))
    case 222: return V128(extend32(a, high: false, signed: false) &* extend32(b, high: false, signed: false))
    case 223: return V128(extend32(a, high: true, signed: false) &* extend32(b, high: true, signed: false))
    // f32x4 arithmetic
    case 228: return V128(lanewise(a.u32, b.u32, f32Add))
    case 229: return V128(lanewise(a.u32, b.u32, f32Sub))
    case 230: return V128(lanewise(a.u32, b.u32, f32Mul))
    case 231: return V128(lanewise(a.u32, b.u32, f32Div))
    case 232, 269: return V128(lanewise(a.u32, b.u32, f32Min))
    case 233, 270: return V128(lanewise(a.u32, b.u32, f32Max))
    // pmin/pmax are defined as `b < a ? b : a` / `a < b ? b : a`: they pick an operand's bits
    // unchanged, NaNs included, and are asymmetric on purpose.
    case 234: return V128(lanewise(a.u32, b.u32) { Float(bitPattern: $1) < Float(bitPattern: $0) ? $1 : $0 })
    case 235: return V128(lanewise(a.u32, b.u32) { Float(bitPattern: $0) < Float(bitPattern: $1) ? $1 : $0 })
    // f64x2 arithmetic
    case 240: return V128(lo: f64Add(a.lo, b.lo), hi: f64Add(a.hi, b.hi))
    case 241: return V128(lo: f64Sub(a.lo, b.lo), hi: f64Sub(a.hi, b.hi))
    case 242: return V128(lo: f64Mul(a.lo, b.lo), hi: f64Mul(a.hi, b.hi))
    case 243: return V128(lo: f64Div(a.lo, b.lo), hi: f64Div(a.hi, b.hi))
    case 244, 271: return V128(lo: f64Min(a.lo, b.lo), hi: f64Min(a.hi, b.hi))
    case 245, 272: return V128(lo: f64Max(a.lo, b.lo), hi: f64Max(a.hi, b.hi))
    case 246: return V128(lanewise(a.u64, b.u64) { Double(bitPattern: $1) < Double(bitPattern: $0) ? $1 : $0 })
    case 247: return V128(lanewise(a.u64, b.u64) { Double(bitPattern: $0) < Double(bitPattern: $1) ? $1 : $0 })
    // Relaxed SIMD, deterministic profile (swizzle, min, max and q15mulr share the cases of the
    // 2.0 operators they relax).
    case 274:  // i16x8.relaxed_dot_i8x16_i7x16_s: signed products of adjacent lanes, summed
        let x = a.s8, y = b.s8
        var r = SIMD8<Int16>()
        for i in 0..<8 {
            r[i] = (Int16(x[2 * i]) * Int16(y[2 * i])) &+ (Int16(x[2 * i + 1]) * Int16(y[2 * i + 1]))
        }
        return V128(r)
    default:
        fatalError("simdBinary: not a binary SIMD sub-opcode")
    }
}

// MARK: - Ternary, tests, shifts, splats

/// `v128.bitselect` (sub-opcode 82): bits of `a` where `mask` is 1, of `b` where it is 0.
@inline(__always) func simdBitselect(_ a: V128, _ b: V128, _ mask: V128) -> V128 {
    V128(lo: (a.lo & mask.lo) | (b.lo & ~mask.lo), hi: (a.hi & mask.hi) | (b.hi & ~mask.hi))
}

/// Applies the ternary SIMD operator `code`: bitselect (82) and relaxed SIMD's madd, nmadd,
/// laneselect and dot-add, with the deterministic profile's results (unfused multiply-add, lane
/// select as bitselect, signed dot product).
func simdTernary(_ code: UInt32, _ a: V128, _ b: V128, _ c: V128) -> V128 {
    switch code {
    case 82, 265...268: return simdBitselect(a, b, c)  // 265...268: i8x16...i64x2.relaxed_laneselect
    case 261: return V128(lanewise(lanewise(a.u32, b.u32, f32Mul), c.u32, f32Add))  // f32x4.relaxed_madd
    case 262: return V128(lanewise(lanewise(a.u32 ^ 0x8000_0000, b.u32, f32Mul), c.u32, f32Add))  // nmadd = madd(-a, b, c)
    case 263: return V128(lo: f64Add(f64Mul(a.lo, b.lo), c.lo), hi: f64Add(f64Mul(a.hi, b.hi), c.hi))  // f64x2.relaxed_madd
    case 264:
        let sign: UInt64 = 0x8000_0000_0000_0000
        return V128(lo: f64Add(f64Mul(a.lo ^ sign, b.lo), c.lo), hi: f64Add(f64Mul(a.hi ^ sign, b.hi), c.hi))
    case 275:  // i32x4.relaxed_dot_i8x16_i7x16_add_s: four signed products per lane, plus c
        let x = a.s8, y = b.s8
        var r = c.s32
        for i in 0..<4 {
            var sum: Int32 = 0
            for k in 0..<4 { sum &+= Int32(x[4 * i + k]) * Int32(y[4 * i + k]) }
            r[i] = r[i] &+ sum
        }
        return V128(r)
    default: fatalError("simdTernary: not a ternary SIMD sub-opcode")
    }
}

/// Applies a v128 -> i32 test operator: any_true (83), all_true (99, 131, 163, 195) or
/// bitmask (100, 132, 164, 196). Returns 0 or 1 for the boolean tests, the lane sign bits for bitmask.
func simdTest(_ code: UInt32, _ a: V128) -> UInt32 {
    switch code {
    case 83: return (a.lo | a.hi) != 0 ? 1 : 0
    case 99: return any(a.u8 .== 0) ? 0 : 1
    case 131: return any(a.u16 .== 0) ? 0 : 1
    case 163: return any(a.u32 .== 0) ? 0 : 1
    case 195: return a.lo != 0 && a.hi != 0 ? 1 : 0
    case 100:
        let u = a.u8
        var r: UInt32 = 0
        for i in 0..<16 { r |= UInt32(u[i] >> 7) << UInt32(i) }
        return r
    case 132:
        let u = a.u16
        var r: UInt32 = 0
        for i in 0..<8 { r |= UInt32(u[i] >> 15) << UInt32(i) }
        return r
    case 164:
        let u = a.u32
        var r: UInt32 = 0
        for i in 0..<4 { r |= (u[i] >> 31) << UInt32(i) }
        return r
    case 196: return UInt32(a.lo >> 63) | UInt32(a.hi >> 63) << 1
    default:
        fatalError("simdTest: not a SIMD test sub-opcode")
    }
}

/// Applies a shift (107...109, 139...141, 171...173, 203...205: shl, shr_s, shr_u per shape).
/// The count is taken modulo the lane width, as the spec requires.
func simdShift(_ code: UInt32, _ a: V128, count: UInt32) -> V128 {
    switch code {
    case 107: return V128(a.u8 &<< SIMD16<UInt8>(repeating: UInt8(count & 7)))
    case 108: return V128(a.s8 &>> SIMD16<Int8>(repeating: Int8(count & 7)))
    case 109: return V128(a.u8 &>> SIMD16<UInt8>(repeating: UInt8(count & 7)))
    case 139: return V128(a.u16 &<< SIMD8<UInt16>(repeating: UInt16(count & 15)))
    case 140: return V128(a.s16 &>> SIMD8<Int16>(repeating: Int16(count & 15)))
    case 141: return V128(a.u16 &>> SIMD8<UInt16>(repeating: UInt16(count & 15)))
    case 171: return V128(a.u32 &<< SIMD4<UInt32>(repeating: count & 31))
    case 172: return V128(a.s32 &>> SIMD4<Int32>(repeating: Int32(count & 31)))
    case 173: return V128(a.u32 &>> SIMD4<UInt32>(repeating: count & 31))
    case 203:
        let n = UInt64(count & 63)
        return V128(lo: a.lo << n, hi: a.hi << n)
    case 204:
        let n = Int64(count & 63)
        return V128(lo: UInt64(bitPattern: Int64(bitPattern: a.lo) >> n), hi: UInt64(bitPattern: Int64(bitPattern: a.hi) >> n))
    case 205:
        let n = UInt64(count & 63)
        return V128(lo: a.lo >> n, hi: a.hi >> n)
    default:
        fatalError("simdShift: not a SIMD shift sub-opcode")
    }
}

/// Applies a splat (15 i8x16, 16 i16x8, 17 i32x4, 18 i64x2, 19 f32x4, 20 f64x2). `bits` holds the
/// scalar operand (i32/f32 in the low 32 bits); only the lane's width of it is used.
func simdSplat(_ code: UInt32, bits: UInt64) -> V128 {
    switch code {
    case 15: return V128(SIMD16<UInt8>(repeating: UInt8(truncatingIfNeeded: bits)))
    case 16: return V128(SIMD8<UInt16>(repeating: UInt16(truncatingIfNeeded: bits)))
    case 17, 19: return V128(SIMD4<UInt32>(repeating: UInt32(truncatingIfNeeded: bits)))
    case 18, 20: return V128(lo: bits, hi: bits)
    default:
        fatalError("simdSplat: not a SIMD splat sub-opcode")
    }
}
