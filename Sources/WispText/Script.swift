// .wast scripts: commands around modules, parsed into `WastCommand`s. Modules are kept as text
// (or bytes for `(module binary ...)`), so a malformed module fails only when encoded.

/// Walks a script's tokens; reuses `ModuleParser` for its token helpers.
struct ScriptParser {
    let m: ModuleParser
    let src: [UInt8]
    /// Incremental line counting: commands come in source order.
    var lineOffset = 0
    var lineNumber = 1

    init(_ src: [UInt8]) throws(WATError) {
        var lexer = Lexer(src)
        let tokens = try lexer.tokenize()
        m = try ModuleParser(src: src, tokens: tokens)
        self.src = src
    }

    mutating func line(ofToken i: Int) -> Int {
        let off = Int(m.toks[i].start)
        if off < lineOffset { return position(of: off, in: src).line }
        while lineOffset < off {
            if src[lineOffset] == 0x0A { lineNumber += 1 }
            lineOffset += 1
        }
        return lineNumber
    }

    func idName(_ i: Int) -> String { m.text(i) }

    mutating func commands(until end: Int) throws(WATError) -> [WastCommand] {
        var out: [WastCommand] = []
        while m.p < end {
            out.append(try command())
        }
        return out
    }

    mutating func command() throws(WATError) -> WastCommand {
        guard m.kind(m.p) == .lparen, m.kind(m.p + 1) == .atom else { throw m.unexpected(m.p) }
        let open = m.p
        let close = Int(m.match[open])
        let kw = m.text(open + 1)
        // Like wast2json, a command's line is that of its keyword, an assertion's that of the
        // keyword of the action or module inside it.
        let inner = kw.hasPrefix("assert_") && m.kind(open + 2) == .lparen ? open + 3 : open + 1
        var c = WastCommand(type: kw, line: line(ofToken: inner))
        switch kw {
        case "module":
            if m.isAtom(open + 2, "instance") {
                c.type = "module_instance"
                var q = open + 3
                if m.kind(q) == .id { c.name = idName(q); q += 1 }
                if m.kind(q) == .id { c.definition = idName(q); q += 1 }
            } else {
                if m.isAtom(open + 2, "definition") { c.type = "module_definition" }
                try module(open, &c)
            }
        case "register":
            guard m.kind(open + 2) == .string else { throw m.unexpected(open + 2) }
            c.registerAs = try utf8(open + 2)
            if m.kind(open + 3) == .id { c.name = idName(open + 3) }
        case "invoke", "get":
            c.type = "action"
            c.action = try action(open)
        case "assert_return":
            c.action = try action(open + 2)
            m.p = Int(m.match[open + 2]) + 1
            while m.p < close {
                if m.isLParenKw("either") {
                    let e = m.p
                    m.p += 2
                    while m.p < Int(m.match[e]) { c.either.append(try value(result: true)) }
                    m.p += 1
                } else {
                    c.expected.append(try value(result: true))
                }
            }
        case "assert_trap", "assert_exhaustion", "assert_exception":
            let inner = open + 2
            if m.kind(inner) == .lparen && m.isAtom(inner + 1, "module") {
                c.type = "assert_uninstantiable"
                try module(inner, &c)
            } else {
                c.action = try action(inner)
            }
            let msg = Int(m.match[inner]) + 1
            if m.kind(msg) == .string { c.text = try utf8(msg) }
        case "assert_malformed", "assert_invalid", "assert_unlinkable", "assert_uninstantiable":
            let inner = open + 2
            guard m.kind(inner) == .lparen, m.isAtom(inner + 1, "module") else { throw m.unexpected(inner) }
            try module(inner, &c)
            let msg = Int(m.match[inner]) + 1
            if m.kind(msg) == .string { c.text = try utf8(msg) }
        case "thread":
            var q = open + 2
            if m.kind(q) == .id { c.name = idName(q); q += 1 }
            while m.kind(q) == .lparen && m.isAtom(q + 1, "shared") { q = Int(m.match[q]) + 1 }
            m.p = q
            c.commands = try commands(until: close)
        case "wait":
            if m.kind(open + 2) == .id { c.name = idName(open + 2) }
        default:
            throw m.err("unknown command " + kw, open + 1)
        }
        m.p = close + 1
        return c
    }

    func utf8(_ i: Int) throws(WATError) -> String {
        String(decoding: try m.string(i), as: UTF8.self)
    }

    /// `(module ...)` at `open`: its text, or its bytes for `(module binary ...)`.
    mutating func module(_ open: Int, _ c: inout WastCommand) throws(WATError) {
        var q = open + 2
        if m.isAtom(q, "definition") { q += 1 }
        if m.kind(q) == .id { c.name = idName(q); q += 1 }
        let close = Int(m.match[open])
        let line = position(of: Int(m.toks[open].start), in: src).line
        if m.isAtom(q, "binary") {
            var bytes: [UInt8] = []
            for i in (q + 1)..<close { bytes.append(contentsOf: try m.string(i)) }
            c.module = .binary(bytes)
            c.moduleType = "binary"
        } else if m.isAtom(q, "quote") {
            var bytes: [UInt8] = []
            for i in (q + 1)..<close { bytes.append(contentsOf: try m.string(i)); bytes.append(0x20) }
            if isValidUTF8(bytes) {
                c.module = .text(String(decoding: bytes, as: UTF8.self), line: line)
            } else {
                // A String cannot hold the bad bytes: keep them escaped in a quote module, which
                // WAT.encode rejects (the text of a module must be UTF-8).
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                var text: [UInt8] = Array("(module quote \"".utf8)
                for b in bytes { text.append(UInt8(ascii: "\\")); text.append(hex[Int(b >> 4)]); text.append(hex[Int(b & 15)]) }
                text.append(contentsOf: "\")".utf8)
                c.module = .text(String(decoding: text, as: UTF8.self), line: line)
            }
            c.moduleType = "text"
        } else {
            let text = src[Int(m.toks[open].start)..<Int(m.toks[close].end)]
            c.module = .text(String(decoding: text, as: UTF8.self), line: line)
            c.moduleType = "text"
        }
    }

    mutating func action(_ open: Int) throws(WATError) -> WastAction {
        guard m.kind(open) == .lparen, m.kind(open + 1) == .atom else { throw m.unexpected(open) }
        let kw = m.text(open + 1)
        guard kw == "invoke" || kw == "get" else { throw m.unexpected(open + 1) }
        var q = open + 2
        var module: String? = nil
        if m.kind(q) == .id { module = idName(q); q += 1 }
        let field = try utf8(q)
        m.p = q + 1
        var args: [WastValue] = []
        let close = Int(m.match[open])
        while m.p < close { args.append(try value(result: false)) }
        return WastAction(type: kw, module: module, field: field, args: args)
    }

    /// Decimal digits of `v`.
    func dec(_ v: UInt64) -> String { String(v) }

    /// One constant: `(i32.const 1)`, `(v128.const f32x4 ...)`, `(ref.null func)`, `(ref.extern 1)`;
    /// results may also use NaN patterns and reference patterns without a value.
    mutating func value(result: Bool) throws(WATError) -> WastValue {
        guard m.kind(m.p) == .lparen, m.kind(m.p + 1) == .atom else { throw m.unexpected(m.p) }
        let open = m.p
        let close = Int(m.match[open])
        let op = m.text(open + 1)
        var v: WastValue
        m.p = open + 2
        switch op {
        case "i32.const", "i64.const":
            v = WastValue(type: String(op.prefix(3)), value: [dec(try int(op == "i32.const" ? 32 : 64))])
        case "f32.const", "f64.const":
            v = WastValue(type: String(op.prefix(3)), value: [try float(op == "f64.const")])
        case "v128.const":
            guard m.kind(m.p) == .atom else { throw m.unexpected(m.p) }
            let shape = m.text(m.p)
            m.p += 1
            var lanes: [String] = []
            var lane = ""
            switch shape {
            case "i8x16": lane = "i8"; for _ in 0..<16 { lanes.append(dec(try int(8))) }
            case "i16x8": lane = "i16"; for _ in 0..<8 { lanes.append(dec(try int(16))) }
            case "i32x4": lane = "i32"; for _ in 0..<4 { lanes.append(dec(try int(32))) }
            case "i64x2": lane = "i64"; for _ in 0..<2 { lanes.append(dec(try int(64))) }
            case "f32x4": lane = "f32"; for _ in 0..<4 { lanes.append(try float(false)) }
            case "f64x2": lane = "f64"; for _ in 0..<2 { lanes.append(try float(true)) }
            default: throw m.unexpected(m.p - 1)
            }
            v = WastValue(type: "v128", laneType: lane, value: lanes)
        case "ref.null":
            if m.p == close {
                v = WastValue(type: "refnull", value: [])
            } else {
                let ht = m.text(m.p)
                var t = ht + "ref"
                switch ht {
                case "none": t = "nullref"
                case "nofunc": t = "nullfuncref"
                case "noextern": t = "nullexternref"
                case "noexn": t = "nullexnref"
                default: break
                }
                v = WastValue(type: t, value: ["null"])
            }
        default:
            guard op.hasPrefix("ref.") else { throw m.err("unexpected token " + op, open + 1) }
            let t = String(op.dropFirst(4)) + "ref"
            if m.p == close {
                v = WastValue(type: t, value: [])
            } else {
                v = WastValue(type: t, value: [dec(try m.u64(m.p))])
            }
        }
        m.p = close + 1
        return v
    }

    mutating func int(_ bits: Int) throws(WATError) -> UInt64 {
        guard m.kind(m.p) == .atom else { throw m.unexpected(m.p) }
        do {
            let v = try parseIntBits(m.bytes(m.p), bits: bits)
            m.p += 1
            return v
        } catch {
            throw error == .range ? m.err("constant out of range", m.p) : m.unexpected(m.p)
        }
    }

    mutating func float(_ double: Bool) throws(WATError) -> String {
        guard m.kind(m.p) == .atom else { throw m.unexpected(m.p) }
        let b = m.bytes(m.p)
        if b.elementsEqual("nan:canonical".utf8) || b.elementsEqual("nan:arithmetic".utf8) {
            m.p += 1
            return String(decoding: b, as: UTF8.self)
        }
        do {
            let v = try parseFloatBits(b, double: double)
            m.p += 1
            return dec(v)
        } catch {
            throw error == .range ? m.err("constant out of range", m.p) : m.unexpected(m.p)
        }
    }
}

func parseScript(_ src: [UInt8]) throws(WATError) -> [WastCommand] {
    var s = try ScriptParser(src)
    // A script may be just the fields of one module.
    if s.m.kind(0) == .lparen && s.m.kind(1) == .atom {
        let first = s.m.text(1)
        let fieldKeywords = ["type", "rec", "import", "func", "table", "memory", "global", "tag", "export", "start", "elem", "data"]
        if fieldKeywords.contains(first) {
            var c = WastCommand(type: "module", line: 1)
            c.module = .text(String(decoding: src, as: UTF8.self), line: 1)
            c.moduleType = "text"
            return [c]
        }
    }
    return try s.commands(until: s.m.toks.count - 1)
}
