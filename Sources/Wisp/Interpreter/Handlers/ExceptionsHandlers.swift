// The bodies of the instructions of category `exception` in ISA/instructions.isa: exception handling: throw and throw_ref (unwinding is in Exceptions/Unwinding.swift).
// Each is an `@inline(__always)` method `op_NAME` of VMState taking the interpreter's registers
// inout; the generated Dispatch.swift exports it as `wisp_op_NAME` for its C handler, which
// inlines it (see HandlerSupport.swift). Word layouts are in the table.

import Synchronization
import WispDispatch

extension VMState {
    @inline(__always)
    mutating func op_throwTag(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
#if WISP_NO_EXCEPTIONS
        trap = .unreachable  // not reached: the decoder rejects `throw`
        return stop(pc, fp, fuel)
#else
        let leave = throwTag(pc, fp, md, ms, fuel)
        pc = slowPC; fp = slowFP; md = slowMD; ms = slowMS; fuel = slowFuel
        return leave
#endif
    }

    @inline(__always)
    mutating func op_throwRef(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let e = UnsafeMutablePointer<ExceptionRecord>(bitPattern: UInt(fp[hi32(pc[0])])) else {
            trap = .nullExceptionReference
            return stop(pc, fp, fuel)
        }
#if WISP_NO_EXCEPTIONS
        _ = e
        trap = .unreachable  // not reached: the decoder rejects `throw_ref`
        return stop(pc, fp, fuel)
#else
        let leave = unwind(e, pc, fp, md, ms, fuel)
        pc = slowPC; fp = slowFP; md = slowMD; ms = slowMS; fuel = slowFuel
        return leave
#endif
    }

}
