import Foundation
import XCTest
@testable import WispFormat

/// The validator against the spec test suite's binary modules, plus focused cases on hand-built
/// binaries for the rules that are easy to get subtly wrong.
final class ValidatorTests: XCTestCase {

    // MARK: - Spec test suite

    /// The shared test data: $WISP_SHARED, or ../shared next to the package root.
    static func sharedDirectory() throws -> URL {
        if let env = ProcessInfo.processInfo.environment["WISP_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        // #filePath is <root>/Tests/WispFormatTests/ValidatorTests.swift.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared")
    }

    func testSpecSuiteBinaryModules() throws {
        let jsonRoot = try Self.sharedDirectory().appendingPathComponent("testsuite/wasm-2.0/json")
        guard FileManager.default.fileExists(atPath: jsonRoot.path) else {
            XCTFail("spec test data not found at \(jsonRoot.path); set WISP_SHARED to the shared directory")
            return
        }
        let dirs = try FileManager.default.contentsOfDirectory(atPath: jsonRoot.path).sorted()
        var valid = 0, validTotal = 0
        var invalidCaught = 0, invalidAsInvalid = 0, invalidTotal = 0
        var malformedCaught = 0, malformedTotal = 0
        var misses: [String] = []
        var wrongKind: [String] = []
        var invalidSameText = 0
        var otherText: [String] = []
        let start = Date()

        for dir in dirs {
            let dirURL = jsonRoot.appendingPathComponent(dir)
            let jsonURL = dirURL.appendingPathComponent(dir + ".json")
            guard let data = FileManager.default.contents(atPath: jsonURL.path),
                  let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let commands = object["commands"] as? [[String: Any]] else {
                XCTFail("cannot read \(jsonURL.path)")
                continue
            }
            for command in commands {
                guard let type = command["type"] as? String, let file = command["filename"] as? String,
                      file.hasSuffix(".wasm") else { continue }
                let line = command["line"] as? Int ?? 0
                let where_ = "\(dir).wast:\(line) (\(file))"
                guard let bytes = FileManager.default.contents(atPath: dirURL.appendingPathComponent(file).path) else {
                    XCTFail("missing \(file)")
                    continue
                }
                let result = Self.check([UInt8](bytes))
                switch type {
                case "module", "assert_unlinkable", "assert_uninstantiable", "assert_trap", "assert_exhaustion":
                    // Modules that must at least be valid (the latter ones fail later, at link or run time).
                    validTotal += 1
                    if let error = result {
                        misses.append("valid module rejected: \(where_): \(error.description)")
                    } else {
                        valid += 1
                    }
                case "assert_invalid":
                    invalidTotal += 1
                    let expected = command["text"] as? String ?? ""
                    if let error = result {
                        invalidCaught += 1
                        if error.kind == .invalid {
                            invalidAsInvalid += 1
                            if error.message.hasPrefix(expected) {
                                invalidSameText += 1
                            } else {
                                otherText.append("\(where_): expected \"\(expected)\", got \"\(error.message)\"")
                            }
                        } else {
                            wrongKind.append("\(where_): expected invalid \"\(expected)\", got \(error.description)")
                        }
                    } else {
                        misses.append("invalid module accepted: \(where_): expected \"\(expected)\"")
                    }
                case "assert_malformed":
                    malformedTotal += 1
                    if result != nil {
                        malformedCaught += 1
                    } else {
                        misses.append("malformed module accepted: \(where_): expected \"\(command["text"] as? String ?? "")\"")
                    }
                default:
                    break
                }
            }
        }
        let seconds = Date().timeIntervalSince(start)
        print("ValidatorTests spec suite (\(dirs.count) files, \(String(format: "%.1f", seconds)) s):")
        print("  valid modules decoded and validated: \(valid)/\(validTotal)")
        print("  assert_invalid (binary) rejected: \(invalidCaught)/\(invalidTotal), as .invalid: \(invalidAsInvalid), with the spec's message: \(invalidSameText)")
        print("  assert_malformed (binary) rejected: \(malformedCaught)/\(malformedTotal)")
        for m in misses { print("  MISS " + m) }
        for w in wrongKind { print("  KIND " + w) }
        for t in otherText { print("  TEXT " + t) }
        XCTAssertGreaterThan(validTotal, 0)
        XCTAssertEqual(valid, validTotal)
        XCTAssertEqual(invalidCaught, invalidTotal)
        XCTAssertEqual(invalidAsInvalid, invalidTotal)
        XCTAssertEqual(invalidSameText, invalidTotal)
        XCTAssertEqual(malformedCaught, malformedTotal)
    }

    /// Decodes and validates; returns the error, if any.
    static func check(_ bytes: [UInt8]) -> FormatError? {
        do {
            let module = try decodeModule(bytes, features: .wasm2)
            try validateModule(module, features: .wasm2)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Hand-built binaries

    static func leb(_ value: UInt64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        repeat {
            var b = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { b |= 0x80 }
            out.append(b)
        } while v != 0
        return out
    }

    static func vec(_ items: [[UInt8]]) -> [UInt8] { leb(UInt64(items.count)) + items.flatMap { $0 } }

    static func functype(_ params: [ValueType], _ results: [ValueType]) -> [UInt8] {
        [0x60] + vec(params.map { [UInt8($0.rawValue)] }) + vec(results.map { [UInt8($0.rawValue)] })
    }

    struct Func {
        var type: UInt32
        var locals: [(UInt32, ValueType)] = []
        /// The instructions including the final `end`.
        var body: [UInt8]
    }

    /// Assembles a module; `sections` holds the raw contents of any other section by id.
    static func module(types: [[UInt8]], funcs: [Func], sections: [UInt8: [UInt8]] = [:]) -> [UInt8] {
        var out: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        func add(_ id: UInt8, _ content: [UInt8]) {
            out.append(id)
            out += leb(UInt64(content.count))
            out += content
        }
        var all = sections
        all[1] = vec(types)
        if !funcs.isEmpty {
            all[3] = vec(funcs.map { leb(UInt64($0.type)) })
            all[10] = vec(funcs.map { f in
                let code = vec(f.locals.map { leb(UInt64($0.0)) + [UInt8($0.1.rawValue)] }) + f.body
                return leb(UInt64(code.count)) + code
            })
        }
        for id: UInt8 in [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11] {
            if let content = all[id] { add(id, content) }
        }
        return out
    }

    /// A module with one function of type `params -> results` and the given body (`end` appended).
    static func single(_ params: [ValueType], _ results: [ValueType], _ body: [UInt8],
                       locals: [(UInt32, ValueType)] = [], extraTypes: [[UInt8]] = [],
                       sections: [UInt8: [UInt8]] = [:]) -> [UInt8] {
        module(types: [functype(params, results)] + extraTypes,
               funcs: [Func(type: 0, locals: locals, body: body + [0x0B])], sections: sections)
    }

    func assertValid(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        if let error = Self.check(bytes) {
            XCTFail("expected valid, got \(error.description)", file: file, line: line)
        }
    }

    func assertInvalid(_ bytes: [UInt8], _ message: String, kind: FormatError.Kind = .invalid,
                       file: StaticString = #filePath, line: UInt = #line) {
        guard let error = Self.check(bytes) else {
            XCTFail("expected \"\(message)\", but the module validated", file: file, line: line)
            return
        }
        XCTAssertEqual(error.kind, kind, error.description, file: file, line: line)
        XCTAssertTrue(error.message.hasPrefix(message), "expected \"\(message)\", got \(error.description)", file: file, line: line)
    }

    // Opcodes used below.
    let unreachable: UInt8 = 0x00, block: UInt8 = 0x02, loop: UInt8 = 0x03, if_: UInt8 = 0x04, else_: UInt8 = 0x05
    let empty: UInt8 = 0x40, end: UInt8 = 0x0B, br: UInt8 = 0x0C, brTable: UInt8 = 0x0E, drop: UInt8 = 0x1A, select: UInt8 = 0x1B
    let selectT: UInt8 = 0x1C, localGet: UInt8 = 0x20, i32Const: UInt8 = 0x41, i64Const: UInt8 = 0x42
    let f32Const: UInt8 = 0x43, i32Add: UInt8 = 0x6A, i32Eqz: UInt8 = 0x45, i64Eqz: UInt8 = 0x50
    let refNull: UInt8 = 0xD0, refFunc: UInt8 = 0xD2, i32: UInt8 = 0x7F, i64: UInt8 = 0x7E, funcref: UInt8 = 0x70

    func testUnreachableCodeIsPolymorphic() {
        assertValid(Self.single([], [], [unreachable, i32Add, drop]))
        assertValid(Self.single([], [.i32], [unreachable]))
        assertValid(Self.single([], [.i32], [block, i32, unreachable, end]))
        assertValid(Self.single([], [], [unreachable, select, drop]))
        // The unknown value left by `select` still occupies the stack.
        assertInvalid(Self.single([], [], [unreachable, select]), "type mismatch")
        // Known operands are still checked in unreachable code.
        assertInvalid(Self.single([], [], [unreachable, i64Const, 0, i32Add, drop]), "type mismatch")
        assertInvalid(Self.single([], [.i32], [unreachable, i64Const, 0]), "type mismatch")
        // Unreachability ends with its block.
        assertInvalid(Self.single([], [], [block, empty, unreachable, end, drop]), "type mismatch")
        assertInvalid(Self.single([], [], [i32Add, drop]), "type mismatch")
        // Popping below the block's height is an error even if the outer stack has values.
        assertInvalid(Self.single([], [], [i32Const, 1, block, empty, drop, end, drop]), "type mismatch")
    }

    func testBrTable() {
        // Arities agree, types are unknown: valid.
        assertValid(Self.single([], [], [block, i32, block, i64, unreachable, brTable, 1, 0, 1, end, drop, i32Const, 1, end, drop]))
        // Unknown operand types may match both i32 and i64 targets, but a known f32 may not.
        assertInvalid(Self.single([], [], [block, i32, block, i64, unreachable, f32Const, 0, 0, 0, 0, i32Const, 0,
                                           brTable, 1, 0, 1, end, drop, i32Const, 1, end, drop]), "type mismatch")
        // Different arities.
        assertInvalid(Self.single([], [], [block, empty, block, i32, unreachable, brTable, 1, 0, 1, end, drop, end]), "type mismatch")
        // Unknown label.
        assertInvalid(Self.single([], [], [i32Const, 0, brTable, 1, 0, 5]), "unknown label")
        // Reachable: operand must be there.
        assertInvalid(Self.single([], [], [block, i32, i32Const, 0, brTable, 0, 0, end, drop]), "type mismatch")
        assertValid(Self.single([], [], [block, i32, i32Const, 7, i32Const, 0, brTable, 0, 0, end, drop]))
    }

    func testSelect() {
        assertValid(Self.single([], [], [i32Const, 1, i32Const, 2, i32Const, 0, select, drop]))
        assertInvalid(Self.single([], [], [i32Const, 1, i64Const, 2, i32Const, 0, select, drop]), "type mismatch")
        // Untyped select does not take references; typed select does.
        assertInvalid(Self.single([], [], [refNull, funcref, refNull, funcref, i32Const, 0, select, drop]), "type mismatch")
        assertValid(Self.single([], [], [refNull, funcref, refNull, funcref, i32Const, 0, selectT, 1, funcref, drop]))
        assertInvalid(Self.single([], [], [unreachable, refNull, funcref, select, drop]), "type mismatch")
        assertValid(Self.single([], [], [unreachable, i32Const, 0, select, drop]))
        assertInvalid(Self.single([], [], [i64Const, 1, i64Const, 2, i32Const, 0, selectT, 1, i32, drop]), "type mismatch")
    }

    func testMultiValueBlocks() {
        let twoToOne = Self.functype([.i32, .i32], [.i32])
        let oneToOne = Self.functype([.i32], [.i32])
        // block (type 1) consumes two i32 and yields one.
        assertValid(Self.single([], [.i32], [i32Const, 1, i32Const, 2, block, 1, i32Add, end], extraTypes: [twoToOne]))
        assertInvalid(Self.single([], [.i32], [i32Const, 1, block, 1, i32Add, end], extraTypes: [twoToOne]), "type mismatch")
        // A loop's label takes its parameters.
        assertValid(Self.single([], [.i32], [i32Const, 1, loop, 1, br, 0, end], extraTypes: [oneToOne]))
        assertInvalid(Self.single([], [.i32], [i32Const, 1, loop, 1, i64Const, 0, br, 0, end], extraTypes: [oneToOne]), "type mismatch")
        // An if without else must pass its parameters through unchanged.
        assertValid(Self.single([], [.i32], [i32Const, 5, i32Const, 1, if_, 1, end], extraTypes: [oneToOne]))
        assertInvalid(Self.single([], [.i32], [i32Const, 5, i32Const, 6, i32Const, 1, if_, 1, i32Add, end], extraTypes: [twoToOne]), "type mismatch")
        assertValid(Self.single([], [.i32], [i32Const, 5, i32Const, 6, i32Const, 1, if_, 1, i32Add, else_, drop, end], extraTypes: [twoToOne]))
        assertInvalid(Self.single([], [], [block, 9, end]), "unknown type")
    }

    func testUndeclaredFunctionReference() {
        let body: [UInt8] = [refFunc, 0, drop]
        assertInvalid(Self.single([], [], body), "undeclared function reference")
        // Declared by a declarative element segment (flags 3: elemkind + function indices).
        assertValid(Self.single([], [], body, sections: [9: [1, 3, 0x00, 1, 0]]))
        // Declared by an export.
        assertValid(Self.single([], [], body, sections: [7: [1, 1, 0x66, 0x00, 0]]))
        // Declared by a global initialiser.
        assertValid(Self.single([], [], body, sections: [6: [1, funcref, 0, refFunc, 0, end]]))
        assertInvalid(Self.single([], [], [refFunc, 1, drop]), "unknown function")
    }

    func testLocalsLookupWithoutExpansion() {
        // More locals than the validator expands into an array: looked up by binary search.
        let locals: [(UInt32, ValueType)] = [(3_000, .i32), (2_000, .i64)]
        let x = Self.leb(4_001)  // the i32 parameter is local 0
        assertValid(Self.single([.i32], [], [localGet] + x + [i64Eqz, drop], locals: locals))
        assertInvalid(Self.single([.i32], [], [localGet] + x + [i32Eqz, drop], locals: locals), "type mismatch")
        assertValid(Self.single([.i32], [], [localGet, 0, i32Eqz, drop], locals: locals))
        assertValid(Self.single([.i32], [], [localGet] + Self.leb(3_000) + [i32Eqz, drop], locals: locals))
        assertValid(Self.single([.i32], [], [localGet] + Self.leb(3_001) + [i64Eqz, drop], locals: locals))
        assertValid(Self.single([.i32], [], [localGet] + Self.leb(5_000) + [i64Eqz, drop], locals: locals))
        assertInvalid(Self.single([.i32], [], [localGet] + Self.leb(5_001) + [drop], locals: locals), "unknown local")
        assertInvalid(Self.single([.i32], [], [localGet, 2, drop], locals: [(1, .i64)]), "unknown local")
    }

    func testBodyStructure() {
        // No final end.
        let noEnd = Self.module(types: [Self.functype([], [])], funcs: [Self.Func(type: 0, body: [i32Const, 1, drop])])
        XCTAssertNotNil(Self.check(noEnd))
        // Operators after the final end.
        let trailing = Self.module(types: [Self.functype([], [])], funcs: [Self.Func(type: 0, body: [end, i32Const, 1, drop])])
        XCTAssertNotNil(Self.check(trailing))
        // Result left on the stack of a [] -> [] function.
        assertInvalid(Self.single([], [], [i32Const, 1]), "type mismatch")
    }

    func testConstantExpressions() {
        let importGlobal: [UInt8] = [1, 1, 0x6D, 1, 0x67, 0x03, i32, 0]          // (import "m" "g" (global i32))
        let importMutGlobal: [UInt8] = [1, 1, 0x6D, 1, 0x67, 0x03, i32, 1]       // (import "m" "g" (global (mut i32)))
        let globalGet0: [UInt8] = [1, i32, 0, 0x23, 0, end]
        assertValid(Self.module(types: [], funcs: [], sections: [2: importGlobal, 6: globalGet0]))
        assertInvalid(Self.module(types: [], funcs: [], sections: [2: importMutGlobal, 6: globalGet0]), "constant expression required")
        // A module-defined global is not visible to constant expressions in 2.0.
        assertInvalid(Self.module(types: [], funcs: [], sections: [6: [2, i32, 0, i32Const, 0, end, i32, 0, 0x23, 0, end]]), "unknown global")
        assertInvalid(Self.module(types: [], funcs: [], sections: [6: [1, i32, 0, i32Const, 0, i32Const, 0, i32Add, end]]), "constant expression required")
        assertInvalid(Self.module(types: [], funcs: [], sections: [6: [1, i64, 0, i32Const, 0, end]]), "type mismatch")
    }

    func testMemoryRules() {
        let memory: [UInt8] = [1, 0, 1]
        // i32.load with alignment 2^3 > 4 bytes.
        assertInvalid(Self.single([], [], [i32Const, 0, 0x28, 3, 0, drop], sections: [5: memory]), "alignment must not be larger than natural")
        assertValid(Self.single([], [], [i32Const, 0, 0x28, 2, 0, drop], sections: [5: memory]))
        assertInvalid(Self.single([], [], [i32Const, 0, 0x28, 2, 0, drop]), "unknown memory")
        // memory.init needs a data count section.
        assertInvalid(Self.single([], [], [i32Const, 0, i32Const, 0, i32Const, 0, 0xFC, 8, 0, 0],
                                  sections: [5: memory, 11: [1, 1, 0]]), "data count section required", kind: .malformed)
        assertValid(Self.single([], [], [i32Const, 0, i32Const, 0, i32Const, 0, 0xFC, 8, 0, 0],
                                sections: [5: memory, 12: [1], 11: [1, 1, 0]]))
        assertInvalid(Self.single([], [], [0xFC, 9, 1], sections: [5: memory, 12: [1], 11: [1, 1, 0]]), "unknown data segment")
        // Two memories, and limits.
        assertInvalid(Self.module(types: [], funcs: [], sections: [5: [2, 0, 1, 0, 1]]), "multiple memories")
        assertInvalid(Self.module(types: [], funcs: [], sections: [5: [1, 1, 2, 1]]), "size minimum must not be greater than maximum")
        assertInvalid(Self.module(types: [], funcs: [], sections: [5: [1, 0] + Self.leb(65537)]), "memory size must be at most 65536 pages (4GiB)")
    }

    func testSIMDLanes() {
        let v128Const: [UInt8] = [0xFD, 12] + [UInt8](repeating: 0, count: 16)
        // i32x4.extract_lane 3 is fine, lane 4 is not.
        assertValid(Self.single([], [], v128Const + [0xFD, 27, 3, drop]))
        assertInvalid(Self.single([], [], v128Const + [0xFD, 27, 4, drop]), "invalid lane index")
        // i8x16.shuffle lanes must be < 32.
        let shuffle: [UInt8] = [0xFD, 13] + [UInt8](repeating: 31, count: 15)
        assertValid(Self.single([], [], v128Const + v128Const + shuffle + [31, drop]))
        assertInvalid(Self.single([], [], v128Const + v128Const + shuffle + [32, drop]), "invalid lane index")
    }

    func testExportsAndStart() {
        let twoExports: [UInt8] = [2, 1, 0x66, 0x00, 0, 1, 0x66, 0x00, 0]
        assertInvalid(Self.single([], [], [], sections: [7: twoExports]), "duplicate export name")
        assertInvalid(Self.single([], [], [], sections: [7: [1, 1, 0x66, 0x00, 1]]), "unknown function")
        assertValid(Self.single([], [], [], sections: [8: [0]]))
        assertInvalid(Self.single([.i32], [], [], sections: [8: [0]]), "start function")
    }

    /// The instruction-at-a-time API a translator can drive, with its view of the operand stack.
    func testDrivingOneInstructionAtATime() throws {
        let parsed = try decodeModule(Self.single([.i32], [.i64], [localGet, 0, 0xAC]))
        var v = FunctionValidator(context: ValidationContext(module: parsed))
        try v.begin(typeIndex: 0, locals: parsed.codes[0].locals(in: parsed.bytes))
        XCTAssertEqual(v.localType(0), .i32)
        XCTAssertNil(v.localType(1))
        try v.validate(.localGet(0), at: 0)
        XCTAssertEqual(v.operandType(depth: 0), .i32)
        try v.validate(.numeric(.i64ExtendI32S), at: 1)
        XCTAssertEqual(v.operandType(depth: 0), .i64)
        XCTAssertEqual(v.operandCount, 1)
        try v.validate(.block(.value(.f32)), at: 2)
        XCTAssertEqual(v.operandCount, 0)
        XCTAssertNil(v.operandType(depth: 0))
        XCTAssertEqual(v.frame(depth: 0)?.kind, .block)
        XCTAssertEqual(v.frame(depth: 0)?.labelArity, 1)
        XCTAssertEqual(v.controlDepth, 2)
        try v.validate(.unreachable, at: 3)
        XCTAssertTrue(v.isUnreachable)
        try v.validate(.end, at: 4)
        XCTAssertEqual(v.operandType(depth: 0), .f32)
        try v.validate(.drop, at: 5)
        XCTAssertFalse(v.isComplete)
        try v.validate(.end, at: 6)
        XCTAssertTrue(v.isComplete)
        do {
            try v.validate(.nop, at: 7)
            XCTFail("an instruction after the final end must be rejected")
        } catch {
            XCTAssertEqual(error.kind, .malformed)
            XCTAssertEqual(error.offset, 7)
        }
    }
}
