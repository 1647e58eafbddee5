// The WebAssembly 2.0 spec testsuite, run through the spec runner.

import Foundation
import Wisp
@testable import WispSpecTest
import XCTest

/// Where the shared test data lives: `$WISP_SHARED`, or `shared/` beside the package's folder.
enum SharedData {
    static var folder: String {
        if let env = ProcessInfo.processInfo.environment["WISP_SHARED"], !env.isEmpty { return env }
        // #filePath = <package>/Tests/WispTests/<file>.swift; shared/ sits beside <package>.
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return package.deletingLastPathComponent().appendingPathComponent("shared").path
    }

    /// The 2.0 testsuite's json folder.
    static var wasm2JSON: String { folder + "/testsuite/wasm-2.0/json" }

    static let missingHint = "The spec testsuite is missing: expected wasm-2.0/json under $WISP_SHARED/testsuite or "
        + "../shared/testsuite beside the package (see shared/testsuite/README.md: WebAssembly/spec tag wg-2.0, "
        + "converted with wabt's wast2json 1.0.42)."
}

final class SpecSuiteTests: XCTestCase {
    /// Whether failures in `simd_*` scripts fail the test. Off until the interpreter executes SIMD:
    /// until then those failures are printed, not asserted.
    static let simdFailuresFailTheTest = true

    /// The assertions of the 2.0 set (testsuite/README.md), every one of which must pass: the
    /// 1,091 whose modules are text (wast2json's .wat files) included.
    static let wasm2Assertions = 52_230

    func testWasm2Suite() throws {
        let folder = SharedData.wasm2JSON
        guard FileManager.default.fileExists(atPath: folder) else {
            return XCTFail(SharedData.missingHint + " Looked in " + folder)
        }
        let runner = SpecTestRunner(features: .wasm2, verbose: false)
        let suite = runner.run(folder: folder) { print($0.summaryLine) }
        print(suite.summaryLine)
        XCTAssertEqual(suite.files.count, 148, "the 2.0 set has 148 scripts")

        let simd = suite.files.filter { $0.name.hasPrefix("simd_") }
        let core = suite.files.filter { !$0.name.hasPrefix("simd_") }
        func total(_ files: [SpecFileResult], _ k: KeyPath<SpecFileResult, Int>) -> Int { files.reduce(0) { $0 + $1[keyPath: k] } }
        print("outside simd: \(total(core, \.passed)) passed, \(total(core, \.failed)) failed, \(total(core, \.skipped)) skipped")
        print("simd: \(total(simd, \.passed)) passed, \(total(simd, \.failed)) failed, \(total(simd, \.skipped)) skipped")

        for file in core where file.failed > 0 {
            let shown = file.failures.prefix(5).map { "    " + $0.description }.joined(separator: "\n")
            XCTFail("\(file.summaryLine)\n\(shown)\(file.failures.count > 5 ? "\n    ..." : "")")
        }
        for file in simd where file.failed > 0 {
            if Self.simdFailuresFailTheTest {
                XCTFail(file.summaryLine + "\n    " + (file.failures.first?.description ?? ""))
            }
        }

        XCTAssertEqual(suite.skipped, 0, "nothing of the 2.0 set is skipped: \(suite.files.filter { $0.skipped > 0 }.map(\.name))")
        XCTAssertEqual(suite.passed, Self.wasm2Assertions)
    }

    /// The same 2.0 set from its .wast sources (WispText parses the scripts and their modules):
    /// every file gives what its JSON conversion gives.
    func testWasm2SuiteFromWastSources() throws {
        let json = SharedData.wasm2JSON
        let wast = SharedData.folder + "/testsuite/wasm-2.0/wast"
        guard FileManager.default.fileExists(atPath: wast) else { return XCTFail(SharedData.missingHint + " Looked in " + wast) }
        let runner = SpecTestRunner(features: .wasm2, verbose: false)
        let fromJSON = Dictionary(uniqueKeysWithValues: runner.run(folder: json).files.map { ($0.name, $0.summaryLine) })
        let suite = runner.run(folder: wast)
        print("from .wast: " + suite.summaryLine)
        XCTAssertEqual(suite.files.count, 148)
        XCTAssertEqual(suite.passed, Self.wasm2Assertions)
        XCTAssertEqual(suite.failed, 0, suite.files.filter { $0.failed > 0 }.map { $0.summaryLine + ": " + ($0.failures.first?.description ?? "") }.joined(separator: "\n"))
        for file in suite.files {
            XCTAssertEqual(file.summaryLine, fromJSON[file.name], "the .wast and the JSON of \(file.name) differ")
        }
    }

    /// The exception-handling and tail-call scripts of the 3.0 set, under `.wasm3`. throw,
    /// throw_ref, return_call and return_call_indirect pass whole. One
    /// module of try_table and two of tag need proposals Wisp does not implement (typed function
    /// references, GC's recursive types): each of their failures must be one of those, so a
    /// failure of exception handling or tail calls still fails this test.
    func testExceptionHandlingAndTailCallScripts() throws {
        let base = SharedData.folder + "/testsuite/wasm-3.0"
        guard FileManager.default.fileExists(atPath: base) else { return XCTFail(SharedData.missingHint) }
        let runner = SpecTestRunner(features: .wasm3, verbose: false)
        for (file, passed, skipped) in [("json/throw/throw.json", 12, 0), ("json/throw_ref/throw_ref.json", 14, 0),
                                        ("json/return_call/return_call.json", 44, 0),
                                        ("json/return_call_indirect/return_call_indirect.json", 76, 0)] {
            let r = runner.run(file: base + "/" + file)
            print(r.summaryLine)
            XCTAssertEqual(r.passed, passed, r.summaryLine)
            XCTAssertEqual(r.skipped, skipped, r.summaryLine)
            XCTAssertEqual(r.failed, 0, r.summaryLine + "\n" + r.failures.map(\.description).joined(separator: "\n"))
        }
        let unsupported = ["malformed value type", "malformed function type", "unknown import M.tag"]
        for file in ["json-wasm-tools/try_table/try_table.json", "json-wasm-tools/tag/tag.json"] {
            let r = runner.run(file: base + "/" + file)
            print(r.summaryLine + " (failures: modules that need typed function references or GC)")
            XCTAssertGreaterThanOrEqual(r.passed, file.contains("try_table") ? 53 : 3, r.summaryLine)
            for f in r.failures where !unsupported.contains(where: { f.description.contains($0) }) {
                XCTFail(r.name + ": " + f.description)
            }
        }
    }

    /// Relaxed SIMD's scripts of the 3.0 set, from JSON and from .wast, pass whole: the
    /// deterministic profile's result is always one the scripts allow (`either`).
    func testRelaxedSIMDScripts() throws {
        let base = SharedData.folder + "/testsuite/wasm-3.0"
        guard FileManager.default.fileExists(atPath: base) else { return XCTFail(SharedData.missingHint) }
        let runner = SpecTestRunner(features: .wasm3, verbose: false)
        var total = 0
        for name in ["relaxed_dot_product", "relaxed_laneselect", "relaxed_madd_nmadd", "relaxed_min_max",
                     "i16x8_relaxed_q15mulr_s", "i32x4_relaxed_trunc", "i8x16_relaxed_swizzle"] {
            for file in ["json/" + name + "/" + name + ".json", "wast/" + name + ".wast"] {
                let r = runner.run(file: base + "/" + file)
                XCTAssertEqual(r.failed, 0, file + ": " + r.failures.map(\.description).joined(separator: "\n"))
                XCTAssertEqual(r.skipped, 0, file)
                total += r.passed
            }
        }
        XCTAssertEqual(total, 2 * 69, "69 assertions, each from JSON and from .wast")
    }

    /// The wide-arithmetic proposal's script (testsuite/proposals), from JSON and from .wast: 107
    /// assertions each, with the default features (`.all` has the proposal, `.wasm3` has not).
    func testWideArithmeticScript() throws {
        let base = SharedData.folder + "/testsuite/proposals/wide-arithmetic"
        guard FileManager.default.fileExists(atPath: base) else { return XCTFail(SharedData.missingHint) }
        assertWholeProposal(base, files: 1, passed: 107)
        let without = SpecTestRunner(features: .wasm3).run(folder: base + "/json")
        XCTAssertGreaterThan(without.failed, 0, "wasm3 leaves wide arithmetic out")
    }

    /// The 3.0 scripts that fail without memory64, table64 or multi-memory.
    static let memoryProposalFiles: [String] = """
        address64 align0 align64 binary0 binary_leb128_64 bulk64 call_indirect64 data0 data1 data_drop0
        endianness64 exports0 float_exprs0 float_exprs1 float_memory0 float_memory64 imports0 imports1
        imports2 imports3 imports4 linking0 linking1 linking2 linking3 load0 load1 load2 load64 memory-multi
        memory64 memory64-imports memory_copy0 memory_copy1 memory_copy64 memory_fill0 memory_fill64
        memory_grow memory_grow64 memory_init0 memory_init64 memory_redundancy64 memory_size0 memory_size1
        memory_size2 memory_size_import memory_trap0 memory_trap1 memory_trap64 simd_memory-multi start0
        store0 store1 store2 table64 table_copy64 table_copy_mixed table_fill64 table_get64 table_grow64
        table_set64 table_size64 traps0
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// The 3.0 scripts of memory64, table64 and multi-memory (every one that fails without them),
    /// from JSON and from .wast under `.wasm3`: 8,009 assertions each way, none failed or skipped.
    func testMemory64AndMultiMemoryScripts() throws {
        let base = SharedData.folder + "/testsuite/wasm-3.0"
        guard FileManager.default.fileExists(atPath: base) else { return XCTFail(SharedData.missingHint) }
        XCTAssertEqual(SpecSuiteTests.memoryProposalFiles.count, 63)
        SpecSuiteTests.assertScriptsPass(SpecSuiteTests.memoryProposalFiles, in: base, features: .wasm3, passing: 8009)
    }

    /// Runs the 3.0 scripts `names` of `base` from JSON and from .wast under `features`: none may
    /// fail or be skipped, and each form must pass `passing` assertions.
    static func assertScriptsPass(_ names: [String], in base: String, features: Features, passing: Int,
                                  file: StaticString = #filePath, line: UInt = #line) {
        let runner = SpecTestRunner(features: features, verbose: false)
        for form in ["json", "wast"] {
            var passed = 0
            for name in names {
                let r = runner.run(file: base + "/" + form + "/" + (form == "json" ? name + "/" + name + ".json" : name + ".wast"))
                XCTAssertEqual(r.failed + r.skipped, 0, form + ": " + r.summaryLine + "\n" + r.failures.prefix(3).map(\.description).joined(separator: "\n"),
                               file: file, line: line)
                passed += r.passed
            }
            XCTAssertEqual(passed, passing, form, file: file, line: line)
        }
    }

    /// The custom-page-sizes proposal's scripts (testsuite/proposals), from JSON and from .wast,
    /// with the default features: 164 assertions each way.
    func testCustomPageSizesScripts() throws {
        let base = SharedData.folder + "/testsuite/proposals/custom-page-sizes"
        guard FileManager.default.fileExists(atPath: base) else { return XCTFail(SharedData.missingHint) }
        assertWholeProposal(base, files: 5, passed: 164)
    }

    /// A proposal's scripts under `base` (testsuite/proposals/NAME), from its json and wast
    /// folders alike, with the default features: `files` scripts, `passed` assertions, nothing
    /// failed or skipped.
    func assertWholeProposal(_ base: String, files: Int, passed: Int, line: UInt = #line) {
        for path in [base + "/json", base + "/wast"] {
            let suite = SpecTestRunner(features: .all).run(folder: path)
            XCTAssertEqual(suite.files.count, files, path, line: line)
            XCTAssertEqual(suite.passed, passed, path + ": " + suite.files.flatMap(\.failures).map(\.description).joined(separator: "\n"), line: line)
            XCTAssertEqual(suite.failed + suite.skipped, 0, path, line: line)
        }
    }

    // MARK: the runner's value rules (no engine needed)

    func value(_ type: String, _ v: String) -> SpecValue { SpecValue(type: type, laneType: nil, value: .scalar(v)) }
    func lanes(_ lane: String, _ v: [String]) -> SpecValue { SpecValue(type: "v128", laneType: lane, value: .lanes(v)) }

    func testExpectedValueMatching() throws {
        XCTAssertTrue(SpecValues.matches(.i32(0xFFFF_FFFF), value("i32", "4294967295")))
        XCTAssertFalse(SpecValues.matches(.i32(1), value("i32", "2")))
        // wasm-tools' dialect writes integers signed.
        XCTAssertTrue(SpecValues.matches(.i64(UInt64.max), value("i64", "-1")))
        XCTAssertTrue(SpecValues.matches(.i32(0xFFFF_FFFE), value("i32", "-2")))
        XCTAssertFalse(SpecValues.matches(.i32(0xFFFF_FFFE), value("i32", "-1")))
        XCTAssertFalse(SpecValues.matches(.i64(1), value("i32", "1")), "types must agree")
        // Floats compare by bits: -0 is not 0, and a NaN matches only its own bits.
        XCTAssertFalse(SpecValues.matches(.f32(0x8000_0000), value("f32", "0")))
        XCTAssertTrue(SpecValues.matches(.f32(0x7FC0_0001), value("f32", "2143289345")))
        // nan:canonical: exactly the canonical NaN, either sign.
        XCTAssertTrue(SpecValues.matches(.f32(0x7FC0_0000), value("f32", "nan:canonical")))
        XCTAssertTrue(SpecValues.matches(.f32(0xFFC0_0000), value("f32", "nan:canonical")))
        XCTAssertFalse(SpecValues.matches(.f32(0x7FC0_0001), value("f32", "nan:canonical")))
        XCTAssertTrue(SpecValues.matches(.f64(0xFFF8_0000_0000_0000), value("f64", "nan:canonical")))
        XCTAssertFalse(SpecValues.matches(.f64(0x7FF0_0000_0000_0001), value("f64", "nan:canonical")))
        // nan:arithmetic: any quiet NaN, but not a signalling one or infinity.
        XCTAssertTrue(SpecValues.matches(.f32(0x7FC0_1234), value("f32", "nan:arithmetic")))
        XCTAssertTrue(SpecValues.matches(.f64(0xFFFC_0000_0000_0000), value("f64", "nan:arithmetic")))
        XCTAssertFalse(SpecValues.matches(.f32(0x7FA0_0000), value("f32", "nan:arithmetic")))
        XCTAssertFalse(SpecValues.matches(.f32(0x7F80_0000), value("f32", "nan:arithmetic")))
        // References.
        XCTAssertTrue(SpecValues.matches(.externref(nil), value("externref", "null")))
        XCTAssertTrue(SpecValues.matches(.externref(7), value("externref", "7")))
        XCTAssertFalse(SpecValues.matches(.externref(nil), value("externref", "7")))
        XCTAssertTrue(SpecValues.matches(.funcref(nil), value("funcref", "null")))
        XCTAssertFalse(SpecValues.matches(.funcref(nil), value("funcref", "0")), "a number asks for non-null")
        // v128 lanes, little-endian, with the NaN rules per lane.
        let v = V128(lo: 0x7FC0_0000_3F80_0000, hi: 0xFFC0_0000_7FC0_1234)
        XCTAssertTrue(SpecValues.matches(.v128(v), lanes("f32", ["1065353216", "nan:canonical", "nan:arithmetic", "nan:canonical"])))
        XCTAssertFalse(SpecValues.matches(.v128(v), lanes("f32", ["1065353216", "nan:canonical", "nan:canonical", "nan:canonical"])))
        XCTAssertTrue(SpecValues.matches(.v128(V128(lo: 0x0102, hi: 0)), lanes("i16", ["258", "0", "0", "0", "0", "0", "0", "0"])))
        XCTAssertTrue(SpecValues.matches(.v128(V128(lo: 0xFF, hi: 0)), lanes("i8", ["255"] + Array(repeating: "0", count: 15))))
    }

    func testArguments() throws {
        XCTAssertEqual(try SpecValues.argument(value("i32", "4294967295")), .i32(0xFFFF_FFFF))
        XCTAssertEqual(try SpecValues.argument(value("f64", "9221120237041090560")), .f64(0x7FF8_0000_0000_0000))
        XCTAssertEqual(try SpecValues.argument(value("externref", "3")), .externref(3))
        XCTAssertEqual(try SpecValues.argument(lanes("i32", ["1", "2", "3", "4"])), .v128(V128(lo: 0x2_0000_0001, hi: 0x4_0000_0003)))
        XCTAssertThrowsError(try SpecValues.argument(value("i32", "4294967296")), "out of range")
        XCTAssertThrowsError(try SpecValues.argument(lanes("i32", ["1", "2"])), "too few lanes")
    }

    func testCommandLineValues() {
        XCTAssertEqual(CommandLineValues.parse("-1", as: .i32), .i32(0xFFFF_FFFF))
        XCTAssertEqual(CommandLineValues.parse("4294967295", as: .i32), .i32(0xFFFF_FFFF))
        XCTAssertNil(CommandLineValues.parse("4294967296", as: .i32))
        XCTAssertEqual(CommandLineValues.parse("-9223372036854775808", as: .i64), .i64(1 << 63))
        XCTAssertEqual(CommandLineValues.parse("1.5", as: .f32), .float(1.5))
        XCTAssertEqual(CommandLineValues.parse("-inf", as: .f64), .double(-.infinity))
        XCTAssertNil(CommandLineValues.parse("x", as: .f64))
        XCTAssertEqual(CommandLineValues.parse("1", as: .v128), .v128(V128(lo: 1, hi: 0)))

        XCTAssertEqual(CommandLineValues.format(.i32(0xFFFF_FFFF)), "-1")
        XCTAssertEqual(CommandLineValues.format(.i64(1 << 63)), "-9223372036854775808")
        XCTAssertEqual(CommandLineValues.format(.float(3)), "3")
        XCTAssertEqual(CommandLineValues.format(.float(1.5)), "1.5")
        XCTAssertEqual(CommandLineValues.format(.float(0.1)), "0.1")
        XCTAssertEqual(CommandLineValues.format(.double(-0.0)), "-0")
        XCTAssertEqual(CommandLineValues.format(.double(1e20)), "100000000000000000000")
        XCTAssertEqual(CommandLineValues.format(.double(1.25e-7)), "0.000000125")
        XCTAssertEqual(CommandLineValues.format(.float(.nan)), "NaN")
        XCTAssertEqual(CommandLineValues.format(.double(-.infinity)), "-inf")
        XCTAssertEqual(CommandLineValues.format(.v128(V128(lo: 1, hi: 1))), "18446744073709551617")
        XCTAssertEqual(CommandLineValues.format(.externref(nil)), "<null externref>")
    }
}
