/// The result of `Function.callResumable`.
public enum CallOutcome {
    /// The call finished with these results.
    case returned([Value])
    /// The call stopped at a check point and can be resumed.
    case suspended(ResumableCall)
}

/// A suspended call: every WebAssembly frame it had is kept, on a VM stack of its own.
///
/// Resume it (after adding fuel, or when the host that yielded is ready) with `resume()`, any
/// number of times; or drop it to abandon the call, which frees its VM stack. Instances and
/// memories stay with their store either way.
public final class ResumableCall {
    let executor: Executor
    let function: FunctionEntity
    let base: UnsafeMutablePointer<UInt64>
    /// The suspended frames run in this store's instances: keep it alive with the handle.
    let owner: Store
    /// Why the call is suspended now.
    public private(set) var reason: SuspendReason
    /// Whether the call has returned or trapped (resuming then does nothing).
    public private(set) var isFinished = false

    init(executor: Executor, function: FunctionEntity, base: UnsafeMutablePointer<UInt64>, reason: SuspendReason) {
        self.executor = executor
        self.function = function
        self.base = base
        self.reason = reason
        self.owner = function.store
    }

    /// The call ended: its VM stack is free again, so the store may reuse it instead of
    /// allocating a new one for its next call.
    private func finish() {
        isFinished = true
        if owner.executor == nil && executor.depth == 0 { owner.executor = executor }
    }

    /// The suspended call's WebAssembly frames, innermost first (empty once finished).
    public var backtrace: [BacktraceFrame] { isFinished ? [] : executor.suspendedBacktrace() }

    /// Continues the call exactly where it stopped: a charge that failed is retried, a host
    /// function that yielded is called again.
    ///
    /// - Returns: `.returned` with the results, or `.suspended(self)` if it stopped again.
    /// - Throws: the `Trap` that ended the call; a finished call throws `Trap(.misuse)`.
    public func resume() throws(Trap) -> CallOutcome {
        guard !isFinished else { throw Trap(.misuse, message: "the call has already finished") }
        switch executor.resume() {
        case .returned:
            finish()
            return .returned(executor.results(function, base: base))
        case .trapped(let t):
            finish()
            throw t
        case .suspended(let r):
            reason = r
            return .suspended(self)
        }
    }
}
