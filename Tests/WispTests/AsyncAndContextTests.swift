// The embedder's per-store context as host functions see it, and async calls that run the guest
// in fuel slices: same results and fuel as a plain call, cancellation, budgets, misuse.

import Dispatch
import Synchronization
import Wisp
import WispText
import XCTest

/// A task executor of two threads (two serial queues, jobs dealt out in turn).
final class TwoThreadExecutor: TaskExecutor {
    let queues = [DispatchQueue(label: "wisp.test.a"), DispatchQueue(label: "wisp.test.b")]
    let next = Atomic<Int>(0)
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let i = next.wrappingAdd(1, ordering: .relaxed).oldValue & 1
        queues[i].async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

final class AsyncAndContextTests: XCTestCase {
    struct Counter { var calls = 0; var sum: Int64 = 0 }
    final class Log { var lines: [String] = [] }

    /// The i32 results of a call (what crosses between tasks: `Value` is not `Sendable`).
    static func i32s(_ values: [Value]) -> [UInt32] {
        values.map { if case .i32(let x) = $0 { return x } else { return UInt32.max } }
    }

    static func metered() -> Engine {
        var c = EngineConfiguration()
        c.fuelMetering = true
        return Engine(configuration: c)
    }

    /// A loop of `n` iterations that calls the host's `tick` every 1,000 and returns a checksum.
    static let loop = """
        (module
          (import "host" "tick" (func $tick (param i64)))
          (func (export "run") (param $n i32) (result i64) (local $i i32) (local $acc i64)
            (loop $next
              (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 31)) (i64.extend_i32_u (local.get $i))))
              (if (i32.eqz (i32.rem_u (local.get $i) (i32.const 1000))) (then (call $tick (local.get $acc))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $acc)))
        """

    static func instantiate(_ store: Store) throws -> Function {
        let tick = Function(store: store, type: FuncType(parameters: [.i64], results: [])) { (caller: Caller, args: [Value]) throws(Trap) -> [Value] in
            guard case .i64(let x) = args[0] else { return [] }
            do {
                try caller.withContext(Counter.self) { (c: inout Counter) in
                    c.calls += 1
                    c.sum &+= Int64(bitPattern: x)
                }
            } catch {
                throw Trap(.host, message: "\(error)")
            }
            return []
        }
        var imports = Imports()
        imports.define(module: "host", name: "tick", .function(tick))
        let module = try Module(bytes: WAT.encode(loop), engine: store.engine)
        return try module.instantiate(store: store, imports: imports).exportedFunction("run")!
    }

    /// A struct context is changed in place by every host call; a class context is shared; a
    /// context of another type is not there, and using it so is a misuse the host reports.
    func testHostFunctionsReachTheStoreContext() throws {
        let store = Store(engine: Engine(), context: Counter())
        let run = try Self.instantiate(store)
        XCTAssertEqual(try run.call([.i32(5_000)]).count, 1)
        XCTAssertEqual(store.context(Counter.self)?.calls, 5)
        XCTAssertNil(store.context(Log.self))
        let log = Log()
        store.setContext(log)
        XCTAssertTrue(store.context(Log.self) === log)
        XCTAssertThrowsError(try run.call([.i32(10)])) { e in
            XCTAssertTrue("\(e)".contains("no context of type Counter"), "\(e)")
        }
        store.removeContext()
        XCTAssertNil(store.context(Log.self))
    }

    /// Sliced into units of 1,000 (hundreds of slices), the call returns what a plain call returns
    /// and consumes exactly the same fuel; the host saw the same calls.
    func testAsyncCallsGiveTheResultsAndFuelOfAPlainCall() async throws {
        let plainStore = Store(engine: Self.metered(), context: Counter())
        try plainStore.setFuel(100_000_000)
        let expected = try Self.instantiate(plainStore).call([.i32(200_000)])
        let slicedStore = Store(engine: Self.metered(), context: Counter())
        try slicedStore.setFuel(100_000_000)
        let results = try await Self.instantiate(slicedStore).callAsync([.i32(200_000)], slice: 1_000)
        XCTAssertEqual(results, expected)
        XCTAssertEqual(slicedStore.fuelConsumed, plainStore.fuelConsumed)
        XCTAssertEqual(slicedStore.remainingFuel, plainStore.remainingFuel, "what the call did not use stays")
        XCTAssertEqual(slicedStore.context(Counter.self)?.sum, plainStore.context(Counter.self)?.sum)
        // A slice of one unit is smaller than most regions: slices grow until one pays.
        let tiny = Store(engine: Self.metered(), context: Counter())
        try tiny.setFuel(100_000_000)
        let r = try await Self.instantiate(tiny).callAsync([.i32(2_000)], slice: 1)
        XCTAssertEqual(r, try Self.instantiate(plainStore).call([.i32(2_000)]))
    }

    /// Several guests share the cooperative pool: each yields between slices, all finish.
    func testManyGuestsRunConcurrently() async throws {
        // (Values do not cross tasks: a reference value belongs to its store. The i32 results do.)
        let sums = try await withThrowingTaskGroup(of: [UInt32].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let store = Store(engine: Self.metered(), context: Counter())
                    try store.setFuel(100_000_000)
                    return Self.i32s(try await Self.instantiate(store).callAsync([.i32(100_000)], slice: 5_000))
                }
            }
            var all: [[UInt32]] = []
            for try await r in group { all.append(r) }
            return all
        }
        XCTAssertEqual(sums.count, 8)
        XCTAssertEqual(Set(sums.map { "\($0)" }).count, 1, "every guest computes the same")
    }

    /// 1,000 guests as tasks on a two-thread executor, each in slices of 2,000 units: all finish
    /// with the results a plain call gives.
    func testAThousandGuestsOnTwoThreads() async throws {
        let sizes: [UInt32] = [1_000, 3_000, 10_000, 20_000]
        var expected: [UInt32: [UInt32]] = [:]
        for n in sizes {
            let store = Store(engine: Self.metered(), context: Counter())
            try store.setFuel(100_000_000)
            expected[n] = Self.i32s(try Self.instantiate(store).call([.i32(n)]))
        }
        let executor = TwoThreadExecutor()
        let results = try await withThrowingTaskGroup(of: (UInt32, [UInt32]).self) { group in
            for k in 0..<1_000 {
                let n = sizes[k % sizes.count]
                group.addTask(executorPreference: executor) {
                    let store = Store(engine: Self.metered(), context: Counter())
                    try store.setFuel(100_000_000)
                    return (n, Self.i32s(try await Self.instantiate(store).callAsync([.i32(n)], slice: 2_000)))
                }
            }
            var all: [(UInt32, [UInt32])] = []
            for try await r in group { all.append(r) }
            return all
        }
        XCTAssertEqual(results.count, 1_000)
        for (n, r) in results { XCTAssertEqual(r, expected[n], "n = \(n)") }
    }

    /// Runs `spin` (an endless loop) in a store of its own, asynchronously, until cancelled.
    static func spinForever(_ spin: [UInt8]) async throws -> [UInt32] {
        let store = Store(engine: Self.metered())
        try store.setFuel(UInt64.max / 2)
        let spinner = try Module(bytes: spin, engine: store.engine).instantiate(store: store).exportedFunction("spin")!
        return Self.i32s(try await spinner.callAsync([], slice: 10_000))
    }

    /// Cancelling the task stops a guest that would run for ever; a spent budget is out of fuel;
    /// an unmetered engine or a second async call in the store is a misuse.
    func testCancellationBudgetsAndMisuse() async throws {
        let spin = try WAT.encode("(module (func (export \"spin\") (loop $l (br $l))))")
        // The guest's store is made inside the task, which alone uses it.
        let task = Task { try await AsyncAndContextTests.spinForever(spin) }
        try await Task.sleep(nanoseconds: 20_000_000)
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("a cancelled guest returned")
        } catch is CancellationError {
        }

        let small = Store(engine: Self.metered())
        try small.setFuel(50_000)
        let spinner2 = try Module(bytes: spin, engine: small.engine).instantiate(store: small).exportedFunction("spin")!
        do {
            _ = try await spinner2.callAsync([], slice: 1_000)
            XCTFail("a spinning guest finished")
        } catch let t as Trap {
            XCTAssertEqual(t.kind, .outOfFuel)
        }
        XCTAssertLessThan(small.remainingFuel!, 10, "the budget was used up")

        let plain = Store(engine: Engine())
        let f = try Module(bytes: spin, engine: plain.engine).instantiate(store: plain).exportedFunction("spin")!
        do {
            _ = try await f.callAsync([])
            XCTFail("an unmetered async call ran")
        } catch WispError.misuse {
        }
    }
}
