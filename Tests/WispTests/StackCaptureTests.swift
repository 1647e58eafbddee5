import Foundation
import Synchronization
import XCTest
@testable import Wisp

/// Live call stacks read from another thread, and interruption of a running guest.
final class StackCaptureTests: XCTestCase {
    static let programs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Programs")

    func instantiate(_ store: Store, block: @escaping () -> Void = {}) throws -> Instance {
        let bytes = try [UInt8](Data(contentsOf: Self.programs.appendingPathComponent("stack.wasm")))
        let module = try Module(bytes: bytes, engine: store.engine)
        var imports = Imports()
        imports.define(module: "env", name: "block", .function(Function(store: store, type: FuncType(parameters: [], results: [])) { _, _ in
            block()
            return []
        }))
        imports.define(module: "env", name: "bounce", .function(Function(store: store, type: FuncType(parameters: [.i32], results: [.i32])) { _, _ in [.i32(0)] }))
        return try module.instantiate(store: store, imports: imports)
    }

    func testCapturesFromAnotherThreadAreExactAndTheGuestKeepsRunning() throws {
        let store = Store(engine: Engine())
        let instance = try instantiate(store)
        // The store moves to the guest's thread, which alone runs it (this one only samples and
        // interrupts, which are thread-safe); Function is not Sendable, so the hand-over is explicit.
        nonisolated(unsafe) let spin = instance.exportedFunction("spin")!
        let sampler = store.stackSampler
        let finished = DispatchSemaphore(value: 0)
        // Written by the guest's thread, read here after it signals: behind a lock.
        let outcomes = Mutex<[String]>([])
        let guest = Thread {
            // Suspend on the first interrupt, resume, then trap on the second.
            do {
                guard case .suspended(let call) = try spin.callResumable([]) else { outcomes.withLock { $0.append("returned") }; finished.signal(); return }
                outcomes.withLock { $0.append("suspended:\(call.reason)") }
                finished.signal()
                _ = try call.resume()
                outcomes.withLock { $0.append("returned") }
            } catch {
                outcomes.withLock { $0.append("trap:\((error as? Trap).map { "\($0.kind)" } ?? "other")") }
            }
            finished.signal()
        }
        guest.stackSize = 1 << 20
        guest.start()

        let expected = ["level5", "level4", "level3", "level2", "level1", "spin"]
        // Wait until the guest reaches its loop.
        var ready = false
        for _ in 0..<10_000 {
            if let frames = sampler.capture(), frames.map({ $0.name ?? "?" }) == expected { ready = true; break }
            usleep(100)
        }
        XCTAssertTrue(ready, "the guest never showed its five-deep stack")
        var exact = 0, busy = 0
        var buffer = [CapturedFrame](repeating: CapturedFrame(), count: 16)
        for i in 0..<10_000 {
            if i % 2 == 0 {
                guard let frames = sampler.capture() else { busy += 1; continue }
                XCTAssertEqual(frames.map { $0.name ?? "?" }, expected)
                XCTAssertTrue(frames.allSatisfy { !$0.isHost && $0.codeOffset != nil })
                if frames.count == expected.count { exact += 1 }
            } else {
                let n = buffer.withUnsafeMutableBufferPointer { sampler.capture(into: $0) }
                if n < 0 { busy += 1; continue }
                XCTAssertEqual(n, expected.count)
                if n == expected.count { exact += 1 }
            }
        }
        // The guest only writes the publication at calls and back-edges; it never stops the reader for long.
        XCTAssertEqual(exact + busy, 10_000)
        XCTAssertGreaterThan(exact, 9_900)
        let before = try readCounter(instance)
        usleep(20_000)
        XCTAssertNotEqual(try readCounter(instance), before, "the guest stopped running while being sampled")

        store.interruptHandle.interrupt()
        XCTAssertEqual(finished.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(outcomes.withLock { $0.first }, "suspended:interrupted")
        // Resumed: it loops again, where it was.
        usleep(50_000)
        XCTAssertEqual(sampler.capture()?.map { $0.name ?? "?" }, expected)
        store.interruptHandle.interrupt(trap: true)
        XCTAssertEqual(finished.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(outcomes.withLock { $0.last }, "trap:interrupted")
        XCTAssertEqual(sampler.capture()?.count, 0)
    }

    func testAGuestBlockedInTheHostShowsTheHostFrame() throws {
        let store = Store(engine: Engine())
        let gate = DispatchSemaphore(value: 0)
        let entered = DispatchSemaphore(value: 0)
        let instance = try instantiate(store) {
            entered.signal()
            gate.wait()
        }
        // Handed to the guest's thread, which alone runs the store (see above).
        nonisolated(unsafe) let wait = instance.exportedFunction("wait")!
        let done = DispatchSemaphore(value: 0)
        let guest = Thread {
            _ = try? wait.call([])
            done.signal()
        }
        guest.start()
        XCTAssertEqual(entered.wait(timeout: .now() + 10), .success)
        let frames = store.stackSampler.capture()
        XCTAssertEqual(frames?.map { $0.isHost }, [true, false, false, false])
        XCTAssertEqual(frames?.dropFirst().map { $0.name ?? "?" }, ["waiter2", "waiter1", "wait"])
        gate.signal()
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
    }

    func readCounter(_ instance: Instance) throws -> [UInt8] {
        // `counter` is the module's only data: its first 4 bytes above the data start are enough
        // to see change; read the whole first page and compare.
        try instance.memory(at: 0)!.read(at: 0, count: 4096)
    }

    /// A stack deeper than the publication's 4,096 slots is captured as its innermost 4,095 frames
    /// (the slot left over is the one the next call writes while readers copy).
    func testDeepStacksAreCapturedAsTheirInnermostFrames() throws {
        typealias W = WasmBytes
        // (import "env" "block" (func)) (func $down (param i32) (if (i32.eqz (local.get 0))
        //   (then (call $block)) (else (call $down (i32.sub (local.get 0) (i32.const 1))))))
        let bytes = W.header
            + W.section(1, W.vec([[0x60, 0x01, 0x7F, 0x00], [0x60, 0x00, 0x00]]))
            + W.section(2, W.vec([W.name("env") + W.name("block") + [0x00, 0x01]]))
            + W.section(3, W.vec([[0x00]]))
            + W.section(7, W.vec([W.name("down") + [0x00, 0x01]]))
            + W.section(10, W.vec([W.body([0x20, 0x00, 0x45, 0x04, 0x40, 0x10, 0x00, 0x05,
                                           0x20, 0x00, 0x41, 0x01, 0x6B, 0x10, 0x01, 0x0B, 0x0B])]))
            + W.names([(1, "down")])
        let store = Store(engine: Engine())
        var count = -2
        var innermost: [StackFrame] = []
        var imports = Imports()
        imports.define(module: "env", name: "block", .function(Function(store: store, type: FuncType(parameters: [], results: [])) { _, _ in
            var buffer = [CapturedFrame](repeating: CapturedFrame(), count: 5_000)
            count = buffer.withUnsafeMutableBufferPointer { store.stackSampler.capture(into: $0) }
            innermost = store.stackSampler.capture() ?? []
            return []
        }))
        let instance = try Module(bytes: bytes, engine: store.engine).instantiate(store: store, imports: imports)
        // 10,001 frames of `down` and the host frame on top.
        _ = try instance.exportedFunction("down")!.call([.i32(10_000)])
        XCTAssertEqual(count, 4_095)
        XCTAssertEqual(innermost.count, 256)
        XCTAssertEqual(innermost.first?.isHost, true)
        XCTAssertTrue(innermost.dropFirst().allSatisfy { $0.name == "down" && $0.codeOffset != nil })
    }
}

final class DeadlineTests: XCTestCase {
    func testADeadlineStopsAnInfiniteLoop() throws {
        let store = Store(engine: Engine())
        let bytes = try [UInt8](Data(contentsOf: StackCaptureTests.programs.appendingPathComponent("loops.wasm")))
        let instance = try Module(bytes: bytes, engine: store.engine).instantiate(store: store)
        let start = Date()
        let deadline = store.deadline(after: 0.2)
        XCTAssertThrowsError(try instance.exportedFunction("spin")!.call([])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .interrupted)
            XCTAssertEqual((error as? Trap)?.backtrace.first?.name, "level5")
        }
        deadline.cancel()
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        // A cancelled deadline does not touch the next call.
        let d2 = store.deadline(after: 0.05)
        d2.cancel()
        usleep(100_000)
        XCTAssertEqual(try instance.exportedFunction("deep")!.call([.i32(5)]), [.i32(5)])
    }
}
