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

#if !hasFeature(Embedded) && canImport(Dispatch)
import Dispatch

/// A wall-clock limit on the calls of a store, built on its `InterruptHandle`: when it expires,
/// the running call stops at its next check point, trapping with "interrupted" (or suspending,
/// for a resumable call, with `trap: false`). Hosted platforms only: it needs Dispatch's timer.
public final class Deadline: @unchecked Sendable {
    private let timer: DispatchSourceTimer

    /// Starts a deadline of `seconds` for the calls `handle` controls.
    public init(after seconds: Double, handle: InterruptHandle, trap: Bool = true) {
        let t = DispatchSource.makeTimerSource(queue: .global())
        t.schedule(deadline: .now() + seconds)
        t.setEventHandler { handle.interrupt(trap: trap) }
        t.resume()
        timer = t
    }

    /// Withdraws the deadline if it has not fired yet.
    public func cancel() { timer.cancel() }

    deinit { timer.cancel() }
}

extension Store {
    /// Starts a wall-clock deadline for this store's calls (see `Deadline`). Keep the result
    /// while the calls run; cancel it (or drop it) when they are done.
    public func deadline(after seconds: Double, trap: Bool = true) -> Deadline {
        Deadline(after: seconds, handle: interruptHandle, trap: trap)
    }
}
#endif
