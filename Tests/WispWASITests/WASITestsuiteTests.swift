import Foundation
import XCTest
import WispWASI

/// Runs the WebAssembly/wasi-testsuite (wasm32-wasip1 suites) in ../shared/wasi-testsuite.
final class WASITestsuiteTests: XCTestCase {
    /// $WASI_TESTSUITE, else ../shared/wasi-testsuite next to the package, else /work/shared/wasi-testsuite.
    static let suiteRoot: String = {
        if let p = ProcessInfo.processInfo.environment["WASI_TESTSUITE"] { return p }
        let sibling = URL(fileURLWithPath: packageRoot).deletingLastPathComponent().appendingPathComponent("shared/wasi-testsuite").path
        return FileManager.default.fileExists(atPath: sibling) ? sibling : "/work/shared/wasi-testsuite"
    }()
    static let suites = [("assemblyscript", 12), ("c", 14), ("rust", 46)]

    /// In-process, through `WASI.run` (the code path of `wisp run`).
    func testWASITestsuite() throws {
        try runSuite(label: "in-process") { wasm, args, env, dirs in
            try GuestRunner.run(wasm, args: args, env: env, dirs: dirs)
        }
    }

    /// Through the `wisp run` binary, when it was built next to the tests.
    func testWASITestsuiteThroughWispRun() throws {
        let wisp = productsDirectory + "/wisp"
        guard FileManager.default.isExecutableFile(atPath: wisp) else { throw XCTSkip("no wisp binary at " + wisp) }
        try runSuite(label: "wisp run") { wasm, args, env, dirs in
            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("wisp-run-" + UUID().uuidString).path
            FileManager.default.createFile(atPath: tmp + ".out", contents: nil)
            FileManager.default.createFile(atPath: tmp + ".err", contents: nil)
            defer { try? FileManager.default.removeItem(atPath: tmp + ".out"); try? FileManager.default.removeItem(atPath: tmp + ".err") }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: wisp)
            var argv = ["run"]
            for d in dirs { argv += ["--dir", d.0 + "::" + d.1] }
            for e in env { argv += ["--env", e] }
            p.arguments = argv + [wasm, "--"] + args
            p.standardOutput = FileHandle(forWritingAtPath: tmp + ".out")
            p.standardError = FileHandle(forWritingAtPath: tmp + ".err")
            try p.run()
            p.waitUntilExit()
            return GuestRun(status: p.terminationStatus,
                            stdout: (try? String(contentsOfFile: tmp + ".out", encoding: .utf8)) ?? "",
                            stderr: (try? String(contentsOfFile: tmp + ".err", encoding: .utf8)) ?? "", error: nil)
        }
    }

    func runSuite(label: String, _ execute: (String, [String], [String], [(String, String)]) throws -> GuestRun) throws {
        let root = WASITestsuiteTests.suiteRoot
        guard FileManager.default.fileExists(atPath: root) else { throw XCTSkip("no wasi-testsuite at " + root) }
        var total = 0, passed = 0
        var lines: [String] = []
        var failures: [String] = []
        let only = ProcessInfo.processInfo.environment["WASI_TEST_FILTER"]
        for (suite, expected) in WASITestsuiteTests.suites {
            let dir = root + "/" + suite + "/wasm32-wasip1"
            // Tests write into their root: run them on a scratch copy.
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("wisp-wasi-suite-" + UUID().uuidString).path
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let tests = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".wasm") }.sorted()
            var suitePassed = 0
            for t in tests {
                let name = String(t.dropLast(5))
                if let only, !name.contains(only) { continue }
                var spec: [String: Any] = [:]
                if let data = FileManager.default.contents(atPath: dir + "/" + name + ".json") {
                    spec = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
                }
                var dirs: [(String, String)] = []
                if let r = spec["root"] as? String {
                    let copy = scratch + "/" + r
                    if !FileManager.default.fileExists(atPath: copy) {
                        let p = Process()
                        p.executableURL = URL(fileURLWithPath: "/bin/cp")
                        p.arguments = ["-r", dir + "/" + r, copy]
                        try p.run()
                        p.waitUntilExit()
                        _ = Process.run(["/bin/chmod", "-R", "u+w", copy])
                    }
                    GuestRunner.removeCleanups(copy)
                    dirs.append((copy, "/"))
                }
                let env = (spec["env"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value }
                let run = try execute(dir + "/" + t, spec["args"] as? [String] ?? [], env, dirs)
                for d in dirs { GuestRunner.removeCleanups(d.0) }
                var problems: [String] = []
                let code = spec["exit_code"] as? Int ?? 0
                if let e = run.error { problems.append(e) }
                if Int(run.status) != code { problems.append("exit \(run.status), expected \(code)") }
                if let o = spec["stdout"] as? String, o != run.stdout { problems.append("stdout \(run.stdout.debugDescription), expected \(o.debugDescription)") }
                if let o = spec["stderr"] as? String, o != run.stderr { problems.append("stderr \(run.stderr.debugDescription), expected \(o.debugDescription)") }
                total += 1
                if problems.isEmpty {
                    passed += 1
                    suitePassed += 1
                } else {
                    failures.append(suite + "/" + name + ": " + problems.joined(separator: "; ") + (run.stderr.isEmpty ? "" : "\n    stderr: " + run.stderr))
                }
            }
            lines.append("  " + suite + ": \(suitePassed) of \(only == nil ? expected : tests.count)")
        }
        print("WASI testsuite (" + label + "): \(passed) of \(total) passed")
        for l in lines { print(l) }
        for f in failures { print("FAIL " + f) }
        XCTAssertEqual(passed, total)
        if only == nil { XCTAssertEqual(total, 72) }
    }
}

extension Process {
    @discardableResult
    static func run(_ argv: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
