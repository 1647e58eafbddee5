import Synchronization

// Live call stacks: how the running interpreter tells other threads (and signal handlers) where
// it is, without locks, allocation or stopping.
//
// What is published, per store:
//   - `functions[i]`: the FunctionRecord address of frame i (0 = outermost), host frames included;
//   - `pcs[i]`: the position in frame i: for a frame below the top, the call instruction it is
//     executing; for the top frame, its last check point (entry, loop back-edge, or branch);
//   - `depth`: how many frames are valid.
// Frame i lives in slot i mod capacity (a power of two, at most 4,096): a deeper stack is
// published as its innermost `capacity` frames.
// The interpreter is the only writer. Changes to the frame structure (calls, returns, host
// calls, traps, suspension) happen inside a sequence lock: `sequence` goes odd, the slots are
// written, `sequence` goes even with release ordering. A reader takes `sequence` (acquire), copies
// depth, functions and pcs, fences (acquire), and re-reads `sequence`: if it is odd or changed,
// the copy may mix two states and the reader retries (a bounded number of times). So a reader
// never returns a torn stack: every frame it returns existed together at one moment.
// The top frame's pc alone is also updated at loop back-edges *outside* the lock (one relaxed
// store, to keep loops cheap); it is a single word, so it cannot tear, and the reader accepts it
// only if it lies inside that frame's translated code.
// Every slot is an atomic (relaxed loads and stores are plain moves on x86-64 and arm64), so the
// protocol has no data race in the language's sense and passes ThreadSanitizer.
// A FunctionRecord's fields are written before the function first runs (translation happens
// before the call that publishes it), so the release/acquire pair on `sequence` also makes the
// record's code and pc map visible to the reader.

final class StackPublication: @unchecked Sendable {
    let capacity: Int
    let sequence: UnsafeMutablePointer<Atomic<UInt>>
    let depth: UnsafeMutablePointer<Atomic<Int>>
    let functions: UnsafeMutablePointer<Atomic<UInt>>
    let pcs: UnsafeMutablePointer<Atomic<UInt>>
    /// The executor whose frames fill the slots (writer-side bookkeeping only: readers never look).
    /// A suspended call that resumes while it is still the owner only has to restore `depth`.
    var owner: ObjectIdentifier? = nil

    /// `capacity` slots, rounded up to a power of two: frame i lives in slot i mod capacity, so a
    /// stack deeper than the capacity keeps its innermost frames (the ones a profiler and a stuck
    /// guest's diagnosis need) and a capture loses only the outermost.
    init(capacity requested: Int) {
        var c = 16
        while c < requested { c <<= 1 }
        self.capacity = c
        sequence = .allocate(capacity: 1)
        sequence.initialize(to: Atomic(0))
        depth = .allocate(capacity: 1)
        depth.initialize(to: Atomic(0))
        // The slots are left as the allocator gives them: a slot is stored before `depth` covers
        // it and no reader looks at one above `depth`, and an Atomic<UInt> is one plain word.
        // Initializing them would touch every page: 16 bytes per frame of the maximum call depth
        // (1.6 MB at the default 100,000) resident in every store, used or not.
        functions = UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Atomic<UInt>>.stride,
                                                     alignment: MemoryLayout<Atomic<UInt>>.alignment)
            .bindMemory(to: Atomic<UInt>.self, capacity: capacity)
        pcs = UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Atomic<UInt>>.stride,
                                               alignment: MemoryLayout<Atomic<UInt>>.alignment)
            .bindMemory(to: Atomic<UInt>.self, capacity: capacity)
    }

    deinit {
        sequence.deinitialize(count: 1); sequence.deallocate()
        depth.deinitialize(count: 1); depth.deallocate()
        functions.deallocate()
        pcs.deallocate()
    }

    // MARK: Writer (the interpreter's thread only)

    /// The slots as a value: the interpreter keeps a copy, so publishing costs no reference counting.
    var slots: PublicationSlots { PublicationSlots(mask: capacity - 1, sequence: sequence, depth: depth, functions: functions, pcs: pcs) }

    @inline(__always) func pushFrame(_ index: Int, function: UnsafeMutablePointer<FunctionRecord>,
                                     pc: UnsafeMutablePointer<UInt64>?, callerPC: UnsafeMutablePointer<UInt64>?) {
        slots.pushFrame(index, function: function, pc: pc, callerPC: callerPC)
    }

    @inline(__always) func popTo(_ count: Int, pc: UnsafeMutablePointer<UInt64>?) {
        slots.popTo(count, pc: pc)
    }

    // MARK: Reader (any thread, or a signal handler)

    /// Copies a consistent stack into `out` (innermost first): each frame's `function` and `pc`
    /// addresses. Returns the number of frames written, or -1 if no consistent copy could be made
    /// in a bounded number of tries (the writer kept changing the frames, or the caller interrupted
    /// the writer mid-update on its own thread). Allocation-free and lock-free: async-signal-safe.
    func read(into out: UnsafeMutableBufferPointer<CapturedFrame>) -> Int {
        var attempt = 0
        while attempt < 64 {
            attempt += 1
            let s1 = sequence.pointee.load(ordering: .acquiring)
            if s1 & 1 == 1 { continue }
            let d = depth.pointee.load(ordering: .relaxed)
            let lowest = max(0, d - capacity)
            var n = 0
            var i = d - 1
            while i >= lowest && n < out.count {
                out[n].function = functions[i & (capacity - 1)].load(ordering: .relaxed)
                out[n].pc = pcs[i & (capacity - 1)].load(ordering: .relaxed)
                n += 1
                i -= 1
            }
            atomicMemoryFence(ordering: .acquiring)
            if sequence.pointee.load(ordering: .relaxed) == s1 { return n }
        }
        return -1
    }
}

/// The writer's side of a StackPublication: its slot addresses, and the writes the protocol above
/// describes.
struct PublicationSlots {
    /// capacity - 1 (the capacity is a power of two): frame i is in slot i & mask.
    let mask: Int
    let sequence: UnsafeMutablePointer<Atomic<UInt>>
    let depth: UnsafeMutablePointer<Atomic<Int>>
    let functions: UnsafeMutablePointer<Atomic<UInt>>
    let pcs: UnsafeMutablePointer<Atomic<UInt>>

    @inline(__always) func beginWrite() -> UInt {
        let s = sequence.pointee.load(ordering: .relaxed) &+ 1
        sequence.pointee.store(s, ordering: .relaxed)
        atomicMemoryFence(ordering: .releasing)
        return s
    }

    @inline(__always) func endWrite(_ s: UInt) {
        sequence.pointee.store(s &+ 1, ordering: .releasing)
    }

    /// Frame `index` now runs `function` at `pc`; the frame below it sits at `callerPC`.
    @inline(__always) func pushFrame(_ index: Int, function: UnsafeMutablePointer<FunctionRecord>,
                                     pc: UnsafeMutablePointer<UInt64>?, callerPC: UnsafeMutablePointer<UInt64>?) {
        let s = beginWrite()
        if index > 0, let c = callerPC { pcs[(index - 1) & mask].store(UInt(bitPattern: c), ordering: .relaxed) }
        functions[index & mask].store(UInt(bitPattern: function), ordering: .relaxed)
        pcs[index & mask].store(pc.map { UInt(bitPattern: $0) } ?? 0, ordering: .relaxed)
        depth.pointee.store(index + 1, ordering: .relaxed)
        endWrite(s)
    }

    /// Only `count` frames remain; the top one is at `pc`.
    @inline(__always) func popTo(_ count: Int, pc: UnsafeMutablePointer<UInt64>?) {
        let s = beginWrite()
        if count > 0, let pc = pc { pcs[(count - 1) & mask].store(UInt(bitPattern: pc), ordering: .relaxed) }
        depth.pointee.store(count, ordering: .relaxed)
        endWrite(s)
    }

    // A loop back-edge stores the top frame's pc itself, through `VMState.topPC` (one store).
}
