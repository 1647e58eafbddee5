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
    ///   their first call.
    public init(bytes: [UInt8], engine: Engine) throws(WispError) {
        self.engine = engine
        do {
            let parsed = try decodeModule(bytes, features: engine.configuration.features)
            if engine.configuration.validation == .lazy {
                lazyValidation = LazyValidation(try validateModuleStructure(parsed, features: engine.configuration.features))
            } else {
                try validateModule(parsed, features: engine.configuration.features)
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
