import Synchronization

/// A decoded and validated module, ready to be instantiated any number of times.
public final class Module {
    /// The engine the module was loaded for; only that engine's stores can instantiate it.
    public let engine: Engine
    /// The decoded binary.
    public let parsed: ParsedModule
    /// With lazy validation: what checks each body before its first translation (in a box: an
    /// optional reference copies for free, an optional of the large struct does not).
    let lazyValidation: LazyValidation?
    /// Whether `lazyValidation` is set.
    let validatesLazily: Bool
#if !hasFeature(Embedded)
    /// Native code compiled ahead of time from this module (`attach(_:)`), run by the instances
    /// made afterwards.
    var nativeCode: NativeCode?
#endif
#if !WISP_NO_NAME_SECTION
    /// The function and local names, decoded on first use (`names`).
    private let lazyNames = LazyNames()
#endif

    /// Decodes and validates a binary module.
    ///
    /// - Throws: `WispError.format` when the bytes are malformed or the module is invalid; the
    ///   error carries the byte offset. With `EngineConfiguration.validation = .lazy`, function
    ///   bodies are not checked here but on their first call (an invalid one traps then).
    /// - Complexity: linear in the size of the binary; function bodies are translated lazily, on
    ///   their first call. On Linux and macOS the bodies of a module with more than a megabyte of
    ///   code are validated on several threads (`EngineConfiguration.validationThreads`).
    public init(bytes: [UInt8], engine: Engine) throws(WispError) {
        self.engine = engine
        do {
            let parsed = try decodeModule(bytes, features: engine.configuration.features, deferNames: true)
            if engine.configuration.validation == .lazy {
                lazyValidation = LazyValidation(try validateModuleStructure(parsed, features: engine.configuration.features))
            } else {
#if canImport(Glibc) || canImport(Darwin)
                try validateInParallel(parsed, features: engine.configuration.features,
                                       threads: engine.configuration.validationThreads)
#else
                try validateModule(parsed, features: engine.configuration.features)
#endif
                lazyValidation = nil
            }
            self.parsed = parsed
            validatesLazily = lazyValidation != nil
        } catch {
            throw WispError.format(error)
        }
    }

#if WISP_NO_NAME_SECTION
    /// The module's name section: empty, since builds with `WISP_NO_NAME_SECTION` never decode
    /// it (backtraces, stack captures and profiles then show function indices).
    public var names: NameSection { parsed.names }
#else
    /// The module's name section (function and local names, for backtraces, stack captures and
    /// profiles). `parsed.names` holds only the module name: the rest is decoded on first use.
    /// - Cost: the first call decodes the section (linear in its size; CPython's 14 MB take about
    ///   15 ms), later ones are free. Safe from any thread; not from a signal handler.
    public var names: NameSection { lazyNames.get(parsed) }
#endif

    /// Validates every function body of a module loaded with lazy validation
    /// (`EngineConfiguration.validation = .lazy`), so it ends up as checked as an eagerly
    /// validated one; does nothing for a module validated eagerly. Meant to run on a thread of
    /// its own while the module's instances already run (as `wisp run` does): it only reads the
    /// module, and a body called before this reaches it is still validated on its first call.
    /// - Parameter threads: on Linux and macOS, how many threads share the bodies (0: one per
    ///   processor, one per megabyte of code at most); elsewhere one.
    /// - Throws: `WispError.format`, with the error eager validation gives: that of the first
    ///   invalid body in the module's order.
    /// - Cost: what eager validation of the bodies costs (about 0.6 s of one core for CPython's
    ///   74 MB of code).
    public func validateFunctionBodies(threads: Int = 0) throws(WispError) {
        guard let lazyValidation else { return }
        do {
#if canImport(Glibc) || canImport(Darwin)
            try validateBodiesInParallel(parsed, context: lazyValidation.context, threads: threads)
#else
            try validateBodies(parsed, context: lazyValidation.context)
#endif
        } catch {
            throw WispError.format(error)
        }
    }

#if canImport(Glibc) || canImport(Darwin)
    /// `validateFunctionBodies(threads:)` on a thread of its own, so the module's instances can
    /// run meanwhile (`wisp run` does). `whenDone` runs on that thread at the end, with the error
    /// if a body is invalid (to interrupt the runs of an invalid module, say); `wait()` on the
    /// result returns the same. If no thread can be created, it all happens before this returns.
    /// - Cost: a thread, and `validateFunctionBodies`'s work on it.
    public func validateFunctionBodiesInBackground(threads: Int = 0, whenDone: @escaping (WispError?) -> Void = { _ in })
        -> BodyValidation {
        let validation = BodyValidation()
        let job = ParallelJob({ [self] _ in
            do throws(WispError) { try validateFunctionBodies(threads: threads) } catch { validation.error = error }
            whenDone(validation.error)
        }, 0)
        if let t = HostOS.startThread(job) { validation.thread = t } else { job.body(0) }
        return validation
    }
#endif

    /// The imports the module needs, in order.
    public var imports: [Import] { parsed.imports }
    /// The module's exports, in order.
    public var exports: [Export] { parsed.exports }
}

#if !WISP_NO_NAME_SECTION
/// A module's names, decoded once by the first thread that asks; the others wait for it. (A flag
/// and a spin, not a lock: the core has no OS, and the wait is one decoding at most.)
final class LazyNames: @unchecked Sendable {
    private let state = Atomic<Int>(0)  // 0: not decoded, 1: decoding, 2: `value` is set
    private var value = NameSection()

    func get(_ module: ParsedModule) -> NameSection {
        if state.load(ordering: .acquiring) == 2 { return value }
        if state.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged {
            value = decodeNames(module)
            state.store(2, ordering: .releasing)
            return value
        }
        while state.load(ordering: .acquiring) != 2 {}
        return value
    }
}
#endif

#if canImport(Glibc) || canImport(Darwin)
/// A validation of a module's bodies on a thread of its own (`Module.validateFunctionBodiesInBackground`).
public final class BodyValidation: @unchecked Sendable {
    fileprivate var thread: HostOS.Thread?
    fileprivate var error: WispError?

    /// Waits for the validation to end (from one thread at a time); returns the first invalid
    /// body's error, or nil if every body is valid.
    public func wait() -> WispError? {
        if let t = thread {
            HostOS.joinThread(t)
            thread = nil
        }
        return error
    }

    deinit {
        if let t = thread { HostOS.joinThread(t) }
    }
}
#endif

/// The validation context of a module validated lazily (see `EngineConfiguration.validation`).
final class LazyValidation {
    let context: ValidationContext
    init(_ context: ValidationContext) { self.context = context }
}

#if canImport(Glibc) || canImport(Darwin)
/// `validateModule`, with the function bodies split into `threads` runs of consecutive bodies of
/// about equal size (0: one per processor), each validated on a thread of its own; one run per
/// megabyte of code at most. The error thrown is the one `validateModule` throws: the first
/// invalid body in the module's order is the first of the lowest run that has one.
func validateInParallel(_ parsed: ParsedModule, features: Features, threads: Int) throws(FormatError) {
    try validateBodiesInParallel(parsed, context: try validateModuleStructure(parsed, features: features), threads: threads)
}

/// The bodies' part of `validateInParallel`.
func validateBodiesInParallel(_ parsed: ParsedModule, context: ValidationContext, threads: Int) throws(FormatError) {
    let codes = parsed.codes
    let codeBytes = codes.isEmpty ? 0 : codes[codes.count - 1].code.upperBound - codes[0].code.lowerBound
    let runs = max(1, min(threads > 0 ? threads : HostOS.processorCount, codeBytes >> 20, 64))
    var bounds = [0]
    if runs > 1 {
        let share = codeBytes / runs
        var next = codes[0].code.lowerBound + share
        for (i, body) in codes.enumerated() where body.code.lowerBound >= next && bounds.count < runs {
            bounds.append(i)
            next += share
        }
    }
    bounds.append(codes.count)
    var errors = [FormatError?](repeating: nil, count: bounds.count - 1)
    errors.withUnsafeMutableBufferPointer { out in
        HostOS.parallel(bounds.count - 1) { run in
            do throws(FormatError) {
                try validateBodies(parsed, context: context, range: bounds[run]..<bounds[run + 1])
            } catch {
                out[run] = error
            }
        }
    }
    for case let error? in errors { throw error }
}
#endif
