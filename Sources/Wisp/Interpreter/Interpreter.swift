// The interpreter: entry into translated code and what happens when a run leaves it. The
// instructions themselves are in Handlers/ (exported by the generated Dispatch.swift), dispatched by the C handlers of WispDispatch
// (threaded code: each handler jumps to the next). Hot state travels in registers (pc, frame
// pointer, memory base and size, fuel) and every record is reached by unsafe pointer, so no
// instruction does ARC, exclusivity or bounds-check work beyond the wasm-mandated memory check.
// Rare and heavy operations (host calls, growth, bulk memory, traps) leave an instruction's fast
// path through out-of-line functions.

import Synchronization

@inline(__always) func slot32(_ fp: UnsafeMutablePointer<UInt64>, _ i: Int) -> UInt32 { UInt32(truncatingIfNeeded: fp[i]) }
@inline(__always) func f32(_ fp: UnsafeMutablePointer<UInt64>, _ i: Int) -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: fp[i])) }
@inline(__always) func f64(_ fp: UnsafeMutablePointer<UInt64>, _ i: Int) -> Double { Double(bitPattern: fp[i]) }
@inline(__always) func hi32(_ w: UInt64) -> Int { Int(Int32(truncatingIfNeeded: w >> 32)) }
@inline(__always) func lo32(_ w: UInt64) -> Int { Int(Int32(truncatingIfNeeded: w)) }
@inline(__always) func u32(_ x: UInt32) -> UInt64 { UInt64(x) }
@inline(__always) func bits(_ x: Float) -> UInt64 { UInt64(x.bitPattern) }
@inline(__always) func bool(_ b: Bool) -> UInt64 { b ? 1 : 0 }

// The accumulator (WISP_MODE_* in the generated WispISA.h): an instruction of an accumulator family runs
// in a constant mode that says which operand comes from the `acc` register instead of its slot
// (L: the first, or a memory access's address; R: the second, or a store's value) and whether
// the result goes to `acc` instead of its slot (D). Mode 0 is the plain instruction.
/// The first operand of operand word `w` ([a | b << 32]).
@inline(__always) func lhs(_ fp: UnsafeMutablePointer<UInt64>, _ w: UInt64, _ acc: UInt64, _ mode: UInt32) -> UInt64 {
    mode & 1 != 0 ? acc : fp[lo32(w)]
}
/// The second operand of operand word `w`.
@inline(__always) func rhs(_ fp: UnsafeMutablePointer<UInt64>, _ w: UInt64, _ acc: UInt64, _ mode: UInt32) -> UInt64 {
    mode & 2 != 0 ? acc : fp[hi32(w)]
}
@inline(__always) func lhs32(_ fp: UnsafeMutablePointer<UInt64>, _ w: UInt64, _ acc: UInt64, _ mode: UInt32) -> UInt32 {
    UInt32(truncatingIfNeeded: lhs(fp, w, acc, mode))
}
@inline(__always) func rhs32(_ fp: UnsafeMutablePointer<UInt64>, _ w: UInt64, _ acc: UInt64, _ mode: UInt32) -> UInt32 {
    UInt32(truncatingIfNeeded: rhs(fp, w, acc, mode))
}
/// A load's effective address, [op|dst] [a | offset << 32]: a (its slot or `acc`) plus the
/// offset, or in the S modes a << k plus the offset, k in word 2 (an i32.shl folded in: the shift
/// wraps at 32 bits like i32.shl, the offset is added in 64 bits like a load's).
@inline(__always) func loadAddress(_ pc: UnsafeMutablePointer<UInt64>, _ fp: UnsafeMutablePointer<UInt64>, _ acc: UInt64, _ mode: UInt32) -> UInt64 {
    let w1 = pc[1]
    let a = lhs32(fp, w1, acc, mode)
    return UInt64(mode & 8 != 0 ? a << (UInt32(truncatingIfNeeded: pc[2]) & 31) : a) &+ (w1 >> 32)
}
/// A branch's first operand: the slot in word 0's high half, or `acc`.
@inline(__always) func first32(_ pc: UnsafeMutablePointer<UInt64>, _ fp: UnsafeMutablePointer<UInt64>, _ acc: UInt64, _ mode: UInt32) -> UInt32 {
    UInt32(truncatingIfNeeded: mode & 1 != 0 ? acc : fp[hi32(pc[0])])
}
/// A compare-and-branch's second operand: the slot in word 1's low half, or `acc`.
@inline(__always) func second32(_ pc: UnsafeMutablePointer<UInt64>, _ fp: UnsafeMutablePointer<UInt64>, _ acc: UInt64, _ mode: UInt32) -> UInt32 {
    UInt32(truncatingIfNeeded: mode & 2 != 0 ? acc : fp[lo32(pc[1])])
}
/// A store's value: the slot in word 0's high half, or `acc`.
@inline(__always) func stored(_ pc: UnsafeMutablePointer<UInt64>, _ fp: UnsafeMutablePointer<UInt64>, _ acc: UInt64, _ mode: UInt32) -> UInt64 {
    mode & 2 != 0 ? acc : fp[hi32(pc[0])]
}
/// Writes an instruction's result to `acc`, and unless in mode D to the slot in word 0's high
/// half as well: the next instruction may read a local just written (`local.tee`) from `acc`.
@inline(__always) func result(_ v: UInt64, _ pc: UnsafeMutablePointer<UInt64>, _ fp: UnsafeMutablePointer<UInt64>,
                              _ acc: inout UInt64, _ mode: UInt32) {
    acc = v
    if mode & 4 == 0 { fp[hi32(pc[0])] = v }
}

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
#if !WISP_NO_FUSION
    /// The accumulator as a suspended metered branch left it (it reads it again when resumed).
    var acc: UInt64 = 0
#endif
}

extension Executor {
    /// Starts `function` (whose arguments are at `fp`) and runs it until it returns, traps or suspends.
    func run(_ function: UnsafeMutablePointer<FunctionRecord>, fp entryFP: UnsafeMutablePointer<UInt64>) -> ExecutionEnd {
        if function.pointee.code == nil && !compile(function) {
            return .trapped(Trap(.host, message: compileError ?? "function failed to translate"))
        }
        let entryDepth = depth
        guard depth < maxDepth, stackEnd - entryFP >= function.pointee.frameSlots else { return .trapped(Trap(.callStackExhausted)) }
        frames[depth] = CallFrame(fp: entryFP, returnPC: nil, function: nil, callee: function)
        depth += 1
        (entryFP + function.pointee.paramSlots).update(repeating: 0, count: function.pointee.localSlots)
        let pub = store.control.publication
        if pub.owner != ObjectIdentifier(self) {
            // Another executor (a call that was suspended meanwhile) filled the slots: ours go back.
            republish(pub, count: entryDepth, topPC: nil)
            pub.owner = ObjectIdentifier(self)
        }
        pub.slots.push(entryDepth, function: function, pc: function.pointee.code, callerPC: nil)
        return execute(SavedState(pc: function.pointee.code!, fp: entryFP, function: function, entryDepth: entryDepth, entryPending: true, base: entryFP))
    }

    /// Runs the translated code from `state` on until the entry frame returns, a trap, or a
    /// suspension.
    func execute(_ state: SavedState) -> ExecutionEnd {
        let entryDepth = state.entryDepth
        var fuel = store.fuel
        if vm.pointee.metered && state.entryPending {
            let cost = state.function.pointee.entryFuel
            if cost > fuel {
                saved = state
                return .suspended(.outOfFuel)
            }
            fuel -= cost
        }
        let mem = state.function.pointee.memory0
        vm.pointee.fn = state.function
        vm.pointee.mem = mem
        vm.pointee.trap = .unreachable
        vm.pointee.trapMessage = nil
        vm.pointee.hostTrap = nil
        vm.pointee.suspendReason = nil
#if !WISP_NO_FUSION
        vm.pointee.exitAcc = 0
#endif
        VMState.run(vm, pc: state.pc, fp: state.fp, md: mem?.pointee.base ?? UnsafeMutableRawPointer(stackBase),
                    ms: UInt64(mem?.pointee.byteCount ?? 0), fuel: fuel, acc: savedAcc(state))
        let pc = vm.pointee.exitPC, fp = vm.pointee.exitFP, fn = vm.pointee.fn
        fuel = vm.pointee.exitFuel
        var trap = vm.pointee.trap

        store.fuel = fuel
        let pub = store.control.publication
        // Nothing of this run is running any more: readers see the frames below it (if any).
        pub.slots.popTo(entryDepth, pc: nil)
        // A normal return has popped back to entryDepth; a trap leaves the frames above it.
        if depth == entryDepth { return .returned }
        if let reason = vm.pointee.suspendReason {
            if reason == .interrupted, vm.pointee.interrupt.pointee.exchange(0, ordering: .relaxed) == InterruptHandle.trapRequest {
                trap = .interrupted
            } else {
#if WISP_NO_FUSION
                // Without the accumulator variants no branch reads `acc`: nothing to keep.
                saved = SavedState(pc: pc, fp: fp, function: fn, entryDepth: entryDepth, entryPending: false, base: state.base)
#else
                saved = SavedState(pc: pc, fp: fp, function: fn, entryDepth: entryDepth, entryPending: false, base: state.base,
                                   acc: vm.pointee.exitAcc)
#endif
                return .suspended(reason)
            }
        }
        let bt = backtrace(innermost: fn, pc: pc, entryDepth: entryDepth)
        depth = entryDepth
        if trap == .uncaughtException, let e = vm.pointee.pendingException {
            vm.pointee.pendingException = nil
            store.exceptions.expose(e)
            var t = Trap(.uncaughtException, message: "uncaught exception", backtrace: bt)
            t.exception = ExceptionReference(bits: UInt64(UInt(bitPattern: e)))
            return .trapped(t)
        }
        if var t = vm.pointee.hostTrap {
            vm.pointee.hostTrap = nil
            t.backtrace += bt
            return .trapped(t)
        }
        return .trapped(Trap(trap, message: vm.pointee.trapMessage, backtrace: bt))
    }
}

/// The accumulator a resumed run starts with (always 0 without the accumulator variants).
@inline(__always) func savedAcc(_ state: SavedState) -> UInt64 {
#if WISP_NO_FUSION
    0
#else
    state.acc
#endif
}

/// The interpreter's state apart from the registers that the handlers pass each other (pc,
/// frame, memory base and size, fuel): one per executor, reached by pointer so that handlers
/// read and write it without ARC or exclusivity checks. Handlers are its methods (Handlers/).
struct VMState {
    unowned(unsafe) let executor: Executor
    let frames: UnsafeMutablePointer<CallFrame>
    let maxDepth: Int
    let stackBase: UnsafeMutablePointer<UInt64>
    let stackEnd: UnsafeMutablePointer<UInt64>
    let metered: Bool
    let interrupt: UnsafeMutablePointer<Atomic<Int>>
    let pub: PublicationSlots
    /// Frames on the frame stack (all runs on this executor).
    var depth = 0 { didSet { topPC = pub.slot(depth &- 1) + 1 } }
    /// The publication slot of the top frame's pc (frame depth - 1), kept in step with `depth`, so
    /// that a loop back-edge publishes where it is with one store (StackPublication.swift).
    var topPC: UnsafeMutablePointer<Atomic<UInt>>
    /// The running function and its memory 0.
    var fn: UnsafeMutablePointer<FunctionRecord>
    var mem: UnsafeMutablePointer<MemoryRecord>? = nil
    // Why and where the last run left (set by `stop`).
    var trap: TrapKind = .unreachable
    var trapMessage: String? = nil
    /// A trap thrown by a host function travels on whole (it may carry an exit code).
    var hostTrap: Trap? = nil
    var suspendReason: SuspendReason? = nil
    var exitPC: UnsafeMutablePointer<UInt64>
    var exitFP: UnsafeMutablePointer<UInt64>
    var exitFuel: UInt64 = 0
    /// `acc` when a metered branch suspended (`suspend`); 0 after any other stop.
    var exitAcc: UInt64 = 0
    // The registers as `enterSlow` left them.
    var slowPC: UnsafeMutablePointer<UInt64>
    var slowFP: UnsafeMutablePointer<UInt64>
    var slowMD: UnsafeMutableRawPointer
    var slowMS: UInt64 = 0
    var slowFuel: UInt64 = 0
    /// One instruction word naming the `callSlow` handler: a call whose callee needs `enterSlow`
    /// sets pc here, with the call's particulars in the `pending` fields.
    let slowStub: UnsafeMutablePointer<UInt64>
    /// One instruction word naming `ret`: the return address of a tail call that had to be an
    /// ordinary call (to a host function, or to one not translated yet), so that its frame
    /// returns as soon as the callee does.
    let retStub: UnsafeMutablePointer<UInt64>
    var pendingCallee: UnsafeMutablePointer<FunctionRecord>? = nil
    var pendingPC: UnsafeMutablePointer<UInt64>
    var pendingNext: UnsafeMutablePointer<UInt64>
    var pendingCharge = false
    /// An exception on its way: one a host function rethrew (for callSlow to raise in its
    /// caller), or one that left the run (for Executor.execute to hand to the host).
    var pendingException: UnsafeMutablePointer<ExceptionRecord>? = nil

    init(executor: Executor, frames: UnsafeMutablePointer<CallFrame>, maxDepth: Int,
         stackBase: UnsafeMutablePointer<UInt64>, stackEnd: UnsafeMutablePointer<UInt64>, store: Store) {
        self.executor = executor
        self.frames = frames
        self.maxDepth = maxDepth
        self.stackBase = stackBase
        self.stackEnd = stackEnd
        metered = store.engine.configuration.fuelMetering
        interrupt = store.control.interrupt.state
        pub = store.control.publication.slots
        topPC = pub.slot(-1) + 1
        // Placeholders until the first run sets them; never dereferenced before.
        fn = UnsafeMutableRawPointer(stackBase).assumingMemoryBound(to: FunctionRecord.self)
        exitPC = stackBase
        exitFP = stackBase
        pendingPC = stackBase
        pendingNext = stackBase
        slowStub = .allocate(capacity: 1)
        slowStub.initialize(to: VMState.handlerWord(Op.callSlow.rawValue))
        retStub = .allocate(capacity: 1)
        retStub.initialize(to: VMState.handlerWord(Op.ret.rawValue))
        slowPC = stackBase
        slowFP = stackBase
        slowMD = UnsafeMutableRawPointer(stackBase)
    }

    /// Leaves the interpreter at `pc`: records where, for Executor.execute.
    @inline(__always)
    mutating func stop(_ pc: UnsafeMutablePointer<UInt64>, _ fp: UnsafeMutablePointer<UInt64>, _ fuel: UInt64) -> UInt {
        exitPC = pc
        exitFP = fp
        exitFuel = fuel
        return 1
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
