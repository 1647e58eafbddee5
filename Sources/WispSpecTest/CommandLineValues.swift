// Values on the command line (`wisp run --invoke`), written and read the way `wasmtime run --invoke` does.

import Wisp

public enum CommandLineValues {
    /// Parses a command-line argument as a value of `type`: integers in decimal (negative, or up
    /// to the unsigned maximum), floats in decimal (or `inf`, `-inf`, `nan`), v128 as one unsigned
    /// 128-bit integer in decimal or `0x` hexadecimal (lane 0 in the low bits, as results print).
    /// Nil if it does not parse or the type cannot be written on a command line (references).
    public static func parse(_ text: String, as type: ValueType) -> Value? {
        switch type {
        case .i32:
            if let x = Int32(text) { return .i32(UInt32(bitPattern: x)) }
            return UInt32(text).map { .i32($0) }
        case .i64:
            if let x = Int64(text) { return .i64(UInt64(bitPattern: x)) }
            return UInt64(text).map { .i64($0) }
        case .f32:
            return Float(text).map { .float($0) }
        case .f64:
            return Double(text).map { .double($0) }
        case .v128:
            let x = text.hasPrefix("0x") ? UInt128(text.dropFirst(2), radix: 16) : UInt128(text)
            return x.map { .v128(V128(lo: UInt64(truncatingIfNeeded: $0), hi: UInt64(truncatingIfNeeded: $0 >> 64))) }
        default:
            return nil
        }
    }

    /// A result as `wasmtime run --invoke` prints it: integers as signed decimals, floats in their
    /// shortest round-tripping decimal form without an exponent (`1.5`, `3`, `NaN`, `-inf`), v128 as
    /// one unsigned 128-bit decimal, references as `<funcref>`, `<null externref>`, ...
    public static func format(_ v: Value) -> String {
        switch v {
        case .i32(let x): return String(Int32(bitPattern: x))
        case .i64(let x): return String(Int64(bitPattern: x))
        case .f32(let x): return formatFloat(Float(bitPattern: x))
        case .f64(let x): return formatFloat(Double(bitPattern: x))
        case .v128(let x): return String(UInt128(x.hi) << 64 | UInt128(x.lo))
        case .funcref(let f): return f == nil ? "<null funcref>" : "<funcref>"
        case .externref(let x): return x == nil ? "<null externref>" : "<externref>"
        case .exnref(let x): return x == nil ? "<null exnref>" : "<exnref>"
        }
    }

    /// Rust's `Display` for floats: the shortest digits that round-trip, written out in full.
    public static func formatFloat<F: BinaryFloatingPoint & CustomStringConvertible>(_ x: F) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        // Swift's description already has the shortest round-trip digits; only the layout differs.
        var s = Substring(x.description)
        var negative = false
        if s.first == "-" {
            negative = true
            s = s.dropFirst()
        }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(s[s.index(after: e)...]) ?? 0  // Int accepts a leading "+"
            s = s[..<e]
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        let integer = parts.first.map(String.init) ?? "0"
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        let digits = Array(integer + fraction)
        let point = integer.count + exponent
        var whole: String, frac: String
        if point <= 0 {
            whole = "0"
            frac = String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            whole = String(digits) + String(repeating: "0", count: point - digits.count)
            frac = ""
        } else {
            whole = String(digits[..<point])
            frac = String(digits[point...])
        }
        while whole.count > 1 && whole.first == "0" { whole.removeFirst() }
        while frac.last == "0" { frac.removeLast() }
        return (negative ? "-" : "") + whole + (frac.isEmpty ? "" : "." + frac)
    }
}
