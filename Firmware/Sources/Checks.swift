// The checks the firmware runs against Firmware/Wasm/checks.c. Expected values were computed
// outside Wisp (integer ones by exact arithmetic, float ones by IEEE 754 rounding in CPython, f32
// rounded after every operation), so a wrong engine cannot agree with itself.

import Wisp

/// Why a check failed.
struct CheckFailure: Error {
    var message: String
}

/// Runs checks, prints one line each on the UART, and counts.
struct CheckRunner {
    var passed = 0
    var failed = 0

    mutating func check(_ name: String, _ body: () throws(CheckFailure) -> Void) {
        do throws(CheckFailure) {
            try body()
            passed += 1
            print("ok   " + name)
        } catch {
            failed += 1
            print("FAIL " + name + ": " + error.message)
        }
    }
}

func hex<T: BinaryInteger>(_ x: T) -> String { "0x" + String(x, radix: 16) }

func describe(_ v: Value) -> String {
    switch v {
    case .i32(let x): return "i32 " + String(x)
    case .i64(let x): return "i64 " + String(x)
    case .f32(let b): return "f32 bits " + hex(b)
    case .f64(let b): return "f64 bits " + hex(b)
    default: return "a reference or v128"
    }
}

func describe(_ values: [Value]) -> String {
    var s = "["
    for (i, v) in values.enumerated() {
        if i > 0 { s += ", " }
        s += describe(v)
    }
    return s + "]"
}

func expect(_ what: String, _ actual: [Value], _ expected: Value) throws(CheckFailure) {
    guard actual.count == 1, actual[0] == expected else {
        throw CheckFailure(message: what + " returned " + describe(actual) + ", expected " + describe(expected))
    }
}

func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws(CheckFailure) {
    if !condition { throw CheckFailure(message: message()) }
}

/// The instance under test and ways to call it.
struct Guest {
    let store: Store
    let instance: Instance

    func function(_ name: String) throws(CheckFailure) -> Function {
        guard let f = instance.exportedFunction(name) else { throw CheckFailure(message: "no export " + name) }
        return f
    }

    func call(_ name: String, _ arguments: [Value]) throws(CheckFailure) -> [Value] {
        let f = try function(name)
        do throws(Trap) {
            return try f.call(arguments)
        } catch {
            throw CheckFailure(message: name + " trapped: " + error.message)
        }
    }

    /// Calls `name` and requires it to trap with `kind`.
    func expectTrap(_ name: String, _ arguments: [Value], _ kind: TrapKind) throws(CheckFailure) {
        let f = try function(name)
        let results: [Value]
        do throws(Trap) {
            results = try f.call(arguments)
        } catch {
            try expect(error.kind == kind, name + " trapped with \"" + error.message + "\", expected \"" + Trap.defaultMessage(kind) + "\"")
            return
        }
        throw CheckFailure(message: name + " returned " + describe(results) + " instead of trapping (" + Trap.defaultMessage(kind) + ")")
    }
}

/// What the host functions saw, for the host-call check.
final class HostLog {
    var text: [UInt8] = []
    var scaleCalls = 0
    var reentryDepth = 0
    var deepestReentry = 0
}

/// The module's imports: `env.write(ptr, len)` copies guest bytes to the UART (and the log);
/// `env.scale(x)` returns 3x.
func hostImports(store: Store, log: HostLog) -> Imports {
    var imports = Imports()
    let write = Function(store: store, type: FuncType(parameters: [.i32, .i32], results: [])) { caller, args throws(Trap) in
        guard case .i32(let address) = args[0], case .i32(let length) = args[1], let memory = caller.memory else {
            throw Trap(.host, message: "write: bad arguments")
        }
        let bytes = try memory.read(at: Int(address), count: Int(length))
        log.text += bytes
        var line = "     guest: "
        line.withUTF8 { Platform.write(UnsafeRawBufferPointer($0)) }
        bytes.withUnsafeBytes { Platform.write($0) }
        line = "\n"
        line.withUTF8 { Platform.write(UnsafeRawBufferPointer($0)) }
        return []
    }
    let scale = Function(store: store, type: FuncType(parameters: [.i32], results: [.i32])) { _, args throws(Trap) in
        guard case .i32(let x) = args[0] else { throw Trap(.host, message: "scale: bad argument") }
        log.scaleCalls += 1
        return [.i32(x &* 3)]
    }
    // env.reenter(n) calls the guest's nest(n) from inside a host call.
    let reenter = Function(store: store, type: FuncType(parameters: [.i32], results: [.i32])) { caller, args throws(Trap) in
        guard let nest = caller.instance?.exportedFunction("nest") else { throw Trap(.host, message: "reenter: no nest export") }
        log.deepestReentry = max(log.deepestReentry, log.reentryDepth)
        log.reentryDepth += 1
        defer { log.reentryDepth -= 1 }
        return try nest.call(args)
    }
    imports.define(module: "env", name: "reenter", .function(reenter))
    imports.define(module: "env", name: "write", .function(write))
    imports.define(module: "env", name: "scale", .function(scale))
    return imports
}
