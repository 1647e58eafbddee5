// Execution control for `wisp run`: fuel (--fuel, --fuel-report, --fuel-slice), a wall-clock
// limit (--timeout), a stack dump on SIGQUIT/SIGUSR1, and the sampling profiler (--profile).

import ArgumentParser
import Dispatch
import Foundation
import Wisp
import WispWASI

struct ExecutionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Stop the program when it has used N units of fuel (one per WebAssembly operator, docs/fuel.md).", valueName: "N"))
    var fuel: UInt64?

    @Flag(help: "Print \"fuel consumed: X\" on standard error at exit (and \"slices: K\" with --fuel-slice).")
    var fuelReport = false

    @Option(help: ArgumentHelp("Run in slices of N fuel units, resuming after each: the output is the same as an unsliced run.", valueName: "N"))
    var fuelSlice: UInt64?

    @Option(help: ArgumentHelp("Interrupt the program after SECONDS of wall-clock time, printing its stack.", valueName: "SECONDS"))
    var timeout: Double?

    @Option(help: ArgumentHelp("Write a sampling profile as collapsed stacks (flamegraph.pl, speedscope) to FILE.", valueName: "FILE"))
    var profile: String?

    @Option(help: ArgumentHelp("Samples per second of wall-clock time for --profile.", valueName: "HZ"))
    var profileRate: Double = 1000

    @Option(help: ArgumentHelp("Where linear memories live: heap, static:BYTES (a fixed buffer each), or reserved (a virtual reservation with guard pages).", valueName: "BACKEND"))
    var memoryBackend: String?

    @Option(help: ArgumentHelp("Cap each memory, and all memories and tables together, at BYTES (K, M, G suffixes).", valueName: "BYTES"))
    var maxMemory: String?

    var metered: Bool { fuel != nil || fuelReport || fuelSlice != nil }

    func validate() throws {
        if let s = fuelSlice, s == 0 { throw ValidationError("--fuel-slice must be at least 1") }
        if let t = timeout, !(t > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        if !(profileRate > 0 && profileRate <= 100_000) { throw ValidationError("--profile-rate must be between 0 and 100000") }
    }

    func configure(_ config: inout EngineConfiguration) throws {
        config.fuelMetering = metered
        do {
            try MemoryOptions(backend: memoryBackend, maxMemory: maxMemory).apply(to: &config)
        } catch {
            printError("error: " + error.description)
            throw ExitCode.failure
        }
    }
}

/// Runs one call of the program under the options, and prints what they ask for.
final class RunSession {
    let store: Store
    let options: ExecutionOptions
    private var slices = 0
    private var signalSources: [DispatchSourceSignal] = []
    private var profiler: Profiler?
    private var timer: DispatchSourceTimer?

    init(store: Store, options: ExecutionOptions) {
        self.store = store
        self.options = options
    }

    /// Everything that watches the run: started before the call, stopped after.
    func start() {
        let sampler = store.stackSampler
        for sig in [SIGQUIT, SIGUSR1] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                // Like a JVM thread dump: print where the guest is, and let it run on.
                let frames = sampler.capture() ?? []
                printError("wisp: guest stack (" + (sig == SIGQUIT ? "SIGQUIT" : "SIGUSR1") + "):" + RunSession.format(frames))
            }
            source.resume()
            signalSources.append(source)
        }
        if let seconds = options.timeout {
            let handle = store.interruptHandle
            let t = DispatchSource.makeTimerSource(queue: .global())
            t.schedule(deadline: .now() + seconds)
            t.setEventHandler { handle.interrupt(trap: true) }
            t.resume()
            timer = t
        }
        if let path = options.profile {
            profiler = Profiler(sampler: sampler, rate: options.profileRate, path: path)
            profiler!.start()
        }
    }

    func stop() {
        timer?.cancel()
        for s in signalSources { s.cancel() }
        if let p = profiler {
            do { try p.finish() } catch { printError("error: cannot write the profile: \(error)") }
        }
    }

    static func format(_ frames: [StackFrame]) -> String {
        var s = ""
        for (i, f) in frames.enumerated() {
            s += "\n  " + String(i) + ": " + (f.isHost ? "<host function>" : (f.name ?? "<func " + String(f.functionIndex) + ">"))
            if let o = f.codeOffset { s += " @ code+0x" + String(o, radix: 16) }
        }
        return s
    }

    /// Calls `function` (after `initializer`, a reactor's `_initialize`, under the same budget
    /// and watchers); returns the exit status and results. Traps print and exit 134.
    func call(_ function: Function, _ values: [Value], after initializer: Function? = nil) throws -> (status: Int32, results: [Value]) {
        start()
        defer {
            stop()
            report()
        }
        do {
            if options.metered {
                let budget = options.fuel ?? UInt64.max
                try store.setFuel(options.fuelSlice.map { min($0, budget) } ?? budget)
            }
            if let initializer {
                let (status, _) = try run(initializer, [])
                if status != 0 { return (status, []) }
            }
            return try run(function, values)
        } catch let t as Trap {
            if t.kind == .exit { return (t.exitCode ?? 0, []) }
            if t.kind == .outOfFuel {
                printError("wisp: out of fuel (consumed " + String(store.fuelConsumed) + ")" + Trap.format(t.backtrace))
            } else {
                printError(t.description)
            }
            throw ExitCode(134)
        }
    }

    /// One call, resumed slice after slice while --fuel-slice grants more.
    private func run(_ function: Function, _ values: [Value]) throws -> (status: Int32, results: [Value]) {
        var outcome = try function.callResumable(values)
        while case .suspended(let call) = outcome {
            let used = store.fuelConsumed
            if call.reason == .outOfFuel, let slice = options.fuelSlice, used < (options.fuel ?? UInt64.max) {
                // A slice ended: grant the next one (never beyond --fuel) and continue.
                slices += 1
                try store.addFuel(min(slice, (options.fuel ?? UInt64.max) - used))
                outcome = try call.resume()
                continue
            }
            let what = call.reason == .outOfFuel ? "out of fuel (consumed " + String(used) + ")" : String(describing: call.reason)
            printError("wisp: " + what + Trap.format(call.backtrace))
            throw ExitCode(134)
        }
        guard case .returned(let results) = outcome else { return (0, []) }
        return (0, results)
    }

    func report() {
        guard options.fuelReport else { return }
        printError("fuel consumed: " + String(store.fuelConsumed))
        if options.fuelSlice != nil { printError("slices: " + String(slices + 1)) }
    }
}

/// A sampling profiler on its own thread: at a fixed real-time rate it reads the guest's stack
/// (lock-free, without stopping it) and counts each distinct stack.
final class Profiler: @unchecked Sendable {
    let sampler: StackSampler
    let period: UInt64
    let path: String
    private var counts: [String: Int] = [:]
    private var running = true
    private let lock = NSLock()
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)

    init(sampler: StackSampler, rate: Double, path: String) {
        self.sampler = sampler
        self.period = UInt64(1_000_000_000 / rate)
        self.path = path
    }

    func start() {
        let t = Thread { [self] in
            var next = DispatchTime.now().uptimeNanoseconds
            while isRunning() {
                if let frames = sampler.capture(), !frames.isEmpty {
                    let key = frames.reversed().map { f in
                        f.isHost ? "[host]" : (f.name ?? "func[" + String(f.functionIndex) + "]")
                    }.joined(separator: ";")
                    counts[key, default: 0] += 1
                }
                // Absolute deadlines keep the rate a real-time rate whatever each sample costs.
                next += period
                let now = DispatchTime.now().uptimeNanoseconds
                if next > now { usleep(UInt32((next - now) / 1000)) } else { next = now }
            }
            done.signal()
        }
        thread = t
        t.start()
    }

    private func isRunning() -> Bool {
        lock.lock(); defer { lock.unlock() }
        return running
    }

    func finish() throws {
        lock.lock(); running = false; lock.unlock()
        done.wait()
        let text = counts.sorted { $0.key < $1.key }.map { $0.key + " " + String($0.value) }.joined(separator: "\n")
        try (text + (text.isEmpty ? "" : "\n")).write(toFile: path, atomically: true, encoding: .utf8)
    }
}
