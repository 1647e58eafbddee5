// Shared by the libFuzzer targets and the differential runner: an engine sized for fuzzing,
// stub imports for whatever a module asks for, and the skeleton module that turns arbitrary
// bytes into one function body so the execution fuzzer reaches the translator and interpreter
// far more often than whole-module mutation would.
import Wisp

public enum Harness {
    /// Fuel each call may burn before it traps with "out of fuel"; bounds every run.
    public static let fuelPerCall: UInt64 = 10_000

    /// A metered engine with a small VM stack and call depth, so a fuzzer iteration costs little
    /// and deep recursion ends quickly (ASan makes large allocations expensive).
    public static func makeEngine(fuel: Bool = true) -> Engine {
        var c = EngineConfiguration()
        c.fuelMetering = fuel
        c.stackSlots = 1 << 16
        c.maxCallDepth = 2_000
        // The fuzzer looks for bugs, not for the host's allocation limits (libFuzzer counts a
        // huge malloc as a crash): memories beyond 16 MiB and large tables are refused.
        c.limits = ResourceLimits(maxMemoryPages: 256, maxTableElements: 100_000,
                                  maxInstances: 16, maxTotalBytes: 64 << 20)
        return Engine(configuration: c)
    }

    /// Values for every import of `module`: host functions that return zeros, and fresh memories,
    /// tables and globals of the declared types (globals hold zero). Throws when a limit refuses
    /// a memory or table.
    public static func stubImports(module: Module, store: Store) throws(WispError) -> Imports {
        var imports = Imports()
        for imp in module.imports {
            let value: Extern
            switch imp.descriptor {
            case .function(let typeIndex):
                // (As the store names it: the type may refer to others.)
                let type = store.functionType(Int(typeIndex), of: module)!
                let results = type.results
                value = .function(Function(store: store, type: type) { _, _ in
                    results.map { Value.zero($0) }
                })
            case .memory(let type):
                value = .memory(try Memory(store: store, type: type))
            case .table(let type):
                value = .table(Table(store: store, type: type, initial: nil))
            case .global(let type):
                value = .global(try Global(store: store, type: type, value: .zero(type.valueType)))
            case .tag(let typeIndex):
                value = .tag(try Tag(store: store, type: store.functionType(Int(typeIndex), of: module)!))
            }
            imports.define(module: imp.module, name: imp.name, value)
        }
        return imports
    }

    /// A deterministic argument of `type` drawn from `seed` (boundary values are likely).
    public static func argument(_ type: ValueType, seed: inout UInt64) -> Value {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        let r = seed >> 11
        let pick = Int(r & 7)
        let specials64: [UInt64] = [0, 1, UInt64.max, 0x8000_0000_0000_0000, 0x7FFF_FFFF_FFFF_FFFF]
        switch type {
        case .i32:
            return .i32(pick < 5 ? UInt32(truncatingIfNeeded: specials64[pick] >> (pick == 3 ? 32 : 0)) : UInt32(truncatingIfNeeded: r >> 8))
        case .i64:
            return .i64(pick < 5 ? specials64[pick] : r &* 0x9E37_79B9_7F4A_7C15)
        case .f32:
            let s: [UInt32] = [0, 0x8000_0000, 0x3F80_0000, 0x7F80_0000, 0x7FC0_0000]
            return .f32(pick < 5 ? s[pick] : UInt32(truncatingIfNeeded: r))
        case .f64:
            let s: [UInt64] = [0, 0x8000_0000_0000_0000, 0x3FF0_0000_0000_0000, 0x7FF0_0000_0000_0000, 0x7FF8_0000_0000_0000]
            return .f64(pick < 5 ? s[pick] : r &* 0x9E37_79B9_7F4A_7C15)
        case .v128:
            return .v128(V128(lo: r, hi: r &* 31))
        case .externref:
            return .externref(pick < 4 ? nil : UInt64(pick))
        default:
            // Other references: null (funcref, exnref and typed references: a non-null typed
            // parameter then refuses it, as Wasmtime does).
            return .zero(type)
        }
    }

    /// Instantiates `bytes` with stub imports and calls every exported function under the fuel
    /// budget, plain or resumable (suspending on fuel and resuming a few times). Never traps out:
    /// every error is an expected outcome for fuzzed input. Returns a one-line summary per step,
    /// which the regression tests compare with their expected outcome.
    @discardableResult
    public static func run(bytes: [UInt8], engine: Engine, resumable: Bool, seed: UInt64 = 0) -> [String] {
        var log: [String] = []
        let module: Module
        do { module = try Module(bytes: bytes, engine: engine) } catch {
            log.append("invalid")
            return log
        }
        let store = Store(engine: engine)
        if store.isMetered { try? store.setFuel(fuelPerCall) }
        let instance: Instance
        do {
            let imports = try stubImports(module: module, store: store)
            instance = try module.instantiate(store: store, imports: imports)
        } catch {
            log.append("instantiate: " + describe(error))
            return log
        }
        log.append("instantiated")
        var seed = seed
        for (name, ext) in instance.exports {
            switch ext {
            case .function(let f):
                let args = f.type.parameters.map { argument($0, seed: &seed) }
                if store.isMetered { try? store.setFuel(fuelPerCall) }
                log.append(name + ": " + call(f, args, store: store, resumable: resumable))
            case .memory(let m):
                // Touch the whole memory through the API, as an embedder inspecting it would.
                var sum: UInt64 = 0
                if let bytes = try? m.read(at: 0, count: m.byteCount) { for b in bytes { sum = sum &* 31 &+ UInt64(b) } }
                log.append(name + ": memory " + String(m.pageCount) + " pages")
            case .global(let g):
                _ = g.value
            case .table(let t):
                for i in 0 ..< min(t.count, 64) { _ = t.get(i) }
            case .tag:
                break
            }
        }
        return log
    }

    static func call(_ f: Function, _ args: [Value], store: Store, resumable: Bool) -> String {
        if !resumable {
            do { return describe(try f.call(args)) } catch { return "trap " + describe(error) }
        }
        do {
            var outcome = try f.callResumable(args)
            var resumes = 0
            while case .suspended(let handle) = outcome {
                resumes += 1
                if resumes > 4 { return "suspended" }
                try? store.addFuel(fuelPerCall)
                outcome = try handle.resume()
            }
            if case .returned(let values) = outcome { return describe(values) }
            return "?"
        } catch {
            return "trap " + describe(error)
        }
    }

    public static func describe(_ values: [Value]) -> String {
        "[" + values.map(describe).joined(separator: ", ") + "]"
    }

    public static func describe(_ v: Value) -> String {
        switch v {
        case .i32(let x): return "i32:" + String(x)
        case .i64(let x): return "i64:" + String(x)
        case .f32(let x): return "f32:" + String(x)
        case .f64(let x): return "f64:" + String(x)
        case .v128(let x): return "v128:" + String(x.lo) + ":" + String(x.hi)
        case .funcref(let f): return f == nil ? "funcref:null" : "funcref:func"
        case .externref(let e): return e.map { "externref:" + String($0) } ?? "externref:null"
        case .exnref(let e): return e == nil ? "exnref:null" : "exnref:exception"
        }
    }

    public static func describe(_ t: Trap) -> String { kindName(t.kind) }

    public static func describe(_ e: WispError) -> String {
        switch e {
        case .format: return "invalid"
        case .link: return "link"
        case .trap(let t): return "trap " + kindName(t.kind)
        case .resource: return "resource"
        case .misuse: return "misuse"
        }
    }

    /// Stable names for trap kinds, shared with difftest.py.
    public static func kindName(_ k: TrapKind) -> String {
        switch k {
        case .unreachable: return "unreachable"
        case .memoryOutOfBounds: return "memory_oob"
        case .tableOutOfBounds: return "table_oob"
        case .indirectCallToNull: return "indirect_null"
        case .indirectCallTypeMismatch: return "bad_signature"
        case .undefinedElement: return "table_oob"
        case .integerDivideByZero: return "div_by_zero"
        case .integerOverflow: return "int_overflow"
        case .invalidConversionToInteger: return "bad_conversion"
        case .callStackExhausted: return "stack_overflow"
        case .nativeStackExhausted: return "stack_overflow"
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
