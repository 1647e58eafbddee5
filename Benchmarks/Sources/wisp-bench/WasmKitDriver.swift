@_spi(OnlyForCLI) import WasmKit

/// WasmKit 0.4.2 with its default configuration (direct-threaded interpreter, lazy
/// translation, mprotect bounds checks where available).
let wasmKitDriver = RuntimeDriver(
    name: "wasmkit",
    load: { bytes in
        let module = try parseWasm(bytes: bytes)
        let engine = Engine()
        let store = Store(engine: engine)
        let instance = try module.instantiate(store: store, imports: Imports())
        guard let run = instance.exports[function: "run"] else {
            throw BenchError("module exports no function \"run\"")
        }
        let takesArgument = !run.type.parameters.isEmpty
        return LoadedWorkload(callRun: { argument in
            let results = try run(takesArgument ? [.i32(argument)] : [])
            return try canonical(results)
        })
    },
    startup: { bytes, eager in
        let t0 = now()
        let module = try parseWasm(bytes: bytes)
        let t1 = now()
        let engine = Engine(configuration: EngineConfiguration(compilationMode: eager ? .eager : .lazy))
        let store = Store(engine: engine)
        var imports = Imports()
        for entry in module.imports {
            guard case .function(let typeIndex) = entry.descriptor,
                let type = module.functionType(at: typeIndex)
            else { throw BenchError("unsupported import \(entry.module).\(entry.name)") }
            let name = "\(entry.module).\(entry.name)"
            imports.define(
                module: entry.module, name: entry.name,
                Function(store: store, type: type) { _, _ in throw BenchError("stub import \(name) called") })
        }
        let t2 = now()
        _ = try module.instantiate(store: store, imports: imports)
        let t3 = now()
        return StartupTimes(
            parse: t1 - t0, instantiate: t3 - t2,
            note: eager
                ? "parse = decode; instantiate = module validation + translation and validation of every body"
                : "parse = decode; instantiate = module validation only (bodies translated lazily)")
    },
    instances: { bytes, count in
        let module = try parseWasm(bytes: bytes)
        let engine = Engine()
        var keep: [Any] = [engine]
        for _ in 0..<count {
            let store = Store(engine: engine)
            keep.append(store)
            keep.append(try module.instantiate(store: store, imports: Imports()))
        }
        return keep
    }
)

private func canonical(_ results: [Value]) throws -> String {
    guard results.count == 1 else { throw BenchError("run returned \(results.count) values") }
    switch results[0] {
    case .i32(let v): return "i32:\(v)"
    case .i64(let v): return "i64:\(v)"
    default: throw BenchError("run returned a non-integer value")
    }
}
