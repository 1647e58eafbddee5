// Embedder mistakes are `WispError.misuse`, never a trap of the guest's and never a crash: a
// value of the wrong type in a table or global (an externref in a funcref table would be called
// as a function record), a reference or import of another store (type ids and records are per
// store), a tag type with results.

@testable import Wisp
import WispFormat
import WispText
import XCTest

final class HandleSafetyTests: XCTestCase {
    func isMisuse(_ error: Error, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        guard case WispError.misuse(let message) = error else { return XCTFail("not a misuse: \(error)", file: file, line: line) }
        XCTAssertTrue(message.contains(fragment), message, file: file, line: line)
    }

    /// A table or global handle outlives the store it came from: the functions it holds stay
    /// callable (the handle keeps the store), and the store goes with the last handle. (The
    /// handles used to keep only their entity: a function in the table then pointed at a freed
    /// record once the store was gone.)
    func testHandlesKeepTheirStore() throws {
        weak var weakStore: Store?
        var table: Table?
        var global: Wisp.Global?
        do {
            let store = Store(engine: Engine())
            weakStore = store
            let inst = try Module(bytes: WAT.encode("""
                (module
                  (func $seven (result i32) (i32.const 7))
                  (table (export "t") 1 funcref)
                  (elem (i32.const 0) $seven)
                  (global (export "g") funcref (ref.func $seven)))
                """), engine: store.engine).instantiate(store: store)
            table = inst.exportedTable("t")
            if case .global(let g)? = inst.export("g") { global = g }
        }
        XCTAssertNotNil(weakStore, "the handles keep the store")
        guard case .funcref(let f?)? = table?.get(0) else { return XCTFail("no function in the table") }
        XCTAssertEqual(try f.call([]), [.i32(7)])
        guard case .funcref(let g?)? = global?.value else { return XCTFail("no function in the global") }
        XCTAssertEqual(try g.call([]), [.i32(7)])
        table = nil
        global = nil
        XCTAssertNotNil(weakStore, "the functions taken out keep it too")
        withExtendedLifetime((f, g)) {}
    }

    static let caller = """
        (module (type $v (func (result i32)))
          (import "env" "t" (table $t 2 funcref))
          (func (export "seven") (result i32) (i32.const 7))
          (func (export "call") (param i32) (result i32) (call_indirect $t (type $v) (local.get 0))))
        """

    func testTablesTakeOnlyTheirElementTypeFromTheirStore() throws {
        let engine = Engine()
        let store = Store(engine: engine)
        let table = try Table(store: store, type: TableType(element: .funcref, limits: Limits(min: 2, max: 10)), filledWith: nil)
        var imports = Imports()
        imports.define(module: "env", name: "t", .table(table))
        let inst = try Module(bytes: WAT.encode(Self.caller), engine: engine).instantiate(store: store, imports: imports)
        let seven = try XCTUnwrap(inst.exportedFunction("seven"))

        // An externref in a funcref table: refused, and the element stays as it was.
        XCTAssertThrowsError(try table.set(0, .externref(0x1234))) { isMisuse($0, "cannot hold a value of externref") }
        XCTAssertEqual(table.get(0), .funcref(nil))
        XCTAssertThrowsError(try table.set(0, .i32(1))) { isMisuse($0, "cannot hold a value of i32") }
        XCTAssertThrowsError(try table.set(2, .funcref(seven))) { isMisuse($0, "out of bounds") }
        XCTAssertThrowsError(try table.grow(by: 1, initial: .externref(1))) { isMisuse($0, "externref") }
        XCTAssertEqual(table.count, 2, "a refused grow grows nothing")
        XCTAssertThrowsError(try Table(store: store, type: TableType(element: .externref, limits: Limits(min: 1, max: nil)),
                                       filledWith: .funcref(seven))) { isMisuse($0, "funcref") }

        // A function of another store: refused (its type id and record mean nothing here).
        let other = Store(engine: engine)
        let foreign = try XCTUnwrap(try Module(bytes: WAT.encode(Self.caller), engine: engine)
            .instantiate(store: other, imports: {
                var i = Imports()
                i.define(module: "env", name: "t", .table(try Table(store: other, type: table.type, filledWith: nil)))
                return i
            }()).exportedFunction("seven"))
        XCTAssertThrowsError(try table.set(1, .funcref(foreign))) { isMisuse($0, "another store") }

        // What is allowed still works, and the guest sees it.
        try table.set(1, .funcref(seven))
        XCTAssertEqual(try inst.exportedFunction("call")!.call([.i32(1)]), [.i32(7)])
        XCTAssertThrowsError(try inst.exportedFunction("call")!.call([.i32(0)])) { e in
            XCTAssertEqual((e as? Trap)?.kind, .indirectCallToNull)
        }
    }

    func testGlobalsCheckTypeMutabilityAndStore() throws {
        let engine = Engine()
        let store = Store(engine: engine), other = Store(engine: engine)
        XCTAssertThrowsError(try Wisp.Global(store: store, type: GlobalType(valueType: .f64, mutable: false), value: .i32(1))) {
            isMisuse($0, "cannot hold a value of i32")
        }
        let f = Function(store: other, type: FuncType(parameters: [], results: [])) { _, _ in [] }
        XCTAssertThrowsError(try Wisp.Global(store: store, type: GlobalType(valueType: .funcref, mutable: true), value: .funcref(f))) {
            isMisuse($0, "another store")
        }
        let g = try Wisp.Global(store: store, type: GlobalType(valueType: .funcref, mutable: true), value: .funcref(nil))
        XCTAssertThrowsError(try g.set(.externref(5))) { isMisuse($0, "externref") }
        XCTAssertThrowsError(try g.set(.funcref(f))) { isMisuse($0, "another store") }
        let mine = Function(store: store, type: FuncType(parameters: [], results: [])) { _, _ in [] }
        try g.set(.funcref(mine))
        XCTAssertEqual(g.value, .funcref(mine))
        let constant = try Wisp.Global(store: store, type: GlobalType(valueType: .i32, mutable: false), value: .i32(3))
        XCTAssertThrowsError(try constant.set(.i32(4))) { isMisuse($0, "immutable") }
    }

    func testImportsOfAnotherStoreAreRefused() throws {
        let engine = Engine()
        let store = Store(engine: engine), other = Store(engine: engine)
        let module = try Module(bytes: WAT.encode(Self.caller), engine: engine)
        var imports = Imports()
        imports.define(module: "env", name: "t", .table(try Table(store: other, type: TableType(element: .funcref, limits: Limits(min: 2, max: nil)), filledWith: nil)))
        XCTAssertThrowsError(try module.instantiate(store: store, imports: imports)) { isMisuse($0, "env.t belongs to another store") }
        XCTAssertEqual(store.instanceCount, 0)

        let importsMemory = try Module(bytes: WAT.encode("(module (import \"env\" \"m\" (memory 1)))"), engine: engine)
        imports.define(module: "env", name: "m", .memory(try Memory(store: other, type: MemoryType(limits: Limits(min: 1, max: nil)))))
        XCTAssertThrowsError(try importsMemory.instantiate(store: store, imports: imports)) { isMisuse($0, "another store") }
    }

    func testATagTypeWithResultsIsAMisuse() throws {
        let store = Store(engine: Engine())
        XCTAssertThrowsError(try Tag(store: store, type: FuncType(parameters: [.i32], results: [.i32]))) { isMisuse($0, "no results") }
        XCTAssertNoThrow(try Tag(store: store, type: FuncType(parameters: [.i32], results: [])))
    }
}

extension HandleSafetyTests {
    /// A function reference of another store is refused as an argument and as a host result.
    func testReferencesOfAnotherStoreDoNotCrossCalls() throws {
        let engine = Engine()
        let store = Store(engine: engine), other = Store(engine: engine)
        let foreign = Function(store: other, type: FuncType(parameters: [], results: [])) { _, _ in [] }
        let take = Function(store: store, type: FuncType(parameters: [.funcref], results: [])) { _, _ in [] }
        XCTAssertThrowsError(try take.call([.funcref(foreign)])) { e in
            XCTAssertTrue("\(e)".contains("another store"), "\(e)")
        }
        XCTAssertNoThrow(try take.call([.funcref(nil)]))
        let give = Function(store: store, type: FuncType(parameters: [], results: [.funcref])) { _, _ in [.funcref(foreign)] }
        var imports = Imports()
        imports.define(module: "h", name: "give", .function(give))
        let inst = try Module(bytes: WAT.encode("""
            (module (import "h" "give" (func $give (result funcref))) (table 1 funcref)
              (func (export "f") (table.set (i32.const 0) (call $give))))
            """), engine: engine).instantiate(store: store, imports: imports)
        XCTAssertThrowsError(try inst.exportedFunction("f")!.call([])) { e in
            XCTAssertTrue("\(e)".contains("another store"), "\(e)")
        }
    }
}
