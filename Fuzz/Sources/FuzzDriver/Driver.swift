// SwiftPM links every executable with `main` renamed to `<Target>_main`, which rules out the usual
// `-parse-as-library` + libFuzzer-supplied `main`. So each fuzz target keeps its top-level code
// and hands control to libFuzzer's own driver, which parses the libFuzzer flags as usual.

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Runs libFuzzer with the process's arguments and `callback` as the target; returns its status.
/// Only links in builds with `-sanitize=fuzzer`.
public func runLibFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
