import XCTest
import Wisp
import WispSpecTest

/// v128 values on the command line: parsed and printed as one unsigned 128-bit integer.
final class CommandLineValuesTests: XCTestCase {
    func testV128RoundTrips() {
        let v = CommandLineValues.parse("0x0000000300000002_0000000100000000".replacingOccurrences(of: "_", with: ""), as: .v128)
        XCTAssertEqual(v, .v128(V128(lo: 0x0000_0001_0000_0000, hi: 0x0000_0003_0000_0002)))
        XCTAssertEqual(CommandLineValues.parse(CommandLineValues.format(v!), as: .v128), v)
        XCTAssertEqual(CommandLineValues.parse("18", as: .v128), .v128(V128(lo: 18, hi: 0)))
        XCTAssertNil(CommandLineValues.parse("-1", as: .v128))
        XCTAssertNil(CommandLineValues.parse("0xZZ", as: .v128))
    }
}
