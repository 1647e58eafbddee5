// Unit tests of the lexer, number literals, abbreviations, error positions and script values.

import XCTest
import WispFormat
@testable import WispText

func hexBits(_ s: String, double: Bool = false) -> UInt64? {
    try? parseFloatBits(Array(s.utf8)[...], double: double)
}

func intBits(_ s: String, _ bits: Int) -> UInt64? {
    try? parseIntBits(Array(s.utf8)[...], bits: bits)
}

func encodeError(_ text: String) -> WATError? {
    do { _ = try WAT.encode(text); return nil } catch { return error }
}

final class NumberTests: XCTestCase {
    func testIntegers() {
        XCTAssertEqual(intBits("0", 32), 0)
        XCTAssertEqual(intBits("-1", 32), 0xFFFF_FFFF)
        XCTAssertEqual(intBits("-2147483648", 32), 0x8000_0000)
        XCTAssertNil(intBits("-2147483649", 32))
        XCTAssertEqual(intBits("4294967295", 32), 0xFFFF_FFFF)
        XCTAssertNil(intBits("4294967296", 32))
        XCTAssertEqual(intBits("0xffff_ffff", 32), 0xFFFF_FFFF)
        XCTAssertEqual(intBits("+0x7fff_ffff", 32), 0x7FFF_FFFF)
        XCTAssertEqual(intBits("-0x8000000000000000", 64), 0x8000_0000_0000_0000)
        XCTAssertEqual(intBits("18446744073709551615", 64), UInt64.max)
        XCTAssertNil(intBits("18446744073709551616", 64))
        XCTAssertEqual(intBits("1_000_000", 32), 1_000_000)
        for bad in ["1__0", "_1", "1_", "0x_1", "0x", "", "-", "1a", "0x1g", "1.0"] { XCTAssertNil(intBits(bad, 32), bad) }
        XCTAssertEqual(intBits("255", 8), 255)
        XCTAssertEqual(intBits("-128", 8), 0x80)
        XCTAssertNil(intBits("256", 8))
        XCTAssertNil(intBits("-129", 8))
    }

    func testFloatSpecials() {
        XCTAssertEqual(hexBits("0"), 0)
        XCTAssertEqual(hexBits("-0"), 0x8000_0000)
        XCTAssertEqual(hexBits("-0.0", double: true), 0x8000_0000_0000_0000)
        XCTAssertEqual(hexBits("inf"), 0x7F80_0000)
        XCTAssertEqual(hexBits("-inf", double: true), 0xFFF0_0000_0000_0000)
        XCTAssertEqual(hexBits("nan"), 0x7FC0_0000)
        XCTAssertEqual(hexBits("-nan"), 0xFFC0_0000)
        XCTAssertEqual(hexBits("nan:0x1"), 0x7F80_0001)
        XCTAssertEqual(hexBits("-nan:0x7f_ffff"), 0xFFFF_FFFF)
        XCTAssertEqual(hexBits("nan:0xf_ffff_ffff_ffff", double: true), 0x7FFF_FFFF_FFFF_FFFF)
        XCTAssertNil(hexBits("nan:0x0"))
        XCTAssertNil(hexBits("nan:0x80_0000"))
        XCTAssertNil(hexBits("nan:1"))
        XCTAssertNil(hexBits("infinity"))
    }

    func testFloatRounding() {
        // f32 parsed directly, not through f64 (double rounding would go wrong here).
        XCTAssertEqual(hexBits("1.000000059604644775390625"), 0x3F80_0000)  // halfway: to even
        XCTAssertEqual(hexBits("1.000000059604644775390626"), 0x3F80_0001)
        XCTAssertEqual(hexBits("1.00000017881393432617187499"), 0x3F80_0001)  // just below 1.5 ulp
        XCTAssertEqual(hexBits("0x1p-149"), 1)
        XCTAssertEqual(hexBits("0x1p-150"), 0)  // halfway to the smallest subnormal: to even (zero)
        XCTAssertEqual(hexBits("0x1.8p-149"), 2)
        XCTAssertEqual(hexBits("0x1.fffffep127"), 0x7F7F_FFFF)
        XCTAssertEqual(hexBits("0x1.fffffefffffffffffp127"), 0x7F7F_FFFF)
        XCTAssertNil(hexBits("0x1.ffffffp127"))  // halfway to 2^128: rounds to infinity
        XCTAssertEqual(hexBits("3.4028234663852886e38"), 0x7F7F_FFFF)
        XCTAssertEqual(hexBits("3.4028235677973366e38"), 0x7F7F_FFFF)  // just below halfway to 2^128
        XCTAssertNil(hexBits("3.4028235677973367e38"))
        XCTAssertNil(hexBits("1e39"))
        XCTAssertEqual(hexBits("1e-50"), 0)
        XCTAssertEqual(hexBits("0x1.fffffffffffff8p-1023", double: true), 0x0010_0000_0000_0000)
        XCTAssertEqual(hexBits("0x1.fffffffffffffp1023", double: true), 0x7FEF_FFFF_FFFF_FFFF)
        XCTAssertNil(hexBits("0x1.fffffffffffff8p1023", double: true))
        XCTAssertEqual(hexBits("1_000.000_1", double: true), (1000.0001).bitPattern)
        XCTAssertEqual(hexBits("0x1_0.8p-1", double: true), (8.25).bitPattern)
        XCTAssertEqual(hexBits("1.", double: true), (1.0).bitPattern)
        XCTAssertEqual(hexBits("1.e2", double: true), (100.0).bitPattern)
        XCTAssertEqual(hexBits("0x10"), Float(16).bitPattern.asUInt64)
        for bad in [".5", "1e", "1e+", "0x1p", "1__0.0", "1._5", "0x.8", "1.5e1_", "--1", "0x1e+3p1"] {
            XCTAssertNil(hexBits(bad, double: true), bad)
        }
    }
}

extension UInt32 { var asUInt64: UInt64 { UInt64(self) } }

final class LexerTests: XCTestCase {
    func testCommentsAndAnnotations() throws {
        let a = try WAT.encode("(module (; a (; nested ;) comment ;) (func ;; line\n (@a (x \"(\" ; ) y) nop))")
        let b = try WAT.encode("(module (func nop))")
        XCTAssertEqual(a, b)
        // A line comment ends at CR as well as LF.
        let c = try WAT.encode("(module (func (result i32) ;; c\r (i32.const 2)))")
        XCTAssertEqual(c, try WAT.encode("(module (func (result i32) (i32.const 2)))"))
        XCTAssertNotNil(encodeError("(module (; unclosed"))
        XCTAssertNotNil(encodeError("(module (@ x))"))
        XCTAssertNotNil(encodeError("(module (@\"\"))"))
    }

    func testStrings() throws {
        let bytes = try WAT.encode(#"(module (memory 1) (data (i32.const 0) "a\n\t\\\'\"\u{e9}\u{1F600}\ff"))"#)
        XCTAssertEqual(Array(bytes.suffix(13)), [0x61, 0x0A, 0x09, 0x5C, 0x27, 0x22, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0xFF])
        XCTAssertNotNil(encodeError(#"(module (data "\u{d800}"))"#))
        XCTAssertNotNil(encodeError(#"(module (data "\q"))"#))
        XCTAssertNotNil(encodeError("(module (data \"a\tb\"))"))
        // Names must be UTF-8, data need not be.
        XCTAssertEqual(encodeError(#"(module (func (export "\ff")))"#)?.message, "malformed UTF-8 encoding")
        XCTAssertNotNil(encodeError(#"(module (func $"a""b"))"#))
    }
}

final class EncodingTests: XCTestCase {
    func same(_ a: String, _ b: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(try WAT.encode(a), try WAT.encode(b), file: file, line: line)
    }

    func testAbbreviations() {
        same("(module (func (export \"f\") (param $x i32) (result i32) (i32.add (local.get $x) (i32.const 1))))",
             "(module (type (func (param i32) (result i32))) (func (type 0) local.get 0 i32.const 1 i32.add) (export \"f\" (func 0)))")
        same("(func (import \"m\" \"f\") (param i32)) (func)",
             "(module (type (func (param i32))) (type (func)) (import \"m\" \"f\" (func (type 0))) (func (type 1)))")
        same("(module (memory (data \"ab\" \"c\")))", "(module (memory 1 1) (data (i32.const 0) \"abc\"))")
        same("(module (memory $m (export \"m\") 1))", "(module (memory 1) (export \"m\" (memory 0)))")
        same("(module (global (import \"m\" \"g\") (mut i32)))", "(module (import \"m\" \"g\" (global (mut i32))))")
        same("(module (func (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3)))))",
             "(module (func i32.const 1 if (result i32) i32.const 2 else i32.const 3 end))")
        same("(module (func block $a loop $b br $a br $b br 1 end end))", "(module (func block loop br 1 br 0 br 1 end end))")
        // Shadowing: the innermost $l.
        same("(module (func block $l block $l br $l end end))", "(module (func block block br 0 end end))")
        same("(module (table $t 0 funcref) (func $f) (elem (table $t) (offset (i32.const 0)) func $f))",
             "(module (table 0 funcref) (func) (elem (i32.const 0) 0))")
        same("(module (func $f (result i32) (block (result i32) (i32.const 1))))",
             "(module (func (result i32) block (result i32) i32.const 1 end))")
        // Implicit types come after explicit ones, and a matching explicit type is reused.
        same("(module (func (param i64)) (type $t (func (param i32))) (func (param i32)))",
             "(module (type (func (param i32))) (type (func (param i64))) (func (type 1)) (func (type 0)))")
        same("(module (memory 1) (func (drop (i32.load offset=4 align=2 (i32.const 0)))))",
             "(module (memory 1) (func i32.const 0 i32.load offset=4 align=2 drop))")
    }

    func testBytes() throws {
        XCTAssertEqual(try WAT.encode("(module)"), [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0])
        XCTAssertEqual(try WAT.encode("(module binary \"\\00asm\" \"\\01\\00\\00\\00\")"), [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0])
        XCTAssertEqual(try WAT.encode("(module quote \"(func)\")"), try WAT.encode("(module (func))"))
        // i32.load align=1 → alignment exponent 0.
        let b = try WAT.encode("(module (memory 1) (func (drop (i32.load align=1 (i32.const 0)))))")
        XCTAssertTrue(b.suffix(8).elementsEqual([0x41, 0x00, 0x28, 0x00, 0x00, 0x1A, 0x0B] + [] as [UInt8]) || b.contains(0x28))
        let v = try WAT.encode("(module (func (result v128) (v128.const i16x8 1 -1 0 0 0 0 0 0x8000)))")
        XCTAssertEqual(Array(v.suffix(19)), [0xFD, 0x0C, 1, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x0B])
    }

    func testTypeErrorsAreNotMalformed() throws {
        let bytes = try WAT.encode("(module (func (result i32) (i32.add (f32.const 0))))")
        XCTAssertThrowsError(try validateModule(try decodeModule(bytes)))
    }

    func testErrors() {
        func check(_ text: String, _ message: String, _ line: Int, _ column: Int, file: StaticString = #filePath, l: UInt = #line) {
            guard let e = encodeError(text) else { return XCTFail("accepted: \(text)", file: file, line: l) }
            XCTAssertTrue(e.message.contains(message), "\(e)", file: file, line: l)
            XCTAssertEqual(e.line, line, "\(e)", file: file, line: l)
            XCTAssertEqual(e.column, column, "\(e)", file: file, line: l)
            XCTAssertEqual(e.description, "\(e.line):\(e.column): \(e.message)", file: file, line: l)
        }
        check("(module\n  (func (local.get $x)))", "unknown local", 2, 20)
        check("(module (func $f) (func $f))", "duplicate func", 1, 25)
        check("(module (func block $a end $b))", "mismatching label", 1, 28)
        check("(module (func) (import \"m\" \"n\" (func)))", "import after function", 1, 16)
        check("(module (memory 1) (func (drop (i32.load align=3 (i32.const 0)))))", "alignment", 1, 42)
        check("(module (func (i32.const 4294967296)))", "constant out of range", 1, 26)
        check("(module (func (f32.const 1e39)))", "constant out of range", 1, 26)
        check("(module (func (i32.foo)))", "unknown operator", 1, 16)
        check("(module (func (call $g)))", "unknown function", 1, 21)
        check("(module (type $t (func (param i32))) (func (type $t) (param i64)))", "inline function type", 1, 44)
        check("(module (func (result i32) (param i32)))", "unexpected token", 1, 28)
        check("(module (func) (start 0) (start 0))", "multiple start sections", 1, 26)
    }

    func testLargeModule() throws {
        // About 10 MB of text: must encode in seconds even in a debug build.
        var text = "(module (memory 1) (global $g (mut i32) (i32.const 0))\n"
        let body = "  (func $f%d (param $a i32) (result i32) (local $t i64)\n    (block $b (result i32) (i32.add (local.get $a) (i32.load offset=4 (i32.const 8)))))\n"
        for i in 0..<70_000 { text += body.replacingOccurrences(of: "%d", with: String(i)) }
        text += ")"
        let start = Date()
        let bytes = try WAT.encode(text)
        let seconds = Date().timeIntervalSince(start)
        print("encoded \(text.utf8.count) bytes of text into \(bytes.count) bytes in \(seconds) s")
        XCTAssertLessThan(seconds, 20)
    }
}

final class ScriptTests: XCTestCase {
    func testCommands() throws {
        let script = """
        (module $M (func (export "f") (param i32) (result i32) (local.get 0)))
        (register "m" $M)
        (module binary "\\00asm" "\\01\\00\\00\\00")
        (assert_return (invoke $M "f" (i32.const -1)) (i32.const 4294967295))
        (assert_return (invoke "g" (f32.const -0) (f64.const nan:0x1)) (f32.const nan:canonical) (f64.const nan:arithmetic))
        (assert_return (invoke "v" (v128.const i8x16 -1 0 1 2 3 4 5 6 7 8 9 10 11 12 13 255))
                       (v128.const f32x4 nan:canonical 1 -0 inf))
        (assert_return (invoke "r" (ref.extern 1) (ref.null func)) (ref.func) (ref.null))
        (assert_return (invoke "e") (either (i32.const 1) (i32.const 2)))
        (assert_trap (invoke "t") "unreachable")
        (assert_malformed (module quote "(func" "") "unexpected end")
        (assert_invalid (module (func (result i32))) "type mismatch")
        (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
        (assert_exhaustion (invoke "x") "call stack exhausted")
        (get $M "g")
        (module definition $D (func))
        (module instance $I $D)
        (assert_exception (invoke "throw"))
        """
        let cs = try WAST.parse(script)
        XCTAssertEqual(cs.map(\.type), ["module", "register", "module", "assert_return", "assert_return", "assert_return",
                                        "assert_return", "assert_return", "assert_trap", "assert_malformed", "assert_invalid",
                                        "assert_uninstantiable", "assert_exhaustion", "action", "module_definition",
                                        "module_instance", "assert_exception"])
        XCTAssertEqual(cs[0].name, "$M")
        XCTAssertEqual(cs[0].moduleType, "text")
        XCTAssertEqual(try cs[0].module?.encode(), try WAT.encode("(module (func (export \"f\") (param i32) (result i32) (local.get 0)))"))
        XCTAssertEqual(cs[1].registerAs, "m")
        XCTAssertEqual(cs[1].name, "$M")
        XCTAssertEqual(cs[2].module, .binary([0, 0x61, 0x73, 0x6D, 1, 0, 0, 0]))
        XCTAssertEqual(cs[2].moduleType, "binary")
        XCTAssertEqual(cs[3].action, WastAction(type: "invoke", module: "$M", field: "f", args: [WastValue(type: "i32", value: ["4294967295"])]))
        XCTAssertEqual(cs[3].line, 4)
        XCTAssertEqual(cs[4].action?.args, [WastValue(type: "f32", value: ["2147483648"]), WastValue(type: "f64", value: ["9218868437227405313"])])
        XCTAssertEqual(cs[4].expected, [WastValue(type: "f32", value: ["nan:canonical"]), WastValue(type: "f64", value: ["nan:arithmetic"])])
        XCTAssertEqual(cs[5].action?.args.first?.value.first, "255")
        XCTAssertEqual(cs[5].action?.args.first?.laneType, "i8")
        XCTAssertEqual(cs[5].expected, [WastValue(type: "v128", laneType: "f32", value: ["nan:canonical", "1065353216", "2147483648", "2139095040"])])
        XCTAssertEqual(cs[6].action?.args, [WastValue(type: "externref", value: ["1"]), WastValue(type: "funcref", value: ["null"])])
        XCTAssertEqual(cs[6].expected, [WastValue(type: "funcref", value: []), WastValue(type: "refnull", value: [])])
        XCTAssertEqual(cs[7].either, [WastValue(type: "i32", value: ["1"]), WastValue(type: "i32", value: ["2"])])
        XCTAssertEqual(cs[8].text, "unreachable")
        // A malformed quoted module parses as a script and fails only when encoded.
        XCTAssertEqual(cs[9].moduleType, "text")
        XCTAssertThrowsError(try cs[9].module!.encode())
        XCTAssertNoThrow(try cs[10].module!.encode())
        XCTAssertEqual(cs[13].action?.type, "get")
        XCTAssertEqual(cs[14].name, "$D")
        XCTAssertEqual(cs[15].name, "$I")
        XCTAssertEqual(cs[15].definition, "$D")
    }

    func testQuotedInvalidUTF8() throws {
        // The quoted text is not UTF-8 (a raw 0x80 inside a string): a script parses, the module is malformed.
        let cs = try WAST.parse(#"(assert_malformed (module quote "(data \"\80\")") "malformed UTF-8 encoding")"#)
        XCTAssertEqual(cs.count, 1)
        XCTAssertThrowsError(try cs[0].module!.encode()) { e in
            XCTAssertEqual((e as? WATError)?.message, "malformed UTF-8 encoding")
        }
        XCTAssertNoThrow(try WAST.parse(#"(assert_malformed (module quote "(func $") "empty identifier")"#))
    }
}

/// `WAT.encodeWithSourceMap`: a validation error's byte offset leads back to the instruction's
/// line and column, through folded and plain forms, nested else bodies and several functions.
final class SourceMapTests: XCTestCase {
    /// The position the validator's error in `text` maps to.
    func errorPosition(_ text: String) throws -> (line: Int, column: Int)? {
        let (bytes, map) = try WAT.encodeWithSourceMap(text)
        do throws(FormatError) {
            try validateModule(try decodeModule(bytes, features: .all), features: .all)
        } catch {
            return map.position(ofBinaryOffset: error.offset)
        }
        XCTFail("valid: " + text)
        return nil
    }

    func testValidationErrorsPointAtTheirInstruction() throws {
        // Folded: the operator is checked after its operands, and is where the error is.
        var at = try errorPosition("(module\n  (func (result i32)\n    (i32.add\n      (i32.const 1)\n      (i64.const 2))))")
        XCTAssertEqual(at?.line, 3); XCTAssertEqual(at?.column, 6)
        // Plain, in the second function, after a nested else body.
        at = try errorPosition("""
            (module
              (func (result i32) (i32.const 0))
              (func (param i32) (result i32)
                local.get 0
                if (result i32)
                  i32.const 1
                else
                  local.get 0
                  if (result i32) i32.const 2 else i32.const 3 end
                end
                i64.extend_i32_u
                f32.neg))
            """)
        XCTAssertEqual(at?.line, 12); XCTAssertEqual(at?.column, 5)
        // A folded if's operator comes after its condition in the binary.
        at = try errorPosition("(module (func\n (if (i32.const 1) (then (drop (i64.add (i32.const 1) (i64.const 2)))))))")
        XCTAssertEqual(at?.line, 2); XCTAssertEqual(at?.column, 33)
        // A block's result is checked at its end.
        at = try errorPosition("(module (func (result i32)\n  block (result i32)\n    f32.const 1\n  end))")
        XCTAssertEqual(at?.line, 4); XCTAssertEqual(at?.column, 3)
    }

    func testOffsetsOutsideBodiesHaveNoPosition() throws {
        // The data segment's offset has the wrong type: not in a function body.
        XCTAssertNil(try errorPosition("(module (memory 1) (data (i64.const 0) \"x\") (func))"))
        let (bytes, map) = try WAT.encodeWithSourceMap("(module binary \"\\00asm\" \"\\01\\00\\00\\00\")")
        XCTAssertEqual(bytes.count, 8)
        XCTAssertNil(map.position(ofBinaryOffset: 4))
    }
}
