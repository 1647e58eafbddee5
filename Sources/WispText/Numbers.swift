// Number literals of the text format: integers with range checks, floats rounded correctly.

/// An integer literal's sign and magnitude, nil if the syntax is wrong or the magnitude passes 2^64-1.
func parseIntLiteral(_ s: ArraySlice<UInt8>) -> (negative: Bool, signed: Bool, magnitude: UInt64)? {
    var i = s.startIndex
    let end = s.endIndex
    var negative = false, signed = false
    if i < end && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) {
        negative = s[i] == UInt8(ascii: "-"); signed = true; i += 1
    }
    var base: UInt64 = 10
    if end - i > 2 && s[i] == UInt8(ascii: "0") && s[i + 1] == UInt8(ascii: "x") { base = 16; i += 2 }
    guard i < end else { return nil }
    var value: UInt64 = 0
    var lastWasDigit = false
    while i < end {
        let c = s[i]
        if c == UInt8(ascii: "_") {
            guard lastWasDigit else { return nil }
            lastWasDigit = false; i += 1; continue
        }
        guard let d = hexDigit(c), UInt64(d) < base else { return nil }
        let (m, o1) = value.multipliedReportingOverflow(by: base)
        let (a, o2) = m.addingReportingOverflow(UInt64(d))
        if o1 || o2 { return nil }
        value = a; lastWasDigit = true; i += 1
    }
    guard lastWasDigit else { return nil }
    return (negative, signed, value)
}

/// Whether the token's bytes look like a number at all (so a failed parse is "out of range" or
/// "unknown operator" rather than "unexpected token").
func looksNumeric(_ s: ArraySlice<UInt8>) -> Bool {
    guard let f = s.first else { return false }
    if f >= UInt8(ascii: "0") && f <= UInt8(ascii: "9") { return true }
    if f == UInt8(ascii: "+") || f == UInt8(ascii: "-") {
        guard s.count > 1 else { return false }
        let g = s[s.startIndex + 1]
        return (g >= UInt8(ascii: "0") && g <= UInt8(ascii: "9")) || g == UInt8(ascii: "i") || g == UInt8(ascii: "n")
    }
    return false
}

enum NumberError: Error { case syntax, range }

/// The bits of an N-bit integer literal (N = 8, 16, 32, 64): signed values from -2^(N-1),
/// unsigned up to 2^N-1.
func parseIntBits(_ s: ArraySlice<UInt8>, bits: Int) throws(NumberError) -> UInt64 {
    guard let (neg, _, mag) = parseIntLiteral(s) else {
        if looksNumeric(s) && isIntSyntax(s) { throw .range }
        throw .syntax
    }
    if neg {
        guard mag <= (UInt64(1) << (bits - 1)) else { throw .range }
        let v = 0 &- mag
        return bits == 64 ? v : v & ((UInt64(1) << bits) - 1)
    }
    if bits < 64 { guard mag <= (UInt64(1) << bits) - 1 else { throw .range } }
    return mag
}

/// An unsigned literal (indices, alignments, limits): no sign allowed.
func parseUnsigned(_ s: ArraySlice<UInt8>, max: UInt64) throws(NumberError) -> UInt64 {
    guard let (_, signed, mag) = parseIntLiteral(s) else {
        if looksNumeric(s) && isIntSyntax(s) && s.first != UInt8(ascii: "+") && s.first != UInt8(ascii: "-") { throw .range }
        throw .syntax
    }
    if signed { throw .syntax }
    guard mag <= max else { throw .range }
    return mag
}

/// The syntax of an integer, ignoring its size (to tell an out-of-range number from garbage).
func isIntSyntax(_ s: ArraySlice<UInt8>) -> Bool {
    var i = s.startIndex
    if i < s.endIndex && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) { i += 1 }
    var hex = false
    if s.endIndex - i > 2 && s[i] == UInt8(ascii: "0") && s[i + 1] == UInt8(ascii: "x") { hex = true; i += 2 }
    return scanDigits(s, &i, hex: hex) && i == s.endIndex
}

/// Moves past digits with single `_` between them; false if there are none or an `_` is misplaced.
func scanDigits(_ s: ArraySlice<UInt8>, _ i: inout Int, hex: Bool) -> Bool {
    var any = false
    var lastWasDigit = false
    while i < s.endIndex {
        let c = s[i]
        if c == UInt8(ascii: "_") {
            guard lastWasDigit else { return false }
            lastWasDigit = false
        } else if let d = hexDigit(c), hex || d < 10 {
            lastWasDigit = true; any = true
        } else {
            break
        }
        i += 1
    }
    return any && lastWasDigit
}

/// Whether `s` (without sign) is a decimal or hexadecimal float in the spec's syntax.
func isFloatSyntax(_ s: ArraySlice<UInt8>) -> Bool {
    var i = s.startIndex
    var hex = false
    if s.endIndex - i > 2 && s[i] == UInt8(ascii: "0") && s[i + 1] == UInt8(ascii: "x") { hex = true; i += 2 }
    guard scanDigits(s, &i, hex: hex) else { return false }
    if i < s.endIndex && s[i] == UInt8(ascii: ".") {
        i += 1
        if i < s.endIndex && hexDigit(s[i]).map({ hex || $0 < 10 }) == true {
            guard scanDigits(s, &i, hex: hex) else { return false }
        }
    }
    if i < s.endIndex {
        let e = s[i]
        guard hex ? (e == UInt8(ascii: "p") || e == UInt8(ascii: "P")) : (e == UInt8(ascii: "e") || e == UInt8(ascii: "E")) else { return false }
        i += 1
        if i < s.endIndex && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) { i += 1 }
        guard scanDigits(s, &i, hex: false) else { return false }
    }
    return i == s.endIndex
}

/// The bits of a float literal of `mantissaBits` (23 or 52) precision. Decimal and hex literals
/// round to nearest-even through the standard library's parser; a literal that rounds to infinity
/// is out of range.
func parseFloatBits(_ s: ArraySlice<UInt8>, double: Bool) throws(NumberError) -> UInt64 {
    var i = s.startIndex
    var negative = false
    if i < s.endIndex && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) {
        negative = s[i] == UInt8(ascii: "-"); i += 1
    }
    let body = s[i...]
    let signBit: UInt64 = negative ? (double ? 1 << 63 : 1 << 31) : 0
    let expMask: UInt64 = double ? 0x7FF0_0000_0000_0000 : 0x7F80_0000
    let mantBits = double ? 52 : 23
    if body.elementsEqual("inf".utf8) { return signBit | expMask }
    if body.elementsEqual("nan".utf8) { return signBit | expMask | (UInt64(1) << (mantBits - 1)) }
    if body.starts(with: "nan:0x".utf8) {
        let payload = body[(body.startIndex + 4)...]
        guard isIntSyntax(payload), let (_, _, p) = parseIntLiteral(payload) else { throw .syntax }
        guard p >= 1 && p < (UInt64(1) << mantBits) else { throw .range }
        return signBit | expMask | p
    }
    guard isFloatSyntax(body) else { throw .syntax }
    var text: [UInt8] = []
    text.reserveCapacity(s.count)
    for c in s where c != UInt8(ascii: "_") { text.append(c) }
    let string = String(decoding: text, as: UTF8.self)
    if double {
        guard let d = Double(string) else { throw .syntax }
        if d.isInfinite { throw .range }
        return d.bitPattern
    } else {
        guard let f = Float(string) else { throw .syntax }
        if f.isInfinite { throw .range }
        return UInt64(f.bitPattern)
    }
}
