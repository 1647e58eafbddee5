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

    func run(_ name: String, _ arg: Int32, metered: Bool) throws -> UInt64 {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name + ".wasm")))
        var config = EngineConfiguration()
        config.fuelMetering = metered
        let engine = Engine(configuration: config)
        let store = Store(engine: engine)
        if metered { try store.setFuel(1 << 40) }
        let instance = try Module(bytes: bytes, engine: engine).instantiate(store: store)
        let run = try XCTUnwrap(instance.exportedFunction("run"), name)
        switch try run.call([.i32(UInt32(bitPattern: arg))]).first {
        case .i32(let v)?: return UInt64(v)
        case .i64(let v)?: return v
        default: XCTFail("\(name): run returned no i32 or i64"); return 0
        }
    }

    func testWorkloadsMatchWasmtime() throws {
        for (name, arg, expected, alsoMetered) in Self.workloads {
            XCTAssertEqual(try run(name, arg, metered: false), expected, "\(name)(\(arg))")
            if alsoMetered {
                XCTAssertEqual(try run(name, arg, metered: true), expected, "\(name)(\(arg)), metered")
            }
        }
    }
}
