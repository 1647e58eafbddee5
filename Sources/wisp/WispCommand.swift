// The `wisp` command line: run a module's export, validate a module, run spec test scripts.
// (The command is `WispCommand`: this module is `wisp`, the engine library `Wisp`.)

import ArgumentParser
import Foundation
import Wisp
import WispSpecTest

@main
struct WispCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wisp",
        abstract: "A WebAssembly 2.0 runtime.",
        version: "wisp 0.1.0",
        subcommands: [RunCommand.self, ValidateCommand.self, SpecTestCommand.self])
}

/// The proposal set a command runs with.
enum FeatureSet: String, ExpressibleByArgument, CaseIterable {
    case wasm1, wasm2

    var features: Features { self == .wasm1 ? .wasm1 : .wasm2 }
}

struct FeatureOptions: ParsableArguments {
    @Option(help: "The WebAssembly version to accept: wasm1 (the MVP) or wasm2.")
    var features: FeatureSet = .wasm2

    func makeEngine() -> Engine {
        var config = EngineConfiguration()
        config.features = features.features
        return Engine(configuration: config)
    }
}

/// Prints `message` on standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Reads a module file, or prints why it cannot and fails.
func readModuleFile(_ path: String) throws -> [UInt8] {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
        printError("error: no such file: " + path)
        throw ExitCode.failure
    }
    guard !isDir.boolValue, let data = FileManager.default.contents(atPath: path) else {
        printError("error: cannot read " + path)
        throw ExitCode.failure
    }
    return [UInt8](data)
}

/// Decodes and validates a module, or prints the error (with its offset) and fails.
func loadModule(_ path: String, engine: Engine) throws -> Module {
    let bytes = try readModuleFile(path)
    do {
        return try Module(bytes: bytes, engine: engine)
    } catch {
        printError("error: " + path + ": " + error.description)
        throw ExitCode.failure
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Instantiate a module and call its _start export, or the export named by --invoke.",
        discussion: """
            Arguments after the module are the invoked function's parameters: i32/i64 as decimal \
            integers (may be negative), f32/f64 as decimal floats (also inf, -inf, nan). Each result \
            is printed on its own line. A trap is printed on standard error and exits with status 1.
            """)

    @Option(help: "The exported function to call instead of _start.")
    var invoke: String?

    @OptionGroup var featureOptions: FeatureOptions

    @Argument(help: "The module (.wasm binary).")
    var module: String

    @Argument(parsing: .captureForPassthrough, help: "Arguments of the invoked function.")
    var arguments: [String] = []

    func run() throws {
        if invoke == nil, arguments.contains("--invoke") {
            printError("error: options go before the module: wisp run --invoke NAME module.wasm [ARGS...]")
            throw ExitCode.failure
        }
        let engine = featureOptions.makeEngine()
        let module = try loadModule(self.module, engine: engine)
        let store = Store(engine: engine)
        // Instances and functions reach their store through unretained references: keep it alive
        // until the last call returns.
        defer { withExtendedLifetime(store) {} }
        let instance: Instance
        do {
            instance = try module.instantiate(store: store, imports: Imports())
        } catch {
            var message = "error: " + self.module + ": " + error.description
            if case .link = error, module.imports.contains(where: { $0.module.hasPrefix("wasi") }) {
                message += " (WASI is not supported yet)"
            }
            printError(message)
            throw ExitCode.failure
        }
        let name = invoke ?? "_start"
        guard let function = instance.exportedFunction(name) else {
            if invoke == nil {
                printError("error: module has no _start export; use --invoke NAME")
            } else if instance.export(name) != nil {
                printError("error: export \"" + name + "\" is not a function")
            } else {
                printError("error: module has no exported function \"" + name + "\"")
            }
            throw ExitCode.failure
        }
        let params = function.type.parameters
        // Passthrough parsing keeps a "--" separator; it only marks where the arguments start.
        let arguments = self.arguments.first == "--" ? Array(self.arguments.dropFirst()) : self.arguments
        guard arguments.count == params.count else {
            printError("error: " + name + " takes " + String(params.count) + " argument(s) ("
                       + params.map { $0.name }.joined(separator: ", ") + "), got " + String(arguments.count))
            throw ExitCode.failure
        }
        var values: [Value] = []
        for (text, type) in zip(arguments, params) {
            guard let v = CommandLineValues.parse(text, as: type) else {
                printError("error: cannot parse \"" + text + "\" as " + type.name)
                throw ExitCode.failure
            }
            values.append(v)
        }
        let results: [Value]
        do {
            results = try function.call(values)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        for r in results { print(CommandLineValues.format(r)) }
    }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Decode and validate a module: prints \"valid\", or the error with its byte offset.")

    @OptionGroup var featureOptions: FeatureOptions

    @Argument(help: "The module (.wasm binary).")
    var module: String

    func run() throws {
        _ = try loadModule(module, engine: featureOptions.makeEngine())
        print("valid")
    }
}

struct SpecTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectest",
        abstract: "Run spec test scripts (wast2json output): one .json file, or a folder of NAME/NAME.json.",
        discussion: """
            Prints one line per script ("name: P passed, F failed, S skipped") and a total line. \
            Modules in the text format are skipped. Exits with status 0 only when nothing failed.
            """)

    @OptionGroup var featureOptions: FeatureOptions

    @Flag(name: .shortAndLong, help: "Print each failure with its line, expected and actual values.")
    var verbose = false

    @Argument(help: "A .json script or a folder of scripts.")
    var path: String

    func run() throws {
        setvbuf(stdout, nil, _IOLBF, 0)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            printError("error: no such file or folder: " + path)
            throw ExitCode.failure
        }
        if isDir.boolValue, SpecTestRunner.scripts(inFolder: path).isEmpty {
            printError("error: no spec scripts (NAME/NAME.json or *.json) in " + path)
            throw ExitCode.failure
        }
        let runner = SpecTestRunner(features: featureOptions.features.features, verbose: verbose)
        let suite = runner.run(path: path) { file in
            print(file.summaryLine)
            if verbose && !file.messageMismatches.isEmpty {
                print("  (" + String(file.messageMismatches.count) + " passing assertion(s) with a different message)")
            }
        }
        print(suite.summaryLine)
        if suite.failed > 0 { throw ExitCode.failure }
    }
}
