// The interpreter loop: one `switch` over the translated code, with all hot state in locals
// (pc, frame pointer, memory base and size) and every record reached by unsafe pointer, so no
// instruction does ARC, exclusivity or bounds-check work beyond the wasm-mandated memory check.
// Rare and heavy operations (host calls, growth, bulk memory, traps) leave the loop's fast path
// through out-of-line functions.

import Synchronization

@inline(__always) func slot32(_ fp: UnsafeMutablePointer<UInt64>, _ i: Int) -> UInt32 { UInt32(truncatingIfNeeded: fp[i]) }
@inline(__always) func f32(_ fp: UnsafeMutablePointer<UInt64>, _ i: Int) -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: fp[i])) }
@inline(__always) func f64(_ fp: UnsafeMutablePointer<UInt64>, _ i: Int) -> Double { Double(bitPattern: fp[i]) }
@inline(__always) func hi32(_ w: UInt64) -> Int { Int(Int32(truncatingIfNeeded: w >> 32)) }
@inline(__always) func lo32(_ w: UInt64) -> Int { Int(Int32(truncatingIfNeeded: w)) }
@inline(__always) func u32(_ x: UInt32) -> UInt64 { UInt64(x) }
@inline(__always) func bits(_ x: Float) -> UInt64 { UInt64(x.bitPattern) }
@inline(__always) func bool(_ b: Bool) -> UInt64 { b ? 1 : 0 }

/// How a run of the interpreter ended.
enum ExecutionEnd {
    case returned
    case trapped(Trap)
    /// Stopped at a check point with all frames intact; `Executor.saved` says where.
    case suspended(SuspendReason)
}

/// Where a suspended run continues.
struct SavedState {
    var pc: UnsafeMutablePointer<UInt64>
    var fp: UnsafeMutablePointer<UInt64>
    var function: UnsafeMutablePointer<FunctionRecord>
    var entryDepth: Int
    /// The entry frame was never entered: its fuel is still to be charged.
    var entryPending: Bool
    /// The entry frame's base: where the run's arguments and results are, and where the VM
    /// stack is free again once the run ends.
    var base: UnsafeMutablePointer<UInt64>
}

extension Executor {
    /// Starts `function` (whose arguments are at `fp`) and runs it until it returns, traps or suspends.
    func run(_ function: UnsafeMutablePointer<FunctionRecord>, fp entryFP: UnsafeMutablePointer<UInt64>) -> ExecutionEnd {
        if function.pointee.code == nil && !compile(function) { return .trapped(Trap(.host, message: "function failed to translate")) }
        let entryDepth = depth
        guard depth < maxDepth, stackEnd - entryFP >= function.pointee.frameSlots else { return .trapped(Trap(.callStackExhausted)) }
        frames[depth] = CallFrame(fp: entryFP, returnPC: nil, function: nil, callee: function)
        depth += 1
        (entryFP + function.pointee.paramSlots).update(repeating: 0, count: function.pointee.localSlots)
        let pub = store.control.publication
        if pub.owner != ObjectIdentifier(self) {
            // Another executor (a call that was suspended meanwhile) filled the slots: ours go back.
            for i in 0..<entryDepth {
                let pc = frames[i + 1].returnPC.map { $0 - 1 }
                pub.pushFrame(i, function: frames[i].callee, pc: pc, callerPC: nil)
            }
            pub.owner = ObjectIdentifier(self)
        }
        pub.pushFrame(entryDepth, function: function, pc: function.pointee.code, callerPC: nil)
        return execute(SavedState(pc: function.pointee.code!, fp: entryFP, function: function, entryDepth: entryDepth, entryPending: true, base: entryFP))
    }

    /// The interpreter loop, from `state` on.
    func execute(_ state: SavedState) -> ExecutionEnd {
        let entryDepth = state.entryDepth
        var fn = state.function
        var fp = state.fp
        var pc = state.pc
        var fuel = store.fuel
        let metered = store.engine.configuration.fuelMetering
        let interrupt = store.control.interrupt.state
        let pub = store.control.publication
        var suspendReason: SuspendReason? = nil
        if metered && state.entryPending {
            let cost = fn.pointee.entryFuel
            if cost > fuel {
                saved = state
                return .suspended(.outOfFuel)
            }
            fuel -= cost
        }
        var mem = fn.pointee.memory0
        var md = mem?.pointee.base ?? UnsafeMutableRawPointer(stackBase)
        var ms = UInt64(mem?.pointee.byteCount ?? 0)
        var trap: TrapKind = .unreachable
        var trapMessage: String? = nil
        // A trap thrown by a host function travels on whole (it may carry an exit code).
        var hostTrap: Trap? = nil

        loop: while true {
            let w0 = pc[0]
            let a = hi32(w0)
            switch decodeOp(w0) {
            // MARK: Control
            case .unreachable:
                trap = .unreachable
                break loop
            case .br:
                pc = pc + 1 + Int(Int64(bitPattern: pc[1]))
            case .brIf:
                if slot32(fp, a) != 0 { pc = pc + 1 + Int(Int64(bitPattern: pc[1])) } else { pc += 2 }
            case .brIfNot:
                if slot32(fp, a) == 0 { pc = pc + 1 + Int(Int64(bitPattern: pc[1])) } else { pc += 2 }
            case .brLoop:
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                pc = pc + 1 + Int(Int64(bitPattern: pc[1]))
                pub.move(top: depth - 1, to: pc)
            case .brIfLoop:
                if slot32(fp, a) != 0 {
                    if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                    pc = pc + 1 + Int(Int64(bitPattern: pc[1]))
                    pub.move(top: depth - 1, to: pc)
                } else { pc += 2 }
            case .brF:
                let cost = pc[2]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = pc + 1 + Int(Int64(bitPattern: pc[1]))
                pub.move(top: depth - 1, to: pc)
            case .brIfF, .brIfNotF:
                let taken = (slot32(fp, a) != 0) == (decodeOp(w0) == .brIfF)
                let cost = taken ? pc[2] : pc[3]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 1 + Int(Int64(bitPattern: pc[1])) : pc + 4
                pub.move(top: depth - 1, to: pc)
            case .brTable:
                let count = Int(pc[1])
                let i = min(Int(slot32(fp, a)), count)
                let entry = pc + 2 + i
                pc = entry + Int(Int64(bitPattern: entry[0]))
            case .ret:
                depth -= 1
                let f = frames[depth]
                guard let rpc = f.returnPC else { break loop }
                fp = f.fp
                pc = rpc
                fn = f.function!
                pub.popTo(depth, pc: pc)
                if fn.pointee.memory0 != mem {
                    mem = fn.pointee.memory0
                    md = mem?.pointee.base ?? UnsafeMutableRawPointer(stackBase)
                }
                ms = UInt64(mem?.pointee.byteCount ?? 0)
            case .call, .callIndirect, .callF, .callIndirectF:
                var callee: UnsafeMutablePointer<FunctionRecord>
                let next: UnsafeMutablePointer<UInt64>
                let op = decodeOp(w0)
                if op == .call || op == .callF {
                    callee = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(pc[1]))!
                    next = pc + 2
                } else {
                    let w1 = pc[1]
                    let table = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[2]))!
                    let i = Int(slot32(fp, lo32(w1)))
                    guard i < table.pointee.count else { trap = .undefinedElement; break loop }
                    guard let c = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(table.pointee.elements[i])) else {
                        trap = .indirectCallToNull; break loop
                    }
                    guard c.pointee.typeID == hi32(w1) else { trap = .indirectCallTypeMismatch; break loop }
                    callee = c
                    next = pc + 3
                }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                let newFP = fp + a
                if callee.pointee.isHost {
                    guard depth < maxDepth else { trap = .callStackExhausted; break loop }
                    store.fuel = fuel
                    // The host function gets a frame of its own, so stack readers and nested calls see it.
                    frames[depth] = CallFrame(fp: fp, returnPC: next, function: fn, callee: callee)
                    depth += 1
                    pub.pushFrame(depth - 1, function: callee, pc: nil, callerPC: pc)
                    defer {
                        depth -= 1
                        pub.popTo(depth, pc: pc)
                    }
                    do {
                        stackTop = newFP
                        try callHost(callee, fp: newFP, caller: fn.pointee.entity.takeUnretainedValue().instance)
                    } catch {
                        if error.kind == .yield {
                            // The host asked to be called again later: suspend at this call.
                            fuel = store.fuel
                            suspendReason = .yield
                            break loop
                        }
                        hostTrap = error
                        break loop
                    }
                    fuel = store.fuel
                    ms = UInt64(mem?.pointee.byteCount ?? 0)
                    md = mem?.pointee.base ?? md
                    pc = next
                    continue loop
                }
                if callee.pointee.code == nil && !compile(callee) {
                    trap = .host; trapMessage = "function failed to translate"; break loop
                }
                if op == .callF || op == .callIndirectF {
                    let cost = callee.pointee.entryFuel
                    if cost > fuel { suspendReason = .outOfFuel; break loop }
                    fuel -= cost
                }
                guard depth < maxDepth, stackEnd - newFP >= callee.pointee.frameSlots else {
                    trap = .callStackExhausted; break loop
                }
                frames[depth] = CallFrame(fp: fp, returnPC: next, function: fn, callee: callee)
                depth += 1
                pub.pushFrame(depth - 1, function: callee, pc: callee.pointee.code, callerPC: pc)
                (newFP + callee.pointee.paramSlots).update(repeating: 0, count: callee.pointee.localSlots)
                fp = newFP
                fn = callee
                pc = callee.pointee.code!
                if fn.pointee.memory0 != mem {
                    mem = fn.pointee.memory0
                    md = mem?.pointee.base ?? UnsafeMutableRawPointer(stackBase)
                    ms = UInt64(mem?.pointee.byteCount ?? 0)
                }
            case .copy:
                fp[a] = fp[lo32(pc[1])]
                pc += 2
            case .copy128:
                let s = lo32(pc[1])
                fp[a] = fp[s]
                fp[a + 1] = fp[s + 1]
                pc += 2
            case .const64:
                fp[a] = pc[1]
                pc += 2
            case .const128:
                fp[a] = pc[1]
                fp[a + 1] = pc[2]
                pc += 3
            case .select:
                let w1 = pc[1]
                fp[a] = slot32(fp, lo32(pc[2])) != 0 ? fp[lo32(w1)] : fp[hi32(w1)]
                pc += 3
            case .select128:
                let w1 = pc[1]
                let s = slot32(fp, lo32(pc[2])) != 0 ? lo32(w1) : hi32(w1)
                fp[a] = fp[s]
                fp[a + 1] = fp[s + 1]
                pc += 3
            case .globalGet:
                fp[a] = UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc[1]))!.pointee
                pc += 2
            case .globalSet:
                UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc[1]))!.pointee = fp[a]
                pc += 2
            case .globalGet128:
                let g = UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc[1]))!
                fp[a] = g[0]
                fp[a + 1] = g[1]
                pc += 2
            case .globalSet128:
                let g = UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc[1]))!
                g[0] = fp[a]
                g[1] = fp[a + 1]
                pc += 2
            case .refIsNull:
                fp[a] = bool(fp[lo32(pc[1])] == 0)
                pc += 2

            // MARK: Memory
            // Each access checks effective address + width against the memory size: the offset is a u32 and
            // the address a u32, so their sum cannot overflow 64 bits.
            case .load32:
                let w1 = pc[1]
                let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
                guard ea &+ 4 <= ms else { trap = .memoryOutOfBounds; break loop }
                let p = md + Int(ea)
                fp[a] = u32(p.loadUnaligned(as: UInt32.self))
                pc += 2
            case .load64:
                let w1 = pc[1]
                let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
                guard ea &+ 8 <= ms else { trap = .memoryOutOfBounds; break loop }
                let p = md + Int(ea)
                fp[a] = p.loadUnaligned(as: UInt64.self)
                pc += 2
            case .load8S32:
                let w1 = pc[1]
                let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
                guard ea &+ 1 <= ms else { trap = .memoryOutOfBounds; break loop }
                let p = md + Int(ea)
                fp[a] = u32(UInt32(bitPattern: Int32(p.loadUnaligned(as: Int8.self))))
                pc += 2
            case .load8U:
                let w1 = pc[1]
                let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
                guard ea &+ 1 <= ms else { trap = .memoryOutOfBounds; break loop }
                let p = md + Int(ea)
                fp[a] = UInt64(p.loadUnaligned(as: UInt8.self))
                pc += 2
            case .load16S32:
                let w1 = pc[1]
                let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
                guard ea &+ 2 <= ms else { trap = .memoryOutOfBounds; break loop }
                let p = md + Int(ea)
                fp[a] = u32(UInt32(bitPattern: Int32(p.loadUnaligned(as: Int16.self))))
                pc += 2
            case .load16U:
                let w1 = pc[1]
                let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
                guard ea &+ 2 <= ms else { trap = .memoryOutOfBounds; break loop }
                let p = md + Int(ea)
                fp[a] = UInt64(p.loadUnaligned(as: UInt16.self))
                pc += 2
            case .load8S64:
                let w1 = pc[1]
                let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
                guard ea &+ 1 <= ms else { trap = .memoryOutOfBounds; break loop }
                let p = md + Int(ea)
                fp[a] = UInt64(bitPattern: Int64(p.loadUnaligned(as: Int8.self)))
                pc += 2
            case .load16S64:
                let w1 = pc[1]
                let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
                guard ea &+ 2 <= ms else { trap = .memoryOutOfBounds; break loop }
                let p = md + Int(ea)
                fp[a] = UInt64(bitPattern: Int64(p.loadUnaligned(as: Int16.self)))
                pc += 2
            case .load32S64:
                let w1 = pc[1]
                let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
                guard ea &+ 4 <= ms else { trap = .memoryOutOfBounds; break loop }
                let p = md + Int(ea)
                fp[a] = UInt64(bitPattern: Int64(p.loadUnaligned(as: Int32.self)))
                pc += 2
            case .load128:
                let w1 = pc[1]
                let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
                guard ea &+ 16 <= ms else { trap = .memoryOutOfBounds; break loop }
                let p = md + Int(ea)
                fp[a] = p.loadUnaligned(as: UInt64.self); fp[a + 1] = (p + 8).loadUnaligned(as: UInt64.self)
                pc += 2
            case .store8:
                let w1 = pc[1]
                let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
                guard ea &+ 1 <= ms else { trap = .memoryOutOfBounds; break loop }
                let p = md + Int(ea)
                storeLE8(p, fp[a])
                pc += 2
            case .store16:
                let w1 = pc[1]
                let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
                guard ea &+ 2 <= ms else { trap = .memoryOutOfBounds; break loop }
                let p = md + Int(ea)
                storeLE16(p, fp[a])
                pc += 2
            case .store32:
                let w1 = pc[1]
                let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
                guard ea &+ 4 <= ms else { trap = .memoryOutOfBounds; break loop }
                let p = md + Int(ea)
                storeLE32(p, fp[a])
                pc += 2
            case .store64:
                let w1 = pc[1]
                let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
                guard ea &+ 8 <= ms else { trap = .memoryOutOfBounds; break loop }
                let p = md + Int(ea)
                storeLE64(p, fp[a])
                pc += 2
            case .store128:
                let w1 = pc[1]
                let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
                guard ea &+ 16 <= ms else { trap = .memoryOutOfBounds; break loop }
                let p = md + Int(ea)
                storeLE64(p, fp[a]); storeLE64(p + 8, fp[a + 1])
                pc += 2
            case .memorySize:
                fp[a] = UInt64(mem!.pointee.pageCount)
                pc += 1
            case .memoryGrow:
                let delta = Int(slot32(fp, lo32(pc[1])))
                if metered, delta <= mem!.pointee.maxPages - mem!.pointee.pageCount {
                    // One unit per page added, charged before growing (docs/fuel.md); a grow
                    // beyond the maximum fails without work and costs nothing extra.
                    if UInt64(delta) > fuel { suspendReason = .outOfFuel; break loop }
                    fuel -= UInt64(delta)
                }
                let old = memoryGrow(mem!, delta: delta)
                fp[a] = u32(UInt32(bitPattern: Int32(old)))
                md = mem!.pointee.base
                ms = UInt64(mem!.pointee.byteCount)
                pc += 2
            case .memoryFill, .memoryCopy, .memoryInit, .dataDrop, .tableGet, .tableSet, .tableSize, .tableGrow,
                 .tableFill, .tableCopy, .tableInit, .elemDrop:
                if metered {
                    let cost = bulkFuel(pc, fp: fp, mem: mem)
                    if cost > fuel { suspendReason = .outOfFuel; break loop }
                    fuel -= cost
                }
                if let t = bulk(pc, fp: fp, fn: fn, mem: mem) {
                    trap = t
                    break loop
                }
                pc += bulkLength(decodeOp(w0))

            // MARK: SIMD
            case .simdUnary, .simdBinary, .simdTernary, .simdTest, .simdShift, .simdSplat, .simdExtractLane,
                 .simdReplaceLane, .simdShuffle, .simdLoad, .simdLoadLane, .simdStoreLane:
                let r = executeSIMD(pc, fp: fp, md: md, ms: ms)
                if r < 0 { trap = .memoryOutOfBounds; break loop }
                pc += r

            case .brI32Eq:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                if x == y {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32EqI:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                if x == y {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32Ne:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                if x != y {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32NeI:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                if x != y {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32LtS:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                if Int32(bitPattern: x) < Int32(bitPattern: y) {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32LtSI:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                if Int32(bitPattern: x) < Int32(bitPattern: y) {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32LtU:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                if x < y {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32LtUI:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                if x < y {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32GtS:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                if Int32(bitPattern: x) > Int32(bitPattern: y) {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32GtSI:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                if Int32(bitPattern: x) > Int32(bitPattern: y) {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32GtU:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                if x > y {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32GtUI:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                if x > y {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32LeS:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                if Int32(bitPattern: x) <= Int32(bitPattern: y) {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32LeSI:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                if Int32(bitPattern: x) <= Int32(bitPattern: y) {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32LeU:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                if x <= y {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32LeUI:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                if x <= y {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32GeS:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                if Int32(bitPattern: x) >= Int32(bitPattern: y) {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32GeSI:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                if Int32(bitPattern: x) >= Int32(bitPattern: y) {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32GeU:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                if x >= y {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32GeUI:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                if x >= y {
                    let off = Int(Int64(bitPattern: pc[2]))
                    if off < 0 {
                        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                        pc = pc + 2 + off
                        pub.move(top: depth - 1, to: pc)
                    } else { pc = pc + 2 + off }
                } else { pc += 3 }
            case .brI32EqF:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                let taken = x == y
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32EqIF:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                let taken = x == y
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32NeF:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                let taken = x != y
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32NeIF:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                let taken = x != y
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32LtSF:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                let taken = Int32(bitPattern: x) < Int32(bitPattern: y)
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32LtSIF:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                let taken = Int32(bitPattern: x) < Int32(bitPattern: y)
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32LtUF:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                let taken = x < y
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32LtUIF:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                let taken = x < y
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32GtSF:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                let taken = Int32(bitPattern: x) > Int32(bitPattern: y)
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32GtSIF:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                let taken = Int32(bitPattern: x) > Int32(bitPattern: y)
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32GtUF:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                let taken = x > y
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32GtUIF:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                let taken = x > y
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32LeSF:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                let taken = Int32(bitPattern: x) <= Int32(bitPattern: y)
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32LeSIF:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                let taken = Int32(bitPattern: x) <= Int32(bitPattern: y)
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32LeUF:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                let taken = x <= y
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32LeUIF:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                let taken = x <= y
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32GeSF:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                let taken = Int32(bitPattern: x) >= Int32(bitPattern: y)
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32GeSIF:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                let taken = Int32(bitPattern: x) >= Int32(bitPattern: y)
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32GeUF:
                let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
                let taken = x >= y
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            case .brI32GeUIF:
                let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
                let taken = x >= y
                let cost = taken ? pc[3] : pc[4]
                if cost > fuel { suspendReason = .outOfFuel; break loop }
                if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; break loop }
                fuel -= cost
                pc = taken ? pc + 2 + Int(Int64(bitPattern: pc[2])) : pc + 5
                pub.move(top: depth - 1, to: pc)
            // MARK: Numeric with an immediate right operand
            case .i32AddI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = u32(x &+ y); pc += 2
            case .i32SubI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = u32(x &- y); pc += 2
            case .i32MulI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = u32(x &* y); pc += 2
            case .i32AndI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = u32(x & y); pc += 2
            case .i32OrI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = u32(x | y); pc += 2
            case .i32XorI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = u32(x ^ y); pc += 2
            case .i32ShlI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = u32(x << (y & 31)); pc += 2
            case .i32ShrSI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = u32(UInt32(bitPattern: Int32(bitPattern: x) >> (y & 31))); pc += 2
            case .i32ShrUI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = u32(x >> (y & 31)); pc += 2
            case .i32EqI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x == y); pc += 2
            case .i32NeI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x != y); pc += 2
            case .i32LtSI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(Int32(bitPattern: x) < Int32(bitPattern: y)); pc += 2
            case .i32LtUI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x < y); pc += 2
            case .i32GtSI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(Int32(bitPattern: x) > Int32(bitPattern: y)); pc += 2
            case .i32GtUI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x > y); pc += 2
            case .i32LeSI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(Int32(bitPattern: x) <= Int32(bitPattern: y)); pc += 2
            case .i32LeUI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x <= y); pc += 2
            case .i32GeSI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(Int32(bitPattern: x) >= Int32(bitPattern: y)); pc += 2
            case .i32GeUI: let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x >= y); pc += 2
            case .i64AddI: let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = x &+ y; pc += 2
            case .i64SubI: let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = x &- y; pc += 2
            case .i64AndI: let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = x & y; pc += 2
            case .i64ShlI: let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = x << (y & 63); pc += 2
            case .i64ShrSI: let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = UInt64(bitPattern: Int64(bitPattern: x) >> (y & 63)); pc += 2
            case .i64ShrUI: let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = x >> (y & 63); pc += 2
            case .i64EqI: let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x == y); pc += 2
            case .i64NeI: let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x != y); pc += 2
            case .i64LtSI: let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(Int64(bitPattern: x) < Int64(bitPattern: y)); pc += 2
            case .i64LtUI: let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x < y); pc += 2
            case .i64GtSI: let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(Int64(bitPattern: x) > Int64(bitPattern: y)); pc += 2
            case .i64GtUI: let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x > y); pc += 2
            case .i64LeUI: let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x <= y); pc += 2
            case .i64GeUI: let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x >= y); pc += 2

            // MARK: Numeric
            case .i32Eqz: fp[a] = bool(slot32(fp, lo32(pc[1])) == 0); pc += 2
            case .i32Eq: let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) == slot32(fp, hi32(w))); pc += 2
            case .i32Ne: let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) != slot32(fp, hi32(w))); pc += 2
            case .i32LtS: let w = pc[1]; fp[a] = bool(Int32(bitPattern: slot32(fp, lo32(w))) < Int32(bitPattern: slot32(fp, hi32(w)))); pc += 2
            case .i32LtU: let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) < slot32(fp, hi32(w))); pc += 2
            case .i32GtS: let w = pc[1]; fp[a] = bool(Int32(bitPattern: slot32(fp, lo32(w))) > Int32(bitPattern: slot32(fp, hi32(w)))); pc += 2
            case .i32GtU: let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) > slot32(fp, hi32(w))); pc += 2
            case .i32LeS: let w = pc[1]; fp[a] = bool(Int32(bitPattern: slot32(fp, lo32(w))) <= Int32(bitPattern: slot32(fp, hi32(w)))); pc += 2
            case .i32LeU: let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) <= slot32(fp, hi32(w))); pc += 2
            case .i32GeS: let w = pc[1]; fp[a] = bool(Int32(bitPattern: slot32(fp, lo32(w))) >= Int32(bitPattern: slot32(fp, hi32(w)))); pc += 2
            case .i32GeU: let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) >= slot32(fp, hi32(w))); pc += 2
            case .i64Eqz: fp[a] = bool(fp[lo32(pc[1])] == 0); pc += 2
            case .i64Eq: let w = pc[1]; fp[a] = bool(fp[lo32(w)] == fp[hi32(w)]); pc += 2
            case .i64Ne: let w = pc[1]; fp[a] = bool(fp[lo32(w)] != fp[hi32(w)]); pc += 2
            case .i64LtS: let w = pc[1]; fp[a] = bool(Int64(bitPattern: fp[lo32(w)]) < Int64(bitPattern: fp[hi32(w)])); pc += 2
            case .i64LtU: let w = pc[1]; fp[a] = bool(fp[lo32(w)] < fp[hi32(w)]); pc += 2
            case .i64GtS: let w = pc[1]; fp[a] = bool(Int64(bitPattern: fp[lo32(w)]) > Int64(bitPattern: fp[hi32(w)])); pc += 2
            case .i64GtU: let w = pc[1]; fp[a] = bool(fp[lo32(w)] > fp[hi32(w)]); pc += 2
            case .i64LeS: let w = pc[1]; fp[a] = bool(Int64(bitPattern: fp[lo32(w)]) <= Int64(bitPattern: fp[hi32(w)])); pc += 2
            case .i64LeU: let w = pc[1]; fp[a] = bool(fp[lo32(w)] <= fp[hi32(w)]); pc += 2
            case .i64GeS: let w = pc[1]; fp[a] = bool(Int64(bitPattern: fp[lo32(w)]) >= Int64(bitPattern: fp[hi32(w)])); pc += 2
            case .i64GeU: let w = pc[1]; fp[a] = bool(fp[lo32(w)] >= fp[hi32(w)]); pc += 2
            case .f32Eq: let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) == f32(fp, hi32(w))); pc += 2
            case .f32Ne: let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) != f32(fp, hi32(w))); pc += 2
            case .f32Lt: let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) < f32(fp, hi32(w))); pc += 2
            case .f32Gt: let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) > f32(fp, hi32(w))); pc += 2
            case .f32Le: let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) <= f32(fp, hi32(w))); pc += 2
            case .f32Ge: let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) >= f32(fp, hi32(w))); pc += 2
            case .f64Eq: let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) == f64(fp, hi32(w))); pc += 2
            case .f64Ne: let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) != f64(fp, hi32(w))); pc += 2
            case .f64Lt: let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) < f64(fp, hi32(w))); pc += 2
            case .f64Gt: let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) > f64(fp, hi32(w))); pc += 2
            case .f64Le: let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) <= f64(fp, hi32(w))); pc += 2
            case .f64Ge: let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) >= f64(fp, hi32(w))); pc += 2
            case .i32Clz: fp[a] = UInt64(slot32(fp, lo32(pc[1])).leadingZeroBitCount); pc += 2
            case .i32Ctz: fp[a] = UInt64(slot32(fp, lo32(pc[1])).trailingZeroBitCount); pc += 2
            case .i32Popcnt: fp[a] = UInt64(slot32(fp, lo32(pc[1])).nonzeroBitCount); pc += 2
            case .i32Add: let w = pc[1]; fp[a] = u32(slot32(fp, lo32(w)) &+ slot32(fp, hi32(w))); pc += 2
            case .i32Sub: let w = pc[1]; fp[a] = u32(slot32(fp, lo32(w)) &- slot32(fp, hi32(w))); pc += 2
            case .i32Mul: let w = pc[1]; fp[a] = u32(slot32(fp, lo32(w)) &* slot32(fp, hi32(w))); pc += 2
            case .i32DivS:
                let w = pc[1]
                let x = Int32(bitPattern: slot32(fp, lo32(w))), y = Int32(bitPattern: slot32(fp, hi32(w)))
                if y == 0 { trap = .integerDivideByZero; break loop }
                if x == Int32.min && y == -1 { trap = .integerOverflow; break loop }
                fp[a] = u32(UInt32(bitPattern: x / y)); pc += 2
            case .i32DivU:
                let w = pc[1]
                let y = slot32(fp, hi32(w))
                if y == 0 { trap = .integerDivideByZero; break loop }
                fp[a] = u32(slot32(fp, lo32(w)) / y); pc += 2
            case .i32RemS:
                let w = pc[1]
                let x = Int32(bitPattern: slot32(fp, lo32(w))), y = Int32(bitPattern: slot32(fp, hi32(w)))
                if y == 0 { trap = .integerDivideByZero; break loop }
                fp[a] = y == -1 ? 0 : u32(UInt32(bitPattern: x % y)); pc += 2
            case .i32RemU:
                let w = pc[1]
                let y = slot32(fp, hi32(w))
                if y == 0 { trap = .integerDivideByZero; break loop }
                fp[a] = u32(slot32(fp, lo32(w)) % y); pc += 2
            case .i32And: let w = pc[1]; fp[a] = u32(slot32(fp, lo32(w)) & slot32(fp, hi32(w))); pc += 2
            case .i32Or: let w = pc[1]; fp[a] = u32(slot32(fp, lo32(w)) | slot32(fp, hi32(w))); pc += 2
            case .i32Xor: let w = pc[1]; fp[a] = u32(slot32(fp, lo32(w)) ^ slot32(fp, hi32(w))); pc += 2
            case .i32Shl: let w = pc[1]; fp[a] = u32(slot32(fp, lo32(w)) << (slot32(fp, hi32(w)) & 31)); pc += 2
            case .i32ShrS: let w = pc[1]; fp[a] = u32(UInt32(bitPattern: Int32(bitPattern: slot32(fp, lo32(w))) >> (slot32(fp, hi32(w)) & 31))); pc += 2
            case .i32ShrU: let w = pc[1]; fp[a] = u32(slot32(fp, lo32(w)) >> (slot32(fp, hi32(w)) & 31)); pc += 2
            case .i32Rotl: let w = pc[1]; fp[a] = u32(rotl32(slot32(fp, lo32(w)), slot32(fp, hi32(w)))); pc += 2
            case .i32Rotr: let w = pc[1]; fp[a] = u32(rotr32(slot32(fp, lo32(w)), slot32(fp, hi32(w)))); pc += 2
            case .i64Clz: fp[a] = UInt64(fp[lo32(pc[1])].leadingZeroBitCount); pc += 2
            case .i64Ctz: fp[a] = UInt64(fp[lo32(pc[1])].trailingZeroBitCount); pc += 2
            case .i64Popcnt: fp[a] = UInt64(fp[lo32(pc[1])].nonzeroBitCount); pc += 2
            case .i64Add: let w = pc[1]; fp[a] = fp[lo32(w)] &+ fp[hi32(w)]; pc += 2
            case .i64Sub: let w = pc[1]; fp[a] = fp[lo32(w)] &- fp[hi32(w)]; pc += 2
            case .i64Mul: let w = pc[1]; fp[a] = fp[lo32(w)] &* fp[hi32(w)]; pc += 2
            case .i64DivS:
                let w = pc[1]
                let x = Int64(bitPattern: fp[lo32(w)]), y = Int64(bitPattern: fp[hi32(w)])
                if y == 0 { trap = .integerDivideByZero; break loop }
                if x == Int64.min && y == -1 { trap = .integerOverflow; break loop }
                fp[a] = UInt64(bitPattern: x / y); pc += 2
            case .i64DivU:
                let w = pc[1]
                let y = fp[hi32(w)]
                if y == 0 { trap = .integerDivideByZero; break loop }
                fp[a] = fp[lo32(w)] / y; pc += 2
            case .i64RemS:
                let w = pc[1]
                let x = Int64(bitPattern: fp[lo32(w)]), y = Int64(bitPattern: fp[hi32(w)])
                if y == 0 { trap = .integerDivideByZero; break loop }
                fp[a] = y == -1 ? 0 : UInt64(bitPattern: x % y); pc += 2
            case .i64RemU:
                let w = pc[1]
                let y = fp[hi32(w)]
                if y == 0 { trap = .integerDivideByZero; break loop }
                fp[a] = fp[lo32(w)] % y; pc += 2
            case .i64And: let w = pc[1]; fp[a] = fp[lo32(w)] & fp[hi32(w)]; pc += 2
            case .i64Or: let w = pc[1]; fp[a] = fp[lo32(w)] | fp[hi32(w)]; pc += 2
            case .i64Xor: let w = pc[1]; fp[a] = fp[lo32(w)] ^ fp[hi32(w)]; pc += 2
            case .i64Shl: let w = pc[1]; fp[a] = fp[lo32(w)] << (fp[hi32(w)] & 63); pc += 2
            case .i64ShrS: let w = pc[1]; fp[a] = UInt64(bitPattern: Int64(bitPattern: fp[lo32(w)]) >> (fp[hi32(w)] & 63)); pc += 2
            case .i64ShrU: let w = pc[1]; fp[a] = fp[lo32(w)] >> (fp[hi32(w)] & 63); pc += 2
            case .i64Rotl: let w = pc[1]; fp[a] = rotl64(fp[lo32(w)], fp[hi32(w)]); pc += 2
            case .i64Rotr: let w = pc[1]; fp[a] = rotr64(fp[lo32(w)], fp[hi32(w)]); pc += 2
            case .f32Abs: fp[a] = fp[lo32(pc[1])] & 0x7FFF_FFFF; pc += 2
            case .f32Neg: fp[a] = (fp[lo32(pc[1])] ^ 0x8000_0000) & 0xFFFF_FFFF; pc += 2
            case .f32Ceil: fp[a] = u32(f32Ceil(slot32(fp, lo32(pc[1])))); pc += 2
            case .f32Floor: fp[a] = u32(f32Floor(slot32(fp, lo32(pc[1])))); pc += 2
            case .f32Trunc: fp[a] = u32(f32Trunc(slot32(fp, lo32(pc[1])))); pc += 2
            case .f32Nearest: fp[a] = u32(f32Nearest(slot32(fp, lo32(pc[1])))); pc += 2
            case .f32Sqrt: fp[a] = u32(f32Sqrt(slot32(fp, lo32(pc[1])))); pc += 2
            case .f32Add: let w = pc[1]; fp[a] = bits(f32(fp, lo32(w)) + f32(fp, hi32(w))); pc += 2
            case .f32Sub: let w = pc[1]; fp[a] = bits(f32(fp, lo32(w)) - f32(fp, hi32(w))); pc += 2
            case .f32Mul: let w = pc[1]; fp[a] = bits(f32(fp, lo32(w)) * f32(fp, hi32(w))); pc += 2
            case .f32Div: let w = pc[1]; fp[a] = bits(f32(fp, lo32(w)) / f32(fp, hi32(w))); pc += 2
            case .f32Min: let w = pc[1]; fp[a] = u32(f32Min(slot32(fp, lo32(w)), slot32(fp, hi32(w)))); pc += 2
            case .f32Max: let w = pc[1]; fp[a] = u32(f32Max(slot32(fp, lo32(w)), slot32(fp, hi32(w)))); pc += 2
            case .f32Copysign: let w = pc[1]; fp[a] = (fp[lo32(w)] & 0x7FFF_FFFF) | (fp[hi32(w)] & 0x8000_0000); pc += 2
            case .f64Abs: fp[a] = fp[lo32(pc[1])] & 0x7FFF_FFFF_FFFF_FFFF; pc += 2
            case .f64Neg: fp[a] = fp[lo32(pc[1])] ^ 0x8000_0000_0000_0000; pc += 2
            case .f64Ceil: fp[a] = f64Ceil(fp[lo32(pc[1])]); pc += 2
            case .f64Floor: fp[a] = f64Floor(fp[lo32(pc[1])]); pc += 2
            case .f64Trunc: fp[a] = f64Trunc(fp[lo32(pc[1])]); pc += 2
            case .f64Nearest: fp[a] = f64Nearest(fp[lo32(pc[1])]); pc += 2
            case .f64Sqrt: fp[a] = f64Sqrt(fp[lo32(pc[1])]); pc += 2
            case .f64Add: let w = pc[1]; fp[a] = (f64(fp, lo32(w)) + f64(fp, hi32(w))).bitPattern; pc += 2
            case .f64Sub: let w = pc[1]; fp[a] = (f64(fp, lo32(w)) - f64(fp, hi32(w))).bitPattern; pc += 2
            case .f64Mul: let w = pc[1]; fp[a] = (f64(fp, lo32(w)) * f64(fp, hi32(w))).bitPattern; pc += 2
            case .f64Div: let w = pc[1]; fp[a] = (f64(fp, lo32(w)) / f64(fp, hi32(w))).bitPattern; pc += 2
            case .f64Min: let w = pc[1]; fp[a] = f64Min(fp[lo32(w)], fp[hi32(w)]); pc += 2
            case .f64Max: let w = pc[1]; fp[a] = f64Max(fp[lo32(w)], fp[hi32(w)]); pc += 2
            case .f64Copysign: let w = pc[1]; fp[a] = (fp[lo32(w)] & 0x7FFF_FFFF_FFFF_FFFF) | (fp[hi32(w)] & 0x8000_0000_0000_0000); pc += 2
            case .i32WrapI64: fp[a] = fp[lo32(pc[1])] & 0xFFFF_FFFF; pc += 2
            case .i32TruncF32S: if let t = truncated(i32TruncF32S(slot32(fp, lo32(pc[1]))), &fp[a]) { trap = t; break loop }; pc += 2
            case .i32TruncF32U: if let t = truncated(i32TruncF32U(slot32(fp, lo32(pc[1]))), &fp[a]) { trap = t; break loop }; pc += 2
            case .i32TruncF64S: if let t = truncated(i32TruncF64S(fp[lo32(pc[1])]), &fp[a]) { trap = t; break loop }; pc += 2
            case .i32TruncF64U: if let t = truncated(i32TruncF64U(fp[lo32(pc[1])]), &fp[a]) { trap = t; break loop }; pc += 2
            case .i64TruncF32S: if let t = truncated(i64TruncF32S(slot32(fp, lo32(pc[1]))), &fp[a]) { trap = t; break loop }; pc += 2
            case .i64TruncF32U: if let t = truncated(i64TruncF32U(slot32(fp, lo32(pc[1]))), &fp[a]) { trap = t; break loop }; pc += 2
            case .i64TruncF64S: if let t = truncated(i64TruncF64S(fp[lo32(pc[1])]), &fp[a]) { trap = t; break loop }; pc += 2
            case .i64TruncF64U: if let t = truncated(i64TruncF64U(fp[lo32(pc[1])]), &fp[a]) { trap = t; break loop }; pc += 2
            case .i64ExtendI32S: fp[a] = UInt64(bitPattern: Int64(Int32(bitPattern: slot32(fp, lo32(pc[1]))))); pc += 2
            case .i64ExtendI32U: fp[a] = UInt64(slot32(fp, lo32(pc[1]))); pc += 2
            case .f32ConvertI32S: fp[a] = bits(Float(Int32(bitPattern: slot32(fp, lo32(pc[1]))))); pc += 2
            case .f32ConvertI32U: fp[a] = bits(Float(slot32(fp, lo32(pc[1])))); pc += 2
            case .f32ConvertI64S: fp[a] = bits(Float(Int64(bitPattern: fp[lo32(pc[1])]))); pc += 2
            case .f32ConvertI64U: fp[a] = bits(Float(fp[lo32(pc[1])])); pc += 2
            case .f32DemoteF64: fp[a] = u32(f32DemoteF64(fp[lo32(pc[1])])); pc += 2
            case .f64ConvertI32S: fp[a] = Double(Int32(bitPattern: slot32(fp, lo32(pc[1])))).bitPattern; pc += 2
            case .f64ConvertI32U: fp[a] = Double(slot32(fp, lo32(pc[1]))).bitPattern; pc += 2
            case .f64ConvertI64S: fp[a] = Double(Int64(bitPattern: fp[lo32(pc[1])])).bitPattern; pc += 2
            case .f64ConvertI64U: fp[a] = Double(fp[lo32(pc[1])]).bitPattern; pc += 2
            case .f64PromoteF32: fp[a] = f64PromoteF32(slot32(fp, lo32(pc[1]))); pc += 2
            case .i32ReinterpretF32, .f32ReinterpretI32: fp[a] = fp[lo32(pc[1])] & 0xFFFF_FFFF; pc += 2
            case .i64ReinterpretF64, .f64ReinterpretI64: fp[a] = fp[lo32(pc[1])]; pc += 2
            case .i32Extend8S: fp[a] = u32(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: fp[lo32(pc[1])])))); pc += 2
            case .i32Extend16S: fp[a] = u32(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: fp[lo32(pc[1])])))); pc += 2
            case .i64Extend8S: fp[a] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: fp[lo32(pc[1])]))); pc += 2
            case .i64Extend16S: fp[a] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: fp[lo32(pc[1])]))); pc += 2
            case .i64Extend32S: fp[a] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: fp[lo32(pc[1])]))); pc += 2
            case .i32TruncSatF32S: fp[a] = u32(i32TruncSatF32S(slot32(fp, lo32(pc[1])))); pc += 2
            case .i32TruncSatF32U: fp[a] = u32(i32TruncSatF32U(slot32(fp, lo32(pc[1])))); pc += 2
            case .i32TruncSatF64S: fp[a] = u32(i32TruncSatF64S(fp[lo32(pc[1])])); pc += 2
            case .i32TruncSatF64U: fp[a] = u32(i32TruncSatF64U(fp[lo32(pc[1])])); pc += 2
            case .i64TruncSatF32S: fp[a] = i64TruncSatF32S(slot32(fp, lo32(pc[1]))); pc += 2
            case .i64TruncSatF32U: fp[a] = i64TruncSatF32U(slot32(fp, lo32(pc[1]))); pc += 2
            case .i64TruncSatF64S: fp[a] = i64TruncSatF64S(fp[lo32(pc[1])]); pc += 2
            case .i64TruncSatF64U: fp[a] = i64TruncSatF64U(fp[lo32(pc[1])]); pc += 2
            }
        }

        store.fuel = fuel
        // Nothing of this run is running any more: readers see the frames below it (if any).
        pub.popTo(entryDepth, pc: nil)
        // A normal return has popped back to entryDepth; a trap leaves the frames above it.
        if depth == entryDepth { return .returned }
        if let reason = suspendReason {
            if reason == .interrupted, interrupt.pointee.exchange(0, ordering: .relaxed) == InterruptHandle.trapRequest {
                trap = .interrupted
            } else {
                saved = SavedState(pc: pc, fp: fp, function: fn, entryDepth: entryDepth, entryPending: false, base: state.base)
                return .suspended(reason)
            }
        }
        let bt = backtrace(innermost: fn, pc: pc, entryDepth: entryDepth)
        depth = entryDepth
        if var t = hostTrap {
            t.backtrace += bt
            return .trapped(t)
        }
        return .trapped(Trap(trap, message: trapMessage, backtrace: bt))
    }
}

@inline(__always) func rotl32(_ x: UInt32, _ n: UInt32) -> UInt32 { let k = n & 31; return (x << k) | (x >> ((32 - k) & 31)) }
@inline(__always) func rotr32(_ x: UInt32, _ n: UInt32) -> UInt32 { let k = n & 31; return (x >> k) | (x << ((32 - k) & 31)) }
@inline(__always) func rotl64(_ x: UInt64, _ n: UInt64) -> UInt64 { let k = n & 63; return (x << k) | (x >> ((64 - k) & 63)) }
@inline(__always) func rotr64(_ x: UInt64, _ n: UInt64) -> UInt64 { let k = n & 63; return (x >> k) | (x << ((64 - k) & 63)) }

/// Stores a checked truncation's value, or returns its trap.
@inline(__always) func truncated<T: FixedWidthInteger>(_ r: TruncResult<T>, _ dst: inout UInt64) -> TrapKind? {
    switch r {
    case .value(let v): dst = UInt64(v); return nil
    case .invalidConversion: return .invalidConversionToInteger
    case .integerOverflow: return .integerOverflow
    }
}

// Plain little-endian stores through typed pointers: the generic `storeBytes` is not always
// inlined into the loop. Unaligned access is fine on every host Wisp runs on (x86-64, arm64,
// and Cortex-M4 for these widths), and WebAssembly memory is byte-addressed.
@inline(__always) func storeLE8(_ p: UnsafeMutableRawPointer, _ v: UInt64) { p.assumingMemoryBound(to: UInt8.self).pointee = UInt8(truncatingIfNeeded: v) }
@inline(__always) func storeLE16(_ p: UnsafeMutableRawPointer, _ v: UInt64) { p.storeBytes(of: UInt16(truncatingIfNeeded: v), as: UInt16.self) }
@inline(__always) func storeLE32(_ p: UnsafeMutableRawPointer, _ v: UInt64) { p.storeBytes(of: UInt32(truncatingIfNeeded: v), as: UInt32.self) }
@inline(__always) func storeLE64(_ p: UnsafeMutableRawPointer, _ v: UInt64) { p.storeBytes(of: v, as: UInt64.self) }
