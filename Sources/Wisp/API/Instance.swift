/// An instantiated module: its functions, memories, tables and globals, and its exports.
public struct Instance: Hashable {
    let entity: InstanceEntity
    /// Keeps the store that owns the instance alive as long as the handle.
    let owner: Store
    init(_ entity: InstanceEntity) {
        self.entity = entity
        self.owner = entity.store
    }

    /// Handles are equal when they name the same instance (not when their contents are equal).
    public static func == (a: Instance, b: Instance) -> Bool { a.entity === b.entity }
    /// Hashes the instance's identity, as `==` compares it.
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(entity)) }

    /// The module this is an instance of.
    public var module: Module { entity.module }

    /// Every export, in the module's order.
    public var exports: [(name: String, value: Extern)] {
        entity.module.parsed.exports.map { ($0.name, entity.extern(kind: $0.kind, index: Int($0.index))) }
    }

    /// The export named `name`, if any. Linear in the number of exports.
    public func export(_ name: String) -> Extern? {
        // Names compare by their UTF-8 bytes: Swift String equality would merge canonically equivalent names.
        for e in entity.module.parsed.exports where sameName(e.name, name) {
            return entity.extern(kind: e.kind, index: Int(e.index))
        }
        return nil
    }

    /// The function exported as `name`; nil when there is no such export or it is not a function.
    /// Linear in the number of exports.
    public func exportedFunction(_ name: String) -> Function? {
        if case .function(let f)? = export(name) { return f }
        return nil
    }
    /// The memory exported as `name`; nil when there is no such export or it is not a memory.
    /// Linear in the number of exports.
    public func exportedMemory(_ name: String) -> Memory? {
        if case .memory(let m)? = export(name) { return m }
        return nil
    }
    /// The table exported as `name`; nil when there is no such export or it is not a table.
    /// Linear in the number of exports.
    public func exportedTable(_ name: String) -> Table? {
        if case .table(let t)? = export(name) { return t }
        return nil
    }
    /// The global exported as `name`; nil when there is no such export or it is not a global.
    /// Linear in the number of exports.
    public func exportedGlobal(_ name: String) -> Global? {
        if case .global(let g)? = export(name) { return g }
        return nil
    }

    /// The instance's memory at `index` (imported or defined), if any.
    public func memory(at index: Int) -> Memory? {
        index < entity.memories.count ? Memory(entity.memories[index], owner: owner) : nil
    }

    /// The name of function `index` from the module's `name` section.
    public func functionName(_ index: UInt32) -> String? { entity.module.names.functionNames[index] }
}

extension Module {
    /// Instantiates the module in `store`, resolving its imports from `imports`.
    ///
    /// - Throws: `WispError.misuse` when the store belongs to another engine or an import to
    ///   another store; `WispError.link` when an import is missing or has an incompatible type;
    ///   `WispError.trap` when an active segment is out of bounds or the start function traps
    ///   (the instance is then unusable, but what was written before the trap stays, as the spec says);
    ///   `WispError.resource` when memory cannot be allocated.
    /// - Complexity: linear in the module's segments and globals, plus the start function's run.
    public func instantiate(store: Store, imports: Imports = Imports()) throws(WispError) -> Instance {
        try instantiate(store: store, source: .named(imports))
    }

#if !hasFeature(Embedded)  // (bare metal links by name only)
    /// Instantiates the module in `store` with `imports` given by position: one per import, in
    /// the order of `Module.imports` (as the wasm-c-api and Wasmtime's `Instance::new` take them).
    ///
    /// - Throws: as `instantiate(store:imports:)`, and `WispError.link` when `imports` does not
    ///   have one value per import.
    /// - Complexity: as `instantiate(store:imports:)`.
    public func instantiate(store: Store, importsInOrder imports: [Extern]) throws(WispError) -> Instance {
        try instantiate(store: store, source: .positional(imports))
    }
#endif

    func instantiate(store: Store, source: InstanceEntity.ImportSource) throws(WispError) -> Instance {
        // Translation follows the store's engine configuration (metering, features): a module
        // checked under another engine's could run what that one would refuse.
#if !hasFeature(Embedded)  // (firmware: one engine; see Store.owns)
        guard store.engine === engine else {
            throw WispError.misuse("the module was compiled by another engine than the store's")
        }
#endif
        return Instance(try InstanceEntity.instantiate(module: self, store: store, imports: source))
    }
}
