// The Linker: host functions defined once for every store, instances registered by name,
// providers asked per store, and misuse (shadowing, another engine, another store) as errors.

@testable import Wisp
import WispFormat
import WispText
import XCTest

final class LinkerTests: XCTestCase {
    static let user = """
        (module
          (import "host" "double" (func $double (param i32) (result i32)))
          (func (export "run") (param i32) (result i32) (call $double (i32.add (local.get 0) (i32.const 1)))))
        """

    func testHostFunctionsBecomeFunctionsOfEachStore() throws {
        let engine = Engine()
        var linker = Linker(engine: engine)
        var calls = 0
        try linker.defineFunction(module: "host", name: "double", type: FuncType(parameters: [.i32], results: [.i32])) { caller, args in
            calls += 1
            guard case .i32(let x) = args[0] else { return [] }
            XCTAssertNotNil(caller.instance, "called from the instance")
            return [.i32(x &* 2)]
        }
        XCTAssertTrue(linker.isDefined(module: "host", name: "double"))
        let module = try Module(bytes: WAT.encode(Self.user), engine: engine)
        let a = Store(engine: engine), b = Store(engine: engine)
        let ia = try linker.instantiate(module, store: a), ib = try linker.instantiate(module, store: b)
        XCTAssertEqual(try ia.exportedFunction("run")!.call([.i32(4)]), [.i32(10)])
        XCTAssertEqual(try ib.exportedFunction("run")!.call([.i32(20)]), [.i32(42)])
        XCTAssertEqual(calls, 2)
    }

    func testInstancesRegisteredByNameAndProviders() throws {
        let engine = Engine()
        let store = Store(engine: engine)
        var linker = Linker(engine: engine)
        let lib = try linker.instantiate(Module(bytes: WAT.encode("""
            (module (memory (export "mem") 1) (global (export "g") i32 (i32.const 5))
              (func (export "double") (param i32) (result i32) (i32.shl (local.get 0) (i32.const 1))))
            """), engine: engine), store: store)
        try linker.define(module: "host", instance: lib)
        XCTAssertEqual(try linker.instantiate(Module(bytes: WAT.encode(Self.user), engine: engine), store: store)
            .exportedFunction("run")!.call([.i32(1)]), [.i32(4)])

        // A provider serves every name of its module, asked once per instantiation.
        var asked = 0
        try linker.define(module: "env") { store throws(WispError) in
            asked += 1
            var imports = Imports()
            imports.define(module: "env", name: "k", .global(try Global(store: store, type: GlobalType(valueType: .i32, mutable: false), value: .i32(7))))
            imports.define(module: "env", name: "m", .global(try Global(store: store, type: GlobalType(valueType: .i32, mutable: false), value: .i32(8))))
            return imports
        }
        let usesEnv = try Module(bytes: WAT.encode("""
            (module (import "env" "k" (global $k i32)) (import "env" "m" (global $m i32)) (import "host" "g" (global $g i32))
              (func (export "sum") (result i32) (i32.add (global.get $k) (i32.add (global.get $m) (global.get $g)))))
            """), engine: engine)
        XCTAssertEqual(try linker.instantiate(usesEnv, store: store).exportedFunction("sum")!.call([]), [.i32(20)])
        XCTAssertEqual(asked, 1)
        let missing = try Module(bytes: WAT.encode("(module (import \"env\" \"nope\" (func)))"), engine: engine)
        XCTAssertThrowsError(try linker.instantiate(missing, store: store)) { e in
            XCTAssertEqual(e as? WispError, .link("unknown import env.nope"))
        }
        XCTAssertThrowsError(try linker.instantiate(Module(bytes: WAT.encode("(module (import \"x\" \"y\" (func)))"), engine: engine), store: store)) { e in
            XCTAssertEqual(e as? WispError, .link("unknown import x.y"))
        }
    }

    func testMisuseIsAnErrorNotACrash() throws {
        let engine = Engine()
        var linker = Linker(engine: engine)
        let store = Store(engine: engine)
        let g = try Global(store: store, type: GlobalType(valueType: .i32, mutable: false), value: .i32(1))
        try linker.define(module: "m", name: "g", .global(g))
        XCTAssertThrowsError(try linker.define(module: "m", name: "g", .global(g))) { e in
            guard case WispError.misuse(let m) = e else { return XCTFail("\(e)") }
            XCTAssertTrue(m.contains("m.g is defined already"), m)
        }
        linker.allowShadowing = true
        XCTAssertNoThrow(try linker.define(module: "m", name: "g", .global(g)))

        // Another engine's module or store.
        let otherEngine = Engine()
        let foreign = try Module(bytes: WAT.encode("(module)"), engine: otherEngine)
        XCTAssertThrowsError(try linker.instantiate(foreign, store: store)) { e in
            guard case WispError.misuse = e else { return XCTFail("\(e)") }
        }
        XCTAssertThrowsError(try foreign.instantiate(store: store)) { e in
            guard case WispError.misuse(let m) = e else { return XCTFail("\(e)") }
            XCTAssertTrue(m.contains("another engine"), m)
        }
        // A definition of one store, imported into another.
        let importsG = try Module(bytes: WAT.encode("(module (import \"m\" \"g\" (global i32)))"), engine: engine)
        XCTAssertThrowsError(try linker.instantiate(importsG, store: Store(engine: engine))) { e in
            guard case WispError.misuse(let m) = e else { return XCTFail("\(e)") }
            XCTAssertTrue(m.contains("another store"), m)
        }
        XCTAssertNoThrow(try linker.instantiate(importsG, store: store))
    }
}
