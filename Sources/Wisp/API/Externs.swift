/// Anything that can be imported or exported.
public enum Extern {
    case function(Function)
    case table(Table)
    case memory(Memory)
    case global(Global)
}

/// What a host function sees of its caller.
public struct Caller {
    /// The instance whose code made the call, if the call came from WebAssembly.
    public let instance: Instance?
    public let store: Store
    /// The calling instance's memory 0, if it has one.
    public var memory: Memory? { instance?.memory(at: 0) }
}

/// The body of a host function: arguments in, results out, or a trap.
public typealias HostFunctionBody = (Caller, [Value]) throws(Trap) -> [Value]

/// Values the embedder supplies for a module's imports, by (module, name).
public struct Imports {
    var entries: [String: [String: Extern]] = [:]
    public init() {}

    /// Defines (or replaces) one import.
    public mutating func define(module: String, name: String, _ value: Extern) {
        entries[module, default: [:]][name] = value
    }

    /// Makes every export of `instance` available under the module name `module`.
    public mutating func define(module: String, instance: Instance) {
        for (name, value) in instance.exports { define(module: module, name: name, value) }
    }

    public func lookup(module: String, name: String) -> Extern? { entries[module]?[name] }
}
