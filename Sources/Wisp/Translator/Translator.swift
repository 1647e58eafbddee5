// Translates one validated function body into the register IR (see Interpreter/Op.swift).
//
// The wasm operand stack is static, so every operand has a *natural slot* fixed by its depth:
// frame = [params][locals][operand temporaries]. Instructions name slots directly, which removes
// the pushes and pops of a stack machine. `local.get` emits nothing: the operand simply refers to
// the local's slot until something could change that local (see `set(local:)`), or until control
// flow needs the value in its natural slot (block entry, branches, calls). Calls place their
// arguments in consecutive natural slots, which become the callee's parameters in place: a call
// copies nothing and never touches the native stack.

struct Operand {
    var type: ValueType
    /// Where the value belongs by stack depth.
    var slot: Int
    /// Where the value is now: its natural slot, or the slot of a local it was read from.
    var src: Int
    /// A scalar constant not yet written anywhere: consumers fold it into an immediate, or
    /// write it straight to where it is needed (see `resolve`).
    var constant: UInt64? = nil
}

struct ControlFrame {
    enum Kind { case function, block, loop, `if`, `else` }
    var kind: Kind
    var params: [ValueType]
    var results: [ValueType]
    /// Operand count below the frame's parameters.
    var height: Int
    /// Natural slot of the first parameter (and of the first result).
    var slotBase: Int
    /// Code index a branch to a loop jumps to.
    var loopStart: Int
    /// Offset words of branches that jump to this frame's end.
    var fixups: [Int]
    /// The `if`'s conditional jump to its `else` (or end).
    var elseFixup: Int
    var unreachable: Bool
    /// Fuel sites of branches to this frame's end label.
    var fuelSites: [Int] = []
    /// Fuel site of the `if`'s jump to its else (or end) when the condition is false.
    var elseFuelSites: [Int] = []
    /// The fuel region of a loop's header.
    var loopRegion = -1

    var labelTypes: [ValueType] { kind == .loop ? params : results }
}

struct Translator {
    let module: ParsedModule
    let instance: InstanceEntity
    let function: FunctionEntity

    var code: [UInt64] = []
    /// Where each instruction starts in `code`, for `link`.
    var starts: [Int32] = []
    var pcMap: [(code: Int32, wasm: Int32)] = []
    var wasmOffset: Int32 = 0

    var localTypes: [ValueType] = []
    var localSlotOf: [Int] = []
    /// Per local: whether it still holds the zero it starts with on every path to the current
    /// position. Only declared numeric locals start so (parameters hold arguments); a `local.set`
    /// clears its entry, and the first `loop` clears all, since a back edge can bring writes made
    /// further on. Without loops, code is translated in an order no path runs against, so a write
    /// on any path to here was seen already. Setting a known-zero local to zero emits nothing:
    /// compilers write `x = 0` at the top of functions whose locals the runtime zeroes anyway.
    var knownZero: [Bool] = []
    var localsEnd = 0
    var paramSlots = 0

    var stack: [Operand] = []
    var top = 0
    var maxSlot = 0
    var control: [ControlFrame] = []
    /// The last instruction, if it wrote a scalar to a temporary: (the word whose high half holds
    /// its destination, which is its first word except for the second add of an i32AddI2; the slot).
    var lastDst: (pos: Int, slot: Int)? = nil
    /// `lastDst` as it was before the last instruction was emitted: when a fused branch replaces a
    /// comparison, the instruction before it is the last again.
    var prevDst: (pos: Int, slot: Int)? = nil
    /// The last instruction, if it is an accumulator-family instruction with a result (which it
    /// leaves in the accumulator as well as in its slot): where it starts, and the slot it wrote,
    /// a temporary or, after a `local.set`/`local.tee` retargeted it, a local.
    var lastWrite: (pos: Int, slot: Int)? = nil
    var prevWrite: (pos: Int, slot: Int)? = nil
    /// Where the last instruction emitted starts, if it is a `copy` that a second copy may join
    /// (as `copy2`): no label may fall between them, so control instructions clear it.
    var lastCopy: Int? = nil
    /// The same for an `i32AddI` that a second one may join (as `i32AddI2`).
    var lastAddI: Int? = nil
    /// An `i32AddI` followed by a second one, to be joined once the next instruction is emitted:
    /// not before, since that instruction may take the second add into itself (a load that
    /// adds, which is worth more: the join would make the load wait for a slot just written).
    var pairAddI: Int? = nil
    /// Where the last label may have been bound (after the last control instruction): an
    /// instruction from here on runs only after the ones before it, so a fused branch may fold
    /// it in.
    var barrier = 0
    /// Whether to emit the fuel-charging variants of calls and branches.
    let metered: Bool
    var fuel = FuelRegions()
    /// The catch table, three words per clause (see `Exceptions/Unwinding.swift`), innermost
    /// `try_table` first: an entry is added when its try_table ends, inner ones end first.
    var catchTable: [UInt64] = []
    /// The open `try_table`s with catch clauses, innermost last: the clauses, where the body
    /// starts in `code`, and the control-stack height of the try_table's frame (it is
    /// `control[depth - 1]`). Kept beside the control frames, not in them: the translator's
    /// frames are large in debug builds, and every ControlFrame copy would grow.
    var tries: [(catches: [Catch], start: Int, depth: Int)] = []
    /// The proposals the body's instructions may use.
    let features: Features
    /// The fuel sites' words are written into `code` directly: a site of -1 is the entry
    /// region's total, `FuelRegions.entry` (what calling the function charges).

    init(module: ParsedModule, instance: InstanceEntity, function: FunctionEntity) {
        self.module = module
        self.instance = instance
        self.function = function
        self.metered = instance.store.engine.configuration.fuelMetering
        self.features = instance.store.engine.configuration.features
    }

    // MARK: Fuel sites
    // (FuelRegions writes the sites into `code` itself, which it gets inout beside itself: no
    // closure, so no copy of its arrays and no specialization per caller.)

    @inline(never)  // called from many places: one copy keeps the firmware's engine small
    mutating func closeChain() {
        guard metered else { return }
        fuel.closeChain(&code)
    }

    /// Starts a fuel region entered through `sites`.
    @inline(never)  // called from many places: one copy keeps the firmware's engine small
    mutating func startRegion(sites: [Int], continuing: Bool) -> Int {
        guard metered else { return -1 }
        let r = fuel.startRegion(continuing: continuing, &code)
        for s in sites { fuel.register(site: s, region: r, &code) }
        return r
    }

    /// The same for one site (-1: the function's entry), with no array.
    @inline(never)
    mutating func startRegion(site: Int, continuing: Bool) -> Int {
        guard metered else { return -1 }
        let r = fuel.startRegion(continuing: continuing, &code)
        fuel.register(site: site, region: r, &code)
        return r
    }

    /// Records that the fuel word at `site` pays for entering frame `fi`'s label.
    @inline(never)  // called from many places: one copy keeps the firmware's engine small
    mutating func addSite(_ site: Int, frame fi: Int) {
        if control[fi].kind == .loop {
            fuel.register(site: site, region: control[fi].loopRegion, &code)
        } else {
            control[fi].fuelSites.append(site)
        }
    }

    // MARK: Emission

    @inline(__always) mutating func mark() {
        if let last = pcMap.last, Int(last.code) == code.count { return }
        pcMap.append((Int32(code.count), wasmOffset))
    }

    mutating func emit(_ op: Op, _ a: Int = 0) {
        joinAdds()
        prevDst = lastDst
        lastDst = nil
        prevWrite = lastWrite
        lastWrite = nil
        lastCopy = nil
        lastAddI = nil
        mark()
        starts.append(Int32(code.count))
        code.append(UInt64(op.rawValue) | (UInt64(UInt32(truncatingIfNeeded: a)) << 32))
    }

    /// Like `emit`, for the words of an instruction folded into the one before it: a pc-map entry
    /// (it may trap) but no instruction start, so nothing dispatches to it or folds it.
    mutating func emitOperandsOnly(_ op: Op, _ a: Int) {
        emit(op, a)
        starts.removeLast()
    }

    /// Joins the pending pair of i32AddI if both are still the last instructions:
    /// [i32AddI|dst1] [a1 | imm1<<32] [i32AddI|dst2] [a2 | imm2<<32] becomes
    /// [i32AddI2|dst1] [a1 | imm1<<32] [a2 | dst2<<32] [imm2], the same length, with the second
    /// destination still in the high half of the third word (where a retarget may have put it).
    mutating func joinAdds() {
        guard fusionEnabled, let p = pairAddI else { return }
        pairAddI = nil
        guard code.count == p + 4, starts.last == Int32(p + 2), decodeOp(code[p + 2]) == .i32AddI,
              accumulatorMode(p) == 0, accumulatorMode(p + 2) == 0 else { return }
        let w3 = code[p + 3]
        code[p] = (code[p] & ~0xFFFF_FFFF) | UInt64(Op.i32AddI2.rawValue)
        code[p + 2] = (code[p + 2] & ~0xFFFF_FFFF) | (w3 & 0xFFFF_FFFF)
        code[p + 3] = w3 >> 32
        starts.removeLast()
    }

    @inline(__always) mutating func word(_ w: UInt64) { code.append(w) }
    @inline(__always) mutating func word(_ lo: Int, _ hi: Int) {
        code.append(UInt64(UInt32(truncatingIfNeeded: lo)) | (UInt64(UInt32(truncatingIfNeeded: hi)) << 32))
    }

    /// Emits an instruction whose destination slot is `dst` (word 0's operand): a following
    /// `local.set` may retarget it to write the local directly.
    mutating func emitProducing(_ op: Op, _ dst: Int, type: ValueType) {
        emit(op, dst)
        if type != .v128 { lastDst = (code.count - 1, dst) }
        if fusionEnabled, op.accumulatorKind?.producesResult == true { lastWrite = (code.count - 1, dst) }
    }

    // MARK: Accumulator

    /// The accumulator mode bits of the instruction starting at `pos` (see `AccumulatorMode`).
    func accumulatorMode(_ pos: Int) -> UInt64 {
        (code[pos] >> AccumulatorMode.shift) & AccumulatorMode.mask
    }

    /// If operand `o` (popped and resolved, for the instruction about to be emitted) is the
    /// temporary the last instruction just computed, switches that instruction to its variant that
    /// leaves the value in the accumulator, and returns true: the caller emits its instruction in
    /// a mode that reads it there (`setAccumulatorMode`). Sound because a popped temporary has no
    /// other reader, nothing runs between the two instructions (no label can fall between them:
    /// control instructions clear `lastDst`), and neither can suspend between them.
    mutating func takeAccumulator(_ o: Operand) -> Bool {
        o.constant == nil && (o.src == o.slot || o.src < localsEnd) && takeAccumulator(slot: o.src)
    }

    /// The same for a temporary slot read by the instruction about to be emitted, which has
    /// popped it (a fused branch takes its operands from the comparison it replaces).
    mutating func takeAccumulator(slot: Int) -> Bool {
        guard fusionEnabled else { return false }
        if slot < localsEnd {
            // A local the last instruction just wrote (and left in the accumulator too).
            guard let w = lastWrite, w.slot == slot, starts.last == Int32(w.pos) else { return false }
            // It must stay the instruction it is: joined with an add before it (i32AddI2), it
            // would no longer leave its result in the accumulator.
            if let pair = pairAddI, pair + 2 == w.pos { pairAddI = nil }
            return true
        }
        guard let p = lastDst, p.slot == slot, starts.last == Int32(p.pos) else { return false }
        let mode = accumulatorMode(p.pos)
        guard mode & AccumulatorMode.d == 0, let kind = decodeOp(code[p.pos]).accumulatorKind, kind.producesResult else {
            return false
        }
        code[p.pos] |= AccumulatorMode.d << AccumulatorMode.shift
        return true
    }

    /// Where the last instruction starts, if it is two words long, in mode 0, and emitted since
    /// the last label (`barrier`): a branch may then fold it in, whether it wrote a temporary or a
    /// local (unlike `lastProducer(of:)`, which follows `lastDst`).
    /// `readingAccumulator`: mode L (its operand from the accumulator) will do as well.
    func lastPlainSinceBarrier(readingAccumulator: Bool = false) -> Int? {
        guard fusionEnabled, let s = starts.last else { return nil }
        let pos = Int(s)
        let mode = accumulatorMode(pos)
        guard pos == code.count - 2, pos >= barrier, mode == 0 || (readingAccumulator && mode == AccumulatorMode.l) else { return nil }
        return pos
    }

    /// If the last instruction is a plain i32AddI or i32Add that computed `x`, the first operand
    /// of compare-and-branch `op`, with no label since it, removes it and returns what the branch's
    /// add mode needs: the add then runs inside the branch (a loop's `i += k; if i < n` in one
    /// dispatch). The add's destination is still written, for a local or for nobody.
    mutating func takeAddForBranch(_ op: Op, x: Int) -> (mode: UInt64, dst: Int, operands: UInt64)? {
        guard let kind = op.accumulatorKind, kind == .compareBranch || kind == .compareBranchI,
              let pos = lastPlainSinceBarrier(), hi32(code[pos]) == x else { return nil }
        let add = decodeOp(code[pos])
        guard add == .i32AddI || add == .i32Add else { return nil }
        return (mode: add == .i32AddI ? AccumulatorMode.addImmediate : AccumulatorMode.add, dst: x, operands: removeLast())
    }

    /// If the last instruction is a plain i32AddI with no label since, removes it for a `br` that
    /// does the add itself (mode AI: `p++; continue` in one dispatch).
    mutating func takeAddForJump() -> (dst: Int, operands: UInt64)? {
        guard let pos = lastPlainSinceBarrier(), decodeOp(code[pos]) == .i32AddI else { return nil }
        // Joined with an add before it at the jump's emission, it would no longer be last.
        if let p = pairAddI, p + 2 == pos { pairAddI = nil }
        return (dst: hi32(code[pos]), operands: removeLast())
    }

    /// If the last instruction is an i32AddI (plain, or reading the accumulator) that computed
    /// `x`, a br_table's index, with no label since, removes it for the br_table to do the add
    /// itself (`switch (c - 'a')` in one dispatch). Its destination is still written.
    mutating func takeAddForTable(x: Int) -> (dst: Int, fromAcc: Bool, operands: UInt64)? {
        guard let pos = lastPlainSinceBarrier(readingAccumulator: true), decodeOp(code[pos]) == .i32AddI,
              hi32(code[pos]) == x else { return nil }
        let fromAcc = accumulatorMode(pos) == AccumulatorMode.l
        if let p = pairAddI, p + 2 == pos { pairAddI = nil }
        return (dst: x, fromAcc: fromAcc, operands: removeLast())
    }

    /// Emits a branch `op` on slot `cond` (its offset words follow), reading the condition from
    /// the accumulator if the last instruction just computed it.
    /// A brIf or brIfNot whose condition is a byte or word just loaded folds the load in (modes
    /// M8 and M32): [op|address slot] [memory offset], the caller's offset word after.
    mutating func emitBranch(_ op: Op, cond: Int) {
        if fusionEnabled, op.accumulatorKind == .oneInput {
            for (load, mode) in [(Op.load8U, AccumulatorMode.memoryByte), (Op.load32, AccumulatorMode.memoryWord)] {
                guard let l = takeLoad(slot: cond, load) else { continue }
                emit(op, lo32(l))
                setAccumulatorMode(mode)
                word(l >> 32)
                return
            }
        }
        let fromAcc = fusionEnabled && op.accumulatorKind != nil && takeAccumulator(slot: cond)
        emit(op, cond)
        if fromAcc { setAccumulatorMode(AccumulatorMode.l) }
    }

    /// Gives the instruction just emitted accumulator mode `mode`.
    mutating func setAccumulatorMode(_ mode: UInt64) {
        code[Int(starts.last!)] |= mode << AccumulatorMode.shift
    }

    /// Puts operand `o`'s value in `dst`: a copy, a constant, or nothing if it is there already.
    mutating func emitMove(_ o: Operand, to dst: Int) {
        if let c = o.constant {
            emit(.const64, dst)
            word(c)
        } else {
            emitCopy(o.type, dst: dst, src: o.src)
        }
    }

    /// The slot holding `o`'s value, writing a pending constant to its natural slot first. Call it
    /// for every operand before emitting the instruction that reads them.
    mutating func resolve(_ o: Operand) -> Operand {
        guard let c = o.constant else { return o }
        emit(.const64, o.slot)
        word(c)
        return Operand(type: o.type, slot: o.slot, src: o.slot, constant: nil)
    }

    mutating func pushConstant(_ t: ValueType, _ bits: UInt64) {
        stack.append(Operand(type: t, slot: top, src: top, constant: bits))
        top += 1
        if top > maxSlot { maxSlot = top }
    }

    mutating func emitCopy(_ type: ValueType, dst: Int, src: Int) {
        if dst == src { return }
        if fusionEnabled, type != .v128, let p = lastCopy, p == code.count - 2 {
            // [copy|dst1] [src1 | 0] becomes [copy2|dst1] [src1 | dst2<<32] [src2].
            code[p] = (code[p] & ~0xFFFF_FFFF) | UInt64(Op.copy2.rawValue)
            code[p + 1] |= UInt64(UInt32(truncatingIfNeeded: dst)) << 32
            word(UInt64(src))
            lastCopy = nil
            return
        }
        emit(type == .v128 ? .copy128 : .copy, dst)
        word(src, 0)
        if type != .v128 { lastCopy = code.count - 2 }
    }

    /// Emits a jump word to be patched later; returns its position.
    mutating func placeholder() -> Int {
        code.append(0)
        return code.count - 1
    }

    mutating func patch(_ pos: Int, to target: Int) {
        code[pos] = UInt64(bitPattern: Int64(target - pos))
    }

    mutating func emitJump(to target: Int) {
        emit(.br)
        word(UInt64(bitPattern: Int64(target - code.count)))
    }

    // MARK: Operand stack

    @inline(__always) func size(_ t: ValueType) -> Int { t == .v128 ? 2 : 1 }

    mutating func push(_ t: ValueType) -> Int {
        let s = top
        stack.append(Operand(type: t, slot: s, src: s))
        top += size(t)
        if top > maxSlot { maxSlot = top }
        return s
    }

    mutating func pushLocal(_ t: ValueType, src: Int) {
        stack.append(Operand(type: t, slot: top, src: src))
        top += size(t)
        if top > maxSlot { maxSlot = top }
    }

    /// Pops an operand, resolved to a slot.
    mutating func pop() -> Operand {
        resolve(popRaw())
    }

    /// Pops an operand that may still be a pending constant.
    mutating func popRaw() -> Operand {
        let o = stack.removeLast()
        top = o.slot
        return o
    }

    mutating func materialize(_ i: Int) {
        let o = stack[i]
        if o.constant != nil {
            emitMove(o, to: o.slot)
            stack[i].constant = nil
            stack[i].src = o.slot
        } else if o.src != o.slot {
            emitCopy(o.type, dst: o.slot, src: o.src)
            stack[i].src = o.slot
        }
    }

    mutating func materializeAll() {
        for i in stack.indices { materialize(i) }
    }

    mutating func truncate(to height: Int) {
        while stack.count > height { _ = popRaw() }
        top = stack.last.map { $0.slot + size($0.type) } ?? localsEnd
        if stack.count == 0 { top = localsEnd }
    }

    /// Copies the top `types.count` operands to consecutive slots from `base`, in ascending order,
    /// which is safe because every source lies at or above its destination or in the locals.
    mutating func moveTop(_ n: Int, to base: Int) {
        var dst = base
        for i in (stack.count - n)..<stack.count {
            let o = stack[i]
            emitMove(o, to: dst)
            dst += size(o.type)
        }
    }

    func blockSignature(_ bt: BlockType) -> (params: [ValueType], results: [ValueType]) {
        switch bt {
        case .empty: return ([], [])
        case .value(let t): return ([], [t])
        case .typeIndex(let i): return (module.types[Int(i)].parameters, module.types[Int(i)].results)
        }
    }

    // MARK: Branches

    /// If `cond` (just popped, unresolved) is an i32 comparison's result computed by the last
    /// instruction, removes that instruction and returns it with its operand word, for a fused
    /// compare-and-branch (in metered code, the variant that carries fuel words like brIfF).
    /// An `i32.eqz` qualifies too (when `eqz`): its branch is brIf / brIfNot on its operand, which
    /// has no interrupt check, so callers allow it only for forward branches or metered code.
    mutating func takeComparison(_ cond: Operand, eqz: Bool) -> (op: Op, operands: UInt64)? {
        guard cond.constant == nil, cond.src == cond.slot, let pos = lastProducer(of: cond.slot),
              accumulatorMode(pos) == 0 else { return nil }
        let op = decodeOp(code[pos])
        guard Op.fusedBranch(op, negated: false) != nil || (eqz && op == .i32Eqz) else { return nil }
        return (op, removeLast())
    }

    /// Where the last instruction starts, if it is a two-word instruction that computed temporary
    /// `slot` (`lastDst`: no label since), for a fusion that takes it into the next instruction.
    func lastProducer(of slot: Int) -> Int? {
        guard fusionEnabled, let p = lastDst, p.slot == slot, p.pos == code.count - 2, starts.last == Int32(p.pos) else {
            return nil
        }
        return p.pos
    }

    /// Removes the last instruction (two words), which the next one takes into itself, and
    /// returns its operand word; the instruction before it is the last again. `keepPosition`:
    /// its pc-map entry stays, so the instruction that takes its place reports a trap there.
    mutating func removeLast(keepPosition: Bool = false) -> UInt64 {
        let operands = code[code.count - 1]
        code.removeLast(2)
        starts.removeLast()
        if !keepPosition, let last = pcMap.last, Int(last.code) >= code.count { pcMap.removeLast() }
        lastDst = prevDst
        prevDst = nil
        lastWrite = prevWrite
        prevWrite = nil
        return operands
    }

    /// If `address` (just popped, unresolved) is the result of an i32AddI emitted last, removes
    /// that instruction and returns its operand word [base | imm32 << 32], for a load that adds.
    mutating func takeAddImmediate(_ address: Operand) -> UInt64? {
        takeAdd(address, .i32AddI)
    }

    /// The same for an add instruction `op` (i32AddI: [base | imm32 << 32], i32Add: [a | b << 32]).
    mutating func takeAdd(_ address: Operand, _ op: Op) -> UInt64? {
        guard address.constant == nil, address.src == address.slot, let pos = lastProducer(of: address.slot),
              decodeOp(code[pos]) == op, accumulatorMode(pos) == 0 else { return nil }
        return removeLast()
    }

    /// If `operand` (just popped and resolved) is the result of a plain `load` (address from a
    /// slot) emitted last, removes that instruction and returns its operand word
    /// [address slot | offset << 32], for a binary operator that reads memory itself (mode MR).
    /// The load's entry in the pc map stays: the fused instruction reports a trap at the load.
    mutating func takeLoad(_ operand: Operand, _ load: Op) -> UInt64? {
        guard operand.constant == nil, operand.src == operand.slot else { return nil }
        return takeLoad(slot: operand.slot, load)
    }

    /// The same for a temporary slot read by the instruction about to be emitted.
    mutating func takeLoad(slot: Int, _ load: Op) -> UInt64? {
        guard slot >= localsEnd, let pos = lastProducer(of: slot), decodeOp(code[pos]) == load,
              accumulatorMode(pos) == 0 else { return nil }
        return removeLast(keepPosition: true)
    }

    /// If `address` (just popped, unresolved) is the result of an `i32.shl` by a constant emitted
    /// last (reading its operand from a slot, or from the accumulator: mode L), removes it and
    /// returns its operand word [a | k << 32] and that mode, for a load that shifts (mode S).
    mutating func takeShift(_ address: Operand) -> (operands: UInt64, mode: UInt64)? {
        guard address.constant == nil, address.src == address.slot, let pos = lastProducer(of: address.slot),
              decodeOp(code[pos]) == .i32ShlI else { return nil }
        let mode = accumulatorMode(pos)
        guard mode == 0 || mode == AccumulatorMode.l else { return nil }
        return (removeLast(), mode)
    }

    /// Emits the fused branch for a comparison taken by `takeComparison`; returns its offset word.
    mutating func emitFused(_ c: (op: Op, operands: UInt64), negated: Bool) -> Int {
        if c.op == .i32Eqz {
            // eqz(x) holds when x is zero: branch on x itself.
            emitBranch(negated ? (metered ? .brIfF : .brIf) : (metered ? .brIfNotF : .brIfNot), cond: lo32(c.operands))
            return placeholder()
        }
        let op = Op.fusedBranch(c.op, negated: negated, metered: metered)!
        if let add = takeAddForBranch(op, x: lo32(c.operands)) {
            emit(op, add.dst)
            setAccumulatorMode(add.mode)
            word(add.operands)
            word(c.operands >> 32)
            return placeholder()
        }
        var mode: UInt64 = 0
        if fusionEnabled, let kind = op.accumulatorKind {
            mode = takeAccumulator(slot: lo32(c.operands)) ? AccumulatorMode.l
                : kind == .compareBranch && takeAccumulator(slot: hi32(c.operands)) ? AccumulatorMode.r : 0
        }
        emit(op, lo32(c.operands))
        setAccumulatorMode(mode)
        word(c.operands >> 32)
        return placeholder()
    }

    /// `br_if` and `br_table`, out of `translateOne` to keep its frame small in debug builds
    /// (the first translation runs on the native stack's headroom: see WASIStackBudgetTests).
    /// Debug builds do not inline it (its frame stays apart); optimized ones do, which saves the
    /// firmware the extra functions' code.
    @inline(__always)
    mutating func translateBranch(_ ins: Instruction) {
        switch ins {
        case .brIf(let d):
            let rawCond = popRaw()
            if !needsMoves(depth: Int(d)),
               let c = takeComparison(rawCond, eqz: metered || control[control.count - 1 - Int(d)].kind != .loop) {
                let fi = control.count - 1 - Int(d)
                let at = emitFused(c, negated: false)
                if control[fi].kind == .loop { patch(at, to: control[fi].loopStart) } else { control[fi].fixups.append(at) }
                if metered {
                    addSite(placeholder(), frame: fi)
                    _ = startRegion(site: placeholder(), continuing: false)
                }
                return
            }
            let cond = resolve(rawCond)
            if needsMoves(depth: Int(d)) {
                // Taken: fall into the moves and an unconditional branch (which charges the target);
                // not taken: jump over them, charging the fall-through region.
                emitBranch(metered ? .brIfNotF : .brIfNot, cond: cond.src)
                let skip = placeholder()
                let skipSite = metered ? placeholder() : -1
                if metered { _ = placeholder() }  // the taken way charges nothing here
                branch(depth: Int(d))
                patch(skip, to: code.count)
                if metered { _ = startRegion(site: skipSite, continuing: false) }
            } else {
                let fi = control.count - 1 - Int(d)
                emitBranch(metered ? .brIfF : control[fi].kind == .loop ? .brIfLoop : .brIf, cond: cond.src)
                if control[fi].kind == .loop {
                    word(UInt64(bitPattern: Int64(control[fi].loopStart - code.count)))
                } else {
                    control[fi].fixups.append(placeholder())
                }
                if metered {
                    addSite(placeholder(), frame: fi)
                    _ = startRegion(site: placeholder(), continuing: false)
                }
            }
        default:
            translateBrTable(ins)
        }
    }

    /// `br_table`, out of `translateBranch` for the same reason.
    @inline(__always)
    mutating func translateBrTable(_ ins: Instruction) {
        switch ins {
        case .brTable(let targets, let def):
            let index = pop()
            // brTableF is left out of builds without fusion (the firmware's): stubs charge there.
            let charging = metered && fusionEnabled
            let op: Op = charging ? .brTableF : .brTable
            if let add = takeAddForTable(x: index.src) {
                emit(op, add.dst)
                setAccumulatorMode(add.fromAcc ? AccumulatorMode.l | AccumulatorMode.addImmediate : AccumulatorMode.addImmediate)
                word(add.operands)
            } else {
                let fromAcc = fusionEnabled && takeAccumulator(slot: index.src)
                emit(op, index.src)
                if fromAcc { setAccumulatorMode(AccumulatorMode.l) }
            }
            word(UInt64(targets.count))
            // Metered: each entry's offset word is followed by its cost word (a fuel site).
            var entries: [Int] = []
            for _ in 0...targets.count {
                entries.append(placeholder())
                if charging { _ = placeholder() }
            }
            // Each entry jumps to a stub that moves the carried values and branches; identical
            // depths share one stub. (Validated depths are below the control stack's height.)
            var stubOf = [Int](repeating: -1, count: control.count)
            // Targets whose stub would be a lone `br` get the label itself: unmetered, not for a
            // loop (its stub's brLoop checks for interruption); metered, loops too (brTableF checks
            // on backward entries, and charges the label's region through the entry's cost word).
            let direct = (targets + [def]).map { d in
                (charging || !metered && control[control.count - 1 - Int(d)].kind != .loop) && !needsMoves(depth: Int(d))
            }
            for (i, d) in (targets + [def]).enumerated() {
                let fi = control.count - 1 - Int(d)
                if direct[i] {
                    if control[fi].kind == .loop {
                        patch(entries[i], to: control[fi].loopStart)
                    } else {
                        control[fi].fixups.append(entries[i])
                    }
                    if charging { addSite(entries[i] + 1, frame: fi) }
                    continue
                }
                // (A stub's own brF charges; the entry's cost word stays 0.)
                if stubOf[Int(d)] >= 0 {
                    patch(entries[i], to: stubOf[Int(d)])
                    continue
                }
                let s = code.count
                stubOf[Int(d)] = s
                patch(entries[i], to: s)
                branch(depth: Int(d))
            }
            setUnreachable()
        default:
            break
        }
    }

    /// Table, memory and constant instructions, out of `translateOne` like `translateBranch`.
    @inline(__always)
    mutating func translateTableOrMemory(_ ins: Instruction) {
        switch ins {
        case .tableGet, .tableSet, .tableSize, .tableGrow, .tableFill, .tableCopy, .tableInit:
            translateTableOp(ins)
        case .elemDrop(let e):
            emit(.elemDrop, Int(e))
        case .load(let op, let m):
            translateLoad(op, m)
        case .store(let op, let m):
            translateStore(op, m)
        case .memorySize, .memoryGrow, .memoryFill, .memoryCopy, .memoryInit:
            translateMemoryOp(ins)
        case .dataDrop(let seg):
            emit(.dataDrop, Int(seg))
        case .i32Const(let x):
            pushConstant(.i32, UInt64(UInt32(bitPattern: x)))
        case .i64Const(let x):
            pushConstant(.i64, UInt64(bitPattern: x))
        case .f32Const(let x):
            pushConstant(.f32, UInt64(x))
        case .f64Const(let x):
            pushConstant(.f64, x)
        default:
            break
        }
    }

#if !WISP_NO_EXCEPTIONS
    /// `try_table`, `throw` and `throw_ref`, out of `translateOne`: its frame (large in debug
    /// builds, where the translator runs on the native stack headroom) stays as it was.
    mutating func translateException(_ ins: Instruction) {
        switch ins {
        case .tryTable(let bt, let catches):
            // A block whose body is covered by catch clauses: nothing runs on entry. The clauses
            // become entries of the catch table and landing pads, emitted at its end.
            let sig = blockSignature(bt)
            materializeAll()
            let h = stack.count - sig.params.count
            let base = h < stack.count ? stack[h].slot : top
            control.append(ControlFrame(kind: .block, params: sig.params, results: sig.results, height: h,
                                        slotBase: base, loopStart: code.count, fixups: [], elseFixup: -1, unreachable: false))
            if !catches.isEmpty { tries.append((catches, code.count, control.count)) }
        case .throw(let x):
            let params = instance.tags[Int(x)].type.parameters
            let n = params.count
            for i in (stack.count - n)..<stack.count { materialize(i) }
            let first = n > 0 ? stack[stack.count - n].slot : top
            for _ in 0..<n { _ = popRaw() }
            emit(.throwTag, first)
            word(UInt64(UInt(bitPattern: instance.tags[Int(x)].record)))
            setUnreachable()
        case .throwRef:
            let e = pop()
            emit(.throwRef, e.src)
            setUnreachable()
        default:
            break
        }
    }

    /// The `end` of a `try_table` whose frame `frame` was just popped (results materialized):
    /// its landing pads, then what any block's end does.
    mutating func endTryTable(_ frame: ControlFrame) {
        var f = frame
        emitLandingPads(&f)
        _ = startRegion(sites: f.fuelSites + f.elseFuelSites, continuing: !f.unreachable)
        for p in f.fixups { patch(p, to: code.count) }
        truncate(to: f.height)
        for t in f.results { _ = push(t) }
    }

    /// Ends a `try_table` (its frame `f` just popped, its results materialized): adds its catch
    /// clauses to the catch table, each with a landing pad that the unwinder enters with the
    /// clause's values (payload, then exnref) in natural slots from the try_table's base, and
    /// that branches to the clause's label like a `br` would (moves, fuel, loop checks included).
    /// The body's fall-through jumps over the pads to the try_table's end.
    mutating func emitLandingPads(_ f: inout ControlFrame) {
        let tryEnd = code.count
        if !f.unreachable {
            emit(metered ? .brF : .br)
            f.fixups.append(placeholder())
            if metered { f.fuelSites.append(placeholder()) }
            f.unreachable = true
        }
        let t = tries.removeLast()
        for c in t.catches {
            truncate(to: f.height)
            // A pad is entered from the unwinder only: nothing before it may be folded in.
            lastDst = nil; lastWrite = nil; lastCopy = nil; lastAddI = nil
            joinAdds()
            barrier = code.count
            let pad = code.count
            _ = startRegion(sites: [], continuing: false)
            var tagBits: UInt64 = 0
            if c.kind == .tag || c.kind == .tagRef {
                tagBits = UInt64(UInt(bitPattern: instance.tags[Int(c.tag)].record))
                for t in instance.tags[Int(c.tag)].type.parameters { _ = push(t) }
            }
            if c.passesReference { _ = push(.exnref) }
            catchTable.append(UInt64(UInt32(t.start)) | UInt64(UInt32(tryEnd)) << 32)
            catchTable.append(UInt64(UInt32(pad)) | UInt64(UInt32(f.slotBase)) << 32)
            catchTable.append(tagBits | (c.passesReference ? 1 : 0))
            control[control.count - 1].unreachable = false
            branch(depth: Int(c.label))
        }
        truncate(to: f.height)
        closeChain()
    }
#endif

    /// Emits what a branch to relative depth `depth` needs: copies of the carried values, then the jump.
    mutating func branch(depth: Int) {
        let fi = control.count - 1 - depth
        let f = control[fi]
        let n = f.labelTypes.count
        if f.kind == .function {
            emitReturn()
            return
        }
        moveTop(n, to: f.slotBase)
        // brLoop has no add mode; brF (metered code's br, loops included) has.
        if metered || f.kind != .loop, let add = takeAddForJump() {
            emit(metered ? .brF : .br, add.dst)
            setAccumulatorMode(AccumulatorMode.addImmediate)
            word(add.operands)
            if f.kind == .loop {
                word(UInt64(bitPattern: Int64(f.loopStart - code.count)))
            } else {
                control[fi].fixups.append(placeholder())
            }
            if metered { addSite(placeholder(), frame: fi) }
            return
        }
        emit(metered ? .brF : f.kind == .loop ? .brLoop : .br)
        if f.kind == .loop {
            word(UInt64(bitPattern: Int64(f.loopStart - code.count)))
        } else {
            control[fi].fixups.append(placeholder())
        }
        if metered { addSite(placeholder(), frame: fi) }
    }

    func needsMoves(depth: Int) -> Bool {
        let f = control[control.count - 1 - depth]
        if f.kind == .function { return true }
        let n = f.labelTypes.count
        var dst = f.slotBase
        for i in (stack.count - n)..<stack.count {
            if stack[i].src != dst || stack[i].constant != nil { return true }
            dst += size(stack[i].type)
        }
        return false
    }

    /// `producer` is the instruction just emitted and the slot it wrote, when control reaches the
    /// return only from it (a `return`, or the function's final `end`).
    mutating func emitReturn(producer: (pos: Int, slot: Int)? = nil) {
        let results = function.type.results
        let n = results.count
        if n == 1, results[0] != .v128 {
            // The common case: copy the value to slot 0 and return, or have the instruction that
            // computed it write slot 0 (it runs last, so no one reads what slot 0 held).
            let o = stack[stack.count - 1]
            if let p = producer, o.constant == nil, o.src == o.slot, p.slot == o.slot {
                code[p.pos] &= 0xFFFF_FFFF
            } else {
                emitMove(o, to: 0)
            }
            emit(.ret)
            return
        }
        // Results go to slots 0..<n; move them through their natural slots first, since a
        // result read from a local could otherwise be overwritten by an earlier copy. Those
        // moves run only on the way out: a br_if or br_table that returns leaves a path on which
        // the operands are still pending, so the operand stack is put back as it was.
        let pending = stack
        for i in (stack.count - n)..<stack.count { materialize(i) }
        moveTop(n, to: 0)
        emit(.ret)
        stack = pending
    }

    // MARK: Driver

    mutating func translate() throws(FormatError) -> (code: [UInt64], frameSlots: Int, localSlots: Int, entryFuel: Int) {
        let index = function.definedIndex
        let body = module.codes[index]
        let type = function.type
        var slot = 0
        for t in type.parameters {
            localTypes.append(t)
            localSlotOf.append(slot)
            slot += size(t)
        }
        paramSlots = slot
        knownZero = [Bool](repeating: false, count: type.parameters.count)
        for g in body.locals(in: module.bytes) {
            for _ in 0..<Int(g.count) {
                localTypes.append(g.type)
                localSlotOf.append(slot)
                knownZero.append(g.type == .i32 || g.type == .i64 || g.type == .f32 || g.type == .f64)
                slot += size(g.type)
            }
        }
        localsEnd = slot
        top = slot
        maxSlot = slot
        control.append(ControlFrame(kind: .function, params: [], results: type.results, height: 0, slotBase: localsEnd,
                                    loopStart: 0, fixups: [], elseFixup: -1, unreachable: false))
        _ = startRegion(site: -1, continuing: false)
        if localsEnd - paramSlots > 4 {
            // Calls zero up to four slots of locals themselves (see VMState.zeroLocals).
            wasmOffset = Int32(body.code.lowerBound - module.codeSectionOffset)
            emit(.zeroLocals, paramSlots)
            word(UInt64(localsEnd - paramSlots))
        }

        var reader = OperatorReader(bytes: module.bytes, range: body.code, features: features)
        var skipDepth = 0
        while !reader.isAtEnd {
            wasmOffset = Int32(reader.offset - module.codeSectionOffset)
            let ins = try reader.read()
            if control[control.count - 1].unreachable {
                // Dead code: validated already; only the nesting matters until the frame's else/end.
                switch ins {
                case .block, .loop, .if, .tryTable: skipDepth += 1; continue
                case .end where skipDepth > 0: skipDepth -= 1; continue
                case .else where skipDepth > 0: continue
                case .end, .else: break
                default: continue
                }
            }
            if metered {
                // The function's final `end` is its return and costs 1, as in Wasmtime; inner ends are free.
                fuel.pending += control.count == 1 && ins == .end ? 1 : FuelRegions.cost(ins)
            }
            translate(ins)
            if control.isEmpty { break }
        }
        closeChain()
        joinAdds()
        link()
        // At least the four slots past the parameters that a call zeroes (VMState.zeroLocals),
        // so that the call checks the stack once.
        let frameSlots = max(maxSlot, function.record.pointee.resultSlots, paramSlots + 4)
        return (code, frameSlots, localsEnd - paramSlots, fuel.entry)
    }

    /// Replaces each instruction's opcode with the word that names its handler, once nothing will
    /// read the opcodes again (the fusions above look back at the last instruction emitted).
    mutating func link() {
        var handlers: [UInt16] = []
        handlers.reserveCapacity(starts.count)
        for s in starts {
            let w = code[Int(s)]
            let mode = (w >> AccumulatorMode.shift) & AccumulatorMode.mask
            handlers.append(!fusionEnabled || mode == 0 ? UInt16(truncatingIfNeeded: w) : decodeOp(w).handlerIndex(mode: mode))
        }
        // Pairs: an instruction followed by its pair partner gets the pair's handler, which runs
        // both. The partner keeps its own handler word, so a branch, a resumed call or anything
        // else that lands on it runs it alone; and the first of a pair is never a control
        // instruction, so it always falls through to the partner. (So a label between them does
        // not matter.)
#if WISP_NO_FUSION
        let paired: [Bool] = []
#else
        var paired = [Bool](repeating: false, count: Op.pairIndex.isEmpty ? 0 : starts.count)
        if !Op.pairIndex.isEmpty {
            var i = 0
            while i + 1 < starts.count {
                if let p = Op.pairIndex[UInt32(handlers[i]) << 16 | UInt32(handlers[i + 1])] {
                    let s = Int(starts[i])
                    code[s] = (code[s] & ~0xFFFF_FFFF) | VMState.pairWord(p)
                    paired[i] = true
                    i += 2
                    continue
                }
                i += 1
            }
        }
#endif
        for (i, s) in starts.enumerated() where paired.isEmpty || !paired[i] {
            code[Int(s)] = (code[Int(s)] & ~0xFFFF_FFFF) | VMState.handlerWord(handlers[i])
        }
    }

    /// Marks the rest of the current frame dead: the fall-through chain ends here.
    mutating func setUnreachable() {
        control[control.count - 1].unreachable = true
        closeChain()
    }

    // MARK: Instructions

    mutating func translate(_ ins: Instruction) {
        translateOne(ins)
        switch ins {
        case .block, .loop, .if, .else, .end, .br, .brIf, .brTable, .return, .call, .callIndirect, .unreachable,
             .tryTable, .throw, .throwRef, .returnCall, .returnCallIndirect, .callRef, .returnCallRef, .brOnNull, .brOnNonNull:
            // A label may be bound at the current position: nothing may join what came before.
            lastCopy = nil
            lastAddI = nil
            barrier = code.count
        default:
            break
        }
    }

    mutating func translateOne(_ ins: Instruction) {
        let producer = lastDst
        switch ins {
        case .block, .loop, .else, .end, .br, .brTable, .return, .call, .callIndirect, .unreachable, .drop,
             .tryTable, .throw, .throwRef, .returnCall, .returnCallIndirect, .callRef, .returnCallRef, .brOnNull, .brOnNonNull:
            // Control flow joins or leaves here: no instruction before it may be retargeted.
            // (`if` and `br_if` keep it: they may fuse with the comparison just before them,
            // and they emit a branch, which clears it, either way.)
            lastDst = nil
            lastWrite = nil
        default:
            break
        }
        switch ins {
        case .unreachable:
            emit(.unreachable)
            setUnreachable()
        case .nop:
            break
        case .block(let bt), .loop(let bt):
            let sig = blockSignature(bt)
            materializeAll()
            let isLoop: Bool
            if case .loop = ins { isLoop = true; knownZero.removeAll() } else { isLoop = false }
            let h = stack.count - sig.params.count
            let base = h < stack.count ? stack[h].slot : top
            var frame = ControlFrame(kind: isLoop ? .loop : .block, params: sig.params, results: sig.results, height: h,
                                     slotBase: base, loopStart: code.count, fixups: [], elseFixup: -1, unreachable: false)
            if isLoop { frame.loopRegion = startRegion(sites: [], continuing: true) }
            control.append(frame)
        case .tryTable, .throw, .throwRef:
#if !WISP_NO_EXCEPTIONS
            translateException(ins)
#else
            break  // not reached: the decoder rejects them
#endif
        case .if(let bt):
            let sig = blockSignature(bt)
            let rawCond = popRaw()
            let comparison = takeComparison(rawCond, eqz: true)
            let cond = comparison == nil ? resolve(rawCond) : rawCond
            materializeAll()
            let fix: Int
            if let c = comparison {
                fix = emitFused(c, negated: true)
            } else {
                emitBranch(metered ? .brIfNotF : .brIfNot, cond: cond.src)
                fix = placeholder()
            }
            let h = stack.count - sig.params.count
            let base = h < stack.count ? stack[h].slot : top
            var frame = ControlFrame(kind: .if, params: sig.params, results: sig.results, height: h,
                                     slotBase: base, loopStart: 0, fixups: [], elseFixup: fix, unreachable: false)
            if metered {
                frame.elseFuelSites = [placeholder()]
                _ = startRegion(site: placeholder(), continuing: false)
            }
            control.append(frame)
        case .else:
            var f = control[control.count - 1]
            if !f.unreachable {
                for i in (stack.count - f.results.count)..<stack.count { materialize(i) }
                emit(metered ? .brF : .br)
                f.fixups.append(placeholder())
                if metered { f.fuelSites.append(placeholder()) }
            }
            patch(f.elseFixup, to: code.count)
            f.elseFixup = -1
            f.kind = .else
            f.unreachable = false
            _ = startRegion(sites: f.elseFuelSites, continuing: false)
            f.elseFuelSites = []
            control[control.count - 1] = f
            truncate(to: f.height)
            for t in f.params { _ = push(t) }
        case .end:
            let f = control.removeLast()
            if !f.unreachable {
                if f.kind == .function {
                    emitReturn(producer: producer)
                    return
                }
                for i in (stack.count - f.results.count)..<stack.count { materialize(i) }
            }
            if f.kind == .function { return }
#if !WISP_NO_EXCEPTIONS
            if let t = tries.last, t.depth == control.count + 1 {
                endTryTable(f)
                return
            }
#endif
            _ = startRegion(sites: f.fuelSites + f.elseFuelSites, continuing: !f.unreachable)
            if f.elseFixup >= 0 { patch(f.elseFixup, to: code.count) }
            for p in f.fixups { patch(p, to: code.count) }
            truncate(to: f.height)
            for t in f.results { _ = push(t) }
        case .br(let d):
            branch(depth: Int(d))
            setUnreachable()
        case .brIf, .brTable:
            translateBranch(ins)
        case .return:
            emitReturn(producer: producer)
            setUnreachable()
        case .call(let fi):
            let callee = instance.functions[Int(fi)]
            emitCall(params: callee.type.parameters, results: callee.type.results) { t, argBase in
                t.emit(t.metered ? .callF : .call, argBase)
                t.word(UInt64(UInt(bitPattern: callee.record)))
            }
#if WISP_NO_TAIL_CALLS
        case .returnCall, .returnCallIndirect:
            break  // not reached: the decoder rejects them
#else
        case .returnCall(let fi):
            let callee = instance.functions[Int(fi)]
            emitTailCall(paramCount: callee.type.parameters.count)
            emit(.returnCall)
            word(UInt64(UInt(bitPattern: callee.record)))
            setUnreachable()
        case .returnCallIndirect(let ti, let table):
            // The index goes to its natural slot first: above the arguments, which the moves
            // to slot 0 on cannot reach (a local could be overwritten by them).
            materialize(stack.count - 1)
            let index = index32(pop(), table)
            let type = module.types[Int(ti)]
            emitTailCall(paramCount: type.parameters.count)
            emit(.returnCallIndirect)
            word(index.src, instance.typeIDs[Int(ti)])
            word(UInt64(UInt(bitPattern: instance.tables[Int(table)].record)))
            setUnreachable()
#endif
        case .callIndirect(let ti, let table):
            let index = index32(pop(), table)
            let type = module.types[Int(ti)]
            let typeID = instance.typeIDs[Int(ti)]
            let tableRecord = instance.tables[Int(table)].record
            emitCall(params: type.parameters, results: type.results) { t, argBase in
                t.emit(t.metered ? .callIndirectF : .callIndirect, argBase)
                t.word(index.src, typeID)
                t.word(UInt64(UInt(bitPattern: tableRecord)))
            }
#if WISP_NO_FUNCTION_REFERENCES
        case .callRef, .returnCallRef, .refAsNonNull, .brOnNull, .brOnNonNull:
            preconditionFailure("typed function references in a build without them")  // the decoder rejects them
#else
        case .callRef, .returnCallRef, .refAsNonNull, .brOnNull, .brOnNonNull:
            translateFunctionReference(ins)
#endif
        case .drop:
            _ = popRaw()
        case .select, .selectTyped:
            let c = pop(), b = pop(), a = pop()
            let d = push(a.type)
            emit(a.type == .v128 ? .select128 : .select, d)
            word(a.src, b.src)
            word(c.src, 0)
        case .localGet(let i):
            pushLocal(localTypes[Int(i)], src: localSlotOf[Int(i)])
        case .localSet(let i):
            setLocal(Int(i), keep: false)
        case .localTee(let i):
            setLocal(Int(i), keep: true)
        case .globalGet(let i):
            let g = instance.globals[Int(i)]
            let d = push(g.type.valueType)
            emitProducing(g.type.valueType == .v128 ? .globalGet128 : .globalGet, d, type: g.type.valueType)
            word(UInt64(UInt(bitPattern: g.storage)))
        case .globalSet(let i):
            let g = instance.globals[Int(i)]
            let v = pop()
            emit(g.type.valueType == .v128 ? .globalSet128 : .globalSet, v.src)
            word(UInt64(UInt(bitPattern: g.storage)))
        case .tableGet, .tableSet, .tableSize, .tableGrow, .tableFill, .tableCopy, .tableInit, .elemDrop,
             .memorySize, .memoryGrow, .memoryInit, .dataDrop, .memoryCopy, .memoryFill,
             .load, .store, .i32Const, .i64Const, .f32Const, .f64Const:
            translateTableOrMemory(ins)
        case .refNull(let t):
            pushConstant(t, 0)
        case .refFunc(let i):
            pushConstant(.funcref, UInt64(UInt(bitPattern: instance.functions[Int(i)].record)))
        case .refIsNull:
            let a = pop()
            emit(.refIsNull, push(.i32))
            word(a.src, 0)
        case .numeric(let n):
            translateNumeric(n)
        case .wideArithmetic(let op):
#if WISP_NO_WIDE_ARITHMETIC
            _ = op
            preconditionFailure("wide arithmetic in a build without it")
#else
            translateWideArithmetic(op)
#endif
#if WISP_NO_SIMD
        case .v128Const, .v128Load, .v128Store, .v128LoadLane, .v128StoreLane, .i8x16Shuffle, .simdLane, .simd:
            // The decoder of a build without SIMD rejects these; validated code never has them.
            preconditionFailure("SIMD instruction in a build without SIMD")
#else
        case .v128Const(let v):
            emit(.const128, push(.v128))
            word(v.lo)
            word(v.hi)
        case .v128Load, .v128Store, .v128LoadLane, .v128StoreLane:
            translateSIMDMemory(ins)
        case .i8x16Shuffle(let lanes):
            let b = pop(), a = pop()
            emit(.simdShuffle, push(.v128))
            word(a.src, b.src)
            word(lanes.lo)
            word(lanes.hi)
        case .simdLane(let op, let lane):
            if op.isReplace {
                let s = pop(), v = pop()
                emit(.simdReplaceLane, push(.v128))
                word(v.src, s.src)
                word(UInt64(op.rawValue) | UInt64(lane) << 8)
            } else {
                let v = pop()
                emit(.simdExtractLane, push(op.scalarType))
                word(v.src, 0)
                word(UInt64(op.rawValue) | UInt64(lane) << 8)
            }
        case .simd(let op):
            switch op.shape {
            case .splat:
                let a = pop()
                emit(.simdSplat, push(.v128))
                word(a.src, 0)
            case .unary:
                let a = pop()
                emit(Op.simdDedicated(UInt32(op.code)) ?? .simdUnary, push(.v128))
                word(a.src, 0)
            case .binary:
                let b = pop(), a = pop()
                emit(Op.simdDedicated(UInt32(op.code)) ?? .simdBinary, push(.v128))
                word(a.src, b.src)
            case .ternary:
                let c = pop(), b = pop(), a = pop()
                emit(.simdTernary, push(.v128))
                word(a.src, b.src)
                word(c.src, 0)
                word(UInt64(op.code))
                return
            case .test:
                let a = pop()
                emit(.simdTest, push(.i32))
                word(a.src, 0)
            case .shift:
                let b = pop(), a = pop()
                emit(.simdShift, push(.v128))
                word(a.src, b.src)
            }
            word(UInt64(op.code))
#endif
        }
    }

    // The memory and numeric instructions, out of `translateOne`: their locals would otherwise
    // all sit in its frame, which debug builds make as large as all its cases together, on the
    // native stack of a function's first call (WASIStackBudgetTests measures it).

    /// Whether table `t` is a table64 (always false in a build without memory64).
    func tableIs64(_ t: UInt32) -> Bool {
#if WISP_NO_MEMORY64
        return false
#else
        return instance.tables[Int(t)].type.is64
#endif
    }

    /// A table64's index, length or delta `o` (popped, resolved), saturated to 32 bits in its own
    /// slot (see `Op.tableIndex64`); `o` itself for a 32-bit table.
    @inline(__always) mutating func index32(_ o: Operand, _ t: UInt32) -> Operand { index32(o, tableIs64(t)) }

    @inline(__always) mutating func index32(_ o: Operand, _ is64: Bool) -> Operand {
        guard is64 else { return o }
        emit(.tableIndex64, o.slot)
        word(o.src, 0)
        return Operand(type: .i32, slot: o.slot, src: o.slot)
    }

    /// The table instructions (out of `translateTableOrMemory` for its frame's sake, like
    /// translateMemoryOp).
#if hasFeature(Embedded)
    @inline(__always)  // (firmware: no debug frames to keep small, and the call costs bytes)
#endif
    mutating func translateTableOp(_ ins: Instruction) {
        switch ins {
        case .tableGet(let t):
            let i = index32(pop(), t)
            let d = push(instance.tables[Int(t)].type.element)
            emit(.tableGet, d)
            word(i.src, 0)
            word(UInt64(UInt(bitPattern: instance.tables[Int(t)].record)))
        case .tableSet(let t):
            let v = pop(), i = index32(pop(), t)
            emit(.tableSet, 0)
            word(i.src, v.src)
            word(UInt64(UInt(bitPattern: instance.tables[Int(t)].record)))
        case .tableSize(let t):
            let d = push(tableIs64(t) ? .i64 : .i32)
            emit(.tableSize, d)
            word(UInt64(UInt(bitPattern: instance.tables[Int(t)].record)))
        case .tableGrow(let t):
            let n = index32(pop(), t), v = pop()
            let d = push(.i32)
            emit(.tableGrow, d)
            word(v.src, n.src)
            word(UInt64(UInt(bitPattern: Unmanaged.passUnretained(instance.tables[Int(t)]).toOpaque())))
            // A table64's grow returns an i64: its -1 sign-extended (sizes stay below 2^31).
            if tableIs64(t) { translateNumeric(.i64ExtendI32S) }
        case .tableFill(let t):
            let n = index32(pop(), t), v = pop(), i = index32(pop(), t)
            emit(.tableFill, i.src)
            word(v.src, n.src)
            word(UInt64(UInt(bitPattern: instance.tables[Int(t)].record)))
        case .tableCopy(let dt, let st):
            let n = index32(pop(), tableIs64(dt) && tableIs64(st)), s = index32(pop(), st), d = index32(pop(), dt)
            emit(.tableCopy, d.src)
            word(s.src, n.src)
            word(UInt64(UInt(bitPattern: instance.tables[Int(dt)].record)))
            word(UInt64(UInt(bitPattern: instance.tables[Int(st)].record)))
        case .tableInit(let e, let t):
            let n = pop(), s = pop(), d = index32(pop(), t)
            emit(.tableInit, d.src)
            word(s.src, n.src)
            word(UInt64(UInt(bitPattern: instance.tables[Int(t)].record)))
            word(UInt64(e))
        default:
            preconditionFailure("not a table instruction")
        }
    }

    /// memory.size, grow, fill, copy and init (out of `translateTableOrMemory`, whose frame the
    /// first call of every function pays for in debug builds, which inline nothing; optimized
    /// builds may inline it back: see translateLoad).
#if hasFeature(Embedded)
    @inline(__always)  // (firmware: no debug frames to keep small, and the call costs bytes)
#endif
    mutating func translateMemoryOp(_ ins: Instruction) {
        switch ins {
        case .memorySize(let m):
            emit(.memorySize, push(memoryIs64(m) ? .i64 : .i32))
            memoryRecordWord(m)
        case .memoryGrow(let m):
            let n = pop()
            let is64 = memoryIs64(m)
            let d = push(is64 ? .i64 : .i32)
            emit(.memoryGrow, d)
            word(n.src, is64 ? 1 : 0)
            memoryRecordWord(m)
        case .memoryFill(let m):
            let n = pop(), v = pop(), d = pop()
            emit(.memoryFill, d.src)
            word(v.src, n.src)
            memoryRecordWord(m)
            word(memoryIs64(m) ? 1 : 0)
        case .memoryCopy(let dm, let sm):
            let n = pop(), s = pop(), d = pop()
            emit(.memoryCopy, d.src)
            word(s.src, n.src)
            memoryRecordWord(dm)
            memoryRecordWord(sm)
            word((memoryIs64(dm) ? 1 : 0) | (memoryIs64(sm) ? 2 : 0))
        case .memoryInit(let seg, let m):
            let n = pop(), s = pop(), d = pop()
            emit(.memoryInit, d.src)
            word(s.src, n.src)
            word(Int(seg), memoryIs64(m) ? 1 : 0)
            memoryRecordWord(m)
        default:
            preconditionFailure("not a memory instruction")
        }
    }

#if !WISP_NO_SIMD
    /// The SIMD loads and stores (out of `translateOne` for its frame's sake, like translateMemoryOp).
    mutating func translateSIMDMemory(_ ins: Instruction) {
        switch ins {
        case .v128Load(let op, let m):
            var a = pop()
            let indirect = isIndirectAccess(m)
            if indirect { a.src = memoryAt(a, m) }
            let offset = indirect ? 0 : Int(truncatingIfNeeded: m.offset)
            let d = push(.v128)
            if op == .v128Load {
                emit(.load128, d)
                word(a.src, offset)
            } else {
                emit(.simdLoad, d)
                word(a.src, offset)
                word(UInt64(op.rawValue))
            }
            if indirect { emit(.memoryRestore) }
        case .v128Store(let m):
            let v = pop()
            var a = pop()
            let indirect = isIndirectAccess(m)
            if indirect { a.src = memoryAt(a, m) }
            emit(.store128, v.src)
            word(a.src, indirect ? 0 : Int(truncatingIfNeeded: m.offset))
            if indirect { emit(.memoryRestore) }
        case .v128LoadLane(let w, let m, let lane):
            let v = pop()
            var a = pop()
            let indirect = isIndirectAccess(m)
            if indirect { a.src = memoryAt(a, m) }
            let d = push(.v128)
            emit(.simdLoadLane, d)
            word(a.src, indirect ? 0 : Int(truncatingIfNeeded: m.offset))
            word(v.src, Int(w.rawValue) | Int(lane) << 8)
            if indirect { emit(.memoryRestore) }
        case .v128StoreLane(let w, let m, let lane):
            let v = pop()
            var a = pop()
            let indirect = isIndirectAccess(m)
            if indirect { a.src = memoryAt(a, m) }
            emit(.simdStoreLane, v.src)
            word(a.src, indirect ? 0 : Int(truncatingIfNeeded: m.offset))
            word(UInt64(w.rawValue) | UInt64(lane) << 8)
            if indirect { emit(.memoryRestore) }
        default:
            preconditionFailure("not a SIMD memory instruction")
        }
    }
#endif

    /// Emits the word naming memory `m`'s record (the record never moves). (Out of line: six
    /// instructions use it, and the firmware's engine has little room.)
    @inline(never)
    mutating func memoryRecordWord(_ m: UInt32) {
#if WISP_NO_MULTI_MEMORY
        word(UInt64(UInt(bitPattern: function.record.pointee.memory0)))
#else
        word(UInt64(UInt(bitPattern: m == 0 ? function.record.pointee.memory0 : instance.memories[Int(m)].record)))
#endif
    }

    /// Whether memory `m` is a memory64 (always false in a build without memory64).
    func memoryIs64(_ m: UInt32) -> Bool {
#if WISP_NO_MEMORY64
        return false
#else
        return instance.memories[Int(m)].type.is64
#endif
    }

    /// Whether an access with immediate `m` goes through `memoryAt` (another memory than 0, or
    /// a memory64) rather than the memory registers directly.
    @inline(__always) func isIndirectAccess(_ m: MemArg) -> Bool {
#if WISP_NO_MEMORY64 && WISP_NO_MULTI_MEMORY
        return false
#else
        return m.memory != 0 || memoryIs64(m.memory)
#endif
    }

    /// For an access to another memory than 0 or to a memory64: emits `memoryAt` for address
    /// `a` (popped and resolved, the top of the stack's slot) and returns the slot of the address
    /// the access then reads (0 there, with offset 0). The caller emits the plain access reading
    /// it, then `memoryRestore`. No fusion applies: the access does not follow its address's producer.
    mutating func memoryAt(_ a: Operand, _ m: MemArg) -> Int {
        let tmp = push(.i32)
        _ = popRaw()
        emit(.memoryAt, tmp)
        word(a.src, memoryIs64(m.memory) ? 1 : 0)
        word(m.offset)
        memoryRecordWord(m.memory)
        return tmp
    }

    /// A load through `memoryAt` (out of translateLoad, whose frame every first call pays for).
    mutating func translateIndirectLoad(_ irOp: Op, _ type: ValueType, _ m: MemArg) {
        let tmp = memoryAt(pop(), m)
        emit(irOp, push(type))
        word(tmp, 0)
        emit(.memoryRestore)
    }

    /// A store through `memoryAt`; `immediate` is the value when it rides in word 0.
    mutating func translateIndirectStore(_ irOp: Op, _ immediate: Int32?, _ rawValue: Operand, _ rawAddress: Operand, _ m: MemArg) {
        let v = immediate == nil ? resolve(rawValue) : rawValue
        let tmp = memoryAt(resolve(rawAddress), m)
        emit(irOp, immediate.map { Int($0) } ?? v.src)
        word(tmp, 0)
        emit(.memoryRestore)
    }

    mutating func translateLoad(_ op: LoadOp, _ m: MemArg) {
        let irOp: Op
        switch op {
        case .i32Load, .f32Load, .i64Load32U: irOp = .load32
        case .i64Load, .f64Load: irOp = .load64
        case .i32Load8S: irOp = .load8S32
        case .i32Load8U, .i64Load8U: irOp = .load8U
        case .i32Load16S: irOp = .load16S32
        case .i32Load16U, .i64Load16U: irOp = .load16U
        case .i64Load8S: irOp = .load8S64
        case .i64Load16S: irOp = .load16S64
        case .i64Load32S: irOp = .load32S64
        }
        if isIndirectAccess(m) { return translateIndirectLoad(irOp, op.type, m) }
        let rawAddress = popRaw()
        if fusionEnabled, irOp == .load64, let c = rawAddress.constant {
            emitProducing(.load64K, push(op.type), type: op.type)
            word(UInt64(UInt32(truncatingIfNeeded: c)) + UInt64(m.offset))
        } else if let fused = Op.addressAdding(irOp), let add = takeAddImmediate(rawAddress) {
            let fromAcc = fusionEnabled && fused.accumulatorKind != nil && takeAccumulator(slot: lo32(add))
            emitProducing(fused, push(op.type), type: op.type)
            if fromAcc { setAccumulatorMode(AccumulatorMode.l) }
            word(lo32(add), Int(truncatingIfNeeded: m.offset))
            word(add >> 32)
        } else if let fused = Op.addressAddingRegisters(irOp), let add = takeAdd(rawAddress, .i32Add) {
            let mode = fused.accumulatorKind == nil ? 0 : takeAccumulator(slot: hi32(add)) ? AccumulatorMode.r
                : takeAccumulator(slot: lo32(add)) ? AccumulatorMode.l : 0
            emitProducing(fused, push(op.type), type: op.type)
            setAccumulatorMode(mode)
            word(add)
            word(UInt64(m.offset))
        } else if fusionEnabled, irOp.accumulatorKind == .load, let shl = takeShift(rawAddress) {
            // [op|dst] [a | offset << 32] [k]: the address is a << k (mode S).
            emitProducing(irOp, push(op.type), type: op.type)
            setAccumulatorMode(AccumulatorMode.scaled | shl.mode)
            word(lo32(shl.operands), Int(truncatingIfNeeded: m.offset))
            word(shl.operands >> 32)
        } else {
            let a = resolve(rawAddress)
            let fromAcc = fusionEnabled && irOp.accumulatorKind != nil && takeAccumulator(a)
            emitProducing(irOp, push(op.type), type: op.type)
            if fromAcc { setAccumulatorMode(AccumulatorMode.l) }
            word(a.src, Int(truncatingIfNeeded: m.offset))
        }
    }

    mutating func translateStore(_ op: StoreOp, _ m: MemArg) {
        let rawValue = popRaw(), rawAddress = popRaw()
        // A constant value that survives a round trip through a sign-extended imm32 (any
        // value for the narrow widths, which keep only their low bytes) rides in word 0.
        let immediate: Int32?
        if fusionEnabled, let c = rawValue.constant, op.width < 8 || Int64(bitPattern: c) == Int64(Int32(truncatingIfNeeded: c)) {
            immediate = Int32(truncatingIfNeeded: c)
        } else {
            immediate = nil
        }
        let irOp: Op
        switch (op.width, immediate != nil) {
        case (1, false): irOp = .store8
        case (2, false): irOp = .store16
        case (4, false): irOp = .store32
        case (_, false): irOp = .store64
        case (1, true): irOp = .store8I
        case (2, true): irOp = .store16I
        case (4, true): irOp = .store32I
        default: irOp = .store64I
        }
        if isIndirectAccess(m) { return translateIndirectStore(irOp, immediate, rawValue, rawAddress, m) }
        if fusionEnabled, irOp == .store64, let c = rawAddress.constant {
            // A constant address: the effective address rides in the instruction.
            emit(.store64K, resolve(rawValue).src)
            word(UInt64(UInt32(truncatingIfNeeded: c)) + UInt64(m.offset))
            return
        }
        // The address's i32.add of a constant, if it was the last instruction, moves into the store.
        let add = takeAddImmediate(rawAddress)
        let a = add == nil ? resolve(rawAddress) : rawAddress
        let v = immediate == nil ? resolve(rawValue) : rawValue
        var mode: UInt64 = 0
        let producer = lastDst
        if fusionEnabled, add == nil, irOp.accumulatorKind != nil {
            mode = takeAccumulator(v) ? AccumulatorMode.r : takeAccumulator(a) ? AccumulatorMode.l : 0
        }
        if mode == AccumulatorMode.r, irOp == .store64, let p = producer, starts.last == Int32(p.pos),
           let fused = decodeOp(code[p.pos]).withStore, AccumulatorKind.binaryStore.modes.contains(accumulatorMode(p.pos)) {
            // The f64 operator just before computed the value, into the accumulator: it does the
            // store too. The store's words follow it, undispatched, with their pc-map entry.
            code[p.pos] = (code[p.pos] & ~0xFFFF) | UInt64(fused.rawValue)
            emitOperandsOnly(irOp, v.src)
            word(a.src, Int(truncatingIfNeeded: m.offset))
            return
        }
        emit(add == nil ? irOp : Op.storeAddressAdding(irOp)!, immediate.map { Int($0) } ?? v.src)
        setAccumulatorMode(mode)
        word(add.map { lo32($0) } ?? a.src, Int(truncatingIfNeeded: m.offset))
        if let add = add { word(add >> 32) }
    }

#if !WISP_NO_WIDE_ARITHMETIC
    /// Two results in consecutive slots, low then high. Emitted plainly (not as a producing
    /// instruction), so nothing retargets its destination: a retarget moves one slot, not two.
    mutating func translateWideArithmetic(_ op: WideArithmeticOp) {
        switch op {
        case .i64Add128, .i64Sub128:
            let bHi = pop(), bLo = pop(), aHi = pop(), aLo = pop()
            let d = push(.i64)
            _ = push(.i64)
            emit(op == .i64Add128 ? .i64Add128 : .i64Sub128, d)
            word(aLo.src, aHi.src)
            word(bLo.src, bHi.src)
        case .i64MulWideS, .i64MulWideU:
            let b = pop(), a = pop()
            let d = push(.i64)
            _ = push(.i64)
            emit(op == .i64MulWideS ? .i64MulWideS : .i64MulWideU, d)
            word(a.src, b.src)
        }
    }
#endif

    mutating func translateNumeric(_ n: NumericOp) {
        let types = n.types
        let result = ValueType(rawValue: UInt32(types.result))
        if types.second != 0 {
            var b = popRaw(), a = popRaw()
            var op = n
            // A constant on the left of a commutative or mirrored operator moves to the right.
            if a.constant != nil, b.constant == nil, let m = Op.mirrored(n) {
                swap(&a, &b)
                op = m
            }
            if (a.constant == nil) != (b.constant == nil), let kop = Op.withConstant(op, left: a.constant != nil) {
                // An f64 operator with one constant: the constant travels in the instruction.
                let x = a.constant == nil ? a : b
                let fromAcc = fusionEnabled && kop.accumulatorKind != nil && takeAccumulator(x)
                let d = push(result)
                emitProducing(kop, d, type: result)
                if fromAcc { setAccumulatorMode(AccumulatorMode.l) }
                word(x.src, 0)
                word(a.constant ?? b.constant!)
            } else if let c = b.constant, let imm = Op.immediate(op, c) {
                let ra = resolve(a)
                // A chain through the accumulator beats joining the two adds (i32AddI2), whose
                // second would read the first's result from the slot just written.
                let fromAcc = fusionEnabled && imm.op.accumulatorKind != nil && takeAccumulator(ra)
                let d = push(result)
                let first = imm.op == .i32AddI && !fromAcc && pairAddI == nil && lastAddI == code.count - 2 ? lastAddI : nil
                emitProducing(imm.op, d, type: result)
                if fromAcc { setAccumulatorMode(AccumulatorMode.l) }
                word(ra.src, Int(truncatingIfNeeded: imm.value))
                if imm.op == .i32AddI {
                    lastAddI = code.count - 2
                    pairAddI = first
                }
            } else {
                let ra = resolve(a), rb = resolve(b)
                let irOp = Op.numeric(op)
                var mode: UInt64 = 0
                var load: UInt64? = nil
                if fusionEnabled, let kind = irOp.accumulatorKind {
                    if kind == .binaryMemory, let l = takeLoad(rb, irOp.memoryOperandLoad) {
                        load = l
                        mode = AccumulatorMode.memoryRight | (takeAccumulator(ra) ? AccumulatorMode.l : 0)
                    } else {
                        mode = takeAccumulator(rb) ? AccumulatorMode.r : takeAccumulator(ra) ? AccumulatorMode.l : 0
                    }
                }
                let d = push(result)
                emitProducing(irOp, d, type: result)
                setAccumulatorMode(mode)
                if let l = load {
                    // [op|dst] [a | address slot << 32] [offset]
                    word(ra.src, lo32(l))
                    word(l >> 32)
                } else {
                    word(ra.src, rb.src)
                }
            }
        } else {
            let a = pop()
            let fromAcc = fusionEnabled && Op.numeric(n).accumulatorKind != nil && takeAccumulator(a)
            let d = push(result)
            emitProducing(Op.numeric(n), d, type: result)
            if fromAcc { setAccumulatorMode(AccumulatorMode.l) }
            word(a.src, 0)
        }
    }

    /// Places the arguments in consecutive natural slots (the callee's frame starts at the first),
    /// emits the call, and pushes the results where the callee leaves them.
#if !WISP_NO_FUNCTION_REFERENCES
    /// call_ref, return_call_ref, ref.as_non_null, br_on_null and br_on_non_null. (Out of
    /// `translateOne`, whose frame is on the first translation's native stack budget.)
    @inline(never)
    mutating func translateFunctionReference(_ ins: Instruction) {
        switch ins {
        case .callRef(let ti):
            let ref = pop()
            let type = module.types[Int(ti)]
            emitCall(params: type.parameters, results: type.results) { t, argBase in
                t.emit(t.metered ? .callRefF : .callRef, argBase)
                t.word(ref.src, 0)
            }
        case .returnCallRef(let ti):
#if WISP_NO_TAIL_CALLS
            _ = ti
#else
            // The reference goes to its natural slot first, above the arguments (see
            // return_call_indirect).
            materialize(stack.count - 1)
            let ref = pop()
            emitTailCall(paramCount: module.types[Int(ti)].parameters.count)
            emit(.returnCallRef)
            word(ref.src, 0)
            setUnreachable()
#endif
        case .refAsNonNull:
            materialize(stack.count - 1)
            emit(.refAsNonNull, stack[stack.count - 1].slot)
        case .brOnNull(let d):
            // [labels..., ref]: the test goes to the slot above the reference, which leaves the
            // model while the branch carries the labels, and comes back for the way on.
            materialize(stack.count - 1)
            let c = push(.i32)
            emit(.refIsNull, c)
            word(stack[stack.count - 2].slot, 0)
            let ref = stack.remove(at: stack.count - 2)
            translateBranch(.brIf(UInt32(d)))
            truncate(to: stack.count)
            stack.append(ref)
            top = ref.slot + 1
            if top > maxSlot { maxSlot = top }
        case .brOnNonNull(let d):
            // [labels..., ref], the reference the label's last value: branch when it is not null,
            // else drop it.
            materialize(stack.count - 1)
            let c = push(.i32)
            emit(.refIsNull, c)
            word(stack[stack.count - 2].slot, 0)
            translateOne(.numeric(.i32Eqz))
            translateBranch(.brIf(UInt32(d)))
            _ = popRaw()
        default:
            break
        }
    }
#endif

    mutating func emitCall(params: [ValueType], results: [ValueType], _ emitInstruction: (inout Translator, Int) -> Void) {
        let n = params.count
        for i in (stack.count - n)..<stack.count { materialize(i) }
        let argBase = n > 0 ? stack[stack.count - n].slot : top
        for _ in 0..<n { _ = popRaw() }
        // Operands below the arguments that still alias locals stay valid: the callee cannot
        // change this frame's locals.
        emitInstruction(&self, argBase)
        for t in results { _ = push(t) }
        // The callee's frame overlaps ours from argBase; make sure our frame size covers its results.
        if top > maxSlot { maxSlot = top }
    }

#if !WISP_NO_TAIL_CALLS
    /// Moves a tail call's `n` arguments to slots 0 on (the callee's frame is this frame), through
    /// their natural slots as a multi-value return does: each source then lies at or above its
    /// destination, so copying in ascending order reads every argument before it is overwritten.
    mutating func emitTailCall(paramCount n: Int) {
        for i in (stack.count - n)..<stack.count { materialize(i) }
        moveTop(n, to: 0)
    }
#endif

    mutating func setLocal(_ i: Int, keep: Bool) {
        let slot = localSlotOf[i]
        let producer = lastDst
        let v = popRaw()
        if i < knownZero.count, knownZero[i] {
            if !keep, v.constant == 0 {
                lastDst = nil
                lastWrite = nil
                return
            }
            knownZero[i] = false
        }
        // Operands that still read the local must get their own copy before it changes.
        var aliased = false
        for j in stack.indices where stack[j].src == slot && stack[j].constant == nil {
            materialize(j)
            aliased = true
        }
        if !aliased, v.constant == nil, v.src == v.slot, let p = producer, p.slot == v.slot {
            // The value was computed by the instruction just before: make it write the local.
            code[p.pos] = (code[p.pos] & 0xFFFF_FFFF) | (UInt64(UInt32(truncatingIfNeeded: slot)) << 32)
            if let w = lastWrite, w.pos == p.pos { lastWrite = (w.pos, slot) }
        } else {
            emitMove(v, to: slot)
        }
        lastDst = nil
        if keep { pushLocal(v.type, src: slot) }
    }
}
