import XCTest
@testable import Wisp

/// `--features` lists, the default feature set, errors that name a disabled proposal, and
/// extended constant expressions (Wasm 3.0).
final class FeaturesTests: XCTestCase {
    func testFeatureListsApplyPresetsAndSwitchesInOrder() throws {
        XCTAssertEqual(try Features(parsing: "wasm2"), .wasm2)
        XCTAssertEqual(try Features(parsing: "wasm1"), [])
        XCTAssertEqual(try Features(parsing: "all"), .all)
        XCTAssertEqual(try Features(parsing: "wasm3,-simd"), Features.wasm3.subtracting(.simd))
        XCTAssertEqual(try Features(parsing: "-simd"), Features.all.subtracting(.simd))
        XCTAssertEqual(try Features(parsing: "wasm2,+tail-call"), Features.wasm2.union(.tailCall))
        XCTAssertEqual(try Features(parsing: "wasm1, bulk-memory"), .bulkMemory)
        XCTAssertEqual(try Features(parsing: "wasm2,exceptions,-exceptions"), .wasm2)
        // Leaving out a proposal Wisp lacks is fine; asking for it is an error that says so.
        XCTAssertEqual(try Features(parsing: "wasm3,-gc"), .wasm3)
        XCTAssertThrowsError(try Features(parsing: "+gc")) { e in
            XCTAssertTrue("\(e)".contains("gc proposal is not implemented"), "\(e)")
        }
        XCTAssertEqual(try Features(parsing: "wasm2,+function-references"), Features.wasm2.union(.functionReferences))
        XCTAssertEqual(try Features(parsing: "wasm2,+memory64,+multi-memory,+custom-page-sizes"),
                       Features.wasm2.union([.memory64, .multiMemory, .customPageSizes]))
        XCTAssertThrowsError(try Features(parsing: "wasm2,+simdd")) { e in
            XCTAssertTrue("\(e)".contains("unknown feature 'simdd'"), "\(e)")
        }
        XCTAssertThrowsError(try Features(parsing: "wasm2,,simd"))
    }

    func testEveryImplementedProposalIsOnByDefault() {
        XCTAssertEqual(EngineConfiguration().features, .all)
        XCTAssertTrue(Features.all.isSuperset(of: [.exceptionHandling, .tailCall, .extendedConst, .simd, .relaxedSIMD]))
        XCTAssertEqual(Features.names.count, 15, "a new proposal needs a name")
        XCTAssertTrue(Features.wasm3.isSuperset(of: [.memory64, .multiMemory, .functionReferences]))
        XCTAssertFalse(Features.wasm3.contains(.customPageSizes), "custom page sizes are beyond 3.0")
        XCTAssertEqual(Set(Features.names.map(\.name)).count, 15)
        XCTAssertTrue(Features.all.contains(.wideArithmetic) && !Features.wasm3.contains(.wideArithmetic), "beyond 3.0")
    }

    /// `(func try_table end)` under 2.0 fails as the spec says ("illegal opcode") and names the proposal.
    func testADisabledProposalIsNamedInTheError() {
        let tryTable: [UInt8] = [
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
            0x0a, 0x08, 0x01, 0x06, 0x00, 0x1f, 0x40, 0x00, 0x0b, 0x0b,
        ]
        XCTAssertNoThrow(try validateModule(decodeModule(tryTable)))
        XCTAssertThrowsError(try validateModule(decodeModule(tryTable, features: .wasm2), features: .wasm2)) { e in
            let text = "\(e)"
            XCTAssertTrue(text.contains("illegal opcode 0x1f") && text.contains("exceptions proposal is disabled"), text)
        }
        // An exnref global: the value type names its proposal too.
        let exnGlobal: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x06, 0x06, 0x01, 0x69, 0x00, 0xd0, 0x69, 0x0b]
        XCTAssertNoThrow(try validateModule(decodeModule(exnGlobal)))
        XCTAssertThrowsError(try decodeModule(exnGlobal, features: .wasm2)) { e in
            XCTAssertTrue("\(e)".contains("exceptions proposal is disabled"), "\(e)")
        }
    }

    /// (global $a (import "env" "a") i32)                       ;; 5
    /// (global $b i32 (i32.add (global.get $a) (i32.const 10))) ;; 15
    /// (global $c i64 (i64.mul (i64.const 6) (i64.sub (i64.const 10) (i64.const 3))))  ;; 42
    /// (global $d i32 (i32.mul (global.get $b) (global.get $b)))  ;; a defined global: 225
    /// (memory 1) (data (i32.add (global.get $a) (i32.const 1)) "x")  ;; at 6
    /// exports b, c, d, byte(address); bytes from `wasm-tools parse`.
    static let extendedConst: [UInt8] = [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0e, 0x03, 0x60, 0x00, 0x01, 0x7f, 0x60, 0x00, 0x01, 0x7e, 0x60,
        0x01, 0x7f, 0x01, 0x7f, 0x02, 0x0a, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x61, 0x03, 0x7f, 0x00, 0x03, 0x05, 0x04, 0x00,
        0x01, 0x00, 0x02, 0x05, 0x03, 0x01, 0x00, 0x01, 0x06, 0x1c, 0x03, 0x7f, 0x00, 0x23, 0x00, 0x41, 0x0a, 0x6a, 0x0b, 0x7e,
        0x00, 0x42, 0x06, 0x42, 0x0a, 0x42, 0x03, 0x7d, 0x7e, 0x0b, 0x7f, 0x00, 0x23, 0x01, 0x23, 0x01, 0x6c, 0x0b, 0x07, 0x14,
        0x04, 0x01, 0x62, 0x00, 0x00, 0x01, 0x63, 0x00, 0x01, 0x01, 0x64, 0x00, 0x02, 0x04, 0x62, 0x79, 0x74, 0x65, 0x00, 0x03,
        0x0a, 0x18, 0x04, 0x04, 0x00, 0x23, 0x01, 0x0b, 0x04, 0x00, 0x23, 0x02, 0x0b, 0x04, 0x00, 0x23, 0x03, 0x0b, 0x07, 0x00,
        0x20, 0x00, 0x2d, 0x00, 0x00, 0x0b, 0x0b, 0x0a, 0x01, 0x00, 0x23, 0x00, 0x41, 0x01, 0x6a, 0x0b, 0x01, 0x78,
    ]

    func testExtendedConstantExpressionsEvaluate() throws {
        let store = Store(engine: Engine())
        var imports = Imports()
        imports.define(module: "env", name: "a", .global(try Wisp.Global(store: store, type: GlobalType(valueType: .i32, mutable: false), value: .i32(5))))
        let instance = try Module(bytes: Self.extendedConst, engine: store.engine).instantiate(store: store, imports: imports)
        XCTAssertEqual(try instance.exportedFunction("b")!.call([]), [.i32(15)])
        XCTAssertEqual(try instance.exportedFunction("c")!.call([]), [.i64(42)])
        XCTAssertEqual(try instance.exportedFunction("d")!.call([]), [.i32(225)])
        XCTAssertEqual(try instance.exportedFunction("byte")!.call([.i32(6)]), [.i32(120)])
        XCTAssertEqual(try instance.exportedFunction("byte")!.call([.i32(5)]), [.i32(0)])
    }

    func testExtendedConstantExpressionsAreWasm3Only() throws {
        XCTAssertThrowsError(try validateModule(decodeModule(Self.extendedConst, features: .wasm2), features: .wasm2)) { e in
            XCTAssertTrue("\(e)".contains("constant expression required"), "\(e)")
        }
        // A global read before it is defined is unknown even in 3.0.
        let forward: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x06, 0x0b, 0x02, 0x7f, 0x00, 0x23, 0x01, 0x0b, 0x7f, 0x00, 0x41, 0x00, 0x0b]
        XCTAssertThrowsError(try validateModule(decodeModule(forward))) { e in
            XCTAssertTrue("\(e)".contains("unknown global 1"), "\(e)")
        }
    }
}
