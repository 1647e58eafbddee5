// Tokens of the text format, read from UTF-8 bytes. Comments, white space and annotations
// `(@...)` are dropped here, so the parsers never see them.

enum TokenKind: UInt8 {
    case lparen, rparen
    /// A keyword or a number: idchars starting with a letter, digit, `+` or `-`.
    case atom
    /// `$name` or `$"name"`.
    case id
    case string
    /// Anything else the lexical grammar accepts but no rule uses (e.g. `"a""b"`).
    case reserved
    case eof
}

struct Token {
    var kind: TokenKind
    /// Byte offsets of the token in the source.
    var start: Int32
    var end: Int32
}

@inline(__always)
func isIdChar(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
        return true
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
         UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"),
         UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "\\"),
         UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
        return true
    default:
        return false
    }
}

/// 1-based line and column of a byte offset. Cost: O(offset), paid only for errors.
func position(of offset: Int, in source: [UInt8]) -> (line: Int, column: Int) {
    var line = 1, lineStart = 0
    var i = 0
    let end = min(offset, source.count)
    while i < end {
        if source[i] == UInt8(ascii: "\n") { line += 1; lineStart = i + 1 }
        i += 1
    }
    return (line, offset - lineStart + 1)
}

func makeError(_ message: String, at offset: Int, in source: [UInt8]) -> WATError {
    let p = position(of: offset, in: source)
    return WATError(message, line: p.line, column: p.column)
}

struct Lexer {
    let src: [UInt8]
    var i = 0

    init(_ source: [UInt8]) { src = source }

    func error(_ message: String, _ at: Int) -> WATError { makeError(message, at: at, in: src) }

    mutating func tokenize() throws(WATError) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(src.count / 4)
        while true {
            try skipTrivia()
            if i >= src.count {
                tokens.append(Token(kind: .eof, start: Int32(i), end: Int32(i)))
                return tokens
            }
            let c = src[i]
            let start = i
            if c == UInt8(ascii: "(") {
                if i + 1 < src.count && src[i + 1] == UInt8(ascii: "@") {
                    try skipAnnotation()
                    continue
                }
                i += 1
                tokens.append(Token(kind: .lparen, start: Int32(start), end: Int32(i)))
            } else if c == UInt8(ascii: ")") {
                i += 1
                tokens.append(Token(kind: .rparen, start: Int32(start), end: Int32(i)))
            } else if c == UInt8(ascii: "\"") {
                try skipString()
                let kind: TokenKind = glued() ? .reserved : .string
                if kind == .reserved { try skipGlued() }
                tokens.append(Token(kind: kind, start: Int32(start), end: Int32(i)))
            } else if isIdChar(c) {
                while i < src.count && isIdChar(src[i]) { i += 1 }
                var kind: TokenKind
                if c == UInt8(ascii: "$") {
                    if i == start + 1 && i < src.count && src[i] == UInt8(ascii: "\"") {
                        // $"..." : an identifier written as a string; it must be a non-empty name.
                        try skipString()
                        let name = decodeString(src, start + 1, i)
                        if name.isEmpty { throw error("empty identifier", start) }
                        if !isValidUTF8(name) { throw error("malformed UTF-8 encoding", start) }
                        kind = .id
                    } else {
                        kind = i == start + 1 ? .reserved : .id
                    }
                } else if (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                            || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                    kind = .atom
                } else {
                    kind = .reserved
                }
                if glued() { kind = .reserved; try skipGlued() }
                tokens.append(Token(kind: kind, start: Int32(start), end: Int32(i)))
            } else {
                throw error("unexpected character", i)
            }
        }
    }

    /// Whether a token continues right after the one just read without a separator, which makes
    /// the whole run one reserved token (`"a""b"`, `0"x"`).
    func glued() -> Bool {
        guard i < src.count else { return false }
        let c = src[i]
        return c == UInt8(ascii: "\"") || isIdChar(c) || c == UInt8(ascii: ",") || c == UInt8(ascii: "[")
            || c == UInt8(ascii: "]") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}")
    }

    mutating func skipGlued() throws(WATError) {
        while i < src.count {
            let c = src[i]
            if c == UInt8(ascii: "\"") { try skipString() } else if isIdChar(c) || c == UInt8(ascii: ",") || c == UInt8(ascii: "[")
                || c == UInt8(ascii: "]") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}") { i += 1 } else { break }
        }
    }

    mutating func skipTrivia() throws(WATError) {
        while i < src.count {
            let c = src[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                i += 1
            } else if c == UInt8(ascii: ";") && i + 1 < src.count && src[i + 1] == UInt8(ascii: ";") {
                // A line comment ends at any newline: LF, CR or CRLF.
                while i < src.count && src[i] != 0x0A && src[i] != 0x0D { i += 1 }
            } else if c == UInt8(ascii: "(") && i + 1 < src.count && src[i + 1] == UInt8(ascii: ";") {
                try skipBlockComment()
            } else {
                return
            }
        }
    }

    mutating func skipBlockComment() throws(WATError) {
        let start = i
        var depth = 0
        while i < src.count {
            if src[i] == UInt8(ascii: "(") && i + 1 < src.count && src[i + 1] == UInt8(ascii: ";") {
                depth += 1; i += 2
            } else if src[i] == UInt8(ascii: ";") && i + 1 < src.count && src[i + 1] == UInt8(ascii: ")") {
                depth -= 1; i += 2
                if depth == 0 { return }
            } else {
                i += 1
            }
        }
        throw error("unclosed comment", start)
    }

    /// Checks a string's characters and escapes and moves past its closing quote.
    mutating func skipString() throws(WATError) {
        let start = i
        i += 1
        while true {
            guard i < src.count else { throw error("unclosed string", start) }
            let c = src[i]
            if c == UInt8(ascii: "\"") { i += 1; return }
            if c < 0x20 || c == 0x7F { throw error("illegal control character in string", i) }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < src.count else { throw error("unclosed string", start) }
                let e = src[i + 1]
                switch e {
                case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                    i += 2
                case UInt8(ascii: "u"):
                    var j = i + 2
                    guard j < src.count && src[j] == UInt8(ascii: "{") else { throw error("illegal escape", i) }
                    j += 1
                    var value: UInt32 = 0
                    var digits = 0
                    var lastUnderscore = true
                    while j < src.count, src[j] != UInt8(ascii: "}") {
                        if src[j] == UInt8(ascii: "_") && !lastUnderscore { lastUnderscore = true; j += 1; continue }
                        guard let d = hexDigit(src[j]) else { throw error("illegal escape", i) }
                        value = value > 0x10FFFF ? value : value * 16 + UInt32(d)
                        digits += 1; lastUnderscore = false; j += 1
                    }
                    guard j < src.count, digits > 0, !lastUnderscore, value < 0xD800 || (value >= 0xE000 && value <= 0x10FFFF) else {
                        throw error("illegal escape", i)
                    }
                    i = j + 1
                default:
                    guard i + 2 < src.count, hexDigit(e) != nil, hexDigit(src[i + 2]) != nil else { throw error("illegal escape", i) }
                    i += 3
                }
            } else {
                i += 1
            }
        }
    }

    /// Skips `(@name ...)`, balancing parentheses and reading strings and comments inside as tokens.
    mutating func skipAnnotation() throws(WATError) {
        let start = i
        i += 2
        guard i < src.count, isIdChar(src[i]) || src[i] == UInt8(ascii: "\"") else { throw error("empty annotation id", start) }
        if src[i] == UInt8(ascii: "\"") {
            let idStart = i
            try skipString()
            let name = decodeString(src, idStart, i)
            if name.isEmpty { throw error("empty annotation id", start) }
            if !isValidUTF8(name) { throw error("malformed UTF-8 encoding", idStart) }
        }
        var depth = 1
        while true {
            try skipTrivia()
            guard i < src.count else { throw error("unclosed annotation", start) }
            let c = src[i]
            if c == UInt8(ascii: "(") { depth += 1; i += 1 } else if c == UInt8(ascii: ")") {
                depth -= 1; i += 1
                if depth == 0 { return }
            } else if c == UInt8(ascii: "\"") { try skipString() } else if isIdChar(c) || c == UInt8(ascii: ",") || c == UInt8(ascii: "[")
                || c == UInt8(ascii: "]") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}") || c == UInt8(ascii: ";") { i += 1 } else {
                throw error("unexpected character", i)
            }
        }
    }
}

@inline(__always)
func hexDigit(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
}

/// The bytes a string token stands for (escapes decoded). The lexer has checked the escapes.
func decodeString(_ src: [UInt8], _ start: Int, _ end: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    var i = start + 1
    let stop = end - 1
    while i < stop {
        let c = src[i]
        if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
        let e = src[i + 1]
        switch e {
        case UInt8(ascii: "n"): out.append(0x0A); i += 2
        case UInt8(ascii: "t"): out.append(0x09); i += 2
        case UInt8(ascii: "r"): out.append(0x0D); i += 2
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(e); i += 2
        case UInt8(ascii: "u"):
            var j = i + 3
            var v: UInt32 = 0
            while src[j] != UInt8(ascii: "}") {
                if let d = hexDigit(src[j]) { v = v * 16 + UInt32(d) }
                j += 1
            }
            appendUTF8(&out, v)
            i = j + 1
        default:
            out.append(hexDigit(e)! * 16 + hexDigit(src[i + 2])!)
            i += 3
        }
    }
    return out
}

func appendUTF8(_ out: inout [UInt8], _ v: UInt32) {
    if v < 0x80 {
        out.append(UInt8(v))
    } else if v < 0x800 {
        out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
    } else if v < 0x10000 {
        out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
    } else {
        out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
    }
}

/// Whether `bytes` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
func isValidUTF8(_ bytes: [UInt8]) -> Bool { firstInvalidUTF8(bytes) == nil }

/// The offset of the first byte that is not well-formed UTF-8, if any.
func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var i = 0
    let n = bytes.count
    while i < n {
        let b = bytes[i]
        if b < 0x80 { i += 1; continue }
        var need = 0
        var minValue: UInt32 = 0
        var v: UInt32 = 0
        if b & 0xE0 == 0xC0 { need = 1; v = UInt32(b & 0x1F); minValue = 0x80 } else if b & 0xF0 == 0xE0 { need = 2; v = UInt32(b & 0x0F); minValue = 0x800 } else if b & 0xF8 == 0xF0 { need = 3; v = UInt32(b & 0x07); minValue = 0x10000 } else { return i }
        guard i + need < n else { return i }
        for k in 1...need {
            let c = bytes[i + k]
            guard c & 0xC0 == 0x80 else { return i }
            v = v << 6 | UInt32(c & 0x3F)
        }
        if v < minValue || v > 0x10FFFF || (v >= 0xD800 && v < 0xE000) { return i }
        i += need + 1
    }
    return nil
}
