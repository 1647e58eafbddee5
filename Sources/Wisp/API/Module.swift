/// A decoded and validated module, ready to be instantiated any number of times.
public final class Module {
    public let engine: Engine
    /// The decoded binary.
    public let parsed: ParsedModule
    /// With lazy validation: what checks each body before its first translation (in a box: an
    /// optional reference copies for free, an optional of the large struct does not).
    let lazyValidation: LazyValidation?
    /// Whether `lazyValidation` is set.
    let validatesLazily: Bool

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
            let parsed = try decodeModule(bytes, features: engine.configuration.features)
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

    /// The imports the module needs, in order.
    public var imports: [Import] { parsed.imports }
    /// The module's exports, in order.
    public var exports: [Export] { parsed.exports }
}

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
    let context = try validateModuleStructure(parsed, features: features)
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
            var validator = FunctionValidator(context: context)
            for i in bounds[run]..<bounds[run + 1] {
                do throws(FormatError) {
                    try validator.validateBody(codes[i], typeIndex: parsed.functions[i], bytes: parsed.bytes)
                } catch {
                    out[run] = error
                    return
                }
            }
        }
    }
    for case let error? in errors { throw error }
}
#endif
