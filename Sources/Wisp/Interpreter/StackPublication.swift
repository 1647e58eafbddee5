import Synchronization

// Live call stacks: how the running interpreter tells other threads (and signal handlers) where
// it is, without locks, allocation or stopping.
//
// What is published, per store:
//   - frame i's function: its FunctionRecord address (0 = outermost), host frames included;
//   - frame i's pc: the position in frame i: for a frame below the top, the call instruction it is
//     executing; for the top frame, its last check point (entry, loop back-edge, or branch);
//   - `state`: how many frames are valid (bits 0-31; 0-19 on 32-bit targets), a busy bit (32; 20)
//     and a generation (the bits above) that every change of the frame structure advances.
// Frame i lives in slot i mod capacity (a power of two, at most 4,096): a deeper stack is
// published as its innermost `capacity - 1` frames.
// The interpreter is the only writer. A call publishes its frame with no lock: it writes the
// new frame's slots (at index depth, which no reader of the current state looks at: a reader
// takes at most capacity - 1 frames below depth, so even the ring's wrap-around cannot reach
// it), then stores `state` with the depth one higher and a new generation (release). A return
// only stores `state`. Slots a reader may be copying are rewritten only after a state change
// made them free (a return, then a call), and the writer fences (release) between that change
// and the rewrite; so a reader that copied any rewritten word sees a new `state` when it
// re-reads it (after an acquire fence) and retries. A reader takes `state` (acquire; busy:
// retry), copies the frames, fences (acquire), and re-reads `state`: unchanged means the copy
// is one state of the stack. So a reader never returns a torn stack, and a call or return costs
// the interpreter a few plain stores (the seqlock's odd/even stores, and its fences, are gone
// from the hot path; measured in fib: docs/interpreter.md). Changes that rewrite frames in place
// (a tail call replacing the top frame's function, republishing a resumed call's frames) set the
// busy bit first, as a sequence lock does.
// The top frame's pc alone is also updated outside the protocol (one relaxed store: at loop
// back-edges, and for the caller's call site on a call): it is a single word holding a position
// in that same frame's function, so it cannot tear, and the reader accepts it only if it lies
// inside that frame's translated code.
// Every slot is an atomic (relaxed loads and stores are plain moves on x86-64 and arm64), so the
// protocol has no data race in the language's sense and passes ThreadSanitizer.
// A FunctionRecord's fields are written before the function first runs (translation happens
// before the call that publishes it), so the release/acquire pair on `state` also makes the
// record's code and pc map visible to the reader.

final class StackPublication: @unchecked Sendable {
    let capacity: Int
    /// depth | busy | generation (see above and PublicationSlots).
    let state: UnsafeMutablePointer<Atomic<UInt>>
    /// Frame i's function and pc: words 2i and 2i + 1 of slot i mod capacity (one allocation,
    /// so a call reaches both through one base address).
    let words: UnsafeMutablePointer<Atomic<UInt>>
    /// The executor whose frames fill the slots (writer-side bookkeeping only: readers never look).
    /// A suspended call that resumes while it is still the owner only has to restore the depth.
    var owner: ObjectIdentifier? = nil

    /// `capacity` slots, rounded up to a power of two: frame i lives in slot i mod capacity, so a
    /// stack deeper than the capacity keeps its innermost frames (the ones a profiler and a stuck
    /// guest's diagnosis need) and a capture loses only the outermost.
    init(capacity requested: Int) {
        var c = 16
        while c < requested { c <<= 1 }
        self.capacity = c
        state = .allocate(capacity: 1)
        state.initialize(to: Atomic(0))
        // The slots are left as the allocator gives them: a slot is stored before the depth covers
        // it and no reader looks at one above the depth, and an Atomic<UInt> is one plain word.
        // Initializing them would touch every page: 16 bytes per frame of the maximum call depth
        // (1.6 MB at the default 100,000) resident in every store, used or not.
        words = UnsafeMutableRawPointer.allocate(byteCount: 2 * capacity * MemoryLayout<Atomic<UInt>>.stride,
                                                 alignment: MemoryLayout<Atomic<UInt>>.alignment)
            .bindMemory(to: Atomic<UInt>.self, capacity: 2 * capacity)
    }

    deinit {
        state.deinitialize(count: 1); state.deallocate()
        words.deallocate()
    }

    // MARK: Writer (the interpreter's thread only)

    /// The slots as a value: the interpreter keeps a copy, so publishing costs no reference counting.
    var slots: PublicationSlots { PublicationSlots(mask: capacity - 1, state: state, words: words) }

    // MARK: Reader (any thread, or a signal handler)

    /// Copies a consistent stack into `out` (innermost first): each frame's `function` and `pc`
    /// addresses. Returns the number of frames written, or -1 if no consistent copy could be made
    /// in a bounded number of tries (the writer kept changing the frames, or the caller interrupted
    /// the writer mid-update on its own thread). Allocation-free and lock-free: async-signal-safe.
    func read(into out: UnsafeMutableBufferPointer<CapturedFrame>) -> Int {
        var attempt = 0
        while attempt < 64 {
            attempt += 1
            let s1 = state.pointee.load(ordering: .acquiring)
            if s1 & PublicationSlots.busy != 0 { continue }
            let d = Int(truncatingIfNeeded: s1 & (PublicationSlots.busy &- 1))
            // capacity - 1 frames at most: the slot of frame d is the one a call writes next.
            let lowest = max(0, d - (capacity - 1))
            var n = 0
            var i = d - 1
            while i >= lowest && n < out.count {
                let slot = words + 2 * (i & (capacity - 1))
                out[n].function = slot[0].load(ordering: .relaxed)
                out[n].pc = slot[1].load(ordering: .relaxed)
                n += 1
                i -= 1
            }
            atomicMemoryFence(ordering: .acquiring)
            if state.pointee.load(ordering: .relaxed) == s1 { return n }
        }
        return -1
    }
}

/// The writer's side of a StackPublication: its slot addresses, and the writes the protocol above
/// describes.
struct PublicationSlots {
    /// Bits of `state` holding the depth: 32 on 64-bit targets, 20 on 32-bit ones (a million
    /// frames), leaving 11 bits of generation there.
    static let depthBits = UInt.bitWidth == 64 ? 32 : 20
    static let busy: UInt = 1 << depthBits
    static let generation: UInt = busy << 1
    /// capacity - 1 (the capacity is a power of two): frame i is in slot i & mask.
    let mask: Int
    let state: UnsafeMutablePointer<Atomic<UInt>>
    let words: UnsafeMutablePointer<Atomic<UInt>>

    /// Frame `index`'s function word (its pc word follows).
    @inline(__always) func slot(_ index: Int) -> UnsafeMutablePointer<Atomic<UInt>> { words + ((index & mask) &<< 1) }

    /// Frame `index` (the published depth is `index`) now runs `function` at `pc`; the frame below
    /// it sits at `callerPC`. No lock: see the protocol above.
    @inline(__always) func push(_ index: Int, function: UnsafeMutablePointer<FunctionRecord>,
                                pc: UnsafeMutablePointer<UInt64>?, callerPC: UnsafeMutablePointer<UInt64>?) {
        if let c = callerPC { slot(index &- 1)[1].store(UInt(bitPattern: c), ordering: .relaxed) }
        // The state change that freed slot `index` (a return) comes before its rewrite.
        atomicMemoryFence(ordering: .releasing)
        set(index, function: function, pc: pc)
        let s = state.pointee.load(ordering: .relaxed)
        state.pointee.store(PublicationSlots.next(s, depth: index + 1), ordering: .releasing)
    }

    /// The interpreter's own call and return (VMState.enter and op_ret): the published depth is
    /// the interpreter's there, so the new state is the old one plus a constant.
    static let pushed: UInt = generation &+ 1
    static let popped: UInt = generation &- 1

    /// A call from the top frame (already at its call site) to frame `index`.
    @inline(__always) func pushCall(_ index: Int, function: UnsafeMutablePointer<FunctionRecord>, pc: UnsafeMutablePointer<UInt64>) {
        // The state change that freed slot `index` (a return) comes before its rewrite.
        atomicMemoryFence(ordering: .releasing)
        set(index, function: function, pc: pc)
        state.pointee.store(state.pointee.load(ordering: .relaxed) &+ PublicationSlots.pushed, ordering: .releasing)
    }

    /// A return to the frame below (whose pc the caller stores).
    @inline(__always) func popReturn() {
        state.pointee.store(state.pointee.load(ordering: .relaxed) &+ PublicationSlots.popped, ordering: .releasing)
    }

    /// Only `count` frames remain (or are shown again, for a resumed call whose slots still hold
    /// them); the top one is at `pc`.
    @inline(__always) func popTo(_ count: Int, pc: UnsafeMutablePointer<UInt64>?) {
        if count > 0, let pc = pc { slot(count - 1)[1].store(UInt(bitPattern: pc), ordering: .relaxed) }
        endRewrite(state.pointee.load(ordering: .relaxed), count: count)
    }

    /// Starts rewriting frames in place (readers retry until `endRewrite`).
    @inline(__always) func beginRewrite() -> UInt {
        let s = state.pointee.load(ordering: .relaxed)
        state.pointee.store(s | PublicationSlots.busy, ordering: .relaxed)
        atomicMemoryFence(ordering: .releasing)
        return s
    }

    /// Publishes `count` frames after a rewrite that `beginRewrite` returned `s` for.
    @inline(__always) func endRewrite(_ s: UInt, count: Int) {
        state.pointee.store(PublicationSlots.next(s, depth: count), ordering: .releasing)
    }

    /// The state after `s` with `depth` frames: a new generation, not busy.
    @inline(__always) static func next(_ s: UInt, depth: Int) -> UInt {
        ((s & ~(generation &- 1)) &+ generation) | UInt(truncatingIfNeeded: depth)
    }

    /// Frame `index` (the top one) now runs `function` from its start: a tail call.
    @inline(__always) func replaceTop(_ index: Int, function: UnsafeMutablePointer<FunctionRecord>,
                                      pc: UnsafeMutablePointer<UInt64>?) {
        let s = beginRewrite()
        set(index, function: function, pc: pc)
        endRewrite(s, count: index + 1)
    }

    /// Sets frame `index`'s slots (between `beginRewrite` and `endRewrite`, or for a frame no
    /// reader looks at yet).
    @inline(__always) func set(_ index: Int, function: UnsafeMutablePointer<FunctionRecord>, pc: UnsafeMutablePointer<UInt64>?) {
        let s = slot(index)
        s[0].store(UInt(bitPattern: function), ordering: .relaxed)
        s[1].store(pc.map { UInt(bitPattern: $0) } ?? 0, ordering: .relaxed)
    }

    // A loop back-edge stores the top frame's pc itself, through `VMState.topPC` (one store).
}
