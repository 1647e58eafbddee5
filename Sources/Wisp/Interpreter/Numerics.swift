import WispFormat

// Exact WebAssembly semantics of the scalar float operators whose host behaviour differs from the
// spec (min/max, rounding NaNs, conversions). Everything works on raw bit patterns so NaN payloads
// are never touched by accident.
//
// NaN policy: every operator that *computes* a NaN returns the positive canonical NaN. The spec
// allows any arithmetic NaN when an input is NaN and requires a canonical NaN otherwise; the
// canonical NaN is both, so this is conformant and, unlike propagating host payloads, gives the
// same bits on x86_64 and arm64. Bitwise operators (abs, neg, copysign) keep payloads as the spec
// demands.

/// The positive canonical f32 NaN (quiet bit only).
let canonicalNaN32: UInt32 = 0x7FC0_0000
/// The positive canonical f64 NaN (quiet bit only).
let canonicalNaN64: UInt64 = 0x7FF8_0000_0000_0000

/// The outcome of a trapping float-to-integer truncation (`i32.trunc_f32_s` and friends).
enum TruncResult<T> {
    case value(T)
    /// The operand was NaN: the spec's "invalid conversion to integer" trap.
    case invalidConversion
    /// The truncated operand does not fit the integer type: the spec's "integer overflow" trap.
    case integerOverflow
}

// MARK: - Bitwise sign operators

@inline(__always) func f32Abs(_ a: UInt32) -> UInt32 { a & 0x7FFF_FFFF }
@inline(__always) func f32Neg(_ a: UInt32) -> UInt32 { a ^ 0x8000_0000 }
@inline(__always) func f32Copysign(_ a: UInt32, _ b: UInt32) -> UInt32 { (a & 0x7FFF_FFFF) | (b & 0x8000_0000) }
@inline(__always) func f64Abs(_ a: UInt64) -> UInt64 { a & 0x7FFF_FFFF_FFFF_FFFF }
@inline(__always) func f64Neg(_ a: UInt64) -> UInt64 { a ^ 0x8000_0000_0000_0000 }
@inline(__always) func f64Copysign(_ a: UInt64, _ b: UInt64) -> UInt64 {
    (a & 0x7FFF_FFFF_FFFF_FFFF) | (b & 0x8000_0000_0000_0000)
}

// MARK: - NaN canonicalisation

/// The bits of `x`, or the canonical NaN if `x` is NaN.
@inline(__always) func f32Canon(_ x: Float) -> UInt32 { x.isNaN ? canonicalNaN32 : x.bitPattern }
/// The bits of `x`, or the canonical NaN if `x` is NaN.
@inline(__always) func f64Canon(_ x: Double) -> UInt64 { x.isNaN ? canonicalNaN64 : x.bitPattern }

// MARK: - min / max

// The spec orders -0 below +0 and returns NaN if either operand is NaN; host fmin/fmax and
// minss/maxss disagree on both points, so compare explicitly. When the operands compare equal
// they are either identical or ±0, and OR (min) / AND (max) of the bits picks the right zero.

@inline(__always) func f32Min(_ a: UInt32, _ b: UInt32) -> UInt32 {
    let x = Float(bitPattern: a), y = Float(bitPattern: b)
    if x < y { return a }
    if y < x { return b }
    return x == y ? a | b : canonicalNaN32
}

@inline(__always) func f32Max(_ a: UInt32, _ b: UInt32) -> UInt32 {
    let x = Float(bitPattern: a), y = Float(bitPattern: b)
    if x > y { return a }
    if y > x { return b }
    return x == y ? a & b : canonicalNaN32
}

@inline(__always) func f64Min(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let x = Double(bitPattern: a), y = Double(bitPattern: b)
    if x < y { return a }
    if y < x { return b }
    return x == y ? a | b : canonicalNaN64
}

@inline(__always) func f64Max(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let x = Double(bitPattern: a), y = Double(bitPattern: b)
    if x > y { return a }
    if y > x { return b }
    return x == y ? a & b : canonicalNaN64
}

// MARK: - Rounding and square root

// Rounding is done on the bits rather than through Float.rounded(_:): on x86_64 without SSE4.1 the
// latter is a libm call (ceilf, rintf, ...), which costs a call on a hot path and makes the module
// need libm at link time. Truncation clears the fraction bits below the binary point; floor/ceil
// adjust that by one (exact, as |x| < 2^23 whenever it differs from x); nearest uses the classic
// (|x| + 2^23) - 2^23, which rounds ties to even under the default rounding mode.

/// Bits of trunc(x) for finite x; NaN and infinities come back unchanged.
@inline(__always) func f32TruncBits(_ a: UInt32) -> UInt32 {
    let e = Int((a >> 23) & 0xFF) - 127
    if e >= 23 { return a }
    if e < 0 { return a & 0x8000_0000 }
    return a & ~(UInt32(0x007F_FFFF) >> UInt32(e))
}

/// Bits of trunc(x) for finite x; NaN and infinities come back unchanged.
@inline(__always) func f64TruncBits(_ a: UInt64) -> UInt64 {
    let e = Int((a >> 52) & 0x7FF) - 1023
    if e >= 52 { return a }
    if e < 0 { return a & 0x8000_0000_0000_0000 }
    return a & ~(UInt64(0x000F_FFFF_FFFF_FFFF) >> UInt64(e))
}

@inline(__always) func f32Trunc(_ a: UInt32) -> UInt32 { f32Canon(Float(bitPattern: f32TruncBits(a))) }

@inline(__always) func f32Floor(_ a: UInt32) -> UInt32 {
    let x = Float(bitPattern: a), t = Float(bitPattern: f32TruncBits(a))
    return f32Canon(t > x ? t - 1 : t)
}

@inline(__always) func f32Ceil(_ a: UInt32) -> UInt32 {
    let x = Float(bitPattern: a), t = Float(bitPattern: f32TruncBits(a))
    return f32Canon(t < x ? t + 1 : t)
}

/// Round to nearest, ties to even (`nearest(2.5) == 2`, `nearest(-0.5) == -0`).
@inline(__always) func f32Nearest(_ a: UInt32) -> UInt32 {
    let m = Float(bitPattern: a & 0x7FFF_FFFF)
    if !(m < 8388608.0) { return f32Canon(Float(bitPattern: a)) }
    return ((m + 8388608.0) - 8388608.0).bitPattern | (a & 0x8000_0000)
}

@inline(__always) func f64Trunc(_ a: UInt64) -> UInt64 { f64Canon(Double(bitPattern: f64TruncBits(a))) }

@inline(__always) func f64Floor(_ a: UInt64) -> UInt64 {
    let x = Double(bitPattern: a), t = Double(bitPattern: f64TruncBits(a))
    return f64Canon(t > x ? t - 1 : t)
}

@inline(__always) func f64Ceil(_ a: UInt64) -> UInt64 {
    let x = Double(bitPattern: a), t = Double(bitPattern: f64TruncBits(a))
    return f64Canon(t < x ? t + 1 : t)
}

/// Round to nearest, ties to even.
@inline(__always) func f64Nearest(_ a: UInt64) -> UInt64 {
    let m = Double(bitPattern: a & 0x7FFF_FFFF_FFFF_FFFF)
    if !(m < 4503599627370496.0) { return f64Canon(Double(bitPattern: a)) }
    return ((m + 4503599627370496.0) - 4503599627370496.0).bitPattern | (a & 0x8000_0000_0000_0000)
}

// squareRoot() is IEEE-exact; optimised builds lower it to sqrtss/sqrtsd, debug builds call libm.
@inline(__always) func f32Sqrt(_ a: UInt32) -> UInt32 { f32Canon(Float(bitPattern: a).squareRoot()) }
@inline(__always) func f64Sqrt(_ a: UInt64) -> UInt64 { f64Canon(Double(bitPattern: a).squareRoot()) }

// MARK: - Arithmetic with deterministic NaNs

// The interpreter may use host + - * / directly (their NaNs are spec-conformant); these variants
// exist for SIMD lanes, where results must be bit-identical across hosts.

@inline(__always) func f32Add(_ a: UInt32, _ b: UInt32) -> UInt32 { f32Canon(Float(bitPattern: a) + Float(bitPattern: b)) }
@inline(__always) func f32Sub(_ a: UInt32, _ b: UInt32) -> UInt32 { f32Canon(Float(bitPattern: a) - Float(bitPattern: b)) }
@inline(__always) func f32Mul(_ a: UInt32, _ b: UInt32) -> UInt32 { f32Canon(Float(bitPattern: a) * Float(bitPattern: b)) }
@inline(__always) func f32Div(_ a: UInt32, _ b: UInt32) -> UInt32 { f32Canon(Float(bitPattern: a) / Float(bitPattern: b)) }
@inline(__always) func f64Add(_ a: UInt64, _ b: UInt64) -> UInt64 { f64Canon(Double(bitPattern: a) + Double(bitPattern: b)) }
@inline(__always) func f64Sub(_ a: UInt64, _ b: UInt64) -> UInt64 { f64Canon(Double(bitPattern: a) - Double(bitPattern: b)) }
@inline(__always) func f64Mul(_ a: UInt64, _ b: UInt64) -> UInt64 { f64Canon(Double(bitPattern: a) * Double(bitPattern: b)) }
@inline(__always) func f64Div(_ a: UInt64, _ b: UInt64) -> UInt64 { f64Canon(Double(bitPattern: a) / Double(bitPattern: b)) }

// MARK: - Checked truncation (trapping)

// Each range test is written so that NaN fails it (all comparisons with NaN are false); the bounds
// are the exact float values just outside the integer range, so the Swift conversion below can
// never hit its own overflow precondition.

@inline(__always) func i32TruncF32S(_ a: UInt32) -> TruncResult<UInt32> {
    let x = Float(bitPattern: a)
    if x >= -2147483648.0 && x < 2147483648.0 { return .value(UInt32(bitPattern: Int32(x))) }
    return x.isNaN ? .invalidConversion : .integerOverflow
}

@inline(__always) func i32TruncF32U(_ a: UInt32) -> TruncResult<UInt32> {
    let x = Float(bitPattern: a)
    if x > -1.0 && x < 4294967296.0 { return .value(UInt32(x)) }
    return x.isNaN ? .invalidConversion : .integerOverflow
}

@inline(__always) func i32TruncF64S(_ a: UInt64) -> TruncResult<UInt32> {
    let x = Double(bitPattern: a)
    if x > -2147483649.0 && x < 2147483648.0 { return .value(UInt32(bitPattern: Int32(x))) }
    return x.isNaN ? .invalidConversion : .integerOverflow
}

@inline(__always) func i32TruncF64U(_ a: UInt64) -> TruncResult<UInt32> {
    let x = Double(bitPattern: a)
    if x > -1.0 && x < 4294967296.0 { return .value(UInt32(x)) }
    return x.isNaN ? .invalidConversion : .integerOverflow
}

@inline(__always) func i64TruncF32S(_ a: UInt32) -> TruncResult<UInt64> {
    let x = Float(bitPattern: a)
    if x >= -9223372036854775808.0 && x < 9223372036854775808.0 { return .value(UInt64(bitPattern: Int64(x))) }
    return x.isNaN ? .invalidConversion : .integerOverflow
}

@inline(__always) func i64TruncF32U(_ a: UInt32) -> TruncResult<UInt64> {
    let x = Float(bitPattern: a)
    if x > -1.0 && x < 18446744073709551616.0 { return .value(UInt64(x)) }
    return x.isNaN ? .invalidConversion : .integerOverflow
}

@inline(__always) func i64TruncF64S(_ a: UInt64) -> TruncResult<UInt64> {
    let x = Double(bitPattern: a)
    if x >= -9223372036854775808.0 && x < 9223372036854775808.0 { return .value(UInt64(bitPattern: Int64(x))) }
    return x.isNaN ? .invalidConversion : .integerOverflow
}

@inline(__always) func i64TruncF64U(_ a: UInt64) -> TruncResult<UInt64> {
    let x = Double(bitPattern: a)
    if x > -1.0 && x < 18446744073709551616.0 { return .value(UInt64(x)) }
    return x.isNaN ? .invalidConversion : .integerOverflow
}

// MARK: - Saturating truncation (NaN -> 0, out of range -> the nearest bound)

@inline(__always) func i32TruncSatF32S(_ a: UInt32) -> UInt32 {
    let x = Float(bitPattern: a)
    if x >= -2147483648.0 && x < 2147483648.0 { return UInt32(bitPattern: Int32(x)) }
    if x.isNaN { return 0 }
    return x < 0 ? 0x8000_0000 : 0x7FFF_FFFF
}

@inline(__always) func i32TruncSatF32U(_ a: UInt32) -> UInt32 {
    let x = Float(bitPattern: a)
    if x > -1.0 && x < 4294967296.0 { return UInt32(x) }
    return x > 0 ? 0xFFFF_FFFF : 0
}

@inline(__always) func i32TruncSatF64S(_ a: UInt64) -> UInt32 {
    let x = Double(bitPattern: a)
    if x > -2147483649.0 && x < 2147483648.0 { return UInt32(bitPattern: Int32(x)) }
    if x.isNaN { return 0 }
    return x < 0 ? 0x8000_0000 : 0x7FFF_FFFF
}

@inline(__always) func i32TruncSatF64U(_ a: UInt64) -> UInt32 {
    let x = Double(bitPattern: a)
    if x > -1.0 && x < 4294967296.0 { return UInt32(x) }
    return x > 0 ? 0xFFFF_FFFF : 0
}

@inline(__always) func i64TruncSatF32S(_ a: UInt32) -> UInt64 {
    let x = Float(bitPattern: a)
    if x >= -9223372036854775808.0 && x < 9223372036854775808.0 { return UInt64(bitPattern: Int64(x)) }
    if x.isNaN { return 0 }
    return x < 0 ? 0x8000_0000_0000_0000 : 0x7FFF_FFFF_FFFF_FFFF
}

@inline(__always) func i64TruncSatF32U(_ a: UInt32) -> UInt64 {
    let x = Float(bitPattern: a)
    if x > -1.0 && x < 18446744073709551616.0 { return UInt64(x) }
    return x > 0 ? 0xFFFF_FFFF_FFFF_FFFF : 0
}

@inline(__always) func i64TruncSatF64S(_ a: UInt64) -> UInt64 {
    let x = Double(bitPattern: a)
    if x >= -9223372036854775808.0 && x < 9223372036854775808.0 { return UInt64(bitPattern: Int64(x)) }
    if x.isNaN { return 0 }
    return x < 0 ? 0x8000_0000_0000_0000 : 0x7FFF_FFFF_FFFF_FFFF
}

@inline(__always) func i64TruncSatF64U(_ a: UInt64) -> UInt64 {
    let x = Double(bitPattern: a)
    if x > -1.0 && x < 18446744073709551616.0 { return UInt64(x) }
    return x > 0 ? 0xFFFF_FFFF_FFFF_FFFF : 0
}

// MARK: - Integer to float conversion

// Swift's integer-to-float initialisers lower to LLVM sitofp/uitofp, which round once to nearest
// even, including u64 -> f32 (never through a double, which would round twice).

@inline(__always) func f32ConvertI32S(_ a: UInt32) -> UInt32 { Float(Int32(bitPattern: a)).bitPattern }
@inline(__always) func f32ConvertI32U(_ a: UInt32) -> UInt32 { Float(a).bitPattern }
@inline(__always) func f32ConvertI64S(_ a: UInt64) -> UInt32 { Float(Int64(bitPattern: a)).bitPattern }
@inline(__always) func f32ConvertI64U(_ a: UInt64) -> UInt32 { Float(a).bitPattern }
@inline(__always) func f64ConvertI32S(_ a: UInt32) -> UInt64 { Double(Int32(bitPattern: a)).bitPattern }
@inline(__always) func f64ConvertI32U(_ a: UInt32) -> UInt64 { Double(a).bitPattern }
@inline(__always) func f64ConvertI64S(_ a: UInt64) -> UInt64 { Double(Int64(bitPattern: a)).bitPattern }
@inline(__always) func f64ConvertI64U(_ a: UInt64) -> UInt64 { Double(a).bitPattern }

// MARK: - Demote / promote

/// `f32.demote_f64`: rounds to nearest even; a NaN becomes the canonical NaN.
@inline(__always) func f32DemoteF64(_ a: UInt64) -> UInt32 { f32Canon(Float(Double(bitPattern: a))) }
/// `f64.promote_f32`: exact; a NaN becomes the canonical NaN.
@inline(__always) func f64PromoteF32(_ a: UInt32) -> UInt64 { f64Canon(Double(Float(bitPattern: a))) }
