// Decodes a WebAssembly 2.0 binary module into a `ParsedModule`.
//
// Sections are read the way the spec's reference interpreter reads them: through the whole input,
// with each section's declared size checked afterwards ("section size mismatch"). That gives the
// same error as the spec tests for truncated or overlong contents. Function bodies are not decoded
// here: only their locals are, and their instructions are kept as a byte range for the validator.

/// The most locals (parameters excluded) a function may declare. The spec only requires the
/// total to fit in a `u32`; engines cap it (V8 and SpiderMonkey use 50,000) so that a small
/// body cannot demand a huge frame.
public let maxFunctionLocals: UInt32 = 50_000

/// The most element segment items a module may declare, over all its segments (V8's limit on
/// table initialiser entries). Each item becomes a `ConstExpr` with its own instruction array
/// (about 100 bytes for one input byte), so this bounds what a hostile module can make us allocate.
public let maxElementItems = 10_000_000

/// Decodes a binary module.
///
/// Checks everything the binary format defines as "malformed" except that `memory.init` and
/// `data.drop` need a data count section (the validator checks that while walking bodies), and
/// except the instructions of function bodies, which the validator decodes with `OperatorReader`
/// (only the presence of each body's final `end` byte is checked here).
///
/// Two implementation limits apply on top of the spec: `maxFunctionLocals` ("too many locals") and
/// `maxElementItems` ("too many element segment items").
///
/// - Throws: `FormatError` of kind `.malformed`, with the spec's wording and the byte offset.
/// - Cost: linear in the input size; allocation stays proportional to the input (every count is
///   checked against the bytes left before anything is reserved). The largest factor is element
///   segment items, about 100 bytes each, hence `maxElementItems`.
///
/// `deferNames`: decode only the module's name from the name section (`names.moduleName`) and
/// leave the function and local names to `decodeNames(_:)` later: a big module's names are
/// megabytes (CPython's 14 MB, a sixth of its start-up) that most runs never read.
public func decodeModule(_ bytes: [UInt8], features: Features = .all, deferNames: Bool = false) throws(FormatError) -> ParsedModule {
    var decoder = ModuleDecoder(bytes: bytes, features: features)
#if !WISP_NO_NAME_SECTION
    decoder.deferNames = deferNames
#endif
    return try decoder.decode()
}

/// The whole name section of `module` (see `decodeModule(_:features:deferNames:)`), or an empty
/// one if it has none.
/// - Cost: linear in the section's size.
public func decodeNames(_ module: ParsedModule) -> NameSection {
#if WISP_NO_NAME_SECTION
    return NameSection()
#else
    // The first section named "name" is the one used (the decoder ignores later ones). Not a
    // field of ParsedModule: debug builds keep many copies of it on the stack, and the first
    // translation's stack budget (WASIStackBudgetTests) felt even 24 bytes more.
    guard let section = module.customSections.first(where: { sameName($0.name, "name") }) else { return NameSection() }
    return decodeNameSection(module.bytes, section.range)
#endif
}

/// Decodes the local declarations at the start of a function body, `bytes[range]`.
///
/// Returns the groups, their total, and the offset of the first instruction.
/// - Throws: `.malformed` "too many locals" when the total exceeds `maxFunctionLocals`, plus the
///   usual integer, type and end-of-input errors.
/// - Cost: linear in the number of groups.
public func decodeLocalGroups(_ bytes: [UInt8], range: Range<Int>, features: Features = .all) throws(FormatError)
    -> (groups: [LocalGroup], total: UInt32, codeStart: Int)
{
    precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "range outside the bytes")
    var r = ByteReader(bytes: bytes, offset: range.lowerBound, end: range.upperBound)
    return try readLocalGroups(&r, features)
}

func readLocalGroups(_ r: inout ByteReader, _ features: Features) throws(FormatError)
    -> (groups: [LocalGroup], total: UInt32, codeStart: Int)
{
    let count = try r.readCount()
    var groups: [LocalGroup] = []
    groups.reserveCapacity(count)
    var total: UInt64 = 0
    for _ in 0..<count {
        let at = r.offset
        let n = try r.readU32()
        let type = try r.readValueType(features)
        total += UInt64(n)
        if total > UInt64(maxFunctionLocals) { throw malformed("too many locals", at) }
        if n != 0 { groups.append(LocalGroup(count: n, type: type)) }
    }
    return (groups, UInt32(total), r.offset)
}

struct ModuleDecoder {
    var r: ByteReader
    let features: Features
    var module: ParsedModule
    /// Element segment items read so far, against `maxElementItems`.
    var elementItems = 0
#if !WISP_NO_NAME_SECTION
    /// Decode only the name section's module name (see `decodeModule`).
    var deferNames = false
#endif

    init(bytes: [UInt8], features: Features) {
        self.r = ByteReader(bytes: bytes, offset: 0, end: bytes.count)
        self.features = features
        self.module = ParsedModule(bytes: bytes)
    }

    /// Position of each non-custom section id in the required order (the data count section,
    /// id 12, comes between element and code; the tag section, id 13, between memory and global).
    static func order(ofSection id: UInt8) -> Int {
        switch id {
        case 12: return 20
        case 10: return 22
        case 11: return 24
        case 13: return 11
        default: return Int(id) * 2
        }
    }

    mutating func decode() throws(FormatError) -> ParsedModule {
        try readHeader()
        var lastOrder = 0
        var sawNameSection = false
        while !r.isAtEnd {
            let idAt = r.offset
            let id = try r.readByte()
            guard id <= 12 || (id == 13 && features.contains(.exceptionHandling)), id != 12 || features.contains(.bulkMemory) else {
                throw sectionIDError(id, idAt)
            }
            let size = try r.readCount()
            let start = r.offset
            let sectionEnd = start + size
            // readCount measures from the start of the size's own encoding, so the section could
            // still end past the input by up to the size's length: never read there.
            guard sectionEnd <= r.end else { throw malformed("unexpected end", start) }
            if id != 0 {
                let order = ModuleDecoder.order(ofSection: id)
                if order <= lastOrder { throw malformed("unexpected content after last section", idAt) }
                lastOrder = order
            }
            switch id {
            case 0:
                try readCustomSection(end: sectionEnd, decodeNames: !sawNameSection, sawName: &sawNameSection)
            case 1: try readTypeSection()
            case 2: try readImportSection()
            case 3: try readFunctionSection()
            case 4: try readTableSection()
            case 5: try readMemorySection()
            case 6: try readGlobalSection()
            case 7: try readExportSection()
            case 8: module.start = try r.readU32()
            case 9: try readElementSection()
            case 10:
                module.codeSectionOffset = start
                try readCodeSection()
            case 11: try readDataSection()
            case 13:
#if WISP_NO_EXCEPTIONS
                throw noExceptions(idAt)
#else
                try readTagSection()
#endif
            default: module.dataCount = try r.readU32()
            }
            if r.offset != sectionEnd { throw malformed("section size mismatch", start) }
        }
        if module.functions.count != module.codes.count {
            throw malformed("function and code section have inconsistent lengths", r.offset)
        }
        if let dataCount = module.dataCount, Int(dataCount) != module.datas.count {
            throw malformed("data count and data section have inconsistent lengths", r.offset)
        }
        return module
    }

    mutating func readHeader() throws(FormatError) {
        let bytes = r.bytes
        // The spec tests expect "unexpected end" for a truncated header, before looking at content.
        guard bytes.count >= 4 else { throw malformed("unexpected end", bytes.count) }
        guard bytes[0] == 0x00, bytes[1] == 0x61, bytes[2] == 0x73, bytes[3] == 0x6D else {
            throw malformed("magic header not detected", 0)
        }
        guard bytes.count >= 8 else { throw malformed("unexpected end", bytes.count) }
        guard bytes[4] == 1, bytes[5] == 0, bytes[6] == 0, bytes[7] == 0 else {
            throw malformed("unknown binary version", 4)
        }
        r.offset = 8
    }

    // MARK: Sections

    mutating func readCustomSection(end: Int, decodeNames: Bool, sawName: inout Bool) throws(FormatError) {
        // The name must fit in the section, so read it with the section as the limit.
        var sub = ByteReader(bytes: r.bytes, offset: r.offset, end: end)
        let name = try sub.readName()
        let payload = sub.offset..<end
        module.customSections.append(CustomSection(name: name, range: payload))
#if !WISP_NO_NAME_SECTION
        if decodeNames && sameName(name, "name") {
            sawName = true
            module.names = decodeNameSection(r.bytes, payload, through: deferNames ? 0 : .max)
        }
#endif
        r.offset = end
    }

    mutating func readTypeSection() throws(FormatError) {
        let count = try r.readCount()
        module.types.reserveCapacity(count)
        for _ in 0..<count {
            let at = r.offset
            let form = try r.readByte()
            if form & 0x80 != 0 { throw malformed("integer representation too long", r.offset) }
#if !WISP_NO_FUNCTION_REFERENCES
            if form == 0x4E || form == 0x4F || form == 0x50 || form == 0x5E || form == 0x5F {
                throw FormatError(.malformed, "malformed function type (GC types are not implemented)", offset: at)
            }
#endif
            guard form == 0x60 else { throw malformed("malformed function type", at) }
            let parameters = try readValueTypes()
            let results = try readValueTypes()
            module.types.append(FuncType(parameters: parameters, results: results))
        }
    }

    mutating func readValueTypes() throws(FormatError) -> [ValueType] {
        let count = try r.readCount()
        var types: [ValueType] = []
        types.reserveCapacity(count)
        for _ in 0..<count { types.append(try r.readValueType(features)) }
        return types
    }

    mutating func readImportSection() throws(FormatError) {
        let count = try r.readCount()
        module.imports.reserveCapacity(count)
        for _ in 0..<count {
            let moduleName = try r.readName()
            let name = try r.readName()
            let kindAt = r.offset
            let descriptor: ImportDescriptor
            let kind = try r.readByte()
            switch kind {
            case 0: descriptor = .function(typeIndex: try r.readU32())
            case 1: descriptor = .table(try r.readTableType(features))
            case 2: descriptor = .memory(try r.readMemoryType(features))
            case 3: descriptor = .global(try r.readGlobalType(features))
            case 4 where features.contains(.exceptionHandling):
#if WISP_NO_EXCEPTIONS
                throw noExceptions(kindAt)
#else
                descriptor = .tag(typeIndex: try readTagType())
#endif
            default: throw importKindError(kind, kindAt)
            }
            module.imports.append(Import(module: moduleName, name: name, descriptor: descriptor))
        }
    }

    mutating func readFunctionSection() throws(FormatError) {
        let count = try r.readCount()
        module.functions.reserveCapacity(count)
        for _ in 0..<count { module.functions.append(try r.readU32()) }
    }

    mutating func readTableSection() throws(FormatError) {
        let count = try r.readCount()
        module.tables.reserveCapacity(count)
        for _ in 0..<count {
#if !WISP_NO_FUNCTION_REFERENCES
            if features.contains(.functionReferences), r.peekByte() == 0x40 {
                let at = r.offset
                r.offset += 1
                if try r.readByte() != 0 { throw malformed("malformed table", at) }
                module.tables.append(try r.readTableType(features))
                module.tableInitializers.append(try readConstExpr())
                continue
            }
            module.tableInitializers.append(nil)
#endif
            module.tables.append(try r.readTableType(features))
        }
    }

    mutating func readMemorySection() throws(FormatError) {
        let count = try r.readCount()
        module.memories.reserveCapacity(count)
        for _ in 0..<count { module.memories.append(try r.readMemoryType(features)) }
    }

#if !WISP_NO_EXCEPTIONS
    mutating func readTagSection() throws(FormatError) {
        let count = try r.readCount()
        module.tags.reserveCapacity(count)
        for _ in 0..<count { module.tags.append(try readTagType()) }
    }

    /// A tag type: the attribute byte (0, "exception", the only one defined) and a type index.
    mutating func readTagType() throws(FormatError) -> UInt32 {
        let at = r.offset
        if try r.readByte() != 0 { throw malformed("malformed tag attribute", at) }
        return try r.readU32()
    }
#endif

    mutating func readGlobalSection() throws(FormatError) {
        let count = try r.readCount()
        module.globals.reserveCapacity(count)
        for _ in 0..<count {
            let type = try r.readGlobalType(features)
            let initializer = try readConstExpr()
            module.globals.append(Global(type: type, initializer: initializer))
        }
    }

    mutating func readExportSection() throws(FormatError) {
        let count = try r.readCount()
        module.exports.reserveCapacity(count)
        for _ in 0..<count {
            let name = try r.readName()
            let kindAt = r.offset
            guard let kind = ExternalKind(rawValue: try r.readByte()), kind != .tag || features.contains(.exceptionHandling) else {
                throw malformed("malformed export kind", kindAt)
            }
            module.exports.append(Export(name: name, kind: kind, index: try r.readU32()))
        }
    }

    mutating func readElementSection() throws(FormatError) {
        let count = try r.readCount()
        module.elements.reserveCapacity(count)
        for _ in 0..<count {
            let flagsAt = r.offset
            let flags = try r.readU32()
            guard flags <= 7, flags == 0 || features.contains(.bulkMemory) || features.contains(.referenceTypes) else {
                throw malformed("malformed elements segment kind", flagsAt)
            }
            // Bit 0: passive or declarative; bit 1: explicit table index (active) or declarative
            // (otherwise); bit 2: items are expressions rather than function indices.
            let mode: ElementMode
            if flags & 1 == 0 {
                let table = flags & 2 != 0 ? try r.readU32() : 0
                mode = .active(table: table, offset: try readConstExpr())
            } else {
                mode = flags & 2 != 0 ? .declarative : .passive
            }
            let usesExpressions = flags & 4 != 0
#if WISP_NO_FUNCTION_REFERENCES
            var type = RefType.funcref
#else
            // Function indices make references that are never null: `(ref func)` in 3.0.
            var type = usesExpressions || !features.contains(.functionReferences) ? RefType.funcref : .ref(.func, nullable: false)
#endif
            if flags & 3 != 0 {
                if usesExpressions {
                    type = try r.readRefType(features)
                } else {
                    let kindAt = r.offset
                    if try r.readByte() != 0x00 { throw malformed("malformed element kind", kindAt) }
                }
            }
            let countAt = r.offset
            let itemCount = try r.readCount()
            elementItems += itemCount
            if elementItems > maxElementItems { throw malformed("too many element segment items", countAt) }
            if usesExpressions {
                var items: [ConstExpr] = []
                items.reserveCapacity(itemCount)
                for _ in 0..<itemCount { items.append(try readConstExpr()) }
                module.elements.append(ElementSegment(type: type, items: items, mode: mode))
            } else {
                var indices: [UInt32] = [], offsets: [UInt32] = []
                indices.reserveCapacity(itemCount)
                offsets.reserveCapacity(itemCount)
                for _ in 0..<itemCount {
                    offsets.append(UInt32(truncatingIfNeeded: r.offset))
                    indices.append(try r.readU32())
                }
                module.elements.append(ElementSegment(type: type, functionIndices: indices, offsets: offsets, mode: mode))
            }
        }
    }

    mutating func readCodeSection() throws(FormatError) {
        let count = try r.readCount()
        module.codes.reserveCapacity(count)
        for _ in 0..<count {
            let size = try r.readCount()
            let bodyStart = r.offset
            let bodyEnd = bodyStart + size
            guard bodyEnd <= r.end else { throw r.unexpectedEnd(bodyStart) }
            // Locals may not run past the body.
            var sub = ByteReader(bytes: r.bytes, offset: bodyStart, end: bodyEnd)
            let (_, total, codeStart) = try readLocalGroups(&sub, features)
            // Every body ends with `end` (0x0B). The validator checks that this byte really is the
            // final `end`; a missing one can be reported now without decoding anything.
            if codeStart >= bodyEnd || r.bytes[bodyEnd - 1] != 0x0B {
                throw diagnoseMissingEnd(codeStart: codeStart, bodyEnd: bodyEnd)
            }
            module.codes.append(FunctionBody(localsStart: bodyStart, localCount: total, code: codeStart..<bodyEnd))
            r.offset = bodyEnd
        }
    }

    /// The error for a body whose declared size does not end on an `end` byte. Like the reference
    /// interpreter, read on past the declared size until the body's instructions end, so the
    /// report names the first real problem: a bad instruction, a misplaced `else`, the end of the
    /// input, or else a size that does not match. Only runs on this error path.
    func diagnoseMissingEnd(codeStart: Int, bodyEnd: Int) -> FormatError {
        var ops = OperatorReader(reader: ByteReader(bytes: r.bytes, offset: codeStart, end: r.bytes.count), features: features)
        // One entry per open block: whether it is an `if` that may still take an `else`.
        var open: [Bool] = [false]
        do throws(FormatError) {
            while true {
                let at = ops.offset
                switch try ops.read() {
                case .block, .loop, .tryTable:
                    open.append(false)
                case .if:
                    open.append(true)
                case .else:
                    guard open[open.count - 1] else { return malformed("END opcode expected", at) }
                    open[open.count - 1] = false
                case .end:
                    open.removeLast()
                    if open.isEmpty { return malformed("section size mismatch", bodyEnd) }
                default:
                    break
                }
            }
        } catch {
            return error
        }
    }

    mutating func readDataSection() throws(FormatError) {
        let count = try r.readCount()
        module.datas.reserveCapacity(count)
        for _ in 0..<count {
            let flagsAt = r.offset
            let flags = try r.readU32()
            let mode: DataMode
            switch flags {
            case 0:
                mode = .active(memory: 0, offset: try readConstExpr())
            case 1 where features.contains(.bulkMemory):
                mode = .passive
            case 2 where features.contains(.bulkMemory):
                let memory = try r.readU32()
                mode = .active(memory: memory, offset: try readConstExpr())
            default:
                throw malformed("malformed data segment kind", flagsAt)
            }
            module.datas.append(DataSegment(mode: mode, range: try r.readByteRange()))
        }
    }

#if hasFeature(Embedded)
    @inline(__always)
    func sectionIDError(_ id: UInt8, _ at: Int) -> FormatError { malformed("malformed section id", at) }
    @inline(__always)
    func importKindError(_ kind: UInt8, _ at: Int) -> FormatError { malformed("malformed import kind", at) }
#else
    @inline(never)
    func sectionIDError(_ id: UInt8, _ at: Int) -> FormatError {
        id == 13 ? featureDisabled("malformed section id", .exceptionHandling, at)
            : id == 12 ? featureDisabled("malformed section id", .bulkMemory, at) : malformed("malformed section id", at)
    }

    @inline(never)
    func importKindError(_ kind: UInt8, _ at: Int) -> FormatError {
        kind == 4 ? featureDisabled("malformed import kind", .exceptionHandling, at) : malformed("malformed import kind", at)
    }
#endif

    /// A constant expression: instructions up to the `end` that closes it. Which instructions are
    /// allowed is the validator's business; here nested blocks are only tracked to find that `end`.
    mutating func readConstExpr() throws(FormatError) -> ConstExpr {
        let start = r.offset
        var ops = OperatorReader(reader: r, features: features)
        var instructions: [Instruction] = []
        var depth = 0
        while true {
            let at = ops.offset
            let instruction = try ops.read()
            switch instruction {
            case .block, .loop, .if, .tryTable:
                depth += 1
            case .else where depth == 0:
                throw malformed("END opcode expected", at)
            case .end:
                if depth == 0 {
                    r.offset = ops.offset
                    return ConstExpr(instructions: instructions, offset: start)
                }
                depth -= 1
            default:
                break
            }
            instructions.append(instruction)
        }
    }
}

// MARK: The name section
// A build with `-D WISP_NO_NAME_SECTION` (firmware: about 4 KB of Arm code) keeps the section
// as a custom section only: backtraces then show function indices, as WAMR's default
// microcontroller build does (WAMR_BUILD_CUSTOM_NAME_SECTION=0).
#if !WISP_NO_NAME_SECTION

/// Decodes the payload of a `name` custom section: its subsections up to id `last` (the module is
/// fine whatever they hold: custom sections never make a module malformed). Each subsection is
/// taken whole or not at all: a malformed one is ignored, with everything after it, and the ones
/// before it are kept (so the module name decoded alone is the one a whole decoding gives).
func decodeNameSection(_ bytes: [UInt8], _ range: Range<Int>, through last: UInt8 = .max) -> NameSection {
    var names = NameSection()
    var r = ByteReader(bytes: bytes, offset: range.lowerBound, end: range.upperBound)
    var lastID = -1
    while !r.isAtEnd {
        do throws(FormatError) {
            let id = try r.readByte()
            // Subsections come in increasing id order, each at most once.
            guard Int(id) > lastID, id <= last else { return names }
            lastID = Int(id)
            let size = try r.readCount()
            let end = r.offset + size
            guard end <= r.end else { return names }
            var s = ByteReader(bytes: bytes, offset: r.offset, end: end)
            switch id {
            case 0:
                let name = try s.readName()
                guard s.offset == end else { return names }
                names.moduleName = name
            case 1:
                let map = try readCompactNameMap(&s)
                guard s.offset == end else { return names }
                names.functionNames = map
            case 2:
                let count = try s.readCount()
                var all = IndexMap<NameMap>()
                for _ in 0..<count {
                    let function = try s.readU32()
                    guard all.append(function, try readCompactNameMap(&s)) else { return names }
                }
                guard s.offset == end else { return names }
                names.localNames = all
            default:
                break
            }
            r.offset = end
        } catch {
            return names
        }
    }
    return names
}

/// A name map (spec, custom sections: "name maps"); its indices must increase, else the name
/// section is malformed and ignored.
private func readCompactNameMap(_ s: inout ByteReader) throws(FormatError) -> NameMap {
    let count = try s.readCount()
    var map = NameMap(sharing: s.bytes, capacity: count)
    for _ in 0..<count {
        let index = try s.readU32()
        let at = s.offset
        let range = try s.readByteRange()
        guard isValidUTF8(s.bytes, range) else { throw FormatError(.malformed, "malformed UTF-8 encoding", offset: at) }
        // Offsets are kept in 32 bits: past 4 GiB the names are dropped (the section is ignored).
        guard range.upperBound <= Int(UInt32.max) else { throw FormatError(.malformed, "name beyond 4 GiB", offset: at) }
        guard map.append(index, range: range) else { throw FormatError(.malformed, "name map out of order", offset: s.offset) }
    }
    return map
}
#endif
