import Foundation
import Synchronization
import Wisp
import WispAOT
import WispAOTHost
import WispText
import XCTest

/// Ahead-of-time compilation through the `wisp` binary: `wisp compile` then `wisp run ARTIFACT`
/// must print what `wisp run MODULE` prints, traps included; a damaged or mismatched artifact is
/// refused with a message. (The spec suite in AOT mode: `wisp spectest --aot`, Scripts/spec-aot.sh.)
final class AOTTests: XCTestCase {
    var wisp: String { productsDirectory + "/wisp" }
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs the wisp binary; its exit status, standard output and standard error.
    func wispRun(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try runCommand(wisp, arguments)
    }

    func temporary(_ name: String) -> String {
        NSTemporaryDirectory() + "wisp-aot-test-" + String(getpid()) + "-" + name
    }

    func requireWisp() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: wisp), "the wisp binary is built beside the tests by `swift build`")
    }

    /// The generated C carries wisp_aot.h's interface block, word for word.
    func testInterfaceCopyMatchesTheHeader() throws {
        let header = try String(contentsOf: Self.root.appendingPathComponent("Sources/WispDispatch/include/wisp_aot.h"), encoding: .utf8)
        let begin = try XCTUnwrap(header.range(of: "// BEGIN WISP AOT INTERFACE"))
        let end = try XCTUnwrap(header.range(of: "// END WISP AOT INTERFACE"))
        XCTAssertEqual(String(header[begin.lowerBound..<end.upperBound]) + "\n", CGenerator.interfaceText)
        XCTAssertTrue(header.contains("#define WISP_AOT_ABI \(CGenerator.abi)\n"))
    }

    /// Benchmark workloads (real compiler output: loops, recursion, call_indirect through function
    /// pointers, bulk memory, f64 and i64 arithmetic) give the same results compiled.
    func testWorkloadsGiveTheSameResultsCompiled() throws {
        try requireWisp()
        let folder = Self.root.appendingPathComponent("Benchmarks/workloads/wasm").path
        for (name, arg) in [("fib", "20"), ("json", "1"), ("dispatch", "10"), ("coremark", "2"), ("memops", "1"), ("crypto64", "1")] {
            let module = folder + "/" + name + ".wasm", artifact = temporary(name + ".aot")
            defer { try? FileManager.default.removeItem(atPath: artifact) }
            let c = try wispRun(["compile", module, "-o", artifact])
            XCTAssertEqual(c.status, 0, c.err)
            XCTAssertTrue(c.err.contains("compiled"), c.err)
            let interpreted = try wispRun(["run", "--invoke", "run", module, arg])
            let compiled = try wispRun(["run", "--invoke", "run", artifact, arg])
            XCTAssertEqual(compiled.status, 0, name + ": " + compiled.err)
            XCTAssertEqual(compiled.out, interpreted.out, name)
        }
    }

    /// A WASI command (C, wasi-libc) prints the same compiled: its host calls get the calling
    /// instance's memory (a compiled caller once passed none, and wasi-libc exited with 71).
    func testAWASICommandRunsTheSameCompiled() throws {
        try requireWisp()
        let program = Self.root.appendingPathComponent("Tests/WASIPrograms/hello.wasm").path
        // The same path for both runs: the program prints and hashes its argv[0].
        let path = temporary("hello")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.copyItem(atPath: program, toPath: path)
        let interpreted = try wispRun(["run", path, "one", "two"])
        let artifact = temporary("hello.aot")
        defer { try? FileManager.default.removeItem(atPath: artifact) }
        XCTAssertEqual(try wispRun(["compile", program, "-o", artifact]).status, 0)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: artifact, toPath: path)
        let compiled = try wispRun(["run", path, "one", "two"])
        XCTAssertEqual(compiled.out, interpreted.out)
        XCTAssertEqual(compiled.status, interpreted.status)
        XCTAssertTrue(compiled.out.contains("checksum"), compiled.out + compiled.err)
    }

    /// Another thread's stack capture sees a compiled function called by interpreted code as the
    /// WebAssembly function it is (a wasm frame of its index, not a host frame), and an interrupt stops
    /// it. (`outer` stays interpreted: it uses SIMD. Frames of compiled functions called by
    /// compiled code, or straight from the host, are not published yet: docs/aot.md.)
    func testAStackCaptureSeesCompiledFunctions() throws {
        let bytes = try WAT.encode(#"""
            (module
              (func $spin (loop $l (br $l)))
              (func (export "spin") (drop (v128.const i32x4 0 0 0 0)) (call $spin)))
            """#)
        let engine = Engine()
        let module = try Module(bytes: bytes, engine: engine)
        do {
            try module.attach(try loadSharedObject(buildSharedObject(module.parsed, optimization: "-O0").object))
        } catch let e as ArtifactError {
            throw XCTSkip("no C compiler here: " + e.description)
        }
        let store = Store(engine: engine)
        let instance = try module.instantiate(store: store)
        // The store moves to the guest's thread, which alone runs it (this one samples and interrupts).
        nonisolated(unsafe) let spin = instance.exportedFunction("spin")!
        let sampler = store.stackSampler, handle = store.interruptHandle
        let outcome = Mutex<String>("")
        let guest = Thread {
            do throws(Trap) {
                _ = try spin.call([])
            } catch {
                outcome.withLock { $0 = "\(error.kind)" }
            }
        }
        guest.start()
        var frames: [StackFrame] = []
        for _ in 0..<2000 where frames.isEmpty {
            frames = sampler.capture() ?? []
            usleep(1000)
        }
        handle.interrupt(trap: true)
        while outcome.withLock({ $0.isEmpty }) { usleep(1000) }
        XCTAssertEqual(frames.count, 2)
        XCTAssertEqual(frames.first?.functionIndex, 0)
        XCTAssertEqual(frames.first?.isHost, false)
        XCTAssertEqual(frames.last?.functionIndex, 1)
        XCTAssertEqual(outcome.withLock { $0 }, "interrupted")
    }

    static let program = """
        (module
          (memory 1)
          (table 2 funcref)
          (elem (i32.const 0) $square $div)
          (type $t (func (param i32 i32) (result i32)))
          (func $square (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
          (func $div (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
          (func (export "indirect") (param i32 i32) (result i32)
            (call_indirect (type $t) (local.get 0) (i32.const 0) (local.get 1)))
          (func $down (export "down") (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
              (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
          (func (export "runaway") (call 4))
          (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "simd") (result i32) (i32x4.extract_lane 0 (i32x4.splat (i32.const 7))))
          (func (export "nan") (param i32) (result i32)
            (i32.reinterpret_f32 (f32.trunc (f32.reinterpret_i32 (local.get 0)))))
          (func (export "demote") (param i64) (result i32)
            (i32.reinterpret_f32 (f32.demote_f64 (f64.reinterpret_i64 (local.get 0))))))
        """

    /// Results, traps (with the interpreter's messages and exit status), deep recursion, a
    /// function left to the interpreter, and refused artifacts.
    func testCompiledCodeTrapsAndArtifactChecks() throws {
        try requireWisp()
        let module = temporary("program.wat"), artifact = temporary("program.aot")
        defer {
            try? FileManager.default.removeItem(atPath: module)
            try? FileManager.default.removeItem(atPath: artifact)
        }
        try Self.program.write(toFile: module, atomically: true, encoding: .utf8)
        let c = try wispRun(["compile", "--verbose", module, "-o", artifact])
        XCTAssertEqual(c.status, 0, c.err)
        XCTAssertTrue(c.err.contains("compiled 8 of 9 functions"), c.err)
        XCTAssertTrue(c.err.contains("interpreted: function 6"), c.err)

        for (args, status, text) in [
            (["div", "7", "2"], Int32(0), "3"),
            (["div", "7", "0"], 134, "integer divide by zero"),
            (["div", "-2147483648", "-1"], 134, "integer overflow"),
            (["indirect", "5", "0"], 0, "25"),
            (["indirect", "5", "1"], 134, "integer divide by zero"),
            (["indirect", "5", "2"], 134, "undefined element"),
            (["down", "50000"], 0, "50000"),
            (["runaway"], 134, "call stack exhausted"),
            (["load", "65533"], 134, "out of bounds memory access"),
            (["simd"], 0, "7"),
            // The interpreter's NaN policy: rounding and width conversions give the canonical NaN
            // (compiled code once kept the host's payload, which aotdiff found).
            (["nan", "4290772991"], 0, "2143289344"),
            (["demote", "-1"], 0, "2143289344"),
        ] {
            let r = try wispRun(["run", "--invoke", args[0], artifact] + args.dropFirst())
            let i = try wispRun(["run", "--invoke", args[0], module] + args.dropFirst())
            XCTAssertEqual(r.status, status, args.joined(separator: " ") + ": " + r.err)
            XCTAssertTrue((r.out + r.err).contains(text), args.joined(separator: " ") + ": " + r.out + r.err)
            XCTAssertEqual(r.status, i.status, args.joined(separator: " "))
            XCTAssertEqual(r.out, i.out, args.joined(separator: " "))
        }

        // --timeout stops an endless loop in compiled code (an interrupt check on every loop
        // header and function entry).
        let spin = temporary("spin.wat"), spinArtifact = temporary("spin.aot")
        defer {
            try? FileManager.default.removeItem(atPath: spin)
            try? FileManager.default.removeItem(atPath: spinArtifact)
        }
        try #"(module (func (export "spin") (loop $l (br $l))))"#.write(toFile: spin, atomically: true, encoding: .utf8)
        XCTAssertEqual(try wispRun(["compile", spin, "-o", spinArtifact]).status, 0)
        let stopped = try wispRun(["run", "--timeout", "1", "--invoke", "spin", spinArtifact])
        XCTAssertEqual(stopped.status, 134)
        XCTAssertTrue(stopped.err.contains("interrupted"), stopped.err)

        // An artifact compiled with other features, or damaged, is refused.
        let other = try wispRun(["run", "--features", "wasm2,simd", "--invoke", "div", artifact, "4", "2"])
        XCTAssertEqual(other.status, 1)
        XCTAssertTrue(other.err.contains("compiled with --features all"), other.err)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: artifact))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: artifact))
        let cut = try wispRun(["run", "--invoke", "div", artifact, "4", "2"])
        XCTAssertEqual(cut.status, 1)
        XCTAssertTrue(cut.err.contains("truncated"), cut.err)

        // --emit-c writes C that a C compiler takes.
        let dir = temporary("c")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let e = try wispRun(["compile", module, "--emit-c", dir])
        XCTAssertEqual(e.status, 0, e.err)
        let source = dir + "/" + URL(fileURLWithPath: module).deletingPathExtension().lastPathComponent + ".c"
        XCTAssertTrue(try String(contentsOfFile: source, encoding: .utf8).hasPrefix("/* Generated by `wisp compile`"))
    }
}
