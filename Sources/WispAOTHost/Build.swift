// Building and loading ahead-of-time compiled code on a host with a C compiler and a dynamic
// loader: WispAOT's C through $CC/clang/cc to a shared object, and the shared object through
// dlopen to the `NativeCode` a module attaches. Used by `wisp compile`, `wisp run`, `wisp spectest
// --aot` and the AOT differential test (Fuzz/aotdiff.py).
import Foundation
import Wisp
import WispAOT
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why compiled code could not be built or loaded.
public struct ArtifactError: Error, CustomStringConvertible {
    /// What went wrong, in words.
    public var description: String
    /// An error saying `d`.
    public init(_ d: String) { description = d }
}

/// Loads a shared object of compiled code (from a file of its own: dlopen reads files). It stays
/// loaded for the life of the process: modules may be instantiated from it at any time.
public func loadSharedObject(_ object: [UInt8]) throws -> NativeCode {
    var template = Array((NSTemporaryDirectory() + "wisp-aot-XXXXXX.so").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 3) }
    guard fd >= 0 else { throw ArtifactError("cannot create a temporary file for the native code") }
    let soPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    defer { unlink(soPath) }
    let written = object.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    guard written == object.count else { throw ArtifactError("cannot write the native code to " + soPath) }
    guard let handle = dlopen(soPath, RTLD_NOW | RTLD_LOCAL) else {
        throw ArtifactError("cannot load the native code: " + String(cString: dlerror()))
    }
    guard let symbol = dlsym(handle, "wisp_aot_code") else { throw ArtifactError("the native code has no wisp_aot_code") }
    return try NativeCode(descriptor: symbol)
}

/// Compiles a module's C to a shared object with the system's C compiler; returns it and the
/// generator (which says what was compiled).
public func buildSharedObject(_ parsed: ParsedModule, optimization: String = "-O2") throws -> (object: [UInt8], generator: CGenerator) {
    var generator = CGenerator(module: parsed)
    let source = generator.generate(hash: moduleHash(parsed.bytes))
    let work = NSTemporaryDirectory() + "wisp-compile-" + String(getpid()) + "-" + String(UInt.random(in: 0..<UInt.max))
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let cPath = work + "/module.c", soPath = work + "/module.so"
    guard FileManager.default.createFile(atPath: cPath, contents: Data(source.utf8)) else {
        throw ArtifactError("cannot write " + cPath)
    }
    guard let cc = findCompiler() else { throw ArtifactError("no C compiler found: set $CC, or install clang or cc") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: cc)
    process.arguments = [optimization, "-shared", "-fPIC", "-w", "-fno-strict-aliasing", "-o", soPath, cPath, "-lm"]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let object = FileManager.default.contents(atPath: soPath) else {
        throw ArtifactError("the C compiler (" + cc + ") failed")
    }
    return ([UInt8](object), generator)
}

/// $CC, else clang, else cc, found on $PATH (or given as a path).
public func findCompiler() -> String? {
    let env = ProcessInfo.processInfo.environment
    let candidates = [env["CC"], "clang", "cc"].compactMap { $0 }.filter { !$0.isEmpty }
    let path = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
    for c in candidates {
        if c.contains("/") { if FileManager.default.isExecutableFile(atPath: c) { return c } else { continue } }
        for dir in path where FileManager.default.isExecutableFile(atPath: dir + "/" + c) { return dir + "/" + c }
    }
    return nil
}

