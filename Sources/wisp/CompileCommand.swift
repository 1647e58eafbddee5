// `wisp compile`: a module to native code ahead of time (WispAOT's C, built by the system's C
// compiler), packed with the module into an artifact that `wisp run` recognizes by its contents.
import ArgumentParser
import Foundation
import Wisp
import WispAOT
import WispAOTHost
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An artifact: what `wisp compile -o` writes.
///
/// Layout (integers little-endian): the magic `\0wisp-aot\0`, a format version (u32), the Wisp
/// version, the target and the feature list (each a u32 length and UTF-8), the interface version
/// (u32), then the module's binary and the shared object (each a u64 length and the bytes).
struct Artifact {
    static let magic: [UInt8] = Array("\u{0}wisp-aot\u{0}".utf8)
    static let formatVersion: UInt32 = 1
    static let wispVersion = "0.1.0"

    var target: String
    var features: String
    var abi: UInt32
    var module: [UInt8]
    var sharedObject: [UInt8]

    /// The machine and system this build of Wisp runs on, which compiled code must match.
    static var hostTarget: String {
        var arch = "unknown"
        #if arch(x86_64)
        arch = "x86_64"
        #elseif arch(arm64)
        arch = "aarch64"
        #endif
        #if os(Linux)
        return arch + "-linux"
        #elseif os(macOS)
        return arch + "-macos"
        #else
        return arch + "-unknown"
        #endif
    }

    static func isArtifact(_ bytes: [UInt8]) -> Bool { bytes.starts(with: magic) }

    func encoded() -> [UInt8] {
        var out = Artifact.magic
        func u32(_ v: UInt32) { for s in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(s)))) } }
        func u64(_ v: UInt64) { for s in 0..<8 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(s)))) } }
        func string(_ s: String) { u32(UInt32(s.utf8.count)); out += Array(s.utf8) }
        u32(Artifact.formatVersion)
        string(Artifact.wispVersion)
        string(target)
        string(features)
        u32(abi)
        u64(UInt64(module.count)); out += module
        u64(UInt64(sharedObject.count)); out += sharedObject
        return out
    }

    /// Reads an artifact; the error says what is wrong with it.
    static func decode(_ bytes: [UInt8]) throws(ArtifactError) -> Artifact {
        var at = magic.count
        func take(_ n: Int) throws(ArtifactError) -> ArraySlice<UInt8> {
            guard n >= 0, bytes.count - at >= n else { throw ArtifactError("the artifact is truncated") }
            defer { at += n }
            return bytes[at..<at + n]
        }
        func u32() throws(ArtifactError) -> UInt32 { try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) } }
        func u64() throws(ArtifactError) -> UInt64 { try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) } }
        func string() throws(ArtifactError) -> String { String(decoding: try take(Int(try u32())), as: UTF8.self) }
        guard try u32() == formatVersion else { throw ArtifactError("the artifact's format is not one this wisp reads") }
        let version = try string()
        guard version == wispVersion else {
            throw ArtifactError("the artifact was compiled by wisp " + version + ", this is wisp " + wispVersion + ": compile it again")
        }
        let target = try string()
        let features = try string()
        let abi = try u32()
        let moduleLength = try u64()
        guard moduleLength <= UInt64(bytes.count) else { throw ArtifactError("the artifact is truncated") }
        let module = Array(try take(Int(moduleLength)))
        let objectLength = try u64()
        guard objectLength <= UInt64(bytes.count) else { throw ArtifactError("the artifact is truncated") }
        let object = Array(try take(Int(objectLength)))
        return Artifact(target: target, features: features, abi: abi, module: module, sharedObject: object)
    }
}

/// Loads an artifact's module with its native code, checking that it was made for this wisp,
/// this machine and these features.
func loadArtifact(_ bytes: [UInt8], path: String, engine: Engine, features: String) throws -> Module {
    func fail(_ message: String) -> ExitCode {
        printError("error: " + path + ": " + message)
        return ExitCode.failure
    }
    let artifact: Artifact
    do {
        artifact = try Artifact.decode(bytes)
    } catch {
        throw fail(error.description)
    }
    guard artifact.target == Artifact.hostTarget else {
        throw fail("the artifact was compiled for " + artifact.target + ", this machine is " + Artifact.hostTarget)
    }
    guard artifact.features == features else {
        throw fail("the artifact was compiled with --features " + artifact.features + ", not " + features + ": compile it with the same features")
    }
    guard artifact.abi == UInt32(CGenerator.abi) else { throw fail("the artifact's code uses another interface version") }
    let module: Module
    do {
        module = try Module(bytes: artifact.module, engine: engine)
    } catch {
        throw fail(error.description)
    }
    do {
        try module.attach(try loadSharedObject(artifact.sharedObject))
    } catch let e as ArtifactError {
        throw fail(e.description)
    } catch {
        throw fail(String(describing: error))
    }
    return module
}

struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile a module ahead of time to native code, for `wisp run`.",
        discussion: """
            Writes an artifact holding the module and its native code; `wisp run ARTIFACT` runs it \
            with every option `wisp run` has (an artifact is recognized by its contents, whatever its \
            name). The code is C made from the module and built by the C compiler ($CC, else clang, \
            else cc). With --emit-c DIR, writes the C instead (DIR/NAME.c), for a program to compile \
            into itself. Functions using what the compiler does not translate yet (SIMD, exceptions, \
            tail calls, tables beyond call_indirect, memory64, several memories) stay interpreted; \
            --verbose lists them. With fuel metering on (--fuel), the interpreter runs everything.
            """)

    @OptionGroup var featureOptions: FeatureOptions

    @Option(name: .shortAndLong, help: "The artifact to write.")
    var output: String?

    @Option(name: .customLong("emit-c"), help: ArgumentHelp("Write the C source into this directory instead.", valueName: "DIR"))
    var emitC: String?

    @Flag(help: "List the functions left to the interpreter, and why.")
    var verbose = false

    @Argument(help: "The module (.wasm binary, or .wat text).")
    var module: String

    func run() throws {
        guard (output == nil) != (emitC == nil) else {
            printError("error: give either -o ARTIFACT or --emit-c DIR")
            throw ExitCode.failure
        }
        var config = featureOptions.makeConfiguration()
        config.validation = .eager
        let engine = Engine(configuration: config)
        let (loaded, _) = try loadModule(module, engine: engine)
        let bytes = loaded.parsed.bytes
        let name = URL(fileURLWithPath: module).deletingPathExtension().lastPathComponent
        if let dir = emitC {
            var generator = CGenerator(module: loaded.parsed)
            let source = generator.generate(hash: moduleHash(bytes))
            report(generator, loaded.parsed)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let path = dir + "/" + name + ".c"
            guard FileManager.default.createFile(atPath: path, contents: Data(source.utf8)) else {
                printError("error: cannot write " + path)
                throw ExitCode.failure
            }
            return
        }
        let built: (object: [UInt8], generator: CGenerator)
        do {
            built = try buildSharedObject(loaded.parsed)
        } catch {
            printError("error: " + module + ": " + String(describing: error))
            throw ExitCode.failure
        }
        report(built.generator, loaded.parsed)
        let artifact = Artifact(target: Artifact.hostTarget, features: featureOptions.features.text, abi: UInt32(CGenerator.abi),
                                module: bytes, sharedObject: built.object)
        guard FileManager.default.createFile(atPath: output!, contents: Data(artifact.encoded())) else {
            printError("error: cannot write " + output!)
            throw ExitCode.failure
        }
    }

    func report(_ generator: CGenerator, _ parsed: ParsedModule) {
        if verbose {
            for (f, why) in generator.skipped {
                printError("interpreted: function " + String(parsed.importedFunctionCount + f) + ": " + why)
            }
        }
        printError("compiled " + String(generator.compiled.filter { $0 }.count) + " of " + String(parsed.functions.count) + " functions")
    }
}
