// TypedFunction: calls with Swift values, checked against the function's type once.

@testable import Wisp
import WispFormat
import WispText
import XCTest

final class TypedFunctionTests: XCTestCase {
    static let text = """
        (module
          (global $n (mut i32) (i32.const 0))
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "mix") (param i64 f32 f64) (result f64)
            (f64.add (f64.convert_i64_s (local.get 0)) (f64.add (f64.promote_f32 (local.get 1)) (local.get 2))))
          (func (export "tick") (global.set $n (i32.add (global.get $n) (i32.const 1))))
          (func (export "count") (result i32) (global.get $n))
          (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
          (func (export "spin") (loop $l (br $l))))
        """

    func testCallsWithSwiftValues() throws {
        let engine = Engine()
        let store = Store(engine: engine)
        let inst = try Module(bytes: WAT.encode(Self.text), engine: engine).instantiate(store: store)
        let add = try TypedFunction<Int32, Int32, Int32>(inst.exportedFunction("add")!)
        XCTAssertEqual(try add(2, 3), 5)
        XCTAssertEqual(try add(-7, 3), -4)
        let addU = try TypedFunction<UInt32, UInt32, UInt32>(inst.exportedFunction("add")!)
        XCTAssertEqual(try addU(0xFFFF_FFFF, 2), 1)
        let mix = try TypedFunction<Int64, Float, Double, Double>(inst.exportedFunction("mix")!)
        XCTAssertEqual(try mix(-5_000_000_000, 0.5, 0.25), -4_999_999_999.25)
        let tick = try TypedFunction<NoResult>(inst.exportedFunction("tick")!)
        for _ in 0..<3 { _ = try tick() }
        XCTAssertEqual(try TypedFunction<Int32>(inst.exportedFunction("count")!)(), 3)
        // A trap is the guest's, as with Function.call.
        let div = try TypedFunction<Int32, Int32, Int32>(inst.exportedFunction("div")!)
        XCTAssertThrowsError(try div(1, 0)) { e in XCTAssertEqual((e as? Trap)?.kind, .integerDivideByZero) }
        XCTAssertEqual(try div(-9, 2), -4, "a trap leaves the store usable")
    }

    func testTheTypeIsCheckedOnceAsAMisuse() throws {
        let engine = Engine()
        let inst = try Module(bytes: WAT.encode(Self.text), engine: engine).instantiate(store: Store(engine: engine))
        XCTAssertThrowsError(try TypedFunction<Int64, Int32, Int32>(inst.exportedFunction("add")!)) { e in
            guard case WispError.misuse(let m) = e else { return XCTFail("\(e)") }
            XCTAssertTrue(m.contains("(i32, i32) -> (i32), not (i64, i32) -> (i32)"), m)
        }
        XCTAssertThrowsError(try TypedFunction<Int32, Int32, NoResult>(inst.exportedFunction("add")!))
        XCTAssertThrowsError(try TypedFunction<Int32>(inst.exportedFunction("tick")!))
    }

    func testOutOfFuelEndsTheCallAsATrap() throws {
        var c = EngineConfiguration()
        c.fuelMetering = true
        let engine = Engine(configuration: c)
        let store = Store(engine: engine)
        let inst = try Module(bytes: WAT.encode(Self.text), engine: engine).instantiate(store: store)
        try store.setFuel(1000)
        let spin = try TypedFunction<NoResult>(inst.exportedFunction("spin")!)
        XCTAssertThrowsError(try spin()) { e in XCTAssertEqual((e as? Trap)?.kind, .outOfFuel) }
        try store.setFuel(1000)
        XCTAssertEqual(try TypedFunction<Int32, Int32, Int32>(inst.exportedFunction("add")!)(20, 22), 42)
    }
}

extension TypedFunctionTests {
    /// Host functions written with Swift types: their WebAssembly type comes from the closure's,
    /// arguments and results go through the frame, and a wrong import type is a link error.
    func testTypedHostFunctions() throws {
        let engine = Engine()
        var linker = Linker(engine: engine)
        var seen: [Int64] = []
        try linker.defineFunction(module: "env", name: "mix") { (_: Caller, a: Int32, b: Int64, c: Double) throws(Trap) -> Double in
            seen.append(b)
            return Double(a) * c + Double(b)
        }
        try linker.defineFunction(module: "env", name: "fail") { (_: Caller, code: Int32) throws(Trap) -> NoResult in
            throw Trap(.host, message: "failed with " + String(code))
        }
        let module = try Module(bytes: WAT.encode("""
            (module
              (import "env" "mix" (func $mix (param i32 i64 f64) (result f64)))
              (import "env" "fail" (func $fail (param i32)))
              (func (export "run") (param i32) (result f64) (call $mix (local.get 0) (i64.const 10) (f64.const 0.5)))
              (func (export "boom") (call $fail (i32.const 7))))
            """), engine: engine)
        let store = Store(engine: engine)
        let inst = try linker.instantiate(module, store: store)
        XCTAssertEqual(try TypedFunction<Int32, Double>(inst.exportedFunction("run")!)(6), 13.0)
        XCTAssertEqual(seen, [10])
        XCTAssertThrowsError(try inst.exportedFunction("boom")!.call([])) { e in
            XCTAssertTrue("\(e)".contains("failed with 7"), "\(e)")
        }
        // Called from the host directly too.
        let square = Function(store: store) { (_: Caller, x: Int64) throws(Trap) -> Int64 in x &* x }
        XCTAssertEqual(square.type, FuncType(parameters: [.i64], results: [.i64]))
        XCTAssertEqual(try square.call([.i64(12)]), [.i64(144)])
        // A typed definition of the wrong type for the import: a link error, as for untyped ones.
        var wrong = Linker(engine: engine)
        try wrong.defineFunction(module: "env", name: "mix") { (_: Caller, a: Int32) throws(Trap) -> Double in 0 }
        try wrong.defineFunction(module: "env", name: "fail") { (_: Caller, code: Int32) throws(Trap) -> NoResult in NoResult() }
        XCTAssertThrowsError(try wrong.instantiate(module, store: Store(engine: engine))) { e in
            guard case WispError.link = e else { return XCTFail("\(e)") }
        }
    }
}
