// Module-wide facts the function-body validator consults, computed once per module so that
// checking an instruction never allocates or hashes.

/// The index spaces and types of a module, as seen from inside its function bodies
/// (the spec's context C). Built once per module by `validateModule`; the translator may build
/// one too and drive a `FunctionValidator` with it.
public struct ValidationContext: Sendable {
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
    public let importedGlobalCount: Int
    /// Type index of every tag in the tag index space (imports first).
    public let tags: [UInt32]
    /// The reference type of each element segment.
    public let elementTypes: [RefType]
    /// The data count section's value, if the module has one.
    public let dataCount: UInt32?
    /// The number of data segments actually present.
    public let dataSegmentCount: Int
    public let features: Features

    /// Bit set over function indices: those a function body may name with `ref.func`
    /// (the spec's C.refs: referenced outside function bodies).
    let declaredFunctions: [UInt64]
    /// Raw value types (`ValueType.rawValue`) of all signatures and block types, laid end to end,
    /// so that control frames refer to their types as (start, count) pairs.
    let typePool: [UInt8]
    /// For each type index: where its parameters and results sit in `typePool`.
    let typeSpans: [TypeSpan]

    /// Builds the context; costs one pass over imports, exports and constant expressions.
    public init(module: ParsedModule, features: Features = .all) {
        types = module.types
        self.features = features
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
            case .table(let t): tables.append(t)
            case .memory(let m): addMemory(m)
            case .global(let g): globals.append(g)
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
        tables.append(contentsOf: module.tables)
#if WISP_NO_MEMORY64
        memories += module.memories.count
#else
        for m in module.memories { addMemory(m) }
#endif
        for g in module.globals { globals.append(g.type) }
        functionTypeIndices = funcs
        self.tables = tables
        memoryCount = memories
#if !WISP_NO_MEMORY64
        memoryIs64 = memory64
#endif
        self.globals = globals
        elementTypes = module.elements.map { $0.type }
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

        // The first eight pool entries are the single value types, for `BlockType.value`.
        var pool: [UInt8] = [0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F, 0x69]
        var spans: [TypeSpan] = []
        spans.reserveCapacity(module.types.count)
        for t in module.types {
            let ps = pool.count
            for p in t.parameters { pool.append(p.rawValue) }
            let rs = pool.count
            for r in t.results { pool.append(r.rawValue) }
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

    /// The position of a single value type in `typePool`.
    @inline(__always) static func poolIndex(of t: ValueType) -> Int32 {
        switch t {
        case .i32: return 0
        case .i64: return 1
        case .f32: return 2
        case .f64: return 3
        case .v128: return 4
        case .funcref: return 5
        case .externref: return 6
        case .exnref: return 7
        }
    }
}

/// Where a signature's parameter and result types sit in `ValidationContext.typePool`.
struct TypeSpan: Sendable {
    var paramStart: Int32
    var paramCount: Int32
    var resultStart: Int32
    var resultCount: Int32
}
