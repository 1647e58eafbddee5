// Resource limits: checked when a memory or table is created and on every grow (from
// `memory.grow`, `table.grow`, or the API), and when an instance is created. A refusal is an
// ordinary outcome: -1 from a grow, `WispError.resource` from instantiation.

/// Caps on what a store may hold. nil means no cap beyond WebAssembly's own.
public struct ResourceLimits: Equatable, Sendable {
    /// The most 64 KiB pages any one linear memory may have.
    public var maxMemoryPages: Int?
    /// The most elements any one table may have. Tables are also capped at 10,000,000 elements
    /// regardless, so a guest cannot ask for 2^32.
    public var maxTableElements: Int?
    /// The most instances a store may hold.
    public var maxInstances: Int?
    /// The most bytes all linear memories and table storage of a store may take together.
    public var maxTotalBytes: Int?

    /// The given caps; each nil leaves that resource capped by WebAssembly alone.
    public init(maxMemoryPages: Int? = nil, maxTableElements: Int? = nil, maxInstances: Int? = nil, maxTotalBytes: Int? = nil) {
        self.maxMemoryPages = maxMemoryPages
        self.maxTableElements = maxTableElements
        self.maxInstances = maxInstances
        self.maxTotalBytes = maxTotalBytes
    }

    /// No caps.
    public static let none = ResourceLimits()
}

/// What a limiter callback is asked about.
public enum ResourceKind: Equatable, Sendable {
    /// A linear memory, sized in pages.
    case memory
    /// A table, sized in elements.
    case table
    /// An instance; `current` and `desired` count the store's instances.
    case instance
}

/// One request to create or grow something, passed to the limiter after the `ResourceLimits`
/// checks passed.
public struct ResourceRequest: Equatable, Sendable {
    /// What is created or grown, which says what `current`, `desired` and `maximum` count.
    public var kind: ResourceKind
    /// The current size (0 when creating).
    public var current: Int
    /// The size asked for.
    public var desired: Int
    /// The type's maximum, if any.
    public var maximum: Int?
    /// Bytes of memories and tables the store holds now.
    public var totalBytes: Int
    /// Bytes of memories and tables the store would hold after the request.
    public var totalBytesAfter: Int
    /// A request with the given fields, e.g. to test a limiter outside the engine.
    public init(kind: ResourceKind, current: Int, desired: Int, maximum: Int?, totalBytes: Int, totalBytesAfter: Int) {
        self.kind = kind
        self.current = current
        self.desired = desired
        self.maximum = maximum
        self.totalBytes = totalBytes
        self.totalBytesAfter = totalBytesAfter
    }
}

/// Decides a request: true to allow. Runs on the thread using the store, inside `memory.grow` when
/// the guest grows: keep it short, and do not call into the store from it.
public typealias ResourceLimiter = (ResourceRequest) -> Bool

/// A store's accounting: its allocator, limits, limiter and running totals. Entities hold it
/// strongly, so it outlives the store while any entity (or a handle to one) does.
final class ResourceAccount {
    let allocator: Allocator
    let limits: ResourceLimits
    let limiter: ResourceLimiter?
    var totalBytes = 0
    var instances = 0
    /// Start addresses of the static buffers memories of this store live in: one memory per buffer.
    var staticBuffers: [UInt] = []

    init(allocator: Allocator, limits: ResourceLimits, limiter: ResourceLimiter?) {
        self.allocator = allocator
        self.limits = limits
        self.limiter = limiter
    }

    /// Checks a create or grow of a memory or table from `current` to `desired` units of
    /// `unitBytes`; returns why it is refused, or nil.
    func check(_ kind: ResourceKind, current: Int, desired: Int, maximum: Int?, unitBytes: Int) -> String? {
        switch kind {
        case .memory:
            // The limit counts 64 KiB pages; a memory's pages may be smaller (custom page sizes).
#if WISP_NO_CUSTOM_PAGE_SIZES
            let over = limits.maxMemoryPages.map { desired > $0 } ?? false
#else
            let over = limits.maxMemoryPages.map { desired > ($0 > Int.max >> 16 ? Int.max : ($0 << 16) / unitBytes) } ?? false
#endif
            if over, let m = limits.maxMemoryPages {
                return "memory of " + String(desired) + " pages exceeds the limit of " + String(m) + " pages"
            }
        case .table:
            if let m = limits.maxTableElements, desired > m {
                return "table of " + String(desired) + " elements exceeds the limit of " + String(m) + " elements"
            }
        case .instance:
            if let m = limits.maxInstances, desired > m {
                return "more than " + String(m) + " instances"
            }
        }
        let (added, overflow) = (desired - current).multipliedReportingOverflow(by: unitBytes)
        let after = overflow ? Int.max : totalBytes &+ added
        if let m = limits.maxTotalBytes, overflow || after > m || after < totalBytes {
            return "the store's memories and tables would exceed the limit of " + String(m) + " bytes"
        }
        if let l = limiter {
            let r = ResourceRequest(kind: kind, current: current, desired: desired, maximum: maximum,
                                    totalBytes: totalBytes, totalBytesAfter: after)
            if !l(r) { return "refused by the resource limiter" }
        }
        return nil
    }
}
