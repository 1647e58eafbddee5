// `wisp spectest`: the spec-test runner on the command line.

import ArgumentParser
import Foundation
import Wisp
import WispAOTHost
import WispSpecTest

/// What `--aot` compiled: distinct modules, and their functions compiled and in all.
final class AOTTally {
    var modules = 0, functions = 0, compiled = 0
}

struct SpecTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectest",
        abstract: "Run spec test scripts: .wast files, wast2json's .json output, or a folder of either.",
        discussion: """
            Prints one line per script ("name: P passed, F failed, S skipped") and a total line. \
            Text modules (in .wast scripts and in JSON scripts' .wat files) are encoded by Wisp's own \
            text format parser. Exits with status 0 only when nothing failed.
            """)

    @OptionGroup var featureOptions: FeatureOptions

    @Flag(name: .shortAndLong, help: "Print each failure with its line, expected and actual values.")
    var verbose = false

    @Flag(help: "Run with fuel metering on (each invoke on an ample budget).")
    var fuel = false

    @Option(help: ArgumentHelp("Run with fuel metering on, each invoke in slices of N units, resuming after every suspension.", valueName: "N"))
    var fuelSlice: UInt64?

    @Flag(help: "Run each script in a child process, so a crash of the engine fails that script instead of ending the run.")
    var isolate = false

    @Flag(help: "Compile each module ahead of time (as `wisp compile` does, unoptimized to keep it quick) and run its compiled functions natively.")
    var aot = false

    @Argument(help: "A .json script or a folder of scripts.")
    var path: String

    func run() throws {
        lineBufferStandardOutput()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            printError("error: no such file or folder: " + path)
            throw ExitCode.failure
        }
        let scripts = isDir.boolValue ? SpecTestRunner.scripts(inFolder: path) : [path]
        if scripts.isEmpty {
            printError("error: no spec scripts (NAME/NAME.json or *.json) in " + path)
            throw ExitCode.failure
        }
        let suite: SpecSuiteResult
        let aotTally = AOTTally()
        if isolate {
            suite = SpecSuiteResult(files: scripts.map { runIsolated($0) })
        } else {
            var runner = SpecTestRunner(features: featureOptions.features.features, verbose: verbose)
            runner.configuration.fuelMetering = fuel || fuelSlice != nil
            runner.fuelSlice = fuelSlice
            if aot {
                // Scripts repeat modules: each binary is compiled once.
                var cache: [[UInt8]: NativeCode] = [:]
                runner.prepareModule = { module in
                    let hash = moduleHash(module.parsed.bytes)
                    do {
                        if cache[hash] == nil {
                            let built = try buildSharedObject(module.parsed, optimization: "-O0")
                            cache[hash] = try loadSharedObject(built.object)
                            aotTally.modules += 1
                            aotTally.functions += module.parsed.functions.count
                            aotTally.compiled += built.generator.compiled.filter { $0 }.count
                        }
                        try module.attach(cache[hash]!)
                        return nil
                    } catch {
                        return "aot: " + String(describing: error)
                    }
                }
            }
            suite = runner.run(path: path) { file in
                print(file.summaryLine)
                if verbose && !file.messageMismatches.isEmpty {
                    print("  (" + String(file.messageMismatches.count) + " passing assertion(s) with a different message)")
                }
            }
        }
        if aot && !isolate {
            print("aot: " + String(aotTally.modules) + " modules, " + String(aotTally.compiled) + " of " + String(aotTally.functions)
                  + " functions compiled (the others interpreted)")
        }
        print(suite.summaryLine)
        if suite.failed > 0 { throw ExitCode.failure }
    }

    /// Runs one script as `wisp spectest SCRIPT` in a child process and reads its counts from the
    /// child's total line. A child that dies (a crash in the engine) is one failure of the script.
    func runIsolated(_ script: String) -> SpecFileResult {
        var name = (script as NSString).lastPathComponent
        if name.hasSuffix(".json") { name.removeLast(5) }
        var result = SpecFileResult(name: name, path: script)
        func failed(_ why: String) -> SpecFileResult {
            result.failed += 1
            print(name + ": " + why)
            return result
        }
        let child = Process()
        child.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["spectest", script, "--features", featureOptions.features.text] + (verbose ? ["--verbose"] : []) + (aot ? ["--aot"] : [])
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"  // the crash's first line is enough here
        child.environment = environment
        let output = Pipe()
        child.standardOutput = output
        // Standard error goes to a file: a pipe nobody reads while stdout is drained could fill up.
        let errorPath = NSTemporaryDirectory() + "wisp-spectest-" + String(ProcessInfo.processInfo.processIdentifier) + ".err"
        FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        guard let errorFile = FileHandle(forWritingAtPath: errorPath) else { return failed("cannot create " + errorPath) }
        child.standardError = errorFile
        do {
            try child.run()
        } catch {
            return failed("cannot start a child process: " + String(describing: error))
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        try? errorFile.close()
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        let total = lines.last.flatMap(Self.parseTotals)
        if total != nil { lines.removeLast() }
        for line in lines { print(line) }
        guard child.terminationReason == .exit, let (p, f, s) = total else {
            let stderr = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            let firstLine = stderr.split(separator: "\n").first.map(String.init) ?? ""
            return failed("crashed (" + (child.terminationReason == .uncaughtSignal ? "signal " : "status ")
                          + String(child.terminationStatus) + ")" + (firstLine.isEmpty ? "" : ": " + firstLine))
        }
        result.passed = p
        result.failed = f
        result.skipped = s
        return result
    }

    /// Reads `N passed, M failed, K skipped`.
    static func parseTotals(_ line: String) -> (Int, Int, Int)? {
        let words = line.split(separator: " ")
        guard words.count == 6, words[1] == "passed,", words[3] == "failed,", words[5] == "skipped",
              let p = Int(words[0]), let f = Int(words[2]), let s = Int(words[4]) else { return nil }
        return (p, f, s)
    }
}
