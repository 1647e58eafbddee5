// The interpreter's instructions, one method each, in one file per category of
// ISA/instructions.isa (ControlHandlers.swift, CallsHandlers.swift, DataHandlers.swift, MemoryHandlers.swift,
// TablesHandlers.swift, SIMDHandlers.swift, NumericHandlers.swift, ExceptionsHandlers.swift). A body
// `op_NAME` gets the interpreter's registers inout (pc, frame, memory base and size, fuel, the
// accumulator: after inlining they are machine registers), its accumulator mode, and the VMState
// as `self` for everything else. It returns 0 to go on at the new pc, or `stop(...)` (non-zero)
// to leave the interpreter: to return to the host, trap or suspend (Executor.execute reads why
// from the VMState).
//
// The generated Dispatch.swift exports each body as `wisp_op_NAME`, the name its C handler
// (Sources/WispDispatch/include/WispDispatch.h) calls. The bodies are inlined into those exports
// by the Swift optimizer (whole-module, so across files), and the exports into the handlers by
// LLVM, which can do so only within one file's LLVM module: so the exports, `run` and the
// handler table's users all live in Dispatch.swift, and the bodies anywhere in the module.
// Instruction layouts are in ISA/instructions.isa.

typealias Code = UnsafeMutablePointer<UInt64>
typealias Slots = UnsafeMutablePointer<UInt64>

/// The host address of linear-memory byte `ea`, for an access whose bounds check
/// (`ea + width <= ms`) has passed. Truncating `ea` to `Int` is then exact: the memory's size
/// fits the address space (on a 32-bit target a memory never reaches 4 GiB, so a checked `ea`
/// fits 32 bits), and the truncating form costs no overflow check on the fast path.
@inline(__always) func hostAddress(_ md: UnsafeMutableRawPointer, _ ea: UInt64) -> UnsafeMutableRawPointer {
    md + Int(truncatingIfNeeded: ea)
}
