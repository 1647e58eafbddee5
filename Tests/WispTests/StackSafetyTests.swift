import Foundation
import XCTest
import Wisp

/// No guest and no host-call pattern overflows the native stack: every case ends in a clean trap,
/// the process survives, and the store runs another call afterwards.
final class StackSafetyTests: XCTestCase {
    static let programs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Programs")

    @inline(never) static func stackAddress() -> UInt {
        var x: UInt8 = 0
        return withUnsafeMutablePointer(to: &x) { UInt(bitPattern: $0) }
    }

    /// Instantiates stack.wasm whose `bounce` import calls `pingpong` again (mutual recursion
    /// through the host); `levels` records the stack address at each host level.
    final class Guest {
        let store: Store
        let instance: Instance
        var levels: [UInt] = []
        init(configuration: EngineConfiguration = EngineConfiguration()) throws {
            store = Store(engine: Engine(configuration: configuration))
            let bytes = try [UInt8](Data(contentsOf: StackSafetyTests.programs.appendingPathComponent("stack.wasm")))
            let module = try Module(bytes: bytes, engine: store.engine)
            var imports = Imports()
            imports.define(module: "env", name: "block", .function(Function(store: store, type: FuncType(parameters: [], results: [])) { _, _ in [] }))
            var me: Guest? = nil
            imports.define(module: "env", name: "bounce", .function(Function(store: store, type: FuncType(parameters: [.i32], results: [.i32])) { caller, args throws(Trap) in
                me!.levels.append(StackSafetyTests.stackAddress())
                let f = caller.instance!.exportedFunction("pingpong")!
                return try f.call(args)
            }))
            instance = try module.instantiate(store: store, imports: imports)
            me = self
        }
        func call(_ name: String, _ args: [Value]) throws(Trap) -> [Value] {
            try instance.exportedFunction(name)!.call(args)
        }
    }

    /// Runs `body` on a thread with a stack of `size` bytes (0: the calling thread). `body` is
    /// `@Sendable` since it runs on another thread: it makes its own guest there.
    func onThread(stack size: Int, _ body: @escaping @Sendable () -> Void) {
        if size == 0 { body(); return }
        let done = DispatchSemaphore(value: 0)
        let t = Thread { body(); done.signal() }
        t.stackSize = size
        t.start()
        XCTAssertEqual(done.wait(timeout: .now() + 120), .success)
    }

    static func expectTrap(_ kind: TrapKind, _ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) {
        do {
            try body()
            XCTFail("expected a trap", file: file, line: line)
        } catch let t as Trap {
            XCTAssertEqual(t.kind, kind, file: file, line: line)
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }

    func testEveryPatternEndsInACleanTrapOnSmallAndMainThreadStacks() throws {
        for size in [128 << 10, 256 << 10, 0] {
            onThread(stack: size) {
                do {
                    let g = try Guest()
                    // A million frames deep: the VM stack's depth limit, not the native stack.
                    Self.expectTrap(.callStackExhausted) { _ = try g.call("deep", [.i32(1_000_000)]) }
                    Self.expectTrap(.callStackExhausted) { _ = try g.call("forever", [.i32(0)]) }
                    // Mutual recursion through a host import, 100,000 deep: the native headroom runs out first.
                    Self.expectTrap(.nativeStackExhausted) { _ = try g.call("pingpong", [.i32(100_000)]) }
                    XCTAssertGreaterThanOrEqual(g.levels.count, 2, "stack \(size): re-entry happened until the headroom ran out")
                    // The store is still good.
                    XCTAssertEqual(try g.call("deep", [.i32(1000)]), [.i32(1000)])
                    XCTAssertEqual(try g.call("pingpong", [.i32(1)]), [.i32(1)])
                } catch {
                    XCTFail("stack \(size): \(error)")
                }
            }
        }
    }

    func testDepthLimitsAreConfigurable() throws {
        var config = EngineConfiguration()
        config.maxCallDepth = 500
        let g = try Guest(configuration: config)
        XCTAssertEqual(try g.call("deep", [.i32(400)]), [.i32(400)])
        Self.expectTrap(.callStackExhausted) { _ = try g.call("deep", [.i32(600)]) }
        config = EngineConfiguration()
        config.stackSlots = 4096
        let small = try Guest(configuration: config)
        Self.expectTrap(.callStackExhausted) { _ = try small.call("deep", [.i32(10_000)]) }
        XCTAssertEqual(try small.call("deep", [.i32(10)]), [.i32(10)])
    }

    /// Measures the native stack one host -> wasm -> host round trip takes (docs/stack-safety.md).
    func testMeasureRoundTrip() throws {
        let g = try Guest()
        _ = try g.call("pingpong", [.i32(50)])
        let diffs = zip(g.levels, g.levels.dropFirst()).map { Int($0) - Int($1) }
        let perTrip = diffs.sorted()[diffs.count / 2]
        print("native stack per host->wasm->host round trip: \(perTrip) bytes")
        XCTAssertGreaterThan(perTrip, 0)
        XCTAssertLessThan(perTrip, 64 << 10, "one round trip must fit the default headroom")
    }
}
