import Foundation
import XCTest

/// `wisp run` behaviour around WASI: a module that is not a command, --invoke, traps with a
/// backtrace, exit statuses, --version and `help run`. Uses the `wisp` binary built next to the tests.
/// Runs `executable` with `args` and waits: its exit status, standard output and standard error.
func runCommand(_ executable: String, _ args: [String]) throws -> (status: Int32, out: String, err: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

final class RunCommandTests: XCTestCase {
    // (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
    static let noStart: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00,
        0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00,
        0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b]
    // (module (func $boom (export "_start") unreachable)) with a name section naming it "boom".
    static let trapping: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
        0x07, 0x0a, 0x01, 0x06, 0x5f, 0x73, 0x74, 0x61, 0x72, 0x74, 0x00, 0x00,
        0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b,
        0x00, 0x0e, 0x04, 0x6e, 0x61, 0x6d, 0x65, 0x01, 0x07, 0x01, 0x00, 0x04, 0x62, 0x6f, 0x6f, 0x6d]

    // A reactor that imports a host interface of its own (like CPython's `host.call`):
    // (module (import "host" "call" (func $call (param i32) (result i32)))
    //   (global $g (mut i32) (i32.const 0))
    //   (func (export "_initialize") (global.set $g (i32.const 41)))
    //   (func (export "get") (result i32) (i32.add (global.get $g) (i32.const 1)))
    //   (func (export "callHost") (result i32) (call $call (i32.const 1))))
    static let reactor: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0d, 0x03, 0x60, 0x01, 0x7f,
        0x01, 0x7f, 0x60, 0x00, 0x00, 0x60, 0x00, 0x01, 0x7f, 0x02, 0x0d, 0x01, 0x04, 0x68, 0x6f, 0x73, 0x74, 0x04, 0x63,
        0x61, 0x6c, 0x6c, 0x00, 0x00, 0x03, 0x04, 0x03, 0x01, 0x02, 0x02, 0x06, 0x06, 0x01, 0x7f, 0x01, 0x41, 0x00, 0x0b,
        0x07, 0x20, 0x03, 0x0b, 0x5f, 0x69, 0x6e, 0x69, 0x74, 0x69, 0x61, 0x6c, 0x69, 0x7a, 0x65, 0x00, 0x01, 0x03, 0x67,
        0x65, 0x74, 0x00, 0x02, 0x08, 0x63, 0x61, 0x6c, 0x6c, 0x48, 0x6f, 0x73, 0x74, 0x00, 0x03, 0x0a, 0x17, 0x03, 0x06,
        0x00, 0x41, 0x29, 0x24, 0x00, 0x0b, 0x07, 0x00, 0x23, 0x00, 0x41, 0x01, 0x6a, 0x0b, 0x06, 0x00, 0x41, 0x01, 0x10,
        0x00, 0x0b]

    var wisp: String { productsDirectory + "/wisp" }
    var tmp = ""

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: wisp) else { throw XCTSkip("no wisp binary at " + wisp) }
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("wisp-cli-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        try Data(RunCommandTests.noStart).write(to: URL(fileURLWithPath: tmp + "/lib.wasm"))
        try Data(RunCommandTests.trapping).write(to: URL(fileURLWithPath: tmp + "/trap.wasm"))
        try Data(RunCommandTests.reactor).write(to: URL(fileURLWithPath: tmp + "/reactor.wasm"))
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: tmp) }

    func wispRun(_ args: [String]) throws -> (status: Int32, out: String, err: String) { try runCommand(wisp, args) }

    func testModuleWithoutStartNeedsInvoke() throws {
        let r = try wispRun(["run", tmp + "/lib.wasm"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("no _start export"), r.err)
        XCTAssertTrue(r.err.contains("--invoke"), r.err)
        let ok = try wispRun(["run", "--invoke", "add", tmp + "/lib.wasm", "2", "40"])
        XCTAssertEqual(ok.status, 0, ok.err)
        XCTAssertEqual(ok.out, "42\n")
    }

    /// An unknown import refuses the module, unless --trap-unknown-imports stands in a trapping
    /// function for it; a reactor's `_initialize` runs before the export --invoke names.
    func testReactorsAndUnknownImports() throws {
        let refused = try wispRun(["run", "--invoke", "get", tmp + "/reactor.wasm"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.err.contains("unknown import host.call"), refused.err)
        let initialized = try wispRun(["run", "--trap-unknown-imports", "--invoke", "get", tmp + "/reactor.wasm"])
        XCTAssertEqual(initialized.status, 0, initialized.err)
        XCTAssertEqual(initialized.out, "42\n", "_initialize set the global to 41 first")
        let called = try wispRun(["run", "--trap-unknown-imports", "--invoke", "callHost", tmp + "/reactor.wasm"])
        XCTAssertEqual(called.status, 134)
        XCTAssertTrue(called.err.contains("unknown import host.call called"), called.err)
    }

    func testTrapPrintsMessageAndBacktrace() throws {
        let r = try wispRun(["run", tmp + "/trap.wasm"])
        XCTAssertEqual(r.status, 134)
        XCTAssertTrue(r.err.contains("unreachable"), r.err)
        XCTAssertTrue(r.err.contains("boom"), "backtrace names the function: " + r.err)
    }

    // Modules whose second function is invalid (i32.add on an empty stack at offset 39, 41, 56):
    // unused; called by _start; unused while _start counts to 2^32 (about ten seconds).
    static let invalidUnused: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
        0x03, 0x03, 0x02, 0x00, 0x00, 0x07, 0x0a, 0x01, 0x06, 0x5f, 0x73, 0x74, 0x61, 0x72, 0x74, 0x00, 0x00, 0x0a, 0x08,
        0x02, 0x02, 0x00, 0x0b, 0x03, 0x00, 0x6a, 0x0b]
    static let invalidCalled: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
        0x03, 0x03, 0x02, 0x00, 0x00, 0x07, 0x0a, 0x01, 0x06, 0x5f, 0x73, 0x74, 0x61, 0x72, 0x74, 0x00, 0x00, 0x0a, 0x0a,
        0x02, 0x04, 0x00, 0x10, 0x01, 0x0b, 0x03, 0x00, 0x6a, 0x0b]
    static let invalidBesideLongRun: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00,
        0x00, 0x03, 0x03, 0x02, 0x00, 0x00, 0x07, 0x0a, 0x01, 0x06, 0x5f, 0x73, 0x74, 0x61, 0x72, 0x74, 0x00, 0x00, 0x0a,
        0x19, 0x02, 0x13, 0x01, 0x01, 0x7f, 0x03, 0x40, 0x20, 0x00, 0x41, 0x01, 0x6a, 0x22, 0x00, 0x41, 0x7f, 0x47, 0x0d,
        0x00, 0x0b, 0x0b, 0x03, 0x00, 0x6a, 0x0b]

    /// `wisp run` validates the bodies beside the run: an invalid module fails as at load (exit 1,
    /// the validator's error), whether its bad body is never called, called, or found while the
    /// module is still running (which is interrupted); --lazy-validation only checks called bodies.
    func testInvalidModulesFailAsAtLoadThoughValidatedBesideTheRun() throws {
        for (name, bytes, offset) in [("unused", Self.invalidUnused, 39), ("called", Self.invalidCalled, 41),
                                      ("long", Self.invalidBesideLongRun, 56)] {
            let path = tmp + "/invalid-" + name + ".wasm"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let r = try wispRun(["run", path])
            XCTAssertEqual(r.status, 1, name + ": " + r.err)
            XCTAssertTrue(r.err.contains("error: " + path + ": invalid module at offset " + String(offset) + ": type mismatch"),
                          name + ": " + r.err)
            let v = try wispRun(["validate", path])
            XCTAssertEqual(v.status, 1, name)
        }
        XCTAssertEqual(try wispRun(["run", "--lazy-validation", tmp + "/invalid-unused.wasm"]).status, 0)
        XCTAssertEqual(try wispRun(["run", "--lazy-validation", tmp + "/invalid-called.wasm"]).status, 134)
    }

    func testExitStatusAndArgv() throws {
        let program = try GuestPrograms.path("wtool")
        try "x y\n".write(toFile: tmp + "/f.txt", atomically: false, encoding: .utf8)
        let r = try wispRun(["run", "--dir", tmp + "::/d", "--env", "GREETING=hey", program, "/d", "x"])
        XCTAssertEqual(r.status, 7)
        XCTAssertTrue(r.out.hasPrefix("argc 3\nargv[1] = /d\nargv[2] = x\nGREETING=hey\n"), r.out)
        XCTAssertTrue(r.out.contains("word x: 1"), r.out)
        let missing = try wispRun(["run", "--dir", tmp + "/nope", program])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("cannot open directory"), missing.err)
    }

    func testVersionAndHelp() throws {
        let v = try wispRun(["--version"])
        XCTAssertEqual(v.status, 0)
        XCTAssertTrue(v.out.contains("wisp"))
        let h = try wispRun(["help", "run"])
        XCTAssertEqual(h.status, 0)
        XCTAssertTrue(h.out.contains("--dir"), h.out)
        XCTAssertTrue(h.out.contains("--env"), h.out)
        XCTAssertTrue(h.out.contains("--invoke"), h.out)
    }
}

/// `wisp run`, `validate` and `spectest` on the text format: modules as `.wat` (or any name, told
/// by their contents), scripts as `.wast`, and text errors with their line and column.
final class TextFormatCLITests: XCTestCase {
    var wisp: String { productsDirectory + "/wisp" }
    var tmp = ""

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: wisp) else { throw XCTSkip("no wisp binary at " + wisp) }
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("wisp-text-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: tmp) }

    func write(_ name: String, _ text: String) throws -> String {
        let path = tmp + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func wisp(_ args: [String]) throws -> (status: Int32, out: String, err: String) { try runCommand(wisp, args) }

    static let factorial = """
        ;; n! by recursion, in the folded form
        (module
          (func $fac (export "fac") (param $n i64) (result i64)
            (if (result i64) (i64.eqz (local.get $n))
              (then (i64.const 1))
              (else (i64.mul (local.get $n) (call $fac (i64.sub (local.get $n) (i64.const 1))))))))
        """

    func testRunAndValidateATextModule() throws {
        let wat = try write("fac.wat", Self.factorial)
        var r = try wisp(["run", "--invoke", "fac", wat, "20"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, "2432902008176640000\n")
        // Told by its contents, whatever the file is called.
        let other = try write("fac.module", Self.factorial)
        r = try wisp(["run", "--invoke", "fac", other, "5"])
        XCTAssertEqual(r.out, "120\n", r.err)
        r = try wisp(["validate", wat])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.out, "valid\n")
    }

    func testTextErrorsHaveLineAndColumn() throws {
        let bad = try write("bad.wat", "(module\n  (func (result i32)\n    (i32.bogus)))\n")
        var r = try wisp(["run", bad])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains(bad + ":3:6: unknown operator"), r.err)
        // Well-formed but invalid: the validator's error, and a failure.
        // Well-formed but invalid: the validator's error, at the line and column of the
        // instruction it found wrong, from `validate` and from `run` alike.
        let invalid = try write("invalid.wat", "(module\n  (func (result i32)\n    (i32.add\n      (i32.const 1))))\n")
        r = try wisp(["validate", invalid])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains(invalid + ":3:6: invalid module: type mismatch"), r.err)
        let blocks = try write("blocks.wat", """
            (module
              (func (export "f") (result i32)
                i32.const 1
                if (result i32)
                  i32.const 2
                else
                  f32.const 3
                end))
            """)
        r = try wisp(["run", "--invoke", "f", blocks])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains(blocks + ":8:5: invalid module: type mismatch"), r.err)
    }

    func testSpectestRunsAWastScript() throws {
        let script = try write("t.wast", """
            (module
              (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1))))
            (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
            (assert_return (invoke "add" (i32.const -1) (i32.const 1)) (i32.const 0))
            (assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
            (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
            (assert_malformed (module quote "(func (i32.const 0x))") "unknown operator")
            (assert_return (invoke "add" (i32.const 2) (i32.const 2)) (i32.const 5))
            """)
        let r = try wisp(["spectest", script])
        XCTAssertEqual(r.status, 1, "one assertion is wrong on purpose")
        XCTAssertTrue(r.out.contains("5 passed, 1 failed, 0 skipped"), r.out)
    }
}
