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
/// The memory record an instruction names in one of its words.
@inline(__always) func memoryRecord(_ w: UInt64) -> UnsafeMutablePointer<MemoryRecord> {
    UnsafeMutablePointer<MemoryRecord>(bitPattern: UInt(truncatingIfNeeded: w)).unsafelyUnwrapped
}

/// Whether an instruction's 64-bit flag (a word or half-word, nonzero for a memory64 or table64)
/// is set; constant false in a build without memory64.
@inline(__always) func isAddress64<T: BinaryInteger>(_ flag: T) -> Bool {
#if WISP_NO_MEMORY64
    return false
#else
    return flag != 0
#endif
}

/// An address, length or delta operand: the whole slot for a memory64, its low 32 bits else.
@inline(__always) func address(_ fp: UnsafeMutablePointer<UInt64>, _ slot: Int, _ is64: Bool) -> UInt64 {
    is64 ? fp[slot] : UInt64(UInt32(truncatingIfNeeded: fp[slot]))
}

@inline(__always) func hostAddress(_ md: UnsafeMutableRawPointer, _ ea: UInt64) -> UnsafeMutableRawPointer {
    md + Int(truncatingIfNeeded: ea)
}
