// A module in the text format, parsed and encoded in the binary format in three passes over
// the tokens: (1) bind the identifiers of every index space, (2) encode the type definitions,
// (3) encode every other field in order. Pass 1 lets a body name a function defined after it;
// pass 3 in field order puts implicitly defined types where wabt puts them (a function's
// signature, then the types its body introduces), so the bytes match wast2json's.

struct ValType: Equatable {
    /// The type's code (0x7F i32 ... 0x70 funcref ...), or 0x63/0x64 for `(ref null? ht)`.
    var code: UInt8
    /// For 0x63/0x64: a type index (>= 0) or minus an abstract heap type's code.
    var heap: Int64 = 0

    func encode(_ out: inout [UInt8]) {
        out.append(code)
        if code == 0x63 || code == 0x64 {
            if heap >= 0 { putS64(&out, heap) } else { out.append(UInt8(-heap)) }
        }
    }
}

struct FuncSig: Equatable {
    var params: [ValType] = []
    var results: [ValType] = []

    /// The encoding as a type definition (0x60 params results), also the key of implicit types.
    func encode() -> [UInt8] {
        var out: [UInt8] = [0x60]
        putU32(&out, UInt32(params.count))
        for p in params { p.encode(&out) }
        putU32(&out, UInt32(results.count))
        for r in results { r.encode(&out) }
        return out
    }
}

struct TypeDef {
    /// The signature of a function type; nil for struct and array types.
    var sig: FuncSig?
    var fields: NameTable = NameTable()
}

enum FieldKind { case type, rec, importField, function, table, memory, global, tag, export, start, elem, data }

/// An elem segment's item: its constant expression, and the function it names when it is just `ref.func x`.
struct ElemItem { var expr: [UInt8]; var function: UInt32? }

let abstractHeapTypes: [(String, UInt8)] = [
    ("func", 0x70), ("extern", 0x6F), ("any", 0x6E), ("eq", 0x6D), ("i31", 0x6C), ("struct", 0x6B), ("array", 0x6A),
    ("exn", 0x69), ("noexn", 0x74), ("nofunc", 0x73), ("noextern", 0x72), ("none", 0x71),
]
let shorthandRefTypes: [(String, UInt8)] = [
    ("funcref", 0x70), ("externref", 0x6F), ("anyref", 0x6E), ("eqref", 0x6D), ("i31ref", 0x6C), ("structref", 0x6B),
    ("arrayref", 0x6A), ("exnref", 0x69), ("nullexnref", 0x74), ("nullfuncref", 0x73), ("nullexternref", 0x72), ("nullref", 0x71),
]

/// Parses and encodes one module; `encodeModule` is the entry point.
final class ModuleParser {
    let src: [UInt8]
    let toks: [Token]
    var p = 0
    /// For each `(` token, the index of its `)`.
    var match: [Int32]

    var typeNames = NameTable(), funcNames = NameTable(), tableNames = NameTable(), memNames = NameTable()
    var globalNames = NameTable(), tagNames = NameTable(), elemNames = NameTable(), dataNames = NameTable()
    var typeCount: UInt32 = 0, funcCount: UInt32 = 0, tableCount: UInt32 = 0, memCount: UInt32 = 0
    var globalCount: UInt32 = 0, tagCount: UInt32 = 0, elemCount: UInt32 = 0, dataCount: UInt32 = 0
    var memIs64: [Bool] = []
    var tableIs64: [Bool] = []
    var fields: [(FieldKind, Int)] = []

    var types: [TypeDef] = []
    var implicitTypes = NameTable()
    var typeSec: [UInt8] = [], typeEntries: UInt32 = 0
    var importSec: [UInt8] = [], importCount: UInt32 = 0
    var funcSec: [UInt8] = [], funcDefs: UInt32 = 0
    var tableSec: [UInt8] = [], tableDefs: UInt32 = 0
    var memSec: [UInt8] = [], memDefs: UInt32 = 0
    var tagSec: [UInt8] = [], tagDefs: UInt32 = 0
    var globalSec: [UInt8] = [], globalDefs: UInt32 = 0
    var exportSec: [UInt8] = [], exportCount: UInt32 = 0
    var elemSec: [UInt8] = [], elemDefs: UInt32 = 0
    var codeSec: [UInt8] = []
    /// Where each instruction of the function bodies starts: (byte offset, source offset of its
    /// operator). While a body is encoded the byte offsets count from the start of the buffer the
    /// instruction went to; appending a buffer to another moves its marks (`shiftMarks`), and at
    /// the end they count from the start of the module (`WAT.encodeWithSourceMap`).
    var marks: [(binary: Int32, source: Int32)] = []
    /// Whether instructions being encoded belong to a function body (constant expressions are
    /// not marked: their buffers are placed elsewhere).
    var inBody = false
    /// Where the code section's contents ended up in the module.
    var codeRange = 0..<0
    var dataSec: [UInt8] = [], dataDefs: UInt32 = 0
    var start: UInt32?
    var usesDataCount = false
    /// The 2.0 reading of the text (see `WAT.Dialect`).
    var wasm2 = false

    // Running indices in pass 3.
    var nextFunc: UInt32 = 0, nextTable: UInt32 = 0, nextMem: UInt32 = 0, nextGlobal: UInt32 = 0, nextTag: UInt32 = 0

    // The function being encoded.
    var localNames = NameTable()
    var labels: [[UInt8]?] = []

    init(src: [UInt8], tokens: [Token]) throws(WATError) {
        self.src = src
        self.toks = tokens
        match = Array(repeating: -1, count: tokens.count)
        var stack: [Int] = []
        for (i, t) in tokens.enumerated() {
            if t.kind == .lparen { stack.append(i) } else if t.kind == .rparen {
                guard let o = stack.popLast() else { throw makeError("unexpected )", at: Int(t.start), in: src) }
                match[o] = Int32(i)
            }
        }
        if let o = stack.last { throw makeError("unclosed (", at: Int(tokens[o].start), in: src) }
    }

    // MARK: tokens

    @inline(__always) func kind(_ i: Int) -> TokenKind { toks[i].kind }
    @inline(__always) func bytes(_ i: Int) -> ArraySlice<UInt8> { src[Int(toks[i].start)..<Int(toks[i].end)] }
    @inline(__always) func isAtom(_ i: Int, _ s: String) -> Bool { toks[i].kind == .atom && bytes(i).elementsEqual(s.utf8) }
    @inline(__always) func isLParenKw(_ s: String) -> Bool { toks[p].kind == .lparen && isAtom(p + 1, s) }
    func text(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

    func err(_ message: String, _ i: Int) -> WATError { makeError(message, at: Int(toks[i].start), in: src) }
    func unexpected(_ i: Int) -> WATError {
        if toks[i].kind == .eof { return err("unexpected end of input", i) }
        if toks[i].kind == .reserved { return err("unknown token " + text(i), i) }
        return err("unexpected token " + text(i), i)
    }

    func expectLParen() throws(WATError) { guard kind(p) == .lparen else { throw unexpected(p) }; p += 1 }
    func expectRParen() throws(WATError) { guard kind(p) == .rparen else { throw unexpected(p) }; p += 1 }
    func expectKw(_ s: String) throws(WATError) { guard isAtom(p, s) else { throw unexpected(p) }; p += 1 }
    func skipToClose(_ open: Int) { p = Int(match[open]) + 1 }

    /// An identifier's name for lookups, without copying unless it is written as a string.
    @inline(__always) func idLookup(_ names: NameTable, _ i: Int) -> UInt32? {
        let b = bytes(i)
        if b.count > 1 && b[b.startIndex + 1] == UInt8(ascii: "\"") { return names.find(idKey(i)[...]) }
        return names.find(b.dropFirst())
    }

    func idKey(_ i: Int) -> [UInt8] {
        let b = bytes(i)
        if b.count > 1 && b[b.startIndex + 1] == UInt8(ascii: "\"") {
            return decodeString(src, b.startIndex + 1, b.endIndex)
        }
        return Array(b.dropFirst())
    }

    func string(_ i: Int) throws(WATError) -> [UInt8] {
        guard kind(i) == .string else { throw unexpected(i) }
        return decodeString(src, Int(toks[i].start), Int(toks[i].end))
    }

    /// A string that becomes a name: it must be UTF-8.
    func name(_ i: Int) throws(WATError) -> [UInt8] {
        let s = try string(i)
        guard isValidUTF8(s) else { throw err("malformed UTF-8 encoding", i) }
        return s
    }

    func isIndexToken(_ i: Int) -> Bool {
        if kind(i) == .id { return true }
        guard kind(i) == .atom, let f = bytes(i).first else { return false }
        return f >= UInt8(ascii: "0") && f <= UInt8(ascii: "9")
    }

    func u32(_ i: Int) throws(WATError) -> UInt32 {
        guard kind(i) == .atom else { throw unexpected(i) }
        do { return UInt32(try parseUnsigned(bytes(i), max: UInt64(UInt32.max))) } catch {
            throw error == .range ? err("constant out of range", i) : unexpected(i)
        }
    }

    func u64(_ i: Int) throws(WATError) -> UInt64 {
        guard kind(i) == .atom else { throw unexpected(i) }
        do { return try parseUnsigned(bytes(i), max: UInt64.max) } catch {
            throw error == .range ? err("constant out of range", i) : unexpected(i)
        }
    }

    /// An index: a number, or an identifier bound in `names`.
    /// `table.copy` / `memory.copy`: a destination and a source, both written or both 0.
    func indexPair(_ names: NameTable, _ what: String, _ out: inout [UInt8]) throws(WATError) {
        if isIndexToken(p) {
            putU32(&out, try index(names, what)); putU32(&out, try index(names, what))
        } else {
            out.append(0); out.append(0)
        }
    }

    /// `table.init` / `memory.init`: the text writes the target (optional, 0 when absent) before
    /// the segment; the binary encodes the segment first.
    func segmentAndTarget(_ segments: NameTable, _ segmentWhat: String, _ targets: NameTable, _ targetWhat: String,
                          _ out: inout [UInt8]) throws(WATError) {
        let target = isIndexToken(p + 1) ? try index(targets, targetWhat) : 0
        putU32(&out, try index(segments, segmentWhat)); putU32(&out, target)
    }

    func index(_ names: NameTable, _ what: String) throws(WATError) -> UInt32 {
        if kind(p) == .id {
            guard let v = idLookup(names, p) else { throw err("unknown " + what + " " + text(p), p) }
            p += 1
            return v
        }
        let v = try u32(p)
        p += 1
        return v
    }

    func bind(_ names: inout NameTable, _ i: Int, _ value: UInt32, _ what: String) throws(WATError) {
        guard kind(i) == .id else { return }
        if !names.insert(idKey(i), value) { throw err("duplicate " + what + " " + text(i), i) }
    }

    // MARK: pass 1

    func scanFields(until end: Int) throws(WATError) {
        var firstDefinition: String? = nil
        while p < end {
            guard kind(p) == .lparen, kind(p + 1) == .atom else { throw unexpected(p) }
            let open = p
            let kw = text(p + 1)
            var q = p + 2
            func exportsAndImport() -> Bool {
                if kind(q) == .id { q += 1 }
                while kind(q) == .lparen && isAtom(q + 1, "export") { q = Int(match[q]) + 1 }
                return kind(q) == .lparen && isAtom(q + 1, "import")
            }
            switch kw {
            case "type":
                fields.append((.type, open))
                try bind(&typeNames, q, typeCount, "type"); typeCount += 1
            case "rec":
                fields.append((.rec, open))
                while kind(q) == .lparen {
                    if isAtom(q + 1, "type") { try bind(&typeNames, q + 2, typeCount, "type"); typeCount += 1 }
                    q = Int(match[q]) + 1
                }
            case "import":
                fields.append((.importField, open))
                guard kind(q) == .string, kind(q + 1) == .string, kind(q + 2) == .lparen, kind(q + 3) == .atom else {
                    throw unexpected(kind(q) == .string ? (kind(q + 1) == .string ? q + 2 : q + 1) : q)
                }
                if let d = firstDefinition { throw err("import after " + d, open) }
                let desc = text(q + 3)
                let idTok = q + 4
                var r = idTok
                if kind(r) == .id { r += 1 }
                switch desc {
                case "func": try bind(&funcNames, idTok, funcCount, "func"); funcCount += 1
                case "table":
                    try bind(&tableNames, idTok, tableCount, "table"); tableCount += 1
                    tableIs64.append(isAtom(r, "i64"))
                case "memory":
                    try bind(&memNames, idTok, memCount, "memory"); memCount += 1
                    memIs64.append(isAtom(r, "i64"))
                case "global": try bind(&globalNames, idTok, globalCount, "global"); globalCount += 1
                case "tag": try bind(&tagNames, idTok, tagCount, "tag"); tagCount += 1
                default: throw unexpected(q + 3)
                }
            case "func", "table", "memory", "global", "tag":
                let isImport = exportsAndImport()
                if isImport {
                    if let d = firstDefinition { throw err("import after " + d, open) }
                } else if firstDefinition == nil {
                    firstDefinition = kw == "func" ? "function" : kw
                }
                let idTok = p + 2
                switch kw {
                case "func": fields.append((.function, open)); try bind(&funcNames, idTok, funcCount, "func"); funcCount += 1
                case "table":
                    fields.append((.table, open)); try bind(&tableNames, idTok, tableCount, "table"); tableCount += 1
                    if isImport { q = Int(match[q]) + 1 }
                    tableIs64.append(isAtom(q, "i64"))
                    if !isImport { for c in children(open) where isAtom(c + 1, "elem") { elemCount += 1 } }
                case "memory":
                    fields.append((.memory, open)); try bind(&memNames, idTok, memCount, "memory"); memCount += 1
                    if isImport { q = Int(match[q]) + 1 }
                    memIs64.append(isAtom(q, "i64"))
                    if !isImport { for c in children(open) where isAtom(c + 1, "data") { dataCount += 1 } }
                case "global": fields.append((.global, open)); try bind(&globalNames, idTok, globalCount, "global"); globalCount += 1
                default: fields.append((.tag, open)); try bind(&tagNames, idTok, tagCount, "tag"); tagCount += 1
                }
            case "export": fields.append((.export, open))
            case "start": fields.append((.start, open))
            case "elem":
                fields.append((.elem, open)); try bind(&elemNames, q, elemCount, "elem segment"); elemCount += 1
            case "data":
                fields.append((.data, open)); try bind(&dataNames, q, dataCount, "data segment"); dataCount += 1
            default:
                throw err("unknown module field " + kw, p + 1)
            }
            skipToClose(open)
        }
    }

    /// The `(` tokens directly inside the parenthesized form opening at `open`.
    func children(_ open: Int) -> [Int] {
        var out: [Int] = []
        var q = open + 1
        let end = Int(match[open])
        while q < end {
            if kind(q) == .lparen { out.append(q); q = Int(match[q]) + 1 } else { q += 1 }
        }
        return out
    }

    // MARK: types

    func heapType() throws(WATError) -> Int64 {
        if kind(p) == .atom {
            let b = bytes(p)
            for (n, c) in abstractHeapTypes where b.elementsEqual(n.utf8) { p += 1; return -Int64(c) }
            if !isIndexToken(p) { throw unexpected(p) }
        }
        return Int64(try index(typeNames, "type"))
    }

    func refType() throws(WATError) -> ValType? {
        if kind(p) == .atom {
            let b = bytes(p)
            for (n, c) in shorthandRefTypes where b.elementsEqual(n.utf8) { p += 1; return ValType(code: c) }
            return nil
        }
        guard isLParenKw("ref") else { return nil }
        p += 2
        var nullable = false
        if isAtom(p, "null") { nullable = true; p += 1 }
        let h = try heapType()
        try expectRParen()
        if nullable && h < 0 { return ValType(code: UInt8(-h)) }
        return ValType(code: nullable ? 0x63 : 0x64, heap: h)
    }

    func valType(storage: Bool = false) throws(WATError) -> ValType {
        if kind(p) == .atom {
            let b = bytes(p)
            var c: UInt8 = 0
            if b.elementsEqual("i32".utf8) { c = 0x7F } else if b.elementsEqual("i64".utf8) { c = 0x7E } else if b.elementsEqual("f32".utf8) { c = 0x7D } else if b.elementsEqual("f64".utf8) { c = 0x7C } else if b.elementsEqual("v128".utf8) { c = 0x7B } else if storage && b.elementsEqual("i8".utf8) { c = 0x78 } else if storage && b.elementsEqual("i16".utf8) { c = 0x77 }
            if c != 0 { p += 1; return ValType(code: c) }
        }
        guard let r = try refType() else { throw unexpected(p) }
        return r
    }

    /// `(param ...)* (result ...)*`, with ids on params when `names` is given.
    func signature(names: inout [[UInt8]?]?, allowIds: Bool) throws(WATError) -> (FuncSig, Bool) {
        var sig = FuncSig()
        var any = false
        while isLParenKw("param") {
            any = true
            p += 2
            if kind(p) == .id {
                guard allowIds else { throw err("unexpected identifier", p) }
                names?.append(idKey(p))
                p += 1
                sig.params.append(try valType())
            } else {
                while kind(p) != .rparen { sig.params.append(try valType()); names?.append(nil) }
            }
            try expectRParen()
        }
        while isLParenKw("result") {
            any = true
            p += 2
            while kind(p) != .rparen { sig.results.append(try valType()) }
            try expectRParen()
        }
        return (sig, any)
    }

    func fieldType(_ out: inout [UInt8]) throws(WATError) {
        if isLParenKw("mut") {
            p += 2
            try valType(storage: true).encode(&out)
            out.append(1)
            try expectRParen()
        } else {
            try valType(storage: true).encode(&out)
            out.append(0)
        }
    }

    /// A comptype `(func ...)`, `(struct ...)` or `(array ...)`, appended to the type section.
    func compType(_ def: inout TypeDef) throws(WATError) {
        try expectLParen()
        if isAtom(p, "func") {
            p += 1
            var names: [[UInt8]?]? = nil
            let (sig, _) = try signature(names: &names, allowIds: true)
            typeSec.append(contentsOf: sig.encode())
            def.sig = sig
        } else if isAtom(p, "struct") {
            p += 1
            var body: [UInt8] = []
            var n: UInt32 = 0
            while isLParenKw("field") {
                p += 2
                if kind(p) == .id {
                    if !def.fields.insert(idKey(p), n) { throw err("duplicate field " + text(p), p) }
                    p += 1
                    try fieldType(&body); n += 1
                } else {
                    while kind(p) != .rparen { try fieldType(&body); n += 1 }
                }
                try expectRParen()
            }
            typeSec.append(0x5F)
            putU32(&typeSec, n)
            typeSec.append(contentsOf: body)
        } else if isAtom(p, "array") {
            p += 1
            typeSec.append(0x5E)
            try fieldType(&typeSec)
        } else {
            throw unexpected(p)
        }
        try expectRParen()
    }

    /// `(type $id? deftype)`: returns whether an implicit type use may reuse it.
    func typeDef() throws(WATError) -> Bool {
        p += 2
        if kind(p) == .id { p += 1 }
        var def = TypeDef()
        var reusable = true
        if isLParenKw("sub") {
            p += 2
            var final_ = false
            if isAtom(p, "final") { final_ = true; p += 1 }
            var supers: [UInt32] = []
            while isIndexToken(p) { supers.append(try index(typeNames, "type")) }
            typeSec.append(final_ ? 0x4F : 0x50)
            putU32(&typeSec, UInt32(supers.count))
            for s in supers { putU32(&typeSec, s) }
            try compType(&def)
            try expectRParen()
            reusable = final_ && supers.isEmpty
        } else {
            try compType(&def)
        }
        try expectRParen()
        types.append(def)
        return reusable
    }

    func encodeTypes() throws(WATError) {
        for (k, open) in fields {
            if k == .type {
                p = open
                let reusable = try typeDef()
                typeEntries += 1
                // The first explicit definition of a signature is what an inline type use refers to.
                if reusable, let sig = types.last!.sig {
                    _ = implicitTypes.insert(sig.encode(), UInt32(types.count - 1))
                }
            } else if k == .rec {
                p = open + 2
                var inner: [UInt8] = []
                let saved = typeSec
                typeSec = []
                var n: UInt32 = 0
                while kind(p) == .lparen {
                    guard isAtom(p + 1, "type") else { throw unexpected(p + 1) }
                    _ = try typeDef()
                    n += 1
                }
                try expectRParen()
                inner = typeSec
                typeSec = saved
                typeSec.append(0x4E)
                putU32(&typeSec, n)
                typeSec.append(contentsOf: inner)
                typeEntries += 1
            }
        }
    }

    /// The index of the type `sig`, appending an implicit definition when none can be reused.
    func implicitType(_ sig: FuncSig) -> UInt32 {
        let key = sig.encode()
        if let i = implicitTypes.find(key[...]) { return i }
        let i = UInt32(types.count)
        types.append(TypeDef(sig: sig))
        typeSec.append(contentsOf: key)
        typeEntries += 1
        _ = implicitTypes.insert(key, i)
        return i
    }

    /// A typeuse: `(type x)? (param ...)* (result ...)*`.
    func typeUse(names: inout [[UInt8]?]?, allowIds: Bool) throws(WATError) -> (UInt32, FuncSig) {
        var explicit: UInt32? = nil
        let at = p
        if isLParenKw("type") {
            p += 2
            explicit = try index(typeNames, "type")
            try expectRParen()
        }
        let (sig, inline) = try signature(names: &names, allowIds: allowIds)
        if let x = explicit {
            // A numeric index past the types is a validation error, not a malformed module.
            guard Int(x) < types.count else {
                if inline { throw err("unknown type", at + 2) }
                return (x, sig)
            }
            if let declared = types[Int(x)].sig {
                if inline {
                    if declared != sig { throw err("inline function type", at) }
                } else if names != nil {
                    names = Array(repeating: nil, count: declared.params.count)
                }
                return (x, declared)
            }
            if inline { throw err("inline function type", at) }
            return (x, sig)
        }
        return (implicitType(sig), sig)
    }

    /// A block type: empty, one result, or a type index (explicit or implicit).
    func blockType(_ out: inout [UInt8]) throws(WATError) {
        if isLParenKw("type") {
            var names: [[UInt8]?]? = nil
            let (x, sig) = try typeUse(names: &names, allowIds: false)
            if sig.params.isEmpty && sig.results.count <= 1 && types[Int(x)].sig != nil {
                if let r = sig.results.first { r.encode(&out) } else { out.append(0x40) }
            } else {
                putS64(&out, Int64(x))
            }
            return
        }
        var names: [[UInt8]?]? = nil
        let (sig, _) = try signature(names: &names, allowIds: false)
        if sig.params.isEmpty && sig.results.count <= 1 {
            if let r = sig.results.first { r.encode(&out) } else { out.append(0x40) }
        } else {
            putS64(&out, Int64(implicitType(sig)))
        }
    }

    // MARK: instructions

    /// Records that the operator at token `token` starts at `offset` of the buffer being written.
    @inline(__always) func mark(_ token: Int, at offset: Int) {
        if inBody { marks.append((Int32(truncatingIfNeeded: offset), toks[token].start)) }
    }

    /// Moves the marks from index `first` on by `delta` bytes (their buffer was appended at `delta`).
    func shiftMarks(from first: Int, by delta: Int) {
        if first < marks.count {
            for k in first..<marks.count { marks[k].binary += Int32(truncatingIfNeeded: delta) }
        }
    }

    func emitOp(_ info: OpInfo, _ out: inout [UInt8]) {
        if info.prefix == 0 { out.append(UInt8(info.code)) } else { out.append(info.prefix); putU32(&out, info.code) }
    }

    func labelDef() -> [UInt8]? {
        if kind(p) == .id { let k = idKey(p); p += 1; return k }
        return nil
    }

    func labelRef() throws(WATError) -> UInt32 {
        if kind(p) == .id {
            let k = idKey(p)
            var depth = 0
            for l in labels.reversed() {
                if let l, l == k { p += 1; return UInt32(depth) }
                depth += 1
            }
            throw err("unknown label " + text(p), p)
        }
        let v = try u32(p)
        p += 1
        return v
    }

    /// `end $id` / `else $id`: the id must repeat the block's label.
    func closingLabel(_ label: [UInt8]?) throws(WATError) {
        guard kind(p) == .id else { return }
        if label == nil || idKey(p) != label! { throw err("mismatching label", p) }
        p += 1
    }

    func isTerminator(_ i: Int) -> Bool {
        let b = bytes(i)
        return b.elementsEqual("end".utf8) || b.elementsEqual("else".utf8) || b.elementsEqual("catch".utf8)
            || b.elementsEqual("catch_all".utf8) || b.elementsEqual("delegate".utf8)
    }

    func instrs(_ out: inout [UInt8]) throws(WATError) {
        while true {
            let k = kind(p)
            if k == .lparen {
                guard kind(p + 1) == .atom, opTable.find(bytes(p + 1)) != nil else {
                    if kind(p + 1) == .atom && !isBlockPart(p + 1) { throw err("unknown operator " + text(p + 1), p + 1) }
                    return
                }
                try folded(&out)
            } else if k == .atom {
                if isTerminator(p) { return }
                try plain(&out)
            } else {
                return
            }
        }
    }

    /// Keywords that may follow instructions inside a form without being instructions.
    func isBlockPart(_ i: Int) -> Bool {
        let b = bytes(i)
        for s in ["then", "else", "param", "result", "type", "local", "catch", "catch_ref", "catch_all", "catch_all_ref",
                  "export", "import", "item", "offset", "elem", "data", "memory", "table", "mut", "ref", "field", "func"]
        where b.elementsEqual(s.utf8) { return true }
        return false
    }

    func catches(_ out: inout [UInt8]) throws(WATError) {
        var n: UInt32 = 0
        var body: [UInt8] = []
        while kind(p) == .lparen {
            if isAtom(p + 1, "catch") || isAtom(p + 1, "catch_ref") {
                body.append(isAtom(p + 1, "catch") ? 0 : 1)
                p += 2
                putU32(&body, try index(tagNames, "tag"))
            } else if isAtom(p + 1, "catch_all") || isAtom(p + 1, "catch_all_ref") {
                body.append(isAtom(p + 1, "catch_all") ? 2 : 3)
                p += 2
            } else {
                break
            }
            putU32(&body, try labelRef())
            try expectRParen()
            n += 1
        }
        putU32(&out, n)
        out.append(contentsOf: body)
    }

    func plain(_ out: inout [UInt8]) throws(WATError) {
        guard let info = opTable.find(bytes(p)) else {
            if kind(p) == .atom { throw err("unknown operator " + text(p), p) }
            throw unexpected(p)
        }
        mark(p, at: out.count)
        p += 1
        switch info.imm {
        case .block, .loop, .if_, .tryTable:
            let label = labelDef()
            emitOp(info, &out)
            try blockType(&out)
            if info.imm == .tryTable { try catches(&out) }
            labels.append(label)
            try instrs(&out)
            if info.imm == .if_ && isAtom(p, "else") {
                p += 1
                try closingLabel(label)
                // An empty else is left out, as wabt does: the same instruction either way.
                var elseBody: [UInt8] = []
                let first = marks.count
                try instrs(&elseBody)
                if !elseBody.isEmpty { out.append(0x05); shiftMarks(from: first, by: out.count); out.append(contentsOf: elseBody) }
            }
            guard isAtom(p, "end") else { throw unexpected(p) }
            mark(p, at: out.count)  // (a block's result is checked at its end)
            p += 1
            try closingLabel(label)
            labels.removeLast()
            out.append(0x0B)
        default:
            try immediates(info, &out)
        }
    }

    /// A folded instruction `(op imm* folded*)`: the operands are written before the operator.
    func folded(_ out: inout [UInt8]) throws(WATError) {
        p += 1
        guard let info = opTable.find(bytes(p)) else { throw err("unknown operator " + text(p), p) }
        let op = p
        p += 1
        switch info.imm {
        case .block, .loop, .tryTable:
            let label = labelDef()
            mark(op, at: out.count)
            emitOp(info, &out)
            try blockType(&out)
            if info.imm == .tryTable { try catches(&out) }
            labels.append(label)
            try instrs(&out)
            try expectRParen()
            labels.removeLast()
            out.append(0x0B)
        case .if_:
            let label = labelDef()
            var head: [UInt8] = []
            emitOp(info, &head)
            try blockType(&head)
            while kind(p) == .lparen && !isAtom(p + 1, "then") { try folded(&out) }
            mark(op, at: out.count)
            out.append(contentsOf: head)
            labels.append(label)
            guard isLParenKw("then") else { throw unexpected(p) }
            p += 2
            try instrs(&out)
            try expectRParen()
            if isLParenKw("else") {
                p += 2
                var elseBody: [UInt8] = []
                let first = marks.count
                try instrs(&elseBody)
                if !elseBody.isEmpty { out.append(0x05); shiftMarks(from: first, by: out.count); out.append(contentsOf: elseBody) }
                try expectRParen()
            }
            try expectRParen()
            labels.removeLast()
            out.append(0x0B)
        default:
            var imm: [UInt8] = []
            try immediates(info, &imm)
            while kind(p) == .lparen { try folded(&out) }
            guard kind(p) == .rparen else { throw unexpected(p) }
            p += 1
            mark(op, at: out.count)
            out.append(contentsOf: imm)
        }
    }

    func memoryIndexIs64(_ m: UInt32) -> Bool { Int(m) < memIs64.count && memIs64[Int(m)] }

    func memarg(_ info: OpInfo, _ out: inout [UInt8], memory: UInt32) throws(WATError) {
        var offset: UInt64 = 0
        var align = UInt32(info.align)
        if kind(p) == .atom && bytes(p).starts(with: "offset=".utf8) {
            let b = bytes(p)
            let v = b[(b.startIndex + 7)...]
            do { offset = try parseUnsigned(v, max: memoryIndexIs64(memory) || !wasm2 ? UInt64.max : UInt64(UInt32.max)) } catch {
                throw error == .range ? err("offset out of range", p) : unexpected(p)
            }
            p += 1
        }
        if kind(p) == .atom && bytes(p).starts(with: "align=".utf8) {
            let b = bytes(p)
            let v = b[(b.startIndex + 6)...]
            var a: UInt64 = 0
            do { a = try parseUnsigned(v, max: UInt64.max) } catch { throw unexpected(p) }
            guard a != 0 && a & (a - 1) == 0 else { throw err("alignment must be a power of two", p) }
            align = UInt32(a.trailingZeroBitCount)
            p += 1
        }
        if memory == 0 {
            putU32(&out, align)
        } else {
            putU32(&out, align | 0x40)
            putU32(&out, memory)
        }
        putU64(&out, offset)
    }

    func constant(_ bits: Int, _ out: inout [UInt8]) throws(WATError) {
        guard kind(p) == .atom else { throw unexpected(p) }
        do {
            let v = try parseIntBits(bytes(p), bits: bits)
            if bits == 32 { putS64(&out, Int64(Int32(truncatingIfNeeded: v))) } else { putS64(&out, Int64(bitPattern: v)) }
        } catch {
            throw error == .range ? err("constant out of range", p) : unexpected(p)
        }
        p += 1
    }

    func floatConstant(double: Bool, _ out: inout [UInt8]) throws(WATError) {
        guard kind(p) == .atom else { throw unexpected(p) }
        do {
            var v = try parseFloatBits(bytes(p), double: double)
            for _ in 0..<(double ? 8 : 4) { out.append(UInt8(truncatingIfNeeded: v)); v >>= 8 }
        } catch {
            throw error == .range ? err("constant out of range", p) : unexpected(p)
        }
        p += 1
    }

    func laneIndex(_ out: inout [UInt8]) throws(WATError) {
        guard kind(p) == .atom else { throw unexpected(p) }
        do { out.append(UInt8(try parseUnsigned(bytes(p), max: 255))) } catch {
            throw error == .range ? err("malformed lane index", p) : unexpected(p)
        }
        p += 1
    }

    func v128Const(_ out: inout [UInt8]) throws(WATError) {
        guard kind(p) == .atom else { throw unexpected(p) }
        let shape = text(p)
        p += 1
        var lanes = 0, bits = 0, isFloat = false
        switch shape {
        case "i8x16": lanes = 16; bits = 8
        case "i16x8": lanes = 8; bits = 16
        case "i32x4": lanes = 4; bits = 32
        case "i64x2": lanes = 2; bits = 64
        case "f32x4": lanes = 4; bits = 32; isFloat = true
        case "f64x2": lanes = 2; bits = 64; isFloat = true
        default: throw err("unexpected token " + shape, p - 1)
        }
        for _ in 0..<lanes {
            guard kind(p) == .atom else { throw unexpected(p) }
            var v: UInt64 = 0
            do {
                v = isFloat ? try parseFloatBits(bytes(p), double: bits == 64) : try parseIntBits(bytes(p), bits: bits)
            } catch {
                throw error == .range ? err("constant out of range", p) : unexpected(p)
            }
            for _ in 0..<(bits / 8) { out.append(UInt8(truncatingIfNeeded: v)); v >>= 8 }
            p += 1
        }
    }

    func immediates(_ info: OpInfo, _ out: inout [UInt8]) throws(WATError) {
        switch info.imm {
        case .none:
            emitOp(info, &out)
        case .label:
            emitOp(info, &out); putU32(&out, try labelRef())
        case .brTable:
            emitOp(info, &out)
            var ls: [UInt32] = []
            while isIndexToken(p) { ls.append(try labelRef()) }
            guard let last = ls.popLast() else { throw unexpected(p) }
            putU32(&out, UInt32(ls.count))
            for l in ls { putU32(&out, l) }
            putU32(&out, last)
        case .funcIdx:
            emitOp(info, &out); putU32(&out, try index(funcNames, "function"))
        case .callIndirect:
            emitOp(info, &out)
            var table: UInt32 = 0
            if isIndexToken(p) { table = try index(tableNames, "table") }
            var names: [[UInt8]?]? = nil
            let (x, _) = try typeUse(names: &names, allowIds: false)
            putU32(&out, x); putU32(&out, table)
        case .typeIdx:
            emitOp(info, &out); putU32(&out, try index(typeNames, "type"))
        case .local:
            emitOp(info, &out)
            if kind(p) == .id {
                guard let v = idLookup(localNames, p) else { throw err("unknown local " + text(p), p) }
                p += 1
                putU32(&out, v)
            } else {
                putU32(&out, try u32(p)); p += 1
            }
        case .global:
            emitOp(info, &out); putU32(&out, try index(globalNames, "global"))
        case .tag:
            emitOp(info, &out); putU32(&out, try index(tagNames, "tag"))
        case .table:
            emitOp(info, &out)
            putU32(&out, isIndexToken(p) ? try index(tableNames, "table") : 0)
        case .tableCopy:
            emitOp(info, &out)
            try indexPair(tableNames, "table", &out)
        case .tableInit:
            emitOp(info, &out)
            try segmentAndTarget(elemNames, "elem segment", tableNames, "table", &out)
        case .elemDrop:
            emitOp(info, &out); putU32(&out, try index(elemNames, "elem segment"))
        case .memarg:
            emitOp(info, &out)
            let m = isIndexToken(p) ? try index(memNames, "memory") : 0
            try memarg(info, &out, memory: m)
        case .memargLane:
            emitOp(info, &out)
            var m: UInt32 = 0
            if kind(p) == .id || (isIndexToken(p) && (isIndexToken(p + 1) || (kind(p + 1) == .atom
                && (bytes(p + 1).starts(with: "offset=".utf8) || bytes(p + 1).starts(with: "align=".utf8))))) {
                m = try index(memNames, "memory")
            }
            try memarg(info, &out, memory: m)
            try laneIndex(&out)
        case .memory:
            emitOp(info, &out)
            putU32(&out, isIndexToken(p) ? try index(memNames, "memory") : 0)
        case .memoryCopy:
            emitOp(info, &out)
            try indexPair(memNames, "memory", &out)
        case .memoryInit:
            emitOp(info, &out)
            usesDataCount = true
            try segmentAndTarget(dataNames, "data segment", memNames, "memory", &out)
        case .dataDrop:
            emitOp(info, &out)
            usesDataCount = true
            putU32(&out, try index(dataNames, "data segment"))
        case .i32: emitOp(info, &out); try constant(32, &out)
        case .i64: emitOp(info, &out); try constant(64, &out)
        case .f32: emitOp(info, &out); try floatConstant(double: false, &out)
        case .f64: emitOp(info, &out); try floatConstant(double: true, &out)
        case .v128: emitOp(info, &out); try v128Const(&out)
        case .refNull:
            emitOp(info, &out)
            let h = try heapType()
            if h < 0 { out.append(UInt8(-h)) } else { putS64(&out, h) }
        case .select:
            var ts: [ValType] = []
            var any = false
            while isLParenKw("result") {
                any = true
                p += 2
                while kind(p) != .rparen { ts.append(try valType()) }
                try expectRParen()
            }
            if any {
                out.append(0x1C)
                putU32(&out, UInt32(ts.count))
                for t in ts { t.encode(&out) }
            } else {
                out.append(0x1B)
            }
        case .lane: emitOp(info, &out); try laneIndex(&out)
        case .shuffle:
            emitOp(info, &out)
            for _ in 0..<16 { try laneIndex(&out) }
        case .fence: emitOp(info, &out); out.append(0)
        case .typeField:
            emitOp(info, &out)
            let t = try index(typeNames, "type")
            putU32(&out, t)
            if info.prefix == 0xFB && info.code == 8 {
                putU32(&out, try u32(p)); p += 1
            } else {
                let fieldNames = Int(t) < types.count ? types[Int(t)].fields : NameTable()
                putU32(&out, try index(fieldNames, "field"))
            }
        case .typeTypeIdx:
            emitOp(info, &out); putU32(&out, try index(typeNames, "type")); putU32(&out, try index(typeNames, "type"))
        case .typeData:
            emitOp(info, &out); putU32(&out, try index(typeNames, "type")); putU32(&out, try index(dataNames, "data segment"))
            usesDataCount = true
        case .typeElem:
            emitOp(info, &out); putU32(&out, try index(typeNames, "type")); putU32(&out, try index(elemNames, "elem segment"))
        case .heapType:
            guard let r = try refType() else { throw unexpected(p) }
            let nullable = r.code != 0x64
            out.append(0xFB)
            putU32(&out, info.code + (nullable ? 1 : 0))
            encodeHeap(r, &out)
        case .brOnCast:
            emitOp(info, &out)
            let l = try labelRef()
            guard let r1 = try refType() else { throw unexpected(p) }
            guard let r2 = try refType() else { throw unexpected(p) }
            out.append((r1.code != 0x64 ? 1 : 0) | (r2.code != 0x64 ? 2 : 0))
            putU32(&out, l)
            encodeHeap(r1, &out)
            encodeHeap(r2, &out)
        default:
            throw unexpected(p - 1)
        }
    }

    /// The heap type of a reference type (a shorthand stands for its nullable abstract type).
    func encodeHeap(_ r: ValType, _ out: inout [UInt8]) {
        if r.code == 0x63 || r.code == 0x64 {
            if r.heap >= 0 { putS64(&out, r.heap) } else { out.append(UInt8(-r.heap)) }
        } else {
            out.append(r.code)
        }
    }

    /// A constant expression up to the closing parenthesis, with its `end`.
    func expr() throws(WATError) -> [UInt8] {
        var out: [UInt8] = []
        labels.removeAll()
        localNames = NameTable()
        try instrs(&out)
        out.append(0x0B)
        return out
    }

    // MARK: fields

    func inlineExports(_ kindByte: UInt8, _ index: UInt32) throws(WATError) {
        while isLParenKw("export") {
            p += 2
            let n = try name(p)
            p += 1
            try expectRParen()
            putName(&exportSec, n)
            exportSec.append(kindByte)
            putU32(&exportSec, index)
            exportCount += 1
        }
    }

    /// `(import "m" "n")` inside a definition: writes the import's names and returns true.
    func inlineImport() throws(WATError) -> Bool {
        guard isLParenKw("import") else { return false }
        p += 2
        putName(&importSec, try name(p))
        putName(&importSec, try name(p + 1))
        p += 2
        try expectRParen()
        importCount += 1
        return true
    }

    func limits(is64: Bool) throws(WATError) -> (UInt64, UInt64?) {
        let maxValue = is64 || !wasm2 ? UInt64.max : UInt64(UInt32.max)
        func one() throws(WATError) -> UInt64 {
            guard kind(p) == .atom else { throw unexpected(p) }
            do { let v = try parseUnsigned(bytes(p), max: maxValue); p += 1; return v } catch {
                throw error == .range ? err((is64 ? "i64" : "i32") + " constant out of range", p) : unexpected(p)
            }
        }
        let lo = try one()
        var hi: UInt64? = nil
        if kind(p) == .atom && isIndexToken(p) { hi = try one() }
        return (lo, hi)
    }

    func encodeLimits(_ out: inout [UInt8], _ flags: UInt8, _ lo: UInt64, _ hi: UInt64?) {
        out.append(flags | (hi != nil ? 1 : 0))
        putU64(&out, lo)
        if let hi { putU64(&out, hi) }
    }

    func tableType(_ out: inout [UInt8]) throws(WATError) -> Bool {
        var is64 = false
        if isAtom(p, "i64") { is64 = true; p += 1 } else if isAtom(p, "i32") { p += 1 }
        let (lo, hi) = try limits(is64: is64)
        guard let r = try refType() else { throw unexpected(p) }
        r.encode(&out)
        encodeLimits(&out, is64 ? 4 : 0, lo, hi)
        return is64
    }

    func memoryType(_ out: inout [UInt8]) throws(WATError) {
        var is64 = false
        if isAtom(p, "i64") { is64 = true; p += 1 } else if isAtom(p, "i32") { p += 1 }
        let (lo, hi) = try limits(is64: is64)
        var flags: UInt8 = is64 ? 4 : 0
        if isAtom(p, "shared") { flags |= 2; p += 1 } else if isAtom(p, "unshared") { p += 1 }
        var pageLog: UInt32? = nil
        if isLParenKw("pagesize") {
            p += 2
            let v = try u64(p)
            guard v != 0 && v & (v - 1) == 0 else { throw err("invalid custom page size", p) }
            pageLog = UInt32(v.trailingZeroBitCount)
            p += 1
            try expectRParen()
            flags |= 8
        }
        encodeLimits(&out, flags, lo, hi)
        if let pageLog { putU32(&out, pageLog) }
    }

    func globalType(_ out: inout [UInt8]) throws(WATError) {
        if isLParenKw("mut") {
            p += 2
            try valType().encode(&out)
            out.append(1)
            try expectRParen()
        } else {
            try valType().encode(&out)
            out.append(0)
        }
    }

    func importField() throws(WATError) {
        p += 2
        putName(&importSec, try name(p))
        putName(&importSec, try name(p + 1))
        p += 2
        importCount += 1
        try expectLParen()
        let desc = text(p)
        p += 1
        if kind(p) == .id { p += 1 }
        switch desc {
        case "func":
            var names: [[UInt8]?]? = nil
            let (x, _) = try typeUse(names: &names, allowIds: true)
            importSec.append(0); putU32(&importSec, x)
            nextFunc += 1
        case "table":
            importSec.append(1); _ = try tableType(&importSec)
            nextTable += 1
        case "memory":
            importSec.append(2); try memoryType(&importSec)
            nextMem += 1
        case "global":
            importSec.append(3); try globalType(&importSec)
            nextGlobal += 1
        case "tag":
            var names: [[UInt8]?]? = nil
            let (x, _) = try typeUse(names: &names, allowIds: true)
            importSec.append(4); importSec.append(0); putU32(&importSec, x)
            nextTag += 1
        default:
            throw unexpected(p - 1)
        }
        try expectRParen()
        try expectRParen()
    }

    /// The head every importable field shares: `(KIND $id? (export "n")* (import "m" "n")?`.
    /// Takes the field's index from `counter`, binds its inline exports, and tells whether it is
    /// an import (whose module and name are then in the import section, its description next).
    func fieldHead(_ kindCode: UInt8, _ counter: inout UInt32) throws(WATError) -> (index: UInt32, imported: Bool) {
        p += 2
        if kind(p) == .id { p += 1 }
        let index = counter
        counter += 1
        try inlineExports(kindCode, index)
        return (index, try inlineImport())
    }

    func funcField() throws(WATError) {
        let (index, imported) = try fieldHead(0, &nextFunc)
        var names: [[UInt8]?]? = []
        let (x, _) = try typeUse(names: &names, allowIds: !imported)
        if imported {
            importSec.append(0); putU32(&importSec, x)
            try expectRParen()
            return
        }
        putU32(&funcSec, x)
        funcDefs += 1
        localNames = NameTable()
        labels.removeAll()
        var n: UInt32 = 0
        for name in names ?? [] {
            if let name, !localNames.insert(name, n) { throw err("duplicate local", p) }
            n += 1
        }
        var locals: [ValType] = []
        while isLParenKw("local") {
            p += 2
            if kind(p) == .id {
                if !localNames.insert(idKey(p), n) { throw err("duplicate local " + text(p), p) }
                p += 1
                locals.append(try valType()); n += 1
            } else {
                while kind(p) != .rparen { locals.append(try valType()); n += 1 }
            }
            try expectRParen()
        }
        var body: [UInt8] = []
        var groups: [(UInt32, ValType)] = []
        for l in locals {
            if let last = groups.last, last.1 == l { groups[groups.count - 1].0 += 1 } else { groups.append((1, l)) }
        }
        putU32(&body, UInt32(groups.count))
        for g in groups { putU32(&body, g.0); g.1.encode(&body) }
        let first = marks.count
        inBody = true
        try instrs(&body)
        inBody = false
        try expectRParen()
        body.append(0x0B)
        putU32(&codeSec, UInt32(body.count))
        shiftMarks(from: first, by: codeSec.count)
        codeSec.append(contentsOf: body)
    }

    func tableField() throws(WATError) {
        let (tableIndex, imported) = try fieldHead(1, &nextTable)
        if imported {
            importSec.append(1); _ = try tableType(&importSec)
            try expectRParen()
            return
        }
        // `(table i64? reftype (elem ...))`
        let save = p
        var is64 = false
        if isAtom(p, "i64") { is64 = true; p += 1 } else if isAtom(p, "i32") { p += 1 }
        if let r = try refType(), isLParenKw("elem") {
            p += 2
            var items: [ElemItem] = []
            if isIndexToken(p) || kind(p) == .rparen {
                while isIndexToken(p) {
                    let f = try index(funcNames, "function")
                    var e: [UInt8] = [0xD2]
                    putU32(&e, f); e.append(0x0B)
                    items.append(ElemItem(expr: e, function: f))
                }
            } else {
                items = try elemExprs()
            }
            try expectRParen()
            try expectRParen()
            r.encode(&tableSec)
            encodeLimits(&tableSec, is64 ? 4 : 0, UInt64(items.count), UInt64(items.count))
            tableDefs += 1
            let offset: [UInt8] = is64 ? [0x42, 0x00, 0x0B] : [0x41, 0x00, 0x0B]
            encodeElem(mode: 0, table: tableIndex, offset: offset, type: r, items: items)
            return
        }
        p = save
        var tt: [UInt8] = []
        _ = try tableType(&tt)
        if kind(p) == .rparen {
            tableSec.append(contentsOf: tt)
        } else {
            tableSec.append(0x40); tableSec.append(0x00)
            tableSec.append(contentsOf: tt)
            tableSec.append(contentsOf: try expr())
        }
        tableDefs += 1
        try expectRParen()
    }

    func memoryField() throws(WATError) {
        let (index, imported) = try fieldHead(2, &nextMem)
        if imported {
            importSec.append(2); try memoryType(&importSec)
            try expectRParen()
            return
        }
        let save = p
        var is64 = false
        if isAtom(p, "i64") { is64 = true; p += 1 } else if isAtom(p, "i32") { p += 1 }
        var pageLog: UInt32? = nil
        if isLParenKw("pagesize") {
            p += 2
            let v = try u64(p)
            guard v != 0 && v & (v - 1) == 0 else { throw err("invalid custom page size", p) }
            pageLog = UInt32(v.trailingZeroBitCount)
            p += 1
            try expectRParen()
        }
        if isLParenKw("data") {
            p += 2
            var bytes: [UInt8] = []
            while kind(p) == .string { bytes.append(contentsOf: try string(p)); p += 1 }
            try expectRParen()
            try expectRParen()
            let pageSize = UInt64(1) << (pageLog ?? 16)
            let pages = (UInt64(bytes.count) + pageSize - 1) / pageSize
            encodeLimits(&memSec, (is64 ? 4 : 0) | (pageLog != nil ? 8 : 0), pages, pages)
            if let pageLog { putU32(&memSec, pageLog) }
            memDefs += 1
            dataSec.append(index == 0 ? 0 : 2)
            if index != 0 { putU32(&dataSec, index) }
            dataSec.append(contentsOf: is64 ? [0x42, 0x00, 0x0B] : [0x41, 0x00, 0x0B])
            putU32(&dataSec, UInt32(bytes.count))
            dataSec.append(contentsOf: bytes)
            dataDefs += 1
            return
        }
        p = save
        try memoryType(&memSec)
        memDefs += 1
        try expectRParen()
    }

    func globalField() throws(WATError) {
        let (index, imported) = try fieldHead(3, &nextGlobal)
        if imported {
            importSec.append(3); try globalType(&importSec)
            try expectRParen()
            return
        }
        try globalType(&globalSec)
        globalSec.append(contentsOf: try expr())
        globalDefs += 1
        try expectRParen()
    }

    func tagField() throws(WATError) {
        let (index, imported) = try fieldHead(4, &nextTag)
        var names: [[UInt8]?]? = nil
        let (x, _) = try typeUse(names: &names, allowIds: true)
        if imported {
            importSec.append(4); importSec.append(0); putU32(&importSec, x)
        } else {
            tagSec.append(0); putU32(&tagSec, x)
            tagDefs += 1
        }
        try expectRParen()
    }

    func exportField() throws(WATError) {
        p += 2
        let n = try name(p)
        p += 1
        try expectLParen()
        guard kind(p) == .atom else { throw unexpected(p) }
        let k = text(p)
        p += 1
        var kb: UInt8 = 0
        var x: UInt32 = 0
        switch k {
        case "func": kb = 0; x = try index(funcNames, "function")
        case "table": kb = 1; x = try index(tableNames, "table")
        case "memory": kb = 2; x = try index(memNames, "memory")
        case "global": kb = 3; x = try index(globalNames, "global")
        case "tag": kb = 4; x = try index(tagNames, "tag")
        default: throw unexpected(p - 1)
        }
        try expectRParen()
        try expectRParen()
        putName(&exportSec, n)
        exportSec.append(kb)
        putU32(&exportSec, x)
        exportCount += 1
    }

    /// Items written as expressions: `(item instr*)` or one folded instruction each.
    func elemExprs() throws(WATError) -> [ElemItem] {
        var items: [ElemItem] = []
        while kind(p) == .lparen {
            var e: [UInt8]
            if isLParenKw("item") {
                p += 2
                e = try expr()
                try expectRParen()
            } else {
                labels.removeAll()
                localNames = NameTable()
                e = []
                try folded(&e)
                e.append(0x0B)
            }
            var f: UInt32? = nil
            if e.count >= 3 && e[0] == 0xD2 {
                var v: UInt32 = 0, shift: UInt32 = 0, i = 1
                while i < e.count - 1 && shift < 35 {
                    v |= UInt32(e[i] & 0x7F) << shift
                    shift += 7
                    if e[i] & 0x80 == 0 { break }
                    i += 1
                }
                if i == e.count - 2 { f = v }
            }
            items.append(ElemItem(expr: e, function: f))
        }
        return items
    }

    /// The type of `func x*` in an elem segment.
    var funcListType: ValType { wasm2 ? ValType(code: 0x70) : ValType(code: 0x64, heap: -0x70) }

    /// Writes an elem segment the way wabt does: function indices when every item is `ref.func`
    /// and the type is funcref, expressions otherwise; the table index only when it is not 0.
    /// mode: 0 active, 1 passive, 2 declarative.
    func encodeElem(mode: Int, table: UInt32, offset: [UInt8], type: ValType, items: [ElemItem]) {
        // Element kind 0x00 stands for funcref in 2.0 and for (ref func) in 3.0.
        let allFuncs = type == funcListType && items.allSatisfy { $0.function != nil }
        var flags: UInt8 = 0
        switch mode {
        case 0: if table != 0 || (!allFuncs && type != ValType(code: 0x70)) { flags |= 2 }
        case 1: flags |= 1
        default: flags |= 3
        }
        if !allFuncs { flags |= 4 }
        elemSec.append(flags)
        if mode == 0 {
            if flags & 2 != 0 { putU32(&elemSec, table) }
            elemSec.append(contentsOf: offset)
        }
        if flags & 3 != 0 {
            if allFuncs { elemSec.append(0) } else { type.encode(&elemSec) }
        }
        putU32(&elemSec, UInt32(items.count))
        for item in items {
            if allFuncs { putU32(&elemSec, item.function!) } else { elemSec.append(contentsOf: item.expr) }
        }
        elemDefs += 1
    }

    func elemField() throws(WATError) {
        p += 2
        if kind(p) == .id { p += 1 }
        var mode = 1
        var table: UInt32 = 0
        var offset: [UInt8] = []
        var explicitTable = false
        if isAtom(p, "declare") {
            mode = 2; p += 1
        } else {
            if isLParenKw("table") {
                p += 2
                table = try index(tableNames, "table")
                try expectRParen()
                mode = 0
                explicitTable = true
            } else if isIndexToken(p) && kind(p + 1) == .lparen {
                // The MVP's `(elem 0 (offset) $f ...)`.
                table = try index(tableNames, "table")
                mode = 0
            }
            if isLParenKw("offset") {
                p += 2
                offset = try expr()
                try expectRParen()
                mode = 0
            } else if kind(p) == .lparen && kind(p + 1) == .atom && opTable.find(bytes(p + 1)) != nil {
                labels.removeAll()
                localNames = NameTable()
                try folded(&offset)
                offset.append(0x0B)
                mode = 0
            } else if explicitTable {
                throw unexpected(p)
            }
        }
        var type = funcListType
        var items: [ElemItem] = []
        if isAtom(p, "func") || (mode == 0 && !explicitTable && (isIndexToken(p) || kind(p) == .rparen)) {
            if isAtom(p, "func") { p += 1 }
            while isIndexToken(p) {
                let f = try index(funcNames, "function")
                var e: [UInt8] = [0xD2]
                putU32(&e, f); e.append(0x0B)
                items.append(ElemItem(expr: e, function: f))
            }
        } else if let r = try refType() {
            type = r
            items = try elemExprs()
        } else if kind(p) != .rparen {
            throw unexpected(p)
        }
        try expectRParen()
        encodeElem(mode: mode, table: table, offset: offset, type: type, items: items)
    }

    func dataField() throws(WATError) {
        p += 2
        if kind(p) == .id { p += 1 }
        var active = false
        var memory: UInt32 = 0
        var offset: [UInt8] = []
        if isLParenKw("memory") {
            p += 2
            memory = try index(memNames, "memory")
            try expectRParen()
            active = true
        } else if isIndexToken(p) && kind(p + 1) == .lparen {
            // The MVP's `(data 0 (offset) "...")`.
            memory = try index(memNames, "memory")
            active = true
        }
        if isLParenKw("offset") {
            p += 2
            offset = try expr()
            try expectRParen()
            active = true
        } else if kind(p) == .lparen {
            labels.removeAll()
            localNames = NameTable()
            try folded(&offset)
            offset.append(0x0B)
            active = true
        } else if active {
            throw unexpected(p)
        }
        var bytes: [UInt8] = []
        while kind(p) == .string { bytes.append(contentsOf: try string(p)); p += 1 }
        try expectRParen()
        if active {
            dataSec.append(memory == 0 ? 0 : 2)
            if memory != 0 { putU32(&dataSec, memory) }
            dataSec.append(contentsOf: offset)
        } else {
            dataSec.append(1)
        }
        putU32(&dataSec, UInt32(bytes.count))
        dataSec.append(contentsOf: bytes)
        dataDefs += 1
    }

    func startField() throws(WATError) {
        let at = p
        p += 2
        let f = try index(funcNames, "function")
        try expectRParen()
        if start != nil { throw err("multiple start sections", at) }
        start = f
    }

    // MARK: module

    func encodeFields(from first: Int, to end: Int) throws(WATError) -> [UInt8] {
        p = first
        try scanFields(until: end)
        try encodeTypes()
        for (k, open) in fields {
            p = open
            switch k {
            case .type, .rec: continue
            case .importField: try importField()
            case .function: try funcField()
            case .table: try tableField()
            case .memory: try memoryField()
            case .global: try globalField()
            case .tag: try tagField()
            case .export: try exportField()
            case .start: try startField()
            case .elem: try elemField()
            case .data: try dataField()
            }
        }
        var out: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        func section(_ id: UInt8, _ count: UInt32, _ body: [UInt8]) {
            out.append(id)
            var head: [UInt8] = []
            putU32(&head, count)
            putU32(&out, UInt32(head.count + body.count))
            out.append(contentsOf: head)
            out.append(contentsOf: body)
        }
        if typeEntries > 0 { section(1, typeEntries, typeSec) }
        if importCount > 0 { section(2, importCount, importSec) }
        if funcDefs > 0 { section(3, funcDefs, funcSec) }
        if tableDefs > 0 { section(4, tableDefs, tableSec) }
        if memDefs > 0 { section(5, memDefs, memSec) }
        if tagDefs > 0 { section(13, tagDefs, tagSec) }
        if globalDefs > 0 { section(6, globalDefs, globalSec) }
        if exportCount > 0 { section(7, exportCount, exportSec) }
        if let start {
            out.append(8)
            var b: [UInt8] = []
            putU32(&b, start)
            putU32(&out, UInt32(b.count))
            out.append(contentsOf: b)
        }
        if elemDefs > 0 { section(9, elemDefs, elemSec) }
        if usesDataCount {
            out.append(12)
            var b: [UInt8] = []
            putU32(&b, dataDefs)
            putU32(&out, UInt32(b.count))
            out.append(contentsOf: b)
        }
        if funcDefs > 0 {
            section(10, funcDefs, codeSec)
            shiftMarks(from: 0, by: out.count - codeSec.count)
            codeRange = (out.count - codeSec.count)..<out.count
        }
        if dataDefs > 0 { section(11, dataDefs, dataSec) }
        return out
    }
}

/// Encodes the module in `src`: `(module ...)`, `(module binary ...)`, `(module quote ...)` or bare fields.
func encodeModule(_ src: [UInt8], dialect: WAT.Dialect) throws(WATError) -> [UInt8] {
    try encodeModuleMapped(src, dialect: dialect).bytes
}

/// `encodeModule`, with where each instruction of the function bodies came from (none for a
/// module given as `binary` or `quote`, whose bytes or text are not the file's).
func encodeModuleMapped(_ src: [UInt8], dialect: WAT.Dialect) throws(WATError) -> (bytes: [UInt8], map: WATSourceMap) {
    // Text from a String is UTF-8; the text of `(module quote ...)` may not be.
    if let bad = firstInvalidUTF8(src) { throw makeError("malformed UTF-8 encoding", at: bad, in: src) }
    var lexer = Lexer(src)
    let tokens = try lexer.tokenize()
    let m = try ModuleParser(src: src, tokens: tokens)
    m.wasm2 = dialect == .wasm2
    if m.kind(0) == .lparen && m.isAtom(1, "module") {
        var q = 2
        if m.isAtom(q, "definition") { q += 1 }
        if m.kind(q) == .id { q += 1 }
        let close = Int(m.match[0])
        guard m.kind(close + 1) == .eof else { throw m.unexpected(close + 1) }
        if m.isAtom(q, "binary") || m.isAtom(q, "quote") {
            var bytes: [UInt8] = []
            for i in (q + 1)..<close {
                bytes.append(contentsOf: try m.string(i))
            }
            if m.isAtom(q, "binary") { return (bytes, WATSourceMap()) }
            return (try encodeModule(bytes, dialect: dialect), WATSourceMap())
        }
        let bytes = try m.encodeFields(from: q, to: close)
        return (bytes, WATSourceMap(marks: m.marks, codeRange: m.codeRange, source: src))
    }
    let bytes = try m.encodeFields(from: 0, to: tokens.count - 1)
    return (bytes, WATSourceMap(marks: m.marks, codeRange: m.codeRange, source: src))
}
