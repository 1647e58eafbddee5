// The bodies of the instructions of category `call` in ISA/instructions.isa: calls and returns: call, call_indirect, return, tail calls, the slow path to host functions and first translation.
// Each is an `@inline(__always)` method `op_NAME` of VMState taking the interpreter's registers
// inout; the generated Dispatch.swift exports it as `wisp_op_NAME` for its C handler, which
// inlines it (see HandlerSupport.swift). Word layouts are in the table.

import Synchronization
import WispDispatch

extension VMState {
    @inline(__always)
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

    // The four call instructions resolve their callee and share `enter`, which pushes a frame on
    // the VM stack (never on the native stack). Host callees and callees not yet translated take
    // the out-of-line `enterSlow`.
    @inline(__always)
    mutating func op_call(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let callee = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(pc[1])).unsafelyUnwrapped
        return enter(callee, next: pc + 2, charge: false, &pc, &fp, &md, &ms, &fuel)
    }

    @inline(__always)
    mutating func op_callF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let callee = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(pc[1])).unsafelyUnwrapped
        return enter(callee, next: pc + 2, charge: true, &pc, &fp, &md, &ms, &fuel)
    }

    @inline(__always)
    mutating func op_callIndirect(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let callee = indirectCallee(pc, fp) else { return stop(pc, fp, fuel) }
        return enter(callee, next: pc + 3, charge: false, &pc, &fp, &md, &ms, &fuel)
    }

    @inline(__always)
    mutating func op_callIndirectF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let callee = indirectCallee(pc, fp) else { return stop(pc, fp, fuel) }
        return enter(callee, next: pc + 3, charge: true, &pc, &fp, &md, &ms, &fuel)
    }

    // call_ref: [op|argBase] [ref slot]. (A build without typed function references never
    // emits these: their handlers stay, as every cut's do, with a body that only stops.)
    @inline(__always)
    mutating func op_callRef(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let callee = refCallee(pc, fp) else { return stop(pc, fp, fuel) }
        return enter(callee, next: pc + 2, charge: false, &pc, &fp, &md, &ms, &fuel)
    }

    @inline(__always)
    mutating func op_callRefF(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        guard let callee = refCallee(pc, fp) else { return stop(pc, fp, fuel) }
        return enter(callee, next: pc + 2, charge: true, &pc, &fp, &md, &ms, &fuel)
    }

    @inline(__always)
    mutating func op_returnCallRef(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
#if WISP_NO_TAIL_CALLS || WISP_NO_FUNCTION_REFERENCES
        trap = .unreachable  // not reached: the decoder rejects `return_call_ref`
        return stop(pc, fp, fuel)
#else
        guard let callee = refCallee(pc, fp) else { return stop(pc, fp, fuel) }
        return enter(callee, next: retStub, charge: metered, tail: true, &pc, &fp, &md, &ms, &fuel)
#endif
    }

    @inline(__always)
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

    @inline(__always)
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

    /// The function a call_ref at `pc` calls ([op|argBase] [ref slot]), or nil with `trap` set
    /// (validation proved the reference's type: only null is left to check).
    @inline(__always)
    mutating func refCallee(_ pc: Code, _ fp: Slots) -> UnsafeMutablePointer<FunctionRecord>? {
#if WISP_NO_FUNCTION_REFERENCES
        trap = .unreachable  // not reached: the decoder rejects `call_ref` and `return_call_ref`
        return nil
#else
        guard let c = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(fp[lo32(pc[1])])) else {
            trap = .nullFunctionReference; return nil
        }
        return c
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

    @inline(__always)
    mutating func op_zeroLocals(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        (fp + hi32(pc[0])).update(repeating: 0, count: Int(pc[1]))
        pc += 2
        return 0
    }

    @inline(__always)
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
}
