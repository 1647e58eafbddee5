import Foundation
import XCTest
import Wisp
import WispWASI

// How much native stack the WASI preview 1 functions take when called from WebAssembly
// (docs/stack-safety.md, "The budget, measured").
//
// Method: each measured call runs on a fresh thread whose whole stack (an mmap'd 1 MiB, under a
// PROT_NONE guard page) was filled with a pattern before the thread started. The thread takes the
// address of a local just before `Function.call` (the *entry*), makes the call, and then, before
// it exits, scans its stack upward from the bottom for the first byte that is no longer the
// pattern: the deepest byte anything wrote to during the call. Nothing is wrapped: the WASI
// functions run exactly as `WASI.define` made them, with their real caller and memory.
//
// The guest (Tests/Programs/wasiprobe.c) has one export per WASI function that calls the host
// import env.mark (which records the address of a local of a host closure: where a host
// function's frame starts) and then makes that single WASI call on its success path. So per
// function:
//   below entry = entry - deepest: interpreter entry + host call + the WASI function: what the
//                 headroom must cover once a check has passed (the checks are below the entry);
//   below host  = mark's local - deepest: the WASI function's own frames, from the host frame.
// Each function is measured in a fresh process (this test binary, run again for that one
// function): *cold* is its first WASI call there (libc symbols not yet bound, the Swift runtime's
// first metadata lookups for its types still to do), *warm* the second. The process also measures
// the export's first call, which only translates it (the first translation in the process), and
// then a second translation.
//
// Print the tables: swift test --filter WASIStackBudgetTests
// (add -c release -Xswiftc -enable-testing for the release build). To see what wrote the deepest
// byte, set WISP_STACK_PROBE_ADDRESSES=1 (prints the addresses) and watch that address in gdb.

/// The address of a local of the caller's frame: close enough to the stack pointer.
@inline(never) func stackProbeAddress() -> UInt {
    var x: UInt8 = 0
    return withUnsafeMutablePointer(to: &x) { UInt(bitPattern: $0) }
}

/// Runs a body on a thread whose stack was painted beforehand; reports how deep the body went.
enum PaintedStack {
    static let size = 1 << 20
    static let pattern: UInt64 = 0x5A17_E55C_0DE5_F00D

    final class Job {
        let body: () -> Void
        let low: UnsafeMutablePointer<UInt64>
        let words: Int
        var entry: UInt = 0
        var deepest: UInt = 0
        init(body: @escaping () -> Void, low: UnsafeMutablePointer<UInt64>, words: Int) {
            self.body = body
            self.low = low
            self.words = words
        }
    }

    /// The address of the lowest byte in `words` words from `low` that is not the pattern.
    @inline(never) static func lowestTouched(_ low: UnsafeMutablePointer<UInt64>, _ words: Int) -> UInt {
        var i = 0
        while i < words && low[i] == pattern { i += 1 }
        if i == words { return UInt(bitPattern: low + words) }
        var byte = 0  // little-endian: byte 0 is the lowest address
        while (low[i] ^ pattern) >> (8 * UInt64(byte)) & 0xFF == 0 { byte += 1 }
        return UInt(bitPattern: low + i) + UInt(byte)
    }

    /// Paints `size` bytes of the current thread's stack, ending `gap` bytes below this function's
    /// frame (the gap keeps the painting's own calls off it). Returns the painted words.
    @inline(never) static func paintBelow(gap: Int, size: Int) -> (low: UnsafeMutablePointer<UInt64>, words: Int) {
        let top = (stackProbeAddress() - UInt(gap)) & ~7
        let low = UnsafeMutablePointer<UInt64>(bitPattern: top - UInt(size))!
        low.initialize(repeating: pattern, count: size / 8)
        return (low, size / 8)
    }

    /// Runs `body` on a fresh painted thread. `entry`: a local of the frame that calls `body`;
    /// `deepest`: the lowest stack byte written while it ran. `bottom`: the stack's lowest address.
    /// Skips the test when locals are not on the thread's stack (AddressSanitizer's fake stacks).
    static func run(_ body: @escaping () -> Void) throws -> (entry: UInt, deepest: UInt, bottom: UInt) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard let mem = mmap(nil, size + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0),
              mem != UnsafeMutableRawPointer(bitPattern: -1) else { fatalError("mmap") }
        defer { munmap(mem, size + page) }
        mprotect(mem, page, PROT_NONE)  // an overflow faults instead of writing elsewhere
        let stack = (mem + page).bindMemory(to: UInt64.self, capacity: size / 8)
        stack.initialize(repeating: pattern, count: size / 8)
        let job = Job(body: body, low: stack, words: size / 8)
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        defer { pthread_attr_destroy(&attr) }
        pthread_attr_setstack(&attr, mem + page, size)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(job).toOpaque()
        guard pthread_create(&thread, &attr, paintedThreadMain, context) == 0 else { fatalError("pthread_create") }
        pthread_join(thread, nil)
        if ProcessInfo.processInfo.environment["WISP_STACK_PROBE_ADDRESSES"] != nil {
            // To see what wrote there: run again under gdb with ASLR off (the default) and
            // `watch *(unsigned long*)ADDRESS if *(unsigned long*)ADDRESS != PATTERN` after the mmap.
            print("painted stack: entry 0x" + String(job.entry, radix: 16) + " deepest 0x" + String(job.deepest, radix: 16))
        }
        let bottom = UInt(bitPattern: stack)
        guard job.entry > bottom && job.entry < bottom + UInt(size) else {
            throw XCTSkip("locals are not on the thread's stack (AddressSanitizer?): nothing to measure")
        }
        precondition(job.deepest - bottom > 64 << 10, "the painted stack was nearly used up")
        return (job.entry, job.deepest, bottom)
    }
}

private func paintedThreadMain(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    let job = Unmanaged<PaintedStack.Job>.fromOpaque(context!).takeRetainedValue()
    job.entry = stackProbeAddress()
    job.body()
    job.deepest = PaintedStack.lowestTouched(job.low, job.words)
    return nil
}

// Declared by glibc only under _GNU_SOURCE, which Swift's Glibc module does not define.
@_silgen_name("pthread_getattr_np")
private func probe_pthread_getattr_np(_ thread: pthread_t, _ attr: UnsafeMutablePointer<pthread_attr_t>) -> Int32

/// Uses at least `levels` KiB of native stack: a recursion whose every level fills 1 KiB of locals.
@inline(never) func useNativeStack(_ levels: Int) -> Int {
    if levels <= 0 { return 0 }
    return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 128) { buf in
        for i in 0..<128 { buf[i] = UInt64(truncatingIfNeeded: i &* levels) }
        return useNativeStack(levels - 1) &+ Int(truncatingIfNeeded: buf[levels & 127])
    }
}

final class WASIStackBudgetTests: XCTestCase {
    static let probe = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Programs/wasiprobe.wasm").path

    /// One measurement: the errno the guest got, and the depths in bytes (see the file comment).
    struct Sample {
        var errno: Int32 = -1
        var belowEntry = 0
        var belowHost = 0
    }

    /// What one fresh process measured of one export.
    struct Row {
        var name: String
        /// The export's first call (translation only; the first translation in the process) and
        /// a second translation afterwards, below the entry.
        var translation = 0
        var secondTranslation = 0
        var cold = Sample()
        var warm = Sample()
    }

    /// wasiprobe.wasm instantiated with WASI over a scratch directory, two socket pairs and a
    /// listening socket (fds 3, 4, 5, 6), and the env imports mark, nop and hog.
    final class Probe {
        let tmp: String
        let store: Store
        var instance: Instance!
        var markAddress: UInt = 0
        var peers: [Int32] = []      // the host's ends of the guest's sockets, and accepted clients
        let listenPath: String
        var target: Int32? = nil     // a guest fd for fd_renumber to replace

        init() throws {
            tmp = FileManager.default.temporaryDirectory.appendingPathComponent("wisp-stack-" + UUID().uuidString).path
            let fm = FileManager.default
            try fm.createDirectory(atPath: tmp + "/root/sub", withIntermediateDirectories: true)
            fm.createFile(atPath: tmp + "/root/file.txt", contents: Data(repeating: 0x61, count: 4096))
            try fm.createSymbolicLink(atPath: tmp + "/root/sub/link", withDestinationPath: "../file.txt")
            // stdin: a regular file opened for reading and writing, so fd 0 holds every right of a file
            // and serves the fd_* calls without a path_open first.
            fm.createFile(atPath: tmp + "/stdin", contents: Data(repeating: 0x62, count: 1 << 16))
            listenPath = tmp + "/listen.sock"

            var a: [Int32] = [0, 0], b: [Int32] = [0, 0]
            guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &a) == 0,
                  socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &b) == 0 else { throw POSIXError(.EIO) }
            peers = [a[1], b[1]]
            let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard Probe.withAddress(listenPath, { bind(listener, $0, $1) == 0 && listen(listener, 16) == 0 }) else {
                throw POSIXError(.EIO)
            }

            var config = WASIConfiguration()
            config.arguments = ["wasiprobe", "--first", "second argument", "3"]
            config.environment = ["HOME=/nowhere", "LANG=C.UTF-8", "PROBE=stack"]
            config.preopens = [.init(hostPath: tmp + "/root", guestPath: "/sandbox")]
            config.stdin = open(tmp + "/stdin", O_RDWR)
            config.stdout = open("/dev/null", O_WRONLY)
            config.stderr = config.stdout
            config.sockets = [a[0], b[0], listener]
            let wasi = try WASI(configuration: config)

            store = Store(engine: Engine())
            let module = try Module(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: WASIStackBudgetTests.probe))),
                                    engine: store.engine)
            var imports = Imports()
            wasi.define(into: &imports, store: store)
            imports.define(module: "env", name: "mark", .function(Function(store: store, type: FuncType(parameters: [], results: [])) {
                [unowned self] _, _ in
                self.markAddress = stackProbeAddress()
                return []
            }))
            imports.define(module: "env", name: "nop", .function(Function(store: store, type: FuncType(parameters: [.i32], results: [.i32])) { _, _ in
                [.i32(0)]
            }))
            imports.define(module: "env", name: "hog", .function(Function(store: store, type: FuncType(parameters: [.i32], results: [.i32])) { _, args in
                guard case .i32(let levels) = args[0] else { return [.i32(1)] }
                return [.i32(useNativeStack(Int(levels)) == -1 ? 1 : 0)]
            }))
            instance = try module.instantiate(store: store, imports: imports)
        }

        deinit {
            for fd in peers { close(fd) }
            try? FileManager.default.removeItem(atPath: tmp)
        }

        static func withAddress(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Bool) -> Bool {
            var addr = sockaddr_un()
            addr.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &addr.sun_path) { buf in
                for (i, b) in path.utf8.enumerated() where i < buf.count - 1 { buf[i] = b }
            }
            return withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
        }

        /// A new guest fd of file.txt (the guest's open_file export).
        func openFile() throws -> Int32 {
            guard case .i32(let fd)? = try instance.exportedFunction("open_file")!.call([]).first,
                  Int32(bitPattern: fd) >= 0 else { throw POSIXError(.EIO) }
            return Int32(bitPattern: fd)
        }

        /// Puts the host state the call of `name` consumes back, and returns the export's argument.
        func prepare(_ name: String) throws -> Int32 {
            let root = tmp + "/root/"
            let fm = FileManager.default
            switch name {
            case "hog": return 16
            case "fd_close", "fd_fdstat_set_rights": return try openFile()
            case "fd_renumber":
                if target == nil { target = try openFile() }
                return try openFile() | target! << 16
            case "path_create_directory": try? fm.removeItem(atPath: root + "newdir")
            case "path_link": try? fm.removeItem(atPath: root + "hardlink")
            case "path_symlink": try? fm.removeItem(atPath: root + "newlink")
            case "path_remove_directory": try fm.createDirectory(atPath: root + "olddir", withIntermediateDirectories: true)
            case "path_rename": fm.createFile(atPath: root + "from.txt", contents: Data("x".utf8))
            case "path_unlink_file": fm.createFile(atPath: root + "victim.txt", contents: Data("x".utf8))
            case "sock_recv": _ = write(peers[0], "sixty-four bytes or so for the guest's sock_recv to take in.....", 64)
            case "sock_accept":
                let client = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
                guard Probe.withAddress(listenPath, { connect(client, $0, $1) == 0 }) else { throw POSIXError(.EIO) }
                peers.append(client)
            default: break
            }
            return 0
        }

        /// The first call of the export `name` (which returns at once: translation only) on a
        /// painted thread: how deep below the entry translating it went.
        func measureTranslation(_ name: String) throws -> Int {
            let f = instance.exportedFunction(name)!
            var result: [Value] = []
            let run = try PaintedStack.run {
                do { result = try f.call([.i32(UInt32(bitPattern: -1))]) } catch { result = [] }
            }
            guard result == [.i32(UInt32(bitPattern: -1))] else { throw POSIXError(.EIO) }
            return Int(run.entry) - Int(run.deepest)
        }

        /// Calls the export `name` once on a painted thread (after a first call that only translates it).
        func measure(_ name: String) throws -> Sample {
            let f = instance.exportedFunction(name)!
            let arg = try prepare(name)
            var result: [Value] = []
            markAddress = 0
            let run = try PaintedStack.run {
                do { result = try f.call([.i32(UInt32(bitPattern: arg))]) } catch { result = [] }
            }
            var s = Sample()
            if case .i32(let e)? = result.first { s.errno = Int32(bitPattern: e) }
            s.belowEntry = Int(run.entry) - Int(run.deepest)
            s.belowHost = markAddress == 0 ? 0 : Int(markAddress) - Int(run.deepest)
            return s
        }
    }

    /// Every wasi_snapshot_preview1 function but proc_exit, in witx order.
    static let functions = [
        "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get", "clock_time_get",
        "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags",
        "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread",
        "fd_prestat_get", "fd_prestat_dir_name", "fd_pwrite", "fd_read", "fd_readdir", "fd_renumber", "fd_seek",
        "fd_sync", "fd_tell", "fd_write", "path_create_directory", "path_filestat_get", "path_filestat_set_times",
        "path_link", "path_open", "path_readlink", "path_remove_directory", "path_rename", "path_symlink",
        "path_unlink_file", "poll_oneoff", "proc_raise", "sched_yield", "random_get", "sock_accept", "sock_recv",
        "sock_send", "sock_shutdown",
    ]

    /// Lazy binding on Linux takes about 1.5 KiB (the issue's figure), added to every warm figure.
    static let lazyBinding = 1536
    /// Set in the child processes: measure only this export, cold then warm, and print one line.
    static let onlyVariable = "WISP_STACK_PROBE_ONLY"

    #if DEBUG
    static let build = "debug"
    #else
    static let build = "release"
    #endif

    /// Measures `name`: the first call of its export, which only translates it; then the call of
    /// the WASI function cold (its first in this process) and warm (the second).
    func measure(_ probe: Probe, _ name: String) throws -> Row {
        var row = Row(name: name)
        row.translation = try probe.measureTranslation(name)
        row.cold = try probe.measure(name)
        row.warm = try probe.measure(name)
        XCTAssertEqual(row.cold.errno, 0, name + " (cold) must take its success path")
        XCTAssertEqual(row.warm.errno, 0, name + " (warm) must take its success path")
        return row
    }

    /// Runs this test in a fresh process that measures only `name`: its first WASI call in that
    /// process, with every symbol it needs still unbound and every runtime lookup still to do.
    /// The process also reports a second translation (of `spare`), after the first.
    func measureInFreshProcess(_ name: String) throws -> Row? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        p.arguments = ["WispWASITests.WASIStackBudgetTests/testMeasureWASIFunctions"]
        p.environment = ProcessInfo.processInfo.environment.merging([WASIStackBudgetTests.onlyVariable: name]) { $1 }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("stack-probe ") {
            let f = line.split(separator: " ").dropFirst().map { Int($0) ?? -1 }
            guard f.count == 7 else { break }
            return Row(name: name, translation: f[0], secondTranslation: f[6],
                       cold: Sample(errno: Int32(f[1]), belowEntry: f[2], belowHost: 0),
                       warm: Sample(errno: Int32(f[3]), belowEntry: f[4], belowHost: f[5]))
        }
        XCTFail("no result from the process measuring " + name + " (status \(p.terminationStatus))")
        return nil
    }

    /// AddressSanitizer pads every frame with red zones, so its stack depths are not the
    /// budget's: the margins are only asserted in ordinary builds.
    static var underAddressSanitizer: Bool { dlsym(nil, "__asan_init") != nil }

    func testMeasureWASIFunctions() throws {
        if Self.underAddressSanitizer { throw XCTSkip("AddressSanitizer: frames are padded, the budget does not apply") }
        if let only = ProcessInfo.processInfo.environment[WASIStackBudgetTests.onlyVariable] {
            let probe = try Probe()
            let r = try measure(probe, only)
            let second = try probe.measureTranslation("spare")
            print("stack-probe \(r.translation) \(r.cold.errno) \(r.cold.belowEntry) \(r.warm.errno) \(r.warm.belowEntry) \(r.warm.belowHost) \(second)")
            return
        }
        XCTAssertEqual(WASIStackBudgetTests.functions.count, ImportTableTests.witx.count - 1)
        var rows: [Row] = []
        for name in ["nop", "hog"] + WASIStackBudgetTests.functions {
            guard let r = try measureInFreshProcess(name) else { continue }
            XCTAssertEqual(r.cold.errno, 0, name + " (cold) must take its success path")
            XCTAssertEqual(r.warm.errno, 0, name + " (warm) must take its success path")
            rows.append(r)
        }
        print("native stack of the WASI functions (" + WASIStackBudgetTests.build + " build, bytes)")
        print("| function | cold, below entry | warm, below entry | warm, below host frame |")
        for r in rows { print("| \(r.name) | \(r.cold.belowEntry) | \(r.warm.belowEntry) | \(r.warm.belowHost) |") }
        let wasi = rows.filter { WASIStackBudgetTests.functions.contains($0.name) }
        guard !wasi.isEmpty else { return XCTFail("nothing measured") }
        let worstWarm = wasi.max { $0.warm.belowEntry < $1.warm.belowEntry }!
        let worstCold = wasi.max { $0.cold.belowEntry < $1.cold.belowEntry }!
        let worstHost = wasi.max { $0.warm.belowHost < $1.warm.belowHost }!
        print("worst cold: \(worstCold.name) \(worstCold.cold.belowEntry); worst warm: \(worstWarm.name) \(worstWarm.warm.belowEntry); worst below host frame: \(worstHost.name) \(worstHost.warm.belowHost)")
        let firstTranslation = rows.map(\.translation).max()!, secondTranslation = rows.map(\.secondTranslation).max()!
        print("translation (a function's first call, below entry): first in a process up to \(firstTranslation), a later one up to \(secondTranslation)")

        // The probe sees deep use: the calibration host function fills 16 KiB of locals.
        if let hog = rows.first(where: { $0.name == "hog" }) {
            XCTAssertGreaterThanOrEqual(hog.warm.belowHost, 16 << 10, "the painting probe must see 16 KiB of host locals")
        }
        // The budget: the deepest WASI call from the entry (cold, or warm plus one lazy binding)
        // must fit the default headroom twice over.
        let headroom = EngineConfiguration().nativeStackHeadroom
        let need = max(worstCold.cold.belowEntry, worstWarm.warm.belowEntry + WASIStackBudgetTests.lazyBinding)
        print("WASI: need \(need) bytes of the default headroom \(headroom): margin x" + String(format: "%.2f", Double(headroom) / Double(need)))
        XCTAssertLessThanOrEqual(2 * need, headroom, "the default headroom must cover the deepest WASI call twice over")
        // The deepest engine path after a check: a function's first translation, the first in the
        // process (debug builds: the translator's frames and the runtime's first metadata lookups).
        print("translation: need \(firstTranslation) bytes: margin x" + String(format: "%.2f", Double(headroom) / Double(firstTranslation)))
        XCTAssertLessThanOrEqual(3 * firstTranslation, 2 * headroom, "the default headroom must cover a first translation 1.5 times over")
    }

    /// What the guard's first check on the main thread adds: it asks glibc for the stack bounds,
    /// and pthread_getattr_np reads /proc/self/maps for the main thread (other threads' bounds
    /// are a copy). Painted below the current frame, leaving a 2 KiB gap for the painting itself
    /// (checked: painting and scanning alone leave the painted words alone).
    func testMeasureMainThreadBoundsQuery() throws {
        guard Thread.isMainThread else { throw XCTSkip("not on the main thread") }
        let gap = 2 << 10
        var painted = PaintedStack.paintBelow(gap: gap, size: 128 << 10)
        let top = UInt(bitPattern: painted.low + painted.words)
        XCTAssertEqual(PaintedStack.lowestTouched(painted.low, painted.words), top, "the painting must not touch what it painted")
        painted = PaintedStack.paintBelow(gap: gap, size: 128 << 10)
        let entry = stackProbeAddress()
        guard entry > top && entry - top < 64 << 10 else { throw XCTSkip("locals are not on the stack (AddressSanitizer?)") }
        var attr = pthread_attr_t()
        XCTAssertEqual(probe_pthread_getattr_np(pthread_self(), &attr), 0)
        pthread_attr_destroy(&attr)
        let deepest = PaintedStack.lowestTouched(painted.low, painted.words)
        XCTAssertLessThan(deepest, top, "the query must reach below the unpainted gap")
        print("pthread_getattr_np on the main thread (" + WASIStackBudgetTests.build + " build): \(Int(entry) - Int(deepest)) bytes below the caller")
        XCTAssertLessThan(Int(entry) - Int(deepest), 16 << 10)
    }

    /// The cross-check with real programs: every wasi-testsuite program's `_start` on a painted
    /// thread (instantiated beforehand), in one process, so the first programs pay the cold costs.
    /// The peak below the entry covers translation, the interpreter and every WASI call they make.
    func testWASITestsuitePeak() throws {
        if Self.underAddressSanitizer { throw XCTSkip("AddressSanitizer: frames are padded, the budget does not apply") }
        let root = WASITestsuiteTests.suiteRoot
        guard FileManager.default.fileExists(atPath: root) else { throw XCTSkip("no wasi-testsuite at " + root) }
        let fm = FileManager.default
        var peaks: [(String, Int)] = []
        let only = ProcessInfo.processInfo.environment["WASI_TEST_FILTER"]
        for (suite, _) in WASITestsuiteTests.suites {
            let dir = root + "/" + suite + "/wasm32-wasip1"
            let scratch = fm.temporaryDirectory.appendingPathComponent("wisp-stack-suite-" + UUID().uuidString).path
            try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            defer { try? fm.removeItem(atPath: scratch) }
            for t in try fm.contentsOfDirectory(atPath: dir).filter({ $0.hasSuffix(".wasm") }).sorted() {
                let name = String(t.dropLast(5))
                if let only, !(suite + "/" + name).contains(only) { continue }
                var spec: [String: Any] = [:]
                if let data = fm.contents(atPath: dir + "/" + name + ".json") {
                    spec = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
                }
                var config = WASIConfiguration()
                config.arguments = [t] + (spec["args"] as? [String] ?? [])
                config.environment = (spec["env"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value }
                if let r = spec["root"] as? String {
                    let copy = scratch + "/" + name
                    XCTAssertEqual(Process.run(["/bin/cp", "-r", dir + "/" + r, copy]), 0)
                    _ = Process.run(["/bin/chmod", "-R", "u+w", copy])
                    config.preopens = [.init(hostPath: copy, guestPath: "/")]
                }
                let null = open("/dev/null", O_RDWR)
                defer { close(null) }
                config.stdin = null
                config.stdout = null
                config.stderr = null
                let wasi = try WASI(configuration: config)
                let store = Store(engine: Engine())
                let module = try Module(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + t))), engine: store.engine)
                guard case .instance(let instance) = try wasi.instantiate(module: module, store: store) else {
                    XCTFail(name + " exited while instantiating")
                    continue
                }
                let start = try WASI.entryPoint(instance, invoke: nil)
                var status: Int32 = -1
                let run = try PaintedStack.run {
                    do { status = try wasi.call(start, []).status } catch { status = -2 }
                }
                XCTAssertEqual(Int(status), spec["exit_code"] as? Int ?? 0, suite + "/" + name)
                peaks.append((suite + "/" + name, Int(run.entry) - Int(run.deepest)))
            }
        }
        if only == nil { XCTAssertEqual(peaks.count, 72) }
        guard let worst = peaks.max(by: { $0.1 < $1.1 }) else { return XCTFail("no program ran") }
        print("wasi-testsuite (" + WASIStackBudgetTests.build + " build): \(peaks.count) programs; deepest below the entry: " + worst.0 + " \(worst.1) bytes")
        for (name, peak) in peaks.sorted(by: { $0.1 > $1.1 }).prefix(5) { print("  " + name + " \(peak)") }
        let headroom = EngineConfiguration().nativeStackHeadroom
        print("margin x" + String(format: "%.2f", Double(headroom) / Double(worst.1)) + " in the default headroom \(headroom)")
        XCTAssertLessThanOrEqual(3 * worst.1, 2 * headroom, "a whole program's deepest point must fit the default headroom 1.5 times over")
    }
}
