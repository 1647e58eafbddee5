// Throwing and catching: how an exception finds its handler.
//
// Translation turns every catch clause of a `try_table` into an entry of its function's catch
// table (after the pc map in the code buffer) and a landing pad: code that takes the clause's
// values from natural slots and branches to the clause's label, as a `br` would. An entry is
// three words:
//   [body start | body end << 32]  code indices: the instructions the clause covers
//   [pad | slot << 32]             where the pad starts; the first slot of the values it takes
//   [TagRecord* | ref]             the tag it catches (0: any), bit 0 set for the _ref kinds
// Entries of inner try_tables come first (a try_table's entries are added at its end), so the
// first entry that covers a pc and matches is the innermost handler.
//
// Unwinding walks the VM frame stack, which holds each caller's frame pointer, function and
// return address: the same records as a return, so nothing is recorded on the way in and
// code without exceptions pays nothing. A frame's position is its pc (the throw) or its
// return address minus one (inside the call instruction that is still running).

#if !WISP_NO_EXCEPTIONS
extension VMState {
    /// What `enterSlow` returns when the host function it called let an exception through:
    /// `callSlow` then raises `pendingException` from the call instruction.
    static let raiseInCaller: UInt = 2

    /// Whether a host function's trap is a WebAssembly exception to raise in its caller (then
    /// in `pendingException`). Out of line: `enterSlow` is on the deepest native-stack path.
    @inline(never)
    mutating func rethrow(_ error: Trap) -> Bool {
        guard error.kind == .uncaughtException, let e = error.exception else { return false }
        pendingException = e.record
        return true
    }

    /// `throw`: a new exception of the tag at `pc[1]` with the payload at `fp + first slot`.
    @inline(never)
    mutating func throwTag(_ pc: Code, _ fp: Slots, _ md: UnsafeMutableRawPointer, _ ms: UInt64, _ fuel: UInt64) -> UInt {
        let tag = UnsafeMutablePointer<TagRecord>(bitPattern: UInt(pc[1]))!
        let e = ExceptionRecord.allocate(tag: tag)
        ExceptionRecord.payload(e).initialize(from: fp + hi32(pc[0]), count: tag.pointee.payloadSlots)
        return unwind(e, pc, fp, md, ms, fuel)
    }

    /// Transfers control to the innermost handler of `e` from `pc` in the running function,
    /// popping frames that have none; leaves the registers in slowPC...slowFuel. If the run's
    /// entry frame has no handler either, the run ends with `.uncaughtException` and the
    /// exception in `pendingException`.
    /// Cost: linear in the frames popped and the catch clauses of their functions.
    @inline(never)
    mutating func unwind(_ e: UnsafeMutablePointer<ExceptionRecord>, _ pc0: Code, _ fp0: Slots,
                         _ md0: UnsafeMutableRawPointer, _ ms0: UInt64, _ fuel0: UInt64) -> UInt {
        var pc = pc0, fp = fp0, md = md0, ms = ms0
        let fuel = fuel0
        defer { slowPC = pc; slowFP = fp; slowMD = md; slowMS = ms; slowFuel = fuel }
        var f = fn
        while true {
            if let code = f.pointee.code, f.pointee.catchCount > 0 {
                let offset = pc - code
                let table = code + f.pointee.codeCount + f.pointee.pcMapCount
                for i in 0..<f.pointee.catchCount {
                    let w0 = table[3 * i], w1 = table[3 * i + 1], w2 = table[3 * i + 2]
                    guard offset >= Int(UInt32(truncatingIfNeeded: w0)), offset < Int(w0 >> 32) else { continue }
                    let tagBits = w2 & ~1
                    if tagBits != 0 && tagBits != UInt64(UInt(bitPattern: e.pointee.tag)) { continue }
                    var dst = fp + Int(w1 >> 32)
                    if tagBits != 0 {
                        let n = e.pointee.tag.pointee.payloadSlots
                        dst.update(from: ExceptionRecord.payload(e), count: n)
                        dst += n
                    }
                    if w2 & 1 != 0 {
                        executor.store.exceptions.expose(e)
                        dst[0] = UInt64(UInt(bitPattern: e))
                    } else if !e.pointee.exposed {
                        // No exnref to it was ever made: nothing can reach it any more.
                        ExceptionRecord.free(e)
                    }
                    pc = code + Int(UInt32(truncatingIfNeeded: w1))
                    fn = f
                    if f.pointee.memory0 != mem {
                        mem = f.pointee.memory0
                        md = mem?.pointee.base ?? UnsafeMutableRawPointer(stackBase)
                    }
                    ms = UInt64(mem?.pointee.byteCount ?? 0)
                    pub.popTo(depth, pc: pc)
                    return 0
                }
            }
            let frame = frames[depth - 1]
            guard let rpc = frame.returnPC, let caller = frame.function else {
                // The run's entry frame: the exception leaves the run.
                fn = f
                pendingException = e
                trap = .uncaughtException
                return stop(pc, fp, fuel)
            }
            depth -= 1
            fp = frame.fp
            pc = rpc - 1
            f = caller
        }
    }
}
#endif
