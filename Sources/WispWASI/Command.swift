// Running a WASI command module: the code path `wisp run` and the tests share.
import Wisp

/// Why a command could not run to an exit status.
public enum WASIRunError: Error, CustomStringConvertible {
    /// Instantiation failed (a missing import, a trapping start function, ...).
    case instantiation(WispError)
    /// The module has no `_start` and no other export was named.
    case notACommand
    /// The export named to invoke does not exist or is not a function.
    case noSuchFunction(String)
    /// The guest trapped (anything but `proc_exit`).
    case trap(Trap)

    public var description: String {
        switch self {
        case .instantiation(let e): return e.description
        case .notACommand: return "module has no _start export (it is not a WASI command); use --invoke NAME to call another export"
        case .noSuchFunction(let n): return "module has no exported function \"" + n + "\""
        case .trap(let t): return t.description
        }
    }
}

extension WASI {
    /// Instantiates `module` in `store` with this WASI's functions.
    ///
    /// - Throws: `WASIRunError.instantiation` when an import is missing or the start function
    ///   traps. A start function that calls `proc_exit` is not an error: the status comes back as
    ///   `.exited`.
    public func instantiate(module: Module, store: Store) throws(WASIRunError) -> InstantiationResult {
        var imports = Imports()
        define(into: &imports, store: store)
        do throws(WispError) {
            return .instance(try module.instantiate(store: store, imports: imports))
        } catch {
            if case .trap(let t) = error, t.kind == .exit { return .exited(t.exitCode ?? 0) }
            throw .instantiation(error)
        }
    }

    /// Calls `function`: a `proc_exit` inside it is a normal end.
    ///
    /// - Returns: the exit status (the `proc_exit` code, or 0 when the function returns) and the
    ///   function's results (empty after `proc_exit`).
    /// - Throws: `WASIRunError.trap` when the guest traps.
    public func call(_ function: Function, _ arguments: [Value]) throws(WASIRunError) -> (status: Int32, results: [Value]) {
        do throws(Trap) {
            return (0, try function.call(arguments))
        } catch {
            if error.kind == .exit { return (error.exitCode ?? 0, []) }
            throw .trap(error)
        }
    }

    /// Instantiates `module` with this WASI's functions, then calls `_start` (or the export
    /// `invoke`, with `arguments`; nil means zero values of its parameter types). This is what
    /// `wisp run` does.
    ///
    /// - Returns: the exit status and the function's results (see `call(_:_:)`).
    /// - Throws: `WASIRunError` when the module cannot be instantiated, is not a command, or traps.
    /// - Complexity: the guest's run.
    public func run(module: Module, store: Store, invoke: String? = nil, arguments: [Value]? = nil) throws(WASIRunError) -> (status: Int32, results: [Value]) {
        let instance: Instance
        switch try instantiate(module: module, store: store) {
        case .exited(let status): return (status, [])
        case .instance(let i): instance = i
        }
        let function = try WASI.entryPoint(instance, invoke: invoke)
        return try call(function, arguments ?? function.type.parameters.map { Value.zero($0) })
    }

    /// The function to run: `_start`, or the export named `invoke`.
    /// - Throws: `.notACommand` or `.noSuchFunction`.
    public static func entryPoint(_ instance: Instance, invoke: String?) throws(WASIRunError) -> Function {
        let name = invoke ?? "_start"
        guard let function = instance.exportedFunction(name) else {
            throw invoke == nil ? .notACommand : .noSuchFunction(name)
        }
        return function
    }
}

/// An instance, or the exit status of a start function that called `proc_exit`.
public enum InstantiationResult {
    case instance(Instance)
    case exited(Int32)
}
