// Type checking of function bodies: the algorithm of the spec's validation appendix, with an
// operand stack of value types (0 = the unknown type of unreachable code) and a stack of control
// frames. Both stacks are reused from one function to the next, and no per-instruction step
// allocates, so a whole module is checked in one linear pass.

/// The kind of a control frame.
public enum ControlKind: UInt8, Sendable {
    /// `function` is the body's own frame; the others, the instruction that opened the frame
    /// (`else` replaces its `if`'s).
    case function, block, loop, `if`, `else`
}

struct ControlFrame {
    var kind: ControlKind
    var unreachable: Bool
    /// Operand stack height when the frame was entered (its parameters excluded).
    var height: Int
    var types: TypeSpan
    /// Height of the validator's `initStack` when the frame was entered: locals set since are
    /// unset again at its end (typed function references: non-defaultable locals).
    var initHeight: Int = 0

    /// Where a branch to this frame's label takes its operands from.
    @inline(__always) var labelStart: Int32 { kind == .loop ? types.paramStart : types.resultStart }
    @inline(__always) var labelCount: Int32 { kind == .loop ? types.paramCount : types.resultCount }
}

/// The raw type codes used on the validator's operand stack (`ValueType.rawValue`, concrete
/// indices canonical).
private let tI32: UInt32 = 0x7F
private let tI64: UInt32 = 0x7E
private let tF32: UInt32 = 0x7D
private let tF64: UInt32 = 0x7C
private let tV128: UInt32 = 0x7B
private let tFuncref: UInt32 = 0x70
private let tExternref: UInt32 = 0x6F
private let tExnref: UInt32 = 0x69
/// The unknown type: what popping below a frame's height yields in unreachable code.
private let tUnknown: UInt32 = 0

/// Whether a value of raw type `a` may stand where `b` is expected (the slow path of `pop`:
/// equal types were accepted already).
#if WISP_NO_FUNCTION_REFERENCES
@inline(__always)
func isSubtypeRaw(_ a: UInt32, _ b: UInt32) -> Bool {
    a == b || a == tUnknown || b == tUnknown  // (no subtypes among the types of such a build)
}
#else
@inline(never)
func isSubtypeRaw(_ a: UInt32, _ b: UInt32) -> Bool {
    a == tUnknown || b == tUnknown || ValueType(rawValue: a).isSubtype(of: ValueType(rawValue: b))
}
#endif

/// Locals beyond this many are looked up by binary search over the local groups instead of
/// being expanded into one array (a few bytes may declare very many locals).
private let localExpansionLimit: UInt64 = 1 << 12

/// Checks function bodies one instruction at a time.
///
/// `validateModule` uses it for every body; an engine's translator can instead drive it itself
/// (`begin`, then `validate` per instruction) to validate and translate in one pass, reading the
/// operand types it needs through `operandType(depth:)`.
///
/// It is non-copyable because it owns its two stacks as raw buffers: `Array` would check
/// uniqueness on every push and pop, which costs a third of the validation time.
public struct FunctionValidator: ~Copyable {
    /// The module the bodies belong to: its index spaces and types.
    public let context: ValidationContext
    /// The operand stack: raw value types, `tUnknown` for unknown ones.
    var vals: UnsafeMutablePointer<UInt32>
    var valCount = 0
    var valCapacity: Int
    /// The control stack; `ctrls[0]` is the function's own frame.
    var ctrls: UnsafeMutablePointer<ControlFrame>
    var ctrlCount = 0
    var ctrlCapacity: Int
    /// Cached `height` and `unreachable` of the innermost frame.
    var height = 0
    var unreachableNow = false
    /// Types of the parameters, followed by those of the declared locals when there are few.
    var localTypes: [UInt32] = []
    /// When locals are not expanded: the exclusive end index of each local group, and its type.
    var groupEnds: [UInt64] = []
    var groupTypes: [UInt32] = []
    var localTotal: UInt64 = 0
    /// Typed function references: per local, whether it holds a value yet (empty when every
    /// local is defaultable, the usual case), and the locals set since each frame began.
    var initialized: [Bool] = []
    var initStack: [UInt32] = []
    /// Offset of the instruction being checked, for error messages.
    var offset = 0

    /// A validator for the bodies of the module `context` describes. Its stacks are allocated here,
    /// once, and reused for every body.
    public init(context: ValidationContext) {
        self.context = context
        valCapacity = 256
        vals = UnsafeMutablePointer<UInt32>.allocate(capacity: valCapacity)
        ctrlCapacity = 64
        ctrls = UnsafeMutablePointer<ControlFrame>.allocate(capacity: ctrlCapacity)
    }

    deinit {
        vals.deallocate()
        ctrls.deallocate()
    }

    // MARK: - Public driving API

    /// Validates one function body (its locals and instructions, up to and including the final `end`).
    /// Throws `.invalid` for type errors and unknown indices, `.malformed` for a body that does not
    /// end exactly with the `end` closing the function or for a decoding error. Cost: linear in the
    /// body's size, no allocation once the stacks have grown.
    public mutating func validateBody(_ body: FunctionBody, typeIndex: UInt32, bytes: [UInt8]) throws(FormatError) {
        try begin(typeIndex: typeIndex, locals: body.locals(in: bytes), offset: body.code.lowerBound)
        var reader = OperatorReader(bytes: bytes, range: body.code, features: context.features)
        while !reader.isAtEnd {
            if ctrlCount == 0 {
                throw FormatError(.malformed, "operators remaining after end of function", offset: reader.offset)
            }
            let at = reader.offset
            let instruction = try reader.read()
            try validate(instruction, at: at)
        }
        if ctrlCount != 0 {
            throw FormatError(.malformed, "END opcode expected", offset: body.code.upperBound)
        }
    }

    /// Starts a function of type `typeIndex` with the given declared locals.
    /// Throws "unknown type" for a bad type index and "too many locals" beyond 2^32-1.
    public mutating func begin(typeIndex: UInt32, locals: [LocalGroup], offset: Int = 0) throws(FormatError) {
        self.offset = offset
        guard Int(typeIndex) < context.typeSpans.count else {
            throw FormatError(.invalid, "unknown type " + String(typeIndex), offset: offset)
        }
        let span = context.typeSpans[Int(typeIndex)]
        localTypes.removeAll(keepingCapacity: true)
        groupEnds.removeAll(keepingCapacity: true)
        groupTypes.removeAll(keepingCapacity: true)
        for i in 0..<Int(span.paramCount) { localTypes.append(context.typePool[Int(span.paramStart) + i]) }
        var declared: UInt64 = 0
        var allDefaultable = true
        for g in locals {
            declared += UInt64(g.count)
            if g.type.isReference {
                try checkType(g.type)
                if !g.type.isDefaultable && g.count > 0 { allDefaultable = false }
            }
        }
        localTotal = UInt64(span.paramCount) + declared
        if localTotal > UInt64(UInt32.max) {
            throw FormatError(.malformed, "too many locals", offset: offset)
        }
        if declared <= localExpansionLimit {
            for g in locals {
                let t = context.canonical(g.type).rawValue
                for _ in 0..<g.count { localTypes.append(t) }
            }
        } else {
            var end = UInt64(span.paramCount)
            for g in locals where g.count > 0 {
                end += UInt64(g.count)
                groupEnds.append(end)
                groupTypes.append(context.canonical(g.type).rawValue)
            }
        }
#if !WISP_NO_FUNCTION_REFERENCES
        initialized.removeAll(keepingCapacity: true)
        initStack.removeAll(keepingCapacity: true)
        if !allDefaultable {
            // A table of flags per local; beyond a million locals a function with a
            // non-defaultable one is refused (Wasmtime caps all functions at 50,000).
            guard localTotal <= 1 << 20 else { throw FormatError(.invalid, "too many locals", offset: offset) }
            for i in 0..<Int(localTotal) {
                initialized.append(i < Int(span.paramCount) || ValueType(rawValue: localTypeUnchecked(UInt32(i))).isDefaultable)
            }
        }
#else
        _ = allDefaultable
#endif
        valCount = 0
        ctrlCount = 0
        let frameTypes = TypeSpan(paramStart: 0, paramCount: 0, resultStart: span.resultStart, resultCount: span.resultCount)
        pushCtrl(.function, frameTypes)
    }

    /// Whether the final `end` of the function has been validated.
    public var isComplete: Bool { ctrlCount == 0 }

    /// The number of operands on the stack of the innermost frame (unknown ones not counted).
    public var operandCount: Int { valCount - height }

    /// Whether the code being checked is unreachable (after `br`, `return`, `unreachable`...).
    public var isUnreachable: Bool { unreachableNow }

    /// The number of open control frames, the function's own included.
    public var controlDepth: Int { ctrlCount }

    /// The type of the operand `depth` places below the top of the stack (0 = top), or nil if
    /// it is unknown (polymorphic stack of unreachable code).
    public func operandType(depth: Int) -> ValueType? {
        let i = valCount - 1 - depth
        guard depth >= 0 && i >= height else { return nil }
        return ValueType(rawValue: vals[i])
    }

    /// The kind of the control frame `depth` levels out (0 = innermost) and the number of values
    /// a branch to its label carries, or nil if there is no such frame.
    public func frame(depth: Int) -> (kind: ControlKind, labelArity: Int)? {
        guard depth >= 0 && depth < ctrlCount else { return nil }
        let f = ctrls[ctrlCount - 1 - depth]
        return (f.kind, Int(f.labelCount))
    }

    /// The type of local `index`, or nil if there is no such local. Cost: O(log groups).
    public func localType(_ index: UInt32) -> ValueType? {
        guard UInt64(index) < localTotal else { return nil }
        return ValueType(rawValue: localTypeUnchecked(index))
    }

    // MARK: - Stacks

    @inline(__always) mutating func mismatch() -> FormatError {
        FormatError(.invalid, "type mismatch", offset: offset)
    }

    @inline(__always) mutating func push(_ t: UInt32) {
        if valCount == valCapacity { growVals() }
        vals[valCount] = t
        valCount += 1
    }

    mutating func growVals() {
        let bigger = UnsafeMutablePointer<UInt32>.allocate(capacity: valCapacity * 2)
        bigger.update(from: vals, count: valCount)
        vals.deallocate()
        vals = bigger
        valCapacity *= 2
    }

    @inline(__always) mutating func pop() throws(FormatError) -> UInt32 {
        if valCount == height {
            if unreachableNow { return tUnknown }
            throw mismatch()
        }
        valCount -= 1
        return vals[valCount]
    }

    @inline(__always) mutating func pop(_ expect: UInt32) throws(FormatError) {
        if valCount > height {
            valCount -= 1
            let actual = vals[valCount]
            if actual != expect && !isSubtypeRaw(actual, expect) { throw mismatch() }
            return
        }
        if !unreachableNow { throw mismatch() }
    }

#if !WISP_NO_FUNCTION_REFERENCES
    /// Pops a reference of any type; the bottom type (nullable) for an unknown operand.
    mutating func popReference() throws(FormatError) -> ValueType {
        let t = try pop()
        if t == tUnknown { return ValueType(rawValue: ValueType.bottomCode) }
        let v = ValueType(rawValue: t)
        guard v.isReference else { throw mismatch() }
        return v
    }
#endif

    mutating func pop(start: Int32, count: Int32) throws(FormatError) {
        var i = Int(start) + Int(count) - 1
        while i >= Int(start) {
            try pop(context.typePool[i])
            i -= 1
        }
    }

    mutating func push(start: Int32, count: Int32) {
        for i in Int(start)..<(Int(start) + Int(count)) { push(context.typePool[i]) }
    }

    /// Checks, without popping, that the top of the stack matches the types (for `br_table`).
    mutating func checkTop(start: Int32, count: Int32) throws(FormatError) {
        let n = Int(count)
        for j in 0..<n {
            let p = valCount - n + j
            let expect = context.typePool[Int(start) + j]
            if p < height {
                if !unreachableNow { throw mismatch() }
                continue
            }
            let actual = vals[p]
            if actual != expect && !isSubtypeRaw(actual, expect) { throw mismatch() }
        }
    }

    mutating func pushCtrl(_ kind: ControlKind, _ types: TypeSpan) {
        if ctrlCount == ctrlCapacity {
            let bigger = UnsafeMutablePointer<ControlFrame>.allocate(capacity: ctrlCapacity * 2)
            bigger.initialize(from: ctrls, count: ctrlCount)
            ctrls.deallocate()
            ctrls = bigger
            ctrlCapacity *= 2
        }
        (ctrls + ctrlCount).initialize(to: ControlFrame(kind: kind, unreachable: false, height: valCount, types: types,
                                                        initHeight: initStack.count))
        ctrlCount += 1
        height = valCount
        unreachableNow = false
        push(start: types.paramStart, count: types.paramCount)
    }

    mutating func popCtrl() throws(FormatError) -> ControlFrame {
        let frame = ctrls[ctrlCount - 1]
        try pop(start: frame.types.resultStart, count: frame.types.resultCount)
        if valCount != height { throw mismatch() }
#if !WISP_NO_FUNCTION_REFERENCES
        // Locals initialized inside the frame are not known to be outside it.
        while initStack.count > frame.initHeight { initialized[Int(initStack.removeLast())] = false }
#endif
        ctrlCount -= 1
        if ctrlCount > 0 {
            height = ctrls[ctrlCount - 1].height
            unreachableNow = ctrls[ctrlCount - 1].unreachable
        }
        return frame
    }

    mutating func setUnreachable() {
        valCount = height
        ctrls[ctrlCount - 1].unreachable = true
        unreachableNow = true
    }

    mutating func label(_ depth: UInt32) throws(FormatError) -> ControlFrame {
        guard Int(depth) < ctrlCount else {
            throw FormatError(.invalid, "unknown label " + String(depth), offset: offset)
        }
        return ctrls[ctrlCount - 1 - Int(depth)]
    }

    // MARK: - Immediates

    func localTypeUnchecked(_ index: UInt32) -> UInt32 {
        let i = Int(index)
        if i < localTypes.count { return localTypes[i] }
        // Binary search for the first group whose end lies beyond the index.
        var lo = 0
        var hi = groupEnds.count - 1
        let x = UInt64(index)
        while lo < hi {
            let mid = (lo + hi) / 2
            if groupEnds[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return groupTypes[lo]
    }

    @inline(__always) mutating func local(_ index: UInt32) throws(FormatError) -> UInt32 {
        let i = Int(index)
        if i < localTypes.count { return localTypes[i] }
        guard UInt64(index) < localTotal else { throw unknownLocal(index) }
        return localTypeUnchecked(index)
    }

    /// Checks that a reference type names an existing type (its index is within the type section).
    @inline(__always)
    mutating func checkType(_ t: ValueType) throws(FormatError) {
#if !WISP_NO_FUNCTION_REFERENCES
        if let i = t.heapType.typeIndex, t.isReference, Int(i) >= context.typeSpans.count {
            throw FormatError(.invalid, "unknown type " + String(i), offset: offset)
        }
#endif
    }

    /// A local read before any write to it on every path, if it is non-defaultable.
    @inline(never)
    mutating func checkInitialized(_ index: UInt32) throws(FormatError) {
        if !initialized[Int(index)] { throw FormatError(.invalid, "uninitialized local", offset: offset) }
    }

    @inline(never)
    mutating func markInitialized(_ index: UInt32) {
        if !initialized[Int(index)] {
            initialized[Int(index)] = true
            initStack.append(index)
        }
    }

    mutating func unknownLocal(_ index: UInt32) -> FormatError {
        FormatError(.invalid, "unknown local " + String(index), offset: offset)
    }

    mutating func global(_ index: UInt32) throws(FormatError) -> GlobalType {
        guard Int(index) < context.globals.count else {
            throw FormatError(.invalid, "unknown global " + String(index), offset: offset)
        }
        return context.globals[Int(index)]
    }

    mutating func table(_ index: UInt32) throws(FormatError) -> UInt32 {
        guard Int(index) < context.tables.count else {
            throw FormatError(.invalid, "unknown table " + String(index), offset: offset)
        }
        return context.tables[Int(index)].element.rawValue
    }

    mutating func elementSegment(_ index: UInt32) throws(FormatError) -> UInt32 {
        guard Int(index) < context.elementTypes.count else {
            throw FormatError(.invalid, "unknown elem segment " + String(index), offset: offset)
        }
        return context.elementTypes[Int(index)].rawValue
    }

    mutating func dataSegment(_ index: UInt32) throws(FormatError) {
        guard let count = context.dataCount else {
            // Without data segments no index can be valid, so this is reported as the validation
            // error the spec tests expect (the text format has no data count section to forget).
            if context.dataSegmentCount == 0 {
                throw FormatError(.invalid, "unknown data segment " + String(index), offset: offset)
            }
            throw FormatError(.malformed, "data count section required", offset: offset)
        }
        guard index < count else {
            throw FormatError(.invalid, "unknown data segment " + String(index), offset: offset)
        }
    }

    /// Checks a memory index; returns the raw type of the memory's addresses (i32 or i64).
    @discardableResult @inline(__always)
    mutating func memory(_ index: UInt32) throws(FormatError) -> UInt32 {
        try checkMemory(index)
        return context.memoryAddressType(index).rawValue
    }

    mutating func checkMemory(_ index: UInt32) throws(FormatError) {
        guard Int(index) < context.memoryCount else {
            throw FormatError(.invalid, "unknown memory " + String(index), offset: offset)
        }
    }

    /// Checks a memory immediate; returns the raw address type of its memory.
    @inline(__always)
    mutating func memArg(_ arg: MemArg, width: Int) throws(FormatError) -> UInt32 {
        try checkMemArg(arg, width: width)
        return context.memoryAddressType(arg.memory).rawValue
    }

    mutating func checkMemArg(_ arg: MemArg, width: Int) throws(FormatError) {
        try checkMemory(arg.memory)
        if arg.align > UInt32(width.trailingZeroBitCount) {
            throw FormatError(.invalid, "alignment must not be larger than natural", offset: offset)
        }
#if !WISP_NO_MEMORY64
        // (Without memory64 the decoder reads a u32 offset.)
        if context.memoryAddressType(arg.memory) == .i32 && arg.offset > UInt64(UInt32.max) {
            throw FormatError(.invalid, "offset out of range", offset: offset)
        }
#endif
    }

    /// The raw index type of a table (i32, or i64 for a table64).
    @inline(__always) mutating func tableAddress(_ index: UInt32) -> UInt32 {
        context.tableAddressType(index).rawValue
    }

    mutating func function(_ index: UInt32) throws(FormatError) -> TypeSpan {
        guard Int(index) < context.functionTypeIndices.count else {
            throw FormatError(.invalid, "unknown function " + String(index), offset: offset)
        }
        // Function type indices were checked against the type section by the module validator.
        return context.typeSpans[Int(context.functionTypeIndices[Int(index)])]
    }

    mutating func type(_ index: UInt32) throws(FormatError) -> TypeSpan {
        guard Int(index) < context.typeSpans.count else {
            throw FormatError(.invalid, "unknown type " + String(index), offset: offset)
        }
        return context.typeSpans[Int(index)]
    }

    mutating func blockType(_ bt: BlockType) throws(FormatError) -> TypeSpan {
        switch bt {
        case .empty:
            return TypeSpan(paramStart: 0, paramCount: 0, resultStart: 0, resultCount: 0)
        case .value(let t):
#if !WISP_NO_FUNCTION_REFERENCES
            if t.isReference { try checkType(t) }
#endif
            return TypeSpan(paramStart: 0, paramCount: 0, resultStart: ValidationContext.poolIndex(of: t), resultCount: 1)
        case .typeIndex(let i):
            let span = try type(i)
            if !context.features.contains(.multiValue) && (span.paramCount > 0 || span.resultCount > 1) {
                throw FormatError(.invalid, "invalid result arity", offset: offset)
            }
            return span
        }
    }

#if !WISP_NO_EXCEPTIONS
    /// The signature of tag `index` (its parameters are the exception's payload).
    mutating func tag(_ index: UInt32) throws(FormatError) -> TypeSpan {
        guard Int(index) < context.tags.count else {
            throw FormatError(.invalid, "unknown tag " + String(index), offset: offset)
        }
        // Tag type indices were checked against the type section by the module validator.
        return context.typeSpans[Int(context.tags[Int(index)])]
    }

    /// Checks that a catch clause's branch carries what its label expects: the tag's payload
    /// (for `catch`/`catch_ref`), then an `exnref` (for the `_ref` kinds).
    mutating func checkCatch(_ c: Catch) throws(FormatError) {
        let target = try label(c.label)
        var start: Int32 = 0, count: Int32 = 0
        if c.kind == .tag || c.kind == .tagRef {
            let span = try tag(c.tag)
            start = span.paramStart
            count = span.paramCount
        }
        let extra: Int32 = c.passesReference ? 1 : 0
        guard target.labelCount == count + extra else { throw mismatch() }
        for i in 0..<Int(count) where !isSubtypeRaw(context.typePool[Int(start) + i], context.typePool[Int(target.labelStart) + i]) {
            throw mismatch()
        }
        if extra == 1 && !isSubtypeRaw(tExnref | 0x100, context.typePool[Int(target.labelStart + count)]) { throw mismatch() }
    }
#endif

#if !WISP_NO_TAIL_CALLS
    /// A tail call returns the callee's results as the caller's: they must be the same types.
    mutating func checkTailCallResults(_ callee: TypeSpan) throws(FormatError) {
        let own = ctrls[0].types
        guard own.resultCount == callee.resultCount else { throw mismatch() }
        for i in 0..<Int(own.resultCount)
        where !isSubtypeRaw(context.typePool[Int(callee.resultStart) + i], context.typePool[Int(own.resultStart) + i]) {
            throw mismatch()
        }
    }
#endif

    mutating func lane(_ lane: UInt8, count: Int) throws(FormatError) {
        if Int(lane) >= count {
            throw FormatError(.invalid, "invalid lane index", offset: offset)
        }
    }

    // MARK: - Instructions

    /// Checks one instruction at byte offset `at` (used in error messages) against the current
    /// stacks and updates them. Throws `.invalid` with the spec's wording ("type mismatch",
    /// "unknown local 3", ...); `.malformed` for `memory.init`/`data.drop` without a data count
    /// section, or for an instruction after the function's final `end`. Cost: O(1) except
    /// `br_table` (linear in its targets) and block entry/exit (linear in the block's arity).
    public mutating func validate(_ instruction: Instruction, at: Int) throws(FormatError) {
        offset = at
        if ctrlCount == 0 {
            throw FormatError(.malformed, "operators remaining after end of function", offset: at)
        }
        switch instruction {
        case .numeric(let op):
            let (a, b, r) = op.types
            if b != 0 { try pop(UInt32(b)) }
            try pop(UInt32(a))
            push(UInt32(r))

        case .i32Const: push(tI32)
        case .i64Const: push(tI64)
        case .f32Const: push(tF32)
        case .f64Const: push(tF64)

        case .localGet(let x):
            let t = try local(x)
#if !WISP_NO_FUNCTION_REFERENCES
            if !initialized.isEmpty { try checkInitialized(x) }
#endif
            push(t)
        case .localSet(let x):
            let t = try local(x)
            try pop(t)
#if !WISP_NO_FUNCTION_REFERENCES
            if !initialized.isEmpty { markInitialized(x) }
#endif
        case .localTee(let x):
            let t = try local(x)
            try pop(t)
#if !WISP_NO_FUNCTION_REFERENCES
            if !initialized.isEmpty { markInitialized(x) }
#endif
            push(t)
        case .globalGet(let x):
            push(try global(x).valueType.rawValue)
        case .globalSet(let x):
            let g = try global(x)
            if !g.mutable { throw FormatError(.invalid, "global is immutable", offset: at) }
            try pop(g.valueType.rawValue)

        case .load(let op, let arg):
            let at = try memArg(arg, width: op.width)
            try pop(at)
            push(op.type.rawValue)
        case .store(let op, let arg):
            let at = try memArg(arg, width: op.width)
            try pop(op.type.rawValue)
            try pop(at)

        case .unreachable:
            setUnreachable()
        case .nop:
            break
        case .block(let bt):
            let span = try blockType(bt)
            try pop(start: span.paramStart, count: span.paramCount)
            pushCtrl(.block, span)
        case .loop(let bt):
            let span = try blockType(bt)
            try pop(start: span.paramStart, count: span.paramCount)
            pushCtrl(.loop, span)
#if WISP_NO_EXCEPTIONS
        case .tryTable, .throw, .throwRef:
            // Not reached: the decoder of a build without exception handling rejects them.
            throw noExceptions(at)
#else
        case .tryTable(let bt, let catches):
            let span = try blockType(bt)
            // Catch labels are relative to the try_table's context: check them before its frame.
            for c in catches { try checkCatch(c) }
            try pop(start: span.paramStart, count: span.paramCount)
            pushCtrl(.block, span)
        case .throw(let x):
            let span = try tag(x)
            try pop(start: span.paramStart, count: span.paramCount)
            setUnreachable()
        case .throwRef:
            try pop(tExnref)
            setUnreachable()
#endif
        case .if(let bt):
            let span = try blockType(bt)
            try pop(tI32)
            try pop(start: span.paramStart, count: span.paramCount)
            pushCtrl(.if, span)
        case .else:
            guard ctrls[ctrlCount - 1].kind == .if else {
                throw FormatError(.malformed, "else without matching if", offset: at)
            }
            let frame = try popCtrl()
            pushCtrl(.else, frame.types)
        case .end:
            let frame = try popCtrl()
            if frame.kind == .if {
                // An `if` without `else` behaves as if its else branch were empty: it must pass
                // its parameters through unchanged.
                let t = frame.types
                if t.paramCount != t.resultCount { throw mismatch() }
                for i in 0..<Int(t.paramCount)
                where !isSubtypeRaw(context.typePool[Int(t.paramStart) + i], context.typePool[Int(t.resultStart) + i]) {
                    throw mismatch()
                }
            }
            if ctrlCount != 0 {
                push(start: frame.types.resultStart, count: frame.types.resultCount)
            }
        case .br(let l):
            let frame = try label(l)
            try pop(start: frame.labelStart, count: frame.labelCount)
            setUnreachable()
        case .brIf(let l):
            let frame = try label(l)
            try pop(tI32)
            try pop(start: frame.labelStart, count: frame.labelCount)
            push(start: frame.labelStart, count: frame.labelCount)
        case .brTable(let targets, let defaultTarget):
            let frame = try label(defaultTarget)
            try pop(tI32)
            let arity = frame.labelCount
            for l in targets {
                let target = try label(l)
                if target.labelCount != arity { throw mismatch() }
                try checkTop(start: target.labelStart, count: arity)
            }
            try pop(start: frame.labelStart, count: arity)
            setUnreachable()
        case .return:
            let t = ctrls[0].types
            try pop(start: t.resultStart, count: t.resultCount)
            setUnreachable()
        case .call(let x):
            let span = try function(x)
            try pop(start: span.paramStart, count: span.paramCount)
            push(start: span.resultStart, count: span.resultCount)
        case .callIndirect(let typeIndex, let tableIndex):
            if !isSubtypeRaw(try table(tableIndex), tFuncref) { throw mismatch() }
            let span = try type(typeIndex)
            try pop(tableAddress(tableIndex))
            try pop(start: span.paramStart, count: span.paramCount)
            push(start: span.resultStart, count: span.resultCount)

#if WISP_NO_TAIL_CALLS
        case .returnCall, .returnCallIndirect:
            throw noTailCalls(at)  // not reached: the decoder rejects them
#else
        case .returnCall(let x):
            let span = try function(x)
            try checkTailCallResults(span)
            try pop(start: span.paramStart, count: span.paramCount)
            setUnreachable()
        case .returnCallIndirect(let typeIndex, let tableIndex):
            if !isSubtypeRaw(try table(tableIndex), tFuncref) { throw mismatch() }
            let span = try type(typeIndex)
            try checkTailCallResults(span)
            try pop(tableAddress(tableIndex))
            try pop(start: span.paramStart, count: span.paramCount)
            setUnreachable()
#endif

        case .drop:
            _ = try pop()
        case .select:
            try pop(tI32)
            let t1 = try pop()
            let t2 = try pop()
            let numeric1 = t1 == tUnknown || (t1 >= tV128 && t1 <= tI32)
            let numeric2 = t2 == tUnknown || (t2 >= tV128 && t2 <= tI32)
            if !(numeric1 && numeric2) { throw mismatch() }
            if t1 != t2 && t1 != tUnknown && t2 != tUnknown { throw mismatch() }
            push(t1 == tUnknown ? t2 : t1)
        case .selectTyped(let t):
            try checkType(t)
            let c = context.canonical(t).rawValue
            try pop(tI32)
            try pop(c)
            try pop(c)
            push(c)

        case .tableGet(let x):
            let t = try table(x)
            try pop(tableAddress(x))
            push(t)
        case .tableSet(let x):
            let t = try table(x)
            try pop(t)
            try pop(tableAddress(x))
        case .tableInit(let elem, let tableIndex):
            let t = try table(tableIndex)
            let e = try elementSegment(elem)
            if !isSubtypeRaw(e, t) { throw mismatch() }
            try pop(tI32)
            try pop(tI32)
            try pop(tableAddress(tableIndex))
        case .elemDrop(let x):
            _ = try elementSegment(x)
        case .tableCopy(let dst, let src):
            let d = try table(dst)
            let s = try table(src)
            if !isSubtypeRaw(s, d) { throw mismatch() }
            let dt = tableAddress(dst), st = tableAddress(src)
            // The length is an i64 only when both tables are.
            try pop(dt == tI64 && st == tI64 ? tI64 : tI32)
            try pop(st)
            try pop(dt)
        case .tableGrow(let x):
            let t = try table(x)
            let at = tableAddress(x)
            try pop(at)
            try pop(t)
            push(at)
        case .tableSize(let x):
            _ = try table(x)
            push(tableAddress(x))
        case .tableFill(let x):
            let t = try table(x)
            let at = tableAddress(x)
            try pop(at)
            try pop(t)
            try pop(at)

        case .memorySize(let m):
            push(try memory(m))
        case .memoryGrow(let m):
            let at = try memory(m)
            try pop(at)
            push(at)
        case .memoryInit(let data, let m):
            let at = try memory(m)
            try dataSegment(data)
            try pop(tI32)
            try pop(tI32)
            try pop(at)
        case .dataDrop(let data):
            try dataSegment(data)
        case .memoryCopy(let dst, let src):
            let dt = try memory(dst)
            let st = try memory(src)
            try pop(dt == tI64 && st == tI64 ? tI64 : tI32)
            try pop(st)
            try pop(dt)
        case .memoryFill(let m):
            let at = try memory(m)
            try pop(at)
            try pop(tI32)
            try pop(at)

        case .wideArithmetic(let op):
#if WISP_NO_WIDE_ARITHMETIC
            _ = op  // not reached: the decoder rejects wide arithmetic
#else
            let operands = op == .i64Add128 || op == .i64Sub128 ? 4 : 2
            for _ in 0..<operands { try pop(tI64) }
            push(tI64)
            push(tI64)
#endif
#if WISP_NO_FUNCTION_REFERENCES
        case .refNull(let t):
            push(t.rawValue)
        case .refIsNull:
            let t = try pop()
            if !(t == tUnknown || t == tFuncref || t == tExternref || t == tExnref) { throw mismatch() }
            push(tI32)
#else
        case .refNull(let t):
            try checkType(t)
            push(context.canonical(t).rawValue)
        case .refIsNull:
            _ = try popReference()
            push(tI32)
#endif
        case .refFunc(let x):
            _ = try function(x)
            if !context.isDeclared(function: x) {
                throw FormatError(.invalid, "undeclared function reference", offset: at)
            }
            push(context.functionReferenceType(x).rawValue)
#if WISP_NO_FUNCTION_REFERENCES
        case .callRef, .returnCallRef, .refAsNonNull, .brOnNull, .brOnNonNull:
            throw noFunctionReferences(at)  // not reached: the decoder rejects them
#else
        case .callRef(let x):
            let span = try type(x)
            try pop(context.nullableReference(toType: x).rawValue)
            try pop(start: span.paramStart, count: span.paramCount)
            push(start: span.resultStart, count: span.resultCount)
        case .returnCallRef(let x):
#if WISP_NO_TAIL_CALLS
            _ = x
            throw noTailCalls(at)  // not reached: the decoder rejects it
#else
            let span = try type(x)
            try checkTailCallResults(span)
            try pop(context.nullableReference(toType: x).rawValue)
            try pop(start: span.paramStart, count: span.paramCount)
            setUnreachable()
#endif
        case .refAsNonNull:
            let t = try popReference()
            push(t.withNullable(false).rawValue)
        case .brOnNull(let l):
            let t = try popReference()
            let frame = try label(l)
            try pop(start: frame.labelStart, count: frame.labelCount)
            push(start: frame.labelStart, count: frame.labelCount)
            push(t.withNullable(false).rawValue)
        case .brOnNonNull(let l):
            let frame = try label(l)
            guard frame.labelCount >= 1 else { throw mismatch() }
            let last = context.typePool[Int(frame.labelStart + frame.labelCount - 1)]
            let t = try popReference()
            if !isSubtypeRaw(t.withNullable(false).rawValue, last) { throw mismatch() }
            try pop(start: frame.labelStart, count: frame.labelCount - 1)
            push(start: frame.labelStart, count: frame.labelCount - 1)
#endif

#if WISP_NO_SIMD
        case .simd, .v128Const, .v128Load, .v128Store, .v128LoadLane, .v128StoreLane, .i8x16Shuffle, .simdLane:
            // Not reached: the decoder of a build without SIMD rejects these instructions.
            throw noSIMD(at)
#else
        case .simd(let op):
            switch op.shape {
            case .splat(let t):
                try pop(t.rawValue)
            case .unary:
                try pop(tV128)
            case .binary:
                try pop(tV128)
                try pop(tV128)
            case .ternary:
                try pop(tV128)
                try pop(tV128)
                try pop(tV128)
            case .test:
                try pop(tV128)
                push(tI32)
                return
            case .shift:
                try pop(tI32)
                try pop(tV128)
            }
            push(tV128)
        case .v128Const:
            push(tV128)
        case .v128Load(let op, let arg):
            let at = try memArg(arg, width: op.width)
            try pop(at)
            push(tV128)
        case .v128Store(let arg):
            let at = try memArg(arg, width: 16)
            try pop(tV128)
            try pop(at)
        case .v128LoadLane(let w, let arg, let l):
            let at = try memArg(arg, width: Int(w.rawValue))
            try lane(l, count: w.laneCount)
            try pop(tV128)
            try pop(at)
            push(tV128)
        case .v128StoreLane(let w, let arg, let l):
            let at = try memArg(arg, width: Int(w.rawValue))
            try lane(l, count: w.laneCount)
            try pop(tV128)
            try pop(at)
        case .i8x16Shuffle(let lanes):
            for i in 0..<16 where lanes.byte(i) >= 32 {
                throw FormatError(.invalid, "invalid lane index", offset: at)
            }
            try pop(tV128)
            try pop(tV128)
            push(tV128)
        case .simdLane(let op, let l):
            try lane(l, count: op.laneCount)
            let scalar = op.scalarType.rawValue
            if op.isReplace {
                try pop(scalar)
                try pop(tV128)
                push(tV128)
            } else {
                try pop(tV128)
                push(scalar)
            }
#endif
        }
    }
}

