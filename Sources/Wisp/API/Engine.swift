/// Settings shared by every store of an engine.
public struct EngineConfiguration: Sendable {
    /// The proposals modules may use (default: `.all`, every proposal Wisp implements).
    public var features: Features = .all
    /// Size of each VM value stack in 8-byte slots. Every WebAssembly frame (locals and operands)
    /// lives there; running out is the trap "call stack exhausted". Default: 1 Mi slots (8 MiB).
    public var stackSlots: Int = 1 << 20
    /// The deepest WebAssembly call nesting allowed before "call stack exhausted".
    public var maxCallDepth: Int = 100_000
    /// Fuel metering (see `Store.setFuel` and docs/fuel.md). When off, the translated code holds
    /// no metering instructions at all.
    public var fuelMetering: Bool = false
    /// Native stack a thread must still have before the engine calls a host function or enters
    /// WebAssembly from the host; with less, that call traps with "native stack exhausted" instead
    /// of overflowing. 0 turns the check off. The default and how it was measured: docs/stack-safety.md.
    public var nativeStackHeadroom: Int = 64 * 1024
    /// The lowest usable address of the current thread's stack, for platforms that cannot tell
    /// (bare metal); nil asks the OS (Linux, macOS).
    public var nativeStackLowerBound: (@Sendable () -> UInt?)? = nil
    /// Chooses where each linear memory lives (see `MemoryBackendChoice`); nil puts every memory on
    /// the heap. A store's `StoreConfiguration.memoryBackend` takes precedence.
    public var memoryBackend: MemoryBackendProvider? = nil
    /// Caps on memories, tables, instances and bytes for every store of the engine, unless a
    /// store's configuration gives its own. Default: none beyond WebAssembly's.
    public var limits: ResourceLimits = .none
    /// When function bodies are validated: `.eager` (the default) checks the whole module in
    /// `Module(bytes:engine:)`, so an invalid body is a load error; `.lazy` checks each body on
    /// its first call, just before translating it, so loading a large module costs only its
    /// decoding (as in Wasmi's lazy mode and WasmKit), and an invalid body shows up as a trap of
    /// the call that first reaches it (message: the validation error with its byte offset).
    public var validation: ValidationMode = .eager
#if canImport(Glibc) || canImport(Darwin)
    /// Threads that validate the function bodies of a module with more than a megabyte of code
    /// (`.eager` validation), one run of consecutive bodies each: 0 (the default) is one per
    /// processor, 1 validates on the calling thread alone. Errors are the same either way.
    public var validationThreads: Int = 0
#endif
    /// Every property at its default: all features, eager validation, no fuel metering, no limits,
    /// memories on the heap.
    public init() {}
}

/// When function bodies are validated (see `EngineConfiguration.validation`).
public enum ValidationMode: Sendable {
    /// Every body is checked in `Module(bytes:engine:)`, so an invalid one is a load error.
    case eager
    /// Each body is checked just before its first translation, so an invalid one traps the call that
    /// first reaches it; `Module.validateFunctionBodies` checks the rest later.
    case lazy
}

/// Compiles and holds configuration. Cheap to create; share one across stores.
public final class Engine {
    /// The settings the engine was created with: fixed for its lifetime and every store's.
    public let configuration: EngineConfiguration
    /// Creates an engine with `configuration`. Cheap: it only keeps the configuration.
    public init(configuration: EngineConfiguration = EngineConfiguration()) {
        self.configuration = configuration
    }
}
