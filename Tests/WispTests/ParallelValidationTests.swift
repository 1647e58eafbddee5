// Eager validation of a big module on several threads (`EngineConfiguration.validationThreads`)
// must accept and refuse exactly what validation on one thread does, with the same error.

import Wisp
import XCTest

#if canImport(Glibc) || canImport(Darwin)
final class ParallelValidationTests: XCTestCase {
    /// `count` functions of type () -> () whose bodies are `i32.const 0; drop` repeated to about
    /// 1 KiB, except those in `invalid`, which are a `drop` with nothing to drop ("type mismatch")
    /// followed by the same filler. With 3,200 bodies, the code section is 3.3 MB: three runs.
    static func module(count: Int, invalid: Set<Int>) -> [UInt8] {
        typealias W = WasmBytes
        let filler = [UInt8](repeating: 0, count: 340).flatMap { _ in [0x41, 0x00, 0x1A] as [UInt8] }
        let bodies = (0..<count).map { i in W.body((invalid.contains(i) ? [0x1A] : []) + filler + [0x0B]) }
        return W.header
            + W.section(1, W.vec([[0x60, 0x00, 0x00]]))
            + W.section(3, W.vec((0..<count).map { _ in [0x00] }))
            + W.section(10, W.vec(bodies))
    }

    func load(_ bytes: [UInt8], threads: Int) -> WispError? {
        var config = EngineConfiguration()
        config.validationThreads = threads
        do {
            _ = try Module(bytes: bytes, engine: Engine(configuration: config))
            return nil
        } catch {
            return error
        }
    }

    func testSameErrorsOnOneAndManyThreads() throws {
        // No invalid body; one in a later run; two in different runs, where the first must win
        // whichever run finishes first; the very last body.
        for invalid: Set<Int> in [[], [2_500], [900, 2_300], [3_199]] {
            let bytes = Self.module(count: 3_200, invalid: invalid)
            let one = load(bytes, threads: 1)
            for threads in [3] {
                XCTAssertEqual(load(bytes, threads: threads), one, "invalid bodies \(invalid), \(threads) threads")
            }
            if invalid.isEmpty {
                XCTAssertNil(one)
            } else {
                guard case .format(let e)? = one else { return XCTFail("\(invalid): \(String(describing: one))") }
                XCTAssertTrue(e.description.contains("type mismatch"), e.description)
            }
        }
    }
}
#endif
