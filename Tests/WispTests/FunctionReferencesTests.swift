// Typed function references as an embedder sees them: the spec scripts that need them, types
// equal across modules by shape, reference values checked against typed parameters and tables,
// and the control features (fuel, suspension, traps) on call_ref and return_call_ref.

@testable import Wisp
import WispFormat
import WispSpecTest
import WispText
import XCTest

final class FunctionReferencesTests: XCTestCase {
    func instantiate(_ text: String, store: Store, imports: Imports = Imports()) throws -> Instance {
        try Module(bytes: WAT.encode(text), engine: store.engine).instantiate(store: store, imports: imports)
    }

    /// The 3.0 scripts that fail without typed function references (every one: run with
    /// `--features wasm3,-function-references`), from JSON and from .wast: none failed or skipped.
    func testSpecScriptsThatNeedFunctionReferences() throws {
        let base = SharedData.folder + "/testsuite/wasm-3.0"
        guard FileManager.default.fileExists(atPath: base) else { return XCTFail(SharedData.missingHint) }
        let names = """
            br_on_non_null br_on_null br_table call_ref elem global instance linking local_init ref
            ref_as_non_null ref_is_null return_call_ref table table-sub unreached-valid
            """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        SpecSuiteTests.assertScriptsPass(names, in: base, features: .wasm3, passing: 691)
        // Without the proposal the same scripts fail: the count above is the proposal's.
        let without = SpecTestRunner(features: Features.wasm3.subtracting(.functionReferences), verbose: false)
        XCTAssertGreaterThan(without.run(file: base + "/json/call_ref/call_ref.json").failed, 0)
    }

    /// A function type that refers to another type is the same type in two modules that declare
    /// it at different indices: a function of one is imported by the other, and a reference to
    /// it is called through call_ref there. A different shape is refused at link time.
    func testTypesAreEqualAcrossModulesByShape() throws {
        let store = Store(engine: Engine())
        let a = try instantiate("""
            (module
              (type $ii (func (param i32) (result i32)))
              (type $apply (func (param (ref $ii) i32) (result i32)))
              (func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
              (elem declare func $double)
              (func (export "apply") (type $apply) (call_ref $ii (local.get 1) (local.get 0)))
              (func (export "double") (result (ref $ii)) (ref.func $double)))
            """, store: store)
        var imports = Imports()
        imports.define(module: "a", instance: a)
        let b = try instantiate("""
            (module
              (type $other (func (param f64)))
              (type $ii (func (param i32) (result i32)))
              (type $apply (func (param (ref $ii) i32) (result i32)))
              (import "a" "apply" (func $apply (type $apply)))
              (import "a" "double" (func $double (result (ref $ii))))
              (func (export "run") (param i32) (result i32)
                (call $apply (call $double) (local.get 0))))
            """, store: store, imports: imports)
        XCTAssertEqual(try b.exportedFunction("run")!.call([.i32(21)]), [.i32(42)])
        XCTAssertThrowsError(try instantiate("""
            (module
              (type $ff (func (param f32) (result f32)))
              (import "a" "apply" (func (param (ref $ff) i32) (result i32))))
            """, store: store, imports: imports)) { e in
            XCTAssertTrue("\(e)".contains("incompatible import type"), "\(e)")
        }
    }

    /// A host function for an import whose type refers to another type takes the type as the
    /// store names it (`Store.functionType(_:of:)`); the module's own indices do not match.
    func testHostFunctionsOfTypesWithReferences() throws {
        let store = Store(engine: Engine())
        let module = try Module(bytes: WAT.encode("""
            (module
              (type $v (func (result i32)))
              (type $take (func (param (ref $v)) (result i32)))
              (import "h" "take" (func $take (type $take)))
              (func $nine (type $v) (i32.const 9))
              (elem declare func $nine)
              (func (export "run") (result i32) (call $take (ref.func $nine))))
            """), engine: store.engine)
        func host(_ type: FuncType) -> Imports {
            var imports = Imports()
            imports.define(module: "h", name: "take", .function(Function(store: store, type: type) { (_: Caller, args: [Value]) throws(Trap) -> [Value] in
                guard case .funcref(let f?) = args[0] else { throw Trap(.host, message: "null") }
                return try f.call([]).map { v in
                    guard case .i32(let x) = v else { return v }
                    return .i32(x + 1)
                }
            }))
            return imports
        }
        XCTAssertThrowsError(try module.instantiate(store: store, imports: host(module.parsed.types[1])))
        let type = try XCTUnwrap(store.functionType(1, of: module))
        XCTAssertNotEqual(type, module.parsed.types[1])
        let inst = try module.instantiate(store: store, imports: host(type))
        XCTAssertEqual(try inst.exportedFunction("run")!.call([]), [.i32(10)])
        XCTAssertNil(store.functionType(2, of: module))
    }

    /// Values passed to typed parameters and stored in typed tables are checked: null where the
    /// type is non-nullable, and a function of another type, are misuses, not crashes later.
    func testTypedReferencesAreCheckedAtTheBoundary() throws {
        let store = Store(engine: Engine())
        let inst = try instantiate("""
            (module
              (type $v (func (result i32)))
              (func $seven (type $v) (i32.const 7))
              (func $other (param i32))
              (table $t (export "t") 2 (ref null $v))
              (elem declare func $seven $other)
              (func (export "call") (param (ref $v)) (result i32) (call_ref $v (local.get 0)))
              (func (export "seven") (result funcref) (ref.func $seven))
              (func (export "other") (result funcref) (ref.func $other)))
            """, store: store)
        let seven = try inst.exportedFunction("seven")!.call([])[0]
        let other = try inst.exportedFunction("other")!.call([])[0]
        XCTAssertEqual(try inst.exportedFunction("call")!.call([seven]), [.i32(7)])
        for bad in [Value.funcref(nil), other, .externref(1)] {
            XCTAssertThrowsError(try inst.exportedFunction("call")!.call([bad]), "\(bad)")
        }
        guard case .table(let t)? = inst.export("t") else { return XCTFail("no table") }
        XCTAssertNoThrow(try t.set(0, seven))
        XCTAssertNoThrow(try t.set(1, .funcref(nil)))
        XCTAssertThrowsError(try t.set(1, other)) { e in
            guard case WispError.misuse = e else { return XCTFail("\(e)") }
        }
    }

    /// call_ref costs what call_indirect does, suspends when out of fuel many frames deep and
    /// resumes to the same result and total; a null reference traps with the spec's message.
    func testMeteringAndTrapsOfCallRef() throws {
        let text = """
            (module
              (type $ii (func (param i32) (result i32)))
              (table 1 funcref)
              (elem (i32.const 0) $down)
              (elem declare func $down $downi)
              (func $down (type $ii)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (i32.add (i32.const 1) (call_ref $ii (i32.sub (local.get 0) (i32.const 1)) (ref.func $down))))))
              (func $downi (type $ii)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (i32.add (i32.const 1) (call_indirect (type $ii) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0))))))
              (func (export "viaRef") (param i32) (result i32) (call_ref $ii (local.get 0) (ref.func $down)))
              (func (export "viaTable") (param i32) (result i32) (call_ref $ii (local.get 0) (ref.func $downi)))
              (func (export "null") (result i32) (call_ref $ii (i32.const 1) (ref.null $ii)))
              (func (export "tailNull") (result i32) (return_call_ref $ii (i32.const 1) (ref.null $ii)))
              (func (export "asNonNull") (param funcref) (result i32)
                (drop (ref.as_non_null (local.get 0))) (i32.const 1)))
            """
        var config = EngineConfiguration()
        config.fuelMetering = true
        let store = Store(engine: Engine(configuration: config))
        let inst = try instantiate(text, store: store)
        func used(_ name: String, _ n: UInt32) throws -> UInt64 {
            try store.setFuel(1_000_000)
            let before = store.fuelConsumed
            XCTAssertEqual(try inst.exportedFunction(name)!.call([.i32(n)]), [.i32(n)])
            return store.fuelConsumed - before
        }
        let ref = try used("viaRef", 100)
        // $downi has call_indirect and a table index where $down has call_ref and ref.func: the
        // same number of operators, so the same fuel.
        XCTAssertEqual(try used("viaTable", 100), ref)
        // Out of fuel deep in the recursion: it suspends, and topping up resumes to the same
        // result, having used the same fuel in all.
        try store.setFuel(ref / 3)
        let before = store.fuelConsumed
        var outcome = try inst.exportedFunction("viaRef")!.callResumable([.i32(100)])
        var suspensions = 0
        while case .suspended(let call) = outcome {
            XCTAssertEqual(call.reason, .outOfFuel)
            suspensions += 1
            try store.addFuel(ref / 5)
            outcome = try call.resume()
        }
        guard case .returned(let r) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertGreaterThan(suspensions, 1)
        XCTAssertEqual(r, [.i32(100)])
        XCTAssertEqual(store.fuelConsumed - before, ref)
        try store.setFuel(1_000)
        for name in ["null", "tailNull"] {
            XCTAssertThrowsError(try inst.exportedFunction(name)!.call([])) { e in
                XCTAssertEqual((e as? Trap)?.kind, .nullFunctionReference, "\(e)")
                XCTAssertEqual((e as? Trap)?.message, "null function reference")
            }
        }
        XCTAssertThrowsError(try inst.exportedFunction("asNonNull")!.call([.funcref(nil)])) { e in
            XCTAssertEqual((e as? Trap)?.kind, .nullReference, "\(e)")
        }
    }

    /// br_on_null and br_on_non_null with values carried to their labels, in fused and plain
    /// code alike (the translator moves the carried values and keeps the reference).
    func testBranchesOnNull() throws {
        let store = Store(engine: Engine())
        let inst = try instantiate("""
            (module
              (type $ii (func (param i32) (result i32)))
              (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
              (elem declare func $inc)
              (func $pick (param i32) (result (ref null $ii))
                (if (result (ref null $ii)) (local.get 0) (then (ref.func $inc)) (else (ref.null $ii))))
              (func (export "onNull") (param i32 i32) (result i32)
                (block $null (result i32)
                  (local.get 1)
                  (call $pick (local.get 0))
                  (br_on_null $null)
                  (call_ref $ii)
                  (return)))
              (func (export "onNonNull") (param i32 i32) (result i32)
                (block $some (result i32 (ref $ii))
                  (br_on_non_null $some (i32.const 5) (call $pick (local.get 0)))
                  (drop)
                  (return (i32.const -2)))
                (call_ref $ii)))
            """, store: store)
        let onNull = inst.exportedFunction("onNull")!, onNonNull = inst.exportedFunction("onNonNull")!
        XCTAssertEqual(try onNull.call([.i32(1), .i32(41)]), [.i32(42)])
        XCTAssertEqual(try onNull.call([.i32(0), .i32(41)]), [.i32(41)], "the branch carries the value under the null")
        XCTAssertEqual(try onNonNull.call([.i32(1), .i32(0)]), [.i32(6)])
        XCTAssertEqual(try onNonNull.call([.i32(0), .i32(0)]), [.i32(UInt32(bitPattern: -2))])
    }
}
