// The decoded form of a WebAssembly binary module. Function bodies are kept as byte ranges of
// the original input: the validator and the translator read them with `OperatorReader`.

/// What an import brings in.
public enum ImportDescriptor: Equatable, Sendable {
    /// A function of the type at `typeIndex` in the type section.
    case function(typeIndex: UInt32)
    /// A table matching this type: the same element type, limits within these.
    case table(TableType)
    /// A memory matching this type: limits within these, the same address type and page size.
    case memory(MemoryType)
    /// A global of this type.
    case global(GlobalType)
    /// An exception tag of the given function type (whose results are empty).
    case tag(typeIndex: UInt32)

    /// The kind of value imported, as exports name kinds.
    public var kind: ExternalKind {
        switch self {
        case .function: return .function
        case .table: return .table
        case .memory: return .memory
        case .global: return .global
        case .tag: return .tag
        }
    }
}

/// One entry of the import section: a value the module needs, named by module and field.
public struct Import: Equatable, Sendable {
    /// The first level of the two-level name: the module to import from.
    public var module: String
    /// The field name within `module`.
    public var name: String
    /// The kind of value and the type it must have.
    public var descriptor: ImportDescriptor
    /// An import of `module`.`name`, described by `descriptor`.
    public init(module: String, name: String, descriptor: ImportDescriptor) {
        self.module = module
        self.name = name
        self.descriptor = descriptor
    }
}

/// One entry of the export section: a name for a function, table, memory, global or tag.
public struct Export: Equatable, Sendable {
    /// The export's name, unique within the module.
    public var name: String
    /// The index space `index` refers to.
    public var kind: ExternalKind
    /// The index of the exported value in its space (imports first).
    public var index: UInt32
    /// An export of value `index` of kind `kind` under `name`.
    public init(name: String, kind: ExternalKind, index: UInt32) {
        self.name = name
        self.kind = kind
        self.index = index
    }
}

/// A constant expression (global initialisers, segment offsets, element items), without its final `end`.
public struct ConstExpr: Equatable, Sendable {
    /// The instructions, in order, the final `end` left out.
    public var instructions: [Instruction]
    /// Byte offset of the expression in the module, for error messages.
    public var offset: Int
    /// An expression of `instructions` found at byte `offset`.
    public init(instructions: [Instruction], offset: Int) {
        self.instructions = instructions
        self.offset = offset
    }
}

/// A global the module defines.
public struct Global: Equatable, Sendable {
    /// Its value type and mutability.
    public var type: GlobalType
    /// The constant expression whose value it starts with.
    public var initializer: ConstExpr
    /// A global of `type` starting as `initializer`'s value.
    public init(type: GlobalType, initializer: ConstExpr) {
        self.type = type
        self.initializer = initializer
    }
}

/// When an element segment's items go into a table.
public enum ElementMode: Equatable, Sendable {
    /// Only when `table.init` copies them (until `elem.drop`).
    case passive
    /// At instantiation, into table `table` from the index `offset` evaluates to; then the
    /// segment is dropped.
    case active(table: UInt32, offset: ConstExpr)
    /// Never: the segment only declares functions that `ref.func` may name.
    case declarative
}

/// An element segment. A segment is a list of constant expressions (`items`); one written as
/// function indices (the compact form compilers use for function tables) keeps them as indices,
/// 8 bytes an item instead of an expression each (CPython's table has 47,000 items).
public struct ElementSegment: Equatable, Sendable {
    /// The reference type of the items.
    public var type: RefType
    /// Items written as expressions (empty for the function-index form).
    public var expressions: [ConstExpr]
    /// Items written as function indices, each meaning `ref.func index` (empty for the
    /// expression form).
    public var functionIndices: [UInt32]
    /// The byte offset of each of `functionIndices` in the binary, for error messages.
    public var functionIndexOffsets: [UInt32]
    /// When the items go into a table, and where.
    public var mode: ElementMode

    /// A segment whose items are written as constant expressions.
    public init(type: RefType, items: [ConstExpr], mode: ElementMode) {
        self.type = type
        self.expressions = items
        self.functionIndices = []
        self.functionIndexOffsets = []
        self.mode = mode
    }

    /// A segment in the function-index form: item `i` is `ref.func functionIndices[i]`, found at
    /// byte `offsets[i]`.
    public init(type: RefType, functionIndices: [UInt32], offsets: [UInt32], mode: ElementMode) {
        self.type = type
        self.expressions = []
        self.functionIndices = functionIndices
        self.functionIndexOffsets = offsets
        self.mode = mode
    }

    /// The number of items.
    public var count: Int { expressions.count + functionIndices.count }

    /// Every item as a constant expression (built on each call for the function-index form).
    public var items: [ConstExpr] {
        if functionIndices.isEmpty { return expressions }
        var out: [ConstExpr] = []
        out.reserveCapacity(functionIndices.count)
        for (i, x) in functionIndices.enumerated() {
            out.append(ConstExpr(instructions: [.refFunc(x)], offset: Int(functionIndexOffsets[i])))
        }
        return out
    }
}

/// When a data segment's bytes go into a memory.
public enum DataMode: Equatable, Sendable {
    /// Only when `memory.init` copies them (until `data.drop`).
    case passive
    /// At instantiation, into memory `memory` from the address `offset` evaluates to; then the
    /// segment is dropped.
    case active(memory: UInt32, offset: ConstExpr)
}

/// A data segment: bytes for a memory, left in the binary.
public struct DataSegment: Equatable, Sendable {
    /// When the bytes go into a memory, and where.
    public var mode: DataMode
    /// The segment's bytes as a range of `Module.bytes`.
    public var range: Range<Int>
    /// A segment of the bytes at `range`, applied as `mode` says.
    public init(mode: DataMode, range: Range<Int>) {
        self.mode = mode
        self.range = range
    }
}

/// A run of locals of one type, as written in the code section.
public struct LocalGroup: Equatable, Sendable {
    /// How many locals the run declares.
    public var count: UInt32
    /// The type of each of them.
    public var type: ValueType
    /// A run of `count` locals of `type`.
    public init(count: UInt32, type: ValueType) {
        self.count = count
        self.type = type
    }
}

/// The body of a function defined by the module.
///
/// The local declarations stay in the binary (`locals(in:)` reads them): an array per function
/// would cost a large module (CPython's 89,000 functions) megabytes for something only the
/// validator and the translator read, once per function.
public struct FunctionBody: Equatable, Sendable {
    /// Where the local declarations start in `ParsedModule.bytes`.
    public var localsStart: Int
    /// The total number of declared locals (parameters not included).
    public var localCount: UInt32
    /// The instructions, including the final `end`, as a range of `Module.bytes`.
    public var code: Range<Int>
    /// A body whose local declarations start at `localsStart` and whose instructions are `code`.
    public init(localsStart: Int, localCount: UInt32, code: Range<Int>) {
        self.localsStart = localsStart
        self.localCount = localCount
        self.code = code
    }

    /// The local declarations (runs of one type, empty runs left out), read from `bytes`, the
    /// module's binary. They were checked when the module was decoded, so this cannot fail for
    /// a body of that module. Cost: linear in the number of runs; one array.
    public func locals(in bytes: [UInt8]) -> [LocalGroup] {
        var r = ByteReader(bytes: bytes, offset: localsStart, end: code.lowerBound)
        // Decoding already accepted these bytes with the module's features, which include
        // every type a run may name.
        return (try? readLocalGroups(&r, .all).groups) ?? []
    }
}

/// The contents of the `name` custom section. Decoding it never fails a module: a malformed
/// name section is ignored, as the spec allows for custom sections.
public struct NameSection: Equatable, Sendable {
    /// The module's name (subsection 0), if given.
    public var moduleName: String?
    /// Function names by function index (subsection 1).
    public var functionNames: NameMap
    /// Local names by function index, then local index (subsection 2).
    public var localNames: IndexMap<NameMap>
    /// A section with the given names (none by default).
    public init(moduleName: String? = nil, functionNames: NameMap = NameMap(), localNames: IndexMap<NameMap> = IndexMap()) {
        self.moduleName = moduleName
        self.functionNames = functionNames
        self.localNames = localNames
    }
}

/// Values by `UInt32` index, as the name section stores them: two arrays in increasing index
/// order, looked up by binary search. Smaller than a `Dictionary` (no hashing; bare-metal builds carry no
/// hash-table code for it) and as fast for the lookups it serves (names for backtraces and samples).
public struct IndexMap<Value>: ExpressibleByDictionaryLiteral {
    /// The indices that have a value, in increasing order.
    public private(set) var indices: [UInt32] = []
    /// The values, in the order of `indices`.
    public private(set) var values: [Value] = []

    /// An empty map.
    public init() {}

    /// Adds `value` at `index`, which must be greater than every index already in the map (the
    /// name section stores its maps in increasing order). Returns false, adding nothing, otherwise.
    @discardableResult
    public mutating func append(_ index: UInt32, _ value: Value) -> Bool {
        if let last = indices.last, last >= index { return false }
        indices.append(index)
        values.append(value)
        return true
    }

    /// A map from pairs in increasing index order (a literal out of order is a programming error).
    public init(dictionaryLiteral elements: (UInt32, Value)...) {
        for (i, v) in elements { precondition(append(i, v), "IndexMap literal out of order") }
    }

    /// The number of entries.
    public var count: Int { indices.count }
    /// Whether the map has no entries.
    public var isEmpty: Bool { indices.isEmpty }

    /// The value at `index`, if any. Cost: O(log n).
    public subscript(index: UInt32) -> Value? {
        var lo = 0, hi = indices.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if indices[mid] < index { lo = mid + 1 } else { hi = mid }
        }
        return lo < indices.count && indices[lo] == index ? values[lo] : nil
    }
}

/// Names by `UInt32` index, like `IndexMap<String>`, that point into the module's binary
/// instead of holding a `String` each: CPython's 89,000 function names take 14 MB of its name
/// section, which the module keeps anyway. A lookup (for backtraces and samples) builds the
/// `String`.
public struct NameMap: ExpressibleByDictionaryLiteral, Equatable, Sendable {
    /// The indices that have a name, in increasing order.
    public private(set) var indices: [UInt32] = []
    /// Where each name's UTF-8 lies in `storage`.
    var starts: [UInt32] = []
    var ends: [UInt32] = []
    /// The module's bytes (shared, not copied), or the names' own bytes for a literal.
    var storage: [UInt8] = []

    /// An empty map.
    public init() {}

    /// A map whose names lie in `bytes` (see `append(_:range:)`).
    init(sharing bytes: [UInt8], capacity: Int) {
        storage = bytes
        indices.reserveCapacity(capacity)
        starts.reserveCapacity(capacity)
        ends.reserveCapacity(capacity)
    }

    /// Adds the name at `storage[range]` under `index`, which must be greater than every index
    /// already in the map. Returns false, adding nothing, otherwise.
    mutating func append(_ index: UInt32, range: Range<Int>) -> Bool {
        if let last = indices.last, last >= index { return false }
        indices.append(index)
        starts.append(UInt32(truncatingIfNeeded: range.lowerBound))
        ends.append(UInt32(truncatingIfNeeded: range.upperBound))
        return true
    }

    /// A map from pairs in increasing index order (a literal out of order is a programming error).
    public init(dictionaryLiteral elements: (UInt32, String)...) {
        for (i, v) in elements {
            let start = storage.count
            storage.append(contentsOf: v.utf8)
            precondition(append(i, range: start..<storage.count), "NameMap literal out of order")
        }
    }

    /// The number of names.
    public var count: Int { indices.count }
    /// Whether the map has no names.
    public var isEmpty: Bool { indices.isEmpty }

    func name(at i: Int) -> ArraySlice<UInt8> { storage[Int(starts[i])..<Int(ends[i])] }

    /// The name at `index`, if any. Cost: O(log n) and the String.
    public subscript(index: UInt32) -> String? {
        var lo = 0, hi = indices.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if indices[mid] < index { lo = mid + 1 } else { hi = mid }
        }
        guard lo < indices.count && indices[lo] == index else { return nil }
        return String(decoding: name(at: lo), as: UTF8.self)
    }

    /// Equal when they map the same indices to the same names.
    public static func == (a: NameMap, b: NameMap) -> Bool {
        guard a.indices == b.indices else { return false }
        for i in 0..<a.indices.count where !a.name(at: i).elementsEqual(b.name(at: i)) { return false }
        return true
    }
}

extension IndexMap: Equatable where Value: Equatable {}
extension IndexMap: Sendable where Value: Sendable {}

/// A custom section: its name, and where its payload lies in the binary (not decoded).
public struct CustomSection: Equatable, Sendable {
    /// The section's name (`name`, `producers`, ...).
    public var name: String
    /// The payload as a range of `Module.bytes`.
    public var range: Range<Int>
    /// A section named `name` whose payload is the bytes at `range`.
    public init(name: String, range: Range<Int>) {
        self.name = name
        self.range = range
    }
}

/// A decoded module. Produced by `decodeModule`; `validateModule` checks it.
public struct ParsedModule: Sendable {
    /// The binary the module was decoded from; ranges in the other fields point into it.
    public var bytes: [UInt8]
    /// The type section: every function type, by type index.
    public var types: [FuncType] = []
    /// The import section, in order: each import takes the next index of its kind's index space.
    public var imports: [Import] = []
    /// Type index of each function the module defines (imported functions not included).
    public var functions: [UInt32] = []
    /// The types of the tables the module defines (imported tables not included).
    public var tables: [TableType] = []
    /// Per defined table, the expression its elements start as (typed function references:
    /// `0x40 0x00 tabletype expr`), or nil for null.
    public var tableInitializers: [ConstExpr?] = []
    /// The types of the memories the module defines (imported memories not included).
    public var memories: [MemoryType] = []
    /// Type index of each tag the module defines (imported tags not included).
    public var tags: [UInt32] = []
    /// The globals the module defines (imported globals not included).
    public var globals: [Global] = []
    /// The export section, in order.
    public var exports: [Export] = []
    /// The index of the function to run at instantiation, if the module has a start section.
    public var start: UInt32?
    /// The element segments, by segment index.
    public var elements: [ElementSegment] = []
    /// The data count section's value, if the module has one (code needs it to use `memory.init`
    /// or `data.drop`).
    public var dataCount: UInt32?
    /// The bodies of the functions the module defines, in the order of `functions`.
    public var codes: [FunctionBody] = []
    /// The data segments, by segment index.
    public var datas: [DataSegment] = []
    /// Every custom section, in the order of the binary (their payloads undecoded; see `names`).
    public var customSections: [CustomSection] = []
    /// The name section's contents, as far as they were decoded (see `decodeModule`'s
    /// `deferNames`; `decodeNames(_:)` decodes them all).
    public var names = NameSection()
    /// Byte offset of the code section's contents, so instruction offsets can be reported relative to it.
    public var codeSectionOffset: Int = 0

    /// A module with no sections yet, over `bytes` (the decoder fills in the rest).
    public init(bytes: [UInt8]) { self.bytes = bytes }

    // Index spaces: imports come first in each.
    /// How many functions are imported: the index of the first defined one. Linear in `imports`.
    public var importedFunctionCount: Int { imports.reduce(0) { if case .function = $1.descriptor { return $0 + 1 } else { return $0 } } }
    /// How many tables are imported: the index of the first defined one. Linear in `imports`.
    public var importedTableCount: Int { imports.reduce(0) { if case .table = $1.descriptor { return $0 + 1 } else { return $0 } } }
    /// How many memories are imported: the index of the first defined one. Linear in `imports`.
    public var importedMemoryCount: Int { imports.reduce(0) { if case .memory = $1.descriptor { return $0 + 1 } else { return $0 } } }
    /// How many globals are imported: the index of the first defined one. Linear in `imports`.
    public var importedGlobalCount: Int { imports.reduce(0) { if case .global = $1.descriptor { return $0 + 1 } else { return $0 } } }
    /// How many tags are imported: the index of the first defined one. Linear in `imports`.
    public var importedTagCount: Int { imports.reduce(0) { if case .tag = $1.descriptor { return $0 + 1 } else { return $0 } } }
}

/// A set of WebAssembly proposals. `--features` on the command line pins it; the default is
/// `.all`, every proposal Wisp implements, as in Wasmtime.
public struct Features: OptionSet, Sendable {
    /// One bit per proposal, as the static members below assign them.
    public let rawValue: UInt32
    /// The set with these bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Sign extension (2.0): `i32.extend8_s` and the other operators that sign-extend in place.
    public static let signExtension = Features(rawValue: 1 << 0)
    /// Non-trapping float-to-int conversions (2.0): the `trunc_sat` operators.
    public static let saturatingFloatToInt = Features(rawValue: 1 << 1)
    /// Multi-value (2.0): functions and blocks with several results, and blocks with parameters.
    public static let multiValue = Features(rawValue: 1 << 2)
    /// Bulk memory (2.0): `memory.copy`, `memory.fill`, `memory.init`, `data.drop`, `table.copy`,
    /// `table.init`, `elem.drop`, passive segments and the data count section.
    public static let bulkMemory = Features(rawValue: 1 << 3)
    /// Reference types (2.0): `externref`, references as values, several tables,
    /// `table.get`/`set`/`size`/`grow`/`fill`, `ref.null`, `ref.is_null`, `ref.func` and typed `select`.
    public static let referenceTypes = Features(rawValue: 1 << 4)
    /// Fixed-width SIMD (2.0): the `v128` type and its operators.
    public static let simd = Features(rawValue: 1 << 5)
    /// Exception handling as in Wasm 3.0: the tag section, `exnref`, `throw`, `throw_ref` and
    /// `try_table` (not the legacy `try`/`catch`/`delegate` encoding).
    public static let exceptionHandling = Features(rawValue: 1 << 6)
    /// Tail calls as in Wasm 3.0: `return_call` and `return_call_indirect`.
    public static let tailCall = Features(rawValue: 1 << 7)
    /// Constant expressions of Wasm 3.0: `i32`/`i64` `add`, `sub` and `mul`, and `global.get` of
    /// any immutable global defined before the expression (2.0: imported globals only).
    public static let extendedConst = Features(rawValue: 1 << 8)
    /// Relaxed SIMD (Wasm 3.0), with the deterministic profile's result for every operator, so
    /// results and fuel never depend on the host (docs/simd.md).
    public static let relaxedSIMD = Features(rawValue: 1 << 9)
    /// Wide arithmetic (a proposal beyond 3.0, phase 3): `i64.add128`, `i64.sub128`,
    /// `i64.mul_wide_s`, `i64.mul_wide_u`. In `.all`, not in `.wasm3`.
    public static let wideArithmetic = Features(rawValue: 1 << 10)
    /// 64-bit memories and tables (Wasm 3.0): `i64` addresses, offsets and limits.
    public static let memory64 = Features(rawValue: 1 << 11)
    /// Several memories in a module (Wasm 3.0): a memory index on every memory instruction.
    public static let multiMemory = Features(rawValue: 1 << 12)
    /// Custom page sizes (a proposal beyond 3.0, phase 3): memories with 1-byte pages, so a
    /// module can ask for less than 64 KiB. In `.all`, not in `.wasm3`.
    public static let customPageSizes = Features(rawValue: 1 << 13)
    /// Typed function references (Wasm 3.0): `(ref null? $t)` types, `call_ref`,
    /// `return_call_ref`, `ref.as_non_null`, `br_on_null`, `br_on_non_null`, non-nullable locals,
    /// tables with initializers.
    public static let functionReferences = Features(rawValue: 1 << 14)

    /// WebAssembly 1.0 (the MVP).
    public static let wasm1: Features = []
    /// WebAssembly 2.0.
    public static let wasm2: Features = [.signExtension, .saturatingFloatToInt, .multiValue, .bulkMemory, .referenceTypes, .simd]
    /// What Wisp implements of WebAssembly 3.0: all of it but GC (2.0, exception handling, tail
    /// calls, extended constant expressions, relaxed SIMD, memory64, multi-memory, typed
    /// function references).
    public static let wasm3: Features = wasm2.union([.exceptionHandling, .tailCall, .extendedConst, .relaxedSIMD, .memory64, .multiMemory,
                                                     .functionReferences])
    /// Every proposal Wisp implements: the default.
    public static let all: Features = wasm3.union([.wideArithmetic, .customPageSizes])

#if !hasFeature(Embedded)
    /// The names `--features` and `Features(parsing:)` use for each proposal (those of
    /// wasm-tools and Wasmtime), in bit order. (Built on use: the firmware's error messages need
    /// only `name`.)
    public static var names: [(name: String, feature: Features)] {
        (0..<15).map { bit in let f = Features(rawValue: 1 << bit); return (f.name, f) }
    }
    /// Proposals Wisp knows of but does not implement yet: asking for one is an error that says so;
    /// leaving one out (`-gc`) is allowed and changes nothing.
    public static let unimplementedNames = [
        "gc", "threads",
    ]

    /// The name of a single proposal, for error messages ("exceptions").
    public var name: String {
        switch rawValue {
        case 1 << 0: return "sign-extension"
        case 1 << 1: return "saturating-float-to-int"
        case 1 << 2: return "multi-value"
        case 1 << 3: return "bulk-memory"
        case 1 << 4: return "reference-types"
        case 1 << 5: return "simd"
        case 1 << 6: return "exceptions"
        case 1 << 7: return "tail-call"
        case 1 << 8: return "extended-const"
        case 1 << 9: return "relaxed-simd"
        case 1 << 10: return "wide-arithmetic"
        case 1 << 11: return "memory64"
        case 1 << 12: return "multi-memory"
        case 1 << 13: return "custom-page-sizes"
        case 1 << 14: return "function-references"
        default: return "features " + String(rawValue)
        }
    }

    /// Parses a feature list: comma-separated presets (`wasm1`, `wasm2`, `wasm3`, `all`, `none`) and
    /// proposal names, each optionally prefixed by `+` (add) or `-` (remove), applied left to
    /// right from `.all`. A bare preset at the start replaces the set (`wasm2,+tail-call`); any
    /// other bare entry adds (`-simd` is everything but SIMD). Throws a message naming the unknown
    /// or unimplemented entry. Cost: linear in the text.
    public init(parsing text: String) throws(FeatureListError) {
        var result: Features = .all
        var first = true
        let presets: [(String, Features)] = [("wasm1", .wasm1), ("mvp", .wasm1), ("wasm2", .wasm2), ("wasm3", .wasm3), ("all", .all), ("none", [])]
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            var item = Substring(part)
            while item.first == " " { item.removeFirst() }
            while item.last == " " { item.removeLast() }
            var sign: Character? = nil
            if let c = item.first, c == "+" || c == "-" { sign = c; item.removeFirst() }
            var set: Features? = nil
            var isPreset = false
            for (n, f) in presets where n == item { set = f; isPreset = true }
            for (n, f) in Features.names where n == item { set = f }
            if item == "exception-handling" { set = .exceptionHandling }
            if item == "nontrapping-float-to-int" { set = .saturatingFloatToInt }
            guard let found = set else {
                if Features.unimplementedNames.contains(String(item)) {
                    if sign == "-" { first = false; continue }
                    throw FeatureListError(message: "the " + String(item) + " proposal is not implemented yet (implemented: " + Features.names.map { $0.name }.joined(separator: ", ") + ")")
                }
                throw FeatureListError(message: "unknown feature '" + String(item) + "' (presets: wasm1, wasm2, wasm3, all; proposals: " + Features.names.map { $0.name }.joined(separator: ", ") + ")")
            }
            switch sign {
            case "-": result.subtract(found)
            case "+": result.formUnion(found)
            default:
                // A bare preset or name first replaces the starting set; later it adds.
                if first && isPreset { result = found } else { result.formUnion(found) }
            }
            first = false
        }
        self = result
    }
#endif
}

extension Features {
    // Whether the set has a proposal that a build-time cut may have taken out: false in a build
    // without it (`-D WISP_NO_MEMORY64`, ...), whose decoder then reads what 2.0 reads.
    @inlinable var hasMemory64: Bool {
#if WISP_NO_MEMORY64
        return false
#else
        return contains(.memory64)
#endif
    }
    @inlinable var hasMultiMemory: Bool {
#if WISP_NO_MULTI_MEMORY
        return false
#else
        return contains(.multiMemory)
#endif
    }
    @inlinable var hasFunctionReferences: Bool {
#if WISP_NO_FUNCTION_REFERENCES
        return false
#else
        return contains(.functionReferences)
#endif
    }
    @inlinable var hasCustomPageSizes: Bool {
#if WISP_NO_CUSTOM_PAGE_SIZES
        return false
#else
        return contains(.customPageSizes)
#endif
    }
}

#if !hasFeature(Embedded)
/// Why a feature list did not parse (`Features(parsing:)`).
public struct FeatureListError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the entry at fault and the valid ones.
    public var message: String
    /// The message.
    public var description: String { message }
}
#endif

#if hasFeature(Embedded)
// Firmware keeps the spec's wording only: naming the proposal costs about 1 KB of Arm code, and
// a firmware's features are fixed when it is built.
@inline(__always)
func featureDisabled(_ what: String, _ feature: Features, _ offset: Int) -> FormatError {
    malformed(what, offset)
}
#else
/// The error for a module that uses a proposal left out of the engine's features: it names the
/// proposal and how to turn it on (the spec's own wording comes first, so spec tests that expect
/// it still match).
@inline(never)
func featureDisabled(_ what: String, _ feature: Features, _ offset: Int) -> FormatError {
    FormatError(.malformed, what + " (the " + feature.name + " proposal is disabled; see --features)", offset: offset)
}
#endif

/// The error for exception handling in a build made without it (`-D WISP_NO_EXCEPTIONS`, for
/// firmware: its decoding, validation, landing pads and unwinding are about 5 KB of Arm code).
@inline(never)
func noExceptions(_ offset: Int) -> FormatError {
    FormatError(.malformed, "exception handling is not in this build (WISP_NO_EXCEPTIONS)", offset: offset)
}

/// The error for typed function references in a build made without them
/// (`-D WISP_NO_FUNCTION_REFERENCES`, for firmware).
@inline(never)
func noFunctionReferences(_ offset: Int) -> FormatError {
    FormatError(.malformed, "typed function references are not in this build (WISP_NO_FUNCTION_REFERENCES)", offset: offset)
}

/// The error for tail calls in a build made without them (`-D WISP_NO_TAIL_CALLS`, for firmware).
@inline(never)
func noTailCalls(_ offset: Int) -> FormatError {
    FormatError(.malformed, "tail calls are not in this build (WISP_NO_TAIL_CALLS)", offset: offset)
}

/// The error for SIMD types and instructions in a build made without SIMD (`-D WISP_NO_SIMD`, for
/// firmware that runs no SIMD code and would rather not carry its ~30 KB). Such a build decodes
/// everything else of WebAssembly 2.0.
@inline(never)
func noSIMD(_ offset: Int) -> FormatError {
    FormatError(.malformed, "SIMD (v128) is not supported by this build of Wisp (compiled with WISP_NO_SIMD)", offset: offset)
}

/// Why a binary was rejected: the one error type of the format layer.
public struct FormatError: Error, Equatable, Sendable {
    /// Which of the spec's two ways of rejecting a module it is.
    public enum Kind: Equatable, Sendable {
        /// The bytes are not a well-formed binary module (spec: "malformed").
        case malformed
        /// The module is well-formed but breaks a validation rule (spec: "invalid").
        case invalid
    }
    /// Whether the binary is malformed or invalid.
    public var kind: Kind
    /// What is wrong, in the spec's wording where it has one (the spec tests compare it).
    public var message: String
    /// Byte offset in the input where the problem was found.
    public var offset: Int

    /// An error of `kind` found at byte `offset`.
    public init(_ kind: Kind, _ message: String, offset: Int) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    /// "malformed at 0x1f: unexpected end" style text for people.
    public var description: String {
        (kind == .malformed ? "malformed module" : "invalid module") + " at offset " + String(offset) + ": " + message
    }
}
