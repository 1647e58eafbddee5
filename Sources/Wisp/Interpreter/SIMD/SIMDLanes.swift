import WispFormat

// Lane views of a V128. A V128 is two UInt64 halves in memory order lo, hi; on the little-endian
// hosts Wisp supports (x86_64, arm64) that is exactly the WebAssembly byte order, so a bit cast to
// a 16-byte Swift SIMD vector yields lane 0 first.

extension V128 {
    @inline(__always) init(_ v: SIMD16<UInt8>) { self = unsafeBitCast(v, to: V128.self) }
    @inline(__always) init(_ v: SIMD16<Int8>) { self = unsafeBitCast(v, to: V128.self) }
    @inline(__always) init(_ v: SIMD8<UInt16>) { self = unsafeBitCast(v, to: V128.self) }
    @inline(__always) init(_ v: SIMD8<Int16>) { self = unsafeBitCast(v, to: V128.self) }
    @inline(__always) init(_ v: SIMD4<UInt32>) { self = unsafeBitCast(v, to: V128.self) }
    @inline(__always) init(_ v: SIMD4<Int32>) { self = unsafeBitCast(v, to: V128.self) }
    @inline(__always) init(_ v: SIMD2<UInt64>) { self.init(lo: v[0], hi: v[1]) }
    @inline(__always) init(_ v: SIMD2<Int64>) { self.init(lo: UInt64(bitPattern: v[0]), hi: UInt64(bitPattern: v[1])) }

    @inline(__always) var u8: SIMD16<UInt8> { unsafeBitCast(self, to: SIMD16<UInt8>.self) }
    @inline(__always) var s8: SIMD16<Int8> { unsafeBitCast(self, to: SIMD16<Int8>.self) }
    @inline(__always) var u16: SIMD8<UInt16> { unsafeBitCast(self, to: SIMD8<UInt16>.self) }
    @inline(__always) var s16: SIMD8<Int16> { unsafeBitCast(self, to: SIMD8<Int16>.self) }
    @inline(__always) var u32: SIMD4<UInt32> { unsafeBitCast(self, to: SIMD4<UInt32>.self) }
    @inline(__always) var s32: SIMD4<Int32> { unsafeBitCast(self, to: SIMD4<Int32>.self) }
    @inline(__always) var u64: SIMD2<UInt64> { SIMD2(lo, hi) }
    @inline(__always) var s64: SIMD2<Int64> { SIMD2(Int64(bitPattern: lo), Int64(bitPattern: hi)) }

    static let zero = V128(lo: 0, hi: 0)
}

/// All-ones lanes where `m` is true, zero elsewhere (the result of every SIMD comparison).
@inline(__always) func maskBits<T: SIMD>(_ m: SIMDMask<T.MaskStorage>, _ type: T.Type) -> T
where T.Scalar: FixedWidthInteger {
    T(repeating: 0).replacing(with: ~T.Scalar(0), where: m)
}

/// Reads lane `lane` of `width` bytes (1, 2, 4 or 8), zero-extended. Lanes never straddle halves.
@inline(__always) func v128Lane(_ a: V128, width: Int, lane: Int) -> UInt64 {
    let bit = lane &* width &* 8
    let half = bit < 64 ? a.lo : a.hi
    let v = half >> UInt64(bit & 63)
    return width == 8 ? v : v & ((1 &<< UInt64(width &* 8)) &- 1)
}

/// Returns `a` with lane `lane` of `width` bytes replaced by the low bits of `bits`.
@inline(__always) func v128SetLane(_ a: V128, width: Int, lane: Int, bits: UInt64) -> V128 {
    let bit = lane &* width &* 8
    let shift = UInt64(bit & 63)
    let mask: UInt64 = width == 8 ? ~0 : ((1 &<< UInt64(width &* 8)) &- 1)
    let put = ((bits & mask) << shift)
    let keep = ~(mask << shift)
    var r = a
    if bit < 64 { r.lo = (r.lo & keep) | put } else { r.hi = (r.hi & keep) | put }
    return r
}
