/// One frame of a captured call stack.
public struct StackFrame: Equatable, Sendable {
    /// Index of the function in its module's function index space (host functions: 0).
    public var functionIndex: UInt32
    /// The name from the module's `name` section, if any.
    public var name: String?
    /// Offset of the current instruction in the module's code section (nil for host frames, or
    /// when the position is not known).
    public var codeOffset: Int?
    /// A host function between WebAssembly frames.
    public var isHost: Bool
}

/// A frame resolved without allocation (see `StackSampler.capture(into:)`).
public struct CapturedFrame: Sendable {
    /// Index of the function in its module's function index space (host functions: 0).
    public var functionIndex: UInt32 = 0
    /// -1 when unknown.
    public var codeOffset: Int32 = -1
    /// A host function between WebAssembly frames (its `codeOffset` is then -1).
    public var isHost: Bool = false
    /// The function's record address: an opaque identity, stable for the store's lifetime.
    public var function: UInt = 0
    /// The current instruction's address in the translated code (opaque).
    public var pc: UInt = 0
    /// An empty frame, to fill a buffer for `StackSampler.capture(into:)` with.
    public init() {}
}

/// Reads a store's running WebAssembly call stack from any thread, at any moment, without
/// stopping the guest: lock-free and consistent (see StackPublication.swift for the protocol).
/// Keeps the store alive while it exists.
public final class StackSampler: @unchecked Sendable {
    let store: Store
    let publication: StackPublication

    init(store: Store) {
        self.store = store
        self.publication = store.control.publication
    }

    /// The current frames, innermost first, with names. Allocates; do not call from a signal handler.
    /// Returns an empty array when nothing runs, and nil if no consistent copy could be made.
    public func capture() -> [StackFrame]? {
        var raw = [CapturedFrame](repeating: CapturedFrame(), count: 256)
        let n = raw.withUnsafeMutableBufferPointer { capture(into: $0) }
        guard n >= 0 else { return nil }
        return raw[0..<n].map { f in
            let rec = UnsafeMutablePointer<FunctionRecord>(bitPattern: f.function)!
            let name = f.isHost ? nil : rec.pointee.entity.takeUnretainedValue().instance?.module.names.functionNames[f.functionIndex]
            return StackFrame(functionIndex: f.functionIndex, name: name, codeOffset: f.codeOffset >= 0 ? Int(f.codeOffset) : nil, isHost: f.isHost)
        }
    }

    /// Writes the current frames, innermost first, into `buffer`; returns how many, or -1 if no
    /// consistent copy could be made. No allocation, no locks, no reference counting:
    /// async-signal-safe. Frames beyond the buffer's size are left out.
    public func capture(into buffer: UnsafeMutableBufferPointer<CapturedFrame>) -> Int {
        let n = publication.read(into: buffer)
        guard n > 0 else { return n }
        for i in 0..<n {
            // Records live as long as the store, which this sampler keeps alive.
            guard let rec = UnsafeMutablePointer<FunctionRecord>(bitPattern: buffer[i].function) else { continue }
            buffer[i].isHost = rec.pointee.isHost && !rec.pointee.isCompiled
            buffer[i].functionIndex = rec.pointee.functionIndex
            buffer[i].codeOffset = -1
            if !rec.pointee.isHost, let pc = UnsafePointer<UInt64>(bitPattern: buffer[i].pc),
               let offset = codeOffset(rec, pc: pc) {
                buffer[i].codeOffset = Int32(truncatingIfNeeded: offset)
            }
        }
        return n
    }
}
