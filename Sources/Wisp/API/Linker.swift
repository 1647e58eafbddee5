#if !hasFeature(Embedded)
/// Names what modules import, by module and name, and instantiates modules against it: the
/// Linker of Wasmtime and Wasmi. Host functions are defined once, without a store, and made into
/// functions of each store a module is instantiated in; memories, tables, globals, tags and
/// functions that already exist belong to one store and can only be linked into that store's
/// instances; a provider (WASI, say) makes its definitions for each store on demand.
///
/// A `Linker` is a value: copy it to give one group of modules more definitions than another.
/// (Not in Embedded builds, whose firmware links its one module with `Imports`: the linker's
/// tables took 400 bytes of the minimal engine's budget, unused.)
public struct Linker {
    /// The engine whose modules and stores the linker instantiates (others are a misuse).
    public let engine: Engine
    /// Whether defining a name twice replaces the first definition; by default it is a misuse.
    public var allowShadowing = false

    enum Definition {
        case extern(Extern)
        case hostFunction(FuncType, HostFunctionBody)
        case typedHostFunction(FuncType, RawHostFunctionBody)
    }

    var names = ByteStringTable()
    var definitions: [Definition] = []
    /// Makers of every definition of one module name for a store (see `define(module:provider:)`).
    var providers: [(Store) throws(WispError) -> Imports] = []
    /// The module name each provider serves (`providers[i]` serves `providerModules[i]`).
    var providerModules: [String] = []

    /// An empty linker for modules of `engine`.
    public init(engine: Engine) {
        self.engine = engine
    }

    /// Defines `module`.`name` as `extern`, which belongs to one store: only instances of that
    /// store can import it (another store's is a `WispError.misuse` at instantiation).
    ///
    /// - Throws: `WispError.misuse` when the name is defined already and `allowShadowing` is off.
    /// - Complexity: O(1) amortized (a hash of the names).
    public mutating func define(module: String, name: String, _ extern: Extern) throws(WispError) {
        try add(module, name, .extern(extern))
    }

    /// Defines `module`.`name` as a host function of `type` running `body`, made into a function
    /// of each store a module importing it is instantiated in.
    ///
    /// - Throws: `WispError.misuse` when the name is defined already and `allowShadowing` is off.
    public mutating func defineFunction(module: String, name: String, type: FuncType,
                                        _ body: @escaping HostFunctionBody) throws(WispError) {
        try add(module, name, .hostFunction(type, body))
    }

    /// Defines `module`.`name` as a host function written with Swift types (see
    /// `Function(store:_:)`): its WebAssembly type comes from `Params` and `Result`, and its calls
    /// pass no `[Value]`.
    ///
    /// ```swift
    /// try linker.defineFunction(module: "env", name: "add") { (_: Caller, a: Int32, b: Int32) throws(Trap) -> Int32 in a &+ b }
    /// ```
    /// - Throws: `WispError.misuse` when the name is defined already and `allowShadowing` is off.
    public mutating func defineFunction<each Params: WasmValue, Result: WasmResults>(
        module: String, name: String, _ body: @escaping (Caller, repeat each Params) throws(Trap) -> Result) throws(WispError) {
        try add(module, name, .typedHostFunction(typedType(of: body), rawBody(body)))
    }

    /// Defines every export of `instance` under `module` (an instance "registered" by name).
    ///
    /// - Throws: `WispError.misuse` when one of the names is defined already and
    ///   `allowShadowing` is off (the names before it stay defined).
    public mutating func define(module: String, instance: Instance) throws(WispError) {
        for (name, value) in instance.exports { try add(module, name, .extern(value)) }
    }

    /// Defines every name of `module` not defined otherwise by `provider`, which is asked once
    /// per instantiation that imports from `module`, for that store's definitions (it returns
    /// `Imports`; WispWASI's `Linker.defineWASI` is one). A name the provider then lacks is an
    /// unknown import.
    ///
    /// - Throws: `WispError.misuse` when `module` has a provider already and `allowShadowing` is off.
    public mutating func define(module: String, provider: @escaping (Store) throws(WispError) -> Imports) throws(WispError) {
        if let i = providerModules.firstIndex(of: module) {
            guard allowShadowing else { throw WispError.misuse("module " + module + " has a provider already (see allowShadowing)") }
            providers[i] = provider
            return
        }
        providers.append(provider)
        providerModules.append(module)
    }

    /// Whether `module`.`name` is defined by name (a provider's names are known only per store).
    public func isDefined(module: String, name: String) -> Bool {
        names.find(Imports.key(module, name)) != nil
    }

    /// Instantiates `module` in `store`, each import taken from its definition here: host
    /// functions become functions of `store`, providers are asked for `store`'s definitions.
    ///
    /// - Throws: `WispError.misuse` when the module or the store belongs to another engine, or
    ///   a definition to another store; `WispError.link` when an import is not defined or has an
    ///   incompatible type; then what `Module.instantiate(store:imports:)` throws.
    /// - Complexity: O(imports) lookups, plus the instantiation itself.
    public func instantiate(_ module: Module, store: Store) throws(WispError) -> Instance {
        guard module.engine === engine, store.engine === engine else {
            throw WispError.misuse("the linker, the module and the store must share one engine")
        }
        var imports = Imports()
        var provided = [Imports?](repeating: nil, count: providers.count)
        for imp in module.imports {
            if let i = names.find(Imports.key(imp.module, imp.name)) {
                switch definitions[i] {
                case .extern(let e):
                    imports.define(module: imp.module, name: imp.name, e)
                case .hostFunction(let type, let body):
                    imports.define(module: imp.module, name: imp.name, .function(Function(store: store, type: type, body: body)))
                case .typedHostFunction(let type, let raw):
                    imports.define(module: imp.module, name: imp.name, .function(Function(store: store, type, raw: raw)))
                }
            } else if let p = providerModules.firstIndex(of: imp.module) {
                if provided[p] == nil { provided[p] = try providers[p](store) }
                guard let e = provided[p]?.lookup(module: imp.module, name: imp.name) else {
                    throw WispError.link("unknown import " + imp.module + "." + imp.name)
                }
                imports.define(module: imp.module, name: imp.name, e)
            } else {
                throw WispError.link("unknown import " + imp.module + "." + imp.name)
            }
        }
        return try module.instantiate(store: store, imports: imports)
    }

    mutating func add(_ module: String, _ name: String, _ d: Definition) throws(WispError) {
        let (i, inserted) = names.insert(Imports.key(module, name))
        if inserted {
            definitions.append(d)
        } else if allowShadowing {
            definitions[i] = d
        } else {
            throw WispError.misuse(module + "." + name + " is defined already (see allowShadowing)")
        }
    }
}
#endif
