// The `wisp` command line: run a module's export, validate a module, run spec test scripts.
// (The command is `WispCommand`: this module is `wisp`, the engine library `Wisp`.)

import ArgumentParser
import Foundation
import SystemPackage
import Wisp
import WispSpecTest
import WispText
import WispWASI

@main
struct WispCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wisp",
        abstract: "A WebAssembly runtime: 2.0, and of 3.0 exception handling, tail calls and extended constant expressions.",
        version: "wisp 0.1.0",
        subcommands: [RunCommand.self, CompileCommand.self, ValidateCommand.self, SpecTestCommand.self])
}

/// The proposal set a command runs with: `Features(parsing:)` of the `--features` text.
struct FeatureList: CustomStringConvertible {
    var text: String
    var features: Features
    /// What help shows as the default.
    var description: String { text }
}

struct FeatureOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The WebAssembly proposals to accept: presets wasm1 (the MVP), wasm2, wasm3 (what Wisp implements of 3.0), all (the default), and proposal switches applied in order, e.g. wasm2,+tail-call or -simd.", discussion: "Proposals: " + Features.names.map { $0.name }.joined(separator: ", ") + ".", valueName: "list"),
            transform: { text throws in
                do throws(FeatureListError) {
                    return FeatureList(text: text, features: try Features(parsing: text))
                } catch {
                    throw ValidationError(error.message)
                }
            })
    var features: FeatureList = FeatureList(text: "all", features: .all)

    @Flag(help: "Validate each function body on its first call only (an invalid body then traps when reached). `wisp run` otherwise validates every body on another thread while the module runs, and fails as at load if one is invalid.")
    var lazyValidation = false

    func makeConfiguration() -> EngineConfiguration {
        var config = EngineConfiguration()
        config.features = features.features
        if lazyValidation { config.validation = .lazy }
        return config
    }

    func makeEngine() -> Engine { Engine(configuration: makeConfiguration()) }
}

/// Prints `message` on standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Reads a module file, or prints why it cannot and fails. A module in the text format (a file
/// named `.wat`, or whose first token is `(` or a comment) is encoded to the binary format, with
/// the map from its instructions back to the text; a text error is printed as
/// `PATH:LINE:COLUMN: message`.
func readModuleFile(_ path: String) throws -> (bytes: [UInt8], sourceMap: WATSourceMap?) {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
        printError("error: no such file: " + path)
        throw ExitCode.failure
    }
    guard !isDir.boolValue, let bytes = try? readWholeFile(path) else {
        printError("error: cannot read " + path)
        throw ExitCode.failure
    }
    guard isTextModule(bytes, path: path) else { return (bytes, nil) }
    do throws(WATError) {
        let r = try WAT.encodeWithSourceMap(String(decoding: bytes, as: UTF8.self))
        return (r.bytes, r.sourceMap)
    } catch {
        printError("error: " + path + ":" + error.description)
        throw ExitCode.failure
    }
}

/// Whether a module file holds the text format: never when it starts with the binary's magic.
func isTextModule(_ bytes: [UInt8], path: String) -> Bool {
    if bytes.starts(with: [0x00, 0x61, 0x73, 0x6D]) { return false }
    if path.hasSuffix(".wat") { return true }
    guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return false }
    return first == UInt8(ascii: "(") || first == UInt8(ascii: ";")
}

/// The file's bytes, read straight into the array: one copy, not two (a `Data` and then an
/// array), which for a big module (yosys.wasm, 69 MB) was a tenth of `wisp run`'s start-up, and
/// half the peak memory of the file.
func readWholeFile(_ path: String) throws -> [UInt8] {
    let fd = try FileDescriptor.open(path, .readOnly)
    defer { try? fd.close() }
    let size = Int(try fd.seek(offset: 0, from: .end))
    _ = try fd.seek(offset: 0, from: .start)
    var bytes = try [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
        count = 0
        while count < size {
            let n = try fd.read(into: UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[count...]))
            if n == 0 { break }
            count += n
        }
    }
    // A file that grew since its size was taken: read the rest too.
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = try chunk.withUnsafeMutableBytes { try fd.read(into: $0) }
        if n == 0 { break }
        bytes.append(contentsOf: chunk[..<n])
    }
    return bytes
}

/// Decodes and validates a module, or prints the error (with its offset, or for a text module
/// the line and column of the instruction at fault) and fails; returns it and, for a text module,
/// its source map.
/// An artifact of `wisp compile` loads with its native code, if it was compiled with `features`
/// (the `--features` text) for this wisp and this machine.
func loadModule(_ path: String, engine: Engine, features: String = "all") throws -> (module: Module, sourceMap: WATSourceMap?) {
    let file = try readModuleFile(path)
    if Artifact.isArtifact(file.bytes) {
        return (try loadArtifact(file.bytes, path: path, engine: engine, features: features), nil)
    }
    do throws(WispError) {
        return (try Module(bytes: file.bytes, engine: engine), file.sourceMap)
    } catch {
        printError(describeModuleError(error, path: path, sourceMap: file.sourceMap))
        throw ExitCode.failure
    }
}

/// "error: PATH: invalid module at offset N: message", or for an error in a function body of a
/// text module, "error: PATH:LINE:COLUMN: invalid module: message".
func describeModuleError(_ error: WispError, path: String, sourceMap: WATSourceMap?) -> String {
    if case .format(let e) = error, let at = sourceMap?.position(ofBinaryOffset: e.offset) {
        return "error: " + path + ":" + String(at.line) + ":" + String(at.column) + ": "
            + (e.kind == .malformed ? "malformed module: " : "invalid module: ") + e.message
    }
    return "error: " + path + ": " + error.description
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a WebAssembly module: a WASI command's _start, or the export named by --invoke.",
        usage: "wisp run [--dir HOST[::GUEST]]... [--env K=V]... [--invoke NAME] module.wasm [ARGS...]",
        discussion: """
            Like `wasmtime run`: the module gets WASI preview 1 (wasi_snapshot_preview1) with argv = \
            the module path as given followed by ARGS, only the environment given with --env, and only \
            the directories given with --dir (a strict sandbox: no path leaves them). Standard streams \
            are the terminal's. The exit status is the guest's proc_exit code (0 when _start returns).

            With --invoke, ARGS are also the function's parameters when it has any: i32/i64 as decimal \
            integers (may be negative), f32/f64 as decimal floats (also inf, -inf, nan); each result \
            is printed on its own line.

            A trap prints the trap message and a backtrace on standard error and exits with status \
            134 (as Wasmtime does); any other error exits with status 1.
            """)

    @Option(name: .customLong("dir"), help: ArgumentHelp(
        "Preopen the host directory HOST for the guest, as GUEST (default: HOST itself).", valueName: "HOST[::GUEST]"))
    var dirs: [String] = []

    @Option(name: .customLong("env"), help: ArgumentHelp("Set the guest environment variable K to V.", valueName: "K=V"))
    var env: [String] = []

    @Option(help: "The exported function to call instead of _start.")
    var invoke: String?

    @Flag(help: "Satisfy function imports that WASI does not provide with functions that trap when called, instead of refusing the module.")
    var trapUnknownImports = false

    @OptionGroup var featureOptions: FeatureOptions

    @OptionGroup var execution: ExecutionOptions

    @Argument(help: "The module (.wasm binary).")
    var module: String

    @Argument(parsing: .captureForPassthrough, help: "Arguments of the guest (and of the --invoke function).")
    var arguments: [String] = []

    func run() throws {
        // Passthrough parsing keeps a "--" separator; it only marks where the arguments start.
        let arguments = self.arguments.first == "--" ? Array(self.arguments.dropFirst()) : self.arguments
        var config = WASIConfiguration()
        config.arguments = [module] + arguments
        for e in env {
            guard let eq = e.firstIndex(of: "="), eq != e.startIndex else {
                printError("error: --env expects K=V, got \"" + e + "\"")
                throw ExitCode.failure
            }
            config.environment.append(e)
        }
        for d in dirs {
            let host: String, guest: String
            if let r = d.range(of: "::") {
                host = String(d[..<r.lowerBound])
                guest = String(d[r.upperBound...])
            } else {
                host = d
                guest = d
            }
            guard !host.isEmpty, !guest.isEmpty else {
                printError("error: --dir expects HOST[::GUEST], got \"" + d + "\"")
                throw ExitCode.failure
            }
            config.preopens.append(.init(hostPath: host, guestPath: guest))
        }
        let wasi: WASI
        do {
            wasi = try WASI(configuration: config)
        } catch {
            printError("error: " + error.description)
            throw ExitCode.failure
        }

        var engineConfig = featureOptions.makeConfiguration()
        try execution.configure(&engineConfig)
        // Full validation runs beside the module (ConcurrentValidation.swift): the engine
        // validates lazily, and a thread validates every body meanwhile.
        let concurrent = engineConfig.validation != .lazy
        engineConfig.validation = .lazy
        let engine = Engine(configuration: engineConfig)
        let (module, sourceMap) = try loadModule(self.module, engine: engine, features: featureOptions.features.text)
        let store = Store(engine: engine)
        // Instances and functions reach their store through unretained references: keep it alive
        // until the last call returns.
        defer { withExtendedLifetime(store) {} }
        let validation = concurrent ? module.validateBesideRun(path: self.module, sourceMap: sourceMap, store: store) : nil
        do {
            try run(module: module, store: store, wasi: wasi, arguments: arguments)
        } catch {
            // An invalid module fails as it would have at load, whatever its run did meanwhile
            // (the error has been printed).
            if validation?.wait() != nil { throw ExitCode.failure }
            throw error
        }
        if validation?.wait() != nil { throw ExitCode.failure }
    }

    private func run(module: Module, store: Store, wasi: WASI, arguments: [String]) throws {
        let status: Int32
        do {
            let instance: Instance
            switch try wasi.instantiate(module: module, store: store, trapUnknownImports: trapUnknownImports) {
            case .exited(let s): throw ExitCode(s)
            case .instance(let i): instance = i
            }
            if invoke == nil, instance.exportedFunction("_start") == nil {
                printError("error: " + self.module + ": module has no _start export, so it is not a WASI command; "
                           + "use --invoke NAME to call one of its exported functions")
                throw ExitCode.failure
            }
            if let invoke, instance.exportedFunction(invoke) == nil {
                if instance.export(invoke) != nil {
                    printError("error: export \"" + invoke + "\" is not a function")
                } else {
                    printError("error: module has no exported function \"" + invoke + "\"")
                }
                throw ExitCode.failure
            }
            let function = try WASI.entryPoint(instance, invoke: invoke)
            let params = function.type.parameters
            var values: [Value] = []
            if !params.isEmpty {
                guard arguments.count == params.count else {
                    printError("error: " + (invoke ?? "_start") + " takes " + String(params.count) + " argument(s) ("
                               + params.map { $0.name }.joined(separator: ", ") + "), got " + String(arguments.count))
                    throw ExitCode.failure
                }
                for (text, type) in zip(arguments, params) {
                    guard let v = CommandLineValues.parse(text, as: type) else {
                        printError("error: cannot parse \"" + text + "\" as " + type.name)
                        throw ExitCode.failure
                    }
                    values.append(v)
                }
            }
            // A reactor (no _start) is initialized before the export named by --invoke runs.
            let initializer = invoke != nil ? WASI.reactorInitializer(instance) : nil
            let outcome = try RunSession(store: store, options: execution).call(function, values, after: initializer)
            status = outcome.status
            for r in outcome.results { print(CommandLineValues.format(r)) }
        } catch let error as WASIRunError {
            switch error {
            case .trap(let t):
                printError(t.description)
                throw ExitCode(134)
            case .instantiation(.trap(let t)):
                printError(t.description)
                throw ExitCode(134)
            default:
                printError("error: " + self.module + ": " + error.description)
                throw ExitCode.failure
            }
        }
        flushStandardOutput()
        if status != 0 { throw ExitCode(status) }
    }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Decode and validate a module: prints \"valid\", or the error with its byte offset.")

    @OptionGroup var featureOptions: FeatureOptions

    @Argument(help: "The module (.wasm binary, or .wat text).")
    var module: String

    func run() throws {
        // Validation is the point here: --lazy-validation would leave the bodies unchecked.
        var config = featureOptions.makeConfiguration()
        config.validation = .eager
        _ = try loadModule(module, engine: Engine(configuration: config))
        print("valid")
    }
}
