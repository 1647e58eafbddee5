// Calls from Swift concurrency: the guest runs in fuel slices and the task yields between them,
// so many guests share a cooperative thread pool without one holding a thread for its whole
// run. Built on resumable calls (ResumableCall.swift) and the store's interrupt handle. Hosted
// builds only (firmware has no Swift concurrency runtime).

#if !hasFeature(Embedded)
extension Function {
    /// Calls the function from an `async` context, running the guest in slices of at most
    /// `slice` fuel units taken from the store's budget (`Store.setFuel`), and yielding the task
    /// to its executor (`Task.yield()`) between slices and whenever a host function yields
    /// (`Trap(.yield)`). Cancelling the task interrupts the guest at its next check point (a
    /// call or a loop back-edge): the call is then abandoned and `CancellationError` thrown.
    ///
    /// The fuel used is charged to the store exactly as `call` would charge it; what the call did
    /// not use stays in the store. A region that costs more than a slice gets a larger one (slices
    /// double while no progress is made), never more than the budget.
    ///
    /// It runs on the caller's executor (`nonisolated(nonsending)`), so the store stays on the
    /// isolation domain that owns it. One async call runs in a store at a time.
    ///
    /// - Throws: the guest's `Trap` (an exhausted budget is `Trap(.outOfFuel)`, an interrupt the
    ///   embedder asked for is `Trap(.interrupted)`); `CancellationError`; `WispError.misuse` when
    ///   the engine does not meter fuel, `slice` is 0, or another async call runs in the store.
    /// - Cost: that of `callResumable` plus, per slice, a task yield (about a microsecond).
    nonisolated(nonsending)
    public func callAsync(_ arguments: [Value], slice: UInt64 = 100_000) async throws -> [Value] {
        let store = owner
        guard store.isMetered else {
            throw WispError.misuse("an async call runs in fuel slices: the engine needs fuelMetering")
        }
        guard slice > 0 else { throw WispError.misuse("an async call needs a slice of at least 1 unit") }
        guard !store.asyncCallRunning else {
            throw WispError.misuse("another async call is running in this store")
        }
        store.asyncCallRunning = true
        // The budget not yet handed to the guest; what is left of it goes back to the store.
        var reserve = store.fuel
        store.fuel = 0
        defer {
            store.fuel += reserve
            store.asyncCallRunning = false
            // A cancellation after the guest's last check point left its interrupt unconsumed:
            // it must not stop the store's next call.
            if Task.isCancelled { store.interruptHandle.clear() }
        }
        var size = slice
        func grant() -> Bool {
            let n = min(size, reserve)
            reserve -= n
            store.fuel += n
            return n > 0
        }
        let interrupt = store.interruptHandle
        return try await withTaskCancellationHandler {
            _ = grant()
            var consumed = store.fuelConsumed
            var outcome = try callResumable(arguments)
            while case .suspended(let call) = outcome {
                if Task.isCancelled { throw CancellationError() }
                switch call.reason {
                case .outOfFuel:
                    // No progress since the last slice: the next region costs more than it.
                    if store.fuelConsumed == consumed { size = size > UInt64.max / 2 ? UInt64.max : size * 2 }
                    consumed = store.fuelConsumed
                    // The budget is spent: the call ends as `call` would end it (its frames go
                    // with the handle).
                    guard grant() else { throw Trap(.outOfFuel, backtrace: call.backtrace) }
                case .yield:
                    break
                case .interrupted:
                    throw Trap(.interrupted, backtrace: call.backtrace)
                }
                await Task.yield()
                if Task.isCancelled { throw CancellationError() }
                outcome = try call.resume()
            }
            guard case .returned(let results) = outcome else { return [] }
            return results
        } onCancel: {
            interrupt.interrupt()
        }
    }
}
#endif
