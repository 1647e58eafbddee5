// memory64, table64, multi-memory and custom page sizes as an embedder sees them: each memory's
// own backend, 1-byte pages in a static buffer and a pool, a memory64 past 4 GiB, bounds that
// overflow 64 bits, fuel that does not depend on how an access is translated.

@testable import Wisp
import WispFormat
import WispText
import XCTest

final class MemoryProposalsTests: XCTestCase {
    func instantiate(_ text: String, engine: Engine = Engine(), store: Store? = nil) throws -> (Store, Instance) {
        let bytes = try WAT.encode(text)
        let s = store ?? Store(engine: engine)
        return (s, try Module(bytes: bytes, engine: s.engine).instantiate(store: s))
    }

    func call(_ inst: Instance, _ name: String, _ args: [Value] = []) throws -> Value? {
        try inst.exportedFunction(name)!.call(args).first
    }

    /// Two memories, each with the backend its request asks for (memory 1 in a static buffer of
    /// three pages): accesses reach the right memory, and memory 1 cannot grow past its buffer
    /// while memory 0 can.
    func testEachMemoryOfAModuleHasItsOwnBackend() throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 3 * 65536, alignment: 16)
        defer { buffer.deallocate() }
        var requests: [Int] = []
        var sc = StoreConfiguration()
        sc.memoryBackend = { r in requests.append(r.index); return r.index == 1 ? .staticBuffer(buffer) : .heap }
        let store = Store(engine: Engine(), configuration: sc)
        let (_, inst) = try instantiate("""
            (module (memory $a 1) (memory $b 1)
              (func (export "put") (param i32 i32 i32)
                (i32.store $a (local.get 0) (local.get 2))
                (i32.store $b offset=4 (local.get 1) (i32.mul (local.get 2) (i32.const 3))))
              (func (export "geta") (param i32) (result i32) (i32.load $a (local.get 0)))
              (func (export "getb") (param i32) (result i32) (i32.load $b (local.get 0)))
              (func (export "growa") (param i32) (result i32) (memory.grow $a (local.get 0)))
              (func (export "growb") (param i32) (result i32) (memory.grow $b (local.get 0)))
              (func (export "sizeb") (result i32) (memory.size $b)))
            """, store: store)
        XCTAssertEqual(requests, [0, 1])
        _ = try call(inst, "put", [.i32(8), .i32(100), .i32(7)])
        XCTAssertEqual(try call(inst, "geta", [.i32(8)]), .i32(7))
        XCTAssertEqual(try call(inst, "getb", [.i32(104)]), .i32(21))
        XCTAssertEqual(try call(inst, "getb", [.i32(8)]), .i32(0), "memory 1 is not memory 0")
        XCTAssertEqual(buffer.load(fromByteOffset: 104, as: UInt32.self), 21, "memory 1 lives in the caller's buffer")
        XCTAssertEqual(try call(inst, "growb", [.i32(2)]), .i32(1))
        XCTAssertEqual(try call(inst, "growb", [.i32(1)]), .i32(UInt32(bitPattern: -1)), "past the static buffer")
        XCTAssertEqual(try call(inst, "sizeb"), .i32(3))
        XCTAssertEqual(try call(inst, "growa", [.i32(5)]), .i32(1))
        // Memory 1's last byte is in bounds, one past it traps, whatever memory 0's size.
        XCTAssertEqual(try call(inst, "getb", [.i32(3 * 65536 - 4)]), .i32(0))
        XCTAssertThrowsError(try call(inst, "getb", [.i32(3 * 65536 - 3)])) { e in
            XCTAssertEqual((e as? Trap)?.kind, .memoryOutOfBounds, "\(e)")
        }
    }

    /// A 32-bit memory of 1-byte pages may pass 2^31 pages: memory.grow then returns the old
    /// size as an unsigned 32-bit count (it trapped in the runtime, found by difftest).
    func testGrowReturnsSizesPast2To31Pages() throws {
        let (_, inst) = try instantiate("""
            (module (memory $m 100 (pagesize 1))
              (func (export "grow") (param i32) (result i32) (memory.grow $m (local.get 0)))
              (func (export "size") (result i32) (memory.size $m)))
            """)
        XCTAssertEqual(try call(inst, "grow", [.i32(0x8000_0000)]), .i32(100))
        XCTAssertEqual(try call(inst, "grow", [.i32(0)]), .i32(0x8000_0064))
        XCTAssertEqual(try call(inst, "size"), .i32(0x8000_0064))
        XCTAssertEqual(try call(inst, "grow", [.i32(0x8000_0000)]), .i32(UInt32.max), "past 2^32-1 bytes")
    }

    /// A memory of 1-byte pages holds exactly what it asks for: 100 bytes in a static buffer of
    /// 128 (it grows to 128 and no further), and from a pool allocator no 64 KiB block.
    func testOneBytePagesInAStaticBufferAndAPool() throws {
        let text = """
            (module (memory 100 (pagesize 1))
              (func (export "size") (result i32) (memory.size))
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
              (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1))))
            """
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 128, alignment: 16)
        defer { buffer.deallocate() }
        var sc = StoreConfiguration()
        sc.memoryBackend = { _ in .staticBuffer(buffer) }
        let (_, inst) = try instantiate(text, store: Store(engine: Engine(), configuration: sc))
        XCTAssertEqual(try call(inst, "size"), .i32(100))
        _ = try call(inst, "store8", [.i32(99), .i32(0xAB)])
        XCTAssertEqual(buffer[99], 0xAB)
        XCTAssertThrowsError(try call(inst, "load8", [.i32(100)]))
        XCTAssertEqual(try call(inst, "grow", [.i32(28)]), .i32(100))
        XCTAssertEqual(try call(inst, "load8", [.i32(127)]), .i32(0))
        XCTAssertEqual(try call(inst, "grow", [.i32(1)]), .i32(UInt32(bitPattern: -1)), "the buffer is full")

        guard let pool = PoolAllocator(capacity: 1 << 20) else { return XCTFail("pool") }
        var pc = StoreConfiguration()
        pc.allocator = pool
        pc.memoryBackend = { _ in .heap }
        let small = Engine(configuration: MemoryTests.smallVMStack)  // (the VM stack comes from the pool too)
        let (_, pooled) = try instantiate(text, engine: small, store: Store(engine: small, configuration: pc))
        XCTAssertLessThan(pool.statistics.inUse(.linearMemory), 1024, "100 bytes, not a 64 KiB page")
        XCTAssertEqual(try call(pooled, "grow", [.i32(1000)]), .i32(100))
        _ = try call(pooled, "store8", [.i32(1099), .i32(7)])
        XCTAssertEqual(try call(pooled, "load8", [.i32(1099)]), .i32(7))
        XCTAssertThrowsError(try call(pooled, "load8", [.i32(1100)]))
    }

    /// A memory64 past 4 GiB (reserved backend: nothing is touched but two pages): addresses
    /// above 2^32 reach their own bytes, and an address plus offset that overflows 64 bits traps.
    func testMemory64BeyondFourGiB() throws {
        guard MemoryBackendChoice.isReservedAvailable else { return }
        var sc = StoreConfiguration()
        sc.memoryBackend = { _ in .reserved }
        let (_, inst) = try instantiate("""
            (module (memory i64 1)
              (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
              (func (export "store") (param i64 i64) (i64.store (local.get 0) (local.get 1)))
              (func (export "load") (param i64) (result i64) (i64.load (local.get 0)))
              (func (export "loadfar") (param i64) (result i64) (i64.load offset=0xFFFFFFFFFFFFFFF0 (local.get 0)))
              (func (export "fill") (param i64 i64) (memory.fill (local.get 0) (i32.const 1) (local.get 1))))
            """, store: Store(engine: Engine(), configuration: sc))
        XCTAssertEqual(try call(inst, "grow", [.i64(65536)]), .i64(1))
        let far: UInt64 = (1 << 32) + 8
        _ = try call(inst, "store", [.i64(far), .i64(0x1122_3344_5566_7788)])
        XCTAssertEqual(try call(inst, "load", [.i64(far)]), .i64(0x1122_3344_5566_7788))
        XCTAssertEqual(try call(inst, "load", [.i64(8)]), .i64(0), "2^32 + 8 does not wrap to 8")
        for address: UInt64 in [0x20, UInt64.max - 7, 65537 * 65536 - 7] {
            let name = address == 0x20 ? "loadfar" : "load"
            XCTAssertThrowsError(try call(inst, name, [.i64(address)])) { e in
                XCTAssertEqual((e as? Trap)?.kind, .memoryOutOfBounds, "\(address): \(e)")
            }
        }
        XCTAssertThrowsError(try call(inst, "fill", [.i64(16), .i64(UInt64.max - 8)]), "16 + n overflows")
        // The engine caps a memory64 at 16 GiB: a grow past it fails, it does not trap.
        XCTAssertEqual(try call(inst, "grow", [.i64(1 << 18)]), .i64(UInt64.max))
    }

    /// The same program over a 32-bit memory 0 and over a memory64 in second place (accesses
    /// through memoryAt) uses the same fuel: metering counts WebAssembly instructions, not
    /// internal ones; a grow of 1-byte pages costs one unit per 64 KiB.
    func testFuelDoesNotDependOnTheMemory() throws {
        var c = EngineConfiguration()
        c.fuelMetering = true
        let engine = Engine(configuration: c)
        func run(_ memories: String, _ at: String, _ index: String) throws -> UInt64 {
            let (store, inst) = try instantiate("""
                (module \(memories)
                  (func (export "f") (result i64) (local $i \(at)) (local $s i64)
                    (loop $l
                      (\(at).store \(index) (local.get $i) (local.get $i))
                      (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (i32.load8_u \(index) (local.get $i)))))
                      (local.set $i (\(at).add (local.get $i) (\(at).const 1)))
                      (br_if $l (\(at).lt_u (local.get $i) (\(at).const 1000))))
                    (local.get $s)))
                """, engine: engine)
            try store.setFuel(1_000_000)
            XCTAssertEqual(try call(inst, "f"), .i64(124_716))
            return store.fuelConsumed
        }
        let plain = try run("(memory 1)", "i32", "")
        XCTAssertEqual(try run("(memory 1) (memory i64 1)", "i64", "1"), plain)
        XCTAssertEqual(try run("(memory 1 (pagesize 1)) (memory 1 (pagesize 65536))", "i32", "1"), plain)

        let (store, inst) = try instantiate("""
            (module (memory 0 (pagesize 1))
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
            """, engine: engine)
        try store.setFuel(1000)
        XCTAssertEqual(try call(inst, "grow", [.i32(0)]), .i32(0))
        let base = store.fuelConsumed
        XCTAssertEqual(try call(inst, "grow", [.i32(65536 + 1)]), .i32(0))
        XCTAssertEqual(store.fuelConsumed - base, base + 2, "two units for 64 KiB and a byte")
    }

    /// table64: indices are i64; one at or above 2^32 is out of bounds (never truncated), and a
    /// failed grow returns an i64 -1.
    func testTable64IndicesAreNeverTruncated() throws {
        let (_, inst) = try instantiate("""
            (module (type $t (func (result i32)))
              (table $t64 i64 2 funcref) (elem (table $t64) (i64.const 1) func $seven)
              (func $seven (result i32) (i32.const 7))
              (func (export "call") (param i64) (result i32) (call_indirect $t64 (type $t) (local.get 0)))
              (func (export "grow") (param i64) (result i64) (table.grow $t64 (ref.null func) (local.get 0)))
              (func (export "size") (result i64) (table.size $t64)))
            """)
        XCTAssertEqual(try call(inst, "call", [.i64(1)]), .i32(7))
        XCTAssertThrowsError(try call(inst, "call", [.i64((1 << 32) + 1)])) { e in
            XCTAssertEqual((e as? Trap)?.kind, .undefinedElement, "\(e)")
        }
        XCTAssertEqual(try call(inst, "grow", [.i64(1 << 40)]), .i64(UInt64.max))
        XCTAssertEqual(try call(inst, "grow", [.i64(3)]), .i64(2))
        XCTAssertEqual(try call(inst, "size"), .i64(5))
    }

    /// The proposals are features like the others: off, a module using one is rejected.
    func testTheProposalsCanBeSwitchedOff() throws {
        var c = EngineConfiguration()
        c.features = try Features(parsing: "-multi-memory")
        XCTAssertThrowsError(try Module(bytes: try WAT.encode("(module (memory 1) (memory 1))"), engine: Engine(configuration: c))) { e in
            XCTAssertTrue("\(e)".contains("multiple memories"), "\(e)")
        }
        c.features = .wasm2
        XCTAssertThrowsError(try Module(bytes: try WAT.encode("(module (memory i64 1))"), engine: Engine(configuration: c)))
        c.features = .wasm3
        XCTAssertThrowsError(try Module(bytes: try WAT.encode("(module (memory 1 (pagesize 1)))"), engine: Engine(configuration: c)))
        XCTAssertNoThrow(try Module(bytes: try WAT.encode("(module (memory i64 1) (memory 2))"), engine: Engine(configuration: c)))
    }
}
