#if WITH_WISP
import Wisp

/// Wisp's host-call round trips and export calls, untyped ([Value]) and typed, `calls` each;
/// `only` runs one of them (for counting its allocations under valgrind).
func wispHostCalls(calls: Int, only: String?) throws -> [HostCallTiming] {
    var out: [HostCallTiming] = []
    let engine = Engine()
    let module = try Module(bytes: hostCallModule, engine: engine)
    func measure(_ name: String, _ body: () throws -> UInt32) rethrows {
        guard only == nil || only == name else { return }
        let t0 = now()
        let c = try body()
        out.append(HostCallTiming(name: name, nanosecondsPerCall: (now() - t0) * 1e9 / Double(calls), checksum: c))
    }
    // The host function adds 1: `loop(n)` returns n.
    let untypedStore = Store(engine: engine)
    var untypedImports = Imports()
    untypedImports.define(module: "env", name: "h", .function(Function(store: untypedStore, type: FuncType(parameters: [.i32], results: [.i32])) { _, args in
        guard case .i32(let x) = args[0] else { return [.i32(0)] }
        return [.i32(x &+ 1)]
    }))
    let untyped = try module.instantiate(store: untypedStore, imports: untypedImports)
    var linker = Linker(engine: engine)
    try linker.defineFunction(module: "env", name: "h") { (_: Caller, x: Int32) throws(Trap) -> Int32 in x &+ 1 }
    let typed = try linker.instantiate(module, store: Store(engine: engine))
    let untypedLoop = untyped.exportedFunction("loop")!, typedLoop = try TypedFunction<Int32, Int32>(typed.exportedFunction("loop")!)
    let untypedID = untyped.exportedFunction("id")!, typedID = try TypedFunction<Int32, Int32>(typed.exportedFunction("id")!)
    try measure("wisp host call, [Value]") {
        guard case .i32(let r)? = try untypedLoop.call([.i32(UInt32(calls))]).first else { return 0 }
        return r
    }
    try measure("wisp host call, typed") { UInt32(bitPattern: try typedLoop(Int32(calls))) }
    try measure("wisp export call, [Value]") {
        var sum: UInt32 = 0
        for i in 0..<calls {
            if case .i32(let r)? = try untypedID.call([.i32(UInt32(truncatingIfNeeded: i))]).first { sum &+= r }
        }
        return sum
    }
    try measure("wisp export call, typed") {
        var sum: UInt32 = 0
        for i in 0..<calls { sum &+= UInt32(bitPattern: try typedID(Int32(truncatingIfNeeded: i))) }
        return sum
    }
    return out
}
#endif
