// The README's embedding example is Examples/Embedding/main.swift, which every build compiles:
// this keeps the README's copy the same, and runs the program.

import Foundation
import XCTest

final class ReadmeExampleTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testTheReadmeShowsTheCompiledExample() throws {
        let source = try String(contentsOf: Self.root.appendingPathComponent("Examples/Embedding/main.swift"), encoding: .utf8)
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let code = try XCTUnwrap(source.range(of: "import Wisp").map { String(source[$0.lowerBound...]) })
        XCTAssertTrue(readme.contains("```swift\n" + code + "```"), "README.md's embedding example differs from Examples/Embedding/main.swift")
    }

    func testTheExampleRuns() throws {
        let binary = Self.root.appendingPathComponent(".build/debug/wisp-embedding-example")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw XCTSkip("run after swift build --build-tests (the test command does)")
        }
        let p = Process()
        p.executableURL = binary
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertEqual(text, "5\n[\"guest says 2\"]\n")
    }
}
