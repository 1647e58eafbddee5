// The embedder's own per-store state, reachable from every host function through its `Caller`
// (as Wasmtime's `Store<T>` data and `Caller::data`). Hosted builds only: it rests on dynamic
// casts of generic classes, which Embedded Swift does not have.

#if !hasFeature(Embedded)
/// Holds a store's context of type `T`.
final class StoreContextBox<T> {
    var value: T
    init(_ value: T) { self.value = value }
}

extension Store {
    /// Creates a store holding `context` (see `setContext(_:)`).
    public convenience init<T>(engine: Engine, configuration: StoreConfiguration = StoreConfiguration(), context: T) {
        self.init(engine: engine, configuration: configuration)
        setContext(context)
    }

    /// Makes `value` the store's context, replacing any other (of any type). Host functions
    /// reach it with `Caller.context(_:)` and `Caller.withContext(_:_:)`. Cost: one allocation.
    public func setContext<T>(_ value: T) {
        contextBox = StoreContextBox(value)
    }

    /// Removes the context.
    public func removeContext() {
        contextBox = nil
    }

    /// The context, if the store holds one of type `T` (nil if none, or one of another type).
    /// Cost: a dynamic cast of the box (tens of nanoseconds); a class context is not copied.
    public func context<T>(_ type: T.Type = T.self) -> T? {
        (contextBox as? StoreContextBox<T>)?.value
    }

    /// Runs `body` with the context of type `T` in place, so a struct context can be changed
    /// without copying it out and back.
    /// - Throws: `WispError.misuse` when the store holds no context of type `T`; what `body` throws.
    public func withContext<T, R, E: Error>(_ type: T.Type = T.self, _ body: (inout T) throws(E) -> R) throws -> R {
        guard let box = contextBox as? StoreContextBox<T> else {
            throw WispError.misuse("the store holds no context of type " + String(describing: T.self))
        }
        return try body(&box.value)
    }
}

extension Caller {
    /// The calling store's context of type `T` (see `Store.context(_:)`).
    public func context<T>(_ type: T.Type = T.self) -> T? { store.context(T.self) }

    /// `Store.withContext(_:_:)` of the calling store. A host function can turn the misuse into
    /// a trap for its guest: `do { ... } catch { throw Trap(.host, message: "\(error)") }`.
    public func withContext<T, R, E: Error>(_ type: T.Type = T.self, _ body: (inout T) throws(E) -> R) throws -> R {
        try store.withContext(T.self, body)
    }
}
#endif
