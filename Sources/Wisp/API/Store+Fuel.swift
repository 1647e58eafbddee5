// The store's fuel budget and interrupt handle: the embedder's side of metering (docs/fuel.md).

extension Store {
    /// The handle that interrupts calls running in this store, from any thread or a signal handler.
    public var interruptHandle: InterruptHandle { control.interrupt }

    /// Reads the wasm call stack of whatever runs in this store, from any thread.
    public var stackSampler: StackSampler { StackSampler(store: self) }

    /// Whether the engine meters fuel.
    public var isMetered: Bool { engine.configuration.fuelMetering }

    /// Sets the fuel left to `units`.
    /// - Throws: `WispError.resource` if the engine was not configured with `fuelMetering`.
    public func setFuel(_ units: UInt64) throws(WispError) {
        guard isMetered else { throw WispError.resource("fuel metering is off in this engine's configuration") }
        fuelGranted = fuelGranted &+ units &- fuel
        fuel = units
    }

    /// Adds `units` to the fuel left (saturating at UInt64.max).
    /// - Throws: `WispError.resource` if the engine was not configured with `fuelMetering`.
    public func addFuel(_ units: UInt64) throws(WispError) {
        guard isMetered else { throw WispError.resource("fuel metering is off in this engine's configuration") }
        let added = min(units, UInt64.max - fuel)
        fuel += added
        fuelGranted = fuelGranted &+ added
    }

    /// The fuel left, or nil when metering is off.
    public var remainingFuel: UInt64? { isMetered ? fuel : nil }

    /// The fuel consumed so far by every call in this store.
    public var fuelConsumed: UInt64 { fuelGranted &- fuel }
}
