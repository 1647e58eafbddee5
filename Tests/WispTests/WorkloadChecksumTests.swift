import XCTest
@testable import Wisp

/// The benchmark workloads (Benchmarks/workloads, C compiled to wasm32; the ten and the six added later) as a test of the
/// translator's rewrites: real compiler output exercises combinations of them (the accumulator,
/// adds folded into branches, add pairs, `local.tee` reads) that the spec testsuite's hand-written
/// functions do not. An `i32AddI2` that broke an accumulator hand-over passed the spec suite and
/// changed lz77's checksum; this test runs each workload at a small size and compares its
/// checksum with Wasmtime's.
///
/// The expected values are Wasmtime 49's results for these arguments (the harness,
/// Benchmarks/harness.py, checks every runtime against Wasmtime at the full sizes on every run):
///   python3 -c "import wasmtime as w; e=w.Engine(); s=w.Store(e);
///     f=w.Instance(s, w.Module.from_file(e, 'Benchmarks/workloads/wasm/NAME.wasm'), []).exports(s)['run'];
///     print(f(s, ARG))"
/// printed as unsigned. Debug builds run them in about 30 s (quicksort is half of it).
final class WorkloadChecksumTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Benchmarks/workloads/wasm")

    /// (workload, argument, expected result bits, whether to run it metered as well)
    static let workloads: [(String, Int32, UInt64, Bool)] = [
        ("fib", 20, 6765, true),
        ("sieve", 1, 116_432_714, false),
        ("matmul", 30, 13_860_279_565_541_964_098, true),
        ("sha256", 1, 380_617_299, false),
        ("lz77", 1, 199_225_342, false),
        ("json", 1, 3_249_038_150, true),
        ("nbody", 1000, 13_818_632_080_152_731_561, true),
        ("quicksort", 1, 3_219_937_424, false),
        ("interp", 100, 3142, true),
        ("coremark", 2, 6675, true),
        // The six added for issue #25 (what the ten miss).
        ("crypto64", 1, 13_993_391_347_675_331_169, true),
        ("raytrace", 1, 2_264_221_412, false),
        ("dispatch", 10, 436_498_648, true),
        ("strings", 1, 3_626_630_138, false),
        ("memops", 1, 2_721_017_975, true),
        ("numeric", 1, 4_625_317_785_103_936_098, true),
    ]

    /// The workload's result, and with metering the fuel it consumed; `slice`: metered, run in
    /// slices of that many units, resumed after every suspension.
    func run(_ name: String, _ arg: Int32, metered: Bool, slice: UInt64? = nil) throws -> (UInt64, UInt64) {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name + ".wasm")))
        var config = EngineConfiguration()
        config.fuelMetering = metered || slice != nil
        let engine = Engine(configuration: config)
        let store = Store(engine: engine)
        if config.fuelMetering { try store.setFuel(slice ?? 1 << 40) }
        let instance = try Module(bytes: bytes, engine: engine).instantiate(store: store)
        let run = try XCTUnwrap(instance.exportedFunction("run"), name)
        let before = store.fuelConsumed
        var outcome = try run.callResumable([.i32(UInt32(bitPattern: arg))])
        while case .suspended(let call) = outcome, let slice {
            try store.addFuel(slice)
            outcome = try call.resume()
        }
        let used = store.fuelConsumed - before
        guard case .returned(let results) = outcome else { XCTFail("\(name): did not return"); return (0, used) }
        switch results.first {
        case .i32(let v)?: return (UInt64(v), used)
        case .i64(let v)?: return (v, used)
        default: XCTFail("\(name): run returned no i32 or i64"); return (0, used)
        }
    }

    func testWorkloadsMatchWasmtime() throws {
        for (name, arg, expected, alsoMetered) in Self.workloads {
            XCTAssertEqual(try run(name, arg, metered: false).0, expected, "\(name)(\(arg))")
            if alsoMetered {
                let (r, fuel) = try run(name, arg, metered: true)
                XCTAssertEqual(r, expected, "\(name)(\(arg)), metered")
                // Suspended every 10,007 units, at metered branches and calls of every form (the
                // fused ones stop before they act and save the accumulator): the same result and
                // the same fuel. (Without that, crypto64, dispatch, memops, numeric diverge.)
                let (r2, fuel2) = try run(name, arg, metered: true, slice: 10_007)
                XCTAssertEqual(r2, expected, "\(name)(\(arg)), metered in slices")
                XCTAssertEqual(fuel2, fuel, "\(name)(\(arg)), fuel in slices")
            }
        }
    }
}
