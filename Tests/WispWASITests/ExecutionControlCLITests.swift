import Foundation
import XCTest

/// `wisp run`'s execution control, end to end through the built binary: fuel, slices, timeout,
/// the stack dump on SIGQUIT, the profiler, and runaway recursion.
final class ExecutionControlCLITests: XCTestCase {
    var wisp: String { productsDirectory + "/wisp" }
    let loops = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Programs/loops.wasm").path

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: wisp) else { throw XCTSkip("no wisp binary at " + wisp) }
    }

    /// Runs wisp; `signal` is sent after `after` seconds if given.
    func run(_ args: [String], signal: Int32? = nil, after: Double = 0.5) throws -> (status: Int32, out: String, err: String, seconds: Double) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: wisp)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let start = Date()
        try p.run()
        if let s = signal {
            Thread.sleep(forTimeInterval: after)
            kill(p.processIdentifier, s)
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .exit, "wisp must exit, not die of a signal")
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self), Date().timeIntervalSince(start))
    }

    func testFuelReportAndSlicesGiveTheSameOutput() throws {
        let whole = try run(["run", "--fuel-report", "--invoke", "mix", loops, "3"])
        let sliced = try run(["run", "--fuel-report", "--fuel-slice", "3", "--invoke", "mix", loops, "3"])
        XCTAssertEqual(whole.status, 0)
        XCTAssertEqual(sliced.out, whole.out)
        XCTAssertTrue(whole.err.contains("fuel consumed: 206419"), whole.err)
        XCTAssertTrue(sliced.err.contains("fuel consumed: 206419"), sliced.err)
        XCTAssertTrue(sliced.err.contains("slices: "), sliced.err)
    }

    func testOutOfFuelStopsWithTheStack() throws {
        let r = try run(["run", "--fuel", "1000", "--invoke", "mix", loops, "3"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.err.contains("out of fuel"), r.err)
        XCTAssertTrue(r.err.contains("hot80") && r.err.contains("mix"), r.err)
    }

    func testTimeoutInterruptsAnInfiniteLoop() throws {
        let r = try run(["run", "--timeout", "1", "--invoke", "spin", loops])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertLessThan(r.seconds, 2)
        XCTAssertTrue(r.err.contains("interrupted"), r.err)
        XCTAssertTrue(r.err.contains("level5") && r.err.contains("spin"), r.err)
    }

    func testSIGQUITPrintsTheStackAndTheGuestRunsOn() throws {
        let r = try run(["run", "--timeout", "1.5", "--invoke", "spin", loops], signal: SIGQUIT, after: 0.5)
        XCTAssertTrue(r.err.contains("guest stack (SIGQUIT)"), r.err)
        // The dump comes first; the run goes on until the timeout interrupts it.
        let dump = r.err.range(of: "guest stack")!.lowerBound
        let interrupted = r.err.range(of: "interrupted")!.lowerBound
        XCTAssertLessThan(dump, interrupted)
        XCTAssertTrue(r.err[dump...].contains("level5"))
    }

    func testProfileSharesMatchTheProgram() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wisp-profile-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        // About 700 samples: the shares' standard error is then 0.015, a third of the tolerance.
        let r = try run(["run", "--profile", file, "--profile-rate", "1000", "--invoke", "mix", loops, "1000"])
        XCTAssertEqual(r.status, 0, r.err)
        var counts: [String: Int] = [:]
        for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: " ")
            counts[String(parts[0]), default: 0] += Int(parts[1])!
        }
        let total = Double(counts.values.reduce(0, +))
        XCTAssertGreaterThan(total, 100, "too few samples: \(counts)")
        let hot80 = Double(counts["mix;hot80"] ?? 0) / total, hot20 = Double(counts["mix;hot20"] ?? 0) / total
        XCTAssertEqual(hot80, 0.8, accuracy: 0.05, "\(counts)")
        XCTAssertEqual(hot20, 0.2, accuracy: 0.05, "\(counts)")
    }

    func testRunawayRecursionIsACleanTrap() throws {
        let r = try run(["run", "--invoke", "forever", loops, "0"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.err.contains("call stack exhausted"), r.err)
        XCTAssertTrue(r.err.contains("forever"), r.err)
    }
}
