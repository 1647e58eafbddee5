/// A function: defined by a module instance, or by the host.
public struct Function: Hashable, @unchecked Sendable {
    let entity: FunctionEntity

    init(_ entity: FunctionEntity) { self.entity = entity }

    /// Creates a host function. The body runs on the calling thread; it may call back into
    /// WebAssembly through the store.
    public init(store: Store, type: FuncType, body: @escaping HostFunctionBody) {
        let e = FunctionEntity(store: store, type: type, instance: nil, functionIndex: 0, definedIndex: -1, host: HostFunctionBox(body))
        store.functionEntities.append(e)
        self.entity = e
    }

    public var type: FuncType { entity.type }
    public var store: Store { entity.store }

    /// Calls the function with `arguments`.
    ///
    /// - Throws: a `Trap` if execution traps, or if the arguments do not match the function's
    ///   parameter types (kind `.host`).
    /// - Complexity: the first call of a WebAssembly function translates its body (linear in its size).
    public func call(_ arguments: [Value]) throws(Trap) -> [Value] {
        try entity.store.makeExecutor().invoke(entity, arguments)
    }

    public static func == (a: Function, b: Function) -> Bool { a.entity === b.entity }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(entity)) }
}
