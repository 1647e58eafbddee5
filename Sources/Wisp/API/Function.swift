/// A function: defined by a module instance, or by the host.
///
/// Not `Sendable`, like its store: a store and its handles are used by one thread at a time. To run
/// guests on many threads, give each task a store of its own (`Function.callAsync`).
public struct Function: Hashable {
    let entity: FunctionEntity
    /// Keeps the store (which owns the function's instance, memories and VM stack) alive as long
    /// as the handle: entities only point back to their store without retaining it.
    let owner: Store

    init(_ entity: FunctionEntity) {
        self.entity = entity
        self.owner = entity.store
    }

    /// Creates a host function. The body runs on the calling thread; it may call back into
    /// WebAssembly through the store.
    public init(store: Store, type: FuncType, body: @escaping HostFunctionBody) {
        let e = FunctionEntity(store: store, type: type, instance: nil, functionIndex: 0, definedIndex: -1, host: HostFunctionBox(body))
        store.functionEntities.append(e)
        self.entity = e
        self.owner = store
    }

    /// The function's parameter and result types.
    public var type: FuncType { entity.type }
    /// The store that owns the function; its calls run on that store's VM stack.
    public var store: Store { owner }

    /// Calls the function with `arguments`.
    ///
    /// - Throws: a `Trap` if execution traps, or if the arguments do not match the function's
    ///   parameter types (kind `.host`).
    /// - Complexity: the first call of a WebAssembly function translates its body (linear in its size).
    public func call(_ arguments: [Value]) throws(Trap) -> [Value] {
        try owner.makeExecutor().invoke(entity, arguments)
    }

    /// Calls the function with a fuel budget or an interrupt in mind: when the store's fuel
    /// cannot pay for the next region, an `InterruptHandle` asks it to suspend, or a host function
    /// throws `Trap(.yield)`, the call *suspends* with all its frames intact and returns
    /// `.suspended` with a handle to resume it (after `Store.addFuel`) or to drop it.
    ///
    /// A call made from inside a host function (re-entrant) cannot suspend: there a suspension
    /// ends the inner call with a trap of the matching kind (`.outOfFuel`, `.interrupted`, `.yield`).
    ///
    /// - Throws: a `Trap` if execution traps or the arguments do not match.
    public func callResumable(_ arguments: [Value]) throws(Trap) -> CallOutcome {
        let store = entity.store
        let executor = try store.makeExecutor()
        if executor.active > 0 {
            return .returned(try executor.invoke(entity, arguments))
        }
        let base = executor.stackTop
        switch try executor.start(entity, arguments) {
        case .returned:
            return .returned(executor.results(entity, base: base))
        case .trapped(let t):
            throw t
        case .suspended(let reason):
            // The suspended frames belong to the handle now; later calls get a fresh VM stack.
            store.executor = nil
            return .suspended(ResumableCall(executor: executor, function: entity, base: base, reason: reason))
        }
    }

    /// Handles are equal when they name the same function (not when their code is the same).
    public static func == (a: Function, b: Function) -> Bool { a.entity === b.entity }
    /// Hashes the function's identity, as `==` compares it.
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(entity)) }
}
