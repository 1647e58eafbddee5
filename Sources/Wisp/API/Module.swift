/// A decoded and validated module, ready to be instantiated any number of times.
public final class Module {
    public let engine: Engine
    /// The decoded binary.
    public let parsed: ParsedModule

    /// Decodes and validates a binary module.
    ///
    /// - Throws: `WispError.format` when the bytes are malformed or the module is invalid; the
    ///   error carries the byte offset.
    /// - Complexity: linear in the size of the binary; function bodies are translated lazily, on
    ///   their first call.
    public init(bytes: [UInt8], engine: Engine) throws(WispError) {
        self.engine = engine
        do {
            let parsed = try decodeModule(bytes, features: engine.configuration.features)
            try validateModule(parsed, features: engine.configuration.features)
            self.parsed = parsed
        } catch {
            throw WispError.format(error)
        }
    }

    /// The imports the module needs, in order.
    public var imports: [Import] { parsed.imports }
    /// The module's exports, in order.
    public var exports: [Export] { parsed.exports }
}
