import CooperativeScheduler
import Foundation
import XCTest
import Wisp

/// The scheduler example: 1,000 guests round-robin on one thread, fuel shared fairly.
final class SchedulerTests: XCTestCase {
    func testThousandGuestsShareFuelWithinOnePercent() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Programs/loops.wasm")
        var config = EngineConfiguration()
        config.fuelMetering = true
        config.stackSlots = 16 * 1024
        config.maxCallDepth = 1000
        let engine = Engine(configuration: config)
        let store = Store(engine: engine)
        let module = try Module(bytes: [UInt8](Data(contentsOf: url)), engine: engine)
        let scheduler = Scheduler(store: store, slice: 5_000)
        for i in 0..<1_000 {
            let instance = try module.instantiate(store: store)
            // Most guests spin forever; every tenth computes something and finishes.
            if i % 10 == 0 {
                _ = scheduler.spawn(instance.exportedFunction("deep")!, [.i32(200)])
            } else {
                _ = scheduler.spawn(instance.exportedFunction("spin")!)
            }
        }
        scheduler.run(rounds: 10)
        let finishers = scheduler.guests.filter { $0.id % 10 == 0 }
        XCTAssertTrue(finishers.allSatisfy { $0.results == [.i32(200)] })
        let spinners = scheduler.guests.filter { $0.id % 10 != 0 }
        XCTAssertTrue(spinners.allSatisfy { !$0.isFinished && $0.turns == 10 })
        XCTAssertTrue(scheduler.guests.allSatisfy { $0.trap == nil })
        print("scheduler: spread of fuel consumed across \(spinners.count) running guests: \(scheduler.consumptionSpread * 100) %")
        XCTAssertLessThan(scheduler.consumptionSpread, 0.01)
        XCTAssertEqual(Set(spinners.map { $0.granted }).count, 1, "every running guest was granted the same fuel")
        scheduler.abandonAll()
    }
}
