import Foundation
import XCTest
import Wisp
import WispSpecTest

/// Every assertion of the 2.0 spec suite also passes with fuel metering on, run in tiny slices
/// (1 to 7 units, refilled at each suspension), and every invoke consumes exactly what it
/// consumes in one unsliced metered run.
final class FuelSpecTests: XCTestCase {
    func testSpecSuiteInTinySlicesMatchesUnslicedMeteredRun() throws {
        let folder = SharedData.wasm2JSON
        guard FileManager.default.fileExists(atPath: folder) else {
            XCTFail(SharedData.missingHint + " Looked in " + folder)
            return
        }
        var config = EngineConfiguration()
        config.fuelMetering = true
        var checked = 0, invokes = 0
        for (i, script) in SpecTestRunner.scripts(inFolder: folder).enumerated() {
            var whole = SpecTestRunner(features: .wasm2, log: { _ in })
            whole.configuration = config
            let reference = whole.run(file: script)
            var sliced = whole
            sliced.fuelSlice = UInt64(1 + i % 7)
            let result = sliced.run(file: script)
            XCTAssertEqual(reference.failed, 0, "\(reference.name) metered: \(reference.failures.prefix(3).map { $0.description })")
            XCTAssertEqual(result.failed, 0, "\(result.name) in slices of \(sliced.fuelSlice!): \(result.failures.prefix(3).map { $0.description })")
            XCTAssertEqual(result.passed, reference.passed, result.name)
            XCTAssertEqual(result.fuelLog, reference.fuelLog, "\(result.name): fuel per invoke differs when sliced")
            checked += result.passed
            invokes += result.fuelLog.count
        }
        print("fuel: \(checked) assertions passed metered and sliced; \(invokes) invokes with identical fuel totals")
        XCTAssertGreaterThan(invokes, 45_000)
    }
}
