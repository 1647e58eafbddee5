// Embedder-controlled memory: backends, the allocator interface, the pool, limits.

import Foundation
import Wisp
@testable import WispSpecTest
import XCTest

/// Buffers handed out as static memories by a provider, freed when the test ends.
final class StaticBufferBank: @unchecked Sendable {
    private let lock = NSLock()
    private var buffers: [UnsafeMutableRawBufferPointer] = []
    /// Cap per memory: untouched pages of a malloc'd buffer cost no physical memory.
    let capPages: Int
    init(capPages: Int) { self.capPages = capPages }

    func buffer(pages: Int) -> UnsafeMutableRawBufferPointer {
        let b = UnsafeMutableRawBufferPointer(start: malloc(max(pages, 1) * 65536), count: pages * 65536)
        lock.lock()
        buffers.append(b)
        lock.unlock()
        return b
    }
    deinit { for b in buffers { free(b.baseAddress) } }
}

final class MemoryTests: XCTestCase {
    typealias W = WasmBytes

    static func sleb(_ v: Int64) -> [UInt8] {
        var v = v, out: [UInt8] = []
        while true {
            let b = UInt8(v & 0x7F)
            v >>= 7
            if (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0) { out.append(b); return out }
            out.append(b | 0x80)
        }
    }

    /// A module with one memory (`min` pages, optional `max`) exporting
    /// grow(i32)->i32, load(i32)->i32, store(i32, i32), size()->i32, and with `hook` imported from
    /// env: run()->i32 = store 0x1234 at 100; hook(); store 7 at 20 pages + 100; load 100.
    static func memoryModule(min: Int, max: Int? = nil, hook: Bool = false) -> [UInt8] {
        var m = W.header
        m += W.section(1, W.vec([
            [0x60, 0x01, 0x7F, 0x01, 0x7F],        // 0: (i32) -> i32
            [0x60, 0x02, 0x7F, 0x7F, 0x00],        // 1: (i32 i32) -> ()
            [0x60, 0x00, 0x01, 0x7F],              // 2: () -> i32
            [0x60, 0x00, 0x00],                    // 3: () -> ()
        ]))
        let base = hook ? 1 : 0
        if hook { m += W.section(2, W.vec([W.name("env") + W.name("hook") + [0x00, 0x03]])) }
        m += W.section(3, W.vec([[0x00], [0x00], [0x01], [0x02], [0x02]]))
        let limits: [UInt8] = max.map { [0x01] + W.leb(min) + W.leb($0) } ?? ([0x00] + W.leb(min))
        m += W.section(5, W.vec([limits]))
        m += W.section(7, W.vec([
            W.name("grow") + [0x00] + W.leb(base), W.name("load") + [0x00] + W.leb(base + 1),
            W.name("store") + [0x00] + W.leb(base + 2), W.name("size") + [0x00] + W.leb(base + 3),
            W.name("run") + [0x00] + W.leb(base + 4), W.name("memory") + [0x02, 0x00],
        ]))
        let run: [UInt8] = hook
            ? [0x41] + sleb(100) + [0x41] + sleb(0x1234) + [0x36, 0x02, 0x00, 0x10, 0x00]
                + [0x41] + sleb(20 * 65536 + 100) + [0x41, 0x07, 0x36, 0x02, 0x00]
                + [0x41] + sleb(100) + [0x28, 0x02, 0x00, 0x0B]
            : [0x41, 0x00, 0x0B]
        m += W.section(10, W.vec([
            W.body([0x20, 0x00, 0x40, 0x00, 0x0B]),
            W.body([0x20, 0x00, 0x28, 0x02, 0x00, 0x0B]),
            W.body([0x20, 0x00, 0x20, 0x01, 0x36, 0x02, 0x00, 0x0B]),
            W.body([0x3F, 0x00, 0x0B]),
            W.body(run),
        ]))
        return m
    }

    /// A module with a memory of `memPages` pages and a funcref table of `tableMin` elements
    /// exporting tgrow(i32)->i32 = table.grow(null, n).
    static func tableModule(memPages: Int, tableMin: Int) -> [UInt8] {
        var m = W.header
        m += W.section(1, W.vec([[0x60, 0x01, 0x7F, 0x01, 0x7F]]))
        m += W.section(3, W.vec([[0x00]]))
        m += W.section(4, W.vec([[0x70, 0x00] + W.leb(tableMin)]))
        m += W.section(5, W.vec([[0x00] + W.leb(memPages)]))
        m += W.section(7, W.vec([W.name("tgrow") + [0x00, 0x00]]))
        m += W.section(10, W.vec([W.body([0xD0, 0x70, 0x20, 0x00, 0xFC, 0x0F, 0x00, 0x0B])]))
        return m
    }

    func call(_ inst: Instance, _ name: String, _ args: [Value] = []) throws -> Value? {
        try inst.exportedFunction(name)!.call(args).first
    }

    // MARK: spec files with each backend

    static let memorySpecFiles = ["memory", "memory_copy", "memory_fill", "memory_grow", "memory_init",
                                  "memory_redundancy", "memory_size", "memory_trap", "address", "align", "bulk",
                                  "data", "float_memory", "load", "store", "endianness"]

    func runSpecFiles(_ configuration: EngineConfiguration, label: String) throws {
        guard FileManager.default.fileExists(atPath: SharedData.wasm2JSON) else { throw XCTSkip(SharedData.missingHint) }
        /// Runs every script of `names` under `folder` with `features` on this configuration; the
        /// assertions passed. (Some 3.0 scripts only define modules: `eachHasAssertions` is for the 2.0 set.)
        func run(_ folder: String, _ names: [String], _ features: Features, eachHasAssertions: Bool) -> Int {
            var runner = SpecTestRunner(features: features)
            runner.configuration = configuration
            var passed = 0
            for name in names {
                let r = runner.run(file: folder + "/" + name + "/" + name + ".json")
                XCTAssertEqual(r.failed, 0, label + " " + name + ": " + r.failures.prefix(5).map { $0.description }.joined(separator: "; "))
                if eachHasAssertions { XCTAssertGreaterThan(r.passed, 0, label + " " + name) }
                passed += r.passed
            }
            return passed
        }
        let passed = run(SharedData.wasm2JSON, MemoryTests.memorySpecFiles, .wasm2, eachHasAssertions: true)
        print(label + ": " + String(passed) + " assertions passed in " + String(MemoryTests.memorySpecFiles.count) + " memory spec files")
        // And the 3.0 scripts of memory64, table64 and multi-memory (each memory of a module
        // gets its backend from the provider on its own).
        XCTAssertEqual(run(SharedData.folder + "/testsuite/wasm-3.0/json", SpecSuiteTests.memoryProposalFiles, .wasm3, eachHasAssertions: false), 8009, label)
    }

    func testSpecFilesOnHeap() throws {
        var c = EngineConfiguration()
        c.memoryBackend = { _ in .heap }
        try runSpecFiles(c, label: "heap")
    }

    func testSpecFilesInStaticBuffers() throws {
        let bank = StaticBufferBank(capPages: 1024)
        var c = EngineConfiguration()
        c.memoryBackend = { request in .staticBuffer(bank.buffer(pages: min(request.maxPages, bank.capPages))) }
        try runSpecFiles(c, label: "static")
    }

    func testSpecFilesInReservations() throws {
        guard MemoryBackendChoice.isReservedAvailable else { throw XCTSkip("no reserved backend here") }
        var c = EngineConfiguration()
        c.memoryBackend = { _ in .reserved }
        try runSpecFiles(c, label: "reserved")
    }

    // MARK: static buffer

    func testStaticBufferOfOneMiBGrowsUntilMinusOneWithoutAllocating() throws {
        let capacity = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        // Garbage in the buffer must not show through: the memory zeroes what it uses.
        buffer.initializeMemory(as: UInt8.self, repeating: 0xAB)
        let allocator = SystemAllocator()
        var sc = StoreConfiguration()
        sc.allocator = allocator
        sc.memoryBackend = { request in request.isDefined && request.index == 0 ? .staticBuffer(buffer) : .heap }
        let engine = Engine()
        let store = Store(engine: engine, configuration: sc)
        let inst = try Module(bytes: MemoryTests.memoryModule(min: 1), engine: engine).instantiate(store: store)
        XCTAssertEqual(inst.exportedMemory("memory")!.maximumPageCount, 16)
        XCTAssertFalse(inst.exportedMemory("memory")!.canMove)
        var pages = 1
        while true {
            let r = try call(inst, "grow", [.i32(1)])
            if r == .i32(UInt32(bitPattern: -1)) { break }
            XCTAssertEqual(r, .i32(UInt32(pages)))
            pages += 1
            // Touch the last word of the new page: zero, then writable.
            let last = UInt32(pages * 65536 - 4)
            XCTAssertEqual(try call(inst, "load", [.i32(last)]), .i32(0))
            _ = try call(inst, "store", [.i32(last), .i32(UInt32(pages))])
            XCTAssertEqual(try call(inst, "load", [.i32(last)]), .i32(UInt32(pages)))
        }
        XCTAssertEqual(pages, 16)
        XCTAssertEqual(try call(inst, "size"), .i32(16))
        XCTAssertEqual(try call(inst, "grow", [.i32(1)]), .i32(UInt32(bitPattern: -1)))
        // The memory lives in the buffer ...
        XCTAssertEqual(buffer.load(fromByteOffset: 16 * 65536 - 4, as: UInt32.self), 16)
        // ... and nothing was allocated for it.
        XCTAssertEqual(allocator.statistics.allocations(.linearMemory), 0)
        XCTAssertEqual(allocator.statistics.inUse(.linearMemory), 0)
        XCTAssertEqual(store.totalBytes, 16 * 65536)
        print("static 1 MiB: grew to 16 pages then -1; allocator: " + String(allocator.statistics.allocations) + " allocations, "
              + String(allocator.statistics.inUse) + " bytes in use, none for linear memory")
    }

    func testStaticBufferTooSmallOrSharedIsAResourceError() throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 16)
        defer { buffer.deallocate() }
        var sc = StoreConfiguration()
        sc.memoryBackend = { _ in .staticBuffer(buffer) }
        let engine = Engine()
        let store = Store(engine: engine, configuration: sc)
        XCTAssertThrowsError(try Module(bytes: MemoryTests.memoryModule(min: 2), engine: engine).instantiate(store: store)) {
            guard case WispError.resource = $0 else { return XCTFail("\($0)") }
        }
        let m = try Memory(store: store, type: MemoryType(limits: Limits(min: 1, max: nil)))
        XCTAssertEqual(m.maximumPageCount, 1)
        XCTAssertNil(m.grow(by: 1))
        XCTAssertThrowsError(try Memory(store: store, type: MemoryType(limits: Limits(min: 0, max: nil)))) {
            guard case WispError.resource = $0 else { return XCTFail("\($0)") }
        }
    }

    // MARK: moving memory under a running guest

    func growDuringHostCall(_ backend: MemoryBackendChoice) throws {
        var sc = StoreConfiguration()
        sc.memoryBackend = { _ in backend }
        let engine = Engine()
        let store = Store(engine: engine, configuration: sc)
        var before: UnsafeMutableRawPointer?, after: UnsafeMutableRawPointer?
        var imports = Imports()
        imports.define(module: "env", name: "hook", .function(Function(store: store, type: FuncType(parameters: [], results: [])) { (caller: Caller, _: [Value]) throws(Trap) -> [Value] in
            let mem = caller.memory!
            before = try mem.withUnsafeMutableBytes { $0.baseAddress }
            // Fill the heap so a reallocation cannot extend in place, then grow past 20 pages.
            guard mem.grow(by: 24) == 1 else { throw Trap(.host, message: "grow failed") }
            after = try mem.withUnsafeMutableBytes { $0.baseAddress }
            return []
        }))
        let inst = try Module(bytes: MemoryTests.memoryModule(min: 1, hook: true), engine: engine).instantiate(store: store, imports: imports)
        XCTAssertEqual(try call(inst, "run"), .i32(0x1234))
        XCTAssertEqual(try call(inst, "load", [.i32(20 * 65536 + 100)]), .i32(7))
        XCTAssertEqual(try call(inst, "size"), .i32(25))
        if inst.exportedMemory("memory")!.canMove {
            XCTAssertNotEqual(before, after, "the heap backend moved the memory, as this test needs")
        } else {
            XCTAssertEqual(before, after)
        }
    }

    func testGrowDuringHostCallOnHeapMovesAndGuestSeesIt() throws { try growDuringHostCall(.heap) }
    func testGrowDuringHostCallInReservation() throws {
        guard MemoryBackendChoice.isReservedAvailable else { throw XCTSkip("no reserved backend here") }
        try growDuringHostCall(.reserved)
    }
    func testGrowDuringHostCallInStaticBuffer() throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 32 * 65536, alignment: 16)
        defer { buffer.deallocate() }
        try growDuringHostCall(.staticBuffer(buffer))
    }

    func testReservedMemoryNeverMovesAndRespectsItsMaximum() throws {
        guard MemoryBackendChoice.isReservedAvailable else { throw XCTSkip("no reserved backend here") }
        let engine = Engine()
        let store = Store(engine: engine)
        let m = try Memory(store: store, type: MemoryType(limits: Limits(min: 0, max: 100)), backend: .reserved)
        let base = try m.withUnsafeMutableBytes { $0.baseAddress }
        for i in 0..<100 { XCTAssertEqual(m.grow(by: 1), i) }
        XCTAssertNil(m.grow(by: 1))
        XCTAssertEqual(try m.withUnsafeMutableBytes { $0.baseAddress }, base)
        try m.write([1, 2, 3], at: 100 * 65536 - 3)
        XCTAssertEqual(try m.read(at: 100 * 65536 - 3, count: 3), [1, 2, 3])
    }

    // MARK: limits

    func testLimitsRefuseGrowthAndInstances() throws {
        var config = EngineConfiguration()
        config.limits = ResourceLimits(maxMemoryPages: 4, maxTableElements: 20, maxInstances: 2)
        let engine = Engine(configuration: config)
        let store = Store(engine: engine)
        let module = try Module(bytes: MemoryTests.memoryModule(min: 1), engine: engine)
        let a = try module.instantiate(store: store)
        XCTAssertEqual(try call(a, "grow", [.i32(3)]), .i32(1))
        XCTAssertEqual(try call(a, "grow", [.i32(1)]), .i32(UInt32(bitPattern: -1)))
        let t = try Module(bytes: MemoryTests.tableModule(memPages: 0, tableMin: 10), engine: engine).instantiate(store: store)
        XCTAssertEqual(try call(t, "tgrow", [.i32(10)]), .i32(10))
        XCTAssertEqual(try call(t, "tgrow", [.i32(1)]), .i32(UInt32(bitPattern: -1)))
        XCTAssertThrowsError(try module.instantiate(store: store)) {
            guard case WispError.resource(let m) = $0 else { return XCTFail("\($0)") }
            XCTAssertTrue(m.contains("instances"), m)
        }
        XCTAssertEqual(store.instanceCount, 2)
        // A memory whose minimum exceeds the cap fails at instantiation.
        let big = Store(engine: engine)
        XCTAssertThrowsError(try Module(bytes: MemoryTests.memoryModule(min: 5), engine: engine).instantiate(store: big)) {
            guard case WispError.resource = $0 else { return XCTFail("\($0)") }
        }
    }

    func testLimiterCallbackSeesAndMayRefuseEveryGrow() throws {
        var seen: [ResourceRequest] = []
        var sc = StoreConfiguration()
        sc.limits = ResourceLimits(maxTotalBytes: 10 * 65536)
        sc.limiter = { r in
            seen.append(r)
            return !(r.kind == .memory && r.desired == 3)
        }
        let engine = Engine()
        let store = Store(engine: engine, configuration: sc)
        let inst = try Module(bytes: MemoryTests.memoryModule(min: 1), engine: engine).instantiate(store: store)
        XCTAssertEqual(seen.map { $0.kind }, [.instance, .memory])
        XCTAssertEqual(try call(inst, "grow", [.i32(1)]), .i32(1))
        XCTAssertEqual(try call(inst, "grow", [.i32(1)]), .i32(UInt32(bitPattern: -1)))  // refused by the callback
        XCTAssertEqual(try call(inst, "grow", [.i32(2)]), .i32(2))
        XCTAssertEqual(seen.last, ResourceRequest(kind: .memory, current: 2, desired: 4, maximum: nil,
                                                  totalBytes: 2 * 65536, totalBytesAfter: 4 * 65536))
        // Total bytes: 4 pages held; 6 more would exceed 10.
        XCTAssertEqual(try call(inst, "grow", [.i32(7)]), .i32(UInt32(bitPattern: -1)))
        XCTAssertEqual(try call(inst, "grow", [.i32(6)]), .i32(4))
        XCTAssertEqual(store.totalBytes, 10 * 65536)
        XCTAssertNil(inst.exportedMemory("memory")!.grow(by: 1))
    }

    // MARK: pool allocator

    /// The VM stack comes from the store's allocator too: a small one (32 KiB of slots, 256
    /// frames) leaves the pool to the memories and tables these tests measure.
    static var smallVMStack: EngineConfiguration {
        var c = EngineConfiguration()
        c.stackSlots = 4096
        c.maxCallDepth = 256
        return c
    }

    func testPoolExhaustionIsAClearErrorAndFreeingReturnsEverything() throws {
        guard let pool = PoolAllocator(capacity: 2 << 20) else { return XCTFail("pool") }
        let start = pool.heap.inUse
        XCTAssertEqual(start, 0)
        let engine = Engine(configuration: MemoryTests.smallVMStack)
        let module = try Module(bytes: MemoryTests.tableModule(memPages: 3, tableMin: 1000), engine: engine)
        var instantiated = 0, failures = 0
        do {
            var sc = StoreConfiguration()
            sc.allocator = pool
            let store = Store(engine: engine, configuration: sc)
            while failures < 5 {
                do {
                    let inst = try module.instantiate(store: store)
                    instantiated += 1
                    XCTAssertEqual(try call(inst, "tgrow", [.i32(1)]), .i32(1000))
                } catch WispError.resource(let message) {
                    failures += 1
                    XCTAssertTrue(message.contains("out of memory"), message)
                }
            }
            XCTAssertEqual(store.instanceCount, instantiated)
            XCTAssertGreaterThan(pool.statistics.failures, 0)
            XCTAssertGreaterThan(pool.heap.failures, 0)
            print("pool 2 MiB: " + String(instantiated) + " instances of 3 pages + 1000 elements, peak "
                  + String(pool.heap.peak) + " bytes, then " + String(failures) + " clean resource errors")
        }
        XCTAssertGreaterThan(instantiated, 5)
        // The store is gone: everything it took is back.
        XCTAssertEqual(pool.heap.inUse, start)
        XCTAssertEqual(pool.statistics.inUse, 0)
        XCTAssertEqual(pool.heap.liveBlocks, 0)
        XCTAssertEqual(pool.heap.freeSpace().freeBlocks, 1)
        // And the pool serves as many again.
        var sc = StoreConfiguration()
        sc.allocator = pool
        let store = Store(engine: engine, configuration: sc)
        var again = 0
        while let inst = try? module.instantiate(store: store) {
            again += 1
            XCTAssertEqual(try call(inst, "tgrow", [.i32(1)]), .i32(1000))
        }
        XCTAssertEqual(again, instantiated)
    }

    func testPoolMemoryGrowReturnsMinusOneWhenExhausted() throws {
        guard let pool = PoolAllocator(capacity: 1 << 20) else { return XCTFail("pool") }
        var sc = StoreConfiguration()
        sc.allocator = pool
        let engine = Engine(configuration: MemoryTests.smallVMStack)
        let store = Store(engine: engine, configuration: sc)
        let inst = try Module(bytes: MemoryTests.memoryModule(min: 1), engine: engine).instantiate(store: store)
        var pages = 1
        while try call(inst, "grow", [.i32(1)]) != .i32(UInt32(bitPattern: -1)) { pages += 1 }
        // Growing in place: the block extends into the free space after it, so nearly all the pool is usable.
        XCTAssertGreaterThanOrEqual(pages, 14)
        XCTAssertEqual(try call(inst, "load", [.i32(UInt32(pages * 65536 - 4))]), .i32(0))
        XCTAssertEqual(pool.statistics.failures, pool.heap.failures)
    }

    func testPoolHeapAlignmentResizeAndCoalescing() {
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { raw.deallocate() }
        guard let heap = PoolHeap(buffer: raw) else { return XCTFail("heap") }
        let full = heap.freeSpace().largestFreeBlock
        var ptrs: [UnsafeMutableRawPointer] = []
        for (i, align) in [1, 8, 16, 32, 64, 256, 4096].enumerated() {
            guard let p = heap.allocate(size: 100 + i, alignment: align) else { return XCTFail("alloc") }
            XCTAssertEqual(UInt(bitPattern: p) % UInt(align), 0)
            XCTAssertTrue(heap.owns(p))
            XCTAssertGreaterThanOrEqual(heap.usableSize(p), 100 + i)
            p.initializeMemory(as: UInt8.self, repeating: UInt8(i), count: 100 + i)
            ptrs.append(p)
        }
        for (i, p) in ptrs.enumerated() {
            XCTAssertEqual(p.load(fromByteOffset: 99 + i, as: UInt8.self), UInt8(i))
        }
        // The last block can grow in place into the free tail, and shrink back.
        XCTAssertTrue(heap.resizeInPlace(ptrs.last!, to: 20_000))
        XCTAssertEqual(ptrs.last!.load(fromByteOffset: 100, as: UInt8.self), 6)
        XCTAssertTrue(heap.resizeInPlace(ptrs.last!, to: 50))
        XCTAssertFalse(heap.resizeInPlace(ptrs[0], to: 60_000))
        XCTAssertNil(heap.allocate(size: 1 << 17))
        for p in ptrs.reversed() where true { heap.free(p) }
        XCTAssertEqual(heap.inUse, 0)
        XCTAssertEqual(heap.freeSpace().freeBlocks, 1)
        XCTAssertEqual(heap.freeSpace().largestFreeBlock, full)
        // Re-attaching finds the same state.
        let again = PoolHeap(attachingTo: heap.controlAddress)!
        XCTAssertEqual(again.capacity, heap.capacity)
        XCTAssertEqual(again.failures, 1)
    }

    /// Random mixed sizes with a fixed seed: every request fails only when no free block is large
    /// enough; records the worst fragmentation seen at a failure (free bytes vs. largest free block).
    func testPoolFragmentationWorstCase() {
        let capacity = 4 << 20
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { raw.deallocate() }
        guard let heap = PoolHeap(buffer: raw) else { return XCTFail("heap") }
        var rng: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng }
        var live: [(UnsafeMutableRawPointer, Int)] = []
        var failures = 0, worstFreeAtFailure = 0, worstRequestAtFailure = 0, worstLargest = 0
        var maxLive = 0, operations = 0
        for _ in 0..<200_000 {
            operations += 1
            if live.isEmpty || next() % 100 < 55 {
                // Sizes 16 B ... 64 KiB, log-uniform: many small blocks pinning holes between big ones.
                let size = 16 << Int(next() % 13) + Int(next() % 512)
                if let p = heap.allocate(size: size) {
                    p.storeBytes(of: size, as: Int.self)
                    live.append((p, size))
                    maxLive = max(maxLive, heap.inUse)
                } else {
                    failures += 1
                    let fs = heap.freeSpace()
                    XCTAssertLessThan(fs.largestFreeBlock, size, "failed although a block fits")
                    if fs.freeBytes > worstFreeAtFailure {
                        worstFreeAtFailure = fs.freeBytes
                        worstRequestAtFailure = size
                        worstLargest = fs.largestFreeBlock
                    }
                    // Free a random half-dozen to make progress.
                    for _ in 0..<6 where !live.isEmpty {
                        let i = Int(next() % UInt64(live.count))
                        heap.free(live[i].0)
                        live.swapAt(i, live.count - 1)
                        live.removeLast()
                    }
                }
            } else {
                let i = Int(next() % UInt64(live.count))
                XCTAssertEqual(live[i].0.load(as: Int.self), live[i].1)
                heap.free(live[i].0)
                live.swapAt(i, live.count - 1)
                live.removeLast()
            }
        }
        for (p, _) in live { heap.free(p) }
        XCTAssertEqual(heap.inUse, 0)
        XCTAssertEqual(heap.freeSpace().freeBlocks, 1)
        XCTAssertGreaterThan(failures, 0, "the workload must reach exhaustion to measure fragmentation")
        print("pool fragmentation: " + String(operations) + " operations, " + String(failures) + " failures; peak in use "
              + String(maxLive * 100 / heap.capacity) + "% of " + String(heap.capacity) + " bytes; worst failure: "
              + String(worstRequestAtFailure) + " bytes refused with " + String(worstFreeAtFailure) + " bytes free ("
              + String(worstFreeAtFailure * 100 / heap.capacity) + "% of the pool), largest free block "
              + String(worstLargest))
    }

    // MARK: allocator routing and tags

    func testAllocationsAreTaggedAndRoutable() throws {
        let tables = SystemAllocator(), rest = SystemAllocator()
        let router = RoutingAllocator(fallback: rest, routes: [(.table, tables)])
        var sc = StoreConfiguration()
        sc.allocator = router
        let engine = Engine()
        do {
            let store = Store(engine: engine, configuration: sc)
            _ = try Module(bytes: MemoryTests.tableModule(memPages: 2, tableMin: 100), engine: engine).instantiate(store: store)
            XCTAssertEqual(tables.statistics.inUse(.table), 800)
            XCTAssertEqual(tables.statistics.inUse(.linearMemory), 0)
            XCTAssertEqual(rest.statistics.inUse(.linearMemory), 2 * 65536)
            XCTAssertEqual(router.statistics.inUse(.table), 800)
            XCTAssertGreaterThan(router.statistics.inUse(.instance), 0)
        }
        XCTAssertEqual(tables.statistics.inUse, 0)
        XCTAssertEqual(rest.statistics.inUse, 0)
    }

    func testMemoryOptionsParsing() throws {
        XCTAssertEqual(try MemoryOptions(backend: "heap", maxMemory: nil).backend, .heap)
        XCTAssertEqual(try MemoryOptions(backend: "reserved", maxMemory: "64KiB").limits.maxMemoryPages, 1)
        XCTAssertEqual(try MemoryOptions(backend: "static:1MiB", maxMemory: nil).backend, .staticBuffer(bytes: 1 << 20))
        XCTAssertEqual(try MemoryOptions(backend: "static:131072", maxMemory: "2M").limits.maxTotalBytes, 2 << 20)
        XCTAssertThrowsError(try MemoryOptions(backend: "stack", maxMemory: nil))
        XCTAssertThrowsError(try MemoryOptions(backend: "static:", maxMemory: nil))
        XCTAssertThrowsError(try MemoryOptions(backend: nil, maxMemory: "lots"))
        var config = EngineConfiguration()
        let options = try MemoryOptions(backend: "static:1MiB", maxMemory: nil)
        options.apply(to: &config)
        let engine = Engine(configuration: config)
        let store = Store(engine: engine)
        let inst = try Module(bytes: MemoryTests.memoryModule(min: 1), engine: engine).instantiate(store: store)
        XCTAssertEqual(inst.exportedMemory("memory")!.maximumPageCount, 16)
    }
    // MARK: benchmark (Benchmarks/memory/run.sh)

    /// Interpreter speed on memory-heavy workloads with each backend. Runs only with
    /// WISP_MEMORY_BENCH=1 (it takes a while; use a release build): Benchmarks/memory/run.sh.
    func testBenchmarkBackends() throws {
        guard ProcessInfo.processInfo.environment["WISP_MEMORY_BENCH"] == "1" else { throw XCTSkip("set WISP_MEMORY_BENCH=1") }
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Benchmarks/workloads/wasm").path
        let rounds = Int(ProcessInfo.processInfo.environment["WISP_MEMORY_BENCH_ROUNDS"] ?? "") ?? 3
        let bank = StaticBufferBank(capPages: 1024)
        var backends: [(String, MemoryBackendProvider)] = [
            ("heap", { _ in .heap }),
            ("static", { r in .staticBuffer(bank.buffer(pages: min(r.maxPages, bank.capPages))) }),
        ]
        if MemoryBackendChoice.isReservedAvailable { backends.append(("reserved", { _ in .reserved })) }
        for workload in ["sieve", "matmul", "lz77", "quicksort", "sha256"] {
            guard let bytes = FileManager.default.contents(atPath: folder + "/" + workload + ".wasm") else { continue }
            var line = workload + ":"
            for (name, provider) in backends {
                var c = EngineConfiguration()
                c.memoryBackend = provider
                let engine = Engine(configuration: c)
                let store = Store(engine: engine)
                let inst = try Module(bytes: [UInt8](bytes), engine: engine).instantiate(store: store)
                let run = inst.exportedFunction("run")!
                let arg: Value = .i32(workload == "matmul" ? 120 : 1)  // matmul's argument is the matrix size
                _ = try run.call([arg])
                var best = Double.infinity
                for _ in 0..<rounds {
                    let t = Date()
                    _ = try run.call([arg])
                    best = min(best, Date().timeIntervalSince(t))
                }
                line += " " + name + " " + String(Int(best * 1000)) + " ms"
            }
            print("memory bench " + line)
        }
    }
}
