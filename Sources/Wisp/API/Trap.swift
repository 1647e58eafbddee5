/// Why a WebAssembly call stopped abnormally.
public enum TrapKind: Equatable, Sendable {
    case unreachable
    case memoryOutOfBounds
    case tableOutOfBounds
    case indirectCallToNull
    case indirectCallTypeMismatch
    case undefinedElement
    case integerDivideByZero
    case integerOverflow
    case invalidConversionToInteger
    case callStackExhausted
    case nativeStackExhausted
    case outOfFuel
    case interrupted
    /// A host function failed; the message says why.
    case host
    /// The embedder used the API wrongly: arguments of the wrong number or type, or references
    /// of another store, a host function's results that do not match its type, resuming a
    /// finished call. Guest code never raises it.
    case misuse
    /// The guest asked to exit (WASI `proc_exit`); `Trap.exitCode` holds the status.
    case exit
    /// Thrown by a host function to suspend the calling guest (see `Function.callResumable`);
    /// the host function is called again when the call resumes. Where the call cannot suspend
    /// (`Function.call`, or a call nested in a host function) it ends the call as a trap.
    case yield
    /// A WebAssembly exception left the call uncaught (`Trap.exception` holds it).
    case uncaughtException
    /// `throw_ref` of a null reference.
    case nullExceptionReference
#if !WISP_NO_FUNCTION_REFERENCES
    /// `call_ref` or `return_call_ref` of a null reference.
    case nullFunctionReference
    /// `ref.as_non_null` of a null reference.
    case nullReference
#endif
}

/// Why a resumable call stopped before finishing.
public enum SuspendReason: Equatable, Sendable {
    /// The fuel budget cannot pay for the next region.
    case outOfFuel
    /// An `InterruptHandle` asked the call to suspend.
    case interrupted
    /// A host function threw `Trap(.yield)`.
    case yield
}

/// One WebAssembly frame of a trap's backtrace, innermost first.
public struct BacktraceFrame: Equatable, Sendable {
    /// Index of the function in its module's function index space.
    public var functionIndex: UInt32
    /// Its name from the module's `name` section, if present.
    public var name: String?
    /// Offset of the current instruction, relative to the start of the code section's contents.
    public var codeOffset: Int?
    /// Offset of the current instruction in the module's binary (the C API's module offset).
    /// Nil when `codeOffset` is, and in bare-metal builds.
    public var moduleOffset: Int?
    /// Offset of the current instruction from the start of its function's body (its local
    /// declarations). Nil when `codeOffset` is, and in bare-metal builds.
    public var functionOffset: Int?
    public init(functionIndex: UInt32, name: String?, codeOffset: Int?, moduleOffset: Int? = nil, functionOffset: Int? = nil) {
        self.functionIndex = functionIndex
        self.name = name
        self.codeOffset = codeOffset
        self.moduleOffset = moduleOffset
        self.functionOffset = functionOffset
    }
}

/// A trap: the typed error every WebAssembly call throws.
public struct Trap: Error, Equatable, Sendable {
    public var kind: TrapKind
    /// The spec's wording ("integer divide by zero", "out of bounds memory access", ...).
    public var message: String
    /// The WebAssembly frames active when the trap happened, innermost first.
    public var backtrace: [BacktraceFrame]
    /// The exit status, for kind `.exit`.
    public var exitCode: Int32?
    /// For `.uncaughtException`: the exception. A host function that throws this trap while
    /// called from WebAssembly rethrows the exception into its caller.
    public var exception: ExceptionReference? = nil

    public init(_ kind: TrapKind, message: String? = nil, backtrace: [BacktraceFrame] = [], exitCode: Int32? = nil) {
        self.kind = kind
        self.message = message ?? Trap.defaultMessage(kind)
        self.backtrace = backtrace
        self.exitCode = exitCode
    }

    public static func defaultMessage(_ kind: TrapKind) -> String {
        switch kind {
        case .unreachable: return "unreachable"
        case .memoryOutOfBounds: return "out of bounds memory access"
        case .tableOutOfBounds: return "out of bounds table access"
        case .indirectCallToNull: return "uninitialized element"
        case .indirectCallTypeMismatch: return "indirect call type mismatch"
        case .undefinedElement: return "undefined element"
        case .integerDivideByZero: return "integer divide by zero"
        case .integerOverflow: return "integer overflow"
        case .invalidConversionToInteger: return "invalid conversion to integer"
        case .callStackExhausted: return "call stack exhausted"
        case .nativeStackExhausted: return "native stack exhausted"
        case .outOfFuel: return "out of fuel"
        case .interrupted: return "interrupted"
        case .host: return "host function failed"
        case .misuse: return "misuse of the embedding API"
        case .exit: return "exit"
        case .yield: return "host function yielded where the call cannot suspend"
        case .uncaughtException: return "uncaught exception"
        case .nullExceptionReference: return "null exception reference"
#if !WISP_NO_FUNCTION_REFERENCES
        case .nullFunctionReference: return "null function reference"
        case .nullReference: return "null reference"
#endif
        }
    }

    /// The message followed by one line per backtrace frame (the innermost 32 when there are
    /// more: a runaway recursion has a hundred thousand), as `wisp run` prints it.
    public var description: String {
        "wasm trap: " + message + Trap.format(backtrace)
    }

    /// One line per frame, innermost first, at most `limit` of them.
    public static func format(_ frames: [BacktraceFrame], limit: Int = 32) -> String {
        var s = ""
        for (i, f) in frames.prefix(limit).enumerated() {
            s += "\n  " + String(i) + ": "
            s += f.name ?? ("<func " + String(f.functionIndex) + ">")
            if let o = f.codeOffset { s += " @ code+0x" + String(o, radix: 16) }
        }
        if frames.count > limit { s += "\n  ... " + String(frames.count - limit) + " more frames" }
        return s
    }
}

/// Every error the engine's API throws.
public enum WispError: Error, Equatable, Sendable {
    /// The binary is malformed or invalid.
    case format(FormatError)
    /// An import is missing or has the wrong type (spec: "unlinkable").
    case link(String)
    /// Instantiation trapped (a segment out of bounds, or the start function trapped).
    case trap(Trap)
    /// A resource limit or an allocation failed.
    case resource(String)
    /// The embedder used the API wrongly: a handle of another store, a value of the wrong type
    /// for a table or global, a tag type with results. Never a guest trap.
    case misuse(String)

    public var description: String {
        switch self {
        case .format(let e): return e.description
        case .link(let m): return "link error: " + m
        case .trap(let t): return t.description
        case .resource(let m): return "resource error: " + m
        case .misuse(let m): return "API misuse: " + m
        }
    }
}
