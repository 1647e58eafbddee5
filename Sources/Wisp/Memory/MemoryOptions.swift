// The command line's memory options (`wisp run --memory-backend ... --max-memory ...`) as an
// engine configuration, so any front end can offer the same choices.

/// Memory settings given as text: a backend (`heap`, `static:BYTES`, `reserved`) and a cap.
public struct MemoryOptions: Equatable, Sendable {
    /// The backend of every memory (see `MemoryBackendChoice`).
    public enum Backend: Equatable, Sendable {
        /// Heap blocks from the store's allocator (`MemoryBackendChoice.heap`).
        case heap
        /// Each memory gets its own buffer of `bytes`, allocated once when the memory is created
        /// and freed with the engine: the memory can never grow past it.
        case staticBuffer(bytes: Int)
        /// Reserved address space, committed as the memory grows (`MemoryBackendChoice.reserved`).
        case reserved
    }

    /// nil leaves the engine's default (heap).
    public var backend: Backend?
    /// The caps `--max-memory` sets (none without it): each memory's pages, and the store's bytes.
    public var limits: ResourceLimits

    /// Parses `--memory-backend` (`heap`, `static:BYTES`, `reserved`) and `--max-memory BYTES`
    /// (caps each memory at BYTES, and all memories and tables of a store together at BYTES).
    /// BYTES is a number with an optional K, M or G suffix (also KiB, MiB, GiB; powers of 1024).
    ///
    /// - Throws: `WispError.resource` naming the option when a value cannot be parsed, or when
    ///   `reserved` is not available on this platform.
    public init(backend: String?, maxMemory: String?) throws(WispError) {
        limits = ResourceLimits()
        if let b = backend {
            if b == "heap" {
                self.backend = .heap
            } else if b == "reserved" {
                guard MemoryBackendChoice.isReservedAvailable else {
                    throw WispError.resource("--memory-backend reserved needs Linux or macOS on a 64-bit host")
                }
                self.backend = .reserved
            } else if b.hasPrefix("static:"), let n = MemoryOptions.parseBytes(String(b.dropFirst(7))) {
                self.backend = .staticBuffer(bytes: n)
            } else {
                throw WispError.resource("--memory-backend: expected heap, static:BYTES or reserved, got " + b)
            }
        }
        if let m = maxMemory {
            guard let n = MemoryOptions.parseBytes(m) else {
                throw WispError.resource("--max-memory: expected a byte count such as 65536, 64K or 16MiB, got " + m)
            }
            limits.maxMemoryPages = n / 65536
            limits.maxTotalBytes = n
        }
    }

    /// "1048576", "1024K", "1M", "1MiB" -> 1048576; nil when malformed or too large.
    public static func parseBytes(_ text: String) -> Int? {
        var digits = text
        var scale = 1
        for (suffix, s) in [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30)]
        where digits.hasSuffix(suffix) {
            digits.removeLast(suffix.count)
            scale = s
            break
        }
        guard !digits.isEmpty, let n = Int(digits), n >= 0 else { return nil }
        let (v, overflow) = n.multipliedReportingOverflow(by: scale)
        return overflow ? nil : v
    }

    /// Sets `configuration.memoryBackend` and `configuration.limits`.
    public func apply(to configuration: inout EngineConfiguration) {
        configuration.limits = limits
        switch backend {
        case nil:
            break
        case .heap:
            configuration.memoryBackend = { _ in .heap }
        case .reserved:
            configuration.memoryBackend = { _ in .reserved }
        case .staticBuffer(let bytes):
            let buffers = OwnedBuffers()
            configuration.memoryBackend = { _ in
                guard let b = buffers.make(bytes) else { return .staticBuffer(UnsafeMutableRawBufferPointer(start: nil, count: 0)) }
                return .staticBuffer(b)
            }
        }
    }
}

/// Buffers made for static memories on behalf of a configuration; freed when the last
/// configuration (and engine) holding them goes, after every store of that engine.
/// Stores are used from one thread at a time; an engine shared across threads must not create
/// static memories concurrently.
final class OwnedBuffers: @unchecked Sendable {
    private var buffers: [UnsafeMutableRawBufferPointer] = []

    func make(_ bytes: Int) -> UnsafeMutableRawBufferPointer? {
        guard let p = SystemAllocator.shared.primitiveAllocate(byteCount: max(bytes, 16), alignment: 16, tag: .linearMemory) else {
            return nil
        }
        let b = UnsafeMutableRawBufferPointer(start: p, count: bytes)
        buffers.append(b)
        return b
    }

    deinit {
        for b in buffers {
            SystemAllocator.shared.primitiveDeallocate(b.baseAddress!, byteCount: max(b.count, 16), alignment: 16, tag: .linearMemory)
        }
    }
}
