// The engine's hot state lives in plain structs at stable addresses, reached through unsafe
// pointers from the translated code, so the interpreter does no ARC, exclusivity or bounds work
// per instruction. Each record is owned by a class entity (FunctionEntity, MemoryEntity, ...) that
// the store keeps alive; the entity frees the record in its deinit.

/// Everything the interpreter needs to call a function.
struct FunctionRecord {
    /// Translated code, or nil until the first call (wasm) / always nil (host).
    var code: UnsafeMutablePointer<UInt64>?
    /// Slots the frame needs: parameters, locals and the operand temporaries (at least the results).
    var frameSlots: Int
    var paramSlots: Int
    var resultSlots: Int
    /// Slots after the parameters that hold declared locals: zeroed on every call.
    var localSlots: Int
    /// Words of translated code. The code buffer continues with `pcMapCount` words mapping code
    /// back to wasm: (code index << 32) | offset in the code section, sorted by code index. One
    /// allocation holds both, so a stack reader can map a pc without touching any Swift object.
    var codeCount: Int = 0
    var pcMapCount: Int = 0
    /// Fuel charged on entry: the cost of the function's first region (metered engines only).
    var entryFuel: UInt64 = 0
    /// The store-wide id of the function's type: `call_indirect` compares ids, not structures.
    var typeID: Int
    /// Index in its module's function index space (host functions: 0).
    var functionIndex: UInt32
    var isHost: Bool
    /// Unretained back-reference; the store keeps the entity alive.
    var entity: Unmanaged<FunctionEntity>
    /// Memory 0 of the owning instance, so a call can reload the interpreter's cached memory base.
    var memory0: UnsafeMutablePointer<MemoryRecord>?
}

/// A linear memory as the interpreter sees it: base and size are reloaded after anything that can grow it.
struct MemoryRecord {
    var base: UnsafeMutableRawPointer
    var byteCount: Int
    var pageCount: Int
    /// The most pages this memory may ever have (its type's max, or 65536).
    var maxPages: Int
}

/// A table of references as raw slots: funcref = FunctionRecord address, externref = payload + 1, null = 0.
struct TableRecord {
    var elements: UnsafeMutablePointer<UInt64>
    var count: Int
    var capacity: Int
    var maxCount: Int
}
