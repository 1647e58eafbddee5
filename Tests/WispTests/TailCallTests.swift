import XCTest
@testable import Wisp

/// Tail calls (`return_call`, `return_call_indirect`): constant VM stack, argument moves that
/// overlap the caller's locals, host callees, and fuel. The module (bytes below, from
/// `wasm-tools parse`):
///
///   (type $t (func (param i64 i64) (result i64)))
///   (import "host" "add" (func $hadd (param i64 i64) (result i64)))
///   table[0] = $sum_ind, table[1] = $hadd
///   sum(n, acc):          n == 0 ? acc : return_call sum(n - 1, acc + n)
///   sum-indirect(n, acc): the same through return_call_indirect table[0]
///   host-tail(a, b):      return_call $hadd (b, a)
///   host-tail-indirect(a, b): return_call_indirect table[1] (a, b)
///   swap-sub(a, b):       return_call $sub (b, a), $sub(x, y) = x - y
/// Values checked against Wasmtime: 500000500000 for a million steps, 7, 7, -7.
final class TailCallTests: XCTestCase {
    static let module: [UInt8] = [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7e, 0x7e, 0x01, 0x7e, 0x02, 0x0c, 0x01, 0x04, 0x68, 0x6f, 0x73,
        0x74, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00, 0x03, 0x07, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x04, 0x01, 0x70, 0x00, 0x02, 0x07, 0x42,
        0x05, 0x03, 0x73, 0x75, 0x6d, 0x00, 0x01, 0x0c, 0x73, 0x75, 0x6d, 0x2d, 0x69, 0x6e, 0x64, 0x69, 0x72, 0x65, 0x63, 0x74, 0x00, 0x02, 0x09, 0x68,
        0x6f, 0x73, 0x74, 0x2d, 0x74, 0x61, 0x69, 0x6c, 0x00, 0x03, 0x12, 0x68, 0x6f, 0x73, 0x74, 0x2d, 0x74, 0x61, 0x69, 0x6c, 0x2d, 0x69, 0x6e, 0x64,
        0x69, 0x72, 0x65, 0x63, 0x74, 0x00, 0x04, 0x08, 0x73, 0x77, 0x61, 0x70, 0x2d, 0x73, 0x75, 0x62, 0x00, 0x06, 0x09, 0x08, 0x01, 0x00, 0x41, 0x00,
        0x0b, 0x02, 0x02, 0x00, 0x0a, 0x5a, 0x06, 0x17, 0x00, 0x20, 0x00, 0x50, 0x04, 0x7e, 0x20, 0x01, 0x05, 0x20, 0x00, 0x42, 0x01, 0x7d, 0x20, 0x01,
        0x20, 0x00, 0x7c, 0x12, 0x01, 0x0b, 0x0b, 0x1a, 0x00, 0x20, 0x00, 0x50, 0x04, 0x7e, 0x20, 0x01, 0x05, 0x20, 0x00, 0x42, 0x01, 0x7d, 0x20, 0x01,
        0x20, 0x00, 0x7c, 0x41, 0x00, 0x13, 0x00, 0x00, 0x0b, 0x0b, 0x08, 0x00, 0x20, 0x01, 0x20, 0x00, 0x12, 0x00, 0x0b, 0x0b, 0x00, 0x20, 0x00, 0x20,
        0x01, 0x41, 0x01, 0x13, 0x00, 0x00, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x7d, 0x0b, 0x08, 0x00, 0x20, 0x01, 0x20, 0x00, 0x12, 0x05, 0x0b,
        0x00, 0x27, 0x04, 0x6e, 0x61, 0x6d, 0x65, 0x01, 0x1a, 0x04, 0x00, 0x04, 0x68, 0x61, 0x64, 0x64, 0x01, 0x03, 0x73, 0x75, 0x6d, 0x02, 0x07, 0x73,
        0x75, 0x6d, 0x5f, 0x69, 0x6e, 0x64, 0x05, 0x03, 0x73, 0x75, 0x62, 0x04, 0x04, 0x01, 0x00, 0x01, 0x74,
    ]

    func instantiate(metered: Bool = false, maxCallDepth: Int = 1_000) throws -> (Instance, Store) {
        var config = EngineConfiguration()
        config.features = .wasm3
        config.fuelMetering = metered
        // Far fewer frames than the recursion's steps: only a tail call can finish.
        config.maxCallDepth = maxCallDepth
        let engine = Engine(configuration: config)
        let store = Store(engine: engine)
        if metered { try store.setFuel(1_000_000_000) }
        let add = Function(store: store, type: FuncType(parameters: [.i64, .i64], results: [.i64])) { _, args throws(Trap) in
            guard case .i64(let a) = args[0], case .i64(let b) = args[1] else { throw Trap(.host, message: "add expects i64") }
            return [.i64(a &+ b)]
        }
        var imports = Imports()
        imports.define(module: "host", name: "add", .function(add))
        let instance = try Module(bytes: TailCallTests.module, engine: engine).instantiate(store: store, imports: imports)
        return (instance, store)
    }

    func call(_ i: Instance, _ name: String, _ a: Int64, _ b: Int64) throws -> [Value] {
        try i.exportedFunction(name)!.call([.i64(UInt64(bitPattern: a)), .i64(UInt64(bitPattern: b))])
    }

    func testTailRecursionRunsInConstantStack() throws {
        for metered in [false, true] {
            let (i, _) = try instantiate(metered: metered)
            XCTAssertEqual(try call(i, "sum", 1_000_000, 0), [.i64(500_000_500_000)])
            XCTAssertEqual(try call(i, "sum-indirect", 1_000_000, 0), [.i64(500_000_500_000)])
        }
    }

    func testTailCallsToHostFunctionsAndOverlappingArguments() throws {
        let (i, _) = try instantiate()
        XCTAssertEqual(try call(i, "host-tail", 2, 5), [.i64(7)])
        XCTAssertEqual(try call(i, "host-tail-indirect", 2, 5), [.i64(7)])
        XCTAssertEqual(try call(i, "swap-sub", 10, 3), [.i64(UInt64(bitPattern: -7))])
    }

    /// Suspending at any fuel boundary (a tail call's charge included) and resuming gives the same
    /// result and total as a whole metered run.
    func testSlicedMeteredTailCallsMatchAWholeRun() throws {
        let (whole, wholeStore) = try instantiate(metered: true)
        let before = wholeStore.fuelConsumed
        XCTAssertEqual(try call(whole, "sum-indirect", 200, 0), [.i64(20_100)])
        let total = wholeStore.fuelConsumed - before
        for slice in UInt64(1)...5 {
            let (i, store) = try instantiate(metered: true)
            try store.setFuel(slice)
            let start = store.fuelConsumed
            var outcome = try i.exportedFunction("sum-indirect")!.callResumable([.i64(200), .i64(0)])
            while case .suspended(let c) = outcome {
                try store.addFuel(slice)
                outcome = try c.resume()
            }
            guard case .returned(let r) = outcome else { return XCTFail("did not return") }
            XCTAssertEqual(r, [.i64(20_100)], "slice \(slice)")
            XCTAssertEqual(store.fuelConsumed - start, total, "slice \(slice)")
        }
    }

    func testTailCallsNeedTheirFeature() {
        var config = EngineConfiguration()
        config.features = .wasm2
        XCTAssertThrowsError(try Module(bytes: TailCallTests.module, engine: Engine(configuration: config))) { error in
            XCTAssertTrue("\(error)".contains("the tail-call proposal is disabled"), "\(error)")
        }
        XCTAssertNoThrow(try Module(bytes: TailCallTests.module, engine: Engine()), "on by default")
    }
}
