import WasmKit

/// WasmKit's host-call round trip and export call, `calls` each (its API passes [Value]).
func wasmKitHostCalls(calls: Int, only: String?) throws -> [HostCallTiming] {
    var out: [HostCallTiming] = []
    let module = try parseWasm(bytes: hostCallModule)
    let store = Store(engine: Engine())
    var imports = Imports()
    imports.define(module: "env", name: "h",
                   Function(store: store, type: FunctionType(parameters: [.i32], results: [.i32])) { _, args in
                       guard case .i32(let x) = args[0] else { return [.i32(0)] }
                       return [.i32(x &+ 1)]
                   })
    let instance = try module.instantiate(store: store, imports: imports)
    let loop = instance.exports[function: "loop"]!, id = instance.exports[function: "id"]!
    func measure(_ name: String, _ body: () throws -> UInt32) rethrows {
        guard only == nil || only == name else { return }
        let t0 = now()
        let c = try body()
        out.append(HostCallTiming(name: name, nanosecondsPerCall: (now() - t0) * 1e9 / Double(calls), checksum: c))
    }
    try measure("wasmkit host call") {
        guard case .i32(let r)? = try loop([.i32(UInt32(calls))]).first else { return 0 }
        return r
    }
    try measure("wasmkit export call") {
        var sum: UInt32 = 0
        for i in 0..<calls {
            if case .i32(let r)? = try id([.i32(UInt32(truncatingIfNeeded: i))]).first { sum &+= r }
        }
        return sum
    }
    return out
}
