// memory.grow costs time proportional to the pages added, with every backend and allocator.
// Work is counted, not timed: the bytes each backend copied, zeroed, allocated or committed
// (MemoryEntity.growthWorkBytes), and for the heap, independently, what the allocator was asked for.

import Foundation
@testable import Wisp
import XCTest

/// Delegates to a `SystemAllocator` and adds up what it is asked to provide for linear memory:
/// every byte of a new block (which `reallocate` may then copy into) and every byte a block is
/// resized by. With
/// `remaps` false it refuses remapping, so growth goes through allocate-copy-free.
final class CountingAllocator: Allocator {
    let system = SystemAllocator()
    let remaps: Bool
    var requestedBytes = 0
    var remapCount = 0
    init(remaps: Bool) { self.remaps = remaps }

    override func primitiveAllocate(byteCount: Int, alignment: Int, tag: AllocationTag) -> UnsafeMutableRawPointer? {
        if tag == .linearMemory { requestedBytes += byteCount }
        return system.primitiveAllocate(byteCount: byteCount, alignment: alignment, tag: tag)
    }
    override func primitiveAllocateZeroed(byteCount: Int, alignment: Int, tag: AllocationTag) -> UnsafeMutableRawPointer? {
        if tag == .linearMemory { requestedBytes += byteCount }
        return system.primitiveAllocateZeroed(byteCount: byteCount, alignment: alignment, tag: tag)
    }
    override func primitiveRemap(_ pointer: UnsafeMutableRawPointer, from oldByteCount: Int, to newByteCount: Int,
                                 alignment: Int, tag: AllocationTag) -> UnsafeMutableRawPointer? {
        guard remaps, let p = system.primitiveRemap(pointer, from: oldByteCount, to: newByteCount, alignment: alignment, tag: tag) else {
            return nil
        }
        remapCount += 1
        requestedBytes += newByteCount - oldByteCount
        return p
    }
    override func primitiveDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int, tag: AllocationTag) {
        system.primitiveDeallocate(pointer, byteCount: byteCount, alignment: alignment, tag: tag)
    }
}

final class MemoryGrowthTests: XCTestCase {
    /// Pages each test grows by, one at a time. With the old exact-size reallocation this was
    /// N^2/2 pages of copying (11 GiB at 600): such a regression fails the work bounds below.
    static let pages = 600

    /// Grows memory 0 of `memoryModule(min: 1)` one page at a time to 1 + `pages`, writing the
    /// page number into each new page's first and last words and checking every earlier page's
    /// marks survived the moves; returns the memory.
    func growOneAtATime(_ store: Store, _ engine: Engine, metered: Bool = false) throws -> Memory {
        let inst = try Module(bytes: MemoryTests.memoryModule(min: 1), engine: engine).instantiate(store: store)
        let grow = inst.exportedFunction("grow")!, store32 = inst.exportedFunction("store")!, load = inst.exportedFunction("load")!
        if metered { try store.setFuel(UInt64.max / 2) }
        for i in 0..<MemoryGrowthTests.pages {
            XCTAssertEqual(try grow.call([.i32(1)]).first, .i32(UInt32(1 + i)))
            let page = UInt32(1 + i) * 65536
            XCTAssertEqual(try load.call([.i32(page)]).first, .i32(0), "new page \(1 + i) not zero")
            XCTAssertEqual(try load.call([.i32(page + 65532)]).first, .i32(0))
            _ = try store32.call([.i32(page), .i32(UInt32(i))])
            _ = try store32.call([.i32(page + 65532), .i32(UInt32(i) ^ 0xFFFF)])
        }
        for i in 0..<MemoryGrowthTests.pages {
            let page = UInt32(1 + i) * 65536
            XCTAssertEqual(try load.call([.i32(page)]).first, .i32(UInt32(i)))
            XCTAssertEqual(try load.call([.i32(page + 65532)]).first, .i32(UInt32(i) ^ 0xFFFF))
        }
        let m = inst.exportedMemory("memory")!
        XCTAssertEqual(m.pageCount, 1 + MemoryGrowthTests.pages)
        return m
    }

    /// Doubling capacities allocated one after another add up to less than twice the last, which
    /// is less than twice the final size; the copies, less than the last capacity: at most 6 bytes
    /// of work per byte of final size, against pages/2 per byte (300 here) when every grow copied.
    var bound: Int { 6 * (MemoryGrowthTests.pages + 1) * 65536 }

    func heap(remaps: Bool) throws {
        let allocator = CountingAllocator(remaps: remaps)
        var sc = StoreConfiguration()
        sc.allocator = allocator
        sc.memoryBackend = { _ in .heap }
        let engine = Engine()
        let store = Store(engine: engine, configuration: sc)
        let m = try growOneAtATime(store, engine)
        let memoryAllocations = allocator.statistics.allocations(.linearMemory)
        XCTAssertLessThanOrEqual(m.entity.growthWorkBytes, bound)
        XCTAssertLessThanOrEqual(allocator.requestedBytes, bound)
        // The capacity at least doubles: about log2(601) blocks (or remaps), not one per grow.
        XCTAssertLessThanOrEqual(memoryAllocations + allocator.remapCount, 12)
        // Spare capacity is reported as such: allocated, not the guest's, not in the store's total.
        XCTAssertEqual(allocator.statistics.inUse(.linearMemory), m.byteCount + m.spareByteCount)
        XCTAssertEqual(store.spareMemoryBytes, m.spareByteCount)
        XCTAssertEqual(store.totalBytes, m.byteCount)
        print("heap (\(remaps ? "remapping" : "copying")): \(MemoryGrowthTests.pages) one-page grows, "
              + "\(m.entity.growthWorkBytes / 65536) pages of growth work, \(memoryAllocations) allocations, "
              + "\(allocator.remapCount) remaps, spare \(m.spareByteCount / 65536) pages")
    }

    func testOnePageGrowsAreLinearOnTheHeapByRemapping() throws {
        try heap(remaps: true)
    }

    func testOnePageGrowsAreLinearOnTheHeapByCopying() throws {
        try heap(remaps: false)
    }

    func testOnePageGrowsAreLinearInAPool() throws {
        guard let pool = PoolAllocator(capacity: 256 << 20) else { return XCTFail("pool") }
        var sc = StoreConfiguration()
        sc.allocator = pool
        sc.memoryBackend = { _ in .heap }
        let engine = Engine(configuration: MemoryTests.smallVMStack)
        let store = Store(engine: engine, configuration: sc)
        let m = try growOneAtATime(store, engine)
        XCTAssertLessThanOrEqual(m.entity.growthWorkBytes, bound)
        XCTAssertEqual(pool.statistics.inUse(.linearMemory), m.byteCount + m.spareByteCount)
    }

    func testOnePageGrowsAreLinearInAStaticBuffer() throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: (MemoryGrowthTests.pages + 1) * 65536, alignment: 16)
        defer { buffer.deallocate() }
        var sc = StoreConfiguration()
        sc.memoryBackend = { _ in .staticBuffer(buffer) }
        let engine = Engine()
        let store = Store(engine: engine, configuration: sc)
        let m = try growOneAtATime(store, engine)
        // Exactly the new pages are zeroed, once.
        XCTAssertEqual(m.entity.growthWorkBytes, MemoryGrowthTests.pages * 65536)
        XCTAssertEqual(m.spareByteCount, 0)
    }

    func testOnePageGrowsAreLinearInAReservation() throws {
        guard MemoryBackendChoice.isReservedAvailable else { throw XCTSkip("no reservations on this platform") }
        var sc = StoreConfiguration()
        sc.memoryBackend = { _ in .reserved }
        let engine = Engine()
        let store = Store(engine: engine, configuration: sc)
        let m = try growOneAtATime(store, engine)
        // Exactly the new pages are committed, once.
        XCTAssertEqual(m.entity.growthWorkBytes, MemoryGrowthTests.pages * 65536)
    }

    /// Fuel charges a grow 1 + 1 per page: a bound of the work when the work is O(pages).
    func testFuelForGrowthBoundsItsWork() throws {
        var c = EngineConfiguration()
        c.fuelMetering = true
        c.memoryBackend = { _ in .heap }
        let engine = Engine(configuration: c)
        let store = Store(engine: engine)
        let before = store.fuelConsumed
        let m = try growOneAtATime(store, engine, metered: true)
        let fuel = Int(store.fuelConsumed - before)
        XCTAssertGreaterThanOrEqual(fuel, 2 * MemoryGrowthTests.pages)
        XCTAssertLessThanOrEqual(m.entity.growthWorkBytes / 65536, 2 * fuel)
    }

    /// Spare capacity stays within the store's byte limit and the memory's maximum.
    func testSpareCapacityRespectsLimitsAndMaximum() throws {
        var sc = StoreConfiguration()
        sc.memoryBackend = { _ in .heap }
        sc.limits = ResourceLimits(maxTotalBytes: 40 * 65536)
        let engine = Engine()
        let store = Store(engine: engine, configuration: sc)
        let inst = try Module(bytes: MemoryTests.memoryModule(min: 1), engine: engine).instantiate(store: store)
        let grow = inst.exportedFunction("grow")!
        for _ in 0..<30 { _ = try grow.call([.i32(1)]) }
        let m = inst.exportedMemory("memory")!
        XCTAssertEqual(m.pageCount, 31)
        XCTAssertLessThanOrEqual(m.byteCount + m.spareByteCount, 40 * 65536)
        for _ in 0..<9 { XCTAssertNotEqual(try grow.call([.i32(1)]).first, .i32(UInt32(bitPattern: -1))) }
        XCTAssertEqual(try grow.call([.i32(1)]).first, .i32(UInt32(bitPattern: -1)))

        let store2 = Store(engine: engine, configuration: { var s = StoreConfiguration(); s.memoryBackend = { _ in .heap }; return s }())
        let small = try Module(bytes: MemoryTests.memoryModule(min: 1, max: 5), engine: engine).instantiate(store: store2)
        let g2 = small.exportedFunction("grow")!
        for _ in 0..<3 { _ = try g2.call([.i32(1)]) }
        let m2 = small.exportedMemory("memory")!
        XCTAssertLessThanOrEqual(m2.byteCount + m2.spareByteCount, 5 * 65536)
    }
}
