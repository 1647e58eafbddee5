// The embedding API, used the way a new user would: load a module, link host functions, call
// exports, read memory, catch traps.

import Wisp
import XCTest

/// Helpers to write small binaries by hand: only the section framing is computed.
enum WasmBytes {
    static let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

    static func leb(_ n: Int) -> [UInt8] {
        var n = UInt(n), out: [UInt8] = []
        repeat {
            var b = UInt8(n & 0x7F)
            n >>= 7
            if n != 0 { b |= 0x80 }
            out.append(b)
        } while n != 0
        return out
    }

    static func section(_ id: UInt8, _ content: [UInt8]) -> [UInt8] { [id] + leb(content.count) + content }
    static func vec(_ items: [[UInt8]]) -> [UInt8] { leb(items.count) + items.flatMap { $0 } }
    static func name(_ s: String) -> [UInt8] { leb(s.utf8.count) + Array(s.utf8) }
    /// A function body without locals.
    static func body(_ code: [UInt8]) -> [UInt8] { let b = [0x00] + code; return leb(b.count) + b }
    /// A `name` custom section with function names.
    static func names(_ functions: [(UInt32, String)]) -> [UInt8] {
        let map = vec(functions.map { leb(Int($0.0)) + name($0.1) })
        return section(0, name("name") + [0x01] + leb(map.count) + map)
    }
}

final class APITests: XCTestCase {
    /// A module importing `env.log: (i32) -> ()`, with memory ("hello" at 16), a mutable global and
    /// a name section:
    ///   0 log (import)     1 add(a, b) = log(a + b); a + b     2 crash() = inner()
    ///   3 inner() = unreachable     4 write(addr, v) = store8; addr     5 div(a, b) = a / b (signed)
    static let demo: [UInt8] = {
        typealias W = WasmBytes
        var m = W.header
        m += W.section(1, W.vec([
            [0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F],  // 0: (i32 i32) -> i32
            [0x60, 0x01, 0x7F, 0x00],              // 1: (i32) -> ()
            [0x60, 0x00, 0x00],                    // 2: () -> ()
        ]))
        m += W.section(2, W.vec([W.name("env") + W.name("log") + [0x00, 0x01]]))
        m += W.section(3, W.vec([[0x00], [0x02], [0x02], [0x00], [0x00]]))
        m += W.section(5, W.vec([[0x00, 0x01]]))                       // memory 1 page
        m += W.section(6, W.vec([[0x7F, 0x01, 0x41, 0x07, 0x0B]]))     // (global (mut i32) (i32.const 7))
        m += W.section(7, W.vec([
            W.name("add") + [0x00, 0x01], W.name("crash") + [0x00, 0x02], W.name("write") + [0x00, 0x04],
            W.name("div") + [0x00, 0x05], W.name("memory") + [0x02, 0x00], W.name("counter") + [0x03, 0x00],
        ]))
        m += W.section(10, W.vec([
            W.body([0x20, 0x00, 0x20, 0x01, 0x6A, 0x10, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B]),
            W.body([0x10, 0x03, 0x0B]),
            W.body([0x00, 0x0B]),
            W.body([0x20, 0x00, 0x20, 0x01, 0x3A, 0x00, 0x00, 0x20, 0x00, 0x0B]),
            W.body([0x20, 0x00, 0x20, 0x01, 0x6D, 0x0B]),
        ]))
        m += W.section(11, W.vec([[0x00, 0x41, 0x10, 0x0B] + W.name("hello")]))
        m += W.names([(0, "log"), (1, "add"), (2, "crash"), (3, "inner"), (4, "write"), (5, "div")])
        return m
    }()

    /// Collects what the host function sees (a class, so the escaping closure can append).
    final class Log {
        var values: [UInt32] = []
        var memorySeen: [UInt8] = []
    }

    /// Stores the tests' instances live in. Instances and functions do not keep their store alive
    /// (the engine reaches it through unretained references), so the store must outlive every call.
    var stores: [Store] = []

    func makeDemo(log: Log = Log(), body: HostFunctionBody? = nil) throws -> (Store, Instance) {
        let engine = Engine()
        let module = try Module(bytes: Self.demo, engine: engine)
        let store = Store(engine: engine)
        stores.append(store)
        var imports = Imports()
        let hostLog = Function(store: store, type: FuncType(parameters: [.i32], results: [])) { caller, args throws(Trap) in
            if let body { return try body(caller, args) }
            guard case .i32(let x)? = args.first else { throw Trap(.host, message: "log expects an i32") }
            log.values.append(x)
            log.memorySeen = try caller.memory?.read(at: 16, count: 5) ?? []
            return []
        }
        imports.define(module: "env", name: "log", .function(hostLog))
        return (store, try module.instantiate(store: store, imports: imports))
    }

    func testCallExportThroughHostImport() throws {
        let log = Log()
        let (_, instance) = try makeDemo(log: log)
        let add = try XCTUnwrap(instance.exportedFunction("add"))
        XCTAssertEqual(add.type, FuncType(parameters: [.i32, .i32], results: [.i32]))
        XCTAssertEqual(try add.call([.i32(2), .i32(40)]), [.i32(42)])
        XCTAssertEqual(try add.call([.i32(UInt32(bitPattern: -1)), .i32(1)]), [.i32(0)], "i32 arithmetic wraps")
        XCTAssertEqual(log.values, [42, 0], "the host function saw each sum")
        XCTAssertEqual(log.memorySeen, Array("hello".utf8), "Caller.memory is the calling instance's memory")
        XCTAssertEqual(instance.exports.map { $0.name }, ["add", "crash", "write", "div", "memory", "counter"])
        XCTAssertNil(instance.export("nope"))
        XCTAssertNil(instance.exportedFunction("memory"), "memory is not a function")
    }

    func testReadAndWriteMemory() throws {
        let (_, instance) = try makeDemo()
        let memory = try XCTUnwrap(instance.exportedMemory("memory"))
        XCTAssertEqual(memory.pageCount, 1)
        XCTAssertEqual(memory.byteCount, 65536)
        XCTAssertEqual(try memory.read(at: 16, count: 5), Array("hello".utf8), "the data segment was copied")

        let write = try XCTUnwrap(instance.exportedFunction("write"))
        XCTAssertEqual(try write.call([.i32(16), .i32(0x4A)]), [.i32(16)])
        XCTAssertEqual(try memory.read(at: 16, count: 5), Array("Jello".utf8), "WebAssembly's store is visible to the host")

        try memory.write(Array("Y".utf8), at: 16)
        XCTAssertEqual(try memory.read(at: 16, count: 5), Array("Yello".utf8))

        XCTAssertThrowsError(try memory.read(at: 65535, count: 2)) { XCTAssertEqual(($0 as? Trap)?.kind, .memoryOutOfBounds) }
        XCTAssertEqual(memory.grow(by: 1), 1)
        XCTAssertEqual(memory.pageCount, 2)
        XCTAssertEqual(try memory.read(at: 65535, count: 2), [0, 0], "grown pages are zeroed")
        // A store past the end of memory traps.
        XCTAssertThrowsError(try write.call([.i32(2 * 65536), .i32(1)])) {
            XCTAssertEqual(($0 as? Trap)?.kind, .memoryOutOfBounds)
        }
    }

    func testGlobals() throws {
        let (store, instance) = try makeDemo()
        let counter = try XCTUnwrap(instance.exportedGlobal("counter"))
        XCTAssertEqual(counter.type, GlobalType(valueType: .i32, mutable: true))
        XCTAssertEqual(counter.value, .i32(7))
        try counter.set(.i32(8))
        XCTAssertEqual(instance.exportedGlobal("counter")?.value, .i32(8))
        XCTAssertThrowsError(try counter.set(.i64(1)), "wrong type")

        let constant = try Wisp.Global(store: store, type: GlobalType(valueType: .f64, mutable: false), value: .double(1.5))
        XCTAssertEqual(constant.value, .double(1.5))
        XCTAssertThrowsError(try constant.set(.double(2)), "immutable")
    }

    func testTrapHasKindAndNamedBacktrace() throws {
        let (_, instance) = try makeDemo()
        let crash = try XCTUnwrap(instance.exportedFunction("crash"))
        do {
            _ = try crash.call([])
            XCTFail("unreachable must trap")
        } catch {
            print(error.description)
            XCTAssertEqual(error.kind, .unreachable)
            XCTAssertEqual(error.message, "unreachable")
            XCTAssertEqual(error.backtrace.map { $0.name }, ["inner", "crash"], "innermost first, names from the name section")
            XCTAssertEqual(error.backtrace.map { $0.functionIndex }, [3, 2])
            XCTAssertTrue(error.description.contains("inner"))
        }
        XCTAssertEqual(instance.functionName(3), "inner")
    }

    func testArithmeticTraps() throws {
        let (_, instance) = try makeDemo()
        let div = try XCTUnwrap(instance.exportedFunction("div"))
        XCTAssertEqual(try div.call([.i32(UInt32(bitPattern: -9)), .i32(2)]), [.i32(UInt32(bitPattern: -4))])
        XCTAssertThrowsError(try div.call([.i32(1), .i32(0)])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .integerDivideByZero)
            XCTAssertEqual((error as? Trap)?.backtrace.first?.name, "div")
        }
        XCTAssertThrowsError(try div.call([.i32(0x8000_0000), .i32(UInt32(bitPattern: -1))])) { error in
            XCTAssertEqual((error as? Trap)?.kind, .integerOverflow)
        }
        // The instance stays usable after a trap.
        XCTAssertEqual(try div.call([.i32(10), .i32(5)]), [.i32(2)])
    }

    func testHostTrapPropagatesThroughWebAssembly() throws {
        let (_, instance) = try makeDemo(body: { _, _ throws(Trap) in throw Trap(.host, message: "boom") })
        let add = try XCTUnwrap(instance.exportedFunction("add"))
        do {
            _ = try add.call([.i32(1), .i32(2)])
            XCTFail("the host trap must propagate")
        } catch {
            XCTAssertEqual(error.kind, .host)
            XCTAssertEqual(error.message, "boom")
        }
    }

    func testWrongArgumentsAreAMisuseNotACrash() throws {
        let (_, instance) = try makeDemo()
        let add = try XCTUnwrap(instance.exportedFunction("add"))
        XCTAssertThrowsError(try add.call([.i32(1)])) { XCTAssertEqual(($0 as? Trap)?.kind, .misuse) }
        XCTAssertThrowsError(try add.call([.i64(1), .i32(2)])) { XCTAssertEqual(($0 as? Trap)?.kind, .misuse) }
        // A host function whose results do not match its type is the embedder's mistake too.
        let (_, bad) = try makeDemo(body: { _, _ throws(Trap) in [.i64(3)] })
        let badAdd = try XCTUnwrap(bad.exportedFunction("add"))
        XCTAssertThrowsError(try badAdd.call([.i32(1), .i32(2)])) { XCTAssertEqual(($0 as? Trap)?.kind, .misuse) }
    }

    func testMissingOrMismatchedImportIsALinkError() throws {
        let engine = Engine()
        let module = try Module(bytes: Self.demo, engine: engine)
        XCTAssertEqual(module.imports.map { $0.module + "." + $0.name }, ["env.log"])
        let store = Store(engine: engine)
        XCTAssertThrowsError(try module.instantiate(store: store)) { error in
            guard case .link? = error as? WispError else { return XCTFail("expected a link error, got \(error)") }
        }
        var imports = Imports()
        let wrongType = Function(store: store, type: FuncType(parameters: [.i64], results: [])) { _, _ in [] }
        imports.define(module: "env", name: "log", .function(wrongType))
        XCTAssertThrowsError(try module.instantiate(store: store, imports: imports)) { error in
            guard case .link? = error as? WispError else { return XCTFail("expected a link error, got \(error)") }
        }
    }

    func testMalformedAndInvalidModulesAreRejected() {
        let engine = Engine()
        func rejection(_ bytes: [UInt8]) -> FormatError? { Self.formatError(bytes, engine: engine) }
        XCTAssertEqual(rejection([0x00, 0x61, 0x73])?.kind, .malformed, "truncated header")
        XCTAssertEqual(rejection([0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00])?.kind, .malformed, "bad magic")
        XCTAssertEqual(rejection(Array(Self.demo.dropLast(40)))?.kind, .malformed, "cut in the middle")

        // (func (result i32)) with an empty body: well-formed, but the result is missing.
        typealias W = WasmBytes
        let invalid = W.header + W.section(1, W.vec([[0x60, 0x00, 0x01, 0x7F]])) + W.section(3, W.vec([[0x00]]))
            + W.section(10, W.vec([W.body([0x0B])]))
        let e = rejection(invalid)
        XCTAssertEqual(e?.kind, .invalid)
        XCTAssertGreaterThan(e?.offset ?? 0, 0, "the error carries the offset")
        XCTAssertNil(rejection(W.header), "an empty module is valid")
    }

    /// The format error `Module(bytes:)` throws, or nil if the module loads (or fails otherwise).
    static func formatError(_ bytes: [UInt8], engine: Engine) -> FormatError? {
        do {
            _ = try Module(bytes: bytes, engine: engine)
            return nil
        } catch {
            guard case .format(let e) = error else { return nil }
            return e
        }
    }

    /// An immutable i32 global of `store` holding `v`, as an import value.
    func constGlobal(_ store: Store, _ v: UInt32) throws -> Extern {
        .global(try Wisp.Global(store: store, type: GlobalType(valueType: .i32, mutable: false), value: .i32(v)))
    }

    /// The value of `e` if it is a global.
    func globalValue(_ e: Extern?) -> Value? {
        if case .global(let g)? = e { return g.value }
        return nil
    }

    /// WebAssembly compares names as bytes. Swift `String` equality would make "caf\u{E9}" (one
    /// precomposed scalar) and "cafe\u{301}" (e + combining accent) the same import.
    func testImportNamesCompareAsBytes() throws {
        let store = Store(engine: Engine())
        defer { withExtendedLifetime(store) {} }
        var imports = Imports()
        imports.define(module: "env", name: "caf\u{E9}", try constGlobal(store, 1))
        imports.define(module: "env", name: "cafe\u{301}", try constGlobal(store, 2))
        imports.define(module: "ab", name: "c", try constGlobal(store, 3))
        imports.define(module: "a", name: "bc", try constGlobal(store, 4))
        XCTAssertEqual(globalValue(imports.lookup(module: "env", name: "caf\u{E9}")), .i32(1))
        XCTAssertEqual(globalValue(imports.lookup(module: "env", name: "cafe\u{301}")), .i32(2))
        XCTAssertEqual(globalValue(imports.lookup(module: "ab", name: "c")), .i32(3))
        XCTAssertEqual(globalValue(imports.lookup(module: "a", name: "bc")), .i32(4))
        XCTAssertNil(imports.lookup(module: "abc", name: ""))
        XCTAssertNil(imports.lookup(module: "env", name: "cafe"))
    }

    /// The import table grows past its first buckets, keeps every name, and a second definition
    /// of a name replaces the first.
    func testImportsGrowAndRedefine() throws {
        let store = Store(engine: Engine())
        defer { withExtendedLifetime(store) {} }
        var imports = Imports()
        for i in 0..<1000 { imports.define(module: "m" + String(i % 7), name: String(i), try constGlobal(store, UInt32(i))) }
        imports.define(module: "m3", name: "500", try constGlobal(store, 7777))
        for i in 0..<1000 where i != 500 {
            XCTAssertEqual(globalValue(imports.lookup(module: "m" + String(i % 7), name: String(i))), .i32(UInt32(i)))
        }
        XCTAssertEqual(globalValue(imports.lookup(module: "m3", name: "500")), .i32(7777))
        XCTAssertNil(imports.lookup(module: "m0", name: "1"))
        XCTAssertNil(imports.lookup(module: "m1", name: "1000"))
    }

    func testHostCreatedMemoryAndGlobalAsImports() throws {
        typealias W = WasmBytes
        // (import "env" "mem" (memory 1)) (import "env" "g" (global i32))
        // (func (export "peek") (result i32) (i32.add (i32.load (i32.const 0)) (global.get 0)))
        var bytes = W.header
        bytes += W.section(1, W.vec([[0x60, 0x00, 0x01, 0x7F]]))
        bytes += W.section(2, W.vec([W.name("env") + W.name("mem") + [0x02, 0x00, 0x01],
                                     W.name("env") + W.name("g") + [0x03, 0x7F, 0x00]]))
        bytes += W.section(3, W.vec([[0x00]]))
        bytes += W.section(7, W.vec([W.name("peek") + [0x00, 0x00]]))
        bytes += W.section(10, W.vec([W.body([0x41, 0x00, 0x28, 0x02, 0x00, 0x23, 0x00, 0x6A, 0x0B])]))

        let engine = Engine()
        let store = Store(engine: engine)
        defer { withExtendedLifetime(store) {} }
        let memory = try Memory(store: store, type: MemoryType(limits: Limits(min: 1, max: 3)))
        try memory.write([0x01, 0x01, 0x00, 0x00], at: 0)
        let global = try Wisp.Global(store: store, type: GlobalType(valueType: .i32, mutable: false), value: .i32(1))
        var imports = Imports()
        imports.define(module: "env", name: "mem", .memory(memory))
        imports.define(module: "env", name: "g", .global(global))
        let instance = try Module(bytes: bytes, engine: engine).instantiate(store: store, imports: imports)
        let peek = try XCTUnwrap(instance.exportedFunction("peek"))
        XCTAssertEqual(try peek.call([]), [.i32(0x0101 + 1)])
        try memory.write([0x02], at: 0)
        XCTAssertEqual(try peek.call([]), [.i32(0x0102 + 1)], "the instance shares the host's memory")
        XCTAssertEqual(memory.grow(by: 2), 1)
        XCTAssertNil(memory.grow(by: 1), "the maximum is 3 pages")

        let table = Table(store: store, type: TableType(element: .funcref, limits: Limits(min: 2, max: nil)))
        XCTAssertEqual(table.count, 2)
        XCTAssertEqual(table.get(0), .funcref(nil))
        try table.set(1, .funcref(peek))
        XCTAssertEqual(table.get(1), .funcref(peek))
        XCTAssertNil(table.get(2))
        XCTAssertEqual(try table.grow(by: 3), 2)
        XCTAssertEqual(table.count, 5)
    }

    func testRunawayRecursionExhaustsTheCallStack() throws {
        typealias W = WasmBytes
        // (func (export "f") (call 0))
        let bytes = W.header + W.section(1, W.vec([[0x60, 0x00, 0x00]])) + W.section(3, W.vec([[0x00]]))
            + W.section(7, W.vec([W.name("f") + [0x00, 0x00]])) + W.section(10, W.vec([W.body([0x10, 0x00, 0x0B])]))
        var config = EngineConfiguration()
        config.maxCallDepth = 1000
        let engine = Engine(configuration: config)
        let store = Store(engine: engine)
        defer { withExtendedLifetime(store) {} }
        let f = try XCTUnwrap(try Module(bytes: bytes, engine: engine).instantiate(store: store).exportedFunction("f"))
        XCTAssertThrowsError(try f.call([])) { XCTAssertEqual(($0 as? Trap)?.kind, .callStackExhausted) }
        XCTAssertThrowsError(try f.call([]), "the store is usable again after exhaustion") {
            XCTAssertEqual(($0 as? Trap)?.kind, .callStackExhausted)
        }
    }
}
