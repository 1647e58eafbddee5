import XCTest
import WispDispatch
@testable import Wisp

/// The C handler table (WispDispatch.h) is indexed by an instruction word's opcode, which is the
/// Swift `Op`'s raw value: the two lists must name the same instructions in the same order, or
/// every instruction after the first difference would run another instruction's handler. The
/// accumulator variants follow the plain instructions in the order Op.swift computes.
final class DispatchTableTests: XCTestCase {
    func testHandlerTableMatchesOpEnumeration() {
        let count = Int(wisp_op_count())
        var swiftNames: [String] = []
        var raw: UInt16 = 0
        while let op = Op(rawValue: raw) {
            swiftNames.append(String(describing: op))
            raw += 1
        }
        XCTAssertEqual(swiftNames.count, Op.plainCount)
        // The accumulator variants follow, family by family in Op's order (WISP_VARIANTS), each
        // at the index `handlerIndex(mode:)` computes.
        let modeNames: [UInt64: String] = [1: "L", 2: "R", 4: "D", 5: "LD", 6: "RD", 8: "AI", 9: "LAI", 16: "AR", 32: "MR", 36: "MRD", 33: "LMR", 37: "LMRD"]
        let loadModeNames: [UInt64: String] = [8: "S", 12: "SD", 9: "LS", 13: "LSD"]
        let branchModeNames: [UInt64: String] = [8: "M8", 16: "M32"]
        for r in 0..<UInt16(Op.plainCount) {
            let op = Op(rawValue: r)!
            guard let kind = op.accumulatorKind else { continue }
            for mode in kind.modes {
                XCTAssertEqual(Int(op.handlerIndex(mode: mode)), swiftNames.count, "\(op) mode \(mode)")
                let name = kind == .load ? loadModeNames[mode] ?? modeNames[mode]
                    : kind == .oneInput ? branchModeNames[mode] ?? modeNames[mode] : modeNames[mode]
                swiftNames.append("\(op)_\(name ?? "mode\(mode)")")
            }
        }
        XCTAssertEqual(count, swiftNames.count, "WispDispatch.h lists \(count) handlers, Op has \(swiftNames.count) cases")
        for i in 0..<min(count, swiftNames.count) {
            let cName = String(cString: wisp_op_name(UInt32(i)))
            XCTAssertEqual(cName, swiftNames[i], "handler \(i)")
            if cName != swiftNames[i] { break }
        }
    }

    /// The pairs (two instructions run by one handler) name the same bodies and modes in C and in
    /// `Op.pairs`, and the first of each always falls through to the second: the pair's handler
    /// runs the second right after the first, so a first that could branch would run the second
    /// on the wrong path.
    func testPairsMatchTheCListAndStartWithFallThroughInstructions() {
        let count = Int(wisp_pair_count())
        if MemoryLayout<Int>.size == 8 {
            XCTAssertEqual(count, Op.pairs.count)
            XCTAssertEqual(Op.pairIndex.count, Op.pairs.count, "two pairs with the same handlers")
        }
        // The modes' names of ISA/instructions.isa; a few values mean different modes in different families.
        let modeNames: [UInt64: String] = [0: "N", 1: "L", 2: "R", 4: "D", 5: "LD", 6: "RD", 8: "AI", 9: "LAI", 16: "AR",
                                           32: "MR", 33: "LMR", 36: "MRD", 37: "LMRD"]
        let loadModes: [UInt64: String] = [8: "S", 12: "SD", 9: "LS", 13: "LSD"]
        let branchModes: [UInt64: String] = [8: "M8", 16: "M32"]
        func name(_ op: Op, _ mode: UInt64) -> String {
            let kind = op.accumulatorKind
            let m = (kind == .load ? loadModes[mode] : kind == .oneInput ? branchModes[mode] : nil) ?? modeNames[mode]
            return "\(op)_\(m ?? "mode\(mode)")"
        }
        let control: Set<Op> = [.unreachable, .br, .brIf, .brIfNot, .brTable, .ret, .call, .callIndirect, .brF, .brIfF,
                                .brIfNotF, .callF, .callIndirectF, .brLoop, .brIfLoop, .callSlow, .throwTag, .throwRef,
                                .returnCall, .returnCallIndirect]
        for (i, p) in Op.pairs.enumerated() {
            XCTAssertFalse(control.contains(p.0) || "\(p.0)".hasPrefix("brI32"), "pair \(i) starts with a branch: \(p.0)")
            if p.1 != 0 { XCTAssertNotNil(p.0.accumulatorKind?.modes.firstIndex(of: p.1), "pair \(i): \(p.0) has no mode \(p.1)") }
            if p.3 != 0 { XCTAssertNotNil(p.2.accumulatorKind?.modes.firstIndex(of: p.3), "pair \(i): \(p.2) has no mode \(p.3)") }
            guard i < count else { continue }
            XCTAssertEqual(String(cString: wisp_pair_name(UInt32(i))), "pair:\(name(p.0, p.1))+\(name(p.2, p.3))", "pair \(i)")
        }
    }

    /// The table's `immediate=` attribute reaches the translator: each operator with an immediate
    /// form gets it for a constant that fits, none for one that does not (i64 constants are
    /// sign-extended from 32 bits).
    func testImmediateFormsComeFromTheTable() {
        guard fusionEnabled else { return }
        XCTAssertEqual(Op.immediate(.i64Xor, 7)?.op, .i64XorI)
        XCTAssertEqual(Op.immediate(.i64Xor, UInt64(bitPattern: -5))?.value, -5)
        XCTAssertNil(Op.immediate(.i64Xor, 0x1_0000_0000))
        XCTAssertEqual(Op.immediate(.i32Sub, 3)?.op, .i32AddI)
        XCTAssertEqual(Op.immediate(.i32Sub, 3)?.value, -3)
        XCTAssertNil(Op.immediate(.i64Mul, 3), "i64.mul has no immediate form")
        XCTAssertEqual(Op.i64XorI.accumulatorKind, .unary)
    }
}
