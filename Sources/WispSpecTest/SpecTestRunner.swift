// Runs spec test scripts (wast2json output) against the engine and counts the results.

import Foundation
import Wisp
import WispText

/// One failed command of a script.
public struct SpecFailure: Sendable {
    /// Line of the command in the original .wast file.
    public var line: Int
    /// The command type ("assert_return", "module", ...).
    public var command: String
    /// What was expected and what happened.
    public var message: String

    public var description: String { "line " + String(line) + ": " + command + ": " + message }
}

/// The outcome of one script.
///
/// Assertions (`assert_*`) count as passed, failed or skipped. `module`, `register` and `action`
/// commands count only when they fail (a module that does not load, an action that traps): on a
/// full pass `passed + skipped` is the number of assertions.
public struct SpecFileResult: Sendable {
    /// The script's name without `.json`.
    public var name: String
    public var path: String
    public var passed = 0
    public var failed = 0
    public var skipped = 0
    public var failures: [SpecFailure] = []
    /// How many assertions were skipped, by reason ("text module", ...).
    public var skipReasons: [String: Int] = [:]
    /// Passing `assert_trap`/`assert_exhaustion`/`assert_uninstantiable` commands whose trap message
    /// differs from the script's text, and rejections of the wrong kind (malformed vs invalid, trap
    /// vs link error). They pass: the spec leaves messages to the implementation.
    public var messageMismatches: [SpecFailure] = []
    /// Wall time spent on the script, in seconds.
    public var seconds: Double = 0
    /// With a metered runner: the fuel each invoke consumed, in script order.
    public var fuelLog: [UInt64] = []

    public init(name: String, path: String) {
        self.name = name
        self.path = path
    }

    /// `name: P passed, F failed, S skipped`.
    public var summaryLine: String {
        name + ": " + String(passed) + " passed, " + String(failed) + " failed, " + String(skipped) + " skipped"
    }
}

/// The outcome of a folder of scripts.
public struct SpecSuiteResult: Sendable {
    public var files: [SpecFileResult] = []
    public init(files: [SpecFileResult] = []) { self.files = files }

    public var passed: Int { files.reduce(0) { $0 + $1.passed } }
    public var failed: Int { files.reduce(0) { $0 + $1.failed } }
    public var skipped: Int { files.reduce(0) { $0 + $1.skipped } }

    /// `N passed, M failed, K skipped`.
    public var summaryLine: String {
        String(passed) + " passed, " + String(failed) + " failed, " + String(skipped) + " skipped"
    }
}

/// Runs spec test scripts: `.wast` files directly (WispText parses them), or the JSON files
/// `wast2json` writes, with their `.wasm` and `.wat` modules beside them.
///
/// Every script runs in a fresh `Engine` and `Store`, with the `spectest` host module
/// (`SpectestHost`) and the modules the script registers as imports. Modules in the text format
/// are encoded by WispText's `WAT`; one it finds malformed counts as rejected by assert_malformed.
/// The runner never stops on an error: anything unexpected (an unreadable file, a bad value in a
/// script, an engine error) is a failure of the command at hand.
public struct SpecTestRunner {
    /// The proposals the engine accepts.
    public var features: Features
    /// Whether to report each failure (line, expected, actual) through `log` as it happens, and
    /// the calls of the spectest print functions.
    public var verbose: Bool
    /// Where verbose output goes.
    public var log: @Sendable (String) -> Void
    /// The configuration each script's engine starts from (its `features` are replaced by `features`),
    /// e.g. to run the suite with another memory backend.
    public var configuration = EngineConfiguration()
    /// With `configuration.fuelMetering` on: nil runs every invoke on one large budget; a number
    /// runs it in slices of that many units, resuming after each suspension (the metering test:
    /// results and per-invoke totals must not change).
    public var fuelSlice: UInt64? = nil
    /// Runs on each module after it loads (`wisp spectest --aot` gives it native code); a
    /// message fails the module's command.
    public var prepareModule: ((Module) -> String?)? = nil
    /// The text format's rules for text modules; nil picks them from `features` (2.0's for a
    /// subset of `.wasm2`, 3.0's otherwise: the sets read some text differently).
    public var textDialect: WAT.Dialect? = nil

    var dialect: WAT.Dialect { textDialect ?? (features.isSubset(of: .wasm2) ? .wasm2 : .wasm3) }

    public init(features: Features = .all, verbose: Bool = false, log: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.features = features
        self.verbose = verbose
        self.log = log
    }

    /// The scripts of a folder, sorted by name: every `NAME/NAME.json` (the testsuite layout
    /// `json/NAME/NAME.json`) and every `*.json` and `*.wast` directly in it.
    public static func scripts(inFolder folder: String) -> [String] {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: folder) else { return [] }
        var found: [(String, String)] = []
        for entry in entries {
            let path = (folder as NSString).appendingPathComponent(entry)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                let script = (path as NSString).appendingPathComponent(entry + ".json")
                if fm.fileExists(atPath: script) { found.append((entry, script)) }
            } else if entry.hasSuffix(".json") {
                found.append((String(entry.dropLast(5)), path))
            } else if entry.hasSuffix(".wast") {
                found.append((String(entry.dropLast(5)), path))
            }
        }
        return found.sorted { $0.0 < $1.0 }.map { $0.1 }
    }

    /// Runs every script of `folder` (see `scripts(inFolder:)`), calling `progress` after each.
    public func run(folder: String, progress: (SpecFileResult) -> Void = { _ in }) -> SpecSuiteResult {
        var suite = SpecSuiteResult()
        for script in SpecTestRunner.scripts(inFolder: folder) {
            let r = run(file: script)
            progress(r)
            suite.files.append(r)
        }
        return suite
    }

    /// Runs one script. Never throws: a script that cannot be read or parsed is one failure.
    public func run(file: String) -> SpecFileResult {
        let start = Date()
        var name = (file as NSString).lastPathComponent
        if name.hasSuffix(".json") || name.hasSuffix(".wast") { name.removeLast(5) }
        var result = SpecFileResult(name: name, path: file)
        let script: SpecScript
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            if file.hasSuffix(".wast") {
                let commands = try WAST.parse(String(decoding: data, as: UTF8.self))
                script = SpecScript(sourceFilename: file, commands: commands.map(SpecCommand.init))
            } else {
                script = try JSONDecoder().decode(SpecScript.self, from: data)
            }
        } catch {
            result.failed += 1
            let f = SpecFailure(line: 0, command: "script", message: "cannot read " + file + ": " + String(describing: error))
            result.failures.append(f)
            if verbose { log(name + ": " + f.description) }
            result.seconds = Date().timeIntervalSince(start)
            return result
        }
        let session = ScriptSession(runner: self, directory: (file as NSString).deletingLastPathComponent, name: name)
        for command in script.commands {
            session.run(command)
        }
        result.passed = session.passed
        result.failed = session.failed
        result.skipped = session.skipped
        result.failures = session.failures
        result.skipReasons = session.skipReasons
        result.messageMismatches = session.mismatches
        result.fuelLog = session.fuelLog
        result.seconds = Date().timeIntervalSince(start)
        return result
    }

    /// Runs a script file or, when `path` is a folder, every script in it.
    public func run(path: String, progress: (SpecFileResult) -> Void = { _ in }) -> SpecSuiteResult {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            return run(folder: path, progress: progress)
        }
        let r = run(file: path)
        progress(r)
        return SpecSuiteResult(files: [r])
    }
}

/// Why an action or a module load did not produce what a command needs.
private enum Outcome: Error {
    /// The engine trapped: what assert_trap wants.
    case trap(Trap)
    /// Anything else: no such module or export, an unreadable file, an engine error.
    case error(String)
    /// A text module the text format rejects (what assert_malformed of text wants).
    case malformedText(WATError)

    var text: String {
        switch self {
        case .trap(let t): return "trap: " + t.message
        case .error(let m): return m
        case .malformedText(let e): return "malformed text: " + e.description
        }
    }
}

/// The state of one script as it runs: its engine and store, the current module, named and
/// registered instances, and the counts.
private final class ScriptSession {
    let runner: SpecTestRunner
    let directory: String
    let name: String
    let engine: Engine
    let store: Store
    var imports = Imports()
    /// Why the spectest module could not be built, if it could not.
    var hostError: String?

    /// The most recent module, or why it failed to load.
    var current: Result<Instance, Outcome> = .failure(.error("no module defined yet"))
    var named: [String: Result<Instance, Outcome>] = [:]
    /// Modules of `module definition`, by name, for `module instance`.
    var definitions: [String: Module] = [:]

    var passed = 0, failed = 0, skipped = 0
    var failures: [SpecFailure] = []
    var skipReasons: [String: Int] = [:]
    var mismatches: [SpecFailure] = []
    var fuelLog: [UInt64] = []
    /// Fuel given to everything that is not a sliced invoke (instantiation, start functions).
    static let ampleFuel: UInt64 = 1 << 40

    init(runner: SpecTestRunner, directory: String, name: String) {
        self.runner = runner
        self.directory = directory
        self.name = name
        var config = runner.configuration
        config.features = runner.features
        engine = Engine(configuration: config)
        store = Store(engine: engine)
        if store.isMetered { try? store.setFuel(Self.ampleFuel) }
        var log: ((String) -> Void)? = nil
        if runner.verbose {
            let sink = runner.log
            log = { sink($0) }
        }
        do {
            try SpectestHost.define(in: &imports, store: store, log: log)
        } catch {
            hostError = "cannot create the spectest module: " + error.description
        }
    }

    // MARK: counting

    func pass() { passed += 1 }

    func fail(_ c: SpecCommand, _ message: String) {
        failed += 1
        let f = SpecFailure(line: c.line, command: c.type, message: message)
        failures.append(f)
        if runner.verbose { runner.log(name + ": " + f.description) }
    }

    func skip(_ reason: String) {
        skipped += 1
        skipReasons[reason, default: 0] += 1
    }

    func mismatch(_ c: SpecCommand, _ message: String) {
        let f = SpecFailure(line: c.line, command: c.type, message: message)
        mismatches.append(f)
        if runner.verbose { runner.log(name + ": note: " + f.description) }
    }

    // MARK: commands

    func run(_ c: SpecCommand) {
        switch c.type {
        case "module" where c.definitionFlag == "true": moduleDefinition(c)
        case "module": module(c)
        case "register": register(c)
        case "action":
            if case .failure(let e) = perform(c) { fail(c, e.text) }
        case "assert_return": assertReturn(c)
        case "assert_trap": assertTrap(c)
        case "assert_exhaustion": assertExhaustion(c)
        case "assert_exception": assertException(c)
        case "assert_invalid", "assert_malformed": assertRejected(c)
        case "assert_unlinkable": assertUnlinkable(c)
        case "assert_uninstantiable": assertUninstantiable(c)
        case "module_definition": moduleDefinition(c)
        case "module_instance": moduleInstance(c)
        case "instance": moduleInstance(c)
        case "thread":
            // Threads are not implemented: what a thread asserts is counted as skipped.
            for t in c.commands ?? [] where t.type.hasPrefix("assert_") { skip("threads") }
        case "wait": break
        default:
            // Commands of later dialects (assert_exception, module_definition, ...).
            if c.type.hasPrefix("assert_") { skip("unsupported command " + c.type) }
        }
    }

    func module(_ c: SpecCommand) {
        let r = instantiate(c)
        current = r
        if let n = c.name { named[n] = r }
        if case .failure(let e) = r { fail(c, "module " + moduleLabel(c) + " failed: " + e.text) }
    }

    /// `(module definition $M ...)`: the module loads (decodes and validates) but is not instantiated.
    func moduleDefinition(_ c: SpecCommand) {
        switch load(c) {
        case .success(let m): if let n = c.name { definitions[n] = m }
        case .failure(let e): fail(c, "module " + moduleLabel(c) + " failed: " + e.text)
        }
    }

    /// `(module instance $I $M)`: a new instance of a definition, current from then on.
    func moduleInstance(_ c: SpecCommand) {
        let r: Result<Instance, Outcome>
        let definition = c.definition ?? c.definitionFlag
        if let d = definition, let m = definitions[d] {
            r = instantiate(m)
        } else {
            r = .failure(.error("no module definition " + (definition ?? "(unnamed)")))
        }
        current = r
        if let n = c.name ?? c.instanceName { named[n] = r }
        if case .failure(let e) = r { fail(c, "module instance failed: " + e.text) }
    }

    /// The module's file, or where a script's own module starts.
    func moduleLabel(_ c: SpecCommand) -> String {
        if let f = c.filename { return f }
        return "at line " + String(c.line)
    }

    func register(_ c: SpecCommand) {
        guard let as_ = c.registerAs else { return fail(c, "register without a name") }
        switch instance(c.name) {
        case .success(let inst): imports.define(module: as_, instance: inst)
        case .failure(let e): fail(c, "cannot register: " + e.text)
        }
    }

    func assertReturn(_ c: SpecCommand) {
        switch perform(c) {
        case .failure(let e):
            fail(c, actionText(c) + ": expected " + expectedText(c) + ", got " + e.text)
        case .success(let values):
            let expected = c.expected ?? []
            var ok = values.count == expected.count && zip(values, expected).allSatisfy { SpecValues.matches($0, $1) }
            if let either = c.either {
                ok = values.count == 1 && either.contains { SpecValues.matches(values[0], $0) }
            }
            if ok { pass() } else {
                fail(c, actionText(c) + ": expected " + expectedText(c) + ", got " + SpecValues.describe(values))
            }
        }
    }

    func assertTrap(_ c: SpecCommand) {
        if c.action == nil, c.filename != nil || c.module != nil {
            // The older form of assert_uninstantiable: the module's instantiation traps.
            return assertUninstantiable(c)
        }
        switch perform(c) {
        case .failure(.trap(let t)):
            pass()
            checkMessage(c, t.message)
        case .failure(let e):
            fail(c, actionText(c) + ": expected trap \"" + (c.text ?? "") + "\", got " + e.text)
        case .success(let values):
            fail(c, actionText(c) + ": expected trap \"" + (c.text ?? "") + "\", got " + SpecValues.describe(values))
        }
    }

    /// The action ends with a WebAssembly exception that nothing caught.
    func assertException(_ c: SpecCommand) {
        switch perform(c) {
        case .failure(.trap(let t)) where t.kind == .uncaughtException:
            pass()
        case .failure(let e):
            fail(c, actionText(c) + ": expected an uncaught exception, got " + e.text)
        case .success(let values):
            fail(c, actionText(c) + ": expected an uncaught exception, got " + SpecValues.describe(values))
        }
    }

    func assertExhaustion(_ c: SpecCommand) {
        switch perform(c) {
        case .failure(.trap(let t)) where t.kind == .callStackExhausted:
            pass()
            checkMessage(c, t.message)
        case .failure(let e):
            fail(c, actionText(c) + ": expected call stack exhaustion, got " + e.text)
        case .success(let values):
            fail(c, actionText(c) + ": expected call stack exhaustion, got " + SpecValues.describe(values))
        }
    }

    /// assert_invalid and assert_malformed: decoding plus validation must reject the module.
    func assertRejected(_ c: SpecCommand) {
        let bytes: [UInt8]
        switch read(c) {
        case .success(let b): bytes = b
        case .failure(.malformedText(let e)):
            // The text format rejected it: right for assert_malformed, the wrong kind of rejection
            // (which passes, as a format error for an invalid binary does) for assert_invalid.
            pass()
            if c.type != "assert_malformed" {
                mismatch(c, "expected invalid \"" + (c.text ?? "") + "\", got malformed text " + e.description)
            } else {
                checkMessage(c, e.message)
            }
            return
        case .failure(let e): return fail(c, e.text)
        }
        do {
            _ = try Module(bytes: bytes, engine: engine)
            fail(c, moduleLabel(c) + ": expected \"" + (c.text ?? "") + "\", but the module was accepted")
        } catch {
            guard case .format(let fe) = error else {
                return fail(c, moduleLabel(c) + ": expected a format error, got " + error.description)
            }
            pass()
            let wantMalformed = c.type == "assert_malformed"
            if (fe.kind == .malformed) != wantMalformed {
                mismatch(c, "expected " + (wantMalformed ? "malformed" : "invalid") + " \"" + (c.text ?? "") + "\", got " + fe.description)
            } else {
                checkMessage(c, fe.message)
            }
        }
    }

    func assertUnlinkable(_ c: SpecCommand) {
        switch instantiate(c, mustLoad: true) {
        case .success:
            fail(c, moduleLabel(c) + ": expected link error \"" + (c.text ?? "") + "\", but it instantiated")
        case .failure(.error(let m)) where m.hasPrefix(Self.loadFailurePrefix):
            fail(c, m)
        case .failure(let e):
            pass()
            if !e.text.hasPrefix("link error") { mismatch(c, "expected a link error, got " + e.text) }
            else { checkMessage(c, e.text) }
        }
    }

    func assertUninstantiable(_ c: SpecCommand) {
        switch instantiate(c, mustLoad: true) {
        case .success:
            fail(c, moduleLabel(c) + ": expected trap \"" + (c.text ?? "") + "\", but it instantiated")
        case .failure(.trap(let t)):
            pass()
            checkMessage(c, t.message)
        case .failure(let e):
            fail(c, moduleLabel(c) + ": expected trap \"" + (c.text ?? "") + "\", got " + e.text)
        }
    }

    // MARK: helpers

    static let loadFailurePrefix = "module does not load: "

    /// Notes a passing assertion whose message differs from the script's.
    func checkMessage(_ c: SpecCommand, _ actual: String) {
        guard let want = c.text, !want.isEmpty else { return }
        if !(actual.contains(want) || want.contains(actual)) {
            mismatch(c, "expected message \"" + want + "\", got \"" + actual + "\"")
        }
    }

    /// The command's module as a binary: a script's own module, or the file a JSON command
    /// names (a `.wat` file for a text module), text encoded by WispText.
    func read(_ c: SpecCommand) -> Result<[UInt8], Outcome> {
        if let m = c.module {
            do throws(WATError) {
                return .success(try m.encode(dialect: runner.dialect))
            } catch {
                return .failure(.malformedText(error))
            }
        }
        guard let file = c.filename else { return .failure(.error("command without a module")) }
        let path = (directory as NSString).appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.error("cannot read " + path))
        }
        if c.moduleType == "text" || file.hasSuffix(".wat") {
            do throws(WATError) {
                return .success(try WAT.encode(String(decoding: data, as: UTF8.self), dialect: runner.dialect))
            } catch {
                return .failure(.malformedText(error))
            }
        }
        return .success([UInt8](data))
    }

    /// Decodes and validates the command's module. With `mustLoad`, a module that does not decode
    /// or validate is reported with `loadFailurePrefix`, so link/trap assertions can tell it apart.
    func load(_ c: SpecCommand, mustLoad: Bool = false) -> Result<Module, Outcome> {
        read(c).flatMap { bytes in
            do throws(WispError) {
                let module = try Module(bytes: bytes, engine: engine)
                if let prepare = runner.prepareModule, let why = prepare(module) { return .failure(.error(why)) }
                return .success(module)
            } catch {
                return .failure(.error((mustLoad ? Self.loadFailurePrefix : "") + error.description))
            }
        }
    }

    /// Loads and instantiates the command's module. With `mustLoad`, a module that does not decode
    /// or validate is reported with `loadFailurePrefix`, so link/trap assertions can tell it apart.
    func instantiate(_ c: SpecCommand, mustLoad: Bool = false) -> Result<Instance, Outcome> {
        if let h = hostError { return .failure(.error(h)) }
        return load(c, mustLoad: mustLoad).flatMap(instantiate)
    }

    /// Instantiates a loaded module with the script's imports: a trap is what assert_trap and
    /// assert_uninstantiable want, anything else (a link error) an error.
    func instantiate(_ module: Module) -> Result<Instance, Outcome> {
        do {
            return .success(try module.instantiate(store: store, imports: imports))
        } catch {
            if case .trap(let t) = error { return .failure(.trap(t)) }
            return .failure(.error(error.description))
        }
    }

    func instance(_ name: String?) -> Result<Instance, Outcome> {
        guard let name else { return current }
        guard let r = named[name] else { return .failure(.error("no module named " + name)) }
        return r
    }

    /// Runs the command's action: a call of an export, or the read of an exported global.
    func perform(_ c: SpecCommand) -> Result<[Value], Outcome> {
        guard let action = c.action else { return .failure(.error("command without an action")) }
        let inst: Instance
        switch instance(action.module) {
        case .success(let i): inst = i
        case .failure(let e): return .failure(.error("module unavailable (" + e.text + ")"))
        }
        switch action.type {
        case "invoke":
            guard let f = inst.exportedFunction(action.field) else {
                return .failure(.error("no exported function \"" + action.field + "\""))
            }
            var args: [Value] = []
            for a in action.args ?? [] {
                do { args.append(try SpecValues.argument(a)) } catch { return .failure(.error(error.message)) }
            }
            do {
                if store.isMetered { return .success(try meteredCall(f, args)) }
                return .success(try f.call(args))
            } catch {
                return .failure(.trap(error))
            }
        case "get":
            guard let g = inst.exportedGlobal(action.field) else {
                return .failure(.error("no exported global \"" + action.field + "\""))
            }
            return .success([g.value])
        default:
            return .failure(.error("unsupported action " + action.type))
        }
    }

    /// Runs an invoke on fuel: in slices when the runner asks for them, refilling at every
    /// suspension, and logs what it consumed.
    func meteredCall(_ f: Function, _ args: [Value]) throws(Trap) -> [Value] {
        let before = store.fuelConsumed
        defer {
            fuelLog.append(store.fuelConsumed - before)
            try? store.setFuel(Self.ampleFuel)
        }
        guard let slice = runner.fuelSlice else { return try f.call(args) }
        try? store.setFuel(slice)
        var outcome = try f.callResumable(args)
        while case .suspended(let call) = outcome {
            guard call.reason == .outOfFuel else { throw Trap(.host, message: "unexpected suspension") }
            try? store.addFuel(slice)
            outcome = try call.resume()
        }
        guard case .returned(let results) = outcome else { return [] }
        return results
    }

    func actionText(_ c: SpecCommand) -> String {
        guard let a = c.action else { return "?" }
        let args = (a.args ?? []).map { $0.text }.joined(separator: ", ")
        return a.field + (a.type == "invoke" ? "(" + args + ")" : "") + (a.module.map { " in " + $0 } ?? "")
    }

    func expectedText(_ c: SpecCommand) -> String {
        "[" + (c.expected ?? []).map { $0.text }.joined(separator: ", ") + "]"
    }
}
