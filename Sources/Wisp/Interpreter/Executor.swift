// The VM stack and the entry from the host into WebAssembly.
//
// Every WebAssembly frame lives here, never on the native stack: a value stack of 8-byte slots
// (each frame's parameters, locals and operand temporaries) and a frame stack of fixed-size
// records (return address, caller's frame, function). A wasm-to-wasm call pushes one record and
// moves the frame pointer; only host -> wasm entries and wasm -> host calls use native stack.

struct CallFrame {
    /// The caller's frame pointer.
    var fp: UnsafeMutablePointer<UInt64>
    /// Where the caller continues (nil for the entry frame of an `invoke`).
    var returnPC: UnsafeMutablePointer<UInt64>?
    /// The caller's function.
    var function: UnsafeMutablePointer<FunctionRecord>?
    /// The function running in this frame (the callee).
    var callee: UnsafeMutablePointer<FunctionRecord>
}

final class Executor {
    unowned(unsafe) let store: Store
    let stackBase: UnsafeMutablePointer<UInt64>
    let stackEnd: UnsafeMutablePointer<UInt64>
    /// The first free slot: a new entry from the host starts here.
    var stackTop: UnsafeMutablePointer<UInt64>
    let frames: UnsafeMutablePointer<CallFrame>
    let maxDepth: Int
    /// The interpreter's state (frame depth, running function, why a run left); see VMState.
    let vm: UnsafeMutablePointer<VMState>
    /// Frames on the frame stack.
    var depth: Int {
        get { vm.pointee.depth }
        set { vm.pointee.depth = newValue }
    }
    /// Where a suspended run continues (valid after `execute` returned `.suspended`).
    var saved: SavedState?
    /// Caches the current thread's stack bound for the native stack checks.
    var nativeStack = NativeStackGuard()
    /// Why the last `compile` failed, when it says more than "function failed to translate".
    var compileError: String? = nil
    /// Runs of the interpreter in progress on this executor (more than one when a host function
    /// called back into WebAssembly). Only the outermost run may suspend.
    var active = 0

    /// The store's allocator, which the VM stack came from.
    let allocator: Allocator

    /// Allocates the VM stack from the store's allocator; nil when it cannot (callers trap).
    /// The value stack is not zeroed: a frame's locals are zeroed on entry and its temporaries
    /// are written before they are read, so untouched pages of a large stack stay untouched.
    init?(store: Store, slots: Int, maxDepth: Int) {
        self.store = store
        allocator = store.allocator
        let n = max(slots, 1024)
        let depth = max(maxDepth, 16)
        guard let stack = allocator.allocate(byteCount: n * 8, alignment: 16, tag: .vmStack)?.bindMemory(to: UInt64.self, capacity: n) else { return nil }
        guard let f = allocator.allocateVMFrames(CallFrame.self, count: depth + 1) else {
            allocator.deallocateVMStack(stack, slots: n)
            return nil
        }
        stackBase = stack
        stackEnd = stack + n
        stackTop = stack
        self.maxDepth = depth
        frames = f
        vm = .allocate(capacity: 1)
        vm.initialize(to: VMState(executor: self, frames: f, maxDepth: depth, stackBase: stack, stackEnd: stack + n, store: store))
    }

    deinit {
        vm.pointee.slowStub.deallocate()
        vm.pointee.retStub.deallocate()
        vm.deinitialize(count: 1)
        vm.deallocate()
        allocator.deallocateVMStack(stackBase, slots: stackEnd - stackBase)
        allocator.deallocateVMFrames(frames, count: maxDepth + 1)
    }

    /// Calls `function` from the host and runs it to completion: a suspension ends the call with
    /// a trap of the matching kind, and the suspended frames are dropped.
    func invoke(_ function: FunctionEntity, _ arguments: [Value]) throws(Trap) -> [Value] {
        let base = stackTop
        switch try start(function, arguments) {
        case .returned:
            return results(function, base: base)
        case .suspended(let reason):
            throw dropSuspended(reason)
        case .trapped(let t):
            throw t
        }
    }

    /// Ends a suspended call made to run to completion: drops its frames and returns the trap
    /// that reports it.
    @inline(__always)
    func dropSuspended(_ reason: SuspendReason) -> Trap {
        let bt = suspendedBacktrace()
        abandon()
        return Trap(reason == .outOfFuel ? .outOfFuel : reason == .yield ? .yield : .interrupted, backtrace: bt)
    }

    /// The frames of the suspended run, innermost first.
    func suspendedBacktrace() -> [BacktraceFrame] {
        guard let s = saved else { return [] }
        return backtrace(innermost: s.function, pc: s.pc, entryDepth: s.entryDepth)
    }

    /// Writes this executor's first `count` frames into the publication (another executor's
    /// frames filled it meanwhile); the top one at `topPC`, the others at their call sites.
    func republish(_ pub: StackPublication, count: Int, topPC: UnsafeMutablePointer<UInt64>?) {
        let slots = pub.slots
        let s = slots.beginRewrite()
        for i in 0..<count {
            let pc = i == count - 1 ? topPC : frames[i + 1].returnPC.map { $0 - 1 }
            slots.set(i, function: frames[i].callee, pc: pc)
        }
        slots.endRewrite(s, count: count)
    }

    /// Drops the frames of a suspended run.
    func abandon() {
        if let s = saved {
            depth = s.entryDepth
            stackTop = s.base
            saved = nil
        }
    }

    /// Continues a suspended run.
    func resume() -> ExecutionEnd {
        guard let s = saved else { return .returned }
        saved = nil
        // Show the resumed frames again: they were hidden while suspended. If another executor
        // published meanwhile, write them all; otherwise the slots still hold them.
        let pub = store.control.publication
        if pub.owner == ObjectIdentifier(self) {
            pub.slots.popTo(depth, pc: s.pc)
        } else {
            republish(pub, count: depth, topPC: s.pc)
            pub.owner = ObjectIdentifier(self)
        }
        active += 1
        defer { active -= 1 }
        let end = execute(s)
        if case .returned = end { stackTop = s.base }
        if case .trapped = end { stackTop = s.base }
        return end
    }

    /// Reads a finished call's results from the VM stack.
    func results(_ function: FunctionEntity, base: UnsafeMutablePointer<UInt64>) -> [Value] {
        var results: [Value] = []
        var p = base
        for t in function.type.results {
            results.append(loadValue(p, type: t))
            p += t == .v128 ? 2 : 1
        }
        return results
    }

    /// Places the arguments on the VM stack and runs `function` until it returns, traps or suspends.
    /// On suspension the frames stay and `stackTop` stays above them.
    func start(_ function: FunctionEntity, _ arguments: [Value]) throws(Trap) -> ExecutionEnd {
        let type = function.type
        guard arguments.count == type.parameters.count else {
            throw Trap(.misuse, message: "expected " + String(type.parameters.count) + " arguments, got " + String(arguments.count))
        }
        for (a, t) in zip(arguments, type.parameters) where !a.matches(t) {
            throw Trap(.misuse, message: "argument type mismatch: expected " + t.name + ", got " + a.type.name)
        }
#if !hasFeature(Embedded)
        for a in arguments where !store.ownsReference(a) {
            throw Trap(.misuse, message: "a reference argument belongs to another store")
        }
#endif
        return try start(function) { base in
            var p = base
            for a in arguments {
                storeValue(a, to: p)
                p += a.type == .v128 ? 2 : 1
            }
        }
    }

    /// `start` for arguments already checked against the function's type, which `place` writes
    /// at the given base of the callee's frame (`TypedFunction` writes them from its parameter
    /// pack, with no `[Value]`).
    @inline(__always)  // (the placing closure then folds in: no closure context, and firmware stays within its budget)
    func start(_ function: FunctionEntity, place: (UnsafeMutablePointer<UInt64>) -> Void) throws(Trap) -> ExecutionEnd {
        let config = store.engine.configuration
        guard nativeStack.hasRoom(config.nativeStackHeadroom, provider: config.nativeStackLowerBound) else {
            throw Trap(.nativeStackExhausted)
        }
        let rec = function.record
        let base = stackTop
        guard stackEnd - base >= rec.pointee.frameSlots + 2 else { throw Trap(.callStackExhausted) }
        place(base)
        if rec.pointee.isHost {
            try callHost(rec, fp: base, caller: nil)
            return .returned
        }
        active += 1
        defer { active -= 1 }
        let end = run(rec, fp: base)
        switch end {
        case .suspended:
            // Keep the suspended frames: a nested call made meanwhile starts above them.
            stackTop = min(stackEnd, saved!.base + 1 + maxFrameExtent())
        default:
            stackTop = base
        }
        return end
    }

    /// Slots from the suspended run's base to the end of its highest frame (for placing new calls).
    func maxFrameExtent() -> Int {
        guard let s = saved else { return 0 }
        var top = s.fp + s.function.pointee.frameSlots
        var d = depth - 1
        while d > s.entryDepth {
            let f = frames[d]
            if let caller = f.function { top = max(top, f.fp + caller.pointee.frameSlots) }
            d -= 1
        }
        return top - s.base
    }

    /// Runs a host function whose arguments are at `fp`, leaving its results there.
    func callHost(_ rec: UnsafeMutablePointer<FunctionRecord>, fp: UnsafeMutablePointer<UInt64>, caller: InstanceEntity?) throws(Trap) {
        let config = store.engine.configuration
        guard nativeStack.hasRoom(config.nativeStackHeadroom, provider: config.nativeStackLowerBound) else {
            throw Trap(.nativeStackExhausted)
        }
        let entity = rec.pointee.entity.takeUnretainedValue()
#if !hasFeature(Embedded)
        if let raw = entity.host!.raw {
            // A typed host function: its frame is its argument and result list.
            let savedTop = stackTop
            stackTop = fp + rec.pointee.frameSlots
            defer { stackTop = savedTop }
            return try raw(Caller(instance: caller.map { Instance($0) }, store: store), fp)
        }
#endif
        let type = entity.type
        var args: [Value] = []
        args.reserveCapacity(type.parameters.count)
        var p = fp
        for t in type.parameters {
            args.append(loadValue(p, type: t))
            p += t == .v128 ? 2 : 1
        }
        // A nested call from the host function starts above this frame.
        let savedTop = stackTop
        stackTop = fp + rec.pointee.frameSlots
        defer { stackTop = savedTop }
        let results = try entity.host!.body(Caller(instance: caller.map { Instance($0) }, store: store), args)
        guard results.count == type.results.count else {
            throw Trap(.misuse, message: "host function returned " + String(results.count) + " results, expected " + String(type.results.count))
        }
        p = fp
        for (v, t) in zip(results, type.results) {
            guard v.matches(t) else { throw Trap(.misuse, message: "host function returned a " + v.type.name + " where " + t.name + " was expected") }
#if !hasFeature(Embedded)
            guard store.ownsReference(v) else { throw Trap(.misuse, message: "host function returned a reference of another store") }
#endif
            storeValue(v, to: p)
            p += t == .v128 ? 2 : 1
        }
    }

    /// Translates a function on its first call.
    func compile(_ rec: UnsafeMutablePointer<FunctionRecord>) -> Bool {
        let entity = rec.pointee.entity.takeUnretainedValue()
        guard let instance = entity.instance else { return false }
        if instance.module.validatesLazily && !validateLazily(entity) { return false }
        var t = Translator(module: instance.module.parsed, instance: instance, function: entity)
        guard let out = try? t.translate() else { return false }
        return install(rec, entity, pcMap: t.pcMap, catchTable: t.catchTable, out)
    }

    /// Copies translated code, its pc map and catch table into one allocation and points the
    /// record at it. Out of line: compile's frame is on the deepest native-stack path (debug).
    @inline(never)
    func install(_ rec: UnsafeMutablePointer<FunctionRecord>, _ entity: FunctionEntity, pcMap: [(code: Int32, wasm: Int32)],
                 catchTable: [UInt64], _ out: (code: [UInt64], frameSlots: Int, localSlots: Int, entryFuel: Int)) -> Bool {
        let n = out.code.count, m = pcMap.count, c = catchTable.count
        // The record keeps these counts in 32 bits.
        guard n + m + c < Int(Int32.max), out.frameSlots < Int(Int32.max) else { return false }
        guard let code = entity.allocateCode(count: n + m + c) else { return false }
        code.initialize(from: out.code, count: n)
        for (i, e) in pcMap.enumerated() {
            (code + n + i).initialize(to: UInt64(UInt32(bitPattern: e.code)) << 32 | UInt64(UInt32(bitPattern: e.wasm)))
        }
        (code + n + m).initialize(from: catchTable, count: c)
        rec.pointee.codeCount = n
        rec.pointee.pcMapCount = m
        rec.pointee.catchCount = c / 3
        rec.pointee.code = code
        rec.pointee.frameSlots = out.frameSlots
        rec.pointee.localSlots = out.localSlots
        rec.pointee.entryFuel = UInt64(out.entryFuel)
        return true
    }

    /// Lazy validation: checks a body before its first translation; false (with `compileError`)
    /// if it is invalid. Out of line so that `compile`'s frame stays small in debug builds.
    @inline(never)
    func validateLazily(_ entity: FunctionEntity) -> Bool {
        let module = entity.instance!.module
        let m = module.parsed
        var validator = FunctionValidator(context: module.lazyValidation!.context)
        do {
            try validator.validateBody(m.codes[entity.definedIndex], typeIndex: m.functions[entity.definedIndex], bytes: m.bytes)
            return true
        } catch {
            // The error's byte offset says where in the module (one string: firmware code size).
            compileError = error.description
            return false
        }
    }

    /// The wasm frames from the innermost outwards, for a trap's backtrace.
    func backtrace(innermost: UnsafeMutablePointer<FunctionRecord>, pc: UnsafeMutablePointer<UInt64>, entryDepth: Int) -> [BacktraceFrame] {
        var out: [BacktraceFrame] = [frameInfo(innermost, pc: pc)]
        var d = depth - 1
        while d > entryDepth {
            let f = frames[d]
            if let caller = f.function, let rpc = f.returnPC {
                out.append(frameInfo(caller, pc: rpc - 1))
            }
            d -= 1
        }
        return out
    }

    func frameInfo(_ rec: UnsafeMutablePointer<FunctionRecord>, pc: UnsafeMutablePointer<UInt64>?) -> BacktraceFrame {
        let entity = rec.pointee.entity.takeUnretainedValue()
        let module = entity.instance?.module
        let name = module?.names.functionNames[rec.pointee.functionIndex]
        let offset = pc.flatMap { codeOffset(rec, pc: $0) }
        var frame = BacktraceFrame(functionIndex: rec.pointee.functionIndex, name: name, codeOffset: offset)
#if !hasFeature(Embedded)  // (the firmware engine has no bytes to spare for offsets no one there reads)
        if let offset, let parsed = module?.parsed, entity.definedIndex >= 0, entity.definedIndex < parsed.codes.count {
            frame.moduleOffset = parsed.codeSectionOffset + offset
            frame.functionOffset = parsed.codeSectionOffset + offset - parsed.codes[entity.definedIndex].localsStart
        }
#endif
        return frame
    }
}

/// The wasm code-section offset of the instruction at `pc` in `rec`'s translated code, or nil if
/// `pc` is not inside it. Reads only the record and its code buffer: allocation-free and
/// lock-free, so the stack sampler can use it from a signal handler.
func codeOffset(_ rec: UnsafePointer<FunctionRecord>, pc: UnsafePointer<UInt64>) -> Int? {
    guard let code = rec.pointee.code else { return nil }
    let index = pc - UnsafePointer(code)
    guard index >= 0, index < rec.pointee.codeCount else { return nil }
    let map = code + rec.pointee.codeCount
    // The last map entry at or before the instruction.
    var lo = 0, hi = rec.pointee.pcMapCount - 1
    var offset: Int? = nil
    while lo <= hi {
        let mid = (lo + hi) / 2
        let e = map[mid]
        if Int(e >> 32) <= index { offset = Int(UInt32(truncatingIfNeeded: e)); lo = mid + 1 } else { hi = mid - 1 }
    }
    return offset
}
