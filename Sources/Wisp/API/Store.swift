/// Per-store settings: where the store's memory comes from and how much it may take.
public struct StoreConfiguration {
    /// Serves every large allocation of the store: heap-backed linear memories, tables, records,
    /// and (when the executor asks it) VM stacks and translated code. Default: the system allocator.
    public var allocator: Allocator = SystemAllocator.shared
    /// Caps for this store; nil uses the engine's `EngineConfiguration.limits`.
    public var limits: ResourceLimits? = nil
    /// Asked about every creation and growth of a memory or table and every instantiation, after
    /// the limits passed; returning false refuses (a grow returns -1, instantiation throws
    /// `WispError.resource`).
    public var limiter: ResourceLimiter? = nil
    /// Chooses each memory's backend; nil uses the engine's `EngineConfiguration.memoryBackend`.
    public var memoryBackend: StoreMemoryBackendProvider? = nil
    /// The defaults: the shared system allocator, no limiter, and the engine's limits and memory
    /// backend.
    public init() {}
}

/// Owns every instance, function, memory, table and global created in it, and the VM stack that
/// runs them. Not thread-safe: use a store from one thread at a time.
///
/// A store is the unit of freeing: its entities reference each other through unretained pointers
/// (a table of one instance may hold functions of another), so nothing is freed until the store
/// goes; then everything is, and its allocator's `inUse` returns to what it was before.
public final class Store {
    /// The engine the store runs with; only that engine's modules can be instantiated in it.
    public let engine: Engine
    /// The settings the store was created with.
    public let configuration: StoreConfiguration
    let account: ResourceAccount
    // Everything created in the store stays alive until the store goes: the interpreter reaches
    // these through unretained pointers.
    var functionEntities: [FunctionEntity] = []
    var memoryEntities: [MemoryEntity] = []
    var tableEntities: [TableEntity] = []
    var globalEntities: [GlobalEntity] = []
    var tagEntities: [TagEntity] = []
    /// Exceptions that became `exnref` values: kept until the store goes (see ExceptionRecord).
    let exceptions = ExceptionList()
    var instanceEntities: [InstanceEntity] = []
    /// Function types seen so far, each as its parameter codes, 0, its result codes (0 is no
    /// value type's code); a type's id is its number in this table + 1.
    private var typeIDs = ByteStringTable()
    /// The VM stack, created on the first call.
    var executor: Executor?
    /// Fuel left (metering; see Store+Fuel.swift). The interpreter keeps a copy in a register while
    /// it runs and writes it back whenever it stops or calls the host.
    var fuel: UInt64 = 0
    var fuelGranted: UInt64 = 0
    /// Interruption and live-stack publication for calls running in this store (ExecutionControl.swift).
    let control: ExecutionControl
#if !hasFeature(Embedded)
    /// The embedder's context (Store+Context.swift): a `StoreContextBox<T>`, or nil.
    var contextBox: AnyObject?
    /// Whether an async call (Function+Async.swift) is running its slices in this store.
    var asyncCallRunning = false
#endif

    /// Creates an empty store. Cheap: the VM stack is allocated on the first call.
    public init(engine: Engine, configuration: StoreConfiguration = StoreConfiguration()) {
        self.engine = engine
        self.configuration = configuration
        control = ExecutionControl(maxDepth: engine.configuration.maxCallDepth)
        account = ResourceAccount(allocator: configuration.allocator,
                                  limits: configuration.limits ?? engine.configuration.limits,
                                  limiter: configuration.limiter)
    }

    /// Whether `e` was created in this store (type ids, records and exceptions are per store, so
    /// another store's cannot be linked or stored).
    @inline(__always)
    func owns(_ e: Extern) -> Bool {
#if hasFeature(Embedded)
        // Firmware checks types but not store identity: its one image holds one engine, and the
        // minimal engine's 150,000-byte budget had no room for these checks (docs/embedding.md).
        return true
#else
        switch e {
        case .function(let f): return f.owner === self
        case .table(let t): return t.owner === self
        case .memory(let m): return m.owner === self
        case .global(let g): return g.owner === self
        case .tag(let t): return t.entity.owner == ObjectIdentifier(account)
        }
#endif
    }

    /// Whether `value`, if a function or exception reference, belongs to this store.
    @inline(__always)
    func ownsReference(_ value: Value) -> Bool {
#if hasFeature(Embedded)
        return true  // (see `owns`)
#else
        return Store.reference(value, belongsTo: ObjectIdentifier(account))
#endif
    }

#if !hasFeature(Embedded)
    /// Whether `value`, if a function or exception reference, belongs to the store whose account
    /// is `owner` (every other value belongs anywhere).
    static func reference(_ value: Value, belongsTo owner: ObjectIdentifier) -> Bool {
        switch value {
        case .funcref(let f?): return ObjectIdentifier(f.owner.account) == owner
        case .exnref(let e?): return e.tag.entity.owner == owner
        default: return true
        }
    }
#endif

    /// Throws `WispError.misuse` unless `value` is of `type` and, if a reference, of this store.
    func check(_ value: Value, isA type: ValueType, for what: String) throws(WispError) {
        try Store.check(value, isA: type, owner: ObjectIdentifier(account), for: what)
    }

    /// The same for the store whose account is `owner`.
    static func check(_ value: Value, isA type: ValueType, owner: ObjectIdentifier, for what: String) throws(WispError) {
        guard value.matches(type) else {
            throw WispError.misuse(what + " of " + type.name + " cannot hold a value of " + value.type.name)
        }
#if !hasFeature(Embedded)
        guard reference(value, belongsTo: owner) else {
            throw WispError.misuse("the " + value.type.name + " belongs to another store than " + what)
        }
#endif
    }

    /// The allocator serving this store.
    public var allocator: Allocator { account.allocator }
    /// The limits in force.
    public var limits: ResourceLimits { account.limits }
    /// Bytes all memories and tables of the store hold now (what `ResourceLimits.maxTotalBytes` caps).
    public var totalBytes: Int { account.totalBytes }
    /// Bytes heap-backed memories of the store hold beyond their sizes, kept so they can grow
    /// without moving (see `Memory.spareByteCount`): allocated, but not in `totalBytes`.
    public var spareMemoryBytes: Int { memoryEntities.reduce(0) { $0 + $1.spareBytes } }
    /// Instances created in the store (failed instantiations are not counted).
    public var instanceCount: Int { account.instances }

    /// The backend for a memory about to be created.
    func memoryBackend(for request: MemoryRequest) -> MemoryBackendChoice {
        if let p = configuration.memoryBackend { return p(request) }
        if let p = engine.configuration.memoryBackend { return p(request) }
        return .heap
    }

    /// The store-wide id of a function type; equal types get equal ids.
    func typeID(_ type: FuncType) -> Int {
        // Four bytes a type (concrete references hold store type ids: see
        // `InstanceEntity.storeType`), then a separator no type's first byte can be.
#if WISP_NO_FUNCTION_REFERENCES
        // (Every type is one byte.)
        var key = type.parameters.map { UInt8(truncatingIfNeeded: $0.rawValue) }
        key.append(0)
        key.append(contentsOf: type.results.map { UInt8(truncatingIfNeeded: $0.rawValue) })
#else
        var key: [UInt8] = []
        key.reserveCapacity(4 * (type.parameters.count + type.results.count) + 1)
        func add(_ t: ValueType) {
            for k in 0..<4 { key.append(UInt8(truncatingIfNeeded: t.rawValue >> (8 * UInt32(k)))) }
        }
        for t in type.parameters { add(t) }
        key.append(0)
        for t in type.results { add(t) }
#endif
        return typeIDs.insert(key).index + 1
    }

    /// `t` with a concrete reference's type index (into a module's type section) replaced by the
    /// store's id of that type, `ids` holding those of the types before; a type's reference to
    /// itself gets a marker no id reaches (iso-recursive equality of singleton groups).
    static func storeType(_ t: ValueType, ids: [Int]) -> ValueType {
#if WISP_NO_FUNCTION_REFERENCES
        return t
#else
        guard t.isReference, let i = t.heapType.typeIndex else { return t }
        let id = Int(i) < ids.count ? UInt32(ids[Int(i)]) : (1 << 23) - 1
        return .ref(.concrete(id), nullable: t.isNullable)
#endif
    }

    /// A module's types as this store names them (concrete references to store ids, so equal
    /// shapes of different modules are equal types), and their ids. Cost: one hash per type.
    func storeTypes(of m: ParsedModule) -> (types: [FuncType], ids: [Int]) {
#if WISP_NO_FUNCTION_REFERENCES
        return (m.types, m.types.map { typeID($0) })  // (no concrete references to rewrite)
#else
        var types: [FuncType] = [], ids: [Int] = []
        types.reserveCapacity(m.types.count)
        ids.reserveCapacity(m.types.count)
        for t in m.types {
            let s = FuncType(parameters: t.parameters.map { Store.storeType($0, ids: ids) },
                             results: t.results.map { Store.storeType($0, ids: ids) })
            types.append(s)
            ids.append(typeID(s))
        }
        return (types, ids)
#endif
    }

    /// Type `index` of `module`'s type section as this store names it: the type to give a host
    /// function (`Function(store:type:body:)`, `Linker`) that is to match an import declared
    /// with that index, when the type refers to other types (typed function references; for
    /// other types it is the module's own). Nil if there is no such type.
    /// Cost: linear in the module's type section.
    public func functionType(_ index: Int, of module: Module) -> FuncType? {
        guard index >= 0 && index < module.parsed.types.count else { return nil }
        return storeTypes(of: module.parsed).types[index]
    }

    /// The store's VM stack, allocated on first use.
    /// - Throws: "call stack exhausted" when the allocator cannot provide it.
    func makeExecutor() throws(Trap) -> Executor {
        if let e = executor { return e }
        guard let e = Executor(store: self, slots: engine.configuration.stackSlots, maxDepth: engine.configuration.maxCallDepth) else {
            throw Trap(.callStackExhausted, message: "call stack exhausted (the VM stack could not be allocated)")
        }
        executor = e
        return e
    }
}

#if hasFeature(Embedded)
// Firmware keeps no owner in its entities and compares none (see `Store.owns`); these stand in
// for the stored identities so the API's checks read the same in both builds.
extension TableEntity { var owner: ObjectIdentifier { ObjectIdentifier(account) } }
extension GlobalEntity { var owner: ObjectIdentifier { ObjectIdentifier(self) } }
extension TagEntity { var owner: ObjectIdentifier { ObjectIdentifier(self) } }
#endif
