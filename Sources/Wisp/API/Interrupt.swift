import Synchronization

/// Stops a running call from any thread or from a signal handler.
///
/// `interrupt` is one atomic store: async-signal-safe, lock-free, allocation-free. The running
/// call notices it at its next check point (a call, or a loop back-edge), so even an infinite
/// loop stops within one loop iteration. The check costs one load at those points.
public final class InterruptHandle: @unchecked Sendable {
    static let suspendRequest = 1
    static let trapRequest = 2
    /// Stable address: the interpreter keeps this pointer in a register.
    let state: UnsafeMutablePointer<Atomic<Int>>

    init() {
        state = .allocate(capacity: 1)
        state.initialize(to: Atomic(0))
    }
    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Asks the running (or next) call to stop at its next check point. With `trap: false` a
    /// resumable call suspends with reason `.interrupted` (a plain `Function.call` then traps with
    /// "interrupted"); with `trap: true` it traps with "interrupted".
    public func interrupt(trap: Bool = false) {
        state.pointee.store(trap ? InterruptHandle.trapRequest : InterruptHandle.suspendRequest, ordering: .relaxed)
    }

    /// Withdraws a request that no call has consumed yet.
    public func clear() {
        state.pointee.store(0, ordering: .relaxed)
    }
}
