import XCTest
@testable import Wisp

/// Fuel metering: exact, deterministic counts and suspension/resumption at any budget.
final class FuelTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func loadFib(metered: Bool) throws -> (Store, Function) {
        let bytes = try [UInt8](Data(contentsOf: FuelTests.root.appendingPathComponent("Examples/fib/fib.wasm")))
        var config = EngineConfiguration()
        config.fuelMetering = metered
        let engine = Engine(configuration: config)
        let store = Store(engine: engine)
        let module = try Module(bytes: bytes, engine: engine)
        let instance = try module.instantiate(store: store)
        return (store, instance.exportedFunction("fib")!)
    }

    /// Runs to completion, refilling `slice` units at every suspension; returns results and suspensions.
    func runSliced(_ f: Function, _ store: Store, _ args: [Value], slice: UInt64) throws -> ([Value], Int) {
        try store.setFuel(slice)
        var outcome = try f.callResumable(args)
        var suspensions = 0
        while case .suspended(let call) = outcome {
            XCTAssertEqual(call.reason, .outOfFuel)
            suspensions += 1
            try store.addFuel(slice)
            outcome = try call.resume()
        }
        guard case .returned(let r) = outcome else { fatalError() }
        return (r, suspensions)
    }

    func testSlicedRunsGiveTheSameResultAndTheSameTotal() throws {
        let (store, fib) = try loadFib(metered: true)
        try store.setFuel(1_000_000_000)
        let before = store.fuelConsumed
        XCTAssertEqual(try fib.call([.i32(20)]), [.i32(6765)])
        let total = store.fuelConsumed - before
        XCTAssertGreaterThan(total, 6765)
        for slice in UInt64(1)...7 {
            let (s2, f2) = try loadFib(metered: true)
            let (r, suspensions) = try runSliced(f2, s2, [.i32(20)], slice: slice)
            XCTAssertEqual(r, [.i32(6765)])
            XCTAssertEqual(s2.fuelConsumed, total, "slice \(slice)")
            XCTAssertGreaterThan(suspensions, 0)
        }
    }

    func testCallWithoutEnoughFuelTrapsOutOfFuel() throws {
        let (store, fib) = try loadFib(metered: true)
        try store.setFuel(100)
        XCTAssertThrowsError(try fib.call([.i32(25)])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .outOfFuel)
        }
        // The store stays usable.
        try store.setFuel(1_000_000)
        XCTAssertEqual(try fib.call([.i32(10)]), [.i32(55)])
    }

    func testFuelIsOffByDefault() throws {
        let (store, fib) = try loadFib(metered: false)
        XCTAssertNil(store.remainingFuel)
        XCTAssertThrowsError(try store.setFuel(10))
        XCTAssertEqual(try fib.call([.i32(15)]), [.i32(610)])
    }
}
