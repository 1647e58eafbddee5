// The public surface of the text format: `WAT.encode` for modules, `WAST.parse` for scripts.

/// A text-format error with a position in the source (1-based line and column).
public struct WATError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The 1-based line of the offending token.
    public var line: Int
    /// The 1-based column of the offending token, in bytes of UTF-8.
    public var column: Int

    /// An error saying `message` at `line`:`column`.
    public init(_ message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    /// "LINE:COL: message".
    public var description: String { String(line) + ":" + String(column) + ": " + message }
}

/// WebAssembly modules in the text format.
public enum WAT {
    /// Parses one module in the text format — `(module $id? field*)` or bare module fields — and encodes it
    /// in the binary format (the bytes a .wasm file holds). Also accepts `(module binary "..."*)`
    /// (the bytes as given) and `(module quote "..."*)` (the quoted text parsed as a module).
    ///
    /// Only what the spec calls malformed text is rejected: a well-formed module that does not
    /// validate (a type error, say) encodes fine and is left to the validator.
    ///
    /// - Throws: `WATError` with the position of the offending token.
    /// - Complexity: O(n) in the length of the text (identifiers are looked up in hash tables).
    public static func encode(_ text: String) throws(WATError) -> [UInt8] {
        try encodeModule(Array(text.utf8), dialect: .wasm3)
    }

    /// The version of the text format's rules, where 2.0 and 3.0 read the same text differently.
    public enum Dialect: Sendable {
        /// WebAssembly 2.0: a memarg offset or memory limit past 2^32-1 is malformed, `func $f ...`
        /// in an elem segment has type funcref.
        case wasm2
        /// WebAssembly 3.0 (the default): offsets and limits are 64-bit numbers the validator
        /// checks; `func $f ...` has type `(ref func)`, and a funcref segment is written with expressions.
        case wasm3
    }

    /// `encode(_:dialect:)`, and where in the text each instruction of the function bodies is,
    /// so a validation error's byte offset (`FormatError.offset`) can be reported as a line and
    /// column (`WATSourceMap.position(ofBinaryOffset:)`).
    ///
    /// - Throws: `WATError` with the position of the offending token.
    /// - Complexity: O(n) in the length of the text, and O(i log i) in the number of instructions.
    public static func encodeWithSourceMap(_ text: String, dialect: Dialect = .wasm3) throws(WATError) -> (bytes: [UInt8], sourceMap: WATSourceMap) {
        let r = try encodeModuleMapped(Array(text.utf8), dialect: dialect)
        return (r.bytes, r.map)
    }

    /// `encode(_:)` under the rules of `dialect`.
    ///
    /// - Throws: `WATError` with the position of the offending token.
    /// - Complexity: O(n) in the length of the text.
    public static func encode(_ text: String, dialect: Dialect) throws(WATError) -> [UInt8] {
        try encodeModule(Array(text.utf8), dialect: dialect)
    }
}

/// Where the instructions of an encoded module's function bodies came from in its text.
public struct WATSourceMap: Sendable {
    /// Byte offsets of the instructions in the module, ascending, and the source offset of each
    /// one's operator.
    let binary: [Int32]
    let source: [Int32]
    let codeRange: Range<Int>
    /// Source offset of each line's first byte.
    let lineStarts: [Int32]

    /// An empty map: no offset has a position.
    public init() {
        binary = []
        source = []
        codeRange = 0..<0
        lineStarts = [0]
    }

    init(marks: [(binary: Int32, source: Int32)], codeRange: Range<Int>, source text: [UInt8]) {
        let sorted = marks.sorted { $0.binary < $1.binary }
        binary = sorted.map { $0.binary }
        source = sorted.map { $0.source }
        self.codeRange = codeRange
        var starts: [Int32] = [0]
        for (i, b) in text.enumerated() where b == UInt8(ascii: "\n") { starts.append(Int32(truncatingIfNeeded: i + 1)) }
        lineStarts = starts
    }

    /// The 1-based line and column of the instruction that starts at or last before byte
    /// `offset` of the module, if the offset is in a function body; nil elsewhere (another
    /// section, or a module given as `binary` or `quote`). Cost: O(log n).
    public func position(ofBinaryOffset offset: Int) -> (line: Int, column: Int)? {
        guard codeRange.contains(offset), let first = binary.first, offset >= Int(first) else { return nil }
        var lo = 0, hi = binary.count  // the last index whose offset <= `offset`
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if Int(binary[mid]) <= offset { lo = mid } else { hi = mid }
        }
        let at = source[lo]
        var l = 0, h = lineStarts.count
        while h - l > 1 {
            let mid = (l + h) / 2
            if lineStarts[mid] <= at { l = mid } else { h = mid }
        }
        return (l + 1, Int(at - lineStarts[l]) + 1)
    }
}

/// WebAssembly scripts (.wast): modules plus the commands and assertions of the spec tests.
public enum WAST {
    /// Parses a .wast script into its commands. Inline modules are kept as text (see
    /// `WastModule`), so a malformed module fails only when it is encoded.
    ///
    /// - Throws: `WATError` for a script that is itself malformed (not for malformed modules in it).
    /// - Complexity: O(n) in the length of the text.
    public static func parse(_ text: String) throws(WATError) -> [WastCommand] {
        try parseScript(Array(text.utf8))
    }
}

/// A module in a script: kept as text until the runner needs its bytes.
public enum WastModule: Sendable, Equatable {
    /// An inline `(module ...)` (its source text) or the concatenated strings of `(module quote ...)`.
    /// `line` is the 1-based line where the text starts in the script (quote text: where the module starts).
    /// `WAT.encode` turns it into bytes, so a malformed one fails then.
    case text(String, line: Int)
    /// `(module binary ...)`: the bytes as given.
    case binary([UInt8])

    /// The binary: the bytes themselves, or `WAT.encode` of the text.
    ///
    /// - Throws: `WATError` when the text is malformed (positions relative to the text).
    /// - Complexity: that of `WAT.encode`.
    public func encode(dialect: WAT.Dialect = .wasm3) throws(WATError) -> [UInt8] {
        switch self {
        case .binary(let bytes): return bytes
        case .text(let text, _): return try WAT.encode(text, dialect: dialect)
        }
    }
}

/// A value in an action's arguments or an assertion's results, written as the JSON of wast2json
/// writes it: `type` ("i32", "f32", "v128", "funcref", "externref", "exnref", "anyref", "refnull",
/// ...), `laneType` for v128, `value` as unsigned decimal strings of the bits (one per lane for
/// v128), "nan:canonical"/"nan:arithmetic" for NaN patterns, "null" for null references; a
/// reference pattern without a value (`(ref.func)`, `(ref.extern)`) has an empty `value`.
public struct WastValue: Sendable, Equatable {
    /// The value's type, as wast2json writes it (see above).
    public var type: String
    /// For a v128, the type of its lanes ("i8" ... "f64"); nil otherwise.
    public var laneType: String?
    /// The bits as unsigned decimal strings (one per lane for a v128), or a NaN pattern or "null".
    public var value: [String]

    /// A value of `type` written as `value`.
    public init(type: String, laneType: String? = nil, value: [String]) {
        self.type = type
        self.laneType = laneType
        self.value = value
    }
}

/// `(invoke $m? "name" arg*)` or `(get $m? "name")`.
public struct WastAction: Sendable, Equatable {
    /// "invoke" or "get".
    public var type: String
    /// The module's `$name`, when the action names one.
    public var module: String?
    /// The export to call or read.
    public var field: String
    /// The arguments of an invoke (empty for get).
    public var args: [WastValue]

    /// An action of `type` on export `field` of `module` (nil: the latest module).
    public init(type: String, module: String?, field: String, args: [WastValue]) {
        self.type = type
        self.module = module
        self.field = field
        self.args = args
    }
}

/// One command of a script, modelled on wast2json's JSON commands (see the testsuite README).
public struct WastCommand: Sendable {
    /// "module", "register", "action", "assert_return", "assert_trap", "assert_exhaustion",
    /// "assert_invalid", "assert_malformed", "assert_unlinkable", "assert_uninstantiable",
    /// "assert_exception", "module_definition", "module_instance", "thread", "wait".
    public var type: String
    /// 1-based line of the command's opening parenthesis.
    public var line: Int
    /// The module's `$name` (module, module_definition), the instance's name (module_instance),
    /// the module `register` names, or the thread's name.
    public var name: String?
    /// `register`'s "as" name.
    public var registerAs: String?
    /// For module_instance: the `$name` of the module definition it instantiates.
    public var definition: String?
    /// The module of a module command or a module assertion.
    public var module: WastModule?
    /// "text" or "binary" as the JSON has it: inline and quoted modules are "text".
    public var moduleType: String?
    /// The action of an action command, or of an assertion about one (assert_return, an
    /// assert_trap of an action, ...).
    public var action: WastAction?
    /// The results of assert_return (empty when `either` is set) or an action's (empty).
    public var expected: [WastValue] = []
    /// For `(assert_return ... (either v1 v2 ...))`: the alternatives, any one of which passes.
    public var either: [WastValue] = []
    /// The expected message of assert_trap, assert_invalid, ...
    public var text: String?
    /// The commands inside `(thread ...)`.
    public var commands: [WastCommand] = []

    /// A command of `type` at `line`, its other fields empty for the parser to fill in.
    public init(type: String, line: Int) {
        self.type = type
        self.line = line
    }
}
