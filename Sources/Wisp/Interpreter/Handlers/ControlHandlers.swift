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
        var p = pc
        var d = 0, old: UInt64 = 0
        if mode & 8 != 0 {
            // AI: [op|dst] [a | imm32 << 32] [offset] [cost], the add before the jump folded in.
            let w1 = p[1]
            d = hi32(p[0]); old = fp[d]
            fp[d] = u32(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: w1 >> 32))
            p += 1
        }
        let off = Int64(bitPattern: p[1])
        if mustStop(cost: p[2], backward: off < 0, fuel) {
            if mode & 8 != 0 { fp[d] = old }
            return suspend(pc, fp, fuel, acc)
        }
        fuel -= p[2]
        pc = p + 1 + Int(off)
        if off < 0 { topPC.pointee.store(UInt(bitPattern: pc), ordering: .relaxed) }
        return 0
    }

    @inline(__always)
    mutating func op_brIfF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        branchCharging(first32(pc, fp, acc, mode) != 0, &pc, fp, &fuel, acc)
    }

    @inline(__always)
    mutating func op_brIfNotF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        branchCharging(first32(pc, fp, acc, mode) == 0, &pc, fp, &fuel, acc)
    }

    /// Whether a metered branch must stop before it acts: the region it enters costs more than
    /// the fuel left, or it jumps back (a loop) and an interrupt is pending. Sets the reason.
    @inline(__always)
    mutating func mustStop(cost: UInt64, backward: Bool, _ fuel: UInt64) -> Bool {
        if cost > fuel { suspendReason = .outOfFuel; return true }
        if backward && interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; return true }
        return false
    }

    /// Leaves the interpreter at `pc` to be resumed there, with `acc` saved: a metered branch
    /// stops before it acts, and may have read its operand from `acc` (its resumed run will too).
    @inline(__always)
    mutating func suspend(_ pc: Code, _ fp: Slots, _ fuel: UInt64, _ acc: UInt64) -> UInt {
#if !WISP_NO_FUSION
        exitAcc = acc
#endif
        return stop(pc, fp, fuel)
    }

    /// brIfF and brIfNotF, [op|cond] [offset] [taken cost] [not-taken cost], once the condition
    /// is known: charges the region the branch enters, or stops before it.
    @inline(__always)
    mutating func branchCharging(_ taken: Bool, _ pc: inout Code, _ fp: Slots, _ fuel: inout UInt64, _ acc: UInt64) -> UInt {
        let off = Int64(bitPattern: pc[1])
        let cost = taken ? pc[2] : pc[3]
        if mustStop(cost: cost, backward: taken && off < 0, fuel) { return suspend(pc, fp, fuel, acc) }
        fuel -= cost
        if taken {
            pc = pc + 1 + Int(off)
            if off < 0 { topPC.pointee.store(UInt(bitPattern: pc), ordering: .relaxed) }
        } else {
            pc += 4
        }
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

    /// brTable charging the region each entry enters: [op|index] [count] then pairs [offset]
    /// [cost] (one word more before them in the add modes, as brTable). Stops before any effect,
    /// as the other metered branches.
    @inline(__always)
    mutating func op_brTableF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        var p = pc
        let x: UInt32
        var d = 0, old: UInt64 = 0
        if mode & 8 != 0 {
            let w1 = p[1]
            x = (mode & 1 != 0 ? UInt32(truncatingIfNeeded: acc) : slot32(fp, lo32(w1))) &+ UInt32(truncatingIfNeeded: w1 >> 32)
            d = hi32(p[0]); old = fp[d]
            fp[d] = u32(x)
            p += 1
        } else {
            x = mode & 1 != 0 ? UInt32(truncatingIfNeeded: acc) : slot32(fp, hi32(p[0]))
        }
        let entry = p + 2 + 2 * min(Int(x), Int(p[1]))
        let off = Int64(bitPattern: entry[0])
        if mustStop(cost: entry[1], backward: off < 0, fuel) {
            if mode & 8 != 0 { fp[d] = old }
            return suspend(pc, fp, fuel, acc)
        }
        fuel -= entry[1]
        pc = entry + Int(off)
        if off < 0 { topPC.pointee.store(UInt(bitPattern: pc), ordering: .relaxed) }
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

    /// A metered compare-and-branch, [op|a] [b or imm32] [offset] [taken cost] [not-taken cost]
    /// (one word more in the add modes, as compareAndBranch): compareAndBranch's modes, charging
    /// the region it enters like brIfF. It stops before any effect: the add's destination gets
    /// its old value back, so a resumed run does the whole instruction again.
    @inline(__always)
    mutating func compareAndBranchCharging(_ pc: inout Code, _ fp: Slots, _ fuel: inout UInt64, _ acc: UInt64, _ mode: UInt32,
                                           immediate: Bool, _ holds: (_ x: UInt32, _ y: UInt32) -> Bool) -> UInt {
        var p = pc
        let taken: Bool
        var d = 0, old: UInt64 = 0
        if mode & 24 != 0 {
            let w1 = p[1]
            let x = slot32(fp, lo32(w1)) &+ (mode & 8 != 0 ? UInt32(truncatingIfNeeded: w1 >> 32) : slot32(fp, hi32(w1)))
            d = hi32(p[0]); old = fp[d]
            fp[d] = u32(x)
            let y = immediate ? UInt32(truncatingIfNeeded: p[2]) : slot32(fp, lo32(p[2]))
            p += 1
            taken = holds(x, y)
        } else {
            let x = first32(p, fp, acc, mode)
            let y = immediate ? UInt32(truncatingIfNeeded: p[1]) : second32(p, fp, acc, mode)
            taken = holds(x, y)
        }
        let off = Int64(bitPattern: p[2])
        let cost = taken ? p[3] : p[4]
        if mustStop(cost: cost, backward: taken && off < 0, fuel) {
            if mode & 24 != 0 { fp[d] = old }
            return suspend(pc, fp, fuel, acc)
        }
        fuel -= cost
        if taken {
            pc = p + 2 + Int(off)
            if off < 0 { topPC.pointee.store(UInt(bitPattern: pc), ordering: .relaxed) }
        } else {
            pc = p + 5
        }
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
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: false) { x, y in x == y }
    }

    @inline(__always)
    mutating func op_brI32EqIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: true) { x, y in x == y }
    }

    @inline(__always)
    mutating func op_brI32NeF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: false) { x, y in x != y }
    }

    @inline(__always)
    mutating func op_brI32NeIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: true) { x, y in x != y }
    }

    @inline(__always)
    mutating func op_brI32LtSF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: false) { x, y in Int32(bitPattern: x) < Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32LtSIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: true) { x, y in Int32(bitPattern: x) < Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32LtUF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: false) { x, y in x < y }
    }

    @inline(__always)
    mutating func op_brI32LtUIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: true) { x, y in x < y }
    }

    @inline(__always)
    mutating func op_brI32GtSF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: false) { x, y in Int32(bitPattern: x) > Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32GtSIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: true) { x, y in Int32(bitPattern: x) > Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32GtUF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: false) { x, y in x > y }
    }

    @inline(__always)
    mutating func op_brI32GtUIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: true) { x, y in x > y }
    }

    @inline(__always)
    mutating func op_brI32LeSF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: false) { x, y in Int32(bitPattern: x) <= Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32LeSIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: true) { x, y in Int32(bitPattern: x) <= Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32LeUF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: false) { x, y in x <= y }
    }

    @inline(__always)
    mutating func op_brI32LeUIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: true) { x, y in x <= y }
    }

    @inline(__always)
    mutating func op_brI32GeSF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: false) { x, y in Int32(bitPattern: x) >= Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32GeSIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: true) { x, y in Int32(bitPattern: x) >= Int32(bitPattern: y) }
    }

    @inline(__always)
    mutating func op_brI32GeUF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: false) { x, y in x >= y }
    }

    @inline(__always)
    mutating func op_brI32GeUIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranchCharging(&pc, fp, &fuel, acc, mode, immediate: true) { x, y in x >= y }
    }
}
