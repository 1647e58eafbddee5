// The interpreter's instructions, one method each. Every method is exported under the name
// `wisp_op_NAME` and inlined into its C handler (Sources/WispDispatch/include/WispDispatch.h),
// which then jumps to the next instruction's handler: threaded dispatch with the Swift bodies
// here. A method gets the interpreter's registers inout (pc, frame, memory base and size, fuel:
// after inlining they are machine registers) and the VMState as `self` for everything else.
// It returns 0 to go on at the new pc, or `stop(...)` (non-zero) to leave the interpreter: to
// return to the host, trap or suspend (Executor.execute reads why from the VMState).
// Instruction layouts are described in Op.swift.

import Synchronization
import WispDispatch

typealias Code = UnsafeMutablePointer<UInt64>
typealias Slots = UnsafeMutablePointer<UInt64>

/// The host address of linear-memory byte `ea`, for an access whose bounds check
/// (`ea + width <= ms`) has passed. Truncating `ea` to `Int` is then exact: the memory's size
/// fits the address space (on a 32-bit target a memory never reaches 4 GiB, so a checked `ea`
/// fits 32 bits), and the truncating form costs no overflow check on the fast path.
@inline(__always) func hostAddress(_ md: UnsafeMutableRawPointer, _ ea: UInt64) -> UnsafeMutableRawPointer {
    md + Int(truncatingIfNeeded: ea)
}

extension VMState {
    /// Runs translated code from `pc` until an instruction leaves (see `stop`).
    /// It lives in this file and is never inlined because the compiler emits the C handlers next
    /// to their first use: in a multi-threaded whole-module build each file becomes its own LLVM
    /// module, and a handler can only inline the Swift bodies of the module it is emitted in.
    @inline(never)
    static func run(_ vm: UnsafeMutablePointer<VMState>, pc: Code, fp: Slots, md: UnsafeMutableRawPointer, ms: UInt64, fuel: UInt64) {
        wisp_run(pc, fp, md, ms, fuel, vm)
    }

    /// The word that names `op`'s handler in translated code (direct threading: see `WISP_NEXT` in
    /// WispDispatch.h), for the translator to put in place of the opcode in the low 32 bits of an
    /// instruction's first word. Never inlined, for the reason `run` is not: the handler table
    /// must be referenced from this file only, where the handlers are emitted; another LLVM
    /// module would get handlers of its own, at other addresses.
    @inline(never)
    static func handlerWord(_ op: UInt16) -> UInt64 {
        let w = wisp_handler_word(UInt32(op))
        // 64-bit targets store the handler's distance from the first handler in 32 bits.
        precondition(Int32(exactly: w) != nil || MemoryLayout<Int>.size == 4, "handler out of reach")
        return UInt64(UInt32(truncatingIfNeeded: w))
    }

    /// The handler word of pair `i` (Op.pairs). Never inlined, like `handlerWord`.
    @inline(never)
    static func pairWord(_ i: UInt16) -> UInt64 {
        let w = wisp_pair_word(UInt32(i))
        precondition(Int32(exactly: w) != nil, "handler out of reach")
        return UInt64(UInt32(truncatingIfNeeded: w))
    }

    // MARK: Control
    @_silgen_name("wisp_op_unreachable") @inline(__always)
    mutating func op_unreachable(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        trap = .unreachable
        return stop(pc, fp, fuel)
    }
    @_silgen_name("wisp_op_br") @inline(__always)
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
    @_silgen_name("wisp_op_brIf") @inline(__always)
    mutating func op_brIf(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        conditionalBranch(&pc, fp, md, ms, fuel, acc, mode) { $0 != 0 }
    }

    @_silgen_name("wisp_op_brIfNot") @inline(__always)
    mutating func op_brIfNot(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        conditionalBranch(&pc, fp, md, ms, fuel, acc, mode) { $0 == 0 }
    }

    @_silgen_name("wisp_op_brLoop") @inline(__always)
    mutating func op_brLoop(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; return stop(pc, fp, fuel) }
        pc = pc + 1 + Int(Int64(bitPattern: pc[1]))
        topPC.pointee.store(UInt(bitPattern: pc), ordering: .relaxed)
        return 0
    }
    @_silgen_name("wisp_op_brIfLoop") @inline(__always)
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
    @_silgen_name("wisp_op_brF") @inline(__always)
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
    @_silgen_name("wisp_op_brIfF") @inline(__always)
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
    @_silgen_name("wisp_op_brIfNotF") @inline(__always)
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
    @_silgen_name("wisp_op_brTable") @inline(__always)
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
    @_silgen_name("wisp_op_ret") @inline(__always)
    mutating func op_ret(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let d = depth &- 1
        depth = d
        let f = frames[d]
        guard let rpc = f.returnPC else { return stop(pc, fp, fuel) }
        fp = f.fp
        pc = rpc
        fn = f.function.unsafelyUnwrapped
        pub.popReturn()
        topPC.pointee.store(UInt(bitPattern: rpc), ordering: .relaxed)
        // Same memory: md and ms are current (memory.grow, and host calls, update them).
        if !sameMemory(fn.pointee.memory0, mem) {
            mem = fn.pointee.memory0
            md = mem?.pointee.base ?? UnsafeMutableRawPointer(stackBase)
            ms = UInt64(mem?.pointee.byteCount ?? 0)
        }
        return 0
    }
    // MARK: Calls
    // The four call instructions resolve their callee and share `enter`, which pushes a frame on
    // the VM stack (never on the native stack). Host callees and callees not yet translated take
    // the out-of-line `enterSlow`.
    @_silgen_name("wisp_op_call") @inline(__always)
    mutating func op_call(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let callee = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(pc[1])).unsafelyUnwrapped
        return enter(callee, next: pc + 2, charge: false, &pc, &fp, &md, &ms, &fuel)
    }
    @_silgen_name("wisp_op_callF") @inline(__always)
    mutating func op_callF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let callee = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(pc[1])).unsafelyUnwrapped
        return enter(callee, next: pc + 2, charge: true, &pc, &fp, &md, &ms, &fuel)
    }
    @_silgen_name("wisp_op_callIndirect") @inline(__always)
    mutating func op_callIndirect(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let callee = indirectCallee(pc, fp) else { return stop(pc, fp, fuel) }
        return enter(callee, next: pc + 3, charge: false, &pc, &fp, &md, &ms, &fuel)
    }
    @_silgen_name("wisp_op_callIndirectF") @inline(__always)
    mutating func op_callIndirectF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let callee = indirectCallee(pc, fp) else { return stop(pc, fp, fuel) }
        return enter(callee, next: pc + 3, charge: true, &pc, &fp, &md, &ms, &fuel)
    }

    @_silgen_name("wisp_op_returnCall") @inline(__always)
    mutating func op_returnCall(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
#if WISP_NO_TAIL_CALLS
        trap = .unreachable  // not reached: the decoder rejects `return_call`
        return stop(pc, fp, fuel)
#else
        let callee = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(pc[1])).unsafelyUnwrapped
        return enter(callee, next: retStub, charge: metered, tail: true, &pc, &fp, &md, &ms, &fuel)
#endif
    }
    @_silgen_name("wisp_op_returnCallIndirect") @inline(__always)
    mutating func op_returnCallIndirect(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
#if WISP_NO_TAIL_CALLS
        trap = .unreachable  // not reached: the decoder rejects `return_call_indirect`
        return stop(pc, fp, fuel)
#else
        guard let callee = indirectCallee(pc, fp) else { return stop(pc, fp, fuel) }
        return enter(callee, next: retStub, charge: metered, tail: true, &pc, &fp, &md, &ms, &fuel)
#endif
    }


    /// The function a call_indirect at `pc` calls ([op|argBase] [index slot | typeID << 32] [TableRecord*]),
    /// or nil with `trap` set.
    @inline(__always)
    mutating func indirectCallee(_ pc: Code, _ fp: Slots) -> UnsafeMutablePointer<FunctionRecord>? {
        let w1 = pc[1]
        let table = UnsafeMutablePointer<TableRecord>(bitPattern: UInt(pc[2]))!
        let i = Int(slot32(fp, lo32(w1)))
        guard i < table.pointee.count else { trap = .undefinedElement; return nil }
        guard let c = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(table.pointee.elements[i])) else {
            trap = .indirectCallToNull; return nil
        }
        guard c.pointee.typeID == hi32(w1) else { trap = .indirectCallTypeMismatch; return nil }
        return c
    }

    /// Calls `callee` with its arguments at `fp + argBase`; the caller goes on at `next`. `charge`:
    /// metered code charges the callee's entry region here.
    /// `tail` (a constant at each call site): a tail call, whose argBase is 0. The callee takes
    /// over the running frame: its record keeps the caller's frame and return address, only its
    /// function changes, so tail recursion runs in constant VM stack. A host callee, or one not
    /// translated yet, gets an ordinary call whose `next` is `retStub`, returning at once.
    @inline(__always)
    mutating func enter(_ callee: UnsafeMutablePointer<FunctionRecord>, next: Code, charge: Bool, tail: Bool = false,
                        _ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64) -> UInt {
        if interrupt.pointee.load(ordering: .relaxed) != 0 { suspendReason = .interrupted; return stop(pc, fp, fuel) }
        // Host functions never have code: one test sends both them and untranslated functions on.
        guard let code = callee.pointee.code else {
            // Continue in the callSlow handler, which calls `enterSlow`: a call here, even on a
            // path not taken, would make every call instruction save and restore registers.
            pendingCallee = callee
            pendingNext = next
            pendingCharge = charge
            pendingPC = pc
            pc = slowStub
            return 0
        }
        let newFP = fp + hi32(pc[0])
        if charge {
            let cost = callee.pointee.entryFuel
            if cost > fuel { suspendReason = .outOfFuel; return stop(pc, fp, fuel) }
            fuel -= cost
        }
        // A translated function's frame covers the four slots zeroLocals writes (Translator.translate).
        guard tail || depth < maxDepth, newFP + callee.pointee.frameSlots <= stackEnd else {
            trap = .callStackExhausted; return stop(pc, fp, fuel)
        }
        if tail {
            frames[depth - 1].callee = callee
            pub.replaceTop(depth - 1, function: callee, pc: code)
        } else {
            let d = depth
            frames[d] = CallFrame(fp: fp, returnPC: next, function: fn, callee: callee)
            topPC.pointee.store(UInt(bitPattern: pc), ordering: .relaxed)
            pub.pushCall(d, function: callee, pc: code)
            depth = d &+ 1
        }
        zeroLocals(newFP + callee.pointee.paramSlots)
        fp = newFP
        fn = callee
        pc = code
        if !sameMemory(callee.pointee.memory0, mem) {
            mem = callee.pointee.memory0
            md = mem?.pointee.base ?? UnsafeMutableRawPointer(stackBase)
            ms = UInt64(mem?.pointee.byteCount ?? 0)
        }
        return 0
    }

    /// One compare of two addresses (`!=` on optionals tests each for nil first).
    @inline(__always)
    func sameMemory(_ a: UnsafeMutablePointer<MemoryRecord>?, _ b: UnsafeMutablePointer<MemoryRecord>?) -> Bool {
        UInt(bitPattern: a) == UInt(bitPattern: b)
    }

    /// Zeroes a new frame's locals if there are at most four slots of them (a function with more
    /// starts with a `zeroLocals` instruction): four straight-line stores whatever the count, since
    /// slots past the locals are temporaries, written before they are read, and `enter` checks
    /// that the four fit the stack. No loop, which would become a call to memset (a call anywhere
    /// in the call instruction costs every call a prologue that saves registers), and no switch
    /// on the count, which would become an indirect jump.
    @inline(__always)
    func zeroLocals(_ p: Slots) {
        p[0] = 0; p[1] = 0; p[2] = 0; p[3] = 0
    }
    @_silgen_name("wisp_op_zeroLocals") @inline(__always)
    mutating func op_zeroLocals(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        (fp + hi32(pc[0])).update(repeating: 0, count: Int(pc[1]))
        pc += 2
        return 0
    }
    @_silgen_name("wisp_op_callSlow") @inline(__always)
    mutating func op_callSlow(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        // The registers go by value and come back through the VMState: passing them inout would
        // make this handler spill them whether or not they change.
        var leave = enterSlow(pendingCallee!, next: pendingNext, charge: pendingCharge, pendingPC, fp, md, ms, fuel)
        pc = slowPC; fp = slowFP; md = slowMD; ms = slowMS; fuel = slowFuel
#if !WISP_NO_EXCEPTIONS
        if leave == VMState.raiseInCaller, let e = pendingException {
            // The host function let a WebAssembly exception through: it goes on from the call.
            pendingException = nil
            leave = unwind(e, pc, fp, md, ms, fuel)
            pc = slowPC; fp = slowFP; md = slowMD; ms = slowMS; fuel = slowFuel
        }
#endif
        return leave
    }
    // MARK: Exceptions (Exceptions/Unwinding.swift)
    @_silgen_name("wisp_op_throwTag") @inline(__always)
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
    @_silgen_name("wisp_op_throwRef") @inline(__always)
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

    /// A call to a host function, or to a function that is not translated yet (translated here,
    /// then entered as usual). Takes the registers by value and leaves their new values in
    /// slowPC...slowFuel.
    @inline(never)
    mutating func enterSlow(_ callee: UnsafeMutablePointer<FunctionRecord>, next: Code, charge: Bool,
                            _ pc0: Code, _ fp0: Slots, _ md0: UnsafeMutableRawPointer, _ ms0: UInt64, _ fuel0: UInt64) -> UInt {
        var pc = pc0, fp = fp0, md = md0, ms = ms0, fuel = fuel0
        defer { slowPC = pc; slowFP = fp; slowMD = md; slowMS = ms; slowFuel = fuel }
        if !callee.pointee.isHost {
            guard executor.compile(callee) else {
                trap = .host; trapMessage = executor.compileError ?? "function failed to translate"; return stop(pc, fp, fuel)
            }
            return enter(callee, next: next, charge: charge, &pc, &fp, &md, &ms, &fuel)
        }
        guard depth < maxDepth else { trap = .callStackExhausted; return stop(pc, fp, fuel) }
        let newFP = fp + hi32(pc[0])
        executor.store.fuel = fuel
        // The host function gets a frame of its own, so stack readers and nested calls see it.
        frames[depth] = CallFrame(fp: fp, returnPC: next, function: fn, callee: callee)
        depth += 1
        pub.push(depth - 1, function: callee, pc: nil, callerPC: pc)
        // A host function may call back into WebAssembly on this executor: that run uses this
        // VMState too, so this run's function and memory are put back afterwards.
        let myFn = fn, myMem = mem
        defer {
            depth -= 1
            pub.popTo(depth, pc: pc)
        }
        var failure: Trap? = nil
        do {
            executor.stackTop = newFP
            try executor.callHost(callee, fp: newFP, caller: myFn.pointee.entity.takeUnretainedValue().instance)
        } catch {
            failure = error
        }
        fn = myFn
        mem = myMem
        // A nested run may have left its reasons for leaving here; this run has none yet.
        suspendReason = nil
        hostTrap = nil
        trapMessage = nil
        if let error = failure {
            if error.kind == .yield {
                // The host asked to be called again later: suspend at this call.
                fuel = executor.store.fuel
                suspendReason = .yield
                return stop(pc, fp, fuel)
            }
#if !WISP_NO_EXCEPTIONS
            if rethrow(error) { return VMState.raiseInCaller }
#endif
            hostTrap = error
            return stop(pc, fp, fuel)
        }
        fuel = executor.store.fuel
        ms = UInt64(myMem?.pointee.byteCount ?? 0)
        md = myMem?.pointee.base ?? md
        pc = next
        return 0
    }
    @_silgen_name("wisp_op_copy") @inline(__always)
    mutating func op_copy(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])]
        pc += 2
        return 0
    }
    @_silgen_name("wisp_op_copy2") @inline(__always)
    mutating func op_copy2(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1]
        fp[hi32(pc[0])] = fp[lo32(w1)]
        fp[hi32(w1)] = fp[Int(truncatingIfNeeded: pc[2])]
        pc += 3
        return 0
    }
    @_silgen_name("wisp_op_copy128") @inline(__always)
    mutating func op_copy128(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let s = lo32(pc[1])
        fp[a] = fp[s]
        fp[a + 1] = fp[s + 1]
        pc += 2
        return 0
    }
    @_silgen_name("wisp_op_const64") @inline(__always)
    mutating func op_const64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = pc[1]
        pc += 2
        return 0
    }
    @_silgen_name("wisp_op_const128") @inline(__always)
    mutating func op_const128(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = pc[1]
        fp[a + 1] = pc[2]
        pc += 3
        return 0
    }
    @_silgen_name("wisp_op_select") @inline(__always)
    mutating func op_select(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w1 = pc[1]
        fp[a] = slot32(fp, lo32(pc[2])) != 0 ? fp[lo32(w1)] : fp[hi32(w1)]
        pc += 3
        return 0
    }
    @_silgen_name("wisp_op_select128") @inline(__always)
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
    @_silgen_name("wisp_op_globalGet") @inline(__always)
    mutating func op_globalGet(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc[1]))!.pointee
        pc += 2
        return 0
    }
    @_silgen_name("wisp_op_globalSet") @inline(__always)
    mutating func op_globalSet(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc[1]))!.pointee = fp[a]
        pc += 2
        return 0
    }
    @_silgen_name("wisp_op_globalGet128") @inline(__always)
    mutating func op_globalGet128(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let g = UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc[1]))!
        fp[a] = g[0]
        fp[a + 1] = g[1]
        pc += 2
        return 0
    }
    @_silgen_name("wisp_op_globalSet128") @inline(__always)
    mutating func op_globalSet128(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let g = UnsafeMutablePointer<UInt64>(bitPattern: UInt(pc[1]))!
        g[0] = fp[a]
        g[1] = fp[a + 1]
        pc += 2
        return 0
    }
    @_silgen_name("wisp_op_refIsNull") @inline(__always)
    mutating func op_refIsNull(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = bool(fp[lo32(pc[1])] == 0)
        pc += 2
        return 0
    }
    // MARK: Memory
    // Each access checks effective address + width against the memory size: the offset is a u32 and
    // the address a u32, so their sum cannot overflow 64 bits.
    @_silgen_name("wisp_op_load32") @inline(__always)
    mutating func op_load32(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        load(4, &pc, fp, md, ms, fuel, &acc, mode) { p in u32(p.loadUnaligned(as: UInt32.self)) }
    }
    @_silgen_name("wisp_op_load64") @inline(__always)
    mutating func op_load64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        load(8, &pc, fp, md, ms, fuel, &acc, mode) { p in p.loadUnaligned(as: UInt64.self) }
    }
    @_silgen_name("wisp_op_load8S32") @inline(__always)
    mutating func op_load8S32(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        load(1, &pc, fp, md, ms, fuel, &acc, mode) { p in u32(UInt32(bitPattern: Int32(p.loadUnaligned(as: Int8.self)))) }
    }
    @_silgen_name("wisp_op_load8U") @inline(__always)
    mutating func op_load8U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        load(1, &pc, fp, md, ms, fuel, &acc, mode) { p in UInt64(p.loadUnaligned(as: UInt8.self)) }
    }
    @_silgen_name("wisp_op_load16S32") @inline(__always)
    mutating func op_load16S32(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        load(2, &pc, fp, md, ms, fuel, &acc, mode) { p in u32(UInt32(bitPattern: Int32(p.loadUnaligned(as: Int16.self)))) }
    }
    @_silgen_name("wisp_op_load16U") @inline(__always)
    mutating func op_load16U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        load(2, &pc, fp, md, ms, fuel, &acc, mode) { p in UInt64(p.loadUnaligned(as: UInt16.self)) }
    }
    @_silgen_name("wisp_op_load8S64") @inline(__always)
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
    @_silgen_name("wisp_op_load16S64") @inline(__always)
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
    @_silgen_name("wisp_op_load32S64") @inline(__always)
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
    @_silgen_name("wisp_op_load128") @inline(__always)
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
    @_silgen_name("wisp_op_store8") @inline(__always)
    mutating func op_store8(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        store(1, &pc, fp, md, ms, fuel, acc, mode, storeLE8)
    }
    @_silgen_name("wisp_op_store16") @inline(__always)
    mutating func op_store16(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        store(2, &pc, fp, md, ms, fuel, acc, mode, storeLE16)
    }
    @_silgen_name("wisp_op_store32") @inline(__always)
    mutating func op_store32(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        store(4, &pc, fp, md, ms, fuel, acc, mode, storeLE32)
    }
    @_silgen_name("wisp_op_load64K") @inline(__always)
    mutating func op_load64K(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let ea = pc[1]
        guard ea &+ 8 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        fp[hi32(pc[0])] = hostAddress(md, ea).loadUnaligned(as: UInt64.self)
        pc += 2
        return 0
    }
    @_silgen_name("wisp_op_store64K") @inline(__always)
    mutating func op_store64K(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let ea = pc[1]
        guard ea &+ 8 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE64(hostAddress(md, ea), fp[hi32(pc[0])])
        pc += 2
        return 0
    }
    @_silgen_name("wisp_op_store64") @inline(__always)
    mutating func op_store64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        store(8, &pc, fp, md, ms, fuel, acc, mode, storeLE64)
    }
    @_silgen_name("wisp_op_store128") @inline(__always)
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
    @_silgen_name("wisp_op_memorySize") @inline(__always)
    mutating func op_memorySize(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(mem!.pointee.pageCount)
        pc += 1
        return 0
    }
    @_silgen_name("wisp_op_memoryGrow") @inline(__always)
    mutating func op_memoryGrow(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let delta = Int(slot32(fp, lo32(pc[1])))
        if metered, delta <= mem!.pointee.maxPages - mem!.pointee.pageCount {
            // One unit per page added, charged before growing (docs/fuel.md); a grow
            // beyond the maximum fails without work and costs nothing extra.
            if UInt64(delta) > fuel { suspendReason = .outOfFuel; return stop(pc, fp, fuel) }
            fuel -= UInt64(delta)
        }
        let old = executor.memoryGrow(mem!, delta: delta)
        fp[a] = u32(UInt32(bitPattern: Int32(old)))
        md = mem!.pointee.base
        ms = UInt64(mem!.pointee.byteCount)
        pc += 2
        return 0
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
    @_silgen_name("wisp_op_memoryFill") @inline(__always)
    mutating func op_memoryFill(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.memoryFill, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }
    @_silgen_name("wisp_op_memoryCopy") @inline(__always)
    mutating func op_memoryCopy(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.memoryCopy, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }
    @_silgen_name("wisp_op_memoryInit") @inline(__always)
    mutating func op_memoryInit(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.memoryInit, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }
    @_silgen_name("wisp_op_dataDrop") @inline(__always)
    mutating func op_dataDrop(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.dataDrop, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }
    @_silgen_name("wisp_op_tableGet") @inline(__always)
    mutating func op_tableGet(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.tableGet, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }
    @_silgen_name("wisp_op_tableSet") @inline(__always)
    mutating func op_tableSet(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.tableSet, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }
    @_silgen_name("wisp_op_tableSize") @inline(__always)
    mutating func op_tableSize(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.tableSize, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }
    @_silgen_name("wisp_op_tableGrow") @inline(__always)
    mutating func op_tableGrow(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.tableGrow, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }
    @_silgen_name("wisp_op_tableFill") @inline(__always)
    mutating func op_tableFill(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.tableFill, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }
    @_silgen_name("wisp_op_tableCopy") @inline(__always)
    mutating func op_tableCopy(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.tableCopy, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }
    @_silgen_name("wisp_op_tableInit") @inline(__always)
    mutating func op_tableInit(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.tableInit, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }
    @_silgen_name("wisp_op_elemDrop") @inline(__always)
    mutating func op_elemDrop(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let next = bulkStep(.elemDrop, pc, fp, &fuel) else { return 1 }
        pc = next
        return 0
    }
    // MARK: SIMD
    /// Every SIMD instruction runs through `executeSIMD`, out of line: its lane operations are too
    /// large to copy into twelve handlers.
    @inline(__always)
    mutating func simd(_ op: Op, _ pc: inout Code, _ fp: Slots, _ md: UnsafeMutableRawPointer, _ ms: UInt64, _ fuel: UInt64) -> UInt {
#if WISP_NO_SIMD
        // Never emitted: a build without SIMD rejects SIMD modules when it decodes them, and
        // leaves the SIMD library out.
        trap = .unreachable
        return stop(pc, fp, fuel)
#else
        let r = executeSIMD(op, pc, fp: fp, md: md, ms: ms)
        if r < 0 { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        pc += r
        return 0
#endif
    }
    /// A SIMD operator with a handler of its own: `code` is a constant there, so the lane
    /// semantics' switch folds down to its one case and nothing is called.
    @inline(__always)
    mutating func simdDedicated(_ code: UInt32, binary: Bool, _ pc: inout Code, _ fp: Slots, _ fuel: UInt64) -> UInt {
#if WISP_NO_SIMD
        trap = .unreachable  // never emitted: see `simd`
        return stop(pc, fp, fuel)
#else
        let w1 = pc[1]
        let a = v128(fp, lo32(w1))
        setV128(fp, hi32(pc[0]), binary ? simdBinary(code, a, v128(fp, hi32(w1))) : simdUnary(code, a))
        pc += 3
        return 0
#endif
    }
    @_silgen_name("wisp_op_v128And") @inline(__always)
    mutating func op_v128And(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(78, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_v128Andnot") @inline(__always)
    mutating func op_v128Andnot(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(79, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_v128Or") @inline(__always)
    mutating func op_v128Or(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(80, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_v128Xor") @inline(__always)
    mutating func op_v128Xor(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(81, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i8x16NarrowI16x8U") @inline(__always)
    mutating func op_i8x16NarrowI16x8U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(102, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i8x16Add") @inline(__always)
    mutating func op_i8x16Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(110, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i8x16Sub") @inline(__always)
    mutating func op_i8x16Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(113, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i16x8NarrowI32x4U") @inline(__always)
    mutating func op_i16x8NarrowI32x4U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(134, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i16x8Add") @inline(__always)
    mutating func op_i16x8Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(142, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i16x8Sub") @inline(__always)
    mutating func op_i16x8Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(145, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i16x8Mul") @inline(__always)
    mutating func op_i16x8Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(149, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i32x4Add") @inline(__always)
    mutating func op_i32x4Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(174, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i32x4Sub") @inline(__always)
    mutating func op_i32x4Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(177, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i32x4Mul") @inline(__always)
    mutating func op_i32x4Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(181, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i32x4MinS") @inline(__always)
    mutating func op_i32x4MinS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(182, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i32x4MinU") @inline(__always)
    mutating func op_i32x4MinU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(183, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i32x4MaxS") @inline(__always)
    mutating func op_i32x4MaxS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(184, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i32x4MaxU") @inline(__always)
    mutating func op_i32x4MaxU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(185, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i64x2Add") @inline(__always)
    mutating func op_i64x2Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(206, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i64x2Sub") @inline(__always)
    mutating func op_i64x2Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(209, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_f32x4Add") @inline(__always)
    mutating func op_f32x4Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(228, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_f32x4Sub") @inline(__always)
    mutating func op_f32x4Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(229, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_f32x4Mul") @inline(__always)
    mutating func op_f32x4Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(230, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_f64x2Add") @inline(__always)
    mutating func op_f64x2Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(240, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_f64x2Sub") @inline(__always)
    mutating func op_f64x2Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(241, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_f64x2Mul") @inline(__always)
    mutating func op_f64x2Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(242, binary: true, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i16x8ExtendLowI8x16S") @inline(__always)
    mutating func op_i16x8ExtendLowI8x16S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(135, binary: false, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i16x8ExtendHighI8x16S") @inline(__always)
    mutating func op_i16x8ExtendHighI8x16S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(136, binary: false, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i16x8ExtendLowI8x16U") @inline(__always)
    mutating func op_i16x8ExtendLowI8x16U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(137, binary: false, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i16x8ExtendHighI8x16U") @inline(__always)
    mutating func op_i16x8ExtendHighI8x16U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(138, binary: false, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i32x4ExtendLowI16x8S") @inline(__always)
    mutating func op_i32x4ExtendLowI16x8S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(167, binary: false, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i32x4ExtendHighI16x8S") @inline(__always)
    mutating func op_i32x4ExtendHighI16x8S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(168, binary: false, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i32x4ExtendLowI16x8U") @inline(__always)
    mutating func op_i32x4ExtendLowI16x8U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(169, binary: false, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_i32x4ExtendHighI16x8U") @inline(__always)
    mutating func op_i32x4ExtendHighI16x8U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simdDedicated(170, binary: false, &pc, fp, fuel)
    }
    @_silgen_name("wisp_op_simdUnary") @inline(__always)
    mutating func op_simdUnary(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdUnary, &pc, fp, md, ms, fuel)
    }
    @_silgen_name("wisp_op_simdBinary") @inline(__always)
    mutating func op_simdBinary(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdBinary, &pc, fp, md, ms, fuel)
    }
    @_silgen_name("wisp_op_simdTernary") @inline(__always)
    mutating func op_simdTernary(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdTernary, &pc, fp, md, ms, fuel)
    }
    @_silgen_name("wisp_op_simdTest") @inline(__always)
    mutating func op_simdTest(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdTest, &pc, fp, md, ms, fuel)
    }
    @_silgen_name("wisp_op_simdShift") @inline(__always)
    mutating func op_simdShift(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdShift, &pc, fp, md, ms, fuel)
    }
    @_silgen_name("wisp_op_simdSplat") @inline(__always)
    mutating func op_simdSplat(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdSplat, &pc, fp, md, ms, fuel)
    }
    @_silgen_name("wisp_op_simdExtractLane") @inline(__always)
    mutating func op_simdExtractLane(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdExtractLane, &pc, fp, md, ms, fuel)
    }
    @_silgen_name("wisp_op_simdReplaceLane") @inline(__always)
    mutating func op_simdReplaceLane(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdReplaceLane, &pc, fp, md, ms, fuel)
    }
    @_silgen_name("wisp_op_simdShuffle") @inline(__always)
    mutating func op_simdShuffle(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdShuffle, &pc, fp, md, ms, fuel)
    }
    @_silgen_name("wisp_op_simdLoad") @inline(__always)
    mutating func op_simdLoad(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdLoad, &pc, fp, md, ms, fuel)
    }
    @_silgen_name("wisp_op_simdLoadLane") @inline(__always)
    mutating func op_simdLoadLane(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdLoadLane, &pc, fp, md, ms, fuel)
    }
    @_silgen_name("wisp_op_simdStoreLane") @inline(__always)
    mutating func op_simdStoreLane(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        simd(.simdStoreLane, &pc, fp, md, ms, fuel)
    }
    // MARK: Fused compare-and-branch
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

    /// A binary operator of the `binaryMemory` family on (x, y): in the MR modes y is read from
    /// linear memory (4 bytes, or 8 if `wide`) at the address slot in word 1's high half plus the
    /// offset in word 2, checked like a load's.
    @inline(__always)
    mutating func binaryMemory(_ pc: inout Code, _ fp: Slots, _ md: UnsafeMutableRawPointer, _ ms: UInt64, _ fuel: UInt64,
                               _ acc: inout UInt64, _ mode: UInt32, wide: Bool, _ f: (_ x: UInt64, _ y: UInt64) -> UInt64) -> UInt {
        let w = pc[1]
        let y: UInt64
        if mode & 32 != 0 {
            let ea = UInt64(slot32(fp, hi32(w))) &+ pc[2]
            guard ea &+ (wide ? 8 : 4) <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
            let p = hostAddress(md, ea)
            y = wide ? p.loadUnaligned(as: UInt64.self) : UInt64(p.loadUnaligned(as: UInt32.self))
        } else {
            y = rhs(fp, w, acc, mode)
        }
        result(f(lhs(fp, w, acc, mode), y), pc, fp, &acc, mode)
        pc += mode & 32 != 0 ? 3 : 2
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

    @_silgen_name("wisp_op_brI32Eq") @inline(__always)
    mutating func op_brI32Eq(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in x == y }
    }

    @_silgen_name("wisp_op_brI32EqI") @inline(__always)
    mutating func op_brI32EqI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in x == y }
    }

    @_silgen_name("wisp_op_brI32Ne") @inline(__always)
    mutating func op_brI32Ne(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in x != y }
    }

    @_silgen_name("wisp_op_brI32NeI") @inline(__always)
    mutating func op_brI32NeI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in x != y }
    }

    @_silgen_name("wisp_op_brI32LtS") @inline(__always)
    mutating func op_brI32LtS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in Int32(bitPattern: x) < Int32(bitPattern: y) }
    }

    @_silgen_name("wisp_op_brI32LtSI") @inline(__always)
    mutating func op_brI32LtSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in Int32(bitPattern: x) < Int32(bitPattern: y) }
    }

    @_silgen_name("wisp_op_brI32LtU") @inline(__always)
    mutating func op_brI32LtU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in x < y }
    }

    @_silgen_name("wisp_op_brI32LtUI") @inline(__always)
    mutating func op_brI32LtUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in x < y }
    }

    @_silgen_name("wisp_op_brI32GtS") @inline(__always)
    mutating func op_brI32GtS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in Int32(bitPattern: x) > Int32(bitPattern: y) }
    }

    @_silgen_name("wisp_op_brI32GtSI") @inline(__always)
    mutating func op_brI32GtSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in Int32(bitPattern: x) > Int32(bitPattern: y) }
    }

    @_silgen_name("wisp_op_brI32GtU") @inline(__always)
    mutating func op_brI32GtU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in x > y }
    }

    @_silgen_name("wisp_op_brI32GtUI") @inline(__always)
    mutating func op_brI32GtUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in x > y }
    }

    @_silgen_name("wisp_op_brI32LeS") @inline(__always)
    mutating func op_brI32LeS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in Int32(bitPattern: x) <= Int32(bitPattern: y) }
    }

    @_silgen_name("wisp_op_brI32LeSI") @inline(__always)
    mutating func op_brI32LeSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in Int32(bitPattern: x) <= Int32(bitPattern: y) }
    }

    @_silgen_name("wisp_op_brI32LeU") @inline(__always)
    mutating func op_brI32LeU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in x <= y }
    }

    @_silgen_name("wisp_op_brI32LeUI") @inline(__always)
    mutating func op_brI32LeUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in x <= y }
    }

    @_silgen_name("wisp_op_brI32GeS") @inline(__always)
    mutating func op_brI32GeS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in Int32(bitPattern: x) >= Int32(bitPattern: y) }
    }

    @_silgen_name("wisp_op_brI32GeSI") @inline(__always)
    mutating func op_brI32GeSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in Int32(bitPattern: x) >= Int32(bitPattern: y) }
    }

    @_silgen_name("wisp_op_brI32GeU") @inline(__always)
    mutating func op_brI32GeU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: false) { x, y in x >= y }
    }

    @_silgen_name("wisp_op_brI32GeUI") @inline(__always)
    mutating func op_brI32GeUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        compareAndBranch(&pc, fp, fuel, acc, mode, immediate: true) { x, y in x >= y }
    }

    @_silgen_name("wisp_op_brI32EqF") @inline(__always)
    mutating func op_brI32EqF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(x == y, &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32EqIF") @inline(__always)
    mutating func op_brI32EqIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(x == y, &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32NeF") @inline(__always)
    mutating func op_brI32NeF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(x != y, &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32NeIF") @inline(__always)
    mutating func op_brI32NeIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(x != y, &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32LtSF") @inline(__always)
    mutating func op_brI32LtSF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(Int32(bitPattern: x) < Int32(bitPattern: y), &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32LtSIF") @inline(__always)
    mutating func op_brI32LtSIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(Int32(bitPattern: x) < Int32(bitPattern: y), &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32LtUF") @inline(__always)
    mutating func op_brI32LtUF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(x < y, &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32LtUIF") @inline(__always)
    mutating func op_brI32LtUIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(x < y, &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32GtSF") @inline(__always)
    mutating func op_brI32GtSF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(Int32(bitPattern: x) > Int32(bitPattern: y), &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32GtSIF") @inline(__always)
    mutating func op_brI32GtSIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(Int32(bitPattern: x) > Int32(bitPattern: y), &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32GtUF") @inline(__always)
    mutating func op_brI32GtUF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(x > y, &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32GtUIF") @inline(__always)
    mutating func op_brI32GtUIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(x > y, &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32LeSF") @inline(__always)
    mutating func op_brI32LeSF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(Int32(bitPattern: x) <= Int32(bitPattern: y), &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32LeSIF") @inline(__always)
    mutating func op_brI32LeSIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(Int32(bitPattern: x) <= Int32(bitPattern: y), &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32LeUF") @inline(__always)
    mutating func op_brI32LeUF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(x <= y, &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32LeUIF") @inline(__always)
    mutating func op_brI32LeUIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(x <= y, &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32GeSF") @inline(__always)
    mutating func op_brI32GeSF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(Int32(bitPattern: x) >= Int32(bitPattern: y), &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32GeSIF") @inline(__always)
    mutating func op_brI32GeSIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(Int32(bitPattern: x) >= Int32(bitPattern: y), &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32GeUF") @inline(__always)
    mutating func op_brI32GeUF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = slot32(fp, lo32(pc[1]))
        return fusedBranchCharging(x >= y, &pc, fp, &fuel)
    }
    @_silgen_name("wisp_op_brI32GeUIF") @inline(__always)
    mutating func op_brI32GeUIF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let x = slot32(fp, a), y = UInt32(truncatingIfNeeded: pc[1])
        return fusedBranchCharging(x >= y, &pc, fp, &fuel)
    }
    // MARK: Numeric with an immediate right operand
    @_silgen_name("wisp_op_i32AddI") @inline(__always)
    mutating func op_i32AddI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(x &+ y), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32AddI2") @inline(__always)
    mutating func op_i32AddI2(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1], w2 = pc[2]
        fp[hi32(pc[0])] = u32(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: w1 >> 32))
        fp[hi32(w2)] = u32(slot32(fp, lo32(w2)) &+ UInt32(truncatingIfNeeded: pc[3]))
        pc += 4
        return 0
    }
    /// The f64 operators with a constant operand ([op|dst] [a] [k]): `f` gets the operand `x`
    /// and the constant `k`, and each form passes them in its source order.
    @inline(__always)
    func f64WithConstant(_ pc: inout Code, _ fp: Slots, _ acc: inout UInt64, _ mode: UInt32,
                         _ f: (_ x: Double, _ k: Double) -> Double) -> UInt {
        result(f(Double(bitPattern: lhs(fp, pc[1], acc, mode)), Double(bitPattern: pc[2])).bitPattern, pc, fp, &acc, mode)
        pc += 3
        return 0
    }
    @_silgen_name("wisp_op_f64AddK") @inline(__always)
    mutating func op_f64AddK(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in x + k }
    }
    @_silgen_name("wisp_op_f64AddKL") @inline(__always)
    mutating func op_f64AddKL(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in k + x }
    }
    @_silgen_name("wisp_op_f64SubK") @inline(__always)
    mutating func op_f64SubK(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in x - k }
    }
    @_silgen_name("wisp_op_f64SubKL") @inline(__always)
    mutating func op_f64SubKL(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in k - x }
    }
    @_silgen_name("wisp_op_f64MulK") @inline(__always)
    mutating func op_f64MulK(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in x * k }
    }
    @_silgen_name("wisp_op_f64MulKL") @inline(__always)
    mutating func op_f64MulKL(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in k * x }
    }
    @_silgen_name("wisp_op_f64DivK") @inline(__always)
    mutating func op_f64DivK(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in x / k }
    }
    @_silgen_name("wisp_op_f64DivKL") @inline(__always)
    mutating func op_f64DivKL(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in k / x }
    }

    @_silgen_name("wisp_op_i32MulI") @inline(__always)
    mutating func op_i32MulI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(x &* y), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32AndI") @inline(__always)
    mutating func op_i32AndI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(x & y), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32OrI") @inline(__always)
    mutating func op_i32OrI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(x | y), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32XorI") @inline(__always)
    mutating func op_i32XorI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(x ^ y), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32ShlI") @inline(__always)
    mutating func op_i32ShlI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(x << (y & 31)), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32ShrSI") @inline(__always)
    mutating func op_i32ShrSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(UInt32(bitPattern: Int32(bitPattern: x) >> (y & 31))), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32ShrUI") @inline(__always)
    mutating func op_i32ShrUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(x >> (y & 31)), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32EqI") @inline(__always)
    mutating func op_i32EqI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x == y); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32NeI") @inline(__always)
    mutating func op_i32NeI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x != y); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32LtSI") @inline(__always)
    mutating func op_i32LtSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(Int32(bitPattern: x) < Int32(bitPattern: y)); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32LtUI") @inline(__always)
    mutating func op_i32LtUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x < y); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32GtSI") @inline(__always)
    mutating func op_i32GtSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(Int32(bitPattern: x) > Int32(bitPattern: y)); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32GtUI") @inline(__always)
    mutating func op_i32GtUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x > y); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32LeSI") @inline(__always)
    mutating func op_i32LeSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(Int32(bitPattern: x) <= Int32(bitPattern: y)); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32LeUI") @inline(__always)
    mutating func op_i32LeUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x <= y); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32GeSI") @inline(__always)
    mutating func op_i32GeSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(Int32(bitPattern: x) >= Int32(bitPattern: y)); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32GeUI") @inline(__always)
    mutating func op_i32GeUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x >= y); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64AddI") @inline(__always)
    mutating func op_i64AddI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs(fp, w, acc, mode), y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); result(x &+ y, pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64SubI") @inline(__always)
    mutating func op_i64SubI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = x &- y; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64AndI") @inline(__always)
    mutating func op_i64AndI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs(fp, w, acc, mode), y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); result(x & y, pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64ShlI") @inline(__always)
    mutating func op_i64ShlI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs(fp, w, acc, mode), y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); result(x << (y & 63), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64ShrSI") @inline(__always)
    mutating func op_i64ShrSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs(fp, w, acc, mode), y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); result(UInt64(bitPattern: Int64(bitPattern: x) >> (y & 63)), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64ShrUI") @inline(__always)
    mutating func op_i64ShrUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs(fp, w, acc, mode), y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); result(x >> (y & 63), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64EqI") @inline(__always)
    mutating func op_i64EqI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x == y); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64NeI") @inline(__always)
    mutating func op_i64NeI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x != y); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64LtSI") @inline(__always)
    mutating func op_i64LtSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(Int64(bitPattern: x) < Int64(bitPattern: y)); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64LtUI") @inline(__always)
    mutating func op_i64LtUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x < y); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64GtSI") @inline(__always)
    mutating func op_i64GtSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(Int64(bitPattern: x) > Int64(bitPattern: y)); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64GtUI") @inline(__always)
    mutating func op_i64GtUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x > y); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64LeUI") @inline(__always)
    mutating func op_i64LeUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x <= y); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64GeUI") @inline(__always)
    mutating func op_i64GeUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x >= y); pc += 2
        return 0
    }
    // MARK: Numeric
    @_silgen_name("wisp_op_i32Eqz") @inline(__always)
    mutating func op_i32Eqz(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = bool(slot32(fp, lo32(pc[1])) == 0); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32Eq") @inline(__always)
    mutating func op_i32Eq(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) == slot32(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32Ne") @inline(__always)
    mutating func op_i32Ne(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) != slot32(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32LtS") @inline(__always)
    mutating func op_i32LtS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int32(bitPattern: slot32(fp, lo32(w))) < Int32(bitPattern: slot32(fp, hi32(w)))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32LtU") @inline(__always)
    mutating func op_i32LtU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) < slot32(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32GtS") @inline(__always)
    mutating func op_i32GtS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int32(bitPattern: slot32(fp, lo32(w))) > Int32(bitPattern: slot32(fp, hi32(w)))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32GtU") @inline(__always)
    mutating func op_i32GtU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) > slot32(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32LeS") @inline(__always)
    mutating func op_i32LeS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int32(bitPattern: slot32(fp, lo32(w))) <= Int32(bitPattern: slot32(fp, hi32(w)))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32LeU") @inline(__always)
    mutating func op_i32LeU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) <= slot32(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32GeS") @inline(__always)
    mutating func op_i32GeS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int32(bitPattern: slot32(fp, lo32(w))) >= Int32(bitPattern: slot32(fp, hi32(w)))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32GeU") @inline(__always)
    mutating func op_i32GeU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) >= slot32(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64Eqz") @inline(__always)
    mutating func op_i64Eqz(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = bool(fp[lo32(pc[1])] == 0); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64Eq") @inline(__always)
    mutating func op_i64Eq(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(fp[lo32(w)] == fp[hi32(w)]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64Ne") @inline(__always)
    mutating func op_i64Ne(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(fp[lo32(w)] != fp[hi32(w)]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64LtS") @inline(__always)
    mutating func op_i64LtS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int64(bitPattern: fp[lo32(w)]) < Int64(bitPattern: fp[hi32(w)])); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64LtU") @inline(__always)
    mutating func op_i64LtU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(fp[lo32(w)] < fp[hi32(w)]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64GtS") @inline(__always)
    mutating func op_i64GtS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int64(bitPattern: fp[lo32(w)]) > Int64(bitPattern: fp[hi32(w)])); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64GtU") @inline(__always)
    mutating func op_i64GtU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(fp[lo32(w)] > fp[hi32(w)]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64LeS") @inline(__always)
    mutating func op_i64LeS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int64(bitPattern: fp[lo32(w)]) <= Int64(bitPattern: fp[hi32(w)])); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64LeU") @inline(__always)
    mutating func op_i64LeU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(fp[lo32(w)] <= fp[hi32(w)]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64GeS") @inline(__always)
    mutating func op_i64GeS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int64(bitPattern: fp[lo32(w)]) >= Int64(bitPattern: fp[hi32(w)])); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64GeU") @inline(__always)
    mutating func op_i64GeU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(fp[lo32(w)] >= fp[hi32(w)]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Eq") @inline(__always)
    mutating func op_f32Eq(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) == f32(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Ne") @inline(__always)
    mutating func op_f32Ne(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) != f32(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Lt") @inline(__always)
    mutating func op_f32Lt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) < f32(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Gt") @inline(__always)
    mutating func op_f32Gt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) > f32(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Le") @inline(__always)
    mutating func op_f32Le(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) <= f32(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Ge") @inline(__always)
    mutating func op_f32Ge(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) >= f32(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64Eq") @inline(__always)
    mutating func op_f64Eq(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) == f64(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64Ne") @inline(__always)
    mutating func op_f64Ne(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) != f64(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64Lt") @inline(__always)
    mutating func op_f64Lt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) < f64(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64Gt") @inline(__always)
    mutating func op_f64Gt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) > f64(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64Le") @inline(__always)
    mutating func op_f64Le(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) <= f64(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64Ge") @inline(__always)
    mutating func op_f64Ge(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) >= f64(fp, hi32(w))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32Clz") @inline(__always)
    mutating func op_i32Clz(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(slot32(fp, lo32(pc[1])).leadingZeroBitCount); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32Ctz") @inline(__always)
    mutating func op_i32Ctz(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(slot32(fp, lo32(pc[1])).trailingZeroBitCount); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32Popcnt") @inline(__always)
    mutating func op_i32Popcnt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(slot32(fp, lo32(pc[1])).nonzeroBitCount); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32Add") @inline(__always)
    mutating func op_i32Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: false) { x, y in u32(UInt32(truncatingIfNeeded: x) &+ UInt32(truncatingIfNeeded: y)) }
    }

    @_silgen_name("wisp_op_i32Sub") @inline(__always)
    mutating func op_i32Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: false) { x, y in u32(UInt32(truncatingIfNeeded: x) &- UInt32(truncatingIfNeeded: y)) }
    }

    @_silgen_name("wisp_op_i32Mul") @inline(__always)
    mutating func op_i32Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: false) { x, y in u32(UInt32(truncatingIfNeeded: x) &* UInt32(truncatingIfNeeded: y)) }
    }

    @_silgen_name("wisp_op_i32DivS") @inline(__always)
    mutating func op_i32DivS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let x = Int32(bitPattern: slot32(fp, lo32(w))), y = Int32(bitPattern: slot32(fp, hi32(w)))
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        if x == Int32.min && y == -1 { trap = .integerOverflow; return stop(pc, fp, fuel) }
        fp[a] = u32(UInt32(bitPattern: x / y)); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32DivU") @inline(__always)
    mutating func op_i32DivU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let y = slot32(fp, hi32(w))
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        fp[a] = u32(slot32(fp, lo32(w)) / y); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32RemS") @inline(__always)
    mutating func op_i32RemS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let x = Int32(bitPattern: slot32(fp, lo32(w))), y = Int32(bitPattern: slot32(fp, hi32(w)))
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        fp[a] = y == -1 ? 0 : u32(UInt32(bitPattern: x % y)); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32RemU") @inline(__always)
    mutating func op_i32RemU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let y = slot32(fp, hi32(w))
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        fp[a] = u32(slot32(fp, lo32(w)) % y); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32And") @inline(__always)
    mutating func op_i32And(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: false) { x, y in u32(UInt32(truncatingIfNeeded: x) & UInt32(truncatingIfNeeded: y)) }
    }

    @_silgen_name("wisp_op_i32Or") @inline(__always)
    mutating func op_i32Or(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: false) { x, y in u32(UInt32(truncatingIfNeeded: x) | UInt32(truncatingIfNeeded: y)) }
    }

    @_silgen_name("wisp_op_i32Xor") @inline(__always)
    mutating func op_i32Xor(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: false) { x, y in u32(UInt32(truncatingIfNeeded: x) ^ UInt32(truncatingIfNeeded: y)) }
    }

    @_silgen_name("wisp_op_i32Shl") @inline(__always)
    mutating func op_i32Shl(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(u32(lhs32(fp, w, acc, mode) << (rhs32(fp, w, acc, mode) & 31)), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32ShrS") @inline(__always)
    mutating func op_i32ShrS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(u32(UInt32(bitPattern: Int32(bitPattern: lhs32(fp, w, acc, mode)) >> (rhs32(fp, w, acc, mode) & 31))), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32ShrU") @inline(__always)
    mutating func op_i32ShrU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(u32(lhs32(fp, w, acc, mode) >> (rhs32(fp, w, acc, mode) & 31)), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32Rotl") @inline(__always)
    mutating func op_i32Rotl(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(u32(rotl32(lhs32(fp, w, acc, mode), rhs32(fp, w, acc, mode))), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32Rotr") @inline(__always)
    mutating func op_i32Rotr(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = u32(rotr32(slot32(fp, lo32(w)), slot32(fp, hi32(w)))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64Clz") @inline(__always)
    mutating func op_i64Clz(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(fp[lo32(pc[1])].leadingZeroBitCount); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64Ctz") @inline(__always)
    mutating func op_i64Ctz(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(fp[lo32(pc[1])].trailingZeroBitCount); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64Popcnt") @inline(__always)
    mutating func op_i64Popcnt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(fp[lo32(pc[1])].nonzeroBitCount); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64Add") @inline(__always)
    mutating func op_i64Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: true) { x, y in x &+ y }
    }

    @_silgen_name("wisp_op_i64Sub") @inline(__always)
    mutating func op_i64Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: true) { x, y in x &- y }
    }

    @_silgen_name("wisp_op_i64Mul") @inline(__always)
    mutating func op_i64Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(lhs(fp, w, acc, mode) &* rhs(fp, w, acc, mode), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64DivS") @inline(__always)
    mutating func op_i64DivS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let x = Int64(bitPattern: fp[lo32(w)]), y = Int64(bitPattern: fp[hi32(w)])
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        if x == Int64.min && y == -1 { trap = .integerOverflow; return stop(pc, fp, fuel) }
        fp[a] = UInt64(bitPattern: x / y); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64DivU") @inline(__always)
    mutating func op_i64DivU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let y = fp[hi32(w)]
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        fp[a] = fp[lo32(w)] / y; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64RemS") @inline(__always)
    mutating func op_i64RemS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let x = Int64(bitPattern: fp[lo32(w)]), y = Int64(bitPattern: fp[hi32(w)])
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        fp[a] = y == -1 ? 0 : UInt64(bitPattern: x % y); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64RemU") @inline(__always)
    mutating func op_i64RemU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let y = fp[hi32(w)]
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        fp[a] = fp[lo32(w)] % y; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64And") @inline(__always)
    mutating func op_i64And(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(lhs(fp, w, acc, mode) & rhs(fp, w, acc, mode), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64Or") @inline(__always)
    mutating func op_i64Or(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(lhs(fp, w, acc, mode) | rhs(fp, w, acc, mode), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64Xor") @inline(__always)
    mutating func op_i64Xor(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(lhs(fp, w, acc, mode) ^ rhs(fp, w, acc, mode), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64Shl") @inline(__always)
    mutating func op_i64Shl(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(lhs(fp, w, acc, mode) << (rhs(fp, w, acc, mode) & 63), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64ShrS") @inline(__always)
    mutating func op_i64ShrS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(UInt64(bitPattern: Int64(bitPattern: lhs(fp, w, acc, mode)) >> (rhs(fp, w, acc, mode) & 63)), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64ShrU") @inline(__always)
    mutating func op_i64ShrU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(lhs(fp, w, acc, mode) >> (rhs(fp, w, acc, mode) & 63), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64Rotl") @inline(__always)
    mutating func op_i64Rotl(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = rotl64(fp[lo32(w)], fp[hi32(w)]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64Rotr") @inline(__always)
    mutating func op_i64Rotr(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = rotr64(fp[lo32(w)], fp[hi32(w)]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Abs") @inline(__always)
    mutating func op_f32Abs(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])] & 0x7FFF_FFFF; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Neg") @inline(__always)
    mutating func op_f32Neg(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = (fp[lo32(pc[1])] ^ 0x8000_0000) & 0xFFFF_FFFF; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Ceil") @inline(__always)
    mutating func op_f32Ceil(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(f32Ceil(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Floor") @inline(__always)
    mutating func op_f32Floor(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(f32Floor(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Trunc") @inline(__always)
    mutating func op_f32Trunc(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(f32Trunc(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Nearest") @inline(__always)
    mutating func op_f32Nearest(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(f32Nearest(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Sqrt") @inline(__always)
    mutating func op_f32Sqrt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(f32Sqrt(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Add") @inline(__always)
    mutating func op_f32Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(bits(Float(bitPattern: lhs32(fp, w, acc, mode)) + Float(bitPattern: rhs32(fp, w, acc, mode))), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Sub") @inline(__always)
    mutating func op_f32Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(bits(Float(bitPattern: lhs32(fp, w, acc, mode)) - Float(bitPattern: rhs32(fp, w, acc, mode))), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Mul") @inline(__always)
    mutating func op_f32Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(bits(Float(bitPattern: lhs32(fp, w, acc, mode)) * Float(bitPattern: rhs32(fp, w, acc, mode))), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Div") @inline(__always)
    mutating func op_f32Div(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(bits(Float(bitPattern: lhs32(fp, w, acc, mode)) / Float(bitPattern: rhs32(fp, w, acc, mode))), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Min") @inline(__always)
    mutating func op_f32Min(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = u32(f32Min(slot32(fp, lo32(w)), slot32(fp, hi32(w)))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Max") @inline(__always)
    mutating func op_f32Max(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = u32(f32Max(slot32(fp, lo32(w)), slot32(fp, hi32(w)))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32Copysign") @inline(__always)
    mutating func op_f32Copysign(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = (fp[lo32(w)] & 0x7FFF_FFFF) | (fp[hi32(w)] & 0x8000_0000); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64Abs") @inline(__always)
    mutating func op_f64Abs(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])] & 0x7FFF_FFFF_FFFF_FFFF; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64Neg") @inline(__always)
    mutating func op_f64Neg(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])] ^ 0x8000_0000_0000_0000; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64Ceil") @inline(__always)
    mutating func op_f64Ceil(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = f64Ceil(fp[lo32(pc[1])]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64Floor") @inline(__always)
    mutating func op_f64Floor(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = f64Floor(fp[lo32(pc[1])]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64Trunc") @inline(__always)
    mutating func op_f64Trunc(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = f64Trunc(fp[lo32(pc[1])]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64Nearest") @inline(__always)
    mutating func op_f64Nearest(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = f64Nearest(fp[lo32(pc[1])]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64Sqrt") @inline(__always)
    mutating func op_f64Sqrt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = f64Sqrt(fp[lo32(pc[1])]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64AddSt") @inline(__always)
    mutating func op_f64AddSt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryThenStore(&pc, fp, md, ms, fuel, &acc, mode) { x, y in (Double(bitPattern: x) + Double(bitPattern: y)).bitPattern }
    }
    @_silgen_name("wisp_op_f64SubSt") @inline(__always)
    mutating func op_f64SubSt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryThenStore(&pc, fp, md, ms, fuel, &acc, mode) { x, y in (Double(bitPattern: x) - Double(bitPattern: y)).bitPattern }
    }
    @_silgen_name("wisp_op_f64MulSt") @inline(__always)
    mutating func op_f64MulSt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryThenStore(&pc, fp, md, ms, fuel, &acc, mode) { x, y in (Double(bitPattern: x) * Double(bitPattern: y)).bitPattern }
    }

    /// An f64 operator (in a D mode: its result in `acc`) and then the store64 of `acc` whose two
    /// words follow it, in one dispatch. A trap in the store stops at the store's words.
    @inline(__always)
    mutating func binaryThenStore(_ pc: inout Code, _ fp: Slots, _ md: UnsafeMutableRawPointer, _ ms: UInt64, _ fuel: UInt64,
                                  _ acc: inout UInt64, _ mode: UInt32, _ f: (_ x: UInt64, _ y: UInt64) -> UInt64) -> UInt {
        let r = binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: true, f)
        guard r == 0 else { return r }
        return store(8, &pc, fp, md, ms, fuel, acc, UInt32(AccumulatorMode.r), storeLE64)
    }

    @_silgen_name("wisp_op_f64Add") @inline(__always)
    mutating func op_f64Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: true) { x, y in (Double(bitPattern: x) + Double(bitPattern: y)).bitPattern }
    }

    @_silgen_name("wisp_op_f64Sub") @inline(__always)
    mutating func op_f64Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: true) { x, y in (Double(bitPattern: x) - Double(bitPattern: y)).bitPattern }
    }

    @_silgen_name("wisp_op_f64Mul") @inline(__always)
    mutating func op_f64Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: true) { x, y in (Double(bitPattern: x) * Double(bitPattern: y)).bitPattern }
    }

    @_silgen_name("wisp_op_f64Div") @inline(__always)
    mutating func op_f64Div(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: true) { x, y in (Double(bitPattern: x) / Double(bitPattern: y)).bitPattern }
    }

    @_silgen_name("wisp_op_f64Min") @inline(__always)
    mutating func op_f64Min(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = f64Min(fp[lo32(w)], fp[hi32(w)]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64Max") @inline(__always)
    mutating func op_f64Max(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = f64Max(fp[lo32(w)], fp[hi32(w)]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64Copysign") @inline(__always)
    mutating func op_f64Copysign(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = (fp[lo32(w)] & 0x7FFF_FFFF_FFFF_FFFF) | (fp[hi32(w)] & 0x8000_0000_0000_0000); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32WrapI64") @inline(__always)
    mutating func op_i32WrapI64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])] & 0xFFFF_FFFF; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32TruncF32S") @inline(__always)
    mutating func op_i32TruncF32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i32TruncF32S(slot32(fp, lo32(pc[1]))), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32TruncF32U") @inline(__always)
    mutating func op_i32TruncF32U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i32TruncF32U(slot32(fp, lo32(pc[1]))), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32TruncF64S") @inline(__always)
    mutating func op_i32TruncF64S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i32TruncF64S(fp[lo32(pc[1])]), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32TruncF64U") @inline(__always)
    mutating func op_i32TruncF64U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i32TruncF64U(fp[lo32(pc[1])]), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64TruncF32S") @inline(__always)
    mutating func op_i64TruncF32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i64TruncF32S(slot32(fp, lo32(pc[1]))), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64TruncF32U") @inline(__always)
    mutating func op_i64TruncF32U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i64TruncF32U(slot32(fp, lo32(pc[1]))), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64TruncF64S") @inline(__always)
    mutating func op_i64TruncF64S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i64TruncF64S(fp[lo32(pc[1])]), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64TruncF64U") @inline(__always)
    mutating func op_i64TruncF64U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i64TruncF64U(fp[lo32(pc[1])]), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64ExtendI32S") @inline(__always)
    mutating func op_i64ExtendI32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        result(UInt64(bitPattern: Int64(Int32(bitPattern: lhs32(fp, pc[1], acc, mode)))), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64ExtendI32U") @inline(__always)
    mutating func op_i64ExtendI32U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        result(UInt64(lhs32(fp, pc[1], acc, mode)), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32ConvertI32S") @inline(__always)
    mutating func op_f32ConvertI32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = bits(Float(Int32(bitPattern: slot32(fp, lo32(pc[1]))))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32ConvertI32U") @inline(__always)
    mutating func op_f32ConvertI32U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = bits(Float(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32ConvertI64S") @inline(__always)
    mutating func op_f32ConvertI64S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = bits(Float(Int64(bitPattern: fp[lo32(pc[1])]))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32ConvertI64U") @inline(__always)
    mutating func op_f32ConvertI64U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = bits(Float(fp[lo32(pc[1])])); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32DemoteF64") @inline(__always)
    mutating func op_f32DemoteF64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(f32DemoteF64(fp[lo32(pc[1])])); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64ConvertI32S") @inline(__always)
    mutating func op_f64ConvertI32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = Double(Int32(bitPattern: slot32(fp, lo32(pc[1])))).bitPattern; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64ConvertI32U") @inline(__always)
    mutating func op_f64ConvertI32U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = Double(slot32(fp, lo32(pc[1]))).bitPattern; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64ConvertI64S") @inline(__always)
    mutating func op_f64ConvertI64S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = Double(Int64(bitPattern: fp[lo32(pc[1])])).bitPattern; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64ConvertI64U") @inline(__always)
    mutating func op_f64ConvertI64U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = Double(fp[lo32(pc[1])]).bitPattern; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64PromoteF32") @inline(__always)
    mutating func op_f64PromoteF32(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = f64PromoteF32(slot32(fp, lo32(pc[1]))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32ReinterpretF32") @inline(__always)
    mutating func op_i32ReinterpretF32(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])] & 0xFFFF_FFFF; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f32ReinterpretI32") @inline(__always)
    mutating func op_f32ReinterpretI32(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])] & 0xFFFF_FFFF; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64ReinterpretF64") @inline(__always)
    mutating func op_i64ReinterpretF64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])]; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_f64ReinterpretI64") @inline(__always)
    mutating func op_f64ReinterpretI64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])]; pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32Extend8S") @inline(__always)
    mutating func op_i32Extend8S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: fp[lo32(pc[1])])))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32Extend16S") @inline(__always)
    mutating func op_i32Extend16S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: fp[lo32(pc[1])])))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64Extend8S") @inline(__always)
    mutating func op_i64Extend8S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: fp[lo32(pc[1])]))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64Extend16S") @inline(__always)
    mutating func op_i64Extend16S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: fp[lo32(pc[1])]))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64Extend32S") @inline(__always)
    mutating func op_i64Extend32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: fp[lo32(pc[1])]))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32TruncSatF32S") @inline(__always)
    mutating func op_i32TruncSatF32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(i32TruncSatF32S(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32TruncSatF32U") @inline(__always)
    mutating func op_i32TruncSatF32U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(i32TruncSatF32U(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32TruncSatF64S") @inline(__always)
    mutating func op_i32TruncSatF64S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(i32TruncSatF64S(fp[lo32(pc[1])])); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32TruncSatF64U") @inline(__always)
    mutating func op_i32TruncSatF64U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(i32TruncSatF64U(fp[lo32(pc[1])])); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64TruncSatF32S") @inline(__always)
    mutating func op_i64TruncSatF32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = i64TruncSatF32S(slot32(fp, lo32(pc[1]))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64TruncSatF32U") @inline(__always)
    mutating func op_i64TruncSatF32U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = i64TruncSatF32U(slot32(fp, lo32(pc[1]))); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64TruncSatF64S") @inline(__always)
    mutating func op_i64TruncSatF64S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = i64TruncSatF64S(fp[lo32(pc[1])]); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64TruncSatF64U") @inline(__always)
    mutating func op_i64TruncSatF64U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = i64TruncSatF64U(fp[lo32(pc[1])]); pc += 2
        return 0
    }

    // MARK: Constant stores and rotations
    @_silgen_name("wisp_op_store8I") @inline(__always)
    mutating func op_store8I(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
        guard ea &+ 1 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE8(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 2
        return 0
    }
    @_silgen_name("wisp_op_store16I") @inline(__always)
    mutating func op_store16I(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
        guard ea &+ 2 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE16(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 2
        return 0
    }
    @_silgen_name("wisp_op_store32I") @inline(__always)
    mutating func op_store32I(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
        guard ea &+ 4 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE32(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 2
        return 0
    }
    @_silgen_name("wisp_op_store64I") @inline(__always)
    mutating func op_store64I(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1))) &+ (w1 >> 32)
        guard ea &+ 8 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE64(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32RotlI") @inline(__always)
    mutating func op_i32RotlI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(u32(rotl32(lhs32(fp, w, acc, mode), UInt32(truncatingIfNeeded: w >> 32))), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i32RotrI") @inline(__always)
    mutating func op_i32RotrI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(u32(rotr32(lhs32(fp, w, acc, mode), UInt32(truncatingIfNeeded: w >> 32))), pc, fp, &acc, mode); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64RotlI") @inline(__always)
    mutating func op_i64RotlI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = rotl64(fp[lo32(w)], w >> 32); pc += 2
        return 0
    }
    @_silgen_name("wisp_op_i64RotrI") @inline(__always)
    mutating func op_i64RotrI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = rotr64(fp[lo32(w)], w >> 32); pc += 2
        return 0
    }
    // MARK: Loads from a constant-adjusted address
    @_silgen_name("wisp_op_load32A") @inline(__always)
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
    @_silgen_name("wisp_op_load64A") @inline(__always)
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
    @_silgen_name("wisp_op_load8UA") @inline(__always)
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
    @_silgen_name("wisp_op_load8S32A") @inline(__always)
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
    @_silgen_name("wisp_op_load16S32A") @inline(__always)
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
    @_silgen_name("wisp_op_load16UA") @inline(__always)
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
    // MARK: Loads from the sum of two values
    @_silgen_name("wisp_op_load32R") @inline(__always)
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
    @_silgen_name("wisp_op_load64R") @inline(__always)
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
    @_silgen_name("wisp_op_load8UR") @inline(__always)
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
    @_silgen_name("wisp_op_load8S32R") @inline(__always)
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
    @_silgen_name("wisp_op_load16S32R") @inline(__always)
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
    @_silgen_name("wisp_op_load16UR") @inline(__always)
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
    // MARK: Stores to a constant-adjusted address
    @_silgen_name("wisp_op_store8A") @inline(__always)
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
    @_silgen_name("wisp_op_store16A") @inline(__always)
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
    @_silgen_name("wisp_op_store32A") @inline(__always)
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
    @_silgen_name("wisp_op_store64A") @inline(__always)
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
    @_silgen_name("wisp_op_store8IA") @inline(__always)
    mutating func op_store8IA(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 1 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE8(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 3
        return 0
    }
    @_silgen_name("wisp_op_store16IA") @inline(__always)
    mutating func op_store16IA(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 2 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE16(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 3
        return 0
    }
    @_silgen_name("wisp_op_store32IA") @inline(__always)
    mutating func op_store32IA(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 4 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE32(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 3
        return 0
    }
    @_silgen_name("wisp_op_store64IA") @inline(__always)
    mutating func op_store64IA(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w0 = pc[0], w1 = pc[1]
        let ea = UInt64(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: pc[2])) &+ (w1 >> 32)
        guard ea &+ 8 <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
        storeLE64(hostAddress(md, ea), UInt64(bitPattern: Int64(hi32(w0))))
        pc += 3
        return 0
    }
}
