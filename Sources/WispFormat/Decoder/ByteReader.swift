// The low-level cursor of the binary decoder: bytes, LEB128 integers, names, types.
//
// Error wording follows the spec's reference interpreter (and the `.wast` tests), so that people
// can match our messages against the spec. Lengths are checked against the bytes that are left
// *before* anything is allocated, so a hostile module cannot make us allocate more than a small
// multiple of its own size.

/// Builds a `.malformed` error. Kept out of line so the hot reading paths stay small.
@inline(never) @usableFromInline
func malformed(_ message: String, _ offset: Int) -> FormatError {
    FormatError(.malformed, message, offset: offset)
}

/// "0x1f"-style hex text for error messages (no Foundation). Built from UTF-8 bytes: `Character`
/// and `String.count` would pull the Unicode grapheme tables into bare-metal builds.
func hexString(_ value: UInt32) -> String {
    var digits: [UInt8] = []
    var v = value
    repeat {
        let d = UInt8(v & 0xF)
        digits.append(d < 10 ? 0x30 + d : 0x57 + d)
        v >>= 4
    } while v != 0
    if digits.count == 1 { digits.append(0x30) }
    return "0x" + String(decoding: digits.reversed(), as: UTF8.self)
}

/// A cursor over `bytes[offset..<end]`. Reading past `end` is an error, never a trap.
@usableFromInline
struct ByteReader {
    @usableFromInline let bytes: [UInt8]
    /// Absolute offset of the next byte to read.
    @usableFromInline var offset: Int
    /// Absolute offset one past the last readable byte.
    @usableFromInline var end: Int

    @inlinable
    init(bytes: [UInt8], offset: Int, end: Int) {
        self.bytes = bytes
        self.offset = offset
        self.end = end
    }

    @inlinable var isAtEnd: Bool { offset >= end }
    @inlinable var remaining: Int { end - offset }

    /// The error for running out of input at `at`.
    @inline(never) @usableFromInline
    func unexpectedEnd(_ at: Int) -> FormatError {
        malformed("unexpected end of section or function", at)
    }

    @inlinable
    mutating func readByte() throws(FormatError) -> UInt8 {
        guard offset < end else { throw unexpectedEnd(offset) }
        let b = bytes[offset]
        offset += 1
        return b
    }

    @inlinable
    func peekByte() -> UInt8? {
        offset < end ? bytes[offset] : nil
    }

    /// Skips `count` bytes, which must all be present.
    @inlinable
    mutating func skip(_ count: Int) throws(FormatError) {
        guard count >= 0, count <= end - offset else { throw unexpectedEnd(end) }
        offset += count
    }

    /// A little-endian 32-bit word (the bits of an `f32.const`).
    @inlinable
    mutating func readFixedU32() throws(FormatError) -> UInt32 {
        guard end - offset >= 4 else { throw unexpectedEnd(end) }
        let o = offset
        let v = UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
        offset = o + 4
        return v
    }

    /// A little-endian 64-bit word (the bits of an `f64.const`, half a `v128.const`).
    @inlinable
    mutating func readFixedU64() throws(FormatError) -> UInt64 {
        guard end - offset >= 8 else { throw unexpectedEnd(end) }
        let o = offset
        var v: UInt64 = 0
        var i = 7
        while i >= 0 {
            v = v << 8 | UInt64(bytes[o + i])
            i -= 1
        }
        offset = o + 8
        return v
    }

    // MARK: LEB128

    /// An unsigned LEB128 `u32`: at most 5 bytes, and the unused high bits of the 5th must be 0.
    @inlinable
    mutating func readU32() throws(FormatError) -> UInt32 {
        // Most immediates are single-byte; keep that path branch-light.
        if offset < end {
            let b = bytes[offset]
            if b < 0x80 {
                offset += 1
                return UInt32(b)
            }
        }
        return try readU32Slow()
    }

    @usableFromInline
    mutating func readU32Slow() throws(FormatError) -> UInt32 {
        var result: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            guard offset < end else { throw unexpectedEnd(offset) }
            let b = bytes[offset]
            if shift == 28 {
                if b & 0x7F >= 0x10 { throw malformed("integer too large", offset) }
                if b & 0x80 != 0 { throw malformed("integer representation too long", offset + 1) }
                offset += 1
                return result | UInt32(b) << 28
            }
            offset += 1
            result |= UInt32(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// A signed LEB128 integer of `bits` bits (32, 33 or 64), sign-extended to 64 bits.
    /// The last byte's unused bits must all equal the sign bit ("integer too large"), and the
    /// encoding may not be longer than ceil(bits / 7) bytes ("integer representation too long").
    @usableFromInline
    mutating func readSigned(bits: Int) throws(FormatError) -> Int64 {
        var result: Int64 = 0
        var shift = 0
        var left = bits
        while true {
            if left <= 0 { throw malformed("integer representation too long", offset) }
            guard offset < end else { throw unexpectedEnd(offset) }
            let b = bytes[offset]
            if left < 7 {
                let mask = UInt8(truncatingIfNeeded: -1 << (left - 1)) & 0x7F
                let bitsSet = b & mask
                if bitsSet != 0 && bitsSet != mask { throw malformed("integer too large", offset) }
            }
            offset += 1
            result |= Int64(b & 0x7F) << shift
            shift += 7
            if b & 0x80 == 0 {
                if shift < 64 && b & 0x40 != 0 { result |= -1 << shift }
                return result
            }
            left -= 7
        }
    }

    @inlinable
    mutating func readS32() throws(FormatError) -> Int32 {
        if offset < end {
            let b = bytes[offset]
            if b < 0x80 {
                offset += 1
                return b & 0x40 != 0 ? Int32(b) - 0x80 : Int32(b)
            }
        }
        return Int32(truncatingIfNeeded: try readSigned(bits: 32))
    }

    @inlinable
    mutating func readS64() throws(FormatError) -> Int64 {
        if offset < end {
            let b = bytes[offset]
            if b < 0x80 {
                offset += 1
                return b & 0x40 != 0 ? Int64(b) - 0x80 : Int64(b)
            }
        }
        return try readSigned(bits: 64)
    }

    /// A one-bit unsigned LEB128 (the flags byte of limits): "integer too large" above 1,
    /// "integer representation too long" if it has a continuation bit.
    mutating func readU1() throws(FormatError) -> Bool {
        let at = offset
        let b = try readByte()
        if b & 0x7F > 1 { throw malformed("integer too large", at) }
        if b & 0x80 != 0 { throw malformed("integer representation too long", offset) }
        return b == 1
    }

    /// A vector length or byte count. It may not exceed the bytes left, counted from the start of
    /// its own encoding (the reference interpreter's rule), so every caller may allocate `count`
    /// items up front: each item takes at least one byte.
    @inlinable
    mutating func readCount() throws(FormatError) -> Int {
        let at = offset
        let n = Int(try readU32())
        if n > end - at { throw malformed("length out of bounds", at) }
        return n
    }

    // MARK: Names and types

    /// A length-prefixed byte string; returns its range in `bytes`.
    mutating func readByteRange() throws(FormatError) -> Range<Int> {
        let n = try readCount()
        guard n <= end - offset else { throw unexpectedEnd(end) }
        let start = offset
        offset += n
        return start..<(start + n)
    }

    /// A length-prefixed UTF-8 name.
    mutating func readName() throws(FormatError) -> String {
        let at = offset
        let range = try readByteRange()
        guard isValidUTF8(bytes, range) else { throw malformed("malformed UTF-8 encoding", at) }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// A value type: a type byte, or (typed function references) 0x64/0x63 and a heap type for
    /// `(ref ht)`/`(ref null ht)`. Types of proposals that `features` lacks are rejected as malformed.
    mutating func readValueType(_ features: Features) throws(FormatError) -> ValueType {
        let at = offset
        let b = try readByte()
        if b & 0x80 != 0 { throw malformed("integer representation too long", offset) }
        switch b {
        case 0x7C...0x7F, 0x70:
            return ValueType(rawValue: UInt32(b))
        case 0x7B:
            guard features.contains(.simd) else { throw featureDisabled("malformed value type", .simd, at) }
#if WISP_NO_SIMD
            throw noSIMD(at)
#else
            return .v128
#endif
#if WISP_NO_FUNCTION_REFERENCES
        // (A build without typed function references: the 2.0 types and `exnref`.)
        case 0x6F:
            guard features.contains(.referenceTypes) else { throw featureDisabled("malformed value type", .referenceTypes, at) }
            return .externref
        case 0x69:
            guard features.contains(.exceptionHandling) else { throw featureDisabled("malformed value type", .exceptionHandling, at) }
#if WISP_NO_EXCEPTIONS
            throw noExceptions(at)
#else
            return .exnref
#endif
        default:
            throw malformed("malformed value type", at)
#else
        case 0x63, 0x64:
            guard features.contains(.functionReferences) else {
                throw featureDisabled("malformed value type", .functionReferences, at)
            }
            return .ref(try readHeapType(features), nullable: b == 0x63)
        default:
            // The shorthands of the other abstract heap types: a nullable reference to it.
            return .ref(try abstractHeapType(UInt32(b), features, at: at, what: "malformed value type"), nullable: true)
#endif
        }
    }

#if !WISP_NO_FUNCTION_REFERENCES
    /// A heap type (s33): a defined type's index, or an abstract type's code as a negative number.
    mutating func readHeapType(_ features: Features) throws(FormatError) -> HeapType {
        let at = offset
        let v = try readSigned(bits: 33)
        if v >= 0 {
            // Indices this large cannot be in the type section (the decoder caps it far lower).
            guard v < 1 << 23 else { throw FormatError(.invalid, "unknown type " + String(v), offset: at) }
            guard features.contains(.functionReferences) else {
                throw featureDisabled("malformed reference type", .functionReferences, at)
            }
            return .concrete(UInt32(v))
        }
        guard v >= -0x40 else { throw malformed("malformed heap type", at) }
        return try abstractHeapType(UInt32(truncatingIfNeeded: v) & 0x7F, features, at: at, what: "malformed heap type")
    }

    /// The abstract heap type with code `code` (0x70 `func`...), if `features` has its proposal.
    func abstractHeapType(_ code: UInt32, _ features: Features, at: Int, what: String) throws(FormatError) -> HeapType {
        switch code {
        case 0x70:
            return .func
        case 0x6F:
            guard features.contains(.referenceTypes) else { throw featureDisabled(what, .referenceTypes, at) }
            return .extern
        case 0x69:
            guard features.contains(.exceptionHandling) else { throw featureDisabled(what, .exceptionHandling, at) }
#if WISP_NO_EXCEPTIONS
            throw noExceptions(at)
#else
            return .exn
#endif
        case 0x72, 0x73, 0x74:
            guard features.contains(.functionReferences) else { throw featureDisabled(what, .functionReferences, at) }
            if code == 0x74 && !features.contains(.exceptionHandling) { throw featureDisabled(what, .exceptionHandling, at) }
            return HeapType(bits: code)
        case 0x6A...0x6E, 0x71:
            // any, eq, i31, struct, array, none.
            throw FormatError(.malformed, what + " (GC types are not implemented)", offset: at)
        default:
            throw malformed(what, at)
        }
    }

#endif

#if WISP_NO_FUNCTION_REFERENCES
    /// A reference type byte (`funcref` 0x70, `externref` 0x6F, `exnref` 0x69).
    mutating func readRefType(_ features: Features) throws(FormatError) -> RefType {
        let at = offset
        let b = try readByte()
        if b & 0x80 != 0 { throw malformed("integer representation too long", offset) }
        guard b == 0x70 || b == 0x6F && features.contains(.referenceTypes) || b == 0x69 && features.contains(.exceptionHandling) else {
            throw malformed("malformed reference type", at)
        }
        return RefType(rawValue: UInt32(b))
    }

    @inline(__always)
    mutating func readNullType(_ features: Features) throws(FormatError) -> RefType { try readRefType(features) }
#else
    /// A reference type: a value type (see `readValueType`) that is a reference.
    mutating func readRefType(_ features: Features) throws(FormatError) -> RefType {
        let at = offset
        let b = try readByte()
        if b & 0x80 != 0 { throw malformed("integer representation too long", offset) }
        if b == 0x70 { return .funcref }  // the 2.0 tables and segments, on their fast path
        guard b < 0x7B || b > 0x7F else { throw malformed("malformed reference type", at) }
        offset = at
        let t = try readValueType(features)
        guard t.isReference else { throw malformed("malformed reference type", at) }
        return t
    }

    /// `ref.null`'s immediate: a heap type with typed function references, else a reference type
    /// byte. The type of the null.
    mutating func readNullType(_ features: Features) throws(FormatError) -> RefType {
        if features.contains(.functionReferences) { return .ref(try readHeapType(features), nullable: true) }
        let at = offset
        let t = try readRefType(features)
        guard t.rawValue == 0x70 || t.rawValue == 0x6F || t.rawValue == 0x69 else { throw malformed("malformed reference type", at) }
        return t
    }
#endif

    /// Limits: a flags bit, a minimum and an optional maximum, all `u32`.
    /// An unsigned LEB128 `u64`: at most 10 bytes, the 10th at most 1.
    @usableFromInline
    mutating func readU64() throws(FormatError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else { throw unexpectedEnd(offset) }
            let b = bytes[offset]
            if shift == 63 {
                if b & 0x7F > 1 { throw malformed("integer too large", offset) }
                if b & 0x80 != 0 { throw malformed("integer representation too long", offset + 1) }
                offset += 1
                return result | UInt64(b) << 63
            }
            offset += 1
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// The limits flags of a table (`memory == false`) or memory type: 2.0's one-bit LEB128 when
    /// no proposal that widens them is on (its errors are "integer too large" and "integer
    /// representation too long"), else a byte whose bits are max (0x01), i64 (0x04, memory64)
    /// and, for memories, a page size (0x08, custom-page-sizes); any other bit is "malformed
    /// limits flags".
    mutating func readLimitsFlags(_ features: Features, memory: Bool) throws(FormatError) -> UInt8 {
        guard features.hasMemory64 || features.hasCustomPageSizes else { return try readU1() ? 1 : 0 }
        let at = offset
        let b = try readByte()
        var allowed: UInt8 = 0x01
        if features.hasMemory64 { allowed |= 0x04 }
        if memory && features.hasCustomPageSizes { allowed |= 0x08 }
        if b & ~allowed != 0 { throw malformed("malformed limits flags", at) }
        return b
    }

    /// Limits whose bounds are `u64` when `is64`, else `u32`.
    mutating func readLimits(hasMax: Bool, is64: Bool) throws(FormatError) -> Limits {
        if is64 {
            let min = try readU64()
            return Limits(min: min, max: hasMax ? try readU64() : nil)
        }
        let min = try readU32()
        return Limits(min: UInt64(min), max: hasMax ? UInt64(try readU32()) : nil)
    }

    mutating func readTableType(_ features: Features) throws(FormatError) -> TableType {
        let element = try readRefType(features)
#if WISP_NO_MEMORY64
        let hasMax = try readU1()
        let min = try readU32()
        return TableType(element: element, limits: Limits(min: UInt64(min), max: hasMax ? UInt64(try readU32()) : nil))
#else
        let flags = try readLimitsFlags(features, memory: false)
        let is64 = flags & 0x04 != 0
        return TableType(element: element, limits: try readLimits(hasMax: flags & 1 != 0, is64: is64), is64: is64)
#endif
    }

    /// A memory type; a custom page size's exponent (validated later: 0 or 16) saturates at 255.
    mutating func readMemoryType(_ features: Features) throws(FormatError) -> MemoryType {
#if WISP_NO_MEMORY64 && WISP_NO_CUSTOM_PAGE_SIZES
        let hasMax = try readU1()
        let min = try readU32()
        return MemoryType(limits: Limits(min: UInt64(min), max: hasMax ? UInt64(try readU32()) : nil))
#else
        let flags = try readLimitsFlags(features, memory: true)
        let is64 = flags & 0x04 != 0
        let limits = try readLimits(hasMax: flags & 1 != 0, is64: is64)
        var log2: UInt8 = 16
        if flags & 0x08 != 0 { log2 = UInt8(min(try readU32(), 255)) }
        return MemoryType(limits: limits, is64: is64, pageSizeLog2: log2)
#endif
    }

    mutating func readGlobalType(_ features: Features) throws(FormatError) -> GlobalType {
        let valueType = try readValueType(features)
        let at = offset
        switch try readByte() {
        case 0: return GlobalType(valueType: valueType, mutable: false)
        case 1: return GlobalType(valueType: valueType, mutable: true)
        default: throw malformed("malformed mutability", at)
        }
    }
}

/// Whether `bytes[range]` is well-formed UTF-8: no overlong forms, no surrogates, nothing above
/// U+10FFFF, no truncated sequences. Linear, allocation-free.
func isValidUTF8(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    var i = range.lowerBound
    let end = range.upperBound
#if !hasFeature(Embedded)
    // Eight ASCII bytes at a time first: names are mostly ASCII, and the name section of a big
    // module (yosys: megabytes of C++ names) made this a twentieth of a lazy start-up. (Left out
    // of the firmware, whose modules are small and whose engine has no bytes to spare.)
    bytes.withUnsafeBytes { raw in
        while end - i >= 8 && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
    }
#endif
    while i < end {
        let b0 = bytes[i]
        if b0 < 0x80 {
            i += 1
            continue
        }
        let need: Int
        var lo: UInt8 = 0x80
        var hi: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED: need = 2; hi = 0x9F
        case 0xF0: need = 3; lo = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; hi = 0x8F
        default: return false
        }
        guard end - i > need else { return false }
        let b1 = bytes[i + 1]
        guard b1 >= lo && b1 <= hi else { return false }
        var k = 2
        while k <= need {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return false }
            k += 1
        }
        i += need + 1
    }
    return true
}

/// Whether `a` and `b` are the same name. WebAssembly compares names byte by byte, where Swift
/// `String` equality would also equate canonically equivalent ones; and this loop over two
/// buffers is a small fraction of the code a generic `elementsEqual` over UTF-8 views compiles
/// to on bare metal. Cost: linear in the shorter length.
public func sameName(_ a: String, _ b: String) -> Bool {
    var a = a, b = b
    return a.withUTF8 { x in
        b.withUTF8 { y in
            guard x.count == y.count else { return false }
            for i in 0..<x.count where x[i] != y[i] { return false }
            return true
        }
    }
}
