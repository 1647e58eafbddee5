// `wisp run` validates a module's function bodies beside its execution, not before it: start-up
// is then that of lazy validation (CPython: 0.05 s instead of 0.7 s), and the module is still
// checked whole before the run can succeed. A body called before the background thread reaches
// it is validated on its first call, so no unvalidated code ever runs; what an invalid module can
// do is start (and write output) before it is refused. --lazy-validation turns the check off.
import Foundation
import Wisp

/// The body validation of one module on a thread of its own.
final class ConcurrentValidation: @unchecked Sendable {
    private let done = NSCondition()
    private var finished = false
    private var error: WispError?

    /// Starts validating `module`'s bodies. If one is invalid, prints the error as loading would
    /// have (`error: PATH: ...`) and interrupts the run in `store` with a trap.
    init(module: Module, path: String, store: Store) {
        let handle = store.interruptHandle
        let thread = Thread { [self] in
            var failure: WispError?
            // One processor is left to the module itself.
            do throws(WispError) {
                try module.validateFunctionBodies(threads: max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
            } catch { failure = error }
            if let failure {
                printError("error: " + path + ": " + failure.description)
                handle.interrupt(trap: true)
            }
            done.lock()
            error = failure
            finished = true
            done.broadcast()
            done.unlock()
        }
        // Validation of 74 MB of code uses a few megabytes of stack at most; the default is 512 KiB.
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// Waits for the validation to end; returns whether the module was found invalid (the error
    /// has been printed).
    func waitForFailure() -> Bool {
        done.lock()
        while !finished { done.wait() }
        let failed = error != nil
        done.unlock()
        return failed
    }
}
