/// Why a WebAssembly call stopped abnormally.
public enum TrapKind: Equatable, Sendable {
    /// The `unreachable` instruction ran.
    case unreachable
    /// A load, store or bulk memory operation reached outside the memory.
    case memoryOutOfBounds
    /// A table access or bulk table operation reached outside the table (or the element segment).
    case tableOutOfBounds
    /// `call_indirect` found a null element (message: "uninitialized element").
    case indirectCallToNull
    /// `call_indirect` found a function of another type than the one it names.
    case indirectCallTypeMismatch
    /// `call_indirect` of an index past the end of the table.
    case undefinedElement
    /// Integer division or remainder by zero.
    case integerDivideByZero
    /// Signed division of the minimum by -1, or a float too large for the integer type it is
    /// truncated to.
    case integerOverflow
    /// A NaN truncated to an integer.
    case invalidConversionToInteger
    /// The VM stack (`EngineConfiguration.stackSlots`) or the call depth
    /// (`EngineConfiguration.maxCallDepth`) ran out, or the VM stack could not be allocated.
    case callStackExhausted
    /// Less native stack was left than `EngineConfiguration.nativeStackHeadroom` when entering
    /// WebAssembly or calling a host function.
    case nativeStackExhausted
    /// The store's fuel ran out in a call that cannot suspend (see `Store.setFuel`).
    case outOfFuel
    /// An `InterruptHandle` (or a `Deadline`) stopped a call that cannot suspend, or asked for a trap.
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
#if !hasFeature(Embedded)  // (bare metal: no bytes to spare for offsets only the C API reads)
    /// Offset of the current instruction in the module's binary (the C API's module offset).
    /// Nil when `codeOffset` is. Not in bare-metal builds.
    public var moduleOffset: Int? = nil
    /// Offset of the current instruction from the start of its function's body (its local
    /// declarations). Nil when `codeOffset` is. Not in bare-metal builds.
    public var functionOffset: Int? = nil
#endif
    /// A frame of function `functionIndex`; a nil offset is an unknown one.
    public init(functionIndex: UInt32, name: String?, codeOffset: Int?) {
        self.functionIndex = functionIndex
        self.name = name
        self.codeOffset = codeOffset
    }
}

/// A trap: the typed error every WebAssembly call throws.
public struct Trap: Error, Equatable, Sendable {
    /// What went wrong; `message` says it in words.
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

    /// A trap of `kind`; without a `message`, the spec's wording for the kind (`defaultMessage`).
    public init(_ kind: TrapKind, message: String? = nil, backtrace: [BacktraceFrame] = [], exitCode: Int32? = nil) {
        self.kind = kind
        self.message = message ?? Trap.defaultMessage(kind)
        self.backtrace = backtrace
        self.exitCode = exitCode
    }

    /// The spec's wording for `kind` (what the spec tests' `assert_trap` expects), or Wisp's own for
    /// the kinds the spec does not have.
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

    /// The kind of error, then its message (for `.trap`, the trap's `description`, backtrace
    /// lines included).
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
