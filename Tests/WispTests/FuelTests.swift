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

/// Pinned totals and resumption in the places that move state: these numbers are the fuel model
/// (docs/fuel.md); a change to them is a change of the model and must be deliberate.
final class FuelGoldenTests: XCTestCase {
    static let programs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Programs")

    func load(_ file: String, store: Store, imports: Imports = Imports()) throws -> Instance {
        let bytes = try [UInt8](Data(contentsOf: Self.programs.appendingPathComponent(file)))
        return try Module(bytes: bytes, engine: store.engine).instantiate(store: store, imports: imports)
    }

    func meteredStore(allocator: Allocator? = nil) -> Store {
        var config = EngineConfiguration()
        config.fuelMetering = true
        var storeConfig = StoreConfiguration()
        if let a = allocator { storeConfig.allocator = a }
        return Store(engine: Engine(configuration: config), configuration: storeConfig)
    }

    /// Runs to completion in slices; returns (results, fuel consumed by the call, suspensions).
    func run(_ f: Function, _ args: [Value], store: Store, slice: UInt64?) throws -> ([Value], UInt64, Int) {
        let before = store.fuelConsumed
        try store.setFuel(slice ?? 1 << 40)
        var outcome = try f.callResumable(args)
        var n = 0
        while case .suspended(let call) = outcome {
            n += 1
            try store.addFuel(slice ?? 1 << 40)
            outcome = try call.resume()
        }
        guard case .returned(let r) = outcome else { throw Trap(.host) }
        return (r, store.fuelConsumed - before, n)
    }

    func testGoldenTotals() throws {
        let cases: [(String, [Value], [Value], UInt64)] = [
            // Wasmtime 49 with `consume_fuel` reports the same totals for the first three and for
            // the last; `bulk` differs only by the per-byte charge of memory.fill (docs/fuel.md).
            ("mix", [.i32(3)], [.i32(1791151441)], 206_419),       // a loop
            ("deep", [.i32(100)], [.i32(100)], 1_304),              // recursion
            ("bulk", [.i32(7)], [.i32(14)], 1_039),                 // memory.fill of 32 KiB: 512 units for the bytes
            ("grow_and_fill", [.i32(2)], [.i32(496)], 734),         // memory.grow: 2 units for the pages
        ]
        for (name, args, expected, fuel) in cases {
            let store = meteredStore()
            let f = try load("loops.wasm", store: store).exportedFunction(name)!
            let (r, used, _) = try run(f, args, store: store, slice: nil)
            XCTAssertEqual(r, expected, name)
            XCTAssertEqual(used, fuel, name)
            // The same total in slices of every size from 1 to 7.
            for slice in UInt64(1)...7 {
                let s2 = meteredStore()
                let f2 = try load("loops.wasm", store: s2).exportedFunction(name)!
                let (r2, used2, n) = try run(f2, args, store: s2, slice: slice)
                XCTAssertEqual(r2, expected, "\(name) slice \(slice)")
                XCTAssertEqual(used2, fuel, "\(name) slice \(slice)")
                XCTAssertGreaterThan(n, 0)
            }
        }
    }

    func testResumesAfterAHostCallAndManyFramesDeep() throws {
        let store = meteredStore()
        var hostCalls = 0
        var imports = Imports()
        imports.define(module: "env", name: "block", .function(Function(store: store, type: FuncType(parameters: [], results: [])) { _, _ in
            hostCalls += 1
            return []
        }))
        imports.define(module: "env", name: "bounce", .function(Function(store: store, type: FuncType(parameters: [.i32], results: [.i32])) { _, a in a }))
        let instance = try load("stack.wasm", store: store, imports: imports)
        // Slices of one unit suspend right after the host call returns, inside three wasm frames.
        let (r, _, n) = try run(instance.exportedFunction("wait")!, [], store: store, slice: 1)
        XCTAssertEqual(r, [])
        XCTAssertEqual(hostCalls, 1, "a suspension must not repeat a host call that returned")
        XCTAssertGreaterThan(n, 3)
        // Suspended 500 frames deep, then resumed.
        try store.setFuel(8_000)
        guard case .suspended(let call) = try instance.exportedFunction("deep")!.callResumable([.i32(2000)]) else {
            return XCTFail("expected a suspension")
        }
        XCTAssertGreaterThan(call.backtrace.count, 400)
        try store.addFuel(1 << 20)
        guard case .returned(let results) = try call.resume() else { return XCTFail("expected the call to finish") }
        XCTAssertEqual(results, [.i32(2000)])
    }

    func testAHostFunctionCanYield() throws {
        let store = meteredStore()
        var attempts = 0
        var imports = Imports()
        imports.define(module: "env", name: "block", .function(Function(store: store, type: FuncType(parameters: [], results: [])) { _, _ throws(Trap) in
            attempts += 1
            if attempts < 3 { throw Trap(.yield) }  // not ready yet: suspend the guest, call again later
            return []
        }))
        imports.define(module: "env", name: "bounce", .function(Function(store: store, type: FuncType(parameters: [.i32], results: [.i32])) { _, a in a }))
        let instance = try load("stack.wasm", store: store, imports: imports)
        try store.setFuel(1 << 20)
        var outcome = try instance.exportedFunction("wait")!.callResumable([])
        var yields = 0
        while case .suspended(let call) = outcome {
            XCTAssertEqual(call.reason, .yield)
            yields += 1
            outcome = try call.resume()
        }
        XCTAssertEqual(yields, 2)
        XCTAssertEqual(attempts, 3)
    }

    func testAbandonedCallsAndTheirStoreLeaveNothingAllocated() throws {
        let allocator = SystemAllocator()
        func session() throws {
            let store = meteredStore(allocator: allocator)
            let instance = try load("loops.wasm", store: store)
            try store.setFuel(5_000)
            var pending: [ResumableCall] = []
            for name in ["spin", "mix"] {
                guard case .suspended(let call) = try instance.exportedFunction(name)!.callResumable(name == "mix" ? [.i32(100)] : []) else {
                    return XCTFail("\(name) returned")
                }
                pending.append(call)
                try store.setFuel(5_000)
            }
            XCTAssertGreaterThan(allocator.statistics.inUse, 0)
            pending.removeAll()  // abandon both calls
        }
        try session()
        // The calls, their VM stacks, the instance, its memory and code: all returned.
        XCTAssertEqual(allocator.statistics.inUse, 0)
    }

    func testAbandoningASuspendedCallFreesItsStack() throws {
        let allocator = SystemAllocator()
        let store = meteredStore(allocator: allocator)
        let f = try load("loops.wasm", store: store).exportedFunction("spin")!
        let baseline = allocator.statistics.inUse(.vmStack)
        for _ in 0..<50 {
            try store.setFuel(1_000)
            guard case .suspended(let call) = try f.callResumable([]) else { return XCTFail("spin returned") }
            XCTAssertGreaterThan(allocator.statistics.inUse(.vmStack), baseline)
            _ = call  // dropped here: its VM stack goes back to the allocator
        }
        // At most the store's own (fresh) VM stack remains.
        let perStack = allocator.statistics.inUse(.vmStack) - baseline
        XCTAssertLessThanOrEqual(perStack, store.engine.configuration.stackSlots * 8 + (store.engine.configuration.maxCallDepth + 1) * 64)
        // And the store still runs calls.
        try store.setFuel(1_000_000)
        XCTAssertEqual(try load("loops.wasm", store: store).exportedFunction("deep")!.call([.i32(10)]), [.i32(10)])
    }
}

/// Re-entrancy under metering: a host function calling back into WebAssembly shares the store's
/// budget; the inner call cannot suspend, so running out there is a trap the host sees.
final class FuelReentrancyTests: XCTestCase {
    /// A metered store with stack.wasm, whose `bounce` import calls `pingpong` again; the kinds
    /// of the traps the nested calls threw are collected in `inner`.
    final class Guest {
        let store: Store
        let instance: Instance
        var inner: [TrapKind] = []
        init() throws {
            var config = EngineConfiguration()
            config.fuelMetering = true
            store = Store(engine: Engine(configuration: config))
            var imports = Imports()
            imports.define(module: "env", name: "block", .function(Function(store: store, type: FuncType(parameters: [], results: [])) { _, _ in [] }))
            var me: Guest? = nil
            imports.define(module: "env", name: "bounce", .function(Function(store: store, type: FuncType(parameters: [.i32], results: [.i32])) { caller, args throws(Trap) in
                do throws(Trap) {
                    return try caller.instance!.exportedFunction("pingpong")!.call(args)
                } catch {
                    me?.inner.append(error.kind)
                    throw error
                }
            }))
            let bytes = try [UInt8](Data(contentsOf: FuelGoldenTests.programs.appendingPathComponent("stack.wasm")))
            instance = try Module(bytes: bytes, engine: store.engine).instantiate(store: store, imports: imports)
            me = self
        }
    }
    func testHostCallbacksShareTheBudgetAndCannotSuspend() throws {
        let guest = try Guest()
        let store = guest.store, instance = guest.instance
        let pingpong = instance.exportedFunction("pingpong")!
        // Enough fuel: the nested calls run and their fuel is counted in the same store, the
        // same amount for every level of host -> wasm nesting.
        func cost(_ n: UInt32) throws -> UInt64 {
            try store.setFuel(1_000_000)
            XCTAssertEqual(try pingpong.call([.i32(n)]), [.i32(n)])
            return 1_000_000 - store.remainingFuel!
        }
        let c5 = try cost(5), c10 = try cost(10), c20 = try cost(20)
        XCTAssertGreaterThan(c5, 0)
        XCTAssertEqual(c20 - c10, 2 * (c10 - c5))
        XCTAssertTrue(guest.inner.isEmpty)
    }

    func testRunningOutInsideACallbackTrapsThroughTheHost() throws {
        let guest = try Guest()
        let store = guest.store, instance = guest.instance
        try store.setFuel(60)
        // Resumable at the top, but the budget runs out inside a nested call: that call traps.
        XCTAssertThrowsError(try instance.exportedFunction("pingpong")!.callResumable([.i32(1000)])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .outOfFuel)
        }
        XCTAssertEqual(guest.inner.first, .outOfFuel)
        // The store is usable afterwards.
        try store.setFuel(1_000_000)
        XCTAssertEqual(try instance.exportedFunction("pingpong")!.call([.i32(3)]), [.i32(3)])
    }

    /// The charge of a bulk instruction reads only the words the instruction has. data.drop and
    /// elem.drop are one word: the word after them is the next instruction's, and its high half
    /// (an immediate of a fused store, say) must not be read as a slot index. It was, in metered
    /// runs, and a fused build crashed on a large immediate (Fuzz/fusiondiff.py, case 1001270);
    /// with that code this test reads 16 GiB past `fp` and crashes.
    func testBulkChargeReadsNoWordPastItsInstruction() throws {
        var config = EngineConfiguration()
        config.fuelMetering = true
        let store = Store(engine: Engine(configuration: config))
        let executor = try store.makeExecutor()
        let code = UnsafeMutablePointer<UInt64>.allocate(capacity: 2)
        defer { code.deallocate() }
        let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: 4)
        defer { slots.deallocate() }
        slots.initialize(repeating: 0, count: 4)
        for op in [Op.dataDrop, .elemDrop] {
            code[0] = UInt64(op.rawValue)
            code[1] = 0x7FFF_FFF0 << 32 | UInt64(Op.store8I.rawValue)  // the next instruction: [store8I|imm32]
            XCTAssertEqual(executor.bulkFuel(op, code, fp: slots, mem: nil), 0, "\(op)")
        }
    }
}
