// The translator's rewrites that change which IR instructions run: two copies joined into one
// (`copy2`), `x = 0` left out while a local still holds its initial zero, and a result written
// straight to the return slot, results handed to the next instruction in the accumulator register.
// Each module below computes a different value if the rewrite is
// done where it must not be.

import Wisp
import XCTest

final class TranslatorTests: XCTestCase {
    /// The stores of the tests' instances: instances do not keep their store alive.
    var stores: [Store] = []

    /// `bytes` instantiated without imports, in a store of its own that lives as long as the test.
    func instantiate(_ bytes: [UInt8]) throws -> Instance {
        let engine = Engine()
        let store = Store(engine: engine)
        stores.append(store)
        return try Module(bytes: bytes, engine: engine).instantiate(store: store, imports: Imports())
    }

    /// swap(a, b): t = a; a = b; b = t; return a - b. The first two copies join into one
    /// instruction whose second copy overwrites the first's source: done out of order, t would
    /// read the new a.
    /// afterBlock(p): block { br_if 0 (p); l1 = 7 }; l1 = 0; return l1. The second `l1 = 0` follows a
    /// write on one path and must stay.
    /// loopReset(n): loop { l1 = 0; sum += l1; l1 = 5; n -= 1; br_if 0 (n) }; return sum. `l1 = 0`
    /// runs again after `l1 = 5` through the back edge and must stay.
    static let module: [UInt8] = {
        typealias W = WasmBytes
        func body(locals: Int, _ code: [UInt8]) -> [UInt8] {
            let b = [0x01, UInt8(locals), 0x7F] + code
            return W.leb(b.count) + b
        }
        var m = W.header
        m += W.section(1, W.vec([
            [0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F],  // 0: (i32 i32) -> i32
            [0x60, 0x01, 0x7F, 0x01, 0x7F],        // 1: (i32) -> i32
        ]))
        m += W.section(3, W.vec([[0x00], [0x01], [0x01]]))
        m += W.section(7, W.vec([
            W.name("swap") + [0x00, 0x00], W.name("afterBlock") + [0x00, 0x01], W.name("loopReset") + [0x00, 0x02],
        ]))
        m += W.section(10, W.vec([
            body(locals: 1, [0x20, 0x00, 0x21, 0x02, 0x20, 0x01, 0x21, 0x00, 0x20, 0x02, 0x21, 0x01,
                             0x20, 0x00, 0x20, 0x01, 0x6B, 0x0B]),
            body(locals: 2, [0x02, 0x40, 0x20, 0x00, 0x0D, 0x00, 0x41, 0x07, 0x21, 0x01, 0x0B,
                             0x41, 0x00, 0x21, 0x01, 0x20, 0x01, 0x0B]),
            body(locals: 2, [0x03, 0x40,
                             0x41, 0x00, 0x21, 0x01,
                             0x20, 0x02, 0x20, 0x01, 0x6A, 0x21, 0x02,
                             0x41, 0x05, 0x21, 0x01,
                             0x20, 0x00, 0x41, 0x01, 0x6B, 0x22, 0x00, 0x0D, 0x00,
                             0x0B, 0x20, 0x02, 0x0B]),
        ]))
        return m
    }()

    func testRewritesKeepMeaning() throws {
        let instance = try instantiate(Self.module)
        let swap = try XCTUnwrap(instance.exportedFunction("swap"))
        XCTAssertEqual(try swap.call([.i32(10), .i32(3)]), [.i32(UInt32(bitPattern: -7))])
        let afterBlock = try XCTUnwrap(instance.exportedFunction("afterBlock"))
        XCTAssertEqual(try afterBlock.call([.i32(0)]), [.i32(0)], "l1 = 0 after a path that set it to 7")
        XCTAssertEqual(try afterBlock.call([.i32(1)]), [.i32(0)])
        let loopReset = try XCTUnwrap(instance.exportedFunction("loopReset"))
        XCTAssertEqual(try loopReset.call([.i32(3)]), [.i32(0)], "l1 = 0 at the top of every iteration")
    }

    /// A branch that returns several values from the function (br_if, or br_table's entry to the
    /// function's label) moves them to the result slots on its own path only: the path that does
    /// not branch must still see them as pending. Wisp returned 0, 0 here before this was fixed.
    ///   (func (export "brIfReturn") (param i32) (result i32 i32)
    ///     (i32.const 50) (i32.const 51) (br_if 0 (local.get 0)))
    ///   (func (export "brTableReturn") (param i32) (result i32 i32)
    ///     (block (result i32 i32) (br_table 1 0 0 (i32.const 50) (i32.const 51) (local.get 0))))
    static let multiValueReturns: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0C, 0x02, 0x60, 0x01, 0x7F, 0x02, 0x7F,
        0x7F, 0x60, 0x00, 0x02, 0x7F, 0x7F, 0x03, 0x03, 0x02, 0x00, 0x00, 0x07, 0x1E, 0x02, 0x0A, 0x62,
        0x72, 0x49, 0x66, 0x52, 0x65, 0x74, 0x75, 0x72, 0x6E, 0x00, 0x00, 0x0D, 0x62, 0x72, 0x54, 0x61,
        0x62, 0x6C, 0x65, 0x52, 0x65, 0x74, 0x75, 0x72, 0x6E, 0x00, 0x01, 0x0A, 0x1D, 0x02, 0x0A, 0x00,
        0x41, 0x32, 0x41, 0x33, 0x20, 0x00, 0x0D, 0x00, 0x0B, 0x10, 0x00, 0x02, 0x01, 0x41, 0x32, 0x41,
        0x33, 0x20, 0x00, 0x0E, 0x02, 0x01, 0x00, 0x00, 0x0B, 0x0B,
    ]

    func testMultiValueReturnFromABranch() throws {
        let instance = try instantiate(Self.multiValueReturns)
        let brIf = try XCTUnwrap(instance.exportedFunction("brIfReturn"))
        let brTable = try XCTUnwrap(instance.exportedFunction("brTableReturn"))
        for arg: UInt32 in [0, 1, 2, 7] {
            XCTAssertEqual(try brIf.call([.i32(arg)]), [.i32(50), .i32(51)], "br_if, argument \(arg)")
            XCTAssertEqual(try brTable.call([.i32(arg)]), [.i32(50), .i32(51)], "br_table, argument \(arg)")
        }
    }

    /// Two adds of a constant in a row run as one instruction, in order; an add that a load takes
    /// into itself stays out of the pair.
    ///   (func (export "chain") (param i32) (result i32) (local i32 i32)
    ///     (local.set 1 (i32.add (local.get 0) (i32.const 5)))
    ///     (local.set 2 (i32.add (local.get 1) (i32.const 7)))
    ///     (i32.mul (local.get 2) (i32.add (local.get 1) (i32.const 1000))))
    ///   (func (export "addThenLoad") (param i32) (result i32) (local i32)
    ///     (i32.store offset=16 (i32.const 0) (i32.const 99))
    ///     (local.set 1 (i32.add (local.get 0) (i32.const 3)))
    ///     (i32.add (local.get 1) (i32.load (i32.add (local.get 0) (i32.const 16)))))
    static let addPairs: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F,
        0x03, 0x03, 0x02, 0x00, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x17, 0x02, 0x05, 0x63, 0x68,
        0x61, 0x69, 0x6E, 0x00, 0x00, 0x0B, 0x61, 0x64, 0x64, 0x54, 0x68, 0x65, 0x6E, 0x4C, 0x6F, 0x61,
        0x64, 0x00, 0x01, 0x0A, 0x3C, 0x02, 0x1B, 0x01, 0x02, 0x7F, 0x20, 0x00, 0x41, 0x05, 0x6A, 0x21,
        0x01, 0x20, 0x01, 0x41, 0x07, 0x6A, 0x21, 0x02, 0x20, 0x02, 0x20, 0x01, 0x41, 0xE8, 0x07, 0x6A,
        0x6C, 0x0B, 0x1E, 0x01, 0x01, 0x7F, 0x41, 0x00, 0x41, 0xE3, 0x00, 0x36, 0x02, 0x10, 0x20, 0x00,
        0x41, 0x03, 0x6A, 0x21, 0x01, 0x20, 0x01, 0x20, 0x00, 0x41, 0x10, 0x6A, 0x28, 0x02, 0x00, 0x6A,
        0x0B,
    ]

    func testAddPairs() throws {
        let instance = try instantiate(Self.addPairs)
        let chain = try XCTUnwrap(instance.exportedFunction("chain"))
        XCTAssertEqual(try chain.call([.i32(10)]), [.i32(22 * 1015)], "the second add reads what the first wrote")
        XCTAssertEqual(try chain.call([.i32(UInt32.max)]), [.i32(UInt32(11 * 1004))], "adds wrap at 32 bits")
        let addThenLoad = try XCTUnwrap(instance.exportedFunction("addThenLoad"))
        XCTAssertEqual(try addThenLoad.call([.i32(0)]), [.i32(102)])
    }

    /// f64 operators with a constant operand on either side, and 64-bit loads and stores at a
    /// constant address, whose effective address (constant + offset) may pass 4 GiB and must trap:
    ///   (module
    ///     (memory 1)
    ///     (func (export "kforms") (param f64) (result f64)
    ///       (f64.add (f64.add (f64.add (f64.add (f64.add (f64.add (f64.add
    ///         (f64.add (local.get 0) (f64.const 0.5))
    ///         (f64.add (f64.const 0.25) (local.get 0)))
    ///         (f64.sub (local.get 0) (f64.const 3)))
    ///         (f64.sub (f64.const 100) (local.get 0)))
    ///         (f64.mul (local.get 0) (f64.const 3)))
    ///         (f64.mul (f64.const 5) (local.get 0)))
    ///         (f64.div (local.get 0) (f64.const 4)))
    ///         (f64.div (f64.const 64) (local.get 0))))
    ///     (func (export "constAddress") (param i64) (result i64)
    ///       (i64.store offset=8 (i32.const 65520) (local.get 0))
    ///       (i64.load offset=65528 (i32.const 0)))
    ///     (func (export "constAddressOOB") (result i64)
    ///       (i64.load offset=0xFFFFFFFF (i32.const 0xFFFFFFFF)))
    ///     (func (export "constStoreOOB")
    ///       (i64.store offset=65529 (i32.const 0) (i64.const 1))))
    static let constantOperands: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x12, 0x04, 0x60, 0x01, 0x7C, 0x01, 0x7C,
        0x60, 0x01, 0x7E, 0x01, 0x7E, 0x60, 0x00, 0x01, 0x7E, 0x60, 0x00, 0x00, 0x03, 0x05, 0x04, 0x00,
        0x01, 0x02, 0x03, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x3B, 0x04, 0x06, 0x6B, 0x66, 0x6F, 0x72,
        0x6D, 0x73, 0x00, 0x00, 0x0C, 0x63, 0x6F, 0x6E, 0x73, 0x74, 0x41, 0x64, 0x64, 0x72, 0x65, 0x73,
        0x73, 0x00, 0x01, 0x0F, 0x63, 0x6F, 0x6E, 0x73, 0x74, 0x41, 0x64, 0x64, 0x72, 0x65, 0x73, 0x73,
        0x4F, 0x4F, 0x42, 0x00, 0x02, 0x0D, 0x63, 0x6F, 0x6E, 0x73, 0x74, 0x53, 0x74, 0x6F, 0x72, 0x65,
        0x4F, 0x4F, 0x42, 0x00, 0x03, 0x0A, 0x96, 0x01, 0x04, 0x69, 0x00, 0x20, 0x00, 0x44, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0xE0, 0x3F, 0xA0, 0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xD0, 0x3F,
        0x20, 0x00, 0xA0, 0xA0, 0x20, 0x00, 0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x40, 0xA1,
        0xA0, 0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x59, 0x40, 0x20, 0x00, 0xA1, 0xA0, 0x20, 0x00,
        0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x40, 0xA2, 0xA0, 0x44, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x14, 0x40, 0x20, 0x00, 0xA2, 0xA0, 0x20, 0x00, 0x44, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x10, 0x40, 0xA3, 0xA0, 0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x50, 0x40, 0x20, 0x00,
        0xA3, 0xA0, 0x0B, 0x12, 0x00, 0x41, 0xF0, 0xFF, 0x03, 0x20, 0x00, 0x37, 0x03, 0x08, 0x41, 0x00,
        0x29, 0x03, 0xF8, 0xFF, 0x03, 0x0B, 0x0B, 0x00, 0x41, 0x7F, 0x29, 0x03, 0xFF, 0xFF, 0xFF, 0xFF,
        0x0F, 0x0B, 0x0B, 0x00, 0x41, 0x00, 0x42, 0x01, 0x37, 0x03, 0xF9, 0xFF, 0x03, 0x0B,
    ]

    func testConstantOperands() throws {
        let instance = try instantiate(Self.constantOperands)
        let kforms = try XCTUnwrap(instance.exportedFunction("kforms"))
        // 2.5 + 2.25 + (-1) + 98 + 6 + 10 + 0.5 + 32
        XCTAssertEqual(try kforms.call([.f64((2.0 as Double).bitPattern)]), [.f64((150.25 as Double).bitPattern)])
        let constAddress = try XCTUnwrap(instance.exportedFunction("constAddress"))
        XCTAssertEqual(try constAddress.call([.i64(12_345_678_901)]), [.i64(12_345_678_901)])
        for name in ["constAddressOOB", "constStoreOOB"] {
            let f = try XCTUnwrap(instance.exportedFunction(name))
            XCTAssertThrowsError(try f.call([]), name) { XCTAssertEqual(($0 as? Trap)?.kind, .memoryOutOfBounds, name) }
        }
    }

    /// Chains through the accumulator register (an instruction leaves its result there for the
    /// next one, which reads it in place of a slot). From wat2wasm:
    ///   (memory 1)
    ///   (func "ints" (param i32 i32 i32) (result i32)   ;; (a*b + c) - ((a ^ c) << 3)
    ///     local.get 0 local.get 1 i32.mul local.get 2 i32.add
    ///     local.get 0 local.get 2 i32.xor i32.const 3 i32.shl i32.sub)
    ///   (func "memory" (param i32 i64) (result i64)     ;; mem[p] = v*3; mem[(p>>1)<<1] + 1 - (p & 7)
    ///     local.get 0 local.get 1 i64.const 3 i64.mul i64.store
    ///     local.get 0 i32.const 1 i32.shr_u i32.const 1 i32.shl i64.load i64.const 1 i64.add
    ///     local.get 0 i32.const 7 i32.and i64.extend_i32_u i64.sub)
    ///   (func "floats" (param f64 f64) (result f64)    ;; (x*y + 2.5) / y - x
    ///     local.get 0 local.get 1 f64.mul f64.const 2.5 f64.add local.get 1 f64.div local.get 0 f64.sub)
    /// Every shape of hand-over: a result read as the first operand (add, shl, load's address,
    /// i64.add, extend, f64.add with a constant, div), as the second (sub, the store's value), and
    /// an instruction that both reads and leaves one (shl, load, the constant add). A mode on
    /// the wrong side, or a value left in a slot the next instruction no longer reads, changes
    /// the results.
    static let accumulatorChains: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x14, 0x03, 0x60, 0x03, 0x7F, 0x7F, 0x7F,
        0x01, 0x7F, 0x60, 0x02, 0x7F, 0x7E, 0x01, 0x7E, 0x60, 0x02, 0x7C, 0x7C, 0x01, 0x7C, 0x03, 0x04,
        0x03, 0x00, 0x01, 0x02, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x1A, 0x03, 0x04, 0x69, 0x6E, 0x74,
        0x73, 0x00, 0x00, 0x06, 0x6D, 0x65, 0x6D, 0x6F, 0x72, 0x79, 0x00, 0x01, 0x06, 0x66, 0x6C, 0x6F,
        0x61, 0x74, 0x73, 0x00, 0x02, 0x0A, 0x4F, 0x03, 0x13, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6C, 0x20,
        0x02, 0x6A, 0x20, 0x00, 0x20, 0x02, 0x73, 0x41, 0x03, 0x74, 0x6B, 0x0B, 0x21, 0x00, 0x20, 0x00,
        0x20, 0x01, 0x42, 0x03, 0x7E, 0x37, 0x03, 0x00, 0x20, 0x00, 0x41, 0x01, 0x76, 0x41, 0x01, 0x74,
        0x29, 0x03, 0x00, 0x42, 0x01, 0x7C, 0x20, 0x00, 0x41, 0x07, 0x71, 0xAD, 0x7D, 0x0B, 0x17, 0x00,
        0x20, 0x00, 0x20, 0x01, 0xA2, 0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x40, 0xA0, 0x20,
        0x01, 0xA3, 0x20, 0x00, 0xA1, 0x0B,
    ]

    func testAccumulatorChains() throws {
        let instance = try instantiate(Self.accumulatorChains)
        let ints = try XCTUnwrap(instance.exportedFunction("ints"))
        for (a, b, c) in [(7, 9, 100), (-3, 1_000_003, 77), (123_456, 654_321, -1)] as [(Int32, Int32, Int32)] {
            let expected = (a &* b &+ c) &- ((a ^ c) << 3)
            XCTAssertEqual(try ints.call([.i32(UInt32(bitPattern: a)), .i32(UInt32(bitPattern: b)), .i32(UInt32(bitPattern: c))]),
                           [.i32(UInt32(bitPattern: expected))], "ints(\(a), \(b), \(c))")
        }
        let memory = try XCTUnwrap(instance.exportedFunction("memory"))
        for (p, v) in [(16, 5), (1_000, -7), (4_094 * 8, 0x1234_5678_9ABC)] as [(UInt32, Int64)] {
            // The store's address is even here, so the load reads the value stored.
            let expected = v &* 3 &+ 1 &- Int64(p & 7)
            XCTAssertEqual(try memory.call([.i32(p), .i64(UInt64(bitPattern: v))]), [.i64(UInt64(bitPattern: expected))], "memory(\(p), \(v))")
        }
        let floats = try XCTUnwrap(instance.exportedFunction("floats"))
        for (x, y) in [(1.5, 4.0), (-3.25, 0.5), (1e10, -2e-3)] {
            let expected = (x * y + 2.5) / y - x
            XCTAssertEqual(try floats.call([.f64(x.bitPattern), .f64(y.bitPattern)]), [.f64(expected.bitPattern)], "floats(\(x), \(y))")
        }
    }

    /// A loop's counter step folded into its compare-and-branch (one instruction adds, stores
    /// and branches). From wat2wasm:
    ///   (func "stepImm" (param $n i32) (result i32) (local $i i32)      ;; do i += 3 while (i < n)
    ///     loop local.get $i i32.const 3 i32.add local.tee $i local.get $n i32.lt_s br_if 0 end
    ///     local.get $i)
    ///   (func "stepReg" (param $n i32) (param $k i32) (result i32) (local $i i32) (local $s i32)
    ///     loop local.get $s local.get $i i32.add local.set $s            ;; do { s += i; i += k }
    ///          local.get $i local.get $k i32.add local.tee $i              ;; while (i != n)
    ///          local.get $n i32.ne br_if 0 end
    ///     local.get $s)
    ///   (func "labelBetween" (param $x i32) (param $p i32) (result i32) (local $t i32)
    ///     block local.get $x i32.const 5 i32.add local.set $t local.get $p br_if 0
    ///           local.get $t i32.const 100 i32.add local.set $t end
    ///     local.get $t i32.const 50 i32.lt_u if (result i32) i32.const 1 else i32.const 0 end)
    /// In labelBetween the add before `end` must not fold into the `if` after it: the br_if out
    /// of the block lands between the two, inside what the folded instruction would be.
    static let addBranches: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0C, 0x02, 0x60, 0x01, 0x7F, 0x01, 0x7F,
        0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F, 0x03, 0x04, 0x03, 0x00, 0x01, 0x01, 0x07, 0x24, 0x03, 0x07,
        0x73, 0x74, 0x65, 0x70, 0x49, 0x6D, 0x6D, 0x00, 0x00, 0x07, 0x73, 0x74, 0x65, 0x70, 0x52, 0x65,
        0x67, 0x00, 0x01, 0x0C, 0x6C, 0x61, 0x62, 0x65, 0x6C, 0x42, 0x65, 0x74, 0x77, 0x65, 0x65, 0x6E,
        0x00, 0x02, 0x0A, 0x5C, 0x03, 0x15, 0x01, 0x01, 0x7F, 0x03, 0x40, 0x20, 0x01, 0x41, 0x03, 0x6A,
        0x22, 0x01, 0x20, 0x00, 0x48, 0x0D, 0x00, 0x0B, 0x20, 0x01, 0x0B, 0x1C, 0x01, 0x02, 0x7F, 0x03,
        0x40, 0x20, 0x03, 0x20, 0x02, 0x6A, 0x21, 0x03, 0x20, 0x02, 0x20, 0x01, 0x6A, 0x22, 0x02, 0x20,
        0x00, 0x47, 0x0D, 0x00, 0x0B, 0x20, 0x03, 0x0B, 0x27, 0x01, 0x01, 0x7F, 0x02, 0x40, 0x20, 0x00,
        0x41, 0x05, 0x6A, 0x21, 0x02, 0x20, 0x01, 0x0D, 0x00, 0x20, 0x02, 0x41, 0xE4, 0x00, 0x6A, 0x21,
        0x02, 0x0B, 0x20, 0x02, 0x41, 0x32, 0x49, 0x04, 0x7F, 0x41, 0x01, 0x05, 0x41, 0x00, 0x0B, 0x0B,
    ]

    func testAddFoldedIntoBranch() throws {
        let instance = try instantiate(Self.addBranches)
        let stepImm = try XCTUnwrap(instance.exportedFunction("stepImm"))
        for (n, expected) in [(10, 12), (1, 3), (-5, 3), (300_000, 300_000)] as [(Int32, Int32)] {
            XCTAssertEqual(try stepImm.call([.i32(UInt32(bitPattern: n))]), [.i32(UInt32(bitPattern: expected))], "stepImm(\(n))")
        }
        let stepReg = try XCTUnwrap(instance.exportedFunction("stepReg"))
        for (n, k) in [(12, 3), (1_000, 1), (70, 7)] as [(Int32, Int32)] {
            let expected = stride(from: 0, to: n, by: Int(k)).reduce(Int32(0), +)
            XCTAssertEqual(try stepReg.call([.i32(UInt32(bitPattern: n)), .i32(UInt32(bitPattern: k))]),
                           [.i32(UInt32(bitPattern: expected))], "stepReg(\(n), \(k))")
        }
        let labelBetween = try XCTUnwrap(instance.exportedFunction("labelBetween"))
        XCTAssertEqual(try labelBetween.call([.i32(10), .i32(1)]), [.i32(1)], "x + 5 = 15 < 50")
        XCTAssertEqual(try labelBetween.call([.i32(10), .i32(0)]), [.i32(0)], "x + 105 = 115")
        XCTAssertEqual(try labelBetween.call([.i32(UInt32(bitPattern: -60)), .i32(0)]), [.i32(1)], "x + 105 = 45 < 50")
    }

    /// A local written by the instruction just before (`local.tee`), read by the next one from
    /// the accumulator, which every instruction of an accumulator family leaves its result in.
    /// From wat2wasm:
    ///   (func "teePair" (param $a i32) (param $b i32) (result i32) (local $t i32)
    ///     local.get $a i32.const 1 i32.add local.set $a          ;; a += 1
    ///     local.get $b i32.const 2 i32.add local.tee $t          ;; t = b + 2
    ///     i32.const 3 i32.shl local.get $a i32.add)              ;; (t << 3) + a
    ///   (func "teeLoad" (param $p i32) (result i32)             ;; mem[8] = 77; p += 4; mem[p] + p
    ///     i32.const 8 i32.const 77 i32.store
    ///     local.get $p i32.const 4 i32.add local.tee $p i32.load local.get $p i32.add)
    /// In teePair the two adds would join into one i32AddI2, which leaves nothing in the
    /// accumulator: the shift then read a stale value (a first version returned 11, not 67).
    static let teeReads: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0C, 0x02, 0x60, 0x02, 0x7F, 0x7F, 0x01,
        0x7F, 0x60, 0x01, 0x7F, 0x01, 0x7F, 0x03, 0x03, 0x02, 0x00, 0x01, 0x05, 0x03, 0x01, 0x00, 0x01,
        0x07, 0x15, 0x02, 0x07, 0x74, 0x65, 0x65, 0x50, 0x61, 0x69, 0x72, 0x00, 0x00, 0x07, 0x74, 0x65,
        0x65, 0x4C, 0x6F, 0x61, 0x64, 0x00, 0x01, 0x0A, 0x32, 0x02, 0x18, 0x01, 0x01, 0x7F, 0x20, 0x00,
        0x41, 0x01, 0x6A, 0x21, 0x00, 0x20, 0x01, 0x41, 0x02, 0x6A, 0x22, 0x02, 0x41, 0x03, 0x74, 0x20,
        0x00, 0x6A, 0x0B, 0x17, 0x00, 0x41, 0x08, 0x41, 0xCD, 0x00, 0x36, 0x02, 0x00, 0x20, 0x00, 0x41,
        0x04, 0x6A, 0x22, 0x00, 0x28, 0x02, 0x00, 0x20, 0x00, 0x6A, 0x0B,
    ]

    func testLocalWrittenJustBeforeIsReadFromTheAccumulator() throws {
        let instance = try instantiate(Self.teeReads)
        let teePair = try XCTUnwrap(instance.exportedFunction("teePair"))
        XCTAssertEqual(try teePair.call([.i32(10), .i32(5)]), [.i32(67)])
        XCTAssertEqual(try teePair.call([.i32(UInt32(bitPattern: -1)), .i32(100)]), [.i32(816)])
        let teeLoad = try XCTUnwrap(instance.exportedFunction("teeLoad"))
        XCTAssertEqual(try teeLoad.call([.i32(4)]), [.i32(85)])
    }

    /// A load folded into the binary operator that reads it (mode MR), and a trap in the folded
    /// load. From wat2wasm:
    ///   (memory 1)
    ///   (func "init" (param $p i32) (param $v f64) (param $w i32)
    ///     local.get $p local.get $v f64.store offset=8 local.get $p local.get $w i32.store)
    ///   (func "mulAddMem" (param $x f64) (param $y f64) (param $p i32) (result f64)
    ///     local.get $x local.get $y f64.mul local.get $p f64.load offset=8 f64.add)  ;; x*y + mem[p+8]
    ///   (func "subMem" (param $a i32) (param $p i32) (result i32)
    ///     local.get $a local.get $p i32.load i32.sub)                              ;; a - mem[p]
    /// In mulAddMem the product also reaches the add in the accumulator (LMR).
    static let memoryOperands: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x14, 0x03, 0x60, 0x03, 0x7F, 0x7C, 0x7F,
        0x00, 0x60, 0x03, 0x7C, 0x7C, 0x7F, 0x01, 0x7C, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F, 0x03, 0x04,
        0x03, 0x00, 0x01, 0x02, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x1D, 0x03, 0x04, 0x69, 0x6E, 0x69,
        0x74, 0x00, 0x00, 0x09, 0x6D, 0x75, 0x6C, 0x41, 0x64, 0x64, 0x4D, 0x65, 0x6D, 0x00, 0x01, 0x06,
        0x73, 0x75, 0x62, 0x4D, 0x65, 0x6D, 0x00, 0x02, 0x0A, 0x2B, 0x03, 0x10, 0x00, 0x20, 0x00, 0x20,
        0x01, 0x39, 0x03, 0x08, 0x20, 0x00, 0x20, 0x02, 0x36, 0x02, 0x00, 0x0B, 0x0D, 0x00, 0x20, 0x00,
        0x20, 0x01, 0xA2, 0x20, 0x02, 0x2B, 0x03, 0x08, 0xA0, 0x0B, 0x0A, 0x00, 0x20, 0x00, 0x20, 0x01,
        0x28, 0x02, 0x00, 0x6B, 0x0B,
    ]

    func testLoadFoldedIntoOperator() throws {
        let instance = try instantiate(Self.memoryOperands)
        let initialize = try XCTUnwrap(instance.exportedFunction("init"))
        _ = try initialize.call([.i32(16), .f64((2.5 as Double).bitPattern), .i32(1000)])
        let mulAddMem = try XCTUnwrap(instance.exportedFunction("mulAddMem"))
        XCTAssertEqual(try mulAddMem.call([.f64((3.0 as Double).bitPattern), .f64((4.0 as Double).bitPattern), .i32(16)]),
                       [.f64((14.5 as Double).bitPattern)])
        let subMem = try XCTUnwrap(instance.exportedFunction("subMem"))
        XCTAssertEqual(try subMem.call([.i32(5000), .i32(16)]), [.i32(4000)])
        // Out of bounds: the folded load traps as the load would, at the load's offset.
        XCTAssertThrowsError(try subMem.call([.i32(0), .i32(65533)])) {
            XCTAssertEqual(($0 as? Trap)?.kind, .memoryOutOfBounds)
        }
        XCTAssertThrowsError(try mulAddMem.call([.f64(0), .f64(0), .i32(65528)])) { error in
            let trap = error as? Trap
            XCTAssertEqual(trap?.kind, .memoryOutOfBounds)
            XCTAssertEqual(trap?.backtrace.first?.codeOffset, 0x1B, "the f64.load's offset in the code section")
        }
    }

    /// An i32.shl by a constant folded into the load that uses it as its address (mode S). From
    /// wat2wasm:
    ///   (memory 1) (data (i32.const 8) "\01\00\00\00\02\00\00\00...\05\00\00\00")   ;; 1, 2, 3, 4, 5 at 8
    ///   (func "scaled" (param $i i32) (result i32)
    ///     local.get $i i32.const 2 i32.shl i32.load offset=8)                  ;; mem[(i << 2) + 8]
    ///   (func "scaledAcc" (param $i i32) (result i32)
    ///     local.get $i i32.const 1 i32.add i32.const 34 i32.shl i32.load offset=8)
    /// In scaledAcc the add hands its result to the shift through the accumulator (mode LS), the
    /// shift count is taken modulo 32, and the shift wraps at 32 bits before the offset is added.
    static let scaledLoads: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F,
        0x03, 0x03, 0x02, 0x00, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x16, 0x02, 0x06, 0x73, 0x63,
        0x61, 0x6C, 0x65, 0x64, 0x00, 0x00, 0x09, 0x73, 0x63, 0x61, 0x6C, 0x65, 0x64, 0x41, 0x63, 0x63,
        0x00, 0x01, 0x0A, 0x1A, 0x02, 0x0A, 0x00, 0x20, 0x00, 0x41, 0x02, 0x74, 0x28, 0x02, 0x08, 0x0B,
        0x0D, 0x00, 0x20, 0x00, 0x41, 0x01, 0x6A, 0x41, 0x22, 0x74, 0x28, 0x02, 0x08, 0x0B, 0x0B, 0x1A,
        0x01, 0x00, 0x41, 0x08, 0x0B, 0x14, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03, 0x00,
        0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00,
    ]

    func testShiftFoldedIntoLoad() throws {
        let instance = try instantiate(Self.scaledLoads)
        let scaled = try XCTUnwrap(instance.exportedFunction("scaled"))
        XCTAssertEqual(try scaled.call([.i32(2)]), [.i32(3)])
        let scaledAcc = try XCTUnwrap(instance.exportedFunction("scaledAcc"))
        XCTAssertEqual(try scaledAcc.call([.i32(3)]), [.i32(5)])
        XCTAssertEqual(try scaledAcc.call([.i32(0x3FFF_FFFF)]), [.i32(1)], "(2^30 << 2) wraps to 0")
        XCTAssertThrowsError(try scaled.call([.i32(16382)]), "(16382 << 2) + 8 = 65536") {
            XCTAssertEqual(($0 as? Trap)?.kind, .memoryOutOfBounds)
        }
    }

    /// A byte or word load folded into the conditional branch that tests it (modes M8, M32).
    /// From wat2wasm:
    ///   (memory 1) (data (i32.const 0) "\00\07\00\00\00\00\00\00\09")
    ///   (func "byteFlag" (param $p i32) (result i32)      ;; a br_if carrying a value: moves follow the test
    ///     block (result i32) i32.const 1 local.get $p i32.load8_u br_if 0 drop i32.const 0 end)
    ///   (func "wordIf" (param $p i32) (result i32)
    ///     local.get $p i32.load if (result i32) i32.const 10 else i32.const 20 end)
    static let memoryConditions: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F,
        0x03, 0x03, 0x02, 0x00, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x15, 0x02, 0x08, 0x62, 0x79,
        0x74, 0x65, 0x46, 0x6C, 0x61, 0x67, 0x00, 0x00, 0x06, 0x77, 0x6F, 0x72, 0x64, 0x49, 0x66, 0x00,
        0x01, 0x0A, 0x23, 0x02, 0x11, 0x00, 0x02, 0x7F, 0x41, 0x01, 0x20, 0x00, 0x2D, 0x00, 0x00, 0x0D,
        0x00, 0x1A, 0x41, 0x00, 0x0B, 0x0B, 0x0F, 0x00, 0x20, 0x00, 0x28, 0x02, 0x00, 0x04, 0x7F, 0x41,
        0x0A, 0x05, 0x41, 0x14, 0x0B, 0x0B, 0x0B, 0x0F, 0x01, 0x00, 0x41, 0x00, 0x0B, 0x09, 0x00, 0x07,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09,
    ]

    func testLoadFoldedIntoConditionalBranch() throws {
        let instance = try instantiate(Self.memoryConditions)
        let byteFlag = try XCTUnwrap(instance.exportedFunction("byteFlag"))
        for (p, expected) in [(1, 1), (0, 0), (8, 1), (7, 0)] as [(UInt32, UInt32)] {
            XCTAssertEqual(try byteFlag.call([.i32(p)]), [.i32(expected)], "byteFlag(\(p))")
        }
        let wordIf = try XCTUnwrap(instance.exportedFunction("wordIf"))
        for (p, expected) in [(0, 10), (4, 20), (5, 10)] as [(UInt32, UInt32)] {
            XCTAssertEqual(try wordIf.call([.i32(p)]), [.i32(expected)], "wordIf(\(p))")
        }
        for (f, p) in [(byteFlag, UInt32(65536)), (wordIf, UInt32(65533))] {
            XCTAssertThrowsError(try f.call([.i32(p)])) { XCTAssertEqual(($0 as? Trap)?.kind, .memoryOutOfBounds) }
        }
    }

    /// An i32AddI folded into the `br` after it (mode AI). From wat2wasm:
    ///   (func "bump" (param $x i32) (param $c i32) (result i32)          ;; c ? x : x + 5
    ///     block local.get $c br_if 0 local.get $x i32.const 5 i32.add local.set $x br 0 end local.get $x)
    ///   (func "bumpLabel" (param $x i32) (param $c i32) (result i32)     ;; the same, a label between
    ///     block block local.get $c br_if 0 local.get $x i32.const 5 i32.add local.set $x end br 0 end
    ///     local.get $x)
    /// In bumpLabel the br_if lands between the add and the br: folded, it would land inside the
    /// fused instruction.
    static let addJumps: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7F, 0x7F, 0x01,
        0x7F, 0x03, 0x03, 0x02, 0x00, 0x00, 0x07, 0x14, 0x02, 0x04, 0x62, 0x75, 0x6D, 0x70, 0x00, 0x00,
        0x09, 0x62, 0x75, 0x6D, 0x70, 0x4C, 0x61, 0x62, 0x65, 0x6C, 0x00, 0x01, 0x0A, 0x2E, 0x02, 0x14,
        0x00, 0x02, 0x40, 0x20, 0x01, 0x0D, 0x00, 0x20, 0x00, 0x41, 0x05, 0x6A, 0x21, 0x00, 0x0C, 0x00,
        0x0B, 0x20, 0x00, 0x0B, 0x17, 0x00, 0x02, 0x40, 0x02, 0x40, 0x20, 0x01, 0x0D, 0x00, 0x20, 0x00,
        0x41, 0x05, 0x6A, 0x21, 0x00, 0x0B, 0x0C, 0x00, 0x0B, 0x20, 0x00, 0x0B,
    ]

    func testAddFoldedIntoJump() throws {
        let instance = try instantiate(Self.addJumps)
        for name in ["bump", "bumpLabel"] {
            let f = try XCTUnwrap(instance.exportedFunction(name))
            XCTAssertEqual(try f.call([.i32(10), .i32(0)]), [.i32(15)], name)
            XCTAssertEqual(try f.call([.i32(10), .i32(1)]), [.i32(10)], name)
        }
    }

    /// A compare-and-branch reading its second operand from the accumulator (mode R). From
    /// wat2wasm:
    ///   (func "belowTriple" (param $n i32) (param $i i32) (result i32)    ;; n < i * 3 ? 1 : 0
    ///     block local.get $n local.get $i i32.const 3 i32.mul i32.lt_u br_if 0 i32.const 0 return end
    ///     i32.const 1)
    /// The product is the comparison's second operand; read from its slot, which the multiply no
    /// longer writes, belowTriple(5, 2) returns 0.
    static let branchOnSecondOperand: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7F, 0x7F, 0x01,
        0x7F, 0x03, 0x02, 0x01, 0x00, 0x07, 0x0F, 0x01, 0x0B, 0x62, 0x65, 0x6C, 0x6F, 0x77, 0x54, 0x72,
        0x69, 0x70, 0x6C, 0x65, 0x00, 0x00, 0x0A, 0x16, 0x01, 0x14, 0x00, 0x02, 0x40, 0x20, 0x00, 0x20,
        0x01, 0x41, 0x03, 0x6C, 0x49, 0x0D, 0x00, 0x41, 0x00, 0x0F, 0x0B, 0x41, 0x01, 0x0B,
    ]

    func testCompareAndBranchReadsSecondOperandFromTheAccumulator() throws {
        let instance = try instantiate(Self.branchOnSecondOperand)
        let f = try XCTUnwrap(instance.exportedFunction("belowTriple"))
        for (n, i, expected) in [(5, 2, 1), (6, 2, 0), (7, 2, 0), (0, 1, 1), (UInt32.max, 2, 0)] as [(UInt32, UInt32, UInt32)] {
            XCTAssertEqual(try f.call([.i32(n), .i32(i)]), [.i32(expected)], "belowTriple(\(n), \(i))")
        }
    }

    /// br_table doing the add before it (modes AI and LAI) or reading its index from the
    /// accumulator (L). From wat2wasm:
    ///   pick(c):           block×4 (br_table 0 1 2 3 (i32.add c -97)) end 10 | 11 | 12 | 99
    ///   pickTee(c):        block×3 (br_table 0 1 2 (local.tee $k (i32.add c -97))) end k+100 | k+200 | k+300
    ///   pickProduct(a, b): block×3 (br_table 0 1 2 (i32.add (i32.mul a b) -1)) end 10 | 11 | 12
    ///   pickMul(a, b):     block×3 (br_table 0 1 2 (i32.mul a b)) end 10 | 11 | 12
    /// The fused br_table must still write the add's local (pickTee), and take the product from the
    /// accumulator, its slot no longer written (pickProduct, pickMul). Expected values from Wasmtime.
    static let tableAdds: [UInt8] = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0C, 0x02, 0x60, 0x01, 0x7F, 0x01, 0x7F,
        0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F, 0x03, 0x05, 0x04, 0x00, 0x00, 0x01, 0x01, 0x07, 0x2A, 0x04,
        0x04, 0x70, 0x69, 0x63, 0x6B, 0x00, 0x00, 0x07, 0x70, 0x69, 0x63, 0x6B, 0x54, 0x65, 0x65, 0x00,
        0x01, 0x0B, 0x70, 0x69, 0x63, 0x6B, 0x50, 0x72, 0x6F, 0x64, 0x75, 0x63, 0x74, 0x00, 0x02, 0x07,
        0x70, 0x69, 0x63, 0x6B, 0x4D, 0x75, 0x6C, 0x00, 0x03, 0x0A, 0x96, 0x01, 0x04, 0x26, 0x00, 0x02,
        0x40, 0x02, 0x40, 0x02, 0x40, 0x02, 0x40, 0x20, 0x00, 0x41, 0x9F, 0x7F, 0x6A, 0x0E, 0x03, 0x00,
        0x01, 0x02, 0x03, 0x0B, 0x41, 0x0A, 0x0F, 0x0B, 0x41, 0x0B, 0x0F, 0x0B, 0x41, 0x0C, 0x0F, 0x0B,
        0x41, 0xE3, 0x00, 0x0B, 0x2E, 0x01, 0x01, 0x7F, 0x02, 0x40, 0x02, 0x40, 0x02, 0x40, 0x20, 0x00,
        0x41, 0x9F, 0x7F, 0x6A, 0x22, 0x01, 0x0E, 0x02, 0x00, 0x01, 0x02, 0x0B, 0x20, 0x01, 0x41, 0xE4,
        0x00, 0x6A, 0x0F, 0x0B, 0x20, 0x01, 0x41, 0xC8, 0x01, 0x6A, 0x0F, 0x0B, 0x20, 0x01, 0x41, 0xAC,
        0x02, 0x6A, 0x0B, 0x20, 0x00, 0x02, 0x40, 0x02, 0x40, 0x02, 0x40, 0x20, 0x00, 0x20, 0x01, 0x6C,
        0x41, 0x7F, 0x6A, 0x0E, 0x02, 0x00, 0x01, 0x02, 0x0B, 0x41, 0x0A, 0x0F, 0x0B, 0x41, 0x0B, 0x0F,
        0x0B, 0x41, 0x0C, 0x0B, 0x1D, 0x00, 0x02, 0x40, 0x02, 0x40, 0x02, 0x40, 0x20, 0x00, 0x20, 0x01,
        0x6C, 0x0E, 0x02, 0x00, 0x01, 0x02, 0x0B, 0x41, 0x0A, 0x0F, 0x0B, 0x41, 0x0B, 0x0F, 0x0B, 0x41,
        0x0C, 0x0B,
    ]

    func testAddAndAccumulatorFoldedIntoBranchTable() throws {
        let instance = try instantiate(Self.tableAdds)
        let pick = try XCTUnwrap(instance.exportedFunction("pick"))
        let pickTee = try XCTUnwrap(instance.exportedFunction("pickTee"))
        for (c, p, t) in [(96, 99, 299), (97, 10, 100), (98, 11, 201), (99, 12, 302), (100, 99, 303), (0, 99, 203)] as [(UInt32, UInt32, UInt32)] {
            XCTAssertEqual(try pick.call([.i32(c)]), [.i32(p)], "pick(\(c))")
            XCTAssertEqual(try pickTee.call([.i32(c)]), [.i32(t)], "pickTee(\(c))")
        }
        let product = try XCTUnwrap(instance.exportedFunction("pickProduct"))
        let mul = try XCTUnwrap(instance.exportedFunction("pickMul"))
        for (a, b, p, m) in [(1, 1, 10, 11), (1, 2, 11, 12), (3, 1, 12, 12), (0, 5, 12, 10), (7, 7, 12, 12)] as [(UInt32, UInt32, UInt32, UInt32)] {
            XCTAssertEqual(try product.call([.i32(a), .i32(b)]), [.i32(p)], "pickProduct(\(a), \(b))")
            XCTAssertEqual(try mul.call([.i32(a), .i32(b)]), [.i32(m)], "pickMul(\(a), \(b))")
        }
    }
}
