// The Wisp side of the differential tester (Fuzz/difftest.py). Reads one JSON request per line on
// stdin and answers one JSON line on stdout, so one process serves thousands of cases:
//
//   {"wasm": "/path/m.wasm", "calls": [{"name": "f", "args": ["i32:7", "f64:4607182418800017408"]}]}
//   -> {"instantiate": "ok", "state": {...}, "calls": [{"result": "[i32:1]", "state": {...}},
//       {"result": "trap div_by_zero", "state": {...}}]}
//   where a state is {"memory m": "pages:1 crc:12345", "global g": "i32:3", "table t": "size:2 fn"}
//   With --fuel, the reply and each call also carry "fuel": the units instantiation (the start
//   function) and each call consumed. With --fuel-slice N as well, each call runs in slices of N.
//   With --aot, each module is compiled ahead of time first (Fuzz/aotdiff.py).
//
// Values are "type:bits" (floats as their unsigned bit pattern, v128 as "lo:hi"); traps are named
// by Harness.kindName. "state" is right after instantiation; each call gets a fresh instance.
import Foundation
import FuzzHarness
import Wisp
import WispAOTHost

func parseValue(_ s: String) -> Value? {
    let parts = s.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard parts.count >= 2 else { return nil }
    switch parts[0] {
    case "i32": return UInt32(parts[1]).map { .i32($0) }
    case "i64": return UInt64(parts[1]).map { .i64($0) }
    case "f32": return UInt32(parts[1]).map { .f32($0) }
    case "f64": return UInt64(parts[1]).map { .f64($0) }
    case "v128":
        guard parts.count == 3, let lo = UInt64(parts[1]), let hi = UInt64(parts[2]) else { return nil }
        return .v128(V128(lo: lo, hi: hi))
    case "funcref": return .funcref(nil)
    case "externref": return parts[1] == "null" ? .externref(nil) : UInt64(parts[1]).map { .externref($0) }
    default: return nil
    }
}

/// zlib's CRC-32, so Python can check memories with `zlib.crc32` without shipping them over.
let crcTable: [UInt32] = (0 ..< 256).map { i -> UInt32 in
    var c = UInt32(i)
    for _ in 0 ..< 8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
}
func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    return c ^ 0xFFFF_FFFF
}

/// --fuel-slice N: each call runs in slices of N units, resumed after every suspension (metering
/// on): it must give what one ample budget gives, results, state and fuel alike.
let fuelSlice: UInt64? = CommandLine.arguments.firstIndex(of: "--fuel-slice").flatMap { i in
    i + 1 < CommandLine.arguments.count ? UInt64(CommandLine.arguments[i + 1]) : nil
}
let fuel = CommandLine.arguments.contains("--fuel") || fuelSlice != nil
/// --aot: each module is compiled ahead of time (C through the C compiler) and its compiled
/// functions run natively.
let aot = CommandLine.arguments.contains("--aot")
var config = EngineConfiguration()
config.fuelMetering = fuel
// 4 GiB per memory, as difftest.py tells Wasmtime (a memory64 could grow further in both).
config.limits = ResourceLimits(maxMemoryPages: 65536)
// Every proposal Wisp implements is on by default, as in `wisp run`; --features LIST pins a set
// (the syntax of `wisp --features`).
if let i = CommandLine.arguments.firstIndex(of: "--features"), i + 1 < CommandLine.arguments.count {
    do {
        config.features = try Features(parsing: CommandLine.arguments[i + 1])
    } catch {
        FileHandle.standardError.write(Data(("wisp-diff: " + error.message + "\n").utf8))
        exit(2)
    }
}
let engine = Engine(configuration: config)

/// The state a call leaves behind in the exports: memories (size and CRC-32), globals, tables.
func snapshot(_ instance: Instance) -> [String: String] {
    var state: [String: String] = [:]
    for (name, ext) in instance.exports {
        switch ext {
        case .memory(let m):
            let crc = (try? m.withUnsafeMutableBytes { (b: UnsafeMutableRawBufferPointer) throws(Trap) -> UInt32 in
                crc32(UnsafeRawBufferPointer(b))
            }) ?? 0
            state["memory " + name] = "pages:\(m.pageCount) crc:\(crc)"
        case .global(let g):
            state["global " + name] = Harness.describe(g.value)
        case .table(let t):
            var s = "size:\(t.count) "
            for i in 0 ..< min(t.count, 1000) {
                switch t.get(i) {
                case .funcref(let f)?: s += f == nil ? "n" : "f"
                case .externref(let e)?: s += e == nil ? "n" : "e"
                default: s += "?"
                }
            }
            state["table " + name] = s
        case .function, .tag: break
        }
    }
    return state
}

/// Instantiates `module` afresh: "ok" and the instance, or how instantiation failed; and its store.
func instantiate(_ module: Module) -> (String, Instance?, Store) {
    let store = Store(engine: engine)
    if fuel { try? store.setFuel(UInt64.max / 2) }
    do {
        return ("ok", try module.instantiate(store: store, imports: Harness.stubImports(module: module, store: store)), store)
    } catch {
        return (Harness.describe(error), nil, store)
    }
}

/// Calls `f` on `slice` units of fuel, adding as much again after each suspension until it ends.
func callInSlices(_ f: Function, _ args: [Value], store: Store, slice: UInt64) -> String {
    do {
        try store.setFuel(slice)
        var outcome = try f.callResumable(args)
        while case .suspended(let c) = outcome {
            guard c.reason == .outOfFuel else { return "suspended: \(c.reason)" }
            try store.addFuel(slice)
            outcome = try c.resume()
        }
        guard case .returned(let values) = outcome else { return "no result" }
        return Harness.describe(values)
    } catch let t as Trap {
        return "trap " + Harness.describe(t)
    } catch {
        return "error " + String(describing: error)
    }
}

/// Each call runs in a fresh instance (wasm-tools smith's termination fuel is a global that
/// calls share, so a fresh instance gives every export its whole budget); after each call the
/// exported state is recorded.
func serve(_ request: [String: Any]) -> [String: Any] {
    guard let path = request["wasm"] as? String, let data = FileManager.default.contents(atPath: path) else {
        return ["error": "cannot read module"]
    }
    let module: Module
    do { module = try Module(bytes: [UInt8](data), engine: engine) } catch {
        return ["instantiate": "invalid: " + error.description]
    }
    if aot {
        // Compiled ahead of time (Fuzz/aotdiff.py compares this with the interpreter).
        do {
            try module.attach(try loadSharedObject(buildSharedObject(module.parsed, optimization: "-O1").object))
        } catch {
            return ["error": "aot: " + String(describing: error)]
        }
    }
    // The first instance serves the first call; `first` goes out of scope here so no instance
    // outlives its call (one whose memory grew to 4 GiB would otherwise stay beside the next).
    var instance: Instance?
    var store: Store?
    let initialState: [String: String]
    let initialFuel: UInt64
    do {
        let (status, first, firstStore) = instantiate(module)
        guard let first else {
            return fuel ? ["instantiate": status, "fuel": String(firstStore.fuelConsumed)] : ["instantiate": status]
        }
        initialState = snapshot(first)
        initialFuel = firstStore.fuelConsumed
        instance = first
        store = firstStore
    }
    var calls: [[String: Any]] = []
    for call in request["calls"] as? [[String: Any]] ?? [] {
        if instance == nil { (_, instance, store) = instantiate(module) }
        guard let inst = instance, let st = store, let name = call["name"] as? String, let f = inst.exportedFunction(name) else {
            calls.append(["result": "no such function"])
            continue
        }
        instance = nil
        store = nil
        let before = st.fuelConsumed
        let args = (call["args"] as? [String] ?? []).compactMap(parseValue)
        let result: String
        // A request may ask for longer slices (the benchmark workloads run millions of units).
        if let slice = fuelSlice.map({ (request["fuelSlice"] as? Int).map(UInt64.init) ?? $0 }) {
            result = callInSlices(f, args, store: st, slice: slice)
        } else {
            do { result = Harness.describe(try f.call(args)) } catch { result = "trap " + Harness.describe(error) }
        }
        var reply: [String: Any] = ["result": result, "state": snapshot(inst)]
        // With --fuel, the units the call consumed: equal in every build and mode of Wisp.
        if fuel { reply["fuel"] = String(st.fuelConsumed &- before) }
        calls.append(reply)
    }
    var reply: [String: Any] = ["instantiate": "ok", "calls": calls, "state": initialState]
    if fuel { reply["fuel"] = String(initialFuel) }
    return reply
}

while let line = readLine() {
    let reply: [String: Any]
    if let d = line.data(using: .utf8), let req = try? JSONSerialization.jsonObject(with: d) as? [String: Any] {
        reply = serve(req)
    } else {
        reply = ["error": "bad request"]
    }
    let out = try! JSONSerialization.data(withJSONObject: reply, options: [.sortedKeys])
    print(String(decoding: out, as: UTF8.self))
    fflush(stdout)
}
