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
}
