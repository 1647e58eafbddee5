// The bodies of the instructions of category `data` in ISA/instructions.isa: data movement: copies, constants, select, globals, ref.is_null.
// Each is an `@inline(__always)` method `op_NAME` of VMState taking the interpreter's registers
// inout; the generated Dispatch.swift exports it as `wisp_op_NAME` for its C handler, which
// inlines it (see HandlerSupport.swift). Word layouts are in the table.

import Synchronization
import WispDispatch

extension VMState {
    @inline(__always)
    mutating func op_copy(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])]
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_copy2(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1]
        fp[hi32(pc[0])] = fp[lo32(w1)]
        fp[hi32(w1)] = fp[Int(truncatingIfNeeded: pc[2])]
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_copy128(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let s = lo32(pc[1])
        fp[a] = fp[s]
        fp[a + 1] = fp[s + 1]
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_const64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = pc[1]
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_const128(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = pc[1]
        fp[a + 1] = pc[2]
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_select(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w1 = pc[1]
        fp[a] = slot32(fp, lo32(pc[2])) != 0 ? fp[lo32(w1)] : fp[hi32(w1)]
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_select128(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w1 = pc[1]
        let s = slot32(fp, lo32(pc[2])) != 0 ? lo32(w1) : hi32(w1)
        fp[a] = fp[s]
        fp[a + 1] = fp[s + 1]
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_globalGet(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc[1]))!.pointee
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_globalSet(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc[1]))!.pointee = fp[a]
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_globalGet128(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let g = UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc[1]))!
        fp[a] = g[0]
        fp[a + 1] = g[1]
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_globalSet128(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let g = UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc[1]))!
        g[0] = fp[a]
        g[1] = fp[a + 1]
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_refAsNonNull(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
#if WISP_NO_FUNCTION_REFERENCES
        trap = .unreachable  // not reached: the decoder rejects `ref.as_non_null`
        return stop(pc, fp, fuel)
#else
        guard fp[hi32(pc[0])] != 0 else { trap = .nullReference; return stop(pc, fp, fuel) }
        pc += 1
        return 0
#endif
    }

    @inline(__always)
    mutating func op_refIsNull(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = bool(fp[lo32(pc[1])] == 0)
        pc += 2
        return 0
    }
}
