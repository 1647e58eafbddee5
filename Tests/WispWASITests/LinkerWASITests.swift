// WASI through the Linker: one call provides wasi_snapshot_preview1 beside the embedder's own
// definitions, for each store a module is instantiated in.

import Foundation
import Wisp
import WispText
import WispWASI
import XCTest

final class LinkerWASITests: XCTestCase {
    func testDefineWASIProvidesPreview1BesideHostFunctions() throws {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("wisp-linker-" + UUID().uuidString).path
        let out = open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(out); unlink(outPath) }
        var config = WASIConfiguration()
        config.stdout = out
        let engine = Engine()
        var linker = Linker(engine: engine)
        try linker.defineWASI(try WASI(configuration: config))
        try linker.defineFunction(module: "host", name: "digit", type: FuncType(parameters: [], results: [.i32])) { _, _ in [.i32(0x37)] }
        // Writes "n=" and the host's digit and a newline with fd_write, then exits with 3.
        let module = try Module(bytes: WAT.encode("""
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (import "host" "digit" (func $digit (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "n=?\\n")
              (func (export "_start")
                (i32.store8 (i32.const 18) (call $digit))
                (i32.store (i32.const 0) (i32.const 16))
                (i32.store (i32.const 4) (i32.const 4))
                (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
                (call $exit (i32.const 3))))
            """), engine: engine)
        let store = Store(engine: engine)
        let instance = try linker.instantiate(module, store: store)
        XCTAssertThrowsError(try instance.exportedFunction("_start")!.call([])) { e in
            XCTAssertEqual((e as? Trap)?.exitCode, 3, "\(e)")
        }
        XCTAssertEqual(try String(contentsOfFile: outPath, encoding: .utf8), "n=7\n")
        // A second store gets functions of its own, sharing the one WASI state.
        XCTAssertNoThrow(try linker.instantiate(module, store: Store(engine: engine)))
    }
}
