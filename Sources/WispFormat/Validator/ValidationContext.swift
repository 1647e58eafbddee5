// Module-wide facts the function-body validator consults, computed once per module so that
// checking an instruction never allocates or hashes.

/// The index spaces and types of a module, as seen from inside its function bodies
/// (the spec's context C). Built once per module by `validateModule`; the translator may build
/// one too and drive a `FunctionValidator` with it.
public struct ValidationContext: Sendable {
    /// The module's function types, by type index.
    public let types: [FuncType]
    /// Type index of every function in the function index space (imports first).
    public let functionTypeIndices: [UInt32]
    /// Every table in the table index space (imports first).
    public let tables: [TableType]
    /// The number of memories (imports included); at most one in a valid 2.0 module.
    public let memoryCount: Int
#if !WISP_NO_MEMORY64
    /// Whether each memory is a memory64; empty when none is (a build without memory64 keeps no
    /// list: every memory is 32-bit).
    let memoryIs64: [Bool]
#endif
    /// Every global in the global index space (imports first).
    public let globals: [GlobalType]
    /// How many of `globals` are imported: the ones a 2.0 constant expression may read.
    public let importedGlobalCount: Int
    /// Type index of every tag in the tag index space (imports first).
    public let tags: [UInt32]
    /// The reference type of each element segment.
    public let elementTypes: [RefType]
    /// The data count section's value, if the module has one.
    public let dataCount: UInt32?
    /// The number of data segments actually present.
    public let dataSegmentCount: Int
    /// The proposals the module may use.
    public let features: Features

    /// Bit set over function indices: those a function body may name with `ref.func`
    /// (the spec's C.refs: referenced outside function bodies).
    let declaredFunctions: [UInt64]
    /// Raw value types (`ValueType.rawValue`, concrete indices canonical) of all signatures and
    /// block types, laid end to end, so that control frames refer to their types as (start,
    /// count) pairs.
    let typePool: [UInt32]
    /// For each type index, the first index of a type equal to it (iso-recursive equality: same
    /// shape, references to equal types). Concrete references on the validator's stacks use
    /// these, so type equality is index equality.
    public let canonicalTypeIndices: [UInt32]
    /// For each type index: where its parameters and results sit in `typePool`.
    let typeSpans: [TypeSpan]

    /// Builds the context; costs one pass over imports, exports and constant expressions.
    public init(module: ParsedModule, features: Features = .all) {
        types = module.types
        self.features = features
#if WISP_NO_FUNCTION_REFERENCES
        let canonical: [UInt32] = []  // (no concrete references to canonicalize)
#else
        let canonical = WispFormat.canonicalTypeIndices(module.types)
#endif
        canonicalTypeIndices = canonical
#if WISP_NO_FUNCTION_REFERENCES
        @inline(__always) func canon(_ t: ValueType) -> ValueType { t }
#else
        @inline(__always) func canon(_ t: ValueType) -> ValueType { canonicalType(t, canonical) }
#endif
        var funcs: [UInt32] = []
        var tables: [TableType] = []
        var memories = 0
#if WISP_NO_MEMORY64
        @inline(__always) func addMemory(_ m: MemoryType) { memories += 1 }
#else
        var memory64: [Bool] = []
        var any64 = false
        func addMemory(_ m: MemoryType) {
            if m.is64 && !any64 {
                any64 = true
                memory64 = [Bool](repeating: false, count: memories)
            }
            if any64 { memory64.append(m.is64) }
            memories += 1
        }
#endif
        var globals: [GlobalType] = []
        var tags: [UInt32] = []
        for imp in module.imports {
            switch imp.descriptor {
            case .function(let t): funcs.append(t)
#if WISP_NO_FUNCTION_REFERENCES
            case .table(let t): tables.append(t)
            case .memory(let m): addMemory(m)
            case .global(let g): globals.append(g)
#else
            case .table(let t): tables.append(TableType(element: canon(t.element), limits: t.limits, is64: t.is64))
            case .memory(let m): addMemory(m)
            case .global(let g): globals.append(GlobalType(valueType: canon(g.valueType), mutable: g.mutable))
#endif
            case .tag(let t): tags.append(t)
            }
        }
#if !WISP_NO_EXCEPTIONS
        // (Without exception handling the decoder lets no tag through.)
        tags.append(contentsOf: module.tags)
#endif
        self.tags = tags
        importedGlobalCount = globals.count
        funcs.append(contentsOf: module.functions)
#if WISP_NO_FUNCTION_REFERENCES
        tables.append(contentsOf: module.tables)
#else
        for t in module.tables { tables.append(TableType(element: canon(t.element), limits: t.limits, is64: t.is64)) }
#endif
#if WISP_NO_MEMORY64
        memories += module.memories.count
#else
        for m in module.memories { addMemory(m) }
#endif
#if WISP_NO_FUNCTION_REFERENCES
        for g in module.globals { globals.append(g.type) }
#else
        for g in module.globals { globals.append(GlobalType(valueType: canon(g.type.valueType), mutable: g.type.mutable)) }
#endif
        functionTypeIndices = funcs
        self.tables = tables
        memoryCount = memories
#if !WISP_NO_MEMORY64
        memoryIs64 = memory64
#endif
        self.globals = globals
#if WISP_NO_FUNCTION_REFERENCES
        elementTypes = module.elements.map { $0.type }
#else
        elementTypes = module.elements.map { canon($0.type) }
#endif
        dataCount = module.dataCount
        dataSegmentCount = module.datas.count

        var declared = [UInt64](repeating: 0, count: (funcs.count + 63) / 64)
        func mark(_ e: ConstExpr) {
            for ins in e.instructions {
                if case .refFunc(let x) = ins, Int(x) < funcs.count {
                    declared[Int(x) >> 6] |= 1 << UInt64(x & 63)
                }
            }
        }
        for g in module.globals { mark(g.initializer) }
#if !WISP_NO_FUNCTION_REFERENCES
        for case let e? in module.tableInitializers { mark(e) }
#endif
        for seg in module.elements {
            for item in seg.expressions { mark(item) }
            for x in seg.functionIndices where Int(x) < funcs.count { declared[Int(x) >> 6] |= 1 << UInt64(x & 63) }
            if case .active(_, let off) = seg.mode { mark(off) }
        }
        for d in module.datas {
            if case .active(_, let off) = d.mode { mark(off) }
        }
        for e in module.exports where e.kind == .function && Int(e.index) < funcs.count {
            declared[Int(e.index) >> 6] |= 1 << UInt64(e.index & 63)
        }
        declaredFunctions = declared

        // The pool starts with the single value types, for `BlockType.value`: the abstract ones
        // (`abstractPoolTypes`), then (ref i) and (ref null i) for each type index i.
        var pool = ValidationContext.abstractPoolTypes
#if !WISP_NO_FUNCTION_REFERENCES
        for i in 0..<module.types.count {
            let c = ValueType.ref(.concrete(canonical[i]), nullable: true).rawValue
            pool.append(c)
            pool.append(c | 0x100)
        }
#endif
        var spans: [TypeSpan] = []
        spans.reserveCapacity(module.types.count)
        for t in module.types {
            let ps = pool.count
            for p in t.parameters { pool.append(canon(p).rawValue) }
            let rs = pool.count
            for r in t.results { pool.append(canon(r).rawValue) }
            spans.append(TypeSpan(paramStart: Int32(ps), paramCount: Int32(t.parameters.count),
                                  resultStart: Int32(rs), resultCount: Int32(t.results.count)))
        }
        typePool = pool
        typeSpans = spans
    }

    /// The type of memory `index`'s addresses (`index` is known to be valid).
    @inline(__always) func memoryAddressType(_ index: UInt32) -> ValueType {
#if WISP_NO_MEMORY64
        return .i32
#else
        return !memoryIs64.isEmpty && memoryIs64[Int(index)] ? .i64 : .i32
#endif
    }

    /// The type of table `index`'s indices (`index` is known to be valid).
    @inline(__always) func tableAddressType(_ index: UInt32) -> ValueType {
#if WISP_NO_MEMORY64
        return .i32
#else
        return tables[Int(index)].is64 ? .i64 : .i32
#endif
    }

    /// Whether `ref.func index` may appear in a function body.
    public func isDeclared(function index: UInt32) -> Bool {
        Int(index) < functionTypeIndices.count && declaredFunctions[Int(index) >> 6] & (1 << UInt64(index & 63)) != 0
    }

    /// The single value types other than concrete references, first in `typePool`.
#if WISP_NO_FUNCTION_REFERENCES
    static var abstractPoolTypes: [UInt32] { [0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F, 0x69] }
#else
    static let abstractPoolTypes: [UInt32] = [0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F, 0x69, 0x73, 0x72, 0x74,
                                              0x170, 0x16F, 0x169, 0x173, 0x172, 0x174]
#endif

    /// The position of a single value type in `typePool` (its concrete index known to be valid).
    @inline(__always) static func poolIndex(of t: ValueType) -> Int32 {
#if !WISP_NO_FUNCTION_REFERENCES
        if let i = t.heapType.typeIndex, t.isReference {
            return Int32(abstractPoolTypes.count) + 2 * Int32(i) + (t.isNullable ? 0 : 1)
        }
        var i = 0
        while abstractPoolTypes[i] != t.rawValue { i += 1 }
        return Int32(i)
#else
        switch t.rawValue {
        case 0x7F: return 0
        case 0x7E: return 1
        case 0x7D: return 2
        case 0x7C: return 3
        case 0x7B: return 4
        case 0x70: return 5
        case 0x6F: return 6
        default: return 7
        }
#endif
    }

    /// The type of `ref.func x` (`x` known to be valid): with typed function references a non-null
    /// reference to the function's canonical type, else `funcref`. Bodies and constant
    /// expressions both use it.
    func functionReferenceType(_ x: UInt32) -> ValueType {
        guard features.hasFunctionReferences else { return .funcref }
        return .ref(.concrete(canonicalTypeIndices[Int(functionTypeIndices[Int(x)])]), nullable: false)
    }

    /// `(ref null $x)` with `x`'s canonical index: what `call_ref x` and `return_call_ref x` take.
    func nullableReference(toType x: UInt32) -> ValueType {
        .ref(.concrete(canonicalTypeIndices[Int(x)]), nullable: true)
    }

    /// `t` with its concrete index (if any) replaced by the canonical one.
    @inline(__always) public func canonical(_ t: ValueType) -> ValueType {
#if WISP_NO_FUNCTION_REFERENCES
        return t
#else
        return canonicalType(t, canonicalTypeIndices)
#endif
    }
}

@inline(__always) func canonicalType(_ t: ValueType, _ canonical: [UInt32]) -> ValueType {
    guard t.isReference, let i = t.heapType.typeIndex, Int(i) < canonical.count else { return t }
    return .ref(.concrete(canonical[Int(i)]), nullable: t.isNullable)
}

#if !WISP_NO_FUNCTION_REFERENCES
/// The canonical index of each type: the first index whose type has the same shape, with
/// references to earlier types compared by their canonical indices and a reference of a type to
/// itself by position (iso-recursive equality of singleton recursion groups). A reference to a
/// later type (invalid, reported by validation) keeps its index. Cost: linear in the types'
/// sizes, one hash per type.
func canonicalTypeIndices(_ types: [FuncType]) -> [UInt32] {
    var result: [UInt32] = []
    result.reserveCapacity(types.count)
    var seen = ByteStringTable()
    var firstOf: [UInt32] = []
    for (x, t) in types.enumerated() {
        var key: [UInt8] = []
        func add(_ v: ValueType) {
            var raw = v.rawValue
            if v.isReference, let i = v.heapType.typeIndex {
                // Self: an index no canonical one reaches; later: kept, but marked apart.
                raw = Int(i) < x ? ValueType.ref(.concrete(result[Int(i)]), nullable: v.isNullable).rawValue
                    : Int(i) == x ? (v.rawValue & 0x1FF) | 0xFFFF_FE00 : v.rawValue | 0x80
            }
            for k in 0..<4 { key.append(UInt8(truncatingIfNeeded: raw >> (8 * UInt32(k)))) }
        }
        for p in t.parameters { add(p) }
        key.append(0xFF)
        for r in t.results { add(r) }
        let (index, inserted) = seen.insert(key)
        if inserted { firstOf.append(UInt32(x)) }
        result.append(firstOf[index])
    }
    return result
}
#endif

/// Where a signature's parameter and result types sit in `ValidationContext.typePool`.
struct TypeSpan: Sendable {
    var paramStart: Int32
    var paramCount: Int32
    var resultStart: Int32
    var resultCount: Int32
}
