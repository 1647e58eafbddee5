// Running ahead-of-time compiled code (wisp_aot.h): a compiled function is a function entity whose
// body is its native code, called like a typed host function (its frame's slots hold the arguments,
// then the results), so the interpreter, the embedding API, tables and exports need nothing new.
// Compiled code calls other functions, `call_indirect` and `memory.grow` through the callbacks
// here, and traps by jumping back to wisp_aot_invoke, which turns the code into a Trap.
// (Hosted builds: typed host functions are not in the firmware engine.)
#if !hasFeature(Embedded)
import Synchronization
import WispDispatch

/// Native code for a module, compiled ahead of time from the same binary (`wisp compile`).
///
/// The code comes from a shared object the runtime loaded or from code linked into the program
/// (`wisp compile --emit-c`); `descriptor` is its `wisp_aot_module`. The code is trusted: Wisp
/// checks that it was made for this runtime and this module, not what it does.
public struct NativeCode {
    let descriptor: UnsafePointer<wisp_aot_module>

    /// Wraps the `wisp_aot_module` at `descriptor`.
    ///
    /// - Throws: `WispError.misuse` when it was made for another version of the interface.
    public init(descriptor: UnsafeRawPointer) throws(WispError) {
        let d = descriptor.assumingMemoryBound(to: wisp_aot_module.self)
        guard d.pointee.abi == UInt32(WISP_AOT_ABI) else {
            throw WispError.misuse("the native code was compiled for another version of Wisp's interface (" + String(d.pointee.abi) + ", this runtime has " + String(WISP_AOT_ABI) + ")")
        }
        self.descriptor = d
    }

    /// How many of the module's defined functions have native code (the interpreter runs the rest).
    public var compiledFunctionCount: Int {
        (0..<Int(descriptor.pointee.function_count)).reduce(0) { $0 + (descriptor.pointee.entries[$1] != nil ? 1 : 0) }
    }

    func entry(_ definedIndex: Int) -> wisp_aot_entry? { descriptor.pointee.entries[definedIndex] }
}

extension Module {
    /// Gives the module native code compiled ahead of time from the same binary: instances made
    /// afterwards run its compiled functions natively. With fuel metering on, the interpreter
    /// runs everything (compiled code does not meter yet).
    ///
    /// - Throws: `WispError.misuse` when the code was compiled from another module (its digest
    ///   of the binary or its function count differs).
    /// - Complexity: one pass over the module's bytes (the digest).
    public func attach(_ native: NativeCode) throws(WispError) {
        let d = native.descriptor.pointee
        guard Int(d.function_count) == parsed.functions.count,
              Array(UnsafeBufferPointer(start: d.module_hash, count: 32)) == moduleHash(parsed.bytes) else {
            throw WispError.misuse("the native code was compiled from another module")
        }
        nativeCode = native
    }
}

/// The compiled code's view of one instance, and the callbacks it makes.
final class NativeInstance {
    let cInstance: UnsafeMutablePointer<wisp_aot_instance>
    unowned(unsafe) let instance: InstanceEntity
    let code: NativeCode
    /// A callee's trap, handed from a callback to the wisp_aot_invoke that the code jumps back to.
    var pendingTrap: Trap?
    var globals: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>? = nil
    var functionRefs: UnsafeMutablePointer<UInt64>? = nil
    var tableElements: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>?>? = nil
    var tableCounts: UnsafeMutablePointer<UnsafePointer<Int64>?>? = nil
    var typeIDs: UnsafeMutablePointer<Int32>? = nil
    /// Memory 0's fields for a module without memory (its code has no memory access).
    let noMemory = UnsafeMutablePointer<Int>.allocate(capacity: 2)

    init(instance: InstanceEntity, code: NativeCode) {
        self.instance = instance
        self.code = code
        noMemory.initialize(repeating: 0, count: 2)
        cInstance = .allocate(capacity: 1)
        cInstance.initialize(to: wisp_aot_instance())
        let c = cInstance
        c.pointee.call = { i, f, slots in NativeInstance.of(i).call(Int(f), slots!) }
        c.pointee.call_indirect = { i, table, type, index, slots in
            NativeInstance.of(i).callIndirect(Int(table), Int(type), index, slots!)
        }
        c.pointee.memory_grow = { i, delta in NativeInstance.of(i).growMemory(delta) }
        c.pointee.trap = wisp_aot_trap
        c.pointee.segment_op = { i, op, x, y, a, b, c, result in
            NativeInstance.of(i).segmentOp(op, Int(x), Int(y), a, b, c, result!)
        }
        c.pointee.max_depth = Int64(instance.store.engine.configuration.maxCallDepth)
        // (An Atomic<Int> is its integer in memory; compiled code reads it with a relaxed load.)
        c.pointee.interrupt = UnsafePointer(OpaquePointer(instance.store.control.interrupt.state))
        c.pointee.runtime = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit {
        globals?.deallocate()
        functionRefs?.deallocate()
        tableElements?.deallocate()
        tableCounts?.deallocate()
        typeIDs?.deallocate()
        noMemory.deallocate()
        cInstance.deallocate()
    }

    static func of(_ i: UnsafeMutablePointer<wisp_aot_instance>?) -> NativeInstance {
        Unmanaged<NativeInstance>.fromOpaque(i!.pointee.runtime).takeUnretainedValue()
    }

    /// Points the code at the instance's memory, globals and functions (once they exist).
    func bind() {
        let c = cInstance
        if let m = instance.memories.first?.record {
            c.pointee.memory_base = UnsafePointer(OpaquePointer(UnsafeMutableRawPointer(m) + MemoryLayout<MemoryRecord>.offset(of: \.base)!))
            c.pointee.memory_size = UnsafePointer(OpaquePointer(UnsafeMutableRawPointer(m) + MemoryLayout<MemoryRecord>.offset(of: \.byteCount)!))
        } else {
            c.pointee.memory_base = UnsafePointer(OpaquePointer(noMemory))
            c.pointee.memory_size = UnsafePointer(OpaquePointer(noMemory + 1))
        }
        let g = UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>.allocate(capacity: max(1, instance.globals.count))
        for (k, e) in instance.globals.enumerated() { g[k] = e.storage }
        globals = g
        c.pointee.globals = UnsafePointer(g)
        let f = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, instance.functions.count))
        for (k, e) in instance.functions.enumerated() { f[k] = UInt64(UInt(bitPattern: e.record)) }
        functionRefs = f
        c.pointee.function_refs = UnsafePointer(f)
        let te = UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>?>.allocate(capacity: max(1, instance.tables.count))
        let tc = UnsafeMutablePointer<UnsafePointer<Int64>?>.allocate(capacity: max(1, instance.tables.count))
        for (k, t) in instance.tables.enumerated() {
            let r = UnsafeMutableRawPointer(t.record)
            te[k] = (r + MemoryLayout<TableRecord>.offset(of: \.elements)!).assumingMemoryBound(to: UnsafeMutablePointer<UInt64>?.self)
            tc[k] = UnsafePointer((r + MemoryLayout<TableRecord>.offset(of: \.count)!).assumingMemoryBound(to: Int64.self))
        }
        tableElements = te
        tableCounts = tc
        c.pointee.table_elements = UnsafePointer(OpaquePointer(te))
        c.pointee.table_count = UnsafePointer(tc)
        let ids = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, instance.typeIDs.count))
        for (k, id) in instance.typeIDs.enumerated() { ids[k] = Int32(truncatingIfNeeded: id) }
        typeIDs = ids
        c.pointee.type_ids = UnsafePointer(ids)
        c.pointee.record_type_offset = UInt32(MemoryLayout<FunctionRecord>.offset(of: \._typeID)!)
        c.pointee.record_index_offset = UInt32(MemoryLayout<FunctionRecord>.offset(of: \.functionIndex)!)
    }

    /// Runs compiled function code on a frame's slots.
    func invoke(_ entry: wisp_aot_entry, _ slots: UnsafeMutablePointer<UInt64>) throws(Trap) {
        let store = instance.store
        let executor = try store.makeExecutor()
        cInstance.pointee.stack_limit = UInt(executor.nativeStack.lowerBound) &+ UInt(store.engine.configuration.nativeStackHeadroom)
        let code = wisp_aot_invoke(entry, cInstance, slots)
        guard code != 0 else { return }
        if code == Int32(WISP_AOT_TRAP_PENDING), let t = pendingTrap {
            pendingTrap = nil
            throw t
        }
        if code == Int32(WISP_AOT_TRAP_INTERRUPTED) {
            // The request is consumed, as the interpreter consumes it. Compiled code cannot
            // suspend yet, so a request to suspend stops it with the trap too.
            _ = store.control.interrupt.state.pointee.exchange(0, ordering: .relaxed)
        }
        throw Trap(NativeInstance.kind(code))
    }

    static func kind(_ code: Int32) -> TrapKind {
        switch code {
        case 1: return .unreachable
        case 2: return .memoryOutOfBounds
        case 3: return .tableOutOfBounds
        case 4: return .indirectCallToNull
        case 5: return .indirectCallTypeMismatch
        case 6: return .undefinedElement
        case 7: return .integerDivideByZero
        case 8: return .integerOverflow
        case 9: return .invalidConversionToInteger
        case 12: return .interrupted
        // Compiled frames live on the native stack: running out of it is the call stack running
        // out, whichever limit (depth or stack bytes) is met first.
        default: return .callStackExhausted
        }
    }

    func call(_ f: Int, _ slots: UnsafeMutablePointer<UInt64>) -> Int32 {
        callEntity(instance.functions[f], slots)
    }

    /// Calls a function through the executor (interpreted, host or compiled); 0 or a trap code.
    func callEntity(_ entity: FunctionEntity, _ slots: UnsafeMutablePointer<UInt64>) -> Int32 {
        let rec = entity.record
        let params = rec.pointee.paramSlots, results = rec.pointee.resultSlots
        do throws(Trap) {
            let executor = try instance.store.makeExecutor()
            if rec.pointee.isHost {
                // A host function (or compiled code) is called with this instance as its caller,
                // as the interpreter calls it: WASI reaches the guest's memory through the caller.
                let base = executor.stackTop
                guard executor.stackEnd - base >= rec.pointee.frameSlots + 2 else { throw Trap(.callStackExhausted) }
                base.update(from: slots, count: params)
                try executor.callHost(rec, fp: base, caller: instance)
                slots.update(from: base, count: results)
                return 0
            }
            let base = executor.stackTop
            let end = try executor.start(entity) { b in b.update(from: slots, count: params) }
            switch end {
            case .returned:
                slots.update(from: base, count: results)
                return 0
            case .suspended(let reason):
                pendingTrap = executor.dropSuspended(reason)
            case .trapped(let t):
                pendingTrap = t
            }
        } catch {
            pendingTrap = error
        }
        // A nested call that found the native stack spent was called by compiled code, whose
        // frames spent it: its call stack is exhausted.
        if pendingTrap?.kind == .nativeStackExhausted { pendingTrap = Trap(.callStackExhausted, backtrace: pendingTrap!.backtrace) }
        return Int32(WISP_AOT_TRAP_PENDING)
    }

    func callIndirect(_ table: Int, _ type: Int, _ index: UInt32, _ slots: UnsafeMutablePointer<UInt64>) -> Int32 {
        let t = instance.tables[table].record.pointee
        guard Int(index) < t.count else { return Int32(WISP_AOT_TRAP_UNDEFINED_ELEMENT) }
        let bits = t.elements[Int(index)]
        guard bits != 0, let rec = UnsafeMutablePointer<FunctionRecord>(bitPattern: UInt(bits)) else {
            return Int32(WISP_AOT_TRAP_NULL_ELEMENT)
        }
        guard rec.pointee.typeID == instance.typeIDs[type] else { return Int32(WISP_AOT_TRAP_SIGNATURE) }
        return callEntity(rec.pointee.entity.takeUnretainedValue(), slots)
    }

    /// memory.init, data.drop, table.init, elem.drop, table.copy, table.grow, table.fill, as the
    /// interpreter's bulk operations do them (Interpreter/BulkOperations.swift); 0 or a trap code.
    func segmentOp(_ op: UInt32, _ x: Int, _ y: Int, _ a: UInt64, _ b: UInt64, _ c: UInt64,
                   _ result: UnsafeMutablePointer<UInt64>) -> Int32 {
        let memoryTrap = Int32(WISP_AOT_TRAP_MEMORY), tableTrap = Int32(WISP_AOT_TRAP_TABLE)
        // (Operands are 32-bit: the generator compiles no memory64 or table64 instruction.)
        let d = a & 0xFFFF_FFFF, s = b & 0xFFFF_FFFF, n = c & 0xFFFF_FFFF
        switch Int32(op) {
        case Int32(WISP_AOT_OP_MEMORY_INIT):
            let m = instance.memories[y].record.pointee
            let range = instance.module.parsed.datas[x].range
            let length = instance.droppedData[x] ? 0 : UInt64(range.count)
            guard s + n <= length, d + n <= UInt64(m.byteCount) else { return memoryTrap }
            if n > 0 {
                instance.module.parsed.bytes.withUnsafeBytes { src in
                    (m.base + Int(d)).copyMemory(from: src.baseAddress! + range.lowerBound + Int(s), byteCount: Int(n))
                }
            }
        case Int32(WISP_AOT_OP_DATA_DROP):
            instance.droppedData[x] = true
        case Int32(WISP_AOT_OP_TABLE_INIT):
            let t = instance.tables[y].record.pointee
            let items = instance.elements[x]
            guard s + n <= UInt64(items.count), d + n <= UInt64(t.count) else { return tableTrap }
            for k in 0..<Int(n) { t.elements[Int(d) + k] = items[Int(s) + k] }
        case Int32(WISP_AOT_OP_ELEM_DROP):
            instance.elements[x] = []
        case Int32(WISP_AOT_OP_TABLE_COPY):
            let dt = instance.tables[x].record.pointee, st = instance.tables[y].record.pointee
            guard d + n <= UInt64(dt.count), s + n <= UInt64(st.count) else { return tableTrap }
            if n > 0 {
                UnsafeMutableRawPointer(dt.elements + Int(d)).copyMemory(from: st.elements + Int(s), byteCount: Int(n) * 8)
            }
        case Int32(WISP_AOT_OP_TABLE_GROW):
            // a: the initial value (reference bits), b: the delta.
            let r = instance.tables[x].grow(by: Int(s), initial: a)
            result.pointee = UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: r)))
        case Int32(WISP_AOT_OP_TABLE_FILL):
            // a: the first index, b: the value (reference bits), c: the count.
            let t = instance.tables[x].record.pointee
            guard d + n <= UInt64(t.count) else { return tableTrap }
            (t.elements + Int(d)).update(repeating: b, count: Int(n))
        default:
            return Int32(WISP_AOT_TRAP_UNREACHABLE)
        }
        return 0
    }

    func growMemory(_ delta: UInt64) -> Int64 {
        guard let m = instance.memories.first, delta <= UInt64(Int.max) else { return -1 }
        return Memory(m, owner: instance.store).grow(by: Int(delta)).map { Int64($0) } ?? -1
    }
}
#endif
