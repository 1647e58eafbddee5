// Module-level validation (the spec's "Modules" validation rules), then every function body.

/// Checks every WebAssembly validation rule for `module` under `features`.
///
/// Throws `FormatError` of kind `.invalid` with the spec test suite's wording ("type mismatch",
/// "unknown function 3", "duplicate export name", "multiple memories", ...), or `.malformed`
/// for problems the binary format assigns to decoding but that only show up while reading
/// function bodies ("data count section required", "END opcode expected", bad opcodes).
/// Cost: linear in the size of the module (export names are sorted: O(n log n) in their count);
/// the function-body pass reuses its stacks and does not allocate per instruction.
public func validateModule(_ module: ParsedModule, features: Features = .all) throws(FormatError) {
    try validateBodies(module, context: validateModuleStructure(module, features: features))
}

/// Checks the function bodies `range` (all of them by default) against `context`, which
/// `validateModuleStructure` returned; throws the error of the first invalid one in order.
/// Cost: linear in the bodies' size.
public func validateBodies(_ module: ParsedModule, context: ValidationContext, range: Range<Int>? = nil) throws(FormatError) {
    var validator = FunctionValidator(context: context)
    for i in range ?? module.codes.indices {
        try validator.validateBody(module.codes[i], typeIndex: module.functions[i], bytes: module.bytes)
    }
}

/// Checks every validation rule except those of function bodies, and returns the context that
/// checks the bodies (`FunctionValidator.validateBody`), for engines that validate each body
/// only when they first need it (see `EngineConfiguration.validation`).
/// Throws like `validateModule`. Cost: linear in the module's size outside the code section.
public func validateModuleStructure(_ module: ParsedModule, features: Features = .all) throws(FormatError) -> ValidationContext {
    let context = ValidationContext(module: module, features: features)
    try validateModuleFields(module, context: context)
    guard module.codes.count == module.functions.count else {
        throw FormatError(.malformed, "function and code section have inconsistent lengths", offset: module.codeSectionOffset)
    }
    return context
}

/// Everything but the function bodies. Offsets of errors outside expressions are 0: the parsed
/// module does not keep the positions of its section entries.
func validateModuleFields(_ module: ParsedModule, context: ValidationContext) throws(FormatError) {
    let features = context.features
    if !features.contains(.multiValue) {
        for t in module.types where t.results.count > 1 {
            throw FormatError(.invalid, "invalid result arity", offset: 0)
        }
    }
    func typeIndex(_ x: UInt32) throws(FormatError) {
        guard Int(x) < module.types.count else {
            throw FormatError(.invalid, "unknown type " + String(x), offset: 0)
        }
    }
#if WISP_NO_FUNCTION_REFERENCES
    @inline(__always) func valueType(_ t: ValueType) throws(FormatError) {}  // (no concrete references)
#else
    /// A reference type's index must name a type (in the type section: one defined at or
    /// before the type that uses it).
    func valueType(_ t: ValueType, limit: Int? = nil) throws(FormatError) {
        if t.isReference, let i = t.heapType.typeIndex, Int(i) >= (limit ?? module.types.count) {
            throw FormatError(.invalid, "unknown type " + String(i), offset: 0)
        }
    }
    for (x, t) in module.types.enumerated() {
        for p in t.parameters { try valueType(p, limit: x + 1) }
        for r in t.results { try valueType(r, limit: x + 1) }
    }
#endif
    for imp in module.imports {
        switch imp.descriptor {
        case .function(let x): try typeIndex(x)
        case .table(let t):
            try valueType(t.element)
            try validateTableType(t)
            // An imported table comes filled: no initializer is needed for a non-null type.
        case .memory(let m): try validateMemoryType(m)
        case .global(let g): try valueType(g.valueType)
        case .tag(let x):
#if WISP_NO_EXCEPTIONS
            _ = x  // not reached: the decoder lets no tag through
#else
            try tagType(x)
#endif
        }
    }
#if !WISP_NO_EXCEPTIONS
    func tagType(_ x: UInt32) throws(FormatError) {
        try typeIndex(x)
        if !module.types[Int(x)].results.isEmpty {
            throw FormatError(.invalid, "non-empty tag result type", offset: 0)
        }
    }
    for x in module.tags { try tagType(x) }
#endif
    for x in module.functions { try typeIndex(x) }
    for t in module.tables {
        try valueType(t.element)
        try validateTableType(t)
    }
#if !WISP_NO_FUNCTION_REFERENCES
    for g in module.globals { try valueType(g.type.valueType) }
    for e in module.elements { try valueType(e.type) }
#endif
    for m in module.memories { try validateMemoryType(m) }
    if context.memoryCount > 1 && !features.hasMultiMemory {
        throw FormatError(.invalid, "multiple memories", offset: 0)
    }
    if !features.contains(.referenceTypes) && context.tables.count > 1 {
        throw FormatError(.invalid, "multiple tables", offset: 0)
    }
#if WISP_NO_EXTENDED_CONST
    for g in module.globals {
        try validateConstExpr(g.initializer, expected: g.type.valueType, context: context)
    }
    let allGlobals: Int? = nil
#else
    // 3.0: an initialiser sees the globals before it; segments see them all.
    var visible = context.importedGlobalCount
    for g in module.globals {
        try validateConstExpr(g.initializer, expected: g.type.valueType, context: context, visibleGlobals: visible)
        visible += 1
    }
    let allGlobals: Int? = context.globals.count
#endif
#if !WISP_NO_FUNCTION_REFERENCES
    for (i, t) in module.tables.enumerated() {
        if i < module.tableInitializers.count, let e = module.tableInitializers[i] {
            // (Tables come before globals: only imported globals are in scope.)
            try validateConstExpr(e, expected: t.element, context: context, visibleGlobals: context.importedGlobalCount)
        } else if !t.element.isNullable {
            // Without an initializer the elements start null, which the type does not allow.
            throw FormatError(.invalid, "type mismatch", offset: 0)
        }
    }
#endif
    for seg in module.elements {
        for (i, x) in seg.functionIndices.enumerated() where Int(x) >= context.functionTypeIndices.count {
            throw FormatError(.invalid, "unknown function " + String(x), offset: Int(seg.functionIndexOffsets[i]))
        }
        for item in seg.expressions {
            try validateConstExpr(item, expected: seg.type, context: context, visibleGlobals: allGlobals)
        }
        if case .active(let table, let offset) = seg.mode {
            guard Int(table) < context.tables.count else {
                throw FormatError(.invalid, "unknown table " + String(table), offset: offset.offset)
            }
            try validateConstExpr(offset, expected: context.tableAddressType(table), context: context, visibleGlobals: allGlobals)
#if WISP_NO_FUNCTION_REFERENCES
            let fits = seg.type == context.tables[Int(table)].element
#else
            let fits = context.canonical(seg.type).isSubtype(of: context.tables[Int(table)].element)
#endif
            if !fits {
                throw FormatError(.invalid, "type mismatch", offset: offset.offset)
            }
        }
    }
    for data in module.datas {
        if case .active(let memory, let offset) = data.mode {
            guard Int(memory) < context.memoryCount else {
                throw FormatError(.invalid, "unknown memory " + String(memory), offset: offset.offset)
            }
            try validateConstExpr(offset, expected: context.memoryAddressType(memory), context: context, visibleGlobals: allGlobals)
        }
    }
    if let start = module.start {
        guard Int(start) < context.functionTypeIndices.count else {
            throw FormatError(.invalid, "unknown function " + String(start), offset: 0)
        }
        let t = module.types[Int(context.functionTypeIndices[Int(start)])]
        if !t.parameters.isEmpty || !t.results.isEmpty {
            throw FormatError(.invalid, "start function", offset: 0)
        }
    }
    for e in module.exports {
        let (count, what): (Int, String)
        switch e.kind {
        case .function: (count, what) = (context.functionTypeIndices.count, "unknown function ")
        case .table: (count, what) = (context.tables.count, "unknown table ")
        case .memory: (count, what) = (context.memoryCount, "unknown memory ")
        case .global: (count, what) = (context.globals.count, "unknown global ")
        case .tag: (count, what) = (context.tags.count, "unknown tag ")  // (no tags without exception handling)
        }
        guard Int(e.index) < count else {
            throw FormatError(.invalid, what + String(e.index), offset: 0)
        }
    }
    try checkUniqueExportNames(module.exports)
}

func validateTableType(_ t: TableType) throws(FormatError) {
#if WISP_NO_MEMORY64
    try validateLimits(t.limits, range: UInt64(UInt32.max), message: "table size must be at most 2^32-1")
#else
    if t.is64 {
        try validateLimits(t.limits, range: UInt64.max, message: "table size must be at most 2^64-1")
    } else {
        try validateLimits(t.limits, range: UInt64(UInt32.max), message: "table size must be at most 2^32-1")
    }
#endif
}

func validateMemoryType(_ m: MemoryType) throws(FormatError) {
#if WISP_NO_MEMORY64 && WISP_NO_CUSTOM_PAGE_SIZES
    try validateLimits(m.limits, range: MemoryType.maxPages, message: "memory size must be at most 65536 pages (4GiB)")
#else
    guard m.pageSizeLog2 == 16 || m.pageSizeLog2 == 0 else {
        throw FormatError(.invalid, "invalid custom page size", offset: 0)
    }
    let message: String
    if m.pageSizeLog2 == 16 {
        message = m.is64 ? "memory size must be at most 2^48 pages (256TiB)" : "memory size must be at most 65536 pages (4GiB)"
    } else {
        message = m.is64 ? "memory size must be at most 2^64-1 bytes" : "memory size must be at most 2^32-1 bytes"
    }
    try validateLimits(m.limits, range: m.maxPagesAllowed, message: message)
#endif
}

func validateLimits(_ l: Limits, range: UInt64, message: String) throws(FormatError) {
    if l.min > range { throw FormatError(.invalid, message, offset: 0) }
    if let max = l.max {
        if max > range { throw FormatError(.invalid, message, offset: 0) }
        if l.min > max {
            throw FormatError(.invalid, "size minimum must not be greater than maximum", offset: 0)
        }
    }
}

/// Export names are compared as UTF-8 bytes (Swift's `String` equality would merge canonically
/// equivalent but different names), in a hash table of their bytes.
func checkUniqueExportNames(_ exports: [Export]) throws(FormatError) {
    if exports.count < 2 { return }
    var names = ByteStringTable()
    for e in exports where !names.insert(Array(e.name.utf8)).inserted {
        throw FormatError(.invalid, "duplicate export name", offset: 0)
    }
}
