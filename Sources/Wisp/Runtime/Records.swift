// The engine's hot state lives in plain structs at stable addresses, reached through unsafe
// pointers from the translated code, so the interpreter does no ARC, exclusivity or bounds work
// per instruction. Each record is owned by a class entity (FunctionEntity, MemoryEntity, ...) that
// the store keeps alive; the entity frees the record in its deinit.

/// Everything the interpreter needs to call a function.
struct FunctionRecord {
    /// Translated code, or nil until the first call (wasm) / always nil (host).
    var code: UnsafeMutablePointer<UInt64>?
    /// Slots the frame needs: parameters, locals and the operand temporaries (at least the results).
    var _frameSlots: Int32
    var _paramSlots: Int32
    var _resultSlots: Int32
    /// Slots after the parameters that hold declared locals: zeroed on every call.
    var _localSlots: Int32
    /// Words of translated code. The code buffer continues with `pcMapCount` words mapping code
    /// back to wasm: (code index << 32) | offset in the code section, sorted by code index. One
    /// allocation holds both, so a stack reader can map a pc without touching any Swift object.
    var _codeCount: Int32 = 0
    var _pcMapCount: Int32 = 0
    /// Clauses in the catch table that follows the pc map (three words each; see
    /// Exceptions/Unwinding.swift).
    var _catchCount: Int32 = 0
    /// Fuel charged on entry: the cost of the function's first region (metered engines only).
    var entryFuel: UInt64 = 0
    /// The store-wide id of the function's type: `call_indirect` compares ids, not structures.
    var _typeID: Int32
    /// Index in its module's function index space (host functions: 0).
    var functionIndex: UInt32
    var isHost: Bool
    /// A function compiled ahead of time: its body is a host function running native code, but
    /// stack captures show it as the WebAssembly function it is (in the padding after `isHost`).
    var isCompiled: Bool = false
    /// Unretained back-reference; the store keeps the entity alive.
    var entity: Unmanaged<FunctionEntity>
    /// Memory 0 of the owning instance, so a call can reload the interpreter's cached memory base.
    var memory0: UnsafeMutablePointer<MemoryRecord>?

    // The counts are stored in 32 bits (80 bytes a record instead of 120: a module with 89,000
    // functions saves 3 MB) and read as Int. Translation refuses functions whose code would not fit.
    var frameSlots: Int { @inline(__always) get { Int(_frameSlots) } set { _frameSlots = Int32(truncatingIfNeeded: newValue) } }
    var paramSlots: Int { @inline(__always) get { Int(_paramSlots) } set { _paramSlots = Int32(truncatingIfNeeded: newValue) } }
    var resultSlots: Int { @inline(__always) get { Int(_resultSlots) } set { _resultSlots = Int32(truncatingIfNeeded: newValue) } }
    var localSlots: Int { @inline(__always) get { Int(_localSlots) } set { _localSlots = Int32(truncatingIfNeeded: newValue) } }
    var codeCount: Int { @inline(__always) get { Int(_codeCount) } set { _codeCount = Int32(truncatingIfNeeded: newValue) } }
    var pcMapCount: Int { @inline(__always) get { Int(_pcMapCount) } set { _pcMapCount = Int32(truncatingIfNeeded: newValue) } }
    var catchCount: Int { @inline(__always) get { Int(_catchCount) } set { _catchCount = Int32(truncatingIfNeeded: newValue) } }
    var typeID: Int { @inline(__always) get { Int(_typeID) } set { _typeID = Int32(truncatingIfNeeded: newValue) } }
}

/// A linear memory as the interpreter sees it: base and size are reloaded after anything that can grow it.
struct MemoryRecord {
    var base: UnsafeMutableRawPointer
    var byteCount: Int
    var pageCount: Int
    /// The most pages this memory may ever have (its type's max, capped by the engine and limits).
    var maxPages: Int
    /// log2 of the page size: 16, or 0 for 1-byte pages (custom-page-sizes).
    var pageShift: Int
}

/// A table of references as raw slots: funcref = FunctionRecord address, externref = payload + 1, null = 0.
struct TableRecord {
    var elements: UnsafeMutablePointer<UInt64>
    var count: Int
    var capacity: Int
    var maxCount: Int
}
