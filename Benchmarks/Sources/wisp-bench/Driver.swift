import BenchSupport
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A module that has been loaded and instantiated, ready for timed calls of `run`.
struct LoadedWorkload {
    /// Calls the exported `run` once, with `argument` if the function takes one, and
    /// returns its result as "i32:<unsigned decimal>" or "i64:<unsigned decimal>",
    /// the same canonical form the Python harness prints, so runtimes can be compared.
    let callRun: (_ argument: UInt32) throws -> String
}

/// What the startup benchmark measures, in seconds.
struct StartupTimes {
    /// Decoding and validating the binary (for WasmKit: decoding only; it validates
    /// function bodies when it translates them).
    var parse: Double
    /// Instantiating with trapping stub imports; with eager translation this includes
    /// translating every function body.
    var instantiate: Double
    /// A short description of what the phases include for this runtime.
    var note: String
}

/// One engine under test. Each lives in its own file that imports only that engine,
/// since Wisp and WasmKit export types with the same names (Engine, Store, Module...).
struct RuntimeDriver {
    let name: String
    let load: (_ bytes: [UInt8]) throws -> LoadedWorkload
    let startup: (_ bytes: [UInt8], _ eager: Bool) throws -> StartupTimes
    /// Compiles the module once, then instantiates it `count` times, each in a store of its own
    /// (one tenant each); returns what keeps them all alive.
    let instances: (_ bytes: [UInt8], _ count: Int) throws -> [Any]
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Monotonic time in seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Peak resident set size of this process so far, in KiB.
func maxRSSKiB() -> Int {
    var usage = rusage()
    #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
        getrusage(RUSAGE_SELF, &usage)
    #endif
    return Int(usage.ru_maxrss)
}

/// Current resident set size in KiB (from /proc/self/statm), or -1 where unavailable.
func currentRSSKiB() -> Int {
    guard let f = fopen("/proc/self/statm", "r") else { return -1 }
    defer { fclose(f) }
    var buffer = [CChar](repeating: 0, count: 256)
    guard fgets(&buffer, Int32(buffer.count), f) != nil else { return -1 }
    let line = buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
    let fields = String(decoding: line, as: UTF8.self).split(separator: " ")
    guard fields.count >= 2, let pages = Int(fields[1]) else { return -1 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
}

func readFile(_ path: String) throws -> [UInt8] {
    guard let f = fopen(path, "rb") else { throw BenchError("cannot open \(path)") }
    defer { fclose(f) }
    fseek(f, 0, SEEK_END)
    let size = ftell(f)
    fseek(f, 0, SEEK_SET)
    guard size >= 0 else { throw BenchError("cannot size \(path)") }
    var bytes = [UInt8](repeating: 0, count: size)
    let read = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, size, f) }
    guard read == size else { throw BenchError("short read of \(path)") }
    return bytes
}

/// Bytes the C heap has handed out and not taken back (small and mmap-served blocks), or -1.
func heapInUseBytes() -> Int {
    Int(bench_heap_in_use())
}
