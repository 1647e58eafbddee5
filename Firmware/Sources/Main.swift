// The firmware's program: set up the platform layer (heap pool, console, clock, stack bounds),
// decode and instantiate the embedded module with its memory in a static buffer and fuel metering
// on, run the checks, print `N passed, M failed` and return the status the reset handler passes
// to semihosting's exit.

import Wisp

@main
struct Firmware {
    static func main() {
        board_stack_paint()
        PlatformHeap.install(buffer: UnsafeMutableRawBufferPointer(start: board_pool_base(), count: board_pool_size()))
        Platform.write = { bytes in
            guard let base = bytes.baseAddress else { return }
            board_uart_write(base.assumingMemoryBound(to: UInt8.self), bytes.count)
        }
        // SysTick counts the 25 MHz processor clock of the AN386 image: 40 ns a cycle.
        Platform.monotonicNanoseconds = { board_cycles() &* 40 }
        Platform.nativeStackBounds = NativeStackBounds(low: UInt(board_stack_low()), high: UInt(board_stack_high()))

        Platform.writeLine("wisp bare-metal checks on mps2-an386 (Cortex-M4)")
        let start = Platform.monotonicNanoseconds?() ?? 0
        var runner = CheckRunner()
        runChecks(&runner)
        let elapsed = (Platform.monotonicNanoseconds?() ?? 0) - start

        if let heap = PlatformHeap.heap {
            var line = "heap pool: peak " + String(heap.peak) + " of " + String(heap.capacity) + " bytes, "
            line += String(heap.allocations) + " allocations, "
            line += String(heap.inUse) + " bytes in use at the end"
            print(line)
        }
        print("native stack: peak " + String(board_stack_peak()) + " of " + String(Platform.nativeStackBounds?.size ?? 0) + " bytes")
        print("time: " + String(elapsed / 1_000_000) + " ms (SysTick, QEMU virtual time)")
        print(String(runner.passed) + " passed, " + String(runner.failed) + " failed")
        board_exit(runner.failed == 0 ? 0 : 1)
    }
}

/// The linear memory's backend: module-defined memories go to the board's static buffer.
let staticMemoryProvider: MemoryBackendProvider = { request in
    guard request.isDefined else { return .heap }
    return .staticBuffer(UnsafeMutableRawBufferPointer(start: board_wasm_memory_base(), count: board_wasm_memory_size()))
}

func runChecks(_ runner: inout CheckRunner) {
    var configuration = EngineConfiguration()
    configuration.fuelMetering = true
    configuration.stackSlots = 8 * 1024      // 64 KiB of VM stack per store (per suspended call)
    configuration.maxCallDepth = 2_000
    configuration.memoryBackend = staticMemoryProvider
    // The engine cannot ask a bare-metal board for its stack: the platform layer knows it. A host
    // call that re-enters WebAssembly must leave this much native stack free (the checks' deepest
    // frames use about 3 KiB; see the "native stack" line).
    configuration.nativeStackLowerBound = { Platform.nativeStackBounds?.low }
    configuration.nativeStackHeadroom = 16 * 1024
    let engine = Engine(configuration: configuration)
    let store = Store(engine: engine)
    let log = HostLog()

    var guest: Guest? = nil
    runner.check("decode, validate and instantiate (memory in the static buffer)") { () throws(CheckFailure) in
        let bytes = [UInt8](UnsafeBufferPointer(start: board_checks_wasm(), count: board_checks_wasm_size()))
        let module: Module
        do throws(WispError) { module = try Module(bytes: bytes, engine: engine) } catch {
            throw CheckFailure(message: "module rejected: " + error.description)
        }
        let instance: Instance
        do throws(WispError) { instance = try module.instantiate(store: store, imports: hostImports(store: store, log: log)) } catch {
            throw CheckFailure(message: "instantiation failed: " + error.description)
        }
        guard let memory = instance.memory(at: 0) else { throw CheckFailure(message: "the module has no memory") }
        let base = (try? memory.withUnsafeMutableBytes { $0.baseAddress }) ?? nil
        try expect(base == UnsafeMutableRawPointer(board_wasm_memory_base()),
                   "memory at " + hex(UInt(bitPattern: base)) + ", not in the static buffer at " + hex(UInt(bitPattern: board_wasm_memory_base())))
        try expect(memory.pageCount == 1 && memory.maximumPageCount == 2 && !memory.canMove,
                   "memory has " + String(memory.pageCount) + " pages, at most " + String(memory.maximumPageCount))
        try setFuel(store, 1 << 40)
        guest = Guest(store: store, instance: instance)
    }
    guard let g = guest else { return }
    guest = nil

    runner.check("i32 arithmetic (fib, mix32: mul, rotl, popcnt, clz, ctz, div_u, rem_u)") { () throws(CheckFailure) in
        try expect("fib(30)", try g.call("fib", [.i32(30)]), .i32(832_040))
        try expect("fib(50) (wraps)", try g.call("fib", [.i32(50)]), .i32(3_996_334_433))
        try expect("mix32(12345)", try g.call("mix32", [.i32(12345)]), .i32(365_842_884))
        try expect("mix32(0xffffffff)", try g.call("mix32", [.i32(0xFFFF_FFFF)]), .i32(561_467_704))
    }

    runner.check("i64 arithmetic (factorial, div_s, rem_s)") { () throws(CheckFailure) in
        try expect("factorial(20)", try g.call("factorial", [.i32(20)]), .i64(2_432_902_008_176_640_000))
        let a = Int64(-9_000_000_000_000_000_007)
        try expect("div64", try g.call("div64", [.i64(UInt64(bitPattern: a)), .i64(1_000_003)]),
                   .i64(UInt64(bitPattern: -8_999_973_999_847)))
    }

    runner.check("f32 arithmetic (add, mul, div, sqrt, floor)") { () throws(CheckFailure) in
        try expect("f32_ops(0.1, 0.2)", try g.call("f32_ops", [.float(0.1), .float(0.2)]), .f32(0x3E84_631A))
    }

    runner.check("f64 arithmetic (series, sqrt, trunc_sat to i64)") { () throws(CheckFailure) in
        try expect("f64_series(1000)", try g.call("f64_series", [.i32(1000)]), .f64(0x3FFA_4D8E_550A_946E))
        try expect("f64_to_i64", try g.call("f64_to_i64", [.f64(0x3FFA_4D8E_550A_946E)]), .i64(1_643_934_566))
        try expect("f64_sqrt(2)", try g.call("f64_sqrt", [.double(2)]), .f64(0x3FF6_A09E_667F_3BCD))
    }

    runner.check("memory: guest stores and loads, host sees them in the static buffer") { () throws(CheckFailure) in
        try expect("memory_roundtrip(5)", try g.call("memory_roundtrip", [.i32(5)]), .i32(3_735_882_458))
        guard case .i32(let address)? = try g.call("buffer_address", []).first else { throw CheckFailure(message: "buffer_address") }
        let word = UnsafeRawPointer(board_wasm_memory_base()).loadUnaligned(fromByteOffset: Int(address) + 40, as: UInt32.self)
        try expect(word == 0xDEAD_BEEF, "static buffer holds " + hex(word) + " where the guest stored 0xdeadbeef")
    }

    runner.check("memory: host writes, guest reads; grow within the static buffer") { () throws(CheckFailure) in
        guard let memory = g.instance.memory(at: 0) else { throw CheckFailure(message: "no memory") }
        var bytes = [UInt8]()
        for i in 0..<100 { bytes.append(UInt8(truncatingIfNeeded: i * 3)) }
        do throws(Trap) { try memory.write(bytes, at: 0x8000) } catch { throw CheckFailure(message: "write: " + error.message) }
        try expect("sum_bytes", try g.call("sum_bytes", [.i32(0x8000), .i32(100)]), .i32(4_205_874_326))
        try expect("grow(1)", try g.call("grow", [.i32(1)]), .i32(1))
        try expect("pages()", try g.call("pages", []), .i32(2))
        try expect("grow(1) past the maximum", try g.call("grow", [.i32(1)]), .i32(UInt32(bitPattern: -1)))
        UnsafeMutableRawPointer(board_wasm_memory_base()).storeBytes(of: 0x1234_5678 as UInt32, toByteOffset: 0x1_0010, as: UInt32.self)
        try expect("load_at(0x10010)", try g.call("load_at", [.i32(0x1_0010)]), .i32(0x1234_5678))
        try g.expectTrap("load_at", [.i32(0x2_0000 - 2)], .memoryOutOfBounds)
    }

    runner.check("traps caught as Trap (div by zero, overflow, unreachable, call depth)") { () throws(CheckFailure) in
        try g.expectTrap("div32", [.i32(1), .i32(0)], .integerDivideByZero)
        try g.expectTrap("div32", [.i32(0x8000_0000), .i32(UInt32(bitPattern: -1))], .integerOverflow)
        try g.expectTrap("unreachable", [], .unreachable)
        try expect("recurse(500)", try g.call("recurse", [.i32(500)]), .i32(500))
        try g.expectTrap("recurse", [.i32(1_000_000)], .callStackExhausted)
        try expect("fib(10) after the traps", try g.call("fib", [.i32(10)]), .i32(55))
    }

    runner.check("host calls (env.write prints guest text, env.scale)") { () throws(CheckFailure) in
        try expect("greet(20)", try g.call("greet", [.i32(20)]), .i32(61))
        try expect(log.text.elementsEqual("hello from wasm".utf8), "env.write got " + String(log.text.count) + " unexpected bytes")
        try expect(log.scaleCalls == 1, "env.scale called " + String(log.scaleCalls) + " times")
    }

    runner.check("native stack guard (host calls re-entering wasm)") { () throws(CheckFailure) in
        try expect("nest(10)", try g.call("nest", [.i32(10)]), .i32(10))
        try g.expectTrap("nest", [.i32(1_000_000)], .nativeStackExhausted)
        let deepest = log.deepestReentry
        try expect(deepest > 10 && deepest < 1_000_000, "re-entered " + String(deepest) + " levels deep")
        print("     trapped at " + String(deepest) + " nested host calls, " + String(Platform.nativeStackRemaining() ?? -1) + " bytes of stack left here")
    }

    runner.check("fuel: suspend when it runs out, resume after adding more") { () throws(CheckFailure) in
        let spin = try g.function("spin")
        try setFuel(store, 0)
        try g.expectTrap("fib", [.i32(10)], .outOfFuel)
        try setFuel(store, 2_000)
        let consumedBefore = store.fuelConsumed
        var suspensions = 0
        // Traps end the check; the do/catch keeps each thrown type concrete (Embedded Swift has no `any Error`).
        func run(_ step: () throws(Trap) -> CallOutcome) throws(CheckFailure) -> CallOutcome {
            do throws(Trap) { return try step() } catch { throw CheckFailure(message: "spin trapped: " + error.message) }
        }
        var outcome = try run { () throws(Trap) in try spin.callResumable([.i32(20_000)]) }
        while case .suspended(let call) = outcome {
            try expect(call.reason == .outOfFuel, "suspended for another reason")
            suspensions += 1
            try expect(suspensions < 10_000, "still suspended after 10000 resumptions")
            do throws(WispError) { try store.addFuel(2_000) } catch { throw CheckFailure(message: error.description) }
            outcome = try run { () throws(Trap) in try call.resume() }
        }
        guard case .returned(let results) = outcome else { throw CheckFailure(message: "not returned") }
        try expect("spin(20000)", results, .i32(3_262_506_853))
        let consumed = store.fuelConsumed - consumedBefore
        try expect(suspensions >= 5, "suspended only " + String(suspensions) + " times")
        try expect(consumed >= 20_000, "consumed only " + String(consumed) + " units for 20000 iterations")
        print("     suspended " + String(suspensions) + " times, " + String(consumed) + " units of fuel")
        try setFuel(store, 1 << 40)
    }

}

func setFuel(_ store: Store, _ units: UInt64) throws(CheckFailure) {
    do throws(WispError) { try store.setFuel(units) } catch { throw CheckFailure(message: error.description) }
}
