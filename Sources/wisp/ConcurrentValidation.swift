// `wisp run` validates a module's function bodies beside its execution, not before it: start-up
// is then that of lazy validation (CPython: 0.05 s instead of 0.7 s), and the module is still
// checked whole before the run can succeed. A body called before the background thread reaches
// it is validated on its first call, so no unvalidated code ever runs; what an invalid module can
// do is start (and write output) before it is refused. --lazy-validation turns the check off.
import Foundation
import Wisp
import WispText

extension Module {
    /// Starts validating the bodies on another thread (`validateFunctionBodiesInBackground`),
    /// leaving one processor to the module itself. If one is invalid, prints the error as loading
    /// would have (`error: PATH: ...`) and interrupts the run in `store` with a trap.
    func validateBesideRun(path: String, sourceMap: WATSourceMap?, store: Store) -> BodyValidation {
        let handle = store.interruptHandle
        return validateFunctionBodiesInBackground(threads: max(1, ProcessInfo.processInfo.activeProcessorCount - 1)) { error in
            guard let error else { return }
            printError(describeModuleError(error, path: path, sourceMap: sourceMap))
            handle.interrupt(trap: true)
        }
    }
}
