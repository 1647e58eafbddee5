import XCTest
@testable import Wisp

/// Exception handling (tags, throw, throw_ref, try_table): unwinding across frames, catch
/// clauses with payloads and references, rethrow, exceptions through a host function, and what
/// leaves a call uncaught. The module's bytes are below,
/// made by `wasm-tools parse` from this text:
///
///   (tag $e (param i32))  (tag $e2 (param i64 i32))
///   (import "host" "callback" (func $callback (param i32) (result i32)))
///   catch-deep(x):   try_table (catch $e) around a call two frames above a `throw $e x`; x + 1
///   rethrow(x):      throw $e2 (x, 7), caught by catch_all_ref, throw_ref'd to an outer
///                    catch $e2 that receives both values; x + 7
///   uncaught(x):     throw $e x under a try_table that only catches $e2
///   through-host(x): try_table (catch $e) around a host function that calls throw-e(x); x + 1000
///   throw-e(x):      throw $e x
///   loop(n):         n iterations of throw $e i / catch $e; the sum of n...1
///   null-ref():      throw_ref (ref.null exn)
final class ExceptionTests: XCTestCase {
    static let module: [UInt8] = [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x1c, 0x06, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x02, 0x7e, 0x7f, 0x00, 0x60, 0x01, 0x7f, 0x01,
        0x7f, 0x60, 0x01, 0x7e, 0x01, 0x7e, 0x60, 0x00, 0x02, 0x7e, 0x7f, 0x60, 0x00, 0x00, 0x02, 0x11, 0x01, 0x04, 0x68, 0x6f, 0x73, 0x74, 0x08, 0x63,
        0x61, 0x6c, 0x6c, 0x62, 0x61, 0x63, 0x6b, 0x00, 0x02, 0x03, 0x0a, 0x09, 0x00, 0x02, 0x02, 0x03, 0x02, 0x02, 0x02, 0x02, 0x05, 0x0d, 0x05, 0x02,
        0x00, 0x00, 0x00, 0x01, 0x07, 0x4e, 0x07, 0x0a, 0x63, 0x61, 0x74, 0x63, 0x68, 0x2d, 0x64, 0x65, 0x65, 0x70, 0x00, 0x03, 0x07, 0x72, 0x65, 0x74,
        0x68, 0x72, 0x6f, 0x77, 0x00, 0x04, 0x08, 0x75, 0x6e, 0x63, 0x61, 0x75, 0x67, 0x68, 0x74, 0x00, 0x05, 0x0c, 0x74, 0x68, 0x72, 0x6f, 0x75, 0x67,
        0x68, 0x2d, 0x68, 0x6f, 0x73, 0x74, 0x00, 0x06, 0x07, 0x74, 0x68, 0x72, 0x6f, 0x77, 0x2d, 0x65, 0x00, 0x07, 0x04, 0x6c, 0x6f, 0x6f, 0x70, 0x00,
        0x08, 0x08, 0x6e, 0x75, 0x6c, 0x6c, 0x2d, 0x72, 0x65, 0x66, 0x00, 0x09, 0x0a, 0xae, 0x01, 0x09, 0x06, 0x00, 0x20, 0x00, 0x08, 0x00, 0x0b, 0x09,
        0x00, 0x20, 0x00, 0x10, 0x01, 0x41, 0xe3, 0x00, 0x0b, 0x14, 0x00, 0x02, 0x7f, 0x1f, 0x7f, 0x01, 0x00, 0x00, 0x00, 0x20, 0x00, 0x10, 0x02, 0x0b,
        0x0f, 0x0b, 0x41, 0x01, 0x6a, 0x0b, 0x26, 0x01, 0x01, 0x7f, 0x02, 0x04, 0x1f, 0x40, 0x01, 0x00, 0x01, 0x00, 0x02, 0x69, 0x1f, 0x40, 0x01, 0x03,
        0x00, 0x20, 0x00, 0x41, 0x07, 0x08, 0x01, 0x0b, 0x00, 0x0b, 0x0a, 0x0b, 0x00, 0x0b, 0x21, 0x01, 0x20, 0x01, 0xad, 0x7c, 0x0b, 0x15, 0x00, 0x02,
        0x04, 0x1f, 0x40, 0x01, 0x00, 0x01, 0x00, 0x20, 0x00, 0x08, 0x00, 0x0b, 0x00, 0x0b, 0x1a, 0x1a, 0x41, 0x00, 0x0b, 0x15, 0x00, 0x02, 0x7f, 0x1f,
        0x7f, 0x01, 0x00, 0x00, 0x00, 0x20, 0x00, 0x10, 0x00, 0x0b, 0x0f, 0x0b, 0x41, 0xe8, 0x07, 0x6a, 0x0b, 0x06, 0x00, 0x20, 0x00, 0x08, 0x00, 0x0b,
        0x26, 0x01, 0x01, 0x7f, 0x03, 0x40, 0x02, 0x7f, 0x1f, 0x40, 0x01, 0x00, 0x00, 0x00, 0x20, 0x00, 0x08, 0x00, 0x0b, 0x00, 0x0b, 0x20, 0x01, 0x6a,
        0x21, 0x01, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x22, 0x00, 0x0d, 0x00, 0x0b, 0x20, 0x01, 0x0b, 0x05, 0x00, 0xd0, 0x69, 0x0a, 0x0b, 0x00, 0x66, 0x04,
        0x6e, 0x61, 0x6d, 0x65, 0x01, 0x1c, 0x03, 0x00, 0x08, 0x63, 0x61, 0x6c, 0x6c, 0x62, 0x61, 0x63, 0x6b, 0x01, 0x07, 0x74, 0x68, 0x72, 0x6f, 0x77,
        0x65, 0x72, 0x02, 0x06, 0x6d, 0x69, 0x64, 0x64, 0x6c, 0x65, 0x02, 0x0d, 0x02, 0x04, 0x01, 0x01, 0x01, 0x72, 0x08, 0x01, 0x01, 0x03, 0x73, 0x75,
        0x6d, 0x03, 0x28, 0x05, 0x03, 0x01, 0x00, 0x01, 0x68, 0x04, 0x02, 0x00, 0x05, 0x6f, 0x75, 0x74, 0x65, 0x72, 0x02, 0x05, 0x69, 0x6e, 0x6e, 0x65,
        0x72, 0x05, 0x01, 0x00, 0x01, 0x68, 0x06, 0x01, 0x00, 0x01, 0x68, 0x08, 0x02, 0x00, 0x01, 0x6c, 0x01, 0x01, 0x68, 0x0b, 0x08, 0x02, 0x00, 0x01,
        0x65, 0x01, 0x02, 0x65, 0x32,
    ]

    /// An instance whose host callback calls the instance's own `throw-e` and rethrows what it gets.
    func instantiate(metered: Bool = false) throws -> (Instance, Store) {
        var config = EngineConfiguration()
        config.features = .wasm3
        config.fuelMetering = metered
        let engine = Engine(configuration: config)
        let store = Store(engine: engine)
        if metered { try store.setFuel(1_000_000_000) }
        let module = try Module(bytes: ExceptionTests.module, engine: engine)
        final class Box { var instance: Instance? }
        let box = Box()
        let callback = Function(store: store, type: FuncType(parameters: [.i32], results: [.i32])) { _, args throws(Trap) in
            try box.instance!.exportedFunction("throw-e")!.call(args)
        }
        var imports = Imports()
        imports.define(module: "host", name: "callback", .function(callback))
        let instance = try module.instantiate(store: store, imports: imports)
        box.instance = instance
        return (instance, store)
    }

    func call(_ instance: Instance, _ name: String, _ args: [Value]) throws -> [Value] {
        try instance.exportedFunction(name)!.call(args)
    }

    func testCatchAcrossFrames() throws {
        for metered in [false, true] {
            let (i, _) = try instantiate(metered: metered)
            XCTAssertEqual(try call(i, "catch-deep", [.i32(5)]), [.i32(6)])
            XCTAssertEqual(try call(i, "rethrow", [.i64(10)]), [.i64(17)])
            XCTAssertEqual(try call(i, "loop", [.i32(100)]), [.i32(5050)])
        }
    }

    /// Fuel through throws and landing pads: suspending every few units and resuming gives the
    /// same results and the same total as one metered run (the pads charge like branches).
    func testSlicedMeteredRunsThroughExceptionsMatchAWholeRun() throws {
        for (name, arg, expected) in [("catch-deep", Value.i32(5), Value.i32(6)), ("rethrow", .i64(10), .i64(17)),
                                      ("loop", .i32(30), .i32(465))] {
            let (whole, wholeStore) = try instantiate(metered: true)
            let before = wholeStore.fuelConsumed
            XCTAssertEqual(try call(whole, name, [arg]), [expected])
            let total = wholeStore.fuelConsumed - before
            for slice in UInt64(1)...4 {
                let (i, store) = try instantiate(metered: true)
                try store.setFuel(slice)
                let start = store.fuelConsumed
                var outcome = try i.exportedFunction(name)!.callResumable([arg])
                var suspensions = 0
                while case .suspended(let c) = outcome {
                    suspensions += 1
                    try store.addFuel(slice)
                    outcome = try c.resume()
                }
                guard case .returned(let r) = outcome else { return XCTFail("\(name): did not return") }
                XCTAssertEqual(r, [expected], "\(name) slice \(slice)")
                XCTAssertEqual(store.fuelConsumed - start, total, "\(name) slice \(slice)")
                XCTAssertGreaterThan(suspensions, 0)
            }
        }
    }

    func testUncaughtExceptionReachesTheHostWithItsPayload() throws {
        let (i, _) = try instantiate()
        XCTAssertThrowsError(try call(i, "uncaught", [.i32(3)])) { error in
            guard let t = error as? Trap else { return XCTFail("expected a trap, got \(error)") }
            XCTAssertEqual(t.kind, .uncaughtException)
            XCTAssertEqual(t.exception?.payload, [.i32(3)])
            XCTAssertEqual(t.exception?.tag.type, FuncType(parameters: [.i32], results: []))
        }
        // The instance is still usable afterwards.
        XCTAssertEqual(try call(i, "catch-deep", [.i32(1)]), [.i32(2)])
    }

    func testExceptionPassesThroughAHostFunction() throws {
        let (i, _) = try instantiate()
        XCTAssertEqual(try call(i, "through-host", [.i32(4)]), [.i32(1004)])
    }

    func testThrowRefOfNullTraps() throws {
        let (i, _) = try instantiate()
        XCTAssertThrowsError(try call(i, "null-ref", [])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .nullExceptionReference)
        }
    }

    func testExceptionHandlingNeedsItsFeature() {
        var config = EngineConfiguration()
        config.features = Features.all.subtracting(.exceptionHandling)
        XCTAssertThrowsError(try Module(bytes: ExceptionTests.module, engine: Engine(configuration: config))) { error in
            guard case .format(let f)? = error as? WispError else { return XCTFail("expected a format error, got \(error)") }
            XCTAssertEqual(f.kind, .malformed)
            XCTAssertTrue(f.message.contains("the exceptions proposal is disabled"), f.message)
        }
        XCTAssertNoThrow(try Module(bytes: ExceptionTests.module, engine: Engine()), "on by default")
    }

    /// With lazy validation an invalid body loads, and traps on its first call with the
    /// validator's error and offset.
    func testLazyValidationReportsAnInvalidBodyOnFirstCall() throws {
        // (func (export "f") (result i32) (i64.const 1))
        let bytes: [UInt8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
                              0x03, 0x02, 0x01, 0x00, 0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00,
                              0x0a, 0x06, 0x01, 0x04, 0x00, 0x42, 0x01, 0x0b]
        XCTAssertThrowsError(try Module(bytes: bytes, engine: Engine()))
        var config = EngineConfiguration()
        config.validation = .lazy
        let engine = Engine(configuration: config)
        let module = try Module(bytes: bytes, engine: engine)
        let instance = try module.instantiate(store: Store(engine: engine), imports: Imports())
        XCTAssertThrowsError(try instance.exportedFunction("f")!.call([])) { error in
            XCTAssertEqual((error as? Trap)?.message, "invalid module at offset 33: type mismatch", "\(error)")
        }
    }
}
