import Foundation
import XCTest
import Wisp
import WispWASI

/// The fuel a WASI command consumes is pinned (docs/fuel.md): the same on every run, sliced or not.
final class FuelWASITests: XCTestCase {
    let hello = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("WASIPrograms/hello.wasm").path

    func consumed(slice: UInt64?) throws -> (status: Int32, fuel: UInt64) {
        var config = EngineConfiguration()
        config.fuelMetering = true
        let store = Store(engine: Engine(configuration: config))
        var wasiConfig = WASIConfiguration()
        wasiConfig.arguments = ["hello.wasm", "a", "b"]
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        wasiConfig.stdout = devNull
        let wasi = try WASI(configuration: wasiConfig)
        let module = try Module(bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: hello))), engine: store.engine)
        guard case .instance(let instance) = try wasi.instantiate(module: module, store: store) else { throw XCTSkip("exited early") }
        try store.setFuel(slice ?? 1 << 40)
        do {
            var outcome = try instance.exportedFunction("_start")!.callResumable([])
            while case .suspended(let call) = outcome {
                try store.addFuel(slice ?? 1 << 40)
                outcome = try call.resume()
            }
            return (0, store.fuelConsumed)
        } catch let t as Trap where t.kind == .exit {
            return (t.exitCode ?? -1, store.fuelConsumed)
        }
    }

    func testWASICommandFuelIsPinned() throws {
        let whole = try consumed(slice: nil)
        XCTAssertEqual(whole.status, 3)
        // With these arguments and stdout not a terminal (wasi-libc buffers it fully).
        XCTAssertEqual(whole.fuel, 27_059)
        let sliced = try consumed(slice: 5)
        XCTAssertEqual(sliced.status, 3)
        XCTAssertEqual(sliced.fuel, whole.fuel)
    }
}
