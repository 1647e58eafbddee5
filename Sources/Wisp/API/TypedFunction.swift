/// What a typed call returns (`TypedFunction`'s `Result`): one `WasmValue`, or `NoResult`.
public protocol WasmResults {
    /// The function results it stands for.
    static var resultTypes: [ValueType] { get }
    /// Reads the results from their slots.
    static func read(from slots: UnsafePointer<UInt64>) -> Self
    /// Writes the results to their slots (a typed host function's return).
    func write(to slots: UnsafeMutablePointer<UInt64>)
}

/// The result of a typed call to a function without results.
public struct NoResult: WasmResults, Equatable, Sendable {
    /// The result of a function without results.
    public init() {}
    public static var resultTypes: [ValueType] { [] }
    public static func read(from slots: UnsafePointer<UInt64>) -> NoResult { NoResult() }
    public func write(to slots: UnsafeMutablePointer<UInt64>) {}
}

/// A Swift type that stands for a WebAssembly value type in typed calls (`TypedFunction`):
/// `Int32`/`UInt32` for i32, `Int64`/`UInt64` for i64, `Float` for f32, `Double` for f64,
/// `V128` for v128.
public protocol WasmValue: WasmResults {
    /// The value type it stands for.
    static var valueType: ValueType { get }
    /// Reads the value from its slot (the VM stack's encoding).
    init(slot: UnsafePointer<UInt64>)
    /// Writes the value to its slot.
    func store(to slot: UnsafeMutablePointer<UInt64>)
}

extension WasmValue {
    public static var resultTypes: [ValueType] { [valueType] }
    @inline(__always) public static func read(from slots: UnsafePointer<UInt64>) -> Self { Self(slot: slots) }
    @inline(__always) public func write(to slots: UnsafeMutablePointer<UInt64>) { store(to: slots) }
}

/// `i32` in typed calls and typed host functions, read as a signed integer.
extension Int32: WasmValue {
    public static var valueType: ValueType { .i32 }
    @inline(__always) public init(slot: UnsafePointer<UInt64>) { self = Int32(truncatingIfNeeded: slot.pointee) }
    @inline(__always) public func store(to slot: UnsafeMutablePointer<UInt64>) { slot.pointee = UInt64(UInt32(bitPattern: self)) }
}

/// `i32` in typed calls and typed host functions, read as an unsigned integer.
extension UInt32: WasmValue {
    public static var valueType: ValueType { .i32 }
    @inline(__always) public init(slot: UnsafePointer<UInt64>) { self = UInt32(truncatingIfNeeded: slot.pointee) }
    @inline(__always) public func store(to slot: UnsafeMutablePointer<UInt64>) { slot.pointee = UInt64(self) }
}

/// `i64` in typed calls and typed host functions, read as a signed integer.
extension Int64: WasmValue {
    public static var valueType: ValueType { .i64 }
    @inline(__always) public init(slot: UnsafePointer<UInt64>) { self = Int64(bitPattern: slot.pointee) }
    @inline(__always) public func store(to slot: UnsafeMutablePointer<UInt64>) { slot.pointee = UInt64(bitPattern: self) }
}

/// `i64` in typed calls and typed host functions, read as an unsigned integer.
extension UInt64: WasmValue {
    public static var valueType: ValueType { .i64 }
    @inline(__always) public init(slot: UnsafePointer<UInt64>) { self = slot.pointee }
    @inline(__always) public func store(to slot: UnsafeMutablePointer<UInt64>) { slot.pointee = self }
}

/// `f32` in typed calls and typed host functions, by its bit pattern (NaN payloads survive).
extension Float: WasmValue {
    public static var valueType: ValueType { .f32 }
    @inline(__always) public init(slot: UnsafePointer<UInt64>) { self = Float(bitPattern: UInt32(truncatingIfNeeded: slot.pointee)) }
    @inline(__always) public func store(to slot: UnsafeMutablePointer<UInt64>) { slot.pointee = UInt64(bitPattern.self) }
}

/// `f64` in typed calls and typed host functions, by its bit pattern (NaN payloads survive).
extension Double: WasmValue {
    public static var valueType: ValueType { .f64 }
    @inline(__always) public init(slot: UnsafePointer<UInt64>) { self = Double(bitPattern: slot.pointee) }
    @inline(__always) public func store(to slot: UnsafeMutablePointer<UInt64>) { slot.pointee = bitPattern }
}

/// `v128` in typed calls and typed host functions.
extension V128: WasmValue {
    public static var valueType: ValueType { .v128 }
    @inline(__always) public init(slot: UnsafePointer<UInt64>) { self.init(lo: slot[0], hi: slot[1]) }
    @inline(__always) public func store(to slot: UnsafeMutablePointer<UInt64>) { slot[0] = lo; slot[1] = hi }
}

/// A function called with Swift values of fixed types: its parameters and result are checked
/// against the function's type once, when it is made, and each call writes the arguments
/// straight to the VM stack and reads the result from it, with no `[Value]` array.
///
/// ```swift
/// let add = try TypedFunction<Int32, Int32, Int32>(instance.exportedFunction("add")!)  // (i32, i32) -> i32
/// let sum = try add(2, 3)
/// let tick = try TypedFunction<NoResult>(instance.exportedFunction("tick")!)          // () -> ()
/// ```
/// The last generic argument is the result (`NoResult` for none); functions with several
/// results are called with `Function.call`.
public struct TypedFunction<each Params: WasmValue, Result: WasmResults> {
    /// The wrapped function, for untyped calls and its other properties.
    public let function: Function

    /// Wraps `function` for calls with parameters `Params` and result `Result`.
    ///
    /// - Throws: `WispError.misuse` when the function's type is not `Params -> Result`.
    /// - Complexity: O(parameters + results), once.
    public init(_ function: Function) throws(WispError) {
        var ps: [ValueType] = []
        for p in repeat (each Params).self { ps.append(p.valueType) }
        let want = FuncType(parameters: ps, results: Result.resultTypes)
        guard function.type == want else {
            throw WispError.misuse("the function's type is " + describe(function.type) + ", not " + describe(want))
        }
        self.function = function
    }

    /// Calls the function with `arguments`; returns its result.
    ///
    /// - Throws: the guest's `Trap` (or a trap for fuel running out or an interrupt: the call
    ///   runs to completion or not at all, as `Function.call` does).
    /// - Complexity: the call itself; no allocation of its own.
    public func callAsFunction(_ arguments: repeat each Params) throws(Trap) -> Result {
        let executor = try function.owner.makeExecutor()
        let base = executor.stackTop
        let end = try executor.start(function.entity) { base in
            var p = base
            for a in repeat each arguments { place(a, &p) }
        }
        switch end {
        case .returned:
            return Result.read(from: base)
        case .suspended(let reason):
            throw executor.dropSuspended(reason)
        case .trapped(let t):
            throw t
        }
    }
}

#if !hasFeature(Embedded)  // (typed host functions: hosted builds only, see HostFunctionBox.raw)
extension Function {
    /// A host function of `store` written with Swift types: `Params` and `Result` give its
    /// WebAssembly type, and each call reads the arguments from the VM stack and writes the
    /// result there, with no `[Value]` (`Function(store:type:body:)` is the untyped form).
    ///
    /// ```swift
    /// let add = Function(store: store) { (caller: Caller, a: Int32, b: Int32) throws(Trap) -> Int32 in a &+ b }
    /// ```
    /// - Complexity: O(parameters) to build its type, once; a call adds no allocation of its own.
    public init<each Params: WasmValue, Result: WasmResults>(store: Store,
                                                             _ body: @escaping (Caller, repeat each Params) throws(Trap) -> Result) {
        self.init(store: store, typedType(of: body), raw: rawBody(body))
    }

    init(store: Store, _ type: FuncType, raw: @escaping RawHostFunctionBody) {
        let e = FunctionEntity(store: store, type: type, instance: nil, functionIndex: 0, definedIndex: -1,
                               host: HostFunctionBox(raw: raw))
        store.functionEntities.append(e)
        self.init(e)
    }
}

/// The function type of a typed body `(Caller, Params...) -> Result`.
func typedType<each Params: WasmValue, Result: WasmResults>(of body: (Caller, repeat each Params) throws(Trap) -> Result) -> FuncType {
    var ps: [ValueType] = []
    for p in repeat (each Params).self { ps.append(p.valueType) }
    return FuncType(parameters: ps, results: Result.resultTypes)
}

/// `body` as a frame-working host body: arguments read from the frame, the result written back.
func rawBody<each Params: WasmValue, Result: WasmResults>(_ body: @escaping (Caller, repeat each Params) throws(Trap) -> Result)
    -> RawHostFunctionBody {
    return { caller, frame throws(Trap) in
        var p = UnsafePointer(frame)
        let result = try body(caller, repeat take(&p, as: (each Params).self))
        result.write(to: frame)
    }
}

/// Reads a `T` at `p` and moves `p` past its slots.
@inline(__always) func take<T: WasmValue>(_ p: inout UnsafePointer<UInt64>, as: T.Type) -> T {
    let v = T(slot: p)
    p += T.valueType == .v128 ? 2 : 1
    return v
}
#endif

/// Writes `v` at `p` and moves `p` past its slots.
@inline(__always) func place<T: WasmValue>(_ v: T, _ p: inout UnsafeMutablePointer<UInt64>) {
    v.store(to: p)
    p += T.valueType == .v128 ? 2 : 1
}

/// "(i32, i32) -> i32".
func describe(_ t: FuncType) -> String {
    "(" + t.parameters.map { $0.name }.joined(separator: ", ") + ") -> ("
        + t.results.map { $0.name }.joined(separator: ", ") + ")"
}
