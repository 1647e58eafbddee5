// Where a linear memory's bytes live. The embedder picks per memory, through a provider in the
// engine or store configuration that sees every memory the engine creates: those a module defines
// and those the host creates with `Memory(store:type:)`.
//
// Whatever the backend, the interpreter keeps its explicit bounds check on every access (see
// docs/memory.md): the reserved backend's guard region is defence in depth, not the check.

/// The memory the engine is about to create, as a backend provider sees it.
public struct MemoryRequest: Sendable {
    /// Who creates the memory.
    public enum Origin: Equatable, Sendable {
        /// Defined by a module being instantiated.
        case module
        /// Created by the host through `Memory(store:type:)`.
        case host
    }
    /// The memory's type: as the module declares it, or as the host passed it.
    public var type: MemoryType
    /// Index in the module's memory index space (imports first); 0 for host memories.
    public var index: Int
    /// Whether a module being instantiated or the host creates the memory.
    public var origin: Origin
    /// The module's name from its `name` section, if it has one.
    public var moduleName: String?
    /// The pages it will have at most: the type's maximum, capped by the store's `ResourceLimits`.
    public var maxPages: Int

    /// Whether the module defines the memory itself (imported memories are never requested: they
    /// already exist).
    public var isDefined: Bool { origin == .module }
}

/// The backend for one memory.
public enum MemoryBackendChoice {
    /// Heap blocks from the store's allocator (tag `.linearMemory`); growing reallocates, so the
    /// memory may move (in place when the allocator can extend the block).
    case heap
    /// The memory lives in this caller-owned buffer, which must stay valid and be used by nothing
    /// else while the memory exists. It grows within the buffer; `memory.grow` past the buffer
    /// returns -1. Nothing is allocated for it. The buffer's start must be 16-byte aligned for
    /// aligned accesses to be fast (any alignment is correct).
    case staticBuffer(UnsafeMutableRawBufferPointer)
    /// Reserves address space for the largest size the memory may reach plus
    /// `MemoryBackendChoice.reservedGuardBytes`, and commits pages as it grows: the memory never
    /// moves. Linux and macOS on 64-bit hosts only (`isReservedAvailable`); elsewhere creating
    /// such a memory fails with `WispError.resource`. Committed bytes count toward the store's
    /// limits; nothing goes through the allocator.
    case reserved

    /// Inaccessible bytes reserved after the largest size a reserved memory may reach.
    public static let reservedGuardBytes = 64 * 1024

    /// Whether `.reserved` works on this platform.
    public static var isReservedAvailable: Bool {
        #if canImport(Glibc) || canImport(Darwin)
        return Int.bitWidth == 64
        #else
        return false
        #endif
    }
}

/// Chooses the backend of each memory the engine creates. Called once per memory, at creation.
public typealias MemoryBackendProvider = @Sendable (MemoryRequest) -> MemoryBackendChoice

/// The same, for a store's configuration (which need not be `Sendable`).
public typealias StoreMemoryBackendProvider = (MemoryRequest) -> MemoryBackendChoice

// MARK: address-space reservation

#if canImport(Glibc) || canImport(Darwin)
/// Reserves `bytes` of inaccessible address space (no memory is committed). nil on failure.
func reserveAddressSpace(_ bytes: Int) -> UnsafeMutableRawPointer? { HostOS.reserve(bytes) }

/// Makes `[p, p + bytes)` of a reservation readable and writable; its pages read as zero.
func commitAddressSpace(_ p: UnsafeMutableRawPointer, _ bytes: Int) -> Bool { HostOS.commit(p, bytes) }

func releaseAddressSpace(_ p: UnsafeMutableRawPointer, _ bytes: Int) { HostOS.release(p, bytes) }
#endif
