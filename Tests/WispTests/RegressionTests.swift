import XCTest
import Wisp

/// Replays every input under Tests/Regressions (crashes and divergences the fuzzers found) and
/// compares what Wisp does with the expected outcome beside it. The procedure mirrors the
/// execution fuzzer's harness (Fuzz/Sources/FuzzHarness/Harness.swift): stub imports, every
/// export called with zero arguments under a fuel budget. See Tests/Regressions/README.md.
final class RegressionTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Regressions")

    func testEveryRegressionInput() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
        let inputs = names.filter { $0.hasSuffix(".wasm") }.sorted()
        XCTAssertFalse(inputs.isEmpty, "no regression inputs found in \(Self.folder.path)")
        for expectedFile in names where expectedFile.hasSuffix(".expected") {
            XCTAssertTrue(names.contains(String(expectedFile.dropLast(9)) + ".wasm"), "\(expectedFile) has no .wasm")
        }
        for input in inputs {
            let base = String(input.dropLast(5))
            let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(input)))
            let expectedText = try String(contentsOf: Self.folder.appendingPathComponent(base + ".expected"), encoding: .utf8)
            let expected = expectedText.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            // Plain calls, then resumable calls sliced into small budgets: both must give the outcome.
            XCTAssertEqual(Self.replay(bytes, resumable: false), expected, "\(input), plain calls")
            XCTAssertEqual(Self.replay(bytes, resumable: true), expected, "\(input), resumable calls")
        }
    }

    static let fuelPerCall: UInt64 = 10_000

    static func replay(_ bytes: [UInt8], resumable: Bool) -> [String] {
        var config = EngineConfiguration()
        config.fuelMetering = true
        config.stackSlots = 1 << 16
        config.maxCallDepth = 2_000
        config.limits = ResourceLimits(maxMemoryPages: 256, maxTableElements: 100_000,
                                       maxInstances: 16, maxTotalBytes: 64 << 20)
        let engine = Engine(configuration: config)
        let module: Module
        do { module = try Module(bytes: bytes, engine: engine) } catch { return ["invalid"] }
        let store = Store(engine: engine)
        var log: [String] = []
        let instance: Instance
        do {
            try store.setFuel(fuelPerCall)
            instance = try module.instantiate(store: store, imports: stubImports(module, store))
        } catch let e as WispError {
            switch e {
            case .format: return ["invalid"]
            case .link: return ["instantiate: link"]
            case .resource: return ["instantiate: resource"]
            case .misuse: return ["instantiate: misuse"]
            case .trap(let t): return ["instantiate: trap " + kindName(t.kind)]
            }
        } catch {
            return ["instantiate: \(error)"]
        }
        log.append("instantiated")
        for (name, ext) in instance.exports {
            guard case .function(let f) = ext else { continue }
            let args = f.type.parameters.map { Value.zero($0) }
            try? store.setFuel(fuelPerCall)
            log.append(name + ": " + call(f, args, store, resumable: resumable))
        }
        return log
    }

    static func call(_ f: Function, _ args: [Value], _ store: Store, resumable: Bool) -> String {
        do {
            if !resumable { return describe(try f.call(args)) }
            // Start with a small budget and top it up until the call has had fuelPerCall in all,
            // so a resumed call sees exactly the fuel a plain call would.
            let slice: UInt64 = 97
            try? store.setFuel(slice)
            var granted = slice
            var outcome = try f.callResumable(args)
            while case .suspended(let handle) = outcome {
                if granted >= fuelPerCall { return "trap out_of_fuel" }
                let more = min(slice, fuelPerCall - granted)
                granted += more
                try? store.addFuel(more)
                outcome = try handle.resume()
            }
            guard case .returned(let values) = outcome else { return "?" }
            return describe(values)
        } catch let t as Trap {
            return "trap " + kindName(t.kind)
        } catch {
            return "error \(error)"
        }
    }

    static func stubImports(_ module: Module, _ store: Store) throws -> Imports {
        var imports = Imports()
        for imp in module.imports {
            let value: Extern
            switch imp.descriptor {
            case .function(let typeIndex):
                let type = module.parsed.types[Int(typeIndex)]
                let results = type.results
                value = .function(Function(store: store, type: type) { _, _ in results.map { Value.zero($0) } })
            case .memory(let type): value = .memory(try Memory(store: store, type: type))
            case .table(let type): value = .table(Table(store: store, type: type, initial: nil))
            case .global(let type): value = .global(try Global(store: store, type: type, value: .zero(type.valueType)))
            case .tag(let typeIndex): value = .tag(try Tag(store: store, type: module.parsed.types[Int(typeIndex)]))
            }
            imports.define(module: imp.module, name: imp.name, value)
        }
        return imports
    }

    static func describe(_ values: [Value]) -> String {
        "[" + values.map { v -> String in
            switch v {
            case .i32(let x): return "i32:\(x)"
            case .i64(let x): return "i64:\(x)"
            case .f32(let x): return "f32:\(x)"
            case .f64(let x): return "f64:\(x)"
            case .v128(let x): return "v128:\(x.lo):\(x.hi)"
            case .funcref(let f): return f == nil ? "funcref:null" : "funcref:func"
            case .externref(let e): return e.map { "externref:\($0)" } ?? "externref:null"
            case .exnref(let e): return e == nil ? "exnref:null" : "exnref:exception"
            }
        }.joined(separator: ", ") + "]"
    }

    /// The names Fuzz/Sources/FuzzHarness/Harness.swift and Fuzz/difftest.py use.
    static func kindName(_ k: TrapKind) -> String {
        switch k {
        case .unreachable: return "unreachable"
        case .memoryOutOfBounds: return "memory_oob"
        case .tableOutOfBounds, .undefinedElement: return "table_oob"
        case .indirectCallToNull: return "indirect_null"
        case .indirectCallTypeMismatch: return "bad_signature"
        case .integerDivideByZero: return "div_by_zero"
        case .integerOverflow: return "int_overflow"
        case .invalidConversionToInteger: return "bad_conversion"
        case .callStackExhausted, .nativeStackExhausted: return "stack_overflow"
        case .outOfFuel: return "out_of_fuel"
        case .interrupted: return "interrupted"
        case .host: return "host"
        case .misuse: return "misuse"
        case .exit: return "exit"
        case .yield: return "yield"
        case .uncaughtException: return "exception"
        case .nullExceptionReference, .nullFunctionReference, .nullReference: return "null_reference"
        }
    }
}
