// The bodies of the instructions of category `control` in ISA/instructions.isa: control flow: branches, compare-and-branch, br_table, unreachable.
// Each is an `@inline(__always)` method `op_NAME` of VMState taking the interpreter's registers
// inout; the generated Dispatch.swift exports it as `wisp_op_NAME` for its C handler, which
// inlines it (see HandlerSupport.swift). Word layouts are in the table.

import Synchronization
import WispDispatch

extension VMState {
    @inline(__always)
    mutating func op_unreachable(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        trap = .unreachable
        return stop(pc, fp, fuel)
    }

    @inline(__always)
    mutating func op_br(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        if mode & 8 != 0 {
            // AI: [op|dst] [a | imm32 << 32] [offset], the add before the jump folded in.
            let w1 = pc[1]
            fp[hi32(pc[0])] = u32(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: w1 >> 32))
            pc += 1
        }
        pc = pc + 1 + Int(Int64(bitPattern: pc[1]))
        return 0
    }

    @inline(__always)
    mutating func op_brIf(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        conditionalBranch(&pc, fp, md, ms, fuel, acc, mode) { $0 != 0 }
    }

    @inline(__always)
    mutating func op_brIfNot(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        conditionalBranch(&pc, fp, md, ms, fuel, acc, mode) { $0 == 0 }
    }

    @inline(__always)
    mutating func op_brLoop(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; return stop(pc, fp, fuel) }
        pc = pc + 1 + Int(Int64(bitPattern: pc[1]))
        topPC.pointee.store(UInt(bitPattern: pc), ordering: .relaxed)
        return 0
    }

    @inline(__always)
    mutating func op_brIfLoop(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if slot32(fp, a) != 0 {
            if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; return stop(pc, fp, fuel) }
            pc = pc + 1 + Int(Int64(bitPattern: pc[1]))
            topPC.pointee.store(UInt(bitPattern: pc), ordering: .relaxed)
        } else { pc += 2 }
        return 0
    }

    @inline(__always)
    mutating func op_brF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let cost = pc[2]
        if cost > fuel { suspendReason = .outOfFuel; return stop(pc, fp, fuel) }
        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; return stop(pc, fp, fuel) }
        fuel -= cost
        pc = pc + 1 + Int(Int64(bitPattern: pc[1]))
        topPC.pointee.store(UInt(bitPattern: pc), ordering: .relaxed)
        return 0
    }

    @inline(__always)
    mutating func op_brIfF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0]; let a = hi32(w0)
        let taken = slot32(fp, a) != 0
        let cost = taken ? pc[2] : pc[3]
        if cost > fuel { suspendReason = .outOfFuel; return stop(pc, fp, fuel) }
        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; return stop(pc, fp, fuel) }
        fuel -= cost
        pc = taken ? pc + 1 + Int(Int64(bitPattern: pc[1])) : pc + 4
        topPC.pointee.store(UInt(bitPattern: pc), ordering: .relaxed)
        return 0
    }

    @inline(__always)
    mutating func op_brIfNotF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0]; let a = hi32(w0)
        let taken = slot32(fp, a) == 0
        let cost = taken ? pc[2] : pc[3]
        if cost > fuel { suspendReason = .outOfFuel; return stop(pc, fp, fuel) }
        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; return stop(pc, fp, fuel) }
        fuel -= cost
        pc = taken ? pc + 1 + Int(Int64(bitPattern: pc[1])) : pc + 4
        topPC.pointee.store(UInt(bitPattern: pc), ordering: .relaxed)
        return 0
    }

    @inline(__always)
    mutating func op_brTable(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let x: UInt32
        if mode & 8 != 0 {
            // AI, LAI: [op|dst] [a | imm32 << 32] [count] [entries], the add before it folded in.
            let w1 = pc[1]
            x = (mode & 1 != 0 ? UInt32(truncatingIfNeeded: acc) : slot32(fp, lo32(w1))) &+ UInt32(truncatingIfNeeded: w1 >> 32)
            fp[hi32(pc[0])] = u32(x)
            pc += 1
        } else {
            x = mode & 1 != 0 ? UInt32(truncatingIfNeeded: acc) : slot32(fp, hi32(pc[0]))
        }
        let count = Int(pc[1])
        let i = min(Int(x), count)
        let entry = pc + 2 + i
        pc = entry + Int(Int64(bitPattern: entry[0]))
        return 0
    }

    // [op|a] [b or imm32] [offset]; the metered forms add [taken cost] [not-taken cost]. Each
    // instruction computes its comparison and ends in one of these two.

    /// A taken backward branch is a check point: the interrupt flag, and the published position.
    @inline(__always)
    mutating func fusedBranch(_ taken: Bool, _ pc: inout Code, _ fp: Slots, _ fuel: UInt64) -> UInt {
        guard taken else { pc += 3; return 0 }
        let off = Int(Int64(bitPattern: pc[2]))
        pc = pc + 2 + off
        if off < 0 {
            // Stop after the jump, at the loop's head: the branch may have read its operand from
            // the accumulator, which a resumed run would not have.
            if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; return stop(pc, fp, fuel) }
            topPC.pointee.store(UInt(bitPattern: pc), ordering: .relaxed)
        }
        return 0
    }

    /// A compare-and-branch on (x, y) in accumulator mode `mode` (x, and y if not `immediate`,
    /// from their slots or the accumulator), or with an add mode, on the i32.add it folds in
    /// (see WispDispatch.h): x = a + (imm32 or b), stored to the add's destination as well.
    @inline(__always)
    mutating func compareAndBranch(_ pc: inout Code, _ fp: Slots, _ fuel: UInt64, _ acc: UInt64, _ mode: UInt32,
                                   immediate: Bool, _ holds: (_ x: UInt32, _ y: UInt32) -> Bool) -> UInt {
        if mode & 24 != 0 {
            let w1 = pc[1]
            let x = slot32(fp, lo32(w1)) &+ (mode & 8 != 0 ? UInt32(truncatingIfNeeded: w1 >> 32) : slot32(fp, hi32(w1)))
            fp[hi32(pc[0])] = u32(x)
            let y = immediate ? UInt32(truncatingIfNeeded: pc[2]) : slot32(fp, lo32(pc[2]))
            // One word longer than the plain form: from here on the layouts agree.
            pc += 1
            return fusedBranch(holds(x, y), &pc, fp, fuel)
        }
        let x = first32(pc, fp, acc, mode)
        let y = immediate ? UInt32(truncatingIfNeeded: pc[1]) : second32(pc, fp, acc, mode)
        return fusedBranch(holds(x, y), &pc, fp, fuel)
    }

    /// brIf and brIfNot: [op|cond] [offset], or in the memory modes (M8: a byte, M32: a word)
    /// [op|address slot] [memory offset] [offset], the condition loaded and checked like a load's.
    @inline(__always)
    mutating func conditionalBranch(_ pc: inout Code, _ fp: Slots, _ md: UnsafeMutableRawPointer, _ ms: UInt64, _ fuel: UInt64,
                                    _ acc: UInt64, _ mode: UInt32, _ taken: (UInt32) -> Bool) -> UInt {
        let c: UInt32
        if mode & 24 != 0 {
            let ea = UInt64(slot32(fp, hi32(pc[0]))) &+ pc[1]
            guard ea &+ (mode & 8 != 0 ? 1 : 4) <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
            let p = hostAddress(md, ea)
            c = mode & 8 != 0 ? UInt32(p.loadUnaligned(as: UInt8.self)) : p.loadUnaligned(as: UInt32.self)
        } else {
            c = first32(pc, fp, acc, mode)
        }
        let o = mode & 24 != 0 ? 2 : 1
        if taken(c) { pc = pc + o + Int(Int64(bitPattern: pc[o])) } else { pc += o + 1 }
        return 0
    }

    /// Charges the region the branch enters, like brIfF.
    @inline(__always)
    mutating func fusedBranchCharging(_ taken: Bool, _ pc: inout Code, _ fp: Slots, _ fuel: inout UInt64) -> UInt {
        let cost = taken ? pc[3] : pc[4]
        if cost > fuel { suspendReason = .outOfFuel; return stop(pc, fp, fuel) }
        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; return stop(pc, fp, fuel) }
        fuel -= cost
        pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
        topPC.pointee.store(UInt(bitPattern: pc), ordering: .relaxed)
        return 0
    }

    @inline(__always)
    mutating func op_brI32Eq(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in x == y }
    }

    @inline(__always)
    mutating func op_brI32EqI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in x == y }
    }

    @inline(__always)
    mutating func op_brI32Ne(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in x != y }
    }

    @inline(__always)
    mutating func op_brI32NeI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in x != y }
    }

    @inline(__always)
    mutating func op_brI32LtS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in Int32(bitPattern: x) < Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32LtSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in Int32(bitPattern: x) < Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32LtU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in x < y }
    }

    @inline(__always)
    mutating func op_brI32LtUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in x < y }
    }

    @inline(__always)
    mutating func op_brI32GtS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in Int32(bitPattern: x) > Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32GtSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in Int32(bitPattern: x) > Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32GtU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in x > y }
    }

    @inline(__always)
    mutating func op_brI32GtUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in x > y }
    }

    @inline(__always)
    mutating func op_brI32LeS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in Int32(bitPattern: x) <= Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32LeSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in Int32(bitPattern: x) <= Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32LeU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in x <= y }
    }

    @inline(__always)
    mutating func op_brI32LeUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in x <= y }
    }

    @inline(__always)
    mutating func op_brI32GeS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in Int32(bitPattern: x) >= Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32GeSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in Int32(bitPattern: x) >= Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32GeU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in x >= y }
    }

    @inline(__always)
    mutating func op_brI32GeUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in x >= y }
    }

    @inline(__always)
    mutating func op_brI32EqF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(x == y, &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32EqIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(x == y, &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32NeF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(x != y, &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32NeIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(x != y, &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32LtSF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(Int32(bitPattern: x) < Int32(bitPattern: y), &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32LtSIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(Int32(bitPattern: x) < Int32(bitPattern: y), &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32LtUF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(x < y, &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32LtUIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(x < y, &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32GtSF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(Int32(bitPattern: x) > Int32(bitPattern: y), &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32GtSIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(Int32(bitPattern: x) > Int32(bitPattern: y), &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32GtUF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(x > y, &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32GtUIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(x > y, &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32LeSF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(Int32(bitPattern: x) <= Int32(bitPattern: y), &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32LeSIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(Int32(bitPattern: x) <= Int32(bitPattern: y), &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32LeUF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(x <= y, &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32LeUIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(x <= y, &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32GeSF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(Int32(bitPattern: x) >= Int32(bitPattern: y), &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32GeSIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(Int32(bitPattern: x) >= Int32(bitPattern: y), &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32GeUF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(x >= y, &pc, fp, &fuel)
    }

    @inline(__always)
    mutating func op_brI32GeUIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(x >= y, &pc, fp, &fuel)
    }
}
