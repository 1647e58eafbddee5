// Turning script values into engine values (arguments) and checking results against expectations.

import Wisp

/// Why a script value could not be used.
struct SpecValueError: Error {
    var message: String
}

enum SpecValues {
    /// The engine value for an argument. NaN classes are not allowed here: arguments are exact.
    static func argument(_ v: SpecValue) throws(SpecValueError) -> Value {
        switch v.type {
        case "i32", "f32":
            let bits = try integer(v.scalar, bits: 32, v)
            return v.type == "i32" ? .i32(UInt32(truncatingIfNeeded: bits)) : .f32(UInt32(truncatingIfNeeded: bits))
        case "i64", "f64":
            let bits = try integer(v.scalar, bits: 64, v)
            return v.type == "i64" ? .i64(bits) : .f64(bits)
        case "v128":
            guard case .lanes(let lanes)? = v.value, let lt = v.laneType, let width = laneWidth(lt),
                  lanes.count * width == 128 else { throw SpecValueError(message: "bad v128 value " + v.text) }
            var bytes: [UInt8] = []
            for lane in lanes {
                let x = try integer(lane, bits: width, v)
                for i in 0..<(width / 8) { bytes.append(UInt8(truncatingIfNeeded: x >> UInt64(8 * i))) }
            }
            return .v128(v128(bytes))
        case "externref":
            guard let s = v.scalar else { throw SpecValueError(message: "externref without a value") }
            if s == "null" { return .externref(nil) }
            guard let x = UInt64(s) else { throw SpecValueError(message: "bad externref " + s) }
            return .externref(x)
        case "funcref":
            // A script can only name a null function reference as an argument.
            guard v.scalar == "null" else { throw SpecValueError(message: "unsupported funcref argument " + v.text) }
            return .funcref(nil)
        default:
            throw SpecValueError(message: "unsupported value type " + v.type)
        }
    }

    /// Whether `actual` satisfies `expected` (NaN classes, null/non-null references, v128 lanes).
    static func matches(_ actual: Value, _ expected: SpecValue) -> Bool {
        switch (expected.type, actual) {
        case ("i32", .i32(let x)):
            // wast2json writes integers unsigned; wasm-tools' dialect may write them signed.
            return expected.scalar.flatMap { parseInteger($0, bits: 32) } == UInt64(x)
        case ("i64", .i64(let x)):
            return expected.scalar.flatMap { parseInteger($0, bits: 64) } == x
        case ("f32", .f32(let x)):
            return floatLane(UInt64(x), width: 32, expected.scalar)
        case ("f64", .f64(let x)):
            return floatLane(x, width: 64, expected.scalar)
        case ("v128", .v128(let x)):
            guard case .lanes(let lanes)? = expected.value, let lt = expected.laneType, let width = laneWidth(lt),
                  lanes.count * width == 128 else { return false }
            let bytes = (0..<16).map { x.byte($0) }
            let step = width / 8
            for (i, lane) in lanes.enumerated() {
                var bits: UInt64 = 0
                for b in 0..<step { bits |= UInt64(bytes[i * step + b]) << UInt64(8 * b) }
                if lt == "f32" || lt == "f64" {
                    if !floatLane(bits, width: width, lane) { return false }
                } else {
                    guard let want = parseInteger(lane, bits: width), want == bits else { return false }
                }
            }
            return true
        case ("funcref", .funcref(let f)):
            // Function identity cannot be written in a script: a number only asks for non-null.
            return expected.scalar == "null" ? f == nil : f != nil
        case ("externref", .externref(let x)):
            guard let s = expected.scalar else { return x != nil }
            if s == "null" { return x == nil }
            return UInt64(s) == x
        case ("exnref", .exnref(let x)):
            return expected.scalar == "null" ? x == nil : x != nil
        case ("refnull", .funcref(let x)): return x == nil
        case ("refnull", .externref(let x)): return x == nil
        case ("refnull", .exnref(let x)): return x == nil
        default:
            return false
        }
    }

    /// The result as a script would write it, plus the float value for people.
    static func describe(_ v: Value) -> String {
        switch v {
        case .i32(let x): return "i32:" + String(x)
        case .i64(let x): return "i64:" + String(x)
        case .f32(let x): return "f32:" + String(x) + " (" + String(Float(bitPattern: x)) + ")"
        case .f64(let x): return "f64:" + String(x) + " (" + String(Double(bitPattern: x)) + ")"
        case .v128(let x):
            return "v128:[" + (0..<16).map { String(x.byte($0), radix: 16) }.joined(separator: " ") + "]"
        case .funcref(let f): return f == nil ? "funcref:null" : "funcref:<function>"
        case .externref(let x): return "externref:" + (x.map { String($0) } ?? "null")
        case .exnref(let x): return x == nil ? "exnref:null" : "exnref:<exception>"
        }
    }

    static func describe(_ vs: [Value]) -> String { "[" + vs.map { describe($0) }.joined(separator: ", ") + "]" }

    // MARK: helpers

    static func laneWidth(_ laneType: String) -> Int? {
        switch laneType {
        case "i8": return 8
        case "i16": return 16
        case "i32", "f32": return 32
        case "i64", "f64": return 64
        default: return nil
        }
    }

    /// Checks one float (or float lane) of `width` bits against an expected bit pattern or NaN class.
    static func floatLane(_ bits: UInt64, width: Int, _ expected: String?) -> Bool {
        guard let expected else { return false }
        let signMask: UInt64 = width == 32 ? 0x8000_0000 : 0x8000_0000_0000_0000
        let canonical: UInt64 = width == 32 ? 0x7FC0_0000 : 0x7FF8_0000_0000_0000
        switch expected {
        case "nan:canonical":
            return bits & ~signMask == canonical
        case "nan:arithmetic":
            // Exponent all ones and the quiet bit set: a quiet NaN with any payload.
            return bits & canonical == canonical
        default:
            return parseInteger(expected, bits: width) == bits
        }
    }

    /// An unsigned decimal string (or a negative one, taken modulo 2^bits) of at most `bits` bits.
    static func parseInteger(_ s: String, bits: Int) -> UInt64? {
        let mask: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
        if let u = UInt64(s) { return u <= mask ? u : nil }
        if let i = Int64(s), i < 0 {
            if bits < 64 && i < -(Int64(1) << Int64(bits - 1)) { return nil }
            return UInt64(bitPattern: i) & mask
        }
        return nil
    }

    private static func integer(_ s: String?, bits: Int, _ v: SpecValue) throws(SpecValueError) -> UInt64 {
        guard let s, let x = parseInteger(s, bits: bits) else { throw SpecValueError(message: "bad value " + v.text) }
        return x
    }

    static func v128(_ bytes: [UInt8]) -> V128 {
        var lo: UInt64 = 0, hi: UInt64 = 0
        for i in 0..<8 { lo |= UInt64(bytes[i]) << UInt64(8 * i) }
        for i in 0..<8 { hi |= UInt64(bytes[8 + i]) << UInt64(8 * i) }
        return V128(lo: lo, hi: hi)
    }
}
