/// Owns every instance, function, memory, table and global created in it, and the VM stack that
/// runs them. Not thread-safe: use a store from one thread at a time.
public final class Store {
    public let engine: Engine
    // Everything created in the store stays alive until the store goes: the interpreter reaches
    // these through unretained pointers.
    var functionEntities: [FunctionEntity] = []
    var memoryEntities: [MemoryEntity] = []
    var tableEntities: [TableEntity] = []
    var globalEntities: [GlobalEntity] = []
    var instanceEntities: [InstanceEntity] = []
    private var typeIDs: [FuncType: Int] = [:]
    /// The VM stack, created on the first call.
    var executor: Executor?
    /// Fuel left (metering; see Store+Fuel.swift). The interpreter keeps a copy in a register while
    /// it runs and writes it back whenever it stops or calls the host.
    var fuel: UInt64 = 0
    var fuelGranted: UInt64 = 0
    /// Interruption and live-stack publication for calls running in this store (ExecutionControl.swift).
    let control: ExecutionControl

    /// Creates an empty store. Cheap: the VM stack is allocated on the first call.
    public init(engine: Engine) {
        self.engine = engine
        control = ExecutionControl(maxDepth: engine.configuration.maxCallDepth)
    }

    /// The store-wide id of a function type; equal types get equal ids.
    func typeID(_ type: FuncType) -> Int {
        if let id = typeIDs[type] { return id }
        let id = typeIDs.count + 1
        typeIDs[type] = id
        return id
    }

    func makeExecutor() -> Executor {
        if let e = executor { return e }
        let e = Executor(store: self, slots: engine.configuration.stackSlots, maxDepth: engine.configuration.maxCallDepth)
        executor = e
        return e
    }
}
