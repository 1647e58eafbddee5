import XCTest
import WispDispatch
@testable import Wisp

/// The C handler table (WispDispatch.h) is indexed by an instruction word's opcode, which is the
/// Swift `Op`'s raw value: the two lists must name the same instructions in the same order, or
/// every instruction after the first difference would run another instruction's handler.
final class DispatchTableTests: XCTestCase {
    func testHandlerTableMatchesOpEnumeration() {
        let count = Int(wisp_op_count())
        var swiftNames: [String] = []
        var raw: UInt16 = 0
        while let op = Op(rawValue: raw) {
            swiftNames.append(String(describing: op))
            raw += 1
        }
        XCTAssertEqual(count, swiftNames.count, "WispDispatch.h lists \(count) handlers, Op has \(swiftNames.count) cases")
        for i in 0..<min(count, swiftNames.count) {
            let cName = String(cString: wisp_op_name(UInt32(i)))
            XCTAssertEqual(cName, swiftNames[i], "handler \(i)")
            if cName != swiftNames[i] { break }
        }
    }
}
