// Building an instance: resolve imports, create the module's own entities, then run the element
// and data segments and the start function in the order the spec gives.

final class InstanceEntity {
    let module: Module
    unowned(unsafe) let store: Store
    var functions: [FunctionEntity] = []
    var memories: [MemoryEntity] = []
    var tables: [TableEntity] = []
    var globals: [GlobalEntity] = []
    var tags: [TagEntity] = []
    /// Store-wide type id of each entry of the module's type section.
    var typeIDs: [Int] = []
    /// The module's types with concrete references to store type ids (`storeType`): equal
    /// types of different modules are equal here.
    var storeTypes: [FuncType] = []
    /// Element segments as reference bits; a dropped segment is empty.
    var elements: [[UInt64]] = []
    /// Whether each data segment was dropped (dropped = length 0).
    var droppedData: [Bool] = []
#if !hasFeature(Embedded)
    /// The compiled code's view of this instance, when its module has native code.
    var native: NativeInstance?
#endif

    init(module: Module, store: Store) {
        self.module = module
        self.store = store
    }

    /// `t` with a concrete reference's type index replaced by the store's id of that type, so
    /// types of different modules compare by equality (typed function references; see
    /// `Store.storeTypes(of:)`, which fills `typeIDs` first).
    func storeType(_ t: ValueType) -> ValueType { Store.storeType(t, ids: typeIDs) }

    func extern(kind: ExternalKind, index: Int) -> Extern {
        switch kind {
        case .function: return .function(Function(functions[index]))
        case .table: return .table(Table(tables[index], owner: store))
        case .memory: return .memory(Memory(memories[index], owner: store))
        case .global: return .global(Global(globals[index], owner: store))
        case .tag: return .tag(Tag(tags[index]))
        }
    }

    /// Where the imports come from: by (module, name), or one per import in the module's order.
    enum ImportSource {
        case named(Imports)
#if !hasFeature(Embedded)  // (bare metal links by name only: the firmware engine's size limit)
        case positional([Extern])
#endif
    }

    static func instantiate(module: Module, store: Store, imports source: ImportSource) throws(WispError) -> InstanceEntity {
        // (Store.storeTypes(of:) names the module's types as the store does.)
        let m = module.parsed
        let account = store.account
        if let why = account.check(.instance, current: account.instances, desired: account.instances + 1, maximum: nil, unitBytes: 0) {
            throw WispError.resource(why)
        }
        let inst = InstanceEntity(module: module, store: store)
        (inst.storeTypes, inst.typeIDs) = store.storeTypes(of: m)

        // Imports.
#if !hasFeature(Embedded)
        if case .positional(let list) = source, list.count != m.imports.count {
            throw WispError.link("the module has " + String(m.imports.count) + " imports, but " + String(list.count) + " were given")
        }
#endif
        for (position, imp) in m.imports.enumerated() {
            let found: Extern?
            switch source {
            case .named(let imports): found = imports.lookup(module: imp.module, name: imp.name)
#if !hasFeature(Embedded)
            case .positional(let list): found = list[position]
#endif
            }
            guard let ext = found else {
                throw WispError.link("unknown import " + imp.module + "." + imp.name)
            }
#if !hasFeature(Embedded)  // (firmware checks no store identity: see Store.owns)
            // Type ids, records and exceptions are per store: another store's entity cannot be linked.
            guard store.owns(ext) else {
                throw WispError.misuse("import " + imp.module + "." + imp.name + " belongs to another store")
            }
#endif
            switch (imp.descriptor, ext) {
            case (.function(let ti), .function(let f)):
                guard f.entity.record.pointee.typeID == inst.typeIDs[Int(ti)] else { throw incompatible(imp) }
                inst.functions.append(f.entity)
            case (.table(let tt), .table(let t)):
                let r = t.entity.record.pointee
                guard t.entity.type.element == inst.storeType(tt.element), sameAddressing(t.entity.type, tt), limitsMatch(count: UInt64(r.count), max: t.entity.type.limits.max, want: tt.limits) else { throw incompatible(imp) }
                inst.tables.append(t.entity)
            case (.memory(let mt), .memory(let mem)):
                let r = mem.entity.record.pointee
                let have = mem.entity.type
                guard sameAddressing(have, mt), limitsMatch(count: UInt64(r.pageCount), max: have.limits.max, want: mt.limits) else { throw incompatible(imp) }
                inst.memories.append(mem.entity)
            case (.global(let gt), .global(let g)):
                // An immutable global may be of a subtype; a mutable one is read and written.
                let want = inst.storeType(gt.valueType), have = g.entity.type
#if WISP_NO_FUNCTION_REFERENCES
                let fits = have.valueType == want
#else
                let fits = have.valueType == want || !gt.mutable && have.valueType.isSubtype(of: want)
#endif
                guard have.mutable == gt.mutable, fits else {
                    throw incompatible(imp)
                }
                inst.globals.append(g.entity)
#if !WISP_NO_EXCEPTIONS
            case (.tag(let ti), .tag(let t)):
                guard t.entity.type == inst.storeTypes[Int(ti)] else { throw incompatible(imp) }
                inst.tags.append(t.entity)
#endif
            default:
                throw incompatible(imp)
            }
        }

        // Defined functions, then the rest. Functions come first so `ref.func` in initialisers resolves.
        // The new entities join the store only once all exist: when a memory or table cannot be
        // created, the instance's other entities are freed with it instead of staying in the store.
        let importedFunctions = inst.functions.count
#if !hasFeature(Embedded)
        // Compiled functions are entities whose body is their native code (Runtime/NativeCode.swift);
        // metered engines interpret everything (compiled code does not meter yet).
        if let code = module.nativeCode, !store.engine.configuration.fuelMetering {
            inst.native = NativeInstance(instance: inst, code: code)
        }
#endif
        for (i, ti) in m.functions.enumerated() {
            var body: HostFunctionBox? = nil
#if !hasFeature(Embedded)
            if let native = inst.native, let entry = native.code.entry(i) {
                body = HostFunctionBox(raw: { _, slots throws(Trap) in try native.invoke(entry, slots) })
            }
#endif
            let f = FunctionEntity(store: store, type: inst.storeTypes[Int(ti)], typeID: inst.typeIDs[Int(ti)], instance: inst,
                                   functionIndex: UInt32(importedFunctions + i), definedIndex: i, host: body)
#if !hasFeature(Embedded)
            f.record.pointee.isCompiled = body != nil
#endif
            inst.functions.append(f)
        }
        let importedMemories = inst.memories.count
        for (i, mt) in m.memories.enumerated() {
            let request = MemoryRequest(type: mt, index: importedMemories + i, origin: .module,
                                        moduleName: m.names.moduleName, maxPages: MemoryEntity.maxPages(mt, account.limits))
            let mem = try MemoryEntity(type: mt, backend: store.memoryBackend(for: request), account: account)
            inst.memories.append(mem)
        }
        let mem0 = inst.memories.first?.record
        for f in inst.functions[importedFunctions...] { f.record.pointee.memory0 = mem0 }
        let importedTables = inst.tables.count
        for tt in m.tables {
            let t = try TableEntity(type: TableType(element: inst.storeType(tt.element), limits: tt.limits, is64: tt.is64),
                                    initial: 0, account: account)
            inst.tables.append(t)
        }
#if !WISP_NO_EXCEPTIONS
        let importedTags = inst.tags.count
        for ti in m.tags { inst.tags.append(TagEntity(type: inst.storeTypes[Int(ti)], owner: account)) }
#endif
        for g in m.globals {
            let e = GlobalEntity(type: GlobalType(valueType: inst.storeType(g.type.valueType), mutable: g.type.mutable), owner: account)
            inst.evaluate(g.initializer, into: e.storage)
            inst.globals.append(e)
        }
        // Tables with an initializer (typed function references) start filled with its value,
        // which may read any global.
#if !WISP_NO_FUNCTION_REFERENCES
        for (i, initializer) in m.tableInitializers.enumerated() {
            guard let initializer else { continue }
            let value = inst.evaluateScalar(initializer)
            let r = inst.tables[importedTables + i].record.pointee
            if value != 0 { for k in 0..<r.count { r.elements[k] = value } }
        }
#endif
#if !hasFeature(Embedded)
        inst.native?.bind()
#endif
        store.functionEntities.append(contentsOf: inst.functions[importedFunctions...])
        store.memoryEntities.append(contentsOf: inst.memories[importedMemories...])
        store.tableEntities.append(contentsOf: inst.tables[importedTables...])
        store.globalEntities.append(contentsOf: inst.globals[(inst.globals.count - m.globals.count)...])
#if !WISP_NO_EXCEPTIONS
        store.tagEntities.append(contentsOf: inst.tags[importedTags...])
#endif
        store.instanceEntities.append(inst)
        account.instances += 1

        // Element segments are evaluated up front; their items cannot trap.
        var slot: (UInt64, UInt64) = (0, 0)
        inst.elements = m.elements.map { seg in
            seg.functionIndices.isEmpty ? seg.expressions.map { item in
                withUnsafeMutablePointer(to: &slot) { p in
                    p.withMemoryRebound(to: UInt64.self, capacity: 2) { q in
                        inst.evaluate(item, into: q)
                        return q[0]
                    }
                }
            } : seg.functionIndices.map { UInt64(UInt(bitPattern: inst.functions[Int($0)].record)) }
        }
        inst.droppedData = [Bool](repeating: false, count: m.datas.count)

        for (i, seg) in m.elements.enumerated() {
            switch seg.mode {
            case .active(let table, let offset):
                let raw = inst.evaluateScalar(offset)
                let off = offsetValue(raw, is64: { inst.tables[Int(table)].type.is64 })
                let t = inst.tables[Int(table)].record
                let items = inst.elements[i]
                guard fitsWithin(off, UInt64(items.count), UInt64(t.pointee.count)) else {
                    throw WispError.trap(Trap(.tableOutOfBounds))
                }
                for (j, v) in items.enumerated() { t.pointee.elements[Int(off) + j] = v }
                inst.elements[i] = []
            case .declarative:
                inst.elements[i] = []
            case .passive:
                break
            }
        }
        for (i, seg) in m.datas.enumerated() {
            guard case .active(let memIndex, let offset) = seg.mode else { continue }
            let raw = inst.evaluateScalar(offset)
            let off = offsetValue(raw, is64: { inst.memories[Int(memIndex)].type.is64 })
            let mem = inst.memories[Int(memIndex)].record
            let n = seg.range.count
            guard fitsWithin(off, UInt64(n), UInt64(mem.pointee.byteCount)) else {
                throw WispError.trap(Trap(.memoryOutOfBounds))
            }
            if n > 0 {
                m.bytes.withUnsafeBytes { src in
                    (mem.pointee.base + Int(off)).copyMemory(from: src.baseAddress! + seg.range.lowerBound, byteCount: n)
                }
            }
            inst.droppedData[i] = true
        }

        if let start = m.start {
            do {
                _ = try Function(inst.functions[Int(start)]).call([])
            } catch {
                throw WispError.trap(error)
            }
        }
        return inst
    }

    /// Evaluates a validated constant expression into slot encoding.
    func evaluate(_ expr: ConstExpr, into p: UnsafeMutablePointer<UInt64>) {
        p[0] = 0
        p[1] = 0
#if !WISP_NO_EXTENDED_CONST
        if expr.instructions.count > 1 {
            p[0] = evaluateExtended(expr)
            return
        }
#endif
        for ins in expr.instructions {
            switch ins {
            case .i32Const(let x): p[0] = UInt64(UInt32(bitPattern: x))
            case .i64Const(let x): p[0] = UInt64(bitPattern: x)
            case .f32Const(let x): p[0] = UInt64(x)
            case .f64Const(let x): p[0] = x
            case .v128Const(let v): p[0] = v.lo; p[1] = v.hi
            case .refNull: p[0] = 0
            case .refFunc(let i): p[0] = UInt64(UInt(bitPattern: functions[Int(i)].record))
            case .globalGet(let i):
                p[0] = globals[Int(i)].storage[0]
                p[1] = globals[Int(i)].storage[1]
            default: break
            }
        }
    }

#if !WISP_NO_EXTENDED_CONST
    /// An extended constant expression (Wasm 3.0): validated, so its operands are `i32`/`i64`
    /// scalars and the arithmetic wraps.
    @inline(never)
    func evaluateExtended(_ expr: ConstExpr) -> UInt64 {
        var stack: [UInt64] = []
        for ins in expr.instructions {
            switch ins {
            case .i32Const(let x): stack.append(UInt64(UInt32(bitPattern: x)))
            case .i64Const(let x): stack.append(UInt64(bitPattern: x))
            case .globalGet(let i): stack.append(globals[Int(i)].storage[0])
            case .numeric(let op):
                let b = stack.removeLast(), a = stack.removeLast()
                let r: UInt64
                switch op {
                case .i32Add: r = UInt64(UInt32(truncatingIfNeeded: a &+ b))
                case .i32Sub: r = UInt64(UInt32(truncatingIfNeeded: a &- b))
                case .i32Mul: r = UInt64(UInt32(truncatingIfNeeded: a &* b))
                case .i64Add: r = a &+ b
                case .i64Sub: r = a &- b
                default: r = a &* b
                }
                stack.append(r)
            default: stack.append(0)
            }
        }
        return stack.last ?? 0
    }
#endif

    func evaluateScalar(_ expr: ConstExpr) -> UInt64 {
        var pair: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutablePointer(to: &pair) { p in
            p.withMemoryRebound(to: UInt64.self, capacity: 2) { q in
                evaluate(expr, into: q)
                return q[0]
            }
        }
    }
}

private func incompatible(_ imp: Import) -> WispError {
    WispError.link("incompatible import type for " + imp.module + "." + imp.name)
}

/// Import subtyping of limits: the provided entity's current size and maximum must fit the wanted limits.
private func limitsMatch(count: UInt64, max: UInt64?, want: Limits) -> Bool {
    guard count >= want.min else { return false }
    if let wmax = want.max {
        guard let m = max, m <= wmax else { return false }
    }
    return true
}

/// Whether an imported memory's address type and page size are those the import asks for
/// (always true in a build without memory64 and custom page sizes, whose memories all have one kind).
@inline(__always) func sameAddressing(_ have: MemoryType, _ want: MemoryType) -> Bool {
#if WISP_NO_MEMORY64 && WISP_NO_CUSTOM_PAGE_SIZES
    return true
#else
    return have.is64 == want.is64 && have.pageSizeLog2 == want.pageSizeLog2
#endif
}

/// The same for a table's index type.
@inline(__always) func sameAddressing(_ have: TableType, _ want: TableType) -> Bool {
#if WISP_NO_MEMORY64
    return true
#else
    return have.is64 == want.is64
#endif
}

/// Whether `[at, at + n)` lies within `[0, bound)`, without overflow for 64-bit operands (without
/// memory64 both are 32-bit, so the plain sum cannot overflow).
@inline(__always) func fitsWithin(_ at: UInt64, _ n: UInt64, _ bound: UInt64) -> Bool {
#if WISP_NO_MEMORY64
    return at + n <= bound
#else
    return at <= bound && n <= bound - at
#endif
}

/// A segment's evaluated offset: all 64 bits for a memory64 or table64 (`is64`, not evaluated in
/// a build without memory64), the low 32 else.
@inline(__always) func offsetValue(_ raw: UInt64, is64: () -> Bool) -> UInt64 {
#if WISP_NO_MEMORY64
    return UInt64(UInt32(truncatingIfNeeded: raw))
#else
    return is64() ? raw : UInt64(UInt32(truncatingIfNeeded: raw))
#endif
}
