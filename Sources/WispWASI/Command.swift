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

    /// The message `wisp run` prints for the error.
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
    /// With `trapUnknownImports`, every function import that neither WASI nor the host defines
    /// is satisfied by a function that traps ("unknown import MODULE.NAME called") when called,
    /// as Wasmtime's `-W unknown-imports-trap` does: a program whose optional host interface
    /// (CPython's `host.call`, say) goes unused runs, one that calls it stops clearly. Other
    /// kinds of unknown import (memories, tables, globals, tags) still fail instantiation.
    public func instantiate(module: Module, store: Store, trapUnknownImports: Bool = false) throws(WASIRunError) -> InstantiationResult {
        var imports = Imports()
        define(into: &imports, store: store)
        if trapUnknownImports {
            for entry in module.imports where imports.lookup(module: entry.module, name: entry.name) == nil {
                guard case .function(let typeIndex) = entry.descriptor else { continue }
                let message = "unknown import " + entry.module + "." + entry.name + " called (--trap-unknown-imports)"
                imports.define(module: entry.module, name: entry.name, .function(
                    Function(store: store, type: module.parsed.types[Int(typeIndex)]) { (_: Caller, _: [Value]) throws(Trap) -> [Value] in
                        throw Trap(.host, message: message)
                    }))
            }
        }
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
        if invoke != nil, let status = try initializeReactor(instance) { return (status, []) }
        return try call(function, arguments ?? function.type.parameters.map { Value.zero($0) })
    }

    /// Initializes a WASI reactor: calls its `_initialize` export, if it has one and no `_start`
    /// (a command initializes itself), as the WASI application ABI asks before any other export
    /// is called. `wisp run --invoke` does this, like Wasmtime.
    ///
    /// - Returns: nil, or the exit status if `_initialize` called `proc_exit`.
    /// - Throws: `WASIRunError.trap` when `_initialize` traps.
    public func initializeReactor(_ instance: Instance) throws(WASIRunError) -> Int32? {
        guard let initialize = WASI.reactorInitializer(instance) else { return nil }
        let (status, _) = try call(initialize, [])
        return status == 0 ? nil : status
    }

    /// A reactor's `_initialize` export (no parameters), or nil for a command (it has `_start`)
    /// or a module without one. Cost: two export lookups.
    public static func reactorInitializer(_ instance: Instance) -> Function? {
        guard instance.exportedFunction("_start") == nil, let initialize = instance.exportedFunction("_initialize"),
              initialize.type.parameters.isEmpty else { return nil }
        return initialize
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
    /// The instance, its start function (if any) returned.
    case instance(Instance)
    /// The start function called `proc_exit` with this status.
    case exited(Int32)
}
