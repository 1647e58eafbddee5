/// Anything that can be imported or exported.
public enum Extern {
    /// A function, defined by an instance or by the host.
    case function(Function)
    /// A table of references.
    case table(Table)
    /// A linear memory.
    case memory(Memory)
    /// A global variable.
    case global(Global)
    /// An exception tag (exception handling).
    case tag(Tag)
}

/// What a host function sees of its caller.
public struct Caller {
    /// The instance whose code made the call, if the call came from WebAssembly.
    public let instance: Instance?
    /// The store the call runs in: what the host function creates or calls goes through it.
    public let store: Store
    /// The calling instance's memory 0, if it has one.
    public var memory: Memory? { instance?.memory(at: 0) }
}

/// The body of a host function: arguments in, results out, or a trap.
public typealias HostFunctionBody = (Caller, [Value]) throws(Trap) -> [Value]

/// Values the embedder supplies for a module's imports, by (module, name).
///
/// Names are keyed by their UTF-8 bytes, as WebAssembly compares them: Swift `String` equality and
/// hashing would treat canonically equivalent names as one (and pull the Unicode normalization
/// tables into bare-metal builds).
public struct Imports {
    /// One table for both names: the module name's bytes, 0xFF (which never occurs in UTF-8, so
    /// no two pairs share a key), then the field name's bytes; `values` holds what each key names.
    var names = ByteStringTable()
    var values: [Extern] = []
    /// No imports defined.
    public init() {}

    static func key(_ module: String, _ name: String) -> [UInt8] {
        var k = Array(module.utf8)
        k.append(0xFF)
        k.append(contentsOf: name.utf8)
        return k
    }

    /// Defines (or replaces) one import. Cost: hashing both names.
    public mutating func define(module: String, name: String, _ value: Extern) {
        let (i, inserted) = names.insert(Imports.key(module, name))
        if inserted { values.append(value) } else { values[i] = value }
    }

    /// Makes every export of `instance` available under the module name `module`.
    public mutating func define(module: String, instance: Instance) {
        for (name, value) in instance.exports { define(module: module, name: name, value) }
    }

    /// The value defined for (`module`, `name`), if any. Cost: hashing both names.
    public func lookup(module: String, name: String) -> Extern? {
        names.find(Imports.key(module, name)).map { values[$0] }
    }
}
