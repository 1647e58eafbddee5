// wasm.h's runtime functions (engine, store, module, instance, func, global, table, memory,
// extern, trap, frame, foreign), over Wisp's Swift API. Each `@_cdecl` name is the C function
// the header declares; the Swift names only keep them apart from the imported declarations.
import Wisp
import WispC

// MARK: Object entry points for refs.c

@_cdecl("wisp__object_retain")
public func objectRetain(_ p: UnsafeRawPointer?) -> UnsafeMutableRawPointer? {
    guard let p else { return nil }
    _ = Unmanaged<CObject>.fromOpaque(p).retain()
    return UnsafeMutableRawPointer(mutating: p)
}

@_cdecl("wisp__object_release")
public func objectRelease(_ p: UnsafeMutableRawPointer?) {
    guard let p else { return }
    Unmanaged<CObject>.fromOpaque(p).release()
}

@_cdecl("wisp__object_kind")
public func objectKind(_ p: UnsafeRawPointer?) -> Int32 { CObject.from(p)?.payload.kind ?? -1 }

@_cdecl("wisp__object_same")
public func objectSame(_ a: UnsafeRawPointer?, _ b: UnsafeRawPointer?) -> Bool {
    guard let x = CObject.from(a), let y = CObject.from(b) else { return a == b }
    return x.payload == y.payload
}

@_cdecl("wisp__object_host_info")
public func objectHostInfo(_ p: UnsafeRawPointer?) -> UnsafeMutableRawPointer? { CObject.from(p)?.hostInfo.info }

@_cdecl("wisp__object_set_host_info")
public func objectSetHostInfo(_ p: UnsafeMutableRawPointer?, _ info: UnsafeMutableRawPointer?,
                       _ finalizer: (@convention(c) (UnsafeMutableRawPointer?) -> Void)?) {
    CObject.from(UnsafeRawPointer(p))?.hostInfo = HostInfo(info: info, finalizer: finalizer)
}

// MARK: Engine and store

@_cdecl("wasm_config_new")
public func configNew() -> OpaquePointer { OpaquePointer(Unmanaged.passRetained(CConfig()).toOpaque()) }

@_cdecl("wasm_config_delete")
public func configDelete(_ p: OpaquePointer?) {
    guard let p else { return }
    Unmanaged<CConfig>.fromOpaque(UnsafeRawPointer(p)).release()
}

func config(_ p: OpaquePointer?) -> CConfig? {
    guard let p else { return nil }
    return Unmanaged<CConfig>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
}

@_cdecl("wasm_engine_new")
public func engineNew() -> OpaquePointer {
    OpaquePointer(Unmanaged.passRetained(CEngine(Engine())).toOpaque())
}

@_cdecl("wasm_engine_new_with_config")
public func engineNewWithConfig(_ c: OpaquePointer?) -> OpaquePointer {
    let configuration = config(c)?.configuration ?? EngineConfiguration()
    configDelete(c)
    return OpaquePointer(Unmanaged.passRetained(CEngine(Engine(configuration: configuration))).toOpaque())
}

@_cdecl("wasm_engine_delete")
public func engineDelete(_ p: OpaquePointer?) {
    guard let p else { return }
    Unmanaged<CEngine>.fromOpaque(UnsafeRawPointer(p)).release()
}

@_cdecl("wasm_store_new")
public func storeNew(_ e: OpaquePointer?) -> OpaquePointer? {
    guard let e else { setLastError("wasm_store_new: no engine"); return nil }
    let engine = Unmanaged<CEngine>.fromOpaque(UnsafeRawPointer(e)).takeUnretainedValue()
    return OpaquePointer(Unmanaged.passRetained(CStore(engine)).toOpaque())
}

@_cdecl("wasm_store_delete")
public func storeDelete(_ p: OpaquePointer?) {
    guard let p else { return }
    Unmanaged<CStore>.fromOpaque(UnsafeRawPointer(p)).release()
}

// MARK: Modules

@_cdecl("wasm_module_new")
public func moduleNew(_ s: OpaquePointer?, _ binary: UnsafePointer<wasm_byte_vec_t>?) -> OpaquePointer? {
    guard let store = CStore.from(s) else { setLastError("wasm_module_new: no store"); return nil }
    do {
        let module = try Module(bytes: bytes(binary), engine: store.engine.engine)
        return CObject.make(.module(CModule(module)), store: nil)
    } catch {
        setLastError(error.description)
        return nil
    }
}

@_cdecl("wasm_module_validate")
public func moduleValidate(_ s: OpaquePointer?, _ binary: UnsafePointer<wasm_byte_vec_t>?) -> Bool {
    guard let store = CStore.from(s) else { setLastError("wasm_module_validate: no store"); return false }
    do {
        let module = try Module(bytes: bytes(binary), engine: store.engine.engine)
        try module.validateFunctionBodies()  // (a no-op unless the engine validates lazily)
        return true
    } catch {
        setLastError(error.description)
        return false
    }
}

func module(_ p: OpaquePointer?) -> Module? {
    guard let object = CObject.from(p), case .module(let m) = object.payload else { return nil }
    return m.module
}

/// The module's imports the C API can express (tags have no extern kind in wasm.h, so tag
/// imports are left out here and refused by wasm_instance_new).
func cImports(_ m: Module) -> [Import] {
    m.imports.filter { if case .tag = $0.descriptor { return false } else { return true } }
}

func cExternType(_ d: ImportDescriptor, _ m: Module) -> OpaquePointer? {
    switch d {
    case .function(let ti): return wasm_functype_as_externtype(cFuncType(m.parsed.types[Int(ti)]))
    case .table(let t): return wasm_tabletype_as_externtype(cTableType(t))
    case .memory(let t): return wasm_memorytype_as_externtype(cMemoryType(t))
    case .global(let t): return wasm_globaltype_as_externtype(cGlobalType(t))
    case .tag: return nil
    }
}

@_cdecl("wasm_module_imports")
public func moduleImports(_ p: OpaquePointer?, _ out: UnsafeMutablePointer<wasm_importtype_vec_t>?) {
    guard let out else { return }
    guard let m = module(p) else { wasm_importtype_vec_new_empty(out); return }
    let imports = cImports(m)
    wasm_importtype_vec_new_uninitialized(out, imports.count)
    for (i, imp) in imports.enumerated() {
        var moduleName = wasm_byte_vec_t(), fieldName = wasm_byte_vec_t()
        byteVector(Array(imp.module.utf8), into: &moduleName)
        byteVector(Array(imp.name.utf8), into: &fieldName)
        out.pointee.data[i] = wasm_importtype_new(&moduleName, &fieldName, cExternType(imp.descriptor, m))
    }
}

/// The type of each export's entity, by index space (imports first).
func exportDescriptor(_ e: Export, _ m: Module) -> ImportDescriptor? {
    let p = m.parsed
    var functions: [UInt32] = [], tables: [TableType] = [], memories: [MemoryType] = [], globals: [GlobalType] = []
    for imp in p.imports {
        switch imp.descriptor {
        case .function(let ti): functions.append(ti)
        case .table(let t): tables.append(t)
        case .memory(let t): memories.append(t)
        case .global(let t): globals.append(t)
        case .tag: break
        }
    }
    let i = Int(e.index)
    switch e.kind {
    case .function:
        let ti = i < functions.count ? functions[i] : p.functions[i - functions.count]
        return .function(typeIndex: ti)
    case .table: return .table(i < tables.count ? tables[i] : p.tables[i - tables.count])
    case .memory: return .memory(i < memories.count ? memories[i] : p.memories[i - memories.count])
    case .global: return .global(i < globals.count ? globals[i] : p.globals[i - globals.count].type)
    case .tag: return nil
    }
}

@_cdecl("wasm_module_exports")
public func moduleExports(_ p: OpaquePointer?, _ out: UnsafeMutablePointer<wasm_exporttype_vec_t>?) {
    guard let out else { return }
    guard let m = module(p) else { wasm_exporttype_vec_new_empty(out); return }
    let exports = m.exports.compactMap { e in exportDescriptor(e, m).map { (e.name, $0) } }
    wasm_exporttype_vec_new_uninitialized(out, exports.count)
    for (i, (n, d)) in exports.enumerated() {
        var exportName = wasm_byte_vec_t()
        byteVector(Array(n.utf8), into: &exportName)
        out.pointee.data[i] = wasm_exporttype_new(&exportName, cExternType(d, m))
    }
}

/// The serialized form: a header that names the format, the Wisp version and the engine's
/// features, then the module's binary (the interpreter compiles on first call, so the binary is
/// all there is to keep).
let serializedMagic: [UInt8] = Array("\u{0}wisp-module\u{0}".utf8)
let wispVersion = "0.1.0"

func serializedHeader(_ engine: Engine) -> [UInt8] {
    var h = serializedMagic
    h += Array(wispVersion.utf8) + [0]
    let f = engine.configuration.features.rawValue
    h += [UInt8(f & 0xFF), UInt8(f >> 8 & 0xFF), UInt8(f >> 16 & 0xFF), UInt8(f >> 24)]
    return h
}

@_cdecl("wasm_module_serialize")
public func moduleSerialize(_ p: OpaquePointer?, _ out: UnsafeMutablePointer<wasm_byte_vec_t>?) {
    guard let out else { return }
    guard let m = module(p) else { wasm_byte_vec_new_empty(out); return }
    byteVector(serializedHeader(m.engine) + m.parsed.bytes, into: out)
}

@_cdecl("wasm_module_deserialize")
public func moduleDeserialize(_ s: OpaquePointer?, _ data: UnsafePointer<wasm_byte_vec_t>?) -> OpaquePointer? {
    guard let store = CStore.from(s) else { setLastError("wasm_module_deserialize: no store"); return nil }
    let b = bytes(data)
    let header = serializedHeader(store.engine.engine)
    guard b.count >= header.count, b.starts(with: serializedMagic) else {
        setLastError("not a serialized Wisp module")
        return nil
    }
    guard Array(b[0..<header.count]) == header else {
        setLastError("the module was serialized by another Wisp version or with other features")
        return nil
    }
    do {
        let module = try Module(bytes: Array(b[header.count...]), engine: store.engine.engine)
        return CObject.make(.module(CModule(module)), store: nil)
    } catch {
        setLastError(error.description)
        return nil
    }
}

/// A module as another store (on another thread) may take it: modules are immutable once made.
final class CSharedModule {
    let module: Module
    init(_ module: Module) { self.module = module }
}

@_cdecl("wasm_module_share")
public func moduleShare(_ p: OpaquePointer?) -> OpaquePointer? {
    guard let m = module(p) else { return nil }
    return OpaquePointer(Unmanaged.passRetained(CSharedModule(m)).toOpaque())
}

@_cdecl("wasm_module_obtain")
public func moduleObtain(_ s: OpaquePointer?, _ shared: OpaquePointer?) -> OpaquePointer? {
    guard let store = CStore.from(s), let shared else { setLastError("wasm_module_obtain: no store or module"); return nil }
    let m = Unmanaged<CSharedModule>.fromOpaque(UnsafeRawPointer(shared)).takeUnretainedValue().module
    guard m.engine === store.engine.engine else {
        setLastError("wasm_module_obtain: the module was compiled by another engine than the store's")
        return nil
    }
    return CObject.make(.module(CModule(m)), store: nil)
}

@_cdecl("wasm_shared_module_delete")
public func sharedModuleDelete(_ p: OpaquePointer?) {
    guard let p else { return }
    Unmanaged<CSharedModule>.fromOpaque(UnsafeRawPointer(p)).release()
}

// MARK: Instances

@_cdecl("wasm_instance_new")
public func instanceNew(_ s: OpaquePointer?, _ m: OpaquePointer?, _ imports: UnsafePointer<wasm_extern_vec_t>?,
                 _ trapOut: UnsafeMutablePointer<OpaquePointer?>?) -> OpaquePointer? {
    trapOut?.pointee = nil
    guard let store = CStore.from(s), let module = module(m) else {
        setLastError("wasm_instance_new: no store or module")
        return nil
    }
    func fail(_ error: WispError) -> OpaquePointer? {
        setLastError(error.description)
        trapOut?.pointee = store.trapObject(error)
        return nil
    }
    let wanted = cImports(module)
    guard wanted.count == module.imports.count else {
        return fail(.link("the module imports a tag, which the C API cannot provide"))
    }
    let given = imports.map { Int($0.pointee.size) } ?? 0
    guard given == wanted.count else {
        return fail(.link("the module has " + String(wanted.count) + " imports, but " + String(given) + " were given"))
    }
    var externs: [Extern] = []
    for (i, imp) in wanted.enumerated() {
        guard let object = CObject.from(imports!.pointee.data[i]), let e = object.payload.extern else {
            return fail(.link("import " + imp.module + "." + imp.name + " was not given"))
        }
        externs.append(e)
    }
    do {
        let instance = try module.instantiate(store: store.store, importsInOrder: externs)
        return CObject.make(.instance(instance), store: store)
    } catch {
        return fail(error)
    }
}

@_cdecl("wasm_instance_exports")
public func instanceExports(_ p: OpaquePointer?, _ out: UnsafeMutablePointer<wasm_extern_vec_t>?) {
    guard let out else { return }
    guard let object = CObject.from(p), case .instance(let instance) = object.payload else {
        wasm_extern_vec_new_empty(out)
        return
    }
    let exports = instance.exports.compactMap { Payload($0.value) }
    wasm_extern_vec_new_uninitialized(out, exports.count)
    for (i, e) in exports.enumerated() { out.pointee.data[i] = CObject.make(e, store: object.store) }
}

// MARK: Functions

/// A host function calling a C callback: arguments and results cross as C values; a trap the
/// callback returns becomes the Trap the guest sees (its own kind if it came from a Wisp trap).
func hostFunction(_ store: CStore, _ type: FuncType,
                  _ call: @escaping (UnsafePointer<wasm_val_vec_t>, UnsafeMutablePointer<wasm_val_vec_t>) -> OpaquePointer?) -> Function {
    // Weak: the store's functions live in the Wisp store, which the C store owns.
    weak let weakStore = store
    return Function(store: store.store, type: type) { _, arguments throws(Trap) in
        guard let store = weakStore else { throw Trap(.host, message: "the function's store was deleted") }
        var args: [wasm_val_t] = []
        args.reserveCapacity(arguments.count)
        do throws(Trap) {
            for a in arguments { args.append(try store.cValue(a)) }
        } catch {
            for i in args.indices { wasm_val_delete(&args[i]) }
            throw error
        }
        var results: [wasm_val_t] = []
        for t in type.results {
            var v = wasm_val_t()
            v.kind = valueKind(t)
            results.append(v)  // zero, or a null reference
        }
        let trap = args.withUnsafeMutableBufferPointer { a in
            results.withUnsafeMutableBufferPointer { r in
                var argVector = wasm_val_vec_t(size: a.count, data: a.baseAddress)
                var resultVector = wasm_val_vec_t(size: r.count, data: r.baseAddress)
                return call(&argVector, &resultVector)
            }
        }
        defer {
            for i in args.indices { wasm_val_delete(&args[i]) }
            for i in results.indices { wasm_val_delete(&results[i]) }
        }
        if let trap {
            defer { wasm_trap_delete(trap) }
            guard let object = CObject.from(trap), case .trap(let t) = object.payload else {
                throw Trap(.host, message: "the host function returned something that is not a trap")
            }
            throw t.trap
        }
        var out: [Value] = []
        for (i, t) in type.results.enumerated() {
            guard let v = store.value(results[i], as: t) else {
                throw Trap(.host, message: "host function result " + String(i) + " is not a " + t.name)
            }
            out.append(v)
        }
        return out
    }
}

@_cdecl("wasm_func_new")
public func funcNew(_ s: OpaquePointer?, _ t: OpaquePointer?,
             _ callback: (@convention(c) (UnsafePointer<wasm_val_vec_t>?, UnsafeMutablePointer<wasm_val_vec_t>?) -> OpaquePointer?)?) -> OpaquePointer? {
    guard let store = CStore.from(s), let type = funcType(t), let callback else {
        setLastError("wasm_func_new: no store, callback or valid function type")
        return nil
    }
    let f = hostFunction(store, type) { args, results in callback(args, results) }
    return CObject.make(.function(f), store: store)
}

@_cdecl("wasm_func_new_with_env")
public func funcNewWithEnv(_ s: OpaquePointer?, _ t: OpaquePointer?,
                    _ callback: (@convention(c) (UnsafeMutableRawPointer?, UnsafePointer<wasm_val_vec_t>?, UnsafeMutablePointer<wasm_val_vec_t>?) -> OpaquePointer?)?,
                    _ env: UnsafeMutableRawPointer?,
                    _ finalizer: (@convention(c) (UnsafeMutableRawPointer?) -> Void)?) -> OpaquePointer? {
    guard let store = CStore.from(s), let type = funcType(t), let callback else {
        setLastError("wasm_func_new_with_env: no store, callback or valid function type")
        return nil
    }
    let f = hostFunction(store, type) { args, results in callback(env, args, results) }
    if finalizer != nil { store.environments.append(HostInfo(info: env, finalizer: finalizer)) }
    return CObject.make(.function(f), store: store)
}

func function(_ p: OpaquePointer?) -> (Function, CStore)? {
    guard let object = CObject.from(p), case .function(let f) = object.payload, let store = object.store else { return nil }
    return (f, store)
}

@_cdecl("wasm_func_type")
public func funcTypeOf(_ p: OpaquePointer?) -> OpaquePointer? { function(p).map { cFuncType($0.0.type) } }

@_cdecl("wasm_func_param_arity")
public func funcParamArity(_ p: OpaquePointer?) -> Int { function(p)?.0.type.parameters.count ?? 0 }

@_cdecl("wasm_func_result_arity")
public func funcResultArity(_ p: OpaquePointer?) -> Int { function(p)?.0.type.results.count ?? 0 }

/// The arguments of a C call as Wisp values, or the trap that refuses them.
func arguments(_ args: UnsafePointer<wasm_val_vec_t>?, for type: FuncType, _ store: CStore) -> Result<[Value], Trap> {
    let count = args.map { Int($0.pointee.size) } ?? 0
    guard count == type.parameters.count else {
        return .failure(Trap(.host, message: "expected " + String(type.parameters.count) + " arguments, got " + String(count)))
    }
    var values: [Value] = []
    for (i, t) in type.parameters.enumerated() {
        guard let v = store.value(args!.pointee.data[i], as: t) else {
            return .failure(Trap(.host, message: "argument " + String(i) + " is not a " + t.name))
        }
        values.append(v)
    }
    return .success(values)
}

/// Writes `values` to `results`; a trap when they do not fit.
func write(_ values: [Value], to results: UnsafeMutablePointer<wasm_val_vec_t>?, _ store: CStore) -> OpaquePointer? {
    let room = results.map { Int($0.pointee.size) } ?? 0
    guard room >= values.count else {
        return store.trapObject(Trap(.host, message: "expected room for " + String(values.count) + " results, got " + String(room)))
    }
    for (i, v) in values.enumerated() {
        do {
            results!.pointee.data[i] = try store.cValue(v)
        } catch {
            return store.trapObject(error)
        }
    }
    return nil
}

@_cdecl("wasm_func_call")
public func funcCall(_ p: OpaquePointer?, _ args: UnsafePointer<wasm_val_vec_t>?,
              _ results: UnsafeMutablePointer<wasm_val_vec_t>?) -> OpaquePointer? {
    guard let (f, store) = function(p) else {
        return CObject.make(.trap(CTrap(Trap(.host, message: "wasm_func_call: not a function"))), store: nil)
    }
    switch arguments(args, for: f.type, store) {
    case .failure(let t):
        return store.trapObject(t)
    case .success(let values):
        do {
            return write(try f.call(values), to: results, store)
        } catch {
            return store.trapObject(error)
        }
    }
}

// MARK: Globals

func global(_ p: OpaquePointer?) -> (Global, CStore)? {
    guard let object = CObject.from(p), case .global(let g) = object.payload, let store = object.store else { return nil }
    return (g, store)
}

@_cdecl("wasm_global_new")
public func globalNew(_ s: OpaquePointer?, _ t: OpaquePointer?, _ v: UnsafePointer<wasm_val_t>?) -> OpaquePointer? {
    guard let store = CStore.from(s), let t, let v, let content = valueType(wasm_valtype_kind(wasm_globaltype_content(t))) else {
        setLastError("wasm_global_new: no store, type or value")
        return nil
    }
    let type = GlobalType(valueType: content, mutable: wasm_globaltype_mutability(t) == UInt8(WASM_VAR.rawValue))
    guard let value = store.value(v.pointee, as: content) else {
        setLastError("wasm_global_new: the value is not a " + content.name)
        return nil
    }
    do {
        return CObject.make(.global(try Global(store: store.store, type: type, value: value)), store: store)
    } catch {
        setLastError(error.description)
        return nil
    }
}

@_cdecl("wasm_global_type")
public func globalTypeOf(_ p: OpaquePointer?) -> OpaquePointer? { global(p).map { cGlobalType($0.0.type) } }

@_cdecl("wasm_global_get")
public func globalGet(_ p: OpaquePointer?, _ out: UnsafeMutablePointer<wasm_val_t>?) {
    guard let out, let (g, store) = global(p) else { return }
    out.pointee = (try? store.cValue(g.value)) ?? wasm_val_t()
}

@_cdecl("wisp_global_set")
public func globalSetChecked(_ p: OpaquePointer?, _ v: UnsafePointer<wasm_val_t>?) -> Bool {
    guard let v, let (g, store) = global(p) else { setLastError("wisp_global_set: no global or value"); return false }
    guard let value = store.value(v.pointee, as: g.type.valueType) else {
        setLastError("the value is not a " + g.type.valueType.name)
        return false
    }
    do {
        try g.set(value)
        return true
    } catch {
        setLastError(error.description)
        return false
    }
}

@_cdecl("wasm_global_set")
public func globalSet(_ p: OpaquePointer?, _ v: UnsafePointer<wasm_val_t>?) { _ = globalSetChecked(p, v) }

// MARK: Tables

func table(_ p: OpaquePointer?) -> (Table, CStore)? {
    guard let object = CObject.from(p), case .table(let t) = object.payload, let store = object.store else { return nil }
    return (t, store)
}

@_cdecl("wasm_table_new")
public func tableNew(_ s: OpaquePointer?, _ t: OpaquePointer?, _ initial: OpaquePointer?) -> OpaquePointer? {
    guard let store = CStore.from(s), let t, let element = valueType(wasm_valtype_kind(wasm_tabletype_element(t))),
          element.isReference else {
        setLastError("wasm_table_new: no store or reference element type")
        return nil
    }
    let type = TableType(element: element, limits: limits(wasm_tabletype_limits(t)))
    guard let value = store.reference(initial, as: element) else {
        setLastError("wasm_table_new: the initial value is not a " + element.name)
        return nil
    }
    do {
        return CObject.make(.table(try Table(store: store.store, type: type, filledWith: value)), store: store)
    } catch {
        setLastError(error.description)
        return nil
    }
}

@_cdecl("wasm_table_type")
public func tableTypeOf(_ p: OpaquePointer?) -> OpaquePointer? { table(p).map { cTableType($0.0.type) } }

@_cdecl("wasm_table_get")
public func tableGet(_ p: OpaquePointer?, _ index: UInt32) -> OpaquePointer? {
    guard let (t, store) = table(p), let v = t.get(Int(index)) else { return nil }
    return store.cReference(v)
}

@_cdecl("wasm_table_set")
public func tableSet(_ p: OpaquePointer?, _ index: UInt32, _ ref: OpaquePointer?) -> Bool {
    guard let (t, store) = table(p) else { return false }
    guard let v = store.reference(ref, as: t.type.element) else {
        setLastError("wasm_table_set: the reference is not a " + t.type.element.name)
        return false
    }
    do {
        try t.set(Int(index), v)
        return true
    } catch {
        setLastError(error.description)
        return false
    }
}

@_cdecl("wasm_table_size")
public func tableSize(_ p: OpaquePointer?) -> UInt32 { table(p).map { UInt32(clamping: $0.0.count) } ?? 0 }

@_cdecl("wasm_table_grow")
public func tableGrow(_ p: OpaquePointer?, _ delta: UInt32, _ initial: OpaquePointer?) -> Bool {
    guard let (t, store) = table(p), let v = store.reference(initial, as: t.type.element) else { return false }
    do {
        return try t.grow(by: Int(delta), initial: v) != nil
    } catch {
        setLastError(error.description)
        return false
    }
}

// MARK: Memories

func memory(_ p: OpaquePointer?) -> (Memory, CStore)? {
    guard let object = CObject.from(p), case .memory(let m) = object.payload, let store = object.store else { return nil }
    return (m, store)
}

@_cdecl("wasm_memory_new")
public func memoryNew(_ s: OpaquePointer?, _ t: OpaquePointer?) -> OpaquePointer? {
    guard let store = CStore.from(s), let t else { setLastError("wasm_memory_new: no store or type"); return nil }
    do {
        let m = try Memory(store: store.store, type: MemoryType(limits: limits(wasm_memorytype_limits(t))))
        return CObject.make(.memory(m), store: store)
    } catch {
        setLastError(error.description)
        return nil
    }
}

@_cdecl("wasm_memory_type")
public func memoryTypeOf(_ p: OpaquePointer?) -> OpaquePointer? { memory(p).map { cMemoryType($0.0.type) } }

@_cdecl("wasm_memory_data")
public func memoryData(_ p: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
    guard let (m, _) = memory(p) else { return nil }
    // The bytes stay where they are until the memory grows, as the header says.
    let base = try? m.withUnsafeMutableBytes { (b: UnsafeMutableRawBufferPointer) throws(Trap) -> UnsafeMutableRawPointer? in b.baseAddress }
    return base?.assumingMemoryBound(to: CChar.self)
}

@_cdecl("wasm_memory_data_size")
public func memoryDataSize(_ p: OpaquePointer?) -> Int { memory(p)?.0.byteCount ?? 0 }

@_cdecl("wasm_memory_size")
public func memorySize(_ p: OpaquePointer?) -> UInt32 { memory(p).map { UInt32(clamping: $0.0.pageCount) } ?? 0 }

@_cdecl("wasm_memory_grow")
public func memoryGrow(_ p: OpaquePointer?, _ delta: UInt32) -> Bool {
    guard let (m, _) = memory(p) else { return false }
    return m.grow(by: Int(delta)) != nil
}

// MARK: Externals

@_cdecl("wasm_extern_type")
public func externType(_ p: OpaquePointer?) -> OpaquePointer? {
    guard let object = CObject.from(p) else { return nil }
    switch object.payload {
    case .function(let f): return wasm_functype_as_externtype(cFuncType(f.type))
    case .global(let g): return wasm_globaltype_as_externtype(cGlobalType(g.type))
    case .table(let t): return wasm_tabletype_as_externtype(cTableType(t.type))
    case .memory(let m): return wasm_memorytype_as_externtype(cMemoryType(m.type))
    default: return nil
    }
}

// MARK: Traps and frames

@_cdecl("wasm_trap_new")
public func trapNew(_ s: OpaquePointer?, _ message: UnsafePointer<wasm_byte_vec_t>?) -> OpaquePointer? {
    CObject.make(.trap(CTrap(Trap(.host, message: name(message)))), store: CStore.from(s))
}

func trap(_ p: OpaquePointer?) -> Trap? {
    guard let object = CObject.from(p), case .trap(let t) = object.payload else { return nil }
    return t.trap
}

@_cdecl("wasm_trap_message")
public func trapMessage(_ p: OpaquePointer?, _ out: UnsafeMutablePointer<wasm_byte_vec_t>?) {
    guard let out else { return }
    byteVector(Array((trap(p)?.message ?? "").utf8) + [0], into: out)
}

/// One frame of a trap's trace.
final class CFrame {
    let frame: BacktraceFrame
    init(_ frame: BacktraceFrame) { self.frame = frame }
    static func from(_ p: OpaquePointer?) -> CFrame? {
        guard let p else { return nil }
        return Unmanaged<CFrame>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
    }
    static func make(_ frame: BacktraceFrame) -> OpaquePointer {
        OpaquePointer(Unmanaged.passRetained(CFrame(frame)).toOpaque())
    }
}

@_cdecl("wasm_trap_origin")
public func trapOrigin(_ p: OpaquePointer?) -> OpaquePointer? { trap(p)?.backtrace.first.map { CFrame.make($0) } }

@_cdecl("wasm_trap_trace")
public func trapTrace(_ p: OpaquePointer?, _ out: UnsafeMutablePointer<wasm_frame_vec_t>?) {
    guard let out else { return }
    let frames = trap(p)?.backtrace ?? []
    wasm_frame_vec_new_uninitialized(out, frames.count)
    for (i, f) in frames.enumerated() { out.pointee.data[i] = CFrame.make(f) }
}

@_cdecl("wasm_frame_delete")
public func frameDelete(_ p: OpaquePointer?) {
    guard let p else { return }
    Unmanaged<CFrame>.fromOpaque(UnsafeRawPointer(p)).release()
}

@_cdecl("wasm_frame_copy")
public func frameCopy(_ p: OpaquePointer?) -> OpaquePointer? { CFrame.from(p).map { CFrame.make($0.frame) } }

@_cdecl("wasm_frame_instance")
public func frameInstance(_ p: OpaquePointer?) -> OpaquePointer? { nil }

@_cdecl("wasm_frame_func_index")
public func frameFuncIndex(_ p: OpaquePointer?) -> UInt32 { CFrame.from(p)?.frame.functionIndex ?? 0 }

@_cdecl("wasm_frame_func_offset")
public func frameFuncOffset(_ p: OpaquePointer?) -> Int { CFrame.from(p)?.frame.functionOffset ?? 0 }

@_cdecl("wasm_frame_module_offset")
public func frameModuleOffset(_ p: OpaquePointer?) -> Int { CFrame.from(p)?.frame.moduleOffset ?? 0 }

// MARK: Foreign objects

@_cdecl("wasm_foreign_new")
public func foreignNew(_ s: OpaquePointer?) -> OpaquePointer? {
    guard let store = CStore.from(s) else { setLastError("wasm_foreign_new: no store"); return nil }
    return CObject.make(.foreign(CForeign()), store: store)
}
