// Robustness: truncated and byte-flipped versions of the spec suite's modules go through decoding,
// validation, instantiation and calls of their exports under a fuel budget. The engine must reject
// bad input with a WispError or a Trap, never crash or hang.

import Foundation
import Wisp
import WispSpecTest
import XCTest

/// SplitMix64: a small deterministic generator, so every run feeds the same mutants.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
}

final class MutationTests: XCTestCase {
    static let seed: UInt64 = 0x5749_5350  // "WISP"
    /// At least this many mutants; `WISP_MUTANTS` may ask for more.
    static let defaultMutantCount = 10_000
    /// Fuel for a mutant's instantiation and for each call: enough for the suite's functions, small
    /// enough that a loop stops in milliseconds and `memory.grow` (1 unit per page) stays modest.
    static let fuelPerRun: UInt64 = 10_000

    /// Applies one random mutation; returns the mutant and a description to reproduce it.
    /// Half of the point mutations land inside a function body (`bodies`, when the original
    /// decodes), so the validator sees well-framed modules with bad code, not only the decoder.
    static func mutate(_ original: [UInt8], bodies: [Range<Int>], _ rng: inout SplitMix64) -> ([UInt8], String) {
        var b = original
        guard !b.isEmpty else { return ([0x00], "empty -> [00]") }
        func position() -> Int {
            if !bodies.isEmpty && rng.below(2) == 0 {
                let r = bodies[rng.below(bodies.count)]
                if !r.isEmpty { return r.lowerBound + rng.below(r.count) }
            }
            return rng.below(b.count)
        }
        switch rng.below(7) {
        case 0:
            let n = rng.below(b.count)
            return (Array(b.prefix(n)), "truncate to \(n)")
        case 1:
            let i = position(), v = UInt8(truncatingIfNeeded: rng.next())
            b[i] = v
            return (b, "byte \(i) = \(v)")
        case 2:
            var what: [String] = []
            for _ in 0..<(2 + rng.below(4)) {
                let i = position(), v = UInt8(truncatingIfNeeded: rng.next())
                b[i] = v
                what.append("\(i)=\(v)")
            }
            return (b, "bytes " + what.joined(separator: ","))
        case 3:
            let interesting: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x40, 0x41, 0x0B, 0x60, 0x70, 0x6F, 0x7B, 0xFC, 0xFD]
            let i = position(), v = interesting[rng.below(interesting.count)]
            b[i] = v
            return (b, "byte \(i) = \(v)")
        case 4:
            let i = position(), bit = rng.below(8)
            b[i] ^= UInt8(1 << bit)
            return (b, "flip bit \(bit) of byte \(i)")
        case 5:
            let i = position(), n = 1 + rng.below(min(16, b.count - i))
            b.removeSubrange(i..<(i + n))
            return (b, "delete \(n) at \(i)")
        default:
            let i = rng.below(b.count + 1), n = 1 + rng.below(8)
            b.insert(contentsOf: (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: i)
            return (b, "insert \(n) at \(i)")
        }
    }

    func testMutatedSuiteModulesNeverCrash() throws {
        let folder = SharedData.wasm2JSON
        guard FileManager.default.fileExists(atPath: folder), let enumerator = FileManager.default.enumerator(atPath: folder) else {
            return XCTFail(SharedData.missingHint + " Looked in " + folder)
        }
        var paths: [String] = []
        for case let p as String in enumerator where p.hasSuffix(".wasm") { paths.append(p) }
        paths.sort()
        let engine = Engine()
        // The bases are the modules that load: mutating the suite's malformed ones would mostly
        // test the same early rejections again.
        let originals: [(path: String, bytes: [UInt8], bodies: [Range<Int>])] = paths.compactMap { p in
            guard let data = FileManager.default.contents(atPath: folder + "/" + p) else { return nil }
            let bytes = [UInt8](data)
            guard let module = try? Module(bytes: bytes, engine: engine) else { return nil }
            return (p, bytes, module.parsed.codes.map { $0.code })
        }
        XCTAssertGreaterThan(originals.count, 1000, "the 2.0 suite has about 1,500 valid modules")
        guard !originals.isEmpty else { return }

        let env = ProcessInfo.processInfo.environment
        let count = max(Self.defaultMutantCount, Int(env["WISP_MUTANTS"] ?? "") ?? 0)
        // Prints each mutant before it runs, so a crash names the input that caused it.
        let trace = env["WISP_MUTATION_TRACE"] != nil

        // Fuel bounds everything a mutant runs (its start function and the exports called below),
        // so an accidental infinite loop ends with "out of fuel" instead of hanging the test.
        var config = EngineConfiguration()
        config.fuelMetering = true
        config.maxCallDepth = 10_000
        let runEngine = Engine(configuration: config)

        var rng = SplitMix64(state: Self.seed)
        var malformed = 0, invalid = 0, linkErrors = 0, instantiationTraps = 0, resourceErrors = 0
        var instantiated = 0, calls = 0, returned = 0
        var trapsByKind: [String: Int] = [:]
        for n in 0..<count {
            let (path, original, bodies) = originals[rng.below(originals.count)]
            let (bytes, how) = Self.mutate(original, bodies: bodies, &rng)
            if trace { FileHandle.standardError.write(Data("mutant \(n): \(path): \(how)\n".utf8)) }
            let module: Module
            do {
                module = try Module(bytes: bytes, engine: runEngine)
            } catch {
                switch error {
                case .format(let e): if e.kind == .malformed { malformed += 1 } else { invalid += 1 }
                default: XCTFail("\(path) (\(how)): decoding threw a non-format error: \(error.description)")
                }
                continue
            }
            let store = Store(engine: runEngine)
            defer { withExtendedLifetime(store) {} }
            let instance: Instance
            do {
                try store.setFuel(Self.fuelPerRun)
                let imports = try SpectestHost.imports(store: store)
                instance = try module.instantiate(store: store, imports: imports)
                instantiated += 1
            } catch {
                switch error {
                case .link: linkErrors += 1
                case .trap: instantiationTraps += 1
                case .resource: resourceErrors += 1
                case .format(let e): XCTFail("\(path) (\(how)): instantiation threw a format error: \(e.description)")
                case .misuse(let m): XCTFail("\(path) (\(how)): instantiation reported a misuse: \(m)")
                }
                continue
            }
            // Every exported function, with zeros (and nulls) for its parameters.
            for (_, export) in instance.exports {
                guard case .function(let f) = export else { continue }
                calls += 1
                do {
                    try store.setFuel(Self.fuelPerRun)
                    _ = try f.call(f.type.parameters.map { Value.zero($0) })
                    returned += 1
                } catch let trap as Trap {
                    trapsByKind[trap.message, default: 0] += 1
                } catch {
                    XCTFail("\(path) (\(how)): setFuel failed: \(error)")
                }
            }
        }
        print("""
            mutants: \(count) (seed \(Self.seed))
              rejected at decode (malformed): \(malformed)
              rejected at validation (invalid): \(invalid)
              rejected at link: \(linkErrors)
              trapped at instantiation (segments or start function): \(instantiationTraps)
              resource errors: \(resourceErrors)
              instantiated: \(instantiated)
            exported functions called: \(calls), returned: \(returned), trapped: \(calls - returned)
            """)
        for (message, k) in trapsByKind.sorted(by: { $0.value > $1.value }) { print("  trap \"\(message)\": \(k)") }
        XCTAssertEqual(malformed + invalid + linkErrors + instantiationTraps + resourceErrors + instantiated, count)
        // Mutations that break the framing must be caught by the decoder, and some must survive it.
        XCTAssertGreaterThan(malformed, 0)
        XCTAssertGreaterThan(instantiated, 0)
        XCTAssertGreaterThan(returned, 0)
    }
}
