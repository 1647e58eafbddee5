import XCTest
@testable import Wisp
import WispFormat

// Expected values follow the spec testsuite's simd_*.wast files; sub-opcodes are the 0xFD codes.

private func i8x16(_ l: [Int]) -> V128 {
    var v = V128(lo: 0, hi: 0)
    for (i, x) in l.enumerated() { v = v128SetLane(v, width: 1, lane: i, bits: UInt64(truncatingIfNeeded: x)) }
    return v
}
private func i16x8(_ l: [Int]) -> V128 {
    var v = V128(lo: 0, hi: 0)
    for (i, x) in l.enumerated() { v = v128SetLane(v, width: 2, lane: i, bits: UInt64(truncatingIfNeeded: x)) }
    return v
}
private func i32x4(_ l: [Int64]) -> V128 {
    var v = V128(lo: 0, hi: 0)
    for (i, x) in l.enumerated() { v = v128SetLane(v, width: 4, lane: i, bits: UInt64(truncatingIfNeeded: x)) }
    return v
}
private func i64x2(_ a: UInt64, _ b: UInt64) -> V128 { V128(lo: a, hi: b) }
private func f32x4(_ l: [Float]) -> V128 { i32x4(l.map { Int64($0.bitPattern) }) }
private func f32x4Bits(_ l: [UInt32]) -> V128 { i32x4(l.map { Int64($0) }) }
private func f64x2(_ a: Double, _ b: Double) -> V128 { V128(lo: a.bitPattern, hi: b.bitPattern) }

private func lanes8(_ v: V128) -> [Int] { (0..<16).map { Int(Int8(truncatingIfNeeded: v128Lane(v, width: 1, lane: $0))) } }
private func lanes8u(_ v: V128) -> [Int] { (0..<16).map { Int(v128Lane(v, width: 1, lane: $0)) } }
private func lanes16(_ v: V128) -> [Int] { (0..<8).map { Int(Int16(truncatingIfNeeded: v128Lane(v, width: 2, lane: $0))) } }
private func lanes16u(_ v: V128) -> [Int] { (0..<8).map { Int(v128Lane(v, width: 2, lane: $0)) } }
private func lanes32(_ v: V128) -> [Int64] { (0..<4).map { Int64(Int32(truncatingIfNeeded: v128Lane(v, width: 4, lane: $0))) } }
private func lanes32u(_ v: V128) -> [UInt32] { (0..<4).map { UInt32(v128Lane(v, width: 4, lane: $0)) } }

private let allOnes = V128(lo: ~0, hi: ~0)
private let zero = V128(lo: 0, hi: 0)

final class SIMDTests: XCTestCase {
    func testLaneLayoutIsLittleEndian() {
        let v = V128(lo: 0x0706_0504_0302_0100, hi: 0x0F0E_0D0C_0B0A_0908)
        XCTAssertEqual(lanes8u(v), Array(0..<16))
        XCTAssertEqual(v.u8[3], 3)
        XCTAssertEqual(v.u16[5], 0x0B0A)
        XCTAssertEqual(v.u32[3], 0x0F0E_0D0C)
        XCTAssertEqual(V128(v.u32), v)
    }

    func testSplatExtractReplace() {
        XCTAssertEqual(simdSplat(15, bits: 0x1FF), V128(lo: 0xFFFF_FFFF_FFFF_FFFF, hi: 0xFFFF_FFFF_FFFF_FFFF))
        XCTAssertEqual(simdSplat(16, bits: 0x1_8000), i16x8(Array(repeating: -32768, count: 8)))
        XCTAssertEqual(simdSplat(19, bits: UInt64(Float(1.5).bitPattern)), f32x4([1.5, 1.5, 1.5, 1.5]))
        XCTAssertEqual(simdSplat(20, bits: Double(-2).bitPattern), f64x2(-2, -2))
        let v = i8x16([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, -1])
        XCTAssertEqual(simdExtractLane(.i8x16ExtractLaneS, v, lane: 15), 0xFFFF_FFFF)  // i32 -1
        XCTAssertEqual(simdExtractLane(.i8x16ExtractLaneU, v, lane: 15), 255)
        XCTAssertEqual(simdExtractLane(.i16x8ExtractLaneS, i16x8([0, 0, 0, -32768]), lane: 3), 0xFFFF_8000)
        XCTAssertEqual(simdExtractLane(.i16x8ExtractLaneU, i16x8([0, 0, 0, -32768]), lane: 3), 0x8000)
        XCTAssertEqual(simdExtractLane(.i64x2ExtractLane, i64x2(1, ~0), lane: 1), ~0)
        XCTAssertEqual(simdExtractLane(.f32x4ExtractLane, f32x4([0, 0, -0.5, 0]), lane: 2), UInt64(Float(-0.5).bitPattern))
        XCTAssertEqual(simdReplaceLane(.i8x16ReplaceLane, zero, lane: 9, bits: 0x1_23), i8x16([0, 0, 0, 0, 0, 0, 0, 0, 0, 0x23]))
        XCTAssertEqual(simdReplaceLane(.i16x8ReplaceLane, allOnes, lane: 4, bits: 0),
                       V128(lo: ~0, hi: 0xFFFF_FFFF_FFFF_0000))
        XCTAssertEqual(simdReplaceLane(.f64x2ReplaceLane, zero, lane: 1, bits: Double(3).bitPattern), f64x2(0, 3))
        XCTAssertEqual(simdReplaceLane(.i32x4ReplaceLane, zero, lane: 1, bits: 0xDEAD_BEEF_CAFE_F00D), i32x4([0, 0xCAFE_F00D]))
    }

    func testShuffleAndSwizzle() {
        let a = i8x16(Array(0..<16)), b = i8x16(Array(16..<32))
        let idx = i8x16([31, 0, 30, 1, 29, 2, 28, 3, 27, 4, 26, 5, 25, 6, 24, 7])
        XCTAssertEqual(lanes8u(simdShuffle(a, b, lanes: idx)), [31, 0, 30, 1, 29, 2, 28, 3, 27, 4, 26, 5, 25, 6, 24, 7])
        let t = i8x16(Array(100..<116))
        // simd_lane.wast: out-of-range swizzle indices (>= 16, including 0x80..0xFF) give 0
        let s = simdBinary(14, t, i8x16([0, 15, 16, 255, 128, 1, 17, 2, 3, 4, 5, 6, 7, 8, 9, 0x7F]))
        XCTAssertEqual(lanes8u(s), [100, 115, 0, 0, 0, 101, 0, 102, 103, 104, 105, 106, 107, 108, 109, 0])
    }

    func testIntegerComparisons() {
        let a = i8x16([-1, 0, 1, 127, -128, 5, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0])
        let b = i8x16([0, 0, 2, -128, 127, 5, 4, 6, 0, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(Array(lanes8(simdBinary(37, a, b)).prefix(8)), [-1, 0, -1, 0, -1, 0, 0, -1])  // lt_s
        XCTAssertEqual(Array(lanes8(simdBinary(38, a, b)).prefix(8)), [0, 0, -1, -1, 0, 0, 0, -1])  // lt_u
        XCTAssertEqual(Array(lanes8(simdBinary(44, a, b)).prefix(8)), [-1, -1, 0, 0, -1, -1, -1, 0])  // ge_u
        XCTAssertEqual(lanes16(simdBinary(45, i16x8([1, 2]), i16x8([1, 3]))), [-1, 0, -1, -1, -1, -1, -1, -1])
        XCTAssertEqual(lanes32(simdBinary(59, i32x4([-1, 1, 0, 0]), i32x4([0, 0, 0, 0]))), [0, -1, 0, 0])  // gt_s
        XCTAssertEqual(lanes32(simdBinary(60, i32x4([-1, 1, 0, 0]), i32x4([0, 0, 0, 0]))), [-1, -1, 0, 0])  // gt_u
        XCTAssertEqual(simdBinary(216, i64x2(~0, 1), i64x2(0, 0)), i64x2(~0, 0))  // i64x2.lt_s
        XCTAssertEqual(simdBinary(219, i64x2(0x8000_0000_0000_0000, 7), i64x2(0x7FFF_FFFF_FFFF_FFFF, 7)), i64x2(0, ~0))  // ge_s
        XCTAssertEqual(simdBinary(215, i64x2(3, 4), i64x2(3, 5)), i64x2(0, ~0))  // ne
    }

    func testFloatComparisons() {
        let nan = Float.nan
        let a = f32x4([nan, 1, -0.0, 2]), b = f32x4([nan, 1, 0.0, 1])
        XCTAssertEqual(lanes32(simdBinary(65, a, b)), [0, -1, -1, 0])  // eq: -0 == +0, NaN != NaN
        XCTAssertEqual(lanes32(simdBinary(66, a, b)), [-1, 0, 0, -1])  // ne
        XCTAssertEqual(lanes32(simdBinary(70, a, b)), [0, -1, -1, -1])  // ge
        XCTAssertEqual(simdBinary(73, f64x2(-1, .nan), f64x2(0, 0)), i64x2(~0, 0))  // f64x2.lt
        XCTAssertEqual(simdBinary(76, f64x2(0, -.infinity), f64x2(-0.0, .infinity)), i64x2(~0, 0))  // f64x2.ge
    }

    func testBitwiseAndTests() {
        let a = V128(lo: 0xFF00_FF00_1234_5678, hi: 0x0F0F_0F0F_0000_0000)
        let b = V128(lo: 0x0FF0_0FF0_FFFF_0000, hi: 0x00FF_00FF_FFFF_FFFF)
        XCTAssertEqual(simdUnary(77, a), V128(lo: ~a.lo, hi: ~a.hi))
        XCTAssertEqual(simdBinary(78, a, b), V128(lo: 0x0F00_0F00_1234_0000, hi: 0x000F_000F_0000_0000))
        XCTAssertEqual(simdBinary(79, a, b), V128(lo: 0xF000_F000_0000_5678, hi: 0x0F00_0F00_0000_0000))
        XCTAssertEqual(simdBinary(80, a, b), V128(lo: 0xFFF0_FFF0_FFFF_5678, hi: 0x0FFF_0FFF_FFFF_FFFF))
        XCTAssertEqual(simdBinary(81, a, b), V128(lo: 0xF0F0_F0F0_EDCB_5678, hi: 0x0FF0_0FF0_FFFF_FFFF))
        let mask = V128(lo: 0xFFFF_FFFF_0000_0000, hi: 0x0123_4567_89AB_CDEF)
        XCTAssertEqual(simdTernary(82, allOnes, zero, mask), mask)
        XCTAssertEqual(simdTernary(82, a, b, mask), V128(lo: 0xFF00_FF00_FFFF_0000, hi: 0x01DF_059F_7654_3210))
        XCTAssertEqual(simdTest(83, zero), 0)
        XCTAssertEqual(simdTest(83, V128(lo: 0, hi: 1 << 63)), 1)
        XCTAssertEqual(simdTest(99, i8x16(Array(1...16))), 1)
        XCTAssertEqual(simdTest(99, i8x16(Array(1...15) + [0])), 0)
        XCTAssertEqual(simdTest(131, i16x8([1, 1, 1, 1, 1, 1, 0x100, 0])), 0)
        XCTAssertEqual(simdTest(163, i32x4([1, 1 << 16, -1, 1 << 31])), 1)
        XCTAssertEqual(simdTest(195, i64x2(1, 0)), 0)
        XCTAssertEqual(simdTest(195, i64x2(1 << 40, 1)), 1)
        XCTAssertEqual(simdTest(100, i8x16([-1, 0, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -5])), 0x8005)
        XCTAssertEqual(simdTest(132, i16x8([-1, 1, -1, 1, 0, 0, 0, -32768])), 0x85)
        XCTAssertEqual(simdTest(164, i32x4([0, -1, 0, -2])), 0b1010)
        XCTAssertEqual(simdTest(196, i64x2(1 << 63, 1)), 1)
    }

    func testShiftsTakeCountModuloLaneWidth() {
        XCTAssertEqual(lanes8(simdShift(107, i8x16([1, -1]), count: 9)), [2, -2] + Array(repeating: 0, count: 14))
        XCTAssertEqual(lanes8(simdShift(108, i8x16([-128, 64]), count: 7)), [-1, 0] + Array(repeating: 0, count: 14))
        XCTAssertEqual(lanes8u(simdShift(109, i8x16([-128, 64]), count: 7)), [1, 0] + Array(repeating: 0, count: 14))
        XCTAssertEqual(lanes16(simdShift(140, i16x8([-32768, 16]), count: 17)), [-16384, 8, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(lanes16u(simdShift(141, i16x8([-32768]), count: 15)), [1, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(lanes16(simdShift(139, i16x8([1]), count: 32)), [1, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(lanes32(simdShift(172, i32x4([-8, 8]), count: 33)), [-4, 4, 0, 0])
        XCTAssertEqual(lanes32u(simdShift(173, i32x4([-8]), count: 31)), [1, 0, 0, 0])
        XCTAssertEqual(lanes32(simdShift(171, i32x4([3]), count: 0xFFFF_FFFF)), [-(1 << 31), 0, 0, 0])
        XCTAssertEqual(simdShift(203, i64x2(1, 3), count: 65), i64x2(2, 6))
        XCTAssertEqual(simdShift(204, i64x2(1 << 63, 4), count: 63), i64x2(~0, 0))
        XCTAssertEqual(simdShift(205, i64x2(1 << 63, 4), count: 127), i64x2(1, 0))
    }

    func testIntegerArithmeticWrapsAndSaturates() {
        let a = i8x16([127, -128, 100, -100, 1, 0, 255, 200])
        let b = i8x16([1, -1, 100, -100, 1, 0, 1, 100])
        XCTAssertEqual(Array(lanes8(simdBinary(110, a, b)).prefix(4)), [-128, 127, -56, 56])  // add wraps
        XCTAssertEqual(Array(lanes8(simdBinary(111, a, b)).prefix(4)), [127, -128, 127, -128])  // add_sat_s
        XCTAssertEqual(Array(lanes8u(simdBinary(112, a, b)).prefix(8)), [128, 255, 200, 255, 2, 0, 255, 255])  // add_sat_u
        XCTAssertEqual(Array(lanes8(simdBinary(114, a, b)).prefix(4)), [126, -127, 0, 0])  // sub_sat_s
        XCTAssertEqual(Array(lanes8u(simdBinary(115, b, a)).prefix(8)), [0, 127, 0, 0, 0, 0, 0, 0])  // sub_sat_u
        XCTAssertEqual(Array(lanes8u(simdBinary(123, a, b)).prefix(8)), [64, 192, 100, 156, 1, 0, 128, 150])  // avgr_u
        XCTAssertEqual(lanes16(simdBinary(143, i16x8([32767, -32768]), i16x8([1, -1]))), [32767, -32768, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(lanes16u(simdBinary(144, i16x8([65535, 1]), i16x8([1, 1]))), [65535, 2, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(lanes16(simdBinary(146, i16x8([-32768]), i16x8([1]))), [-32768, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(lanes16u(simdBinary(147, i16x8([1]), i16x8([2]))), [0, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(lanes16u(simdBinary(155, i16x8([65535, 0]), i16x8([65535, 1]))), [65535, 1, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(lanes16(simdBinary(149, i16x8([256, -3]), i16x8([256, 7]))), [0, -21, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(lanes32(simdBinary(181, i32x4([0x10000, -5]), i32x4([0x10000, 5]))), [0, -25, 0, 0])
        XCTAssertEqual(simdBinary(213, i64x2(1 << 32, ~0), i64x2(1 << 32, 2)), i64x2(0, ~0 - 1))
        XCTAssertEqual(simdBinary(206, i64x2(~0, 1), i64x2(1, 1)), i64x2(0, 2))
        XCTAssertEqual(simdBinary(209, i64x2(0, 1), i64x2(1, 1)), i64x2(~0, 0))
        XCTAssertEqual(lanes32(simdBinary(177, i32x4([0, -2147483648]), i32x4([1, 1]))), [-1, 2147483647, 0, 0])
    }

    func testMinMaxAbsNegPopcnt() {
        let a = i8x16([-1, 1, -128, 127]), b = i8x16([1, -1, 0, 0])
        XCTAssertEqual(Array(lanes8(simdBinary(118, a, b)).prefix(4)), [-1, -1, -128, 0])  // min_s
        XCTAssertEqual(Array(lanes8(simdBinary(119, a, b)).prefix(4)), [1, 1, 0, 0])  // min_u
        XCTAssertEqual(Array(lanes8(simdBinary(120, a, b)).prefix(4)), [1, 1, 0, 127])  // max_s
        XCTAssertEqual(Array(lanes8(simdBinary(121, a, b)).prefix(4)), [-1, -1, -128, 127])  // max_u
        XCTAssertEqual(lanes16(simdBinary(151, i16x8([-1, 2]), i16x8([1, 3]))), [1, 2, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(lanes32(simdBinary(184, i32x4([-1, 2]), i32x4([1, 3]))), [1, 3, 0, 0])
        XCTAssertEqual(lanes32(simdBinary(185, i32x4([-1, 2]), i32x4([1, 3]))), [-1, 3, 0, 0])
        XCTAssertEqual(Array(lanes8(simdUnary(96, a)).prefix(4)), [1, 1, -128, 127])  // abs keeps -128
        XCTAssertEqual(Array(lanes8(simdUnary(97, a)).prefix(4)), [1, -1, -128, -127])
        XCTAssertEqual(lanes16(simdUnary(128, i16x8([-32768, -7]))), [-32768, 7, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(lanes32(simdUnary(161, i32x4([-2147483648, 5]))), [-2147483648, -5, 0, 0])
        XCTAssertEqual(simdUnary(192, i64x2(1 << 63, ~0)), i64x2(1 << 63, 1))
        XCTAssertEqual(simdUnary(193, i64x2(1, 0)), i64x2(~0, 0))
        XCTAssertEqual(Array(lanes8u(simdUnary(98, i8x16([-1, 0, 0x55, 0x80]))).prefix(4)), [8, 0, 4, 1])
    }

    func testNarrowSaturates() {
        let a = i16x8([0, 127, 128, -129, -128, 255, 256, -1])
        let b = i16x8([32767, -32768, 1, 2, 3, 4, 5, 6])
        XCTAssertEqual(lanes8(simdBinary(101, a, b)), [0, 127, 127, -128, -128, 127, 127, -1, 127, -128, 1, 2, 3, 4, 5, 6])
        XCTAssertEqual(lanes8u(simdBinary(102, a, b)), [0, 127, 128, 0, 0, 255, 255, 0, 255, 0, 1, 2, 3, 4, 5, 6])
        let c = i32x4([32768, -32769, 65535, -1]), d = i32x4([65536, 7, -7, 0])
        XCTAssertEqual(lanes16(simdBinary(133, c, d)), [32767, -32768, 32767, -1, 32767, 7, -7, 0])
        XCTAssertEqual(lanes16u(simdBinary(134, c, d)), [32768, 0, 65535, 0, 65535, 7, 0, 0])
    }

    func testExtendExtmulExtaddDotQ15() {
        let a = i8x16([-1, 2, -128, 127, 0, 0, 0, 0, -2, 0, 0, 0, 0, 0, 0, 5])
        XCTAssertEqual(lanes16(simdUnary(135, a)), [-1, 2, -128, 127, 0, 0, 0, 0])
        XCTAssertEqual(lanes16(simdUnary(136, a)), [-2, 0, 0, 0, 0, 0, 0, 5])
        XCTAssertEqual(lanes16(simdUnary(137, a)), [255, 2, 128, 127, 0, 0, 0, 0])
        XCTAssertEqual(lanes16(simdUnary(138, a)), [254, 0, 0, 0, 0, 0, 0, 5])
        XCTAssertEqual(lanes32(simdUnary(168, i16x8([0, 0, 0, 0, -1, 1, -32768, 0]))), [-1, 1, -32768, 0])
        XCTAssertEqual(lanes32(simdUnary(169, i16x8([-1, 1]))), [65535, 1, 0, 0])
        XCTAssertEqual(simdUnary(199, i32x4([-1, 2])), i64x2(~0, 2))
        XCTAssertEqual(simdUnary(202, i32x4([0, 0, -1, 2])), i64x2(0xFFFF_FFFF, 2))
        // extmul: (-128)^2 and 255^2 fit their doubled lanes
        XCTAssertEqual(lanes16(simdBinary(156, a, a)), [1, 4, 16384, 16129, 0, 0, 0, 0])
        XCTAssertEqual(lanes16u(simdBinary(158, a, a)), [65025, 4, 16384, 16129, 0, 0, 0, 0])
        XCTAssertEqual(lanes16(simdBinary(157, a, i8x16(Array(repeating: 3, count: 16)))), [-6, 0, 0, 0, 0, 0, 0, 15])
        XCTAssertEqual(lanes32(simdBinary(188, i16x8([-32768]), i16x8([-32768]))), [1 << 30, 0, 0, 0])
        XCTAssertEqual(lanes32u(simdBinary(191, i16x8([0, 0, 0, 0, -1]), i16x8([0, 0, 0, 0, -1]))), [0xFFFE_0001, 0, 0, 0])
        XCTAssertEqual(simdBinary(220, i32x4([-2147483648, 3]), i32x4([-2147483648, -3])), i64x2(1 << 62, UInt64(bitPattern: -9)))
        XCTAssertEqual(simdBinary(223, i32x4([0, 0, -1, 0]), i32x4([0, 0, -1, 0])), i64x2(0xFFFF_FFFE_0000_0001, 0))
        XCTAssertEqual(lanes16(simdUnary(124, i8x16([-128, -128, 127, 127, -1, 1]))), [-256, 254, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(lanes16(simdUnary(125, i8x16([-1, -1, 127, 127]))), [510, 254, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(lanes32(simdUnary(126, i16x8([-32768, -32768, 1, 2]))), [-65536, 3, 0, 0])
        XCTAssertEqual(lanes32(simdUnary(127, i16x8([-1, -1]))), [131070, 0, 0, 0])
        // simd_i32x4_dot_i16x8.wast: the only overflowing case wraps to INT32_MIN
        XCTAssertEqual(lanes32(simdBinary(186, i16x8(Array(repeating: -32768, count: 8)), i16x8(Array(repeating: -32768, count: 8)))),
                       [-2147483648, -2147483648, -2147483648, -2147483648])
        XCTAssertEqual(lanes32(simdBinary(186, i16x8([1, 2, 3, 4]), i16x8([5, 6, -7, 8]))), [17, 11, 0, 0])
        // simd_i16x8_q15mulr_sat_s.wast
        // (a * b + 2^14) >> 15 with an arithmetic shift: -32766.5 floors to -32767, 32767.5 to 32767
        XCTAssertEqual(lanes16(simdBinary(130, i16x8([-32768, 16384, -32768, 1, -32768]), i16x8([-32768, 16384, 32767, 16384, -32767]))),
                       [32767, 8192, -32767, 1, 32767, 0, 0, 0])
    }

    func testFloatArithmeticAndNaNs() {
        let r = simdBinary(228, f32x4([1, .infinity, .nan, 0.5]), f32x4([2, -.infinity, 1, 0.25]))
        XCTAssertEqual(lanes32u(r), [Float(3).bitPattern, 0x7FC0_0000, 0x7FC0_0000, Float(0.75).bitPattern])
        XCTAssertEqual(lanes32u(simdBinary(231, f32x4([1, 0, -1, 1]), f32x4([0, 0, 0, 4]))),
                       [Float.infinity.bitPattern, 0x7FC0_0000, (-Float.infinity).bitPattern, Float(0.25).bitPattern])
        XCTAssertEqual(simdBinary(242, f64x2(-1.5, 0), f64x2(2, .infinity)), V128(lo: Double(-3).bitPattern, hi: 0x7FF8_0000_0000_0000))
        XCTAssertEqual(simdBinary(241, f64x2(1, 0.5), f64x2(2, 0.25)), f64x2(-1, 0.25))
        XCTAssertEqual(lanes32u(simdUnary(227, f32x4([4, -1, 0, -0.0]))), [Float(2).bitPattern, 0x7FC0_0000, 0, 0x8000_0000])
        XCTAssertEqual(simdUnary(239, f64x2(9, .infinity)), f64x2(3, .infinity))
        // abs/neg are bitwise: NaN payloads survive
        XCTAssertEqual(lanes32u(simdUnary(224, f32x4Bits([0xFFA0_0001, 0x8000_0000, 1, 0xBF80_0000]))), [0x7FA0_0001, 0, 1, 0x3F80_0000])
        XCTAssertEqual(lanes32u(simdUnary(225, f32x4Bits([0x7FA0_0001, 0, 1, 0xBF80_0000]))), [0xFFA0_0001, 0x8000_0000, 0x8000_0001, 0x3F80_0000])
        XCTAssertEqual(simdUnary(236, V128(lo: 0xFFF4_0000_0000_0000, hi: (-0.0 as Double).bitPattern)), V128(lo: 0x7FF4_0000_0000_0000, hi: 0))
        XCTAssertEqual(simdUnary(237, f64x2(1, -0.0)), f64x2(-1, 0))
    }

    func testFloatMinMaxPminPmax() {
        // simd_f32x4.wast: wasm min/max, not the host's
        let a = f32x4Bits([0x7FC0_0000, Float(0).bitPattern, Float(-0.0).bitPattern, 0x7FA0_0000])
        let b = f32x4Bits([Float(1).bitPattern, Float(-0.0).bitPattern, Float(0).bitPattern, Float(1).bitPattern])
        let mn = lanes32u(simdBinary(232, a, b)), mx = lanes32u(simdBinary(233, a, b))
        XCTAssertEqual(mn[0] & 0x7FFF_FFFF, 0x7FC0_0000)
        XCTAssertEqual(mn[1], 0x8000_0000)
        XCTAssertEqual(mn[2], 0x8000_0000)
        XCTAssertEqual(mn[3] & 0x7FC0_0000, 0x7FC0_0000)
        XCTAssertEqual(mx[1], 0)
        XCTAssertEqual(mx[2], 0)
        XCTAssertEqual(mx[3] & 0x7FC0_0000, 0x7FC0_0000)
        XCTAssertEqual(simdBinary(244, f64x2(-0.0, 1), f64x2(0, .nan)).lo, (-0.0 as Double).bitPattern)
        XCTAssertEqual(simdBinary(245, f64x2(-0.0, 1), f64x2(0, 2)), f64x2(0, 2))
        // pmin = b < a ? b : a; pmax = a < b ? b : a: with NaN or equal operands, `a` comes back unchanged
        XCTAssertEqual(lanes32u(simdBinary(234, a, b)), [0x7FC0_0000, 0, 0x8000_0000, 0x7FA0_0000])
        XCTAssertEqual(lanes32u(simdBinary(235, b, a)), [Float(1).bitPattern, 0x8000_0000, 0, Float(1).bitPattern])
        XCTAssertEqual(lanes32u(simdBinary(234, f32x4([3, -1, 0, 0]), f32x4([2, 5, 0, 0]))).prefix(2), [Float(2).bitPattern, Float(-1).bitPattern])
        XCTAssertEqual(simdBinary(246, f64x2(1, 0), V128(lo: 0x7FF4_0000_0000_0001, hi: (-0.0 as Double).bitPattern)), f64x2(1, 0))
        XCTAssertEqual(simdBinary(247, f64x2(1, .infinity), f64x2(2, 1)), f64x2(2, .infinity))
    }

    func testFloatRounding() {
        XCTAssertEqual(simdUnary(103, f32x4([-0.5, 0.5, 1.0001, -1.5])), f32x4([-0.0, 1, 2, -1]))  // ceil
        XCTAssertEqual(simdUnary(104, f32x4([-0.5, 0.5, 1.0001, -1.5])), f32x4([-1, 0, 1, -2]))  // floor
        XCTAssertEqual(simdUnary(105, f32x4([-0.5, 0.5, 1.0001, -1.5])), f32x4([-0.0, 0, 1, -1]))  // trunc
        XCTAssertEqual(simdUnary(106, f32x4([-0.5, 2.5, 3.5, -1.5])), f32x4([-0.0, 2, 4, -2]))  // nearest
        XCTAssertEqual(simdUnary(116, f64x2(-0.5, 1e300)), f64x2(-0.0, 1e300))
        XCTAssertEqual(simdUnary(117, f64x2(-0.5, 0.5)), f64x2(-1, 0))
        XCTAssertEqual(simdUnary(122, f64x2(-0.5, 4503599627370495.5)), f64x2(-0.0, 4503599627370495))
        XCTAssertEqual(simdUnary(148, f64x2(2.5, -0.5)), f64x2(2, -0.0))
        XCTAssertEqual(lanes32u(simdUnary(106, f32x4Bits([0x7FA0_0000, 0, 0, 0])))[0] & 0x7FC0_0000, 0x7FC0_0000)
    }

    func testConversions() {
        // simd_i32x4_trunc_sat_f32x4.wast / simd_conversions.wast
        XCTAssertEqual(lanes32(simdUnary(248, f32x4([.nan, 3e9, -3e9, -1.9]))), [0, 2147483647, -2147483648, -1])
        XCTAssertEqual(lanes32u(simdUnary(249, f32x4([-1, -0.9, 4294967296, 4294967040]))), [0, 0, 0xFFFF_FFFF, 4294967040])
        XCTAssertEqual(lanes32u(simdUnary(252, f64x2(-2147483649, 2147483647.9))), [0x8000_0000, 0x7FFF_FFFF, 0, 0])
        XCTAssertEqual(lanes32u(simdUnary(253, f64x2(-1, 4294967296))), [0, 0xFFFF_FFFF, 0, 0])
        XCTAssertEqual(simdUnary(250, i32x4([-1, 16777217, -2147483648, 0])), f32x4([-1, 16777216, -2147483648, 0]))
        // u32 -> f32 rounds once to nearest even: 0x80000081 -> 0x1.000002p+31, 0xFFFFFFFF -> 2^32
        XCTAssertEqual(lanes32u(simdUnary(251, i32x4([0x8000_0081, 0xFFFF_FFFF, 0x8000_0080, 16777219]))),
                       [0x4F00_0001, 0x4F80_0000, 0x4F00_0000, Float(16777220).bitPattern])
        XCTAssertEqual(simdUnary(254, i32x4([-1, -2147483648, 7, 7])), f64x2(-1, -2147483648))
        XCTAssertEqual(simdUnary(255, i32x4([-1, 1, 7, 7])), f64x2(4294967295, 1))
        XCTAssertEqual(simdUnary(94, f64x2(0x1.ffffffp+127, -1.5)), f32x4([.infinity, -1.5, 0, 0]))  // demote_f64x2_zero
        XCTAssertEqual(lanes32u(simdUnary(94, V128(lo: 0x7FF4_0000_0000_0000, hi: 0)))[0] & 0x7FC0_0000, 0x7FC0_0000)
        XCTAssertEqual(simdUnary(95, f32x4([1.5, -0.0, 99, 99])), f64x2(1.5, -0.0))  // promote_low
        XCTAssertEqual(simdUnary(95, f32x4Bits([0x7FA0_0000, 0, 0, 0])).lo & 0x7FF8_0000_0000_0000, 0x7FF8_0000_0000_0000)
    }

    func testMemoryForms() {
        let raw: UInt64 = 0x8070_6050_4030_2010
        XCTAssertEqual(lanes16(simdLoadExtend(.load8x8S, raw: raw)), [0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, -128])
        XCTAssertEqual(lanes16u(simdLoadExtend(.load8x8U, raw: raw)), [0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80])
        XCTAssertEqual(lanes32(simdLoadExtend(.load16x4S, raw: raw)), [0x2010, 0x4030, 0x6050, -32656])
        XCTAssertEqual(lanes32u(simdLoadExtend(.load16x4U, raw: raw)), [0x2010, 0x4030, 0x6050, 0x8070])
        XCTAssertEqual(simdLoadExtend(.load32x2S, raw: raw), i64x2(0x4030_2010, 0xFFFF_FFFF_8070_6050))
        XCTAssertEqual(simdLoadExtend(.load32x2U, raw: raw), i64x2(0x4030_2010, 0x8070_6050))
        XCTAssertEqual(simdLoad(.load8Splat, raw: 0xAB), V128(lo: 0xABAB_ABAB_ABAB_ABAB, hi: 0xABAB_ABAB_ABAB_ABAB))
        XCTAssertEqual(simdLoad(.load16Splat, raw: 0xABCD), V128(lo: 0xABCD_ABCD_ABCD_ABCD, hi: 0xABCD_ABCD_ABCD_ABCD))
        XCTAssertEqual(simdLoad(.load32Splat, raw: 0x1234_5678), i32x4([0x1234_5678, 0x1234_5678, 0x1234_5678, 0x1234_5678]))
        XCTAssertEqual(simdLoad(.load64Splat, raw: raw), i64x2(raw, raw))
        XCTAssertEqual(simdLoad(.load32Zero, raw: 0x1234_5678), i64x2(0x1234_5678, 0))
        XCTAssertEqual(simdLoad(.load64Zero, raw: raw), i64x2(raw, 0))
        XCTAssertEqual(simdLoadLane(.b8, zero, lane: 15, raw: 0xFF), V128(lo: 0, hi: 0xFF00_0000_0000_0000))
        XCTAssertEqual(simdLoadLane(.b16, allOnes, lane: 1, raw: 0), V128(lo: 0xFFFF_FFFF_0000_FFFF, hi: ~0))
        XCTAssertEqual(simdLoadLane(.b32, zero, lane: 2, raw: 0xCAFE_BABE), V128(lo: 0, hi: 0xCAFE_BABE))
        XCTAssertEqual(simdLoadLane(.b64, zero, lane: 1, raw: raw), i64x2(0, raw))
        let v = V128(lo: 0x0706_0504_0302_0100, hi: 0x0F0E_0D0C_0B0A_0908)
        XCTAssertEqual(simdStoreLane(.b8, v, lane: 9), 9)
        XCTAssertEqual(simdStoreLane(.b16, v, lane: 7), 0x0F0E)
        XCTAssertEqual(simdStoreLane(.b32, v, lane: 1), 0x0706_0504)
        XCTAssertEqual(simdStoreLane(.b64, v, lane: 1), v.hi)
    }
}
