#if WITH_WISP
    import Foundation
    import Wisp
    import WispAOTHost

    /// Wisp with its default configuration.
    let wispDriver: RuntimeDriver? = makeWispDriver(name: "wisp", reserved: false)

    /// Wisp with every linear memory in an address-space reservation (`--memory-backend reserved`),
    /// for the grow benchmark's comparison of backends.
    let wispReservedDriver: RuntimeDriver? = makeWispDriver(name: "wisp-reserved", reserved: true)

    /// Wisp as `wisp run` starts a module: lazy validation, and every body validated on another
    /// thread meanwhile (`Module.validateFunctionBodies`); the startup benchmark times the start
    /// (to the instance) and reports when that validation ended.
    let wispConcurrentDriver: RuntimeDriver? = makeWispDriver(name: "wisp-concurrent", reserved: false, concurrent: true)

    /// Wisp running the module's code compiled ahead of time (`wisp compile`: WispAOT's C built
    /// by the C compiler at -O2). The compiled code is cached by the module's digest in the
    /// temporary folder, so each round's process does not compile again; the first compile's time
    /// is printed on standard error.
    let wispAOTDriver: RuntimeDriver? = makeWispDriver(name: "wisp-aot", reserved: false, aot: true)

    /// The module's native code: from the cache, or compiled now (and cached).
    private func nativeCode(for module: Module) throws -> NativeCode {
        let digest = moduleHash(module.parsed.bytes).prefix(12).map { String($0, radix: 16) }.joined()
        let path = NSTemporaryDirectory() + "wisp-bench-aot-" + digest + ".so"
        if let cached = FileManager.default.contents(atPath: path) {
            return try loadSharedObject([UInt8](cached))
        }
        let t0 = now()
        let built = try buildSharedObject(module.parsed)
        FileManager.default.createFile(atPath: path, contents: Data(built.object))
        FileHandle.standardError.write(Data(("wisp-aot: compiled " + String(built.generator.compiled.filter { $0 }.count) + " of "
            + String(module.parsed.functions.count) + " functions in " + String(format: "%.2f", now() - t0) + " s\n").utf8))
        return try loadSharedObject(built.object)
    }

    private func makeWispDriver(name: String, reserved: Bool, concurrent: Bool = false, aot: Bool = false) -> RuntimeDriver { RuntimeDriver(
        name: name,
        load: { bytes in
            var configuration = EngineConfiguration()
            if reserved { configuration.memoryBackend = { _ in .reserved } }
            let engine = Engine(configuration: configuration)
            let store = Store(engine: engine)
            let module: Module
            let instance: Instance
            do {
                module = try Module(bytes: bytes, engine: engine)
                if aot { try module.attach(try nativeCode(for: module)) }
                instance = try module.instantiate(store: store, imports: Imports())
            } catch {
                throw BenchError(describe(error))
            }
            guard let run = instance.exportedFunction("run") else {
                throw BenchError("module exports no function \"run\"")
            }
            let takesArgument = !run.type.parameters.isEmpty
            return LoadedWorkload(callRun: { argument in
                let results: [Value]
                do {
                    results = try run.call(takesArgument ? [.i32(argument)] : [])
                } catch {
                    throw BenchError("trap: " + describe(error))
                }
                guard results.count == 1 else { throw BenchError("run returned \(results.count) values") }
                switch results[0] {
                case .i32(let v): return "i32:\(v)"
                case .i64(let v): return "i64:\(v)"
                default: throw BenchError("run returned a non-integer value")
                }
            })
        },
        startup: { bytes, eager in
            // python.wasm uses exception handling (Wasm 3.0), on by default (`.all`).
            var configuration = EngineConfiguration()
            // Not eager: function bodies are validated on their first call, like WasmKit's default.
            if !eager || concurrent { configuration.validation = .lazy }
            let engine = Engine(configuration: configuration)
            let t0 = now()
            let module: Module
            do {
                module = try Module(bytes: bytes, engine: engine)
            } catch {
                throw BenchError(describe(error))
            }
            let t1 = now()
            // As `wisp run`: one processor is left to the module itself; `end` is written on the
            // validation's thread and read after `wait()` has joined it.
            var end = 0.0
            let validation = concurrent
                ? module.validateFunctionBodiesInBackground(threads: max(1, ProcessInfo.processInfo.activeProcessorCount - 1)) { _ in
                    end = now()
                } : nil
            let store = Store(engine: engine)
            var imports = Imports()
            for entry in module.imports {
                guard case .function(let typeIndex) = entry.descriptor else {
                    throw BenchError("unsupported import \(entry.module).\(entry.name)")
                }
                let type = module.parsed.types[Int(typeIndex)]
                let name = entry.module + "." + entry.name
                imports.define(
                    module: entry.module, name: entry.name,
                    .function(
                        Function(store: store, type: type) { _, _ throws(Trap) in
                            throw Trap(.host, message: "stub import " + name + " called")
                        }))
            }
            let t2 = now()
            do {
                _ = try module.instantiate(store: store, imports: imports)
            } catch {
                throw BenchError(describe(error))
            }
            let t3 = now()
            if let validation {
                if let error = validation.wait() { throw BenchError(describe(error)) }
                return StartupTimes(
                    parse: t1 - t0, instantiate: t3 - t2,
                    note: "as parse and instantiate of lazy; every body validated on another thread meanwhile, done "
                        + String(Int((end - t0) * 1000)) + " ms after the start")
            }
            // Wisp has no eager-translation switch in its API yet; `eager` is reported, not applied.
            return StartupTimes(
                parse: t1 - t0, instantiate: t3 - t2,
                note: eager
                    ? "parse = decode + full validation (bodies included); instantiate = linking and data segments; bodies translated on first call"
                    : "parse = decode + validation of all but function bodies; instantiate = linking and data segments; bodies validated and translated on first call")
        },
        instances: wispInstances
    ) }

    private func wispInstances(_ bytes: [UInt8], _ count: Int) throws -> [Any] {
        let engine = Engine()
        do {
            let module = try Module(bytes: bytes, engine: engine)
            var keep: [Any] = [engine, module]
            for _ in 0..<count {
                let store = Store(engine: engine)
                keep.append(store)
                keep.append(try module.instantiate(store: store, imports: Imports()))
            }
            return keep
        } catch {
            throw BenchError(describe(error))
        }
    }

    private func describe(_ error: any Error) -> String {
        if let e = error as? WispError { return e.description }
        if let t = error as? Trap { return t.description }
        return "\(error)"
    }
#else
    /// Built without Wisp (WISP_BENCH_WITHOUT_WISP=1), normally because it did not compile.
    let wispDriver: RuntimeDriver? = nil
    let wispReservedDriver: RuntimeDriver? = nil
    let wispConcurrentDriver: RuntimeDriver? = nil
    let wispAOTDriver: RuntimeDriver? = nil
#endif
