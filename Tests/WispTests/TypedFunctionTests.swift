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
