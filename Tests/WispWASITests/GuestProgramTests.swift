import Foundation
import XCTest
import WispWASI

/// Builds Tests/WASIPrograms/*.c with Scripts/build-wasi-programs.sh (once per test run).
enum GuestPrograms {
    static let dir = packageRoot + "/Tests/WASIPrograms"
    static let built: Bool = {
        let status = Process.run(["/bin/sh", packageRoot + "/Scripts/build-wasi-programs.sh"])
        return status == 0
    }()

    /// The path of a built guest program, or a skip if it cannot be built or found.
    static func path(_ name: String) throws -> String {
        let p = dir + "/" + name + ".wasm"
        if !built && !FileManager.default.fileExists(atPath: p) { throw XCTSkip("cannot build " + name + ".wasm") }
        XCTAssertTrue(built, "Scripts/build-wasi-programs.sh failed; using the committed " + name + ".wasm")
        return p
    }
}

/// A recursive snapshot of a folder: every path with its type, size, contents and mtime.
func snapshot(_ root: String) -> [String: String] {
    var result: [String: String] = [:]
    func visit(_ rel: String) {
        let full = rel.isEmpty ? root : root + "/" + rel
        var st = stat()
        guard lstat(full, &st) == 0 else { return }
        var desc = "mode \(st.st_mode) size \(st.st_size) mtime \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) nlink \(st.st_nlink)"
        if st.st_mode & S_IFMT == S_IFREG, let d = FileManager.default.contents(atPath: full) { desc += " data " + d.base64EncodedString() }
        if st.st_mode & S_IFMT == S_IFLNK, let t = try? FileManager.default.destinationOfSymbolicLink(atPath: full) { desc += " -> " + t }
        result[rel] = desc
        if st.st_mode & S_IFMT == S_IFDIR {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: full)) ?? [] {
                visit(rel.isEmpty ? name : rel + "/" + name)
            }
        }
    }
    visit("")
    return result
}

final class SandboxTests: XCTestCase {
    /// sandbox.c tries every escape route (.., absolute paths, host symlinks, guest symlinks,
    /// chains and loops, renames, links, every path_* call, fds of subdirectories, rights); each
    /// must fail with the right errno, and nothing outside the preopen may change.
    func testEscapesFailAndNothingOutsideChanges() throws {
        let program = try GuestPrograms.path("sandbox")
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("wisp-sandbox-" + UUID().uuidString).path
        defer { try? fm.removeItem(atPath: root) }
        let inside = root + "/inside", outside = root + "/outside"
        try fm.createDirectory(atPath: inside + "/a", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try "TOPSECRET".write(toFile: outside + "/secret.txt", atomically: false, encoding: .utf8)
        try "inside".write(toFile: inside + "/file.txt", atomically: false, encoding: .utf8)
        try fm.createSymbolicLink(atPath: inside + "/host_rel", withDestinationPath: "../outside")
        try fm.createSymbolicLink(atPath: inside + "/host_abs", withDestinationPath: outside)
        try fm.createSymbolicLink(atPath: inside + "/host_file", withDestinationPath: "../outside/secret.txt")
        try fm.createSymbolicLink(atPath: inside + "/chain1", withDestinationPath: "chain2")
        try fm.createSymbolicLink(atPath: inside + "/chain2", withDestinationPath: "a/../../outside")
        try fm.createSymbolicLink(atPath: inside + "/ok_link", withDestinationPath: "a")
        let before = snapshot(outside)
        let rootBefore = try fm.contentsOfDirectory(atPath: root).sorted()
        let parent = fm.temporaryDirectory.path
        let parentBefore = Set(try fm.contentsOfDirectory(atPath: parent))

        let run = try GuestRunner.run(program, dirs: [(inside, "/sandbox")])
        print(run.stdout)
        XCTAssertNil(run.error)
        XCTAssertEqual(run.status, 0, "failed checks:\n" + run.stdout.split(separator: "\n").filter { $0.hasPrefix("FAIL") }.joined(separator: "\n"))
        XCTAssertFalse(run.stdout.contains("FAIL"))
        XCTAssertFalse(run.stdout.contains("LEAKED"))
        XCTAssertFalse(run.stdout.contains("TOPSECRET"))
        XCTAssertTrue(run.stdout.contains("0 failure(s)"))
        XCTAssertGreaterThan(run.stdout.split(separator: "\n").filter { $0.hasPrefix("ok") }.count, 60)
        XCTAssertEqual(snapshot(outside), before, "something outside the preopen changed")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: root).sorted(), rootBefore)
        let created = Set(try fm.contentsOfDirectory(atPath: parent)).subtracting(parentBefore)
        XCTAssertTrue(created.isEmpty, "created next to the sandbox: \(created)")
        // What the guest may do inside did happen: its own symlinks exist.
        XCTAssertEqual(try fm.destinationOfSymbolicLink(atPath: inside + "/g_out"), "../outside")
        XCTAssertNil(try? fm.destinationOfSymbolicLink(atPath: inside + "/g_abs"))
    }

    /// Without a preopen the guest reaches no file at all.
    func testNoPreopenNoFiles() throws {
        let program = try GuestPrograms.path("sandbox")
        let run = try GuestRunner.run(program)
        XCTAssertEqual(run.status, 100)
        XCTAssertTrue(run.stdout.contains("no preopen"))
    }
}

/// wtool.c (find, wc, sort | uniq -c, clocks, args, env, writes) must print byte-identical output
/// and exit with the same status under Wisp and under the wasmtime Python package.
final class DifferentialTests: XCTestCase {
    func makeData(_ root: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/sub/deeper", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        try "banana apple\ncherry\napple\nzebra apple apple\n".write(toFile: root + "/one.txt", atomically: false, encoding: .utf8)
        try "apple pie\nbanana\ncherry\n\n".write(toFile: root + "/sub/two.txt", atomically: false, encoding: .utf8)
        var text = ""
        for i in 0..<500 { text += "line \(i % 37) of the long file, banana \(i % 5)\n" }
        try text.write(toFile: root + "/sub/deeper/long.txt", atomically: false, encoding: .utf8)
        try Data([0, 1, 2, 255, 10, 32, 65]).write(to: URL(fileURLWithPath: root + "/sub/blob.bin"))
        try fm.createSymbolicLink(atPath: root + "/link", withDestinationPath: "one.txt")
    }

    func testWtoolMatchesWasmtime() throws {
        let program = try GuestPrograms.path("wtool")
        guard Process.run(["/usr/bin/env", "python3", "-c", "import wasmtime"]) == 0 else {
            throw XCTSkip("the wasmtime Python package is not installed")
        }
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("wisp-diff-" + UUID().uuidString).path
        defer { try? fm.removeItem(atPath: tmp) }
        try makeData(tmp + "/wisp")
        try makeData(tmp + "/wasmtime")
        let args = ["/data", "apple", "banana", "cherry", "nothing"]

        // Reference.
        let refOut = tmp + "/ref.out", refErr = tmp + "/ref.err"
        let refStatus = Process.run(["/usr/bin/env", "python3", GuestPrograms.dir + "/run_wasmtime.py",
                                     "--dir", tmp + "/wasmtime::/data", "--env", "GREETING=hello world",
                                     "--stdout", refOut, "--stderr", refErr, program] + args)
        let reference = try String(contentsOfFile: refOut, encoding: .utf8)
        XCTAssertEqual(refStatus, 7)
        XCTAssertTrue(reference.contains("f /data/sub/deeper/long.txt"))

        // Wisp, in-process through WASI.run (the code path of `wisp run`).
        let run = try GuestRunner.run(program, args: args, env: ["GREETING=hello world"], dirs: [(tmp + "/wisp", "/data")])
        XCTAssertNil(run.error)
        XCTAssertEqual(run.status, 7)
        XCTAssertEqual(run.stdout, reference)
        XCTAssertEqual(run.stderr, try String(contentsOfFile: refErr, encoding: .utf8))
        if run.stdout != reference { printDiff(run.stdout, reference) }

        // And through the `wisp` binary, when it has been built next to the tests.
        let wisp = productsDirectory + "/wisp"
        if fm.isExecutableFile(atPath: wisp) {
            let out = tmp + "/wisp.out"
            fm.createFile(atPath: out, contents: nil)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: wisp)
            p.arguments = ["run", "--dir", tmp + "/wisp::/data", "--env", "GREETING=hello world", program] + args
            p.standardOutput = FileHandle(forWritingAtPath: out)
            try p.run()
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 7)
            XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), reference)
        }
        print("wtool: \(reference.split(separator: "\n").count) lines, identical under Wisp and Wasmtime: \(run.stdout == reference)")
    }

    func printDiff(_ a: String, _ b: String) {
        let la = a.split(separator: "\n", omittingEmptySubsequences: false), lb = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(la.count, lb.count) {
            let x = i < la.count ? String(la[i]) : "<none>", y = i < lb.count ? String(lb[i]) : "<none>"
            if x != y { print("line \(i + 1): wisp \(x.debugDescription) wasmtime \(y.debugDescription)") }
        }
    }
}

/// The folder holding the test bundle and the package's other products.
let productsDirectory: String = {
    for b in Bundle.allBundles where b.bundlePath.hasSuffix(".xctest") {
        return b.bundleURL.deletingLastPathComponent().path
    }
    return Bundle.main.bundleURL.path
}()
