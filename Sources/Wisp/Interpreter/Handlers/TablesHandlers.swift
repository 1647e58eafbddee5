// The bodies of the instructions of category `table` in ISA/instructions.isa: tables: table.get, set, size, grow, fill, copy, init and elem.drop.
// Each is an `@inline(__always)` method `op_NAME` of VMState taking the interpreter's registers
// inout; the generated Dispatch.swift exports it as `wisp_op_NAME` for its C handler, which
// inlines it (see HandlerSupport.swift). Word layouts are in the table.

import Synchronization
import WispDispatch

extension VMState {
    @inline(__always)
    mutating func op_tableGet(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.tableGet, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }

    @inline(__always)
    mutating func op_tableSet(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.tableSet, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }

    @inline(__always)
    mutating func op_tableSize(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.tableSize, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }

    @inline(__always)
    mutating func op_tableGrow(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.tableGrow, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }

    @inline(__always)
    mutating func op_tableFill(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.tableFill, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }

    @inline(__always)
    mutating func op_tableCopy(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.tableCopy, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }

    @inline(__always)
    mutating func op_tableInit(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.tableInit, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }

    @inline(__always)
    mutating func op_elemDrop(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.elemDrop, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }

    @inline(__always)
    mutating func op_tableIndex64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
#if WISP_NO_MEMORY64
        trap = .unreachable
        return stop(pc, fp, fuel)
#else
        let v = fp[lo32(pc[1])]
        fp[hi32(pc[0])] = v > 0xFFFF_FFFF ? 0xFFFF_FFFF : v
        pc += 2
        return 0
#endif
    }
}
