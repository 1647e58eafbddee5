import XCTest
@testable import Wisp
import WispFormat

// Expected values are taken from the spec testsuite (f32.wast, f64.wast, conversions.wast,
// float_misc.wast); the line comments name the source where a case is copied verbatim.

private func f(_ x: Float) -> UInt32 { x.bitPattern }
private func d(_ x: Double) -> UInt64 { x.bitPattern }

private func isArithmeticNaN32(_ b: UInt32) -> Bool { b & 0x7FC0_0000 == 0x7FC0_0000 }
private func isArithmeticNaN64(_ b: UInt64) -> Bool { b & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000 }
private func isCanonicalNaN32(_ b: UInt32) -> Bool { b & 0x7FFF_FFFF == 0x7FC0_0000 }
private func isCanonicalNaN64(_ b: UInt64) -> Bool { b & 0x7FFF_FFFF_FFFF_FFFF == 0x7FF8_0000_0000_0000 }

private enum T: Equatable { case v(UInt64), invalid, overflow }
private func t<I: FixedWidthInteger>(_ r: TruncResult<I>) -> T {
    switch r {
    case .value(let x): return .v(UInt64(x))
    case .invalidConversion: return .invalid
    case .integerOverflow: return .overflow
    }
}

final class NumericsTests: XCTestCase {
    let sNaN32: UInt32 = 0x7FA0_0000  // signalling, payload 0x200000
    let sNaN64: UInt64 = 0x7FF4_0000_0000_0000

    func testMinMaxSignedZeroAndNaN() {
        XCTAssertEqual(f32Min(f(-0.0), f(0.0)), f(-0.0))
        XCTAssertEqual(f32Min(f(0.0), f(-0.0)), f(-0.0))
        XCTAssertEqual(f32Max(f(-0.0), f(0.0)), f(0.0))
        XCTAssertEqual(f32Max(f(0.0), f(-0.0)), f(0.0))
        XCTAssertEqual(f32Min(f(1), f(-2)), f(-2))
        XCTAssertEqual(f32Max(f(1), f(-2)), f(1))
        XCTAssertEqual(f32Min(f(-.infinity), f(.infinity)), f(-.infinity))
        XCTAssertTrue(isCanonicalNaN32(f32Min(f(1), canonicalNaN32)))
        XCTAssertTrue(isArithmeticNaN32(f32Max(sNaN32, f(1))))
        XCTAssertTrue(isArithmeticNaN32(f32Min(f(-.infinity), sNaN32)))
        XCTAssertEqual(f64Min(d(-0.0), d(0.0)), d(-0.0))
        XCTAssertEqual(f64Max(d(0.0), d(-0.0)), d(0.0))
        XCTAssertEqual(f64Max(d(-1), d(-3)), d(-1))
        XCTAssertTrue(isArithmeticNaN64(f64Min(d(0), sNaN64)))
        XCTAssertTrue(isCanonicalNaN64(f64Max(canonicalNaN64, d(.infinity))))
    }

    func testNearestTiesToEven() {
        XCTAssertEqual(f32Nearest(f(2.5)), f(2))
        XCTAssertEqual(f32Nearest(f(3.5)), f(4))
        XCTAssertEqual(f32Nearest(f(-0.5)), f(-0.0))
        XCTAssertEqual(f32Nearest(f(0.5)), f(0.0))
        XCTAssertEqual(f32Nearest(f(-1.5)), f(-2))
        XCTAssertEqual(f32Nearest(f(-3.5)), f(-4))
        XCTAssertEqual(f32Nearest(f(4194303.5)), f(4194304))  // float_misc.wast
        XCTAssertEqual(f32Nearest(f(8388609)), f(8388609))  // already integral, beyond 2^23
        XCTAssertEqual(f32Nearest(f(-.infinity)), f(-.infinity))
        XCTAssertEqual(f32Nearest(0x0000_0001), 0)  // smallest subnormal
        XCTAssertEqual(f64Nearest(d(2.5)), d(2))
        XCTAssertEqual(f64Nearest(d(-0.5)), d(-0.0))
        XCTAssertEqual(f64Nearest(d(4503599627370495.5)), d(4503599627370496))  // float_misc.wast
        XCTAssertEqual(f64Nearest(d(-4503599627370497)), d(-4503599627370497))
        XCTAssertTrue(isArithmeticNaN32(f32Nearest(sNaN32)))
        XCTAssertTrue(isArithmeticNaN64(f64Nearest(sNaN64)))
    }

    func testCeilFloorTrunc() {
        XCTAssertEqual(f32Ceil(f(-0.5)), f(-0.0))
        XCTAssertEqual(f32Ceil(f(0.5)), f(1))
        XCTAssertEqual(f32Ceil(f(-1.5)), f(-1))
        XCTAssertEqual(f32Floor(f(-0.5)), f(-1))
        XCTAssertEqual(f32Floor(f(0.5)), f(0))
        XCTAssertEqual(f32Floor(f(-0.0)), f(-0.0))
        XCTAssertEqual(f32Floor(f(-8388607.5)), f(-8388608))
        XCTAssertEqual(f32Trunc(f(-1.5)), f(-1))
        XCTAssertEqual(f32Trunc(f(-0.75)), f(-0.0))
        XCTAssertEqual(f32Trunc(f(16777215)), f(16777215))
        XCTAssertEqual(f32Ceil(0x8000_0001), f(-0.0))  // -smallest subnormal
        XCTAssertEqual(f32Floor(0x0000_0001), f(0))
        XCTAssertEqual(f64Ceil(d(-0.5)), d(-0.0))
        XCTAssertEqual(f64Ceil(d(1.0000000000000002)), d(2))
        XCTAssertEqual(f64Floor(d(-1.0000000000000002)), d(-2))
        XCTAssertEqual(f64Floor(d(-0.0)), d(-0.0))
        XCTAssertEqual(f64Trunc(d(-4503599627370495.5)), d(-4503599627370495))
        XCTAssertEqual(f64Trunc(d(.infinity)), d(.infinity))
        XCTAssertTrue(isArithmeticNaN32(f32Ceil(sNaN32)))
        XCTAssertTrue(isArithmeticNaN32(f32Floor(0xFFA0_0000)))
        XCTAssertTrue(isArithmeticNaN64(f64Trunc(sNaN64)))
    }

    func testSqrt() {
        XCTAssertEqual(f32Sqrt(f(4)), f(2))
        XCTAssertEqual(f32Sqrt(f(-0.0)), f(-0.0))
        XCTAssertTrue(isCanonicalNaN32(f32Sqrt(f(-1))))
        XCTAssertEqual(f64Sqrt(d(2)), d(1.4142135623730951))
        XCTAssertTrue(isCanonicalNaN64(f64Sqrt(d(-.infinity))))
        XCTAssertTrue(isArithmeticNaN64(f64Sqrt(sNaN64)))
    }

    func testSignOperatorsKeepPayloads() {
        XCTAssertEqual(f32Abs(0xFFA0_0001), 0x7FA0_0001)
        XCTAssertEqual(f32Neg(0x7FA0_0001), 0xFFA0_0001)
        XCTAssertEqual(f32Neg(f(0)), f(-0.0))
        XCTAssertEqual(f32Copysign(0x7FA0_0001, f(-1)), 0xFFA0_0001)
        XCTAssertEqual(f32Copysign(f(-2), f(0)), f(2))
        XCTAssertEqual(f64Abs(d(-0.0)), d(0))
        XCTAssertEqual(f64Neg(sNaN64), 0xFFF4_0000_0000_0000)
        XCTAssertEqual(f64Copysign(d(3), 0xFFF8_0000_0000_0000), d(-3))
    }

    func testArithmeticNaNs() {
        XCTAssertTrue(isCanonicalNaN32(f32Sub(f(.infinity), f(.infinity))))
        XCTAssertTrue(isCanonicalNaN32(f32Mul(f(0), f(.infinity))))
        XCTAssertTrue(isCanonicalNaN64(f64Div(d(0), d(0))))
        XCTAssertTrue(isArithmeticNaN32(f32Add(sNaN32, f(1))))
        XCTAssertEqual(f32Add(f(1), f(2)), f(3))
        XCTAssertEqual(f64Mul(d(1.5), d(-2)), d(-3))
    }

    func testCheckedTruncation() {
        // conversions.wast
        XCTAssertEqual(t(i32TruncF32S(f(-2147483648.0))), .v(0x8000_0000))
        XCTAssertEqual(t(i32TruncF32S(f(2147483648.0))), .overflow)
        XCTAssertEqual(t(i32TruncF32S(f(-2147483904.0))), .overflow)
        XCTAssertEqual(t(i32TruncF32S(f(-1.9))), .v(0xFFFF_FFFF))
        XCTAssertEqual(t(i32TruncF32S(canonicalNaN32)), .invalid)
        XCTAssertEqual(t(i32TruncF32S(0xFFA0_0000)), .invalid)
        XCTAssertEqual(t(i32TruncF32S(f(.infinity))), .overflow)
        XCTAssertEqual(t(i32TruncF32U(f(-0.9))), .v(0))
        XCTAssertEqual(t(i32TruncF32U(f(-1.0))), .overflow)
        XCTAssertEqual(t(i32TruncF32U(f(4294967040.0))), .v(4294967040))
        XCTAssertEqual(t(i32TruncF32U(f(4294967296.0))), .overflow)
        XCTAssertEqual(t(i32TruncF64S(d(-2147483648.9))), .v(0x8000_0000))
        XCTAssertEqual(t(i32TruncF64S(d(-2147483649.0))), .overflow)
        XCTAssertEqual(t(i32TruncF64S(d(2147483647.9))), .v(0x7FFF_FFFF))
        XCTAssertEqual(t(i32TruncF64U(d(4294967295.9))), .v(0xFFFF_FFFF))
        XCTAssertEqual(t(i32TruncF64U(d(4294967296.0))), .overflow)
        XCTAssertEqual(t(i32TruncF64U(d(-0.9))), .v(0))
        XCTAssertEqual(t(i32TruncF64U(sNaN64)), .invalid)
        XCTAssertEqual(t(i64TruncF32S(f(-9223372036854775808.0))), .v(0x8000_0000_0000_0000))
        XCTAssertEqual(t(i64TruncF32S(f(9223372036854775808.0))), .overflow)
        XCTAssertEqual(t(i64TruncF32U(f(18446742974197923840.0))), .v(18446742974197923840))
        XCTAssertEqual(t(i64TruncF32U(f(18446744073709551616.0))), .overflow)
        XCTAssertEqual(t(i64TruncF64S(d(9223372036854774784.0))), .v(9223372036854774784))
        XCTAssertEqual(t(i64TruncF64S(d(9223372036854775808.0))), .overflow)
        XCTAssertEqual(t(i64TruncF64S(d(-9223372036854777856.0))), .overflow)
        XCTAssertEqual(t(i64TruncF64U(d(18446744073709549568.0))), .v(18446744073709549568))
        XCTAssertEqual(t(i64TruncF64U(d(18446744073709551616.0))), .overflow)
        XCTAssertEqual(t(i64TruncF64U(d(-1.0))), .overflow)
        XCTAssertEqual(t(i64TruncF64U(canonicalNaN64)), .invalid)
    }

    func testSaturatingTruncation() {
        XCTAssertEqual(i32TruncSatF32S(f(2147483648.0)), 0x7FFF_FFFF)
        XCTAssertEqual(i32TruncSatF32S(f(-.infinity)), 0x8000_0000)
        XCTAssertEqual(i32TruncSatF32S(canonicalNaN32), 0)
        XCTAssertEqual(i32TruncSatF32S(f(-1.5)), 0xFFFF_FFFF)
        XCTAssertEqual(i32TruncSatF32U(f(-1.0)), 0)
        XCTAssertEqual(i32TruncSatF32U(f(.infinity)), 0xFFFF_FFFF)
        XCTAssertEqual(i32TruncSatF32U(0xFFC0_0000), 0)
        XCTAssertEqual(i32TruncSatF64S(d(-2147483649.0)), 0x8000_0000)
        XCTAssertEqual(i32TruncSatF64U(d(4294967296.0)), 0xFFFF_FFFF)
        XCTAssertEqual(i32TruncSatF64U(d(1e100)), 0xFFFF_FFFF)
        XCTAssertEqual(i64TruncSatF32S(f(9223372036854775808.0)), 0x7FFF_FFFF_FFFF_FFFF)
        XCTAssertEqual(i64TruncSatF32U(f(-.infinity)), 0)
        XCTAssertEqual(i64TruncSatF64S(d(-9223372036854777856.0)), 0x8000_0000_0000_0000)
        XCTAssertEqual(i64TruncSatF64S(sNaN64), 0)
        XCTAssertEqual(i64TruncSatF64U(d(18446744073709551616.0)), ~0)
        XCTAssertEqual(i64TruncSatF64U(d(4294967295.5)), 4294967295)
    }

    func testIntegerToFloatRoundsOnce() {
        // conversions.wast
        XCTAssertEqual(f32ConvertI32U(0x8000_0081), 0x4F00_0001)  // 0x1.000002p+31
        XCTAssertEqual(f32ConvertI32U(0xFFFF_FFFF), f(4294967296.0))
        XCTAssertEqual(f32ConvertI32S(16777217), f(16777216))
        XCTAssertEqual(f32ConvertI32S(0x8000_0000), f(-2147483648))
        XCTAssertEqual(f32ConvertI64U(0x8000_0080_0000_0001), 0x5F00_0001)  // 0x1.000002p+63: double rounding gives 0x1p+63
        XCTAssertEqual(f32ConvertI64U(0x0020_0000_2000_0001), 0x5A00_0001)  // 0x1.000002p+53
        XCTAssertEqual(f32ConvertI64U(0xFFFF_FE80_0000_0001), 0x5F7F_FFFF)  // 0x1.fffffep+63
        XCTAssertEqual(f32ConvertI64S(0xFFDF_FFFF_DFFF_FFFF), 0xDA00_0001)  // -0x1.000002p+53
        XCTAssertEqual(f64ConvertI64U(9007199254740993), d(9007199254740992))
        XCTAssertEqual(f64ConvertI64U(9007199254740995), d(9007199254740996))
        XCTAssertEqual(f64ConvertI64U(0x8000_0000_0000_0401), 0x43E0_0000_0000_0001)  // 0x1.0000000000001p+63
        XCTAssertEqual(f64ConvertI64U(~0), d(18446744073709551616.0))
        XCTAssertEqual(f64ConvertI64S(0x8000_0000_0000_0000), d(-9223372036854775808.0))
        XCTAssertEqual(f64ConvertI32U(0xFFFF_FFFF), d(4294967295))
        XCTAssertEqual(f64ConvertI32S(0xFFFF_FFFF), d(-1))
    }

    func testDemotePromote() {
        XCTAssertEqual(f32DemoteF64(d(0x1.fffffe0000000p-127)), 0x0080_0000)  // rounds up to the smallest normal
        XCTAssertEqual(f32DemoteF64(d(0x1.fffffefffffffp+127)), 0x7F7F_FFFF)  // just below the tie
        XCTAssertEqual(f32DemoteF64(d(0x1.ffffffp+127)), f(.infinity))  // the tie rounds to +inf
        XCTAssertEqual(f32DemoteF64(d(0x1p-150)), 0)  // tie rounds to even (zero)
        XCTAssertEqual(f32DemoteF64(d(-0.0)), f(-0.0))
        XCTAssertTrue(isCanonicalNaN32(f32DemoteF64(canonicalNaN64)))
        XCTAssertTrue(isArithmeticNaN32(f32DemoteF64(sNaN64)))
        XCTAssertEqual(f64PromoteF32(0x0000_0001), d(0x1p-149))
        XCTAssertEqual(f64PromoteF32(f(-.infinity)), d(-.infinity))
        XCTAssertTrue(isCanonicalNaN64(f64PromoteF32(0xFFC0_0000)))
        XCTAssertTrue(isArithmeticNaN64(f64PromoteF32(sNaN32)))
    }
}
