// The bodies of the instructions of category `memory` in ISA/instructions.isa: linear memory: loads and stores (and their fused forms), memory.size, memory.grow and the bulk operations.
// Each is an `@inline(__always)` method `op_NAME` of VMState taking the interpreter's registers
// inout; the generated Dispatch.swift exports it as `wisp_op_NAME` for its C handler, which
// inlines it (see HandlerSupport.swift). Word layouts are in the table.

import Synchronization
import WispDispatch

extension VMState {
    // Each access checks effective address + width against the memory size: the offset is a u32 and
    // the address a u32, so their sum cannot overflow 64 bits.
    @inline(__always)
    mutating func op_load32(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        load(4, &pc, fp, md, ms, fuel, &acc, mode) { p in u32(p.loadUnaligned(as: UInt32.self)) }
    }

    @inline(__always)
    mutating func op_load64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        load(8, &pc, fp, md, ms, fuel, &acc, mode) { p in p.loadUnaligned(as: UInt64.self) }
    }

    @inline(__always)
    mutating func op_load8S32(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        load(1, &pc, fp, md, ms, fuel, &acc, mode) { p in u32(UInt32(bitPattern: Int32(p.loadUnaligned(as: Int8.self)))) }
    }

    @inline(__always)
    mutating func op_load8U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        load(1, &pc, fp, md, ms, fuel, &acc, mode) { p in UInt64(p.loadUnaligned(as: UInt8.self)) }
    }

    @inline(__always)
    mutating func op_load16S32(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        load(2, &pc, fp, md, ms, fuel, &acc, mode) { p in u32(UInt32(bitPattern: Int32(p.loadUnaligned(as: Int16.self)))) }
    }

    @inline(__always)
    mutating func op_load16U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        load(2, &pc, fp, md, ms, fuel, &acc, mode) { p in UInt64(p.loadUnaligned(as: UInt16.self)) }
    }

    @inline(__always)
    mutating func op_load8S64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
        guard ea &+ 1 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        fp[a] = UInt64(bitPattern: Int64(p.loadUnaligned(as: Int8.self)))
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_load16S64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
        guard ea &+ 2 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        fp[a] = UInt64(bitPattern: Int64(p.loadUnaligned(as: Int16.self)))
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_load32S64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
        guard ea &+ 4 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        fp[a] = UInt64(bitPattern: Int64(p.loadUnaligned(as: Int32.self)))
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_load128(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
        guard ea &+ 16 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        fp[a] = p.loadUnaligned(as: UInt64.self); fp[a + 1] = (p + 8).loadUnaligned(as: UInt64.self)
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_store8(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        store(1, &pc, fp, md, ms, fuel, acc, mode, storeLE8)
    }

    @inline(__always)
    mutating func op_store16(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        store(2, &pc, fp, md, ms, fuel, acc, mode, storeLE16)
    }

    @inline(__always)
    mutating func op_store32(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        store(4, &pc, fp, md, ms, fuel, acc, mode, storeLE32)
    }

    @inline(__always)
    mutating func op_load64K(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let ea = pc[1]
        guard ea &+ 8 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        fp[hi32(pc[0])] = hostAddress(md, ea).loadUnaligned(as: UInt64.self)
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_store64K(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let ea = pc[1]
        guard ea &+ 8 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE64(hostAddress(md, ea), fp[hi32(pc[0])])
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_store64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        store(8, &pc, fp, md, ms, fuel, acc, mode, storeLE64)
    }

    @inline(__always)
    mutating func op_store128(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
        guard ea &+ 16 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        storeLE64(p, fp[a]); storeLE64(p + 8, fp[a + 1])
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_memorySize(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(memoryRecord(pc[1]).pointee.pageCount)
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_memoryGrow(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard memoryGrowStep(pc, fp, &fuel) else { return 1 }
        md = mem!.pointee.base
        ms = UInt64(mem!.pointee.byteCount)
        pc += 3
        return 0
    }

    /// memory.grow, out of line (it is rare and calls the allocator anyway): charges its fuel
    /// when metered and grows; false after recording a suspension.
    @inline(never)
    mutating func memoryGrowStep(_ pc: Code, _ fp: Slots, _ fuel: inout UInt64) -> Bool {
        let a = hi32(pc[0])
        let w1 = pc[1]
        let r = memoryRecord(pc[2])
        let is64 = isAddress64(hi32(w1))
        let delta = address(fp, lo32(w1), is64)
        let room = UInt64(r.pointee.maxPages - r.pointee.pageCount)
        if metered, delta <= room {
            // One unit per 64 KiB added (a page, unless the memory's pages are smaller), charged
            // before growing (docs/fuel.md); a grow beyond the maximum fails without work and
            // costs nothing extra.
#if WISP_NO_CUSTOM_PAGE_SIZES
            let cost = delta
#else
            let cost = ((delta << UInt64(r.pointee.pageShift)) + 0xFFFF) >> 16
#endif
            if cost > fuel { suspendReason = .outOfFuel; _ = stop(pc, fp, fuel); return false }
            fuel -= cost
        }
        let old = delta <= room ? executor.memoryGrow(r, delta: Int(delta)) : -1
        fp[a] = is64 ? UInt64(bitPattern: Int64(old)) : u32(UInt32(truncatingIfNeeded: old))  // (-1, or up to 2^32-1 pages of 1 byte)
        return true
    }

    /// A memory other than memory 0, or a memory64: checks address + offset against it and points
    /// `md`/`ms` at the effective address, so the access that follows (address 0, offset 0)
    /// checks only its width, against the bytes left. memoryRestore undoes it.
    @inline(__always)
    mutating func op_memoryAt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
#if WISP_NO_MEMORY64 && WISP_NO_MULTI_MEMORY
        trap = .unreachable
        return stop(pc, fp, fuel)
#else
        let w1 = pc[1]
        let r = memoryRecord(pc[3])
        let (ea, overflow) = address(fp, lo32(w1), isAddress64(hi32(w1))).addingReportingOverflow(pc[2])
        let size = UInt64(r.pointee.byteCount)
        guard !overflow, ea <= size else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        md = hostAddress(r.pointee.base, ea)
        ms = size &- ea
        fp[hi32(pc[0])] = 0
        pc += 4
        return 0
#endif
    }

    @inline(__always)
    mutating func op_memoryRestore(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
#if WISP_NO_MEMORY64 && WISP_NO_MULTI_MEMORY
        trap = .unreachable
        return stop(pc, fp, fuel)
#else
        md = mem?.pointee.base ?? UnsafeMutableRawPointer(stackBase)
        ms = UInt64(mem?.pointee.byteCount ?? 0)
        pc += 1
        return 0
#endif
    }

    /// The bulk memory and table instructions (and table.get/set/size), out of line: they are
    /// rare, do their work in calls anyway, and twelve inlined copies of this took 3.7 KB of
    /// Cortex-M4 code. Charges the fuel beyond the operator's unit when metered, runs the
    /// instruction, and returns the next pc, or nil after recording a trap or suspension.
    @inline(never)
    mutating func bulkStep(_ op: Op, _ pc: Code, _ fp: Slots, _ fuel: inout UInt64) -> Code? {
        if metered {
            let cost = executor.bulkFuel(op, pc, fp: fp, mem: mem)
            if cost > fuel { suspendReason = .outOfFuel; _ = stop(pc, fp, fuel); return nil }
            fuel -= cost
        }
        if let t = executor.bulk(op, pc, fp: fp, fn: fn, mem: mem) {
            trap = t
            _ = stop(pc, fp, fuel)
            return nil
        }
        return pc + executor.bulkLength(op)
    }

    @inline(__always)
    mutating func op_memoryFill(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.memoryFill, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }

    @inline(__always)
    mutating func op_memoryCopy(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.memoryCopy, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }

    @inline(__always)
    mutating func op_memoryInit(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.memoryInit, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }

    @inline(__always)
    mutating func op_dataDrop(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.dataDrop, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }

    @inline(__always)
    mutating func op_store8I(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
        guard ea &+ 1 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE8(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_store16I(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
        guard ea &+ 2 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE16(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_store32I(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
        guard ea &+ 4 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE32(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_store64I(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
        guard ea &+ 8 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE64(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_load32A(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1]
        let ea = UInt64(lhs32(fp, w1, acc, mode) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 4 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        result(u32(p.loadUnaligned(as: UInt32.self)), pc, fp, &acc, mode)
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_load64A(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1]
        let ea = UInt64(lhs32(fp, w1, acc, mode) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 8 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        result(p.loadUnaligned(as: UInt64.self), pc, fp, &acc, mode)
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_load8UA(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1]
        let ea = UInt64(lhs32(fp, w1, acc, mode) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 1 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        result(UInt64(p.loadUnaligned(as: UInt8.self)), pc, fp, &acc, mode)
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_load8S32A(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1]
        let ea = UInt64(lhs32(fp, w1, acc, mode) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 1 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        result(u32(UInt32(bitPattern: Int32(p.loadUnaligned(as: Int8.self)))), pc, fp, &acc, mode)
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_load16S32A(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1]
        let ea = UInt64(lhs32(fp, w1, acc, mode) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 2 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        result(u32(UInt32(bitPattern: Int32(p.loadUnaligned(as: Int16.self)))), pc, fp, &acc, mode)
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_load16UA(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1]
        let ea = UInt64(lhs32(fp, w1, acc, mode) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 2 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        result(UInt64(p.loadUnaligned(as: UInt16.self)), pc, fp, &acc, mode)
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_load32R(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1]
        let ea = UInt64(lhs32(fp, w1, acc, mode) &+ rhs32(fp, w1, acc, mode)) &+ pc[2]
        guard ea &+ 4 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        result(u32(p.loadUnaligned(as: UInt32.self)), pc, fp, &acc, mode)
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_load64R(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1]
        let ea = UInt64(lhs32(fp, w1, acc, mode) &+ rhs32(fp, w1, acc, mode)) &+ pc[2]
        guard ea &+ 8 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        result(p.loadUnaligned(as: UInt64.self), pc, fp, &acc, mode)
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_load8UR(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1]
        let ea = UInt64(lhs32(fp, w1, acc, mode) &+ rhs32(fp, w1, acc, mode)) &+ pc[2]
        guard ea &+ 1 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        result(UInt64(p.loadUnaligned(as: UInt8.self)), pc, fp, &acc, mode)
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_load8S32R(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1]
        let ea = UInt64(lhs32(fp, w1, acc, mode) &+ rhs32(fp, w1, acc, mode)) &+ pc[2]
        guard ea &+ 1 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        result(u32(UInt32(bitPattern: Int32(p.loadUnaligned(as: Int8.self)))), pc, fp, &acc, mode)
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_load16S32R(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1]
        let ea = UInt64(lhs32(fp, w1, acc, mode) &+ rhs32(fp, w1, acc, mode)) &+ pc[2]
        guard ea &+ 2 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        result(u32(UInt32(bitPattern: Int32(p.loadUnaligned(as: Int16.self)))), pc, fp, &acc, mode)
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_load16UR(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1]
        let ea = UInt64(lhs32(fp, w1, acc, mode) &+ rhs32(fp, w1, acc, mode)) &+ pc[2]
        guard ea &+ 2 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        result(UInt64(p.loadUnaligned(as: UInt16.self)), pc, fp, &acc, mode)
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_store8A(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 1 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        storeLE8(p, fp[a])
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_store16A(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 2 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        storeLE16(p, fp[a])
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_store32A(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 4 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        storeLE32(p, fp[a])
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_store64A(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 8 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        let p = hostAddress(md, ea)
        storeLE64(p, fp[a])
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_store8IA(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 1 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE8(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_store16IA(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 2 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE16(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_store32IA(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 4 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE32(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_store64IA(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 8 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE64(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 3
        return 0
    }

    /// A load of the accumulator family: [op|dst] [a | offset << 32] (and [k] in the S modes);
    /// `width` bytes at `loadAddress`, checked, read by `read`.
    @inline(__always)
    mutating func load(_ width: UInt64, _ pc: inout Code, _ fp: Slots, _ md: UnsafeMutableRawPointer, _ ms: UInt64, _ fuel: UInt64,
                       _ acc: inout UInt64, _ mode: UInt32, _ read: (UnsafeMutableRawPointer) -> UInt64) -> UInt {
        let ea = loadAddress(pc, fp, acc, mode)
        guard ea &+ width <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        result(read(hostAddress(md, ea)), pc, fp, &acc, mode)
        pc += mode & 8 != 0 ? 3 : 2
        return 0
    }

    /// A store of the accumulator family: [op|value] [address | offset << 32]; `width` bytes,
    /// checked, written by `write`.
    @inline(__always)
    mutating func store(_ width: UInt64, _ pc: inout Code, _ fp: Slots, _ md: UnsafeMutableRawPointer, _ ms: UInt64, _ fuel: UInt64,
                        _ acc: UInt64, _ mode: UInt32, _ write: (UnsafeMutableRawPointer, UInt64) -> Void) -> UInt {
        let w1 = pc[1]
        let ea = UInt64(lhs32(fp, w1, acc, mode)) &+ (w1 >> 32)
        guard ea &+ width <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        write(hostAddress(md, ea), stored(pc, fp, acc, mode))
        pc += 2
        return 0
    }
}
