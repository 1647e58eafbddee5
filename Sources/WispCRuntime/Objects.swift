// The Swift half of libWispC: the runtime objects behind wasm.h's opaque pointers, and the
// conversions between the C API's values and types and Wisp's. The C half (Sources/WispC) holds
// the plain data (vectors, type objects) and the reference functions common to every object.
//
// Every object of the reference family (func, global, table, memory, instance, module, trap,
// foreign, and the extern and ref views of them) is one `CObject`; a C pointer is a retained
// reference to it, so `copy` retains, `delete` releases and the as_ conversions are casts.
import Wisp
import WispC
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A host pointer with an optional finalizer, as wasm_*_set_host_info_with_finalizer attaches it.
struct HostInfo {
    var info: UnsafeMutableRawPointer?
    var finalizer: (@convention(c) (UnsafeMutableRawPointer?) -> Void)?

    func finalize() { finalizer?(info) }
}

/// A class-held host info, for objects that own theirs (modules, traps, foreign objects): it is
/// finalized when the object ends.
class HostInfoHolder {
    var hostInfo = HostInfo()
    deinit { hostInfo.finalize() }
}

final class CModule: HostInfoHolder {
    let module: Module
    init(_ module: Module) { self.module = module }
}

final class CTrap: HostInfoHolder {
    let trap: Trap
    init(_ trap: Trap) { self.trap = trap }
}

final class CForeign: HostInfoHolder {}

/// What a C reference names.
enum Payload: Hashable {
    case function(Function)
    case global(Global)
    case table(Table)
    case memory(Memory)
    case instance(Instance)
    case module(CModule)
    case trap(CTrap)
    case foreign(CForeign)

    static func == (a: Payload, b: Payload) -> Bool {
        switch (a, b) {
        case (.function(let x), .function(let y)): return x == y
        case (.global(let x), .global(let y)): return x == y
        case (.table(let x), .table(let y)): return x == y
        case (.memory(let x), .memory(let y)): return x == y
        case (.instance(let x), .instance(let y)): return x == y
        case (.module(let x), .module(let y)): return x === y
        case (.trap(let x), .trap(let y)): return x === y
        case (.foreign(let x), .foreign(let y)): return x === y
        default: return false
        }
    }

    func hash(into h: inout Hasher) {
        switch self {
        case .function(let x): h.combine(x)
        case .global(let x): h.combine(x)
        case .table(let x): h.combine(x)
        case .memory(let x): h.combine(x)
        case .instance(let x): h.combine(x)
        case .module(let x): h.combine(ObjectIdentifier(x))
        case .trap(let x): h.combine(ObjectIdentifier(x))
        case .foreign(let x): h.combine(ObjectIdentifier(x))
        }
    }

    /// The kind numbers of internal.h (the first four are wasm_externkind_t's).
    var kind: Int32 {
        switch self {
        case .function: return 0
        case .global: return 1
        case .table: return 2
        case .memory: return 3
        case .instance: return 4
        case .module: return 5
        case .trap: return 6
        case .foreign: return 7
        }
    }

    var extern: Extern? {
        switch self {
        case .function(let f): return .function(f)
        case .global(let g): return .global(g)
        case .table(let t): return .table(t)
        case .memory(let m): return .memory(m)
        default: return nil
        }
    }

    init?(_ extern: Extern) {
        switch extern {
        case .function(let f): self = .function(f)
        case .global(let g): self = .global(g)
        case .table(let t): self = .table(t)
        case .memory(let m): self = .memory(m)
        case .tag: return nil
        }
    }
}

/// One runtime object of the reference family.
final class CObject {
    let payload: Payload
    /// The store the object lives in (nil for modules, which belong to the engine): a handle keeps
    /// its store alive, so deleting the store before its objects is safe.
    let store: CStore?

    init(_ payload: Payload, store: CStore?) {
        self.payload = payload
        self.store = store
    }

    /// A new owned C pointer to a new object.
    static func make(_ payload: Payload, store: CStore?) -> OpaquePointer {
        OpaquePointer(Unmanaged.passRetained(CObject(payload, store: store)).toOpaque())
    }

    /// The object behind a borrowed C pointer.
    static func from(_ p: OpaquePointer?) -> CObject? {
        guard let p else { return nil }
        return Unmanaged<CObject>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
    }

    static func from(_ p: UnsafeRawPointer?) -> CObject? {
        guard let p else { return nil }
        return Unmanaged<CObject>.fromOpaque(p).takeUnretainedValue()
    }

    var hostInfo: HostInfo {
        get {
            switch payload {
            case .module(let h as HostInfoHolder), .trap(let h as HostInfoHolder), .foreign(let h as HostInfoHolder):
                return h.hostInfo
            default:
                guard let store, let slot = store.hostInfoSlots[payload] else { return HostInfo() }
                return store.hostInfos[slot]
            }
        }
        set {
            switch payload {
            case .module(let h as HostInfoHolder), .trap(let h as HostInfoHolder), .foreign(let h as HostInfoHolder):
                h.hostInfo = newValue
            default:
                guard let store else { return }
                if let slot = store.hostInfoSlots[payload] {
                    store.hostInfos[slot] = newValue
                } else {
                    store.hostInfoSlots[payload] = store.hostInfos.count
                    store.hostInfos.append(newValue)
                }
            }
        }
    }
}

final class CEngine {
    let engine: Engine
    init(_ engine: Engine) { self.engine = engine }
}

final class CConfig {
    var configuration = EngineConfiguration()
}

/// A wasm_store_t: the Wisp store and what the C API keeps beside it.
final class CStore {
    let store: Store
    let engine: CEngine
    /// Host info of the store's entities (functions, globals, tables, memories, instances), which
    /// belongs to the entity, not to any one handle; finalized with the store, in the order it was
    /// first set.
    var hostInfoSlots: [Payload: Int] = [:]
    var hostInfos: [HostInfo] = []
    /// Finalizers of wasm_func_new_with_env environments, run with the store.
    var environments: [HostInfo] = []
    /// Externref values: Wisp carries an externref as a number, the C API as an object.
    var externObjects: [UInt64: Payload] = [:]
    var externIDs: [Payload: UInt64] = [:]
    /// Host files the store's WASI opened for the guest's standard streams.
    var ownedDescriptors: [Int32] = []

    init(_ engine: CEngine) {
        self.engine = engine
        self.store = Store(engine: engine.engine)
    }

    deinit {
        for info in hostInfos { info.finalize() }
        for info in environments { info.finalize() }
        for fd in ownedDescriptors { closeDescriptor(fd) }
    }

    static func from(_ p: OpaquePointer?) -> CStore? {
        guard let p else { return nil }
        return Unmanaged<CStore>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
    }

    /// The externref number for `payload`, assigned on its first crossing into WebAssembly.
    func externID(_ payload: Payload) -> UInt64 {
        if let id = externIDs[payload] { return id }
        let id = UInt64(externObjects.count + 1)
        externObjects[id] = payload
        externIDs[payload] = id
        return id
    }

    // MARK: Values

    /// `v` as a Wisp value of type `type`, or nil when its kind does not fit (or a reference is
    /// not of the type: a non-function where a funcref is expected, another store's function).
    func value(_ v: wasm_val_t, as type: ValueType) -> Value? {
        switch type.representation {
        case .i32: return v.kind == UInt8(WASM_I32.rawValue) ? .i32(UInt32(bitPattern: v.of.i32)) : nil
        case .i64: return v.kind == UInt8(WASM_I64.rawValue) ? .i64(UInt64(bitPattern: v.of.i64)) : nil
        case .f32: return v.kind == UInt8(WASM_F32.rawValue) ? .f32(v.of.f32.bitPattern) : nil
        case .f64: return v.kind == UInt8(WASM_F64.rawValue) ? .f64(v.of.f64.bitPattern) : nil
        case .funcref, .externref:
            guard v.kind >= UInt8(WASM_EXTERNREF.rawValue) else { return nil }
            return reference(v.of.ref, as: type)
        default:
            return nil
        }
    }

    /// A C reference (NULL for null) as a Wisp reference value of `type`'s hierarchy, or nil
    /// for a non-function where a function is expected. (Whether a function reference fits a
    /// typed table or parameter, and belongs to this store, the Wisp call that takes it checks.)
    func reference(_ ref: OpaquePointer?, as type: ValueType) -> Value? {
        switch type.representation {
        case .funcref:
            guard let object = CObject.from(ref) else { return .funcref(nil) }
            guard case .function(let f) = object.payload else { return nil }
            return .funcref(f)
        case .externref:
            guard let object = CObject.from(ref) else { return .externref(nil) }
            return .externref(externID(object.payload))
        default:
            return nil
        }
    }

    /// A Wisp value as a C value (references as new owned objects).
    func cValue(_ v: Value) throws(Trap) -> wasm_val_t {
        var out = wasm_val_t()
        switch v {
        case .i32(let x): out.kind = UInt8(WASM_I32.rawValue); out.of.i32 = Int32(bitPattern: x)
        case .i64(let x): out.kind = UInt8(WASM_I64.rawValue); out.of.i64 = Int64(bitPattern: x)
        case .f32(let x): out.kind = UInt8(WASM_F32.rawValue); out.of.f32 = Float(bitPattern: x)
        case .f64(let x): out.kind = UInt8(WASM_F64.rawValue); out.of.f64 = Double(bitPattern: x)
        case .funcref(let f):
            out.kind = UInt8(WASM_FUNCREF.rawValue)
            out.of.ref = f.map { CObject.make(.function($0), store: self) }
        case .externref(let id):
            out.kind = UInt8(WASM_EXTERNREF.rawValue)
            out.of.ref = id.map { externObject($0) }
        case .v128, .exnref:
            throw Trap(.host, message: "a " + v.type.name + " value cannot cross the C API")
        }
        return out
    }

    /// The C reference for an externref number (a new owned object).
    func externObject(_ id: UInt64) -> OpaquePointer {
        if let payload = externObjects[id] { return CObject.make(payload, store: self) }
        // A number no C object made (a Swift host gave it): it becomes a foreign object of its own.
        let foreign = Payload.foreign(CForeign())
        externObjects[id] = foreign
        externIDs[foreign] = id
        return CObject.make(foreign, store: self)
    }

    /// A C reference for a Wisp reference value (nil for null).
    func cReference(_ v: Value) -> OpaquePointer? {
        switch v {
        case .funcref(let f?): return CObject.make(.function(f), store: self)
        case .externref(let id?): return externObject(id)
        default: return nil
        }
    }

    // MARK: Traps

    func trapObject(_ trap: Trap) -> OpaquePointer { CObject.make(.trap(CTrap(trap)), store: self) }

    func trapObject(_ error: WispError) -> OpaquePointer {
        if case .trap(let t) = error { return trapObject(t) }
        return trapObject(Trap(.host, message: error.description))
    }
}

// MARK: Types

/// The C API's value kind for a Wisp value type (v128 and exception references, which the
/// standard has no kind for, as Wisp's own 4 and 130).
func valueKind(_ t: ValueType) -> wasm_valkind_t {
    switch t.representation {
    case .i32: return wasm_valkind_t(WASM_I32.rawValue)
    case .i64: return wasm_valkind_t(WASM_I64.rawValue)
    case .f32: return wasm_valkind_t(WASM_F32.rawValue)
    case .f64: return wasm_valkind_t(WASM_F64.rawValue)
    case .externref: return wasm_valkind_t(WASM_EXTERNREF.rawValue)
    case .funcref: return wasm_valkind_t(WASM_FUNCREF.rawValue)
    case .v128: return 4
    default: return 130
    }
}

/// The Wisp value type of a C value kind, or nil for a kind Wisp does not know.
func valueType(_ kind: wasm_valkind_t) -> ValueType? {
    switch UInt32(kind) {
    case WASM_I32.rawValue: return .i32
    case WASM_I64.rawValue: return .i64
    case WASM_F32.rawValue: return .f32
    case WASM_F64.rawValue: return .f64
    case WASM_EXTERNREF.rawValue: return .externref
    case WASM_FUNCREF.rawValue: return .funcref
    default: return nil
    }
}

func valueTypes(_ vec: UnsafePointer<wasm_valtype_vec_t>?) -> [ValueType]? {
    guard let vec else { return [] }
    var out: [ValueType] = []
    for i in 0..<vec.pointee.size {
        guard let t = vec.pointee.data[i], let v = valueType(wasm_valtype_kind(t)) else { return nil }
        out.append(v)
    }
    return out
}

func funcType(_ t: OpaquePointer?) -> FuncType? {
    guard let t, let p = valueTypes(wasm_functype_params(t)), let r = valueTypes(wasm_functype_results(t)) else { return nil }
    return FuncType(parameters: p, results: r)
}

func limits(_ l: UnsafePointer<wasm_limits_t>?) -> Limits {
    guard let l else { return Limits(min: 0, max: nil) }
    return Limits(min: UInt64(l.pointee.min), max: l.pointee.max == 0xffff_ffff ? nil : UInt64(l.pointee.max))
}

func cLimits(_ l: Limits) -> wasm_limits_t {
    wasm_limits_t(min: UInt32(clamping: l.min), max: l.max.map { UInt32(clamping: $0) } ?? 0xffff_ffff)
}

func cValueTypes(_ types: [ValueType]) -> wasm_valtype_vec_t {
    var vec = wasm_valtype_vec_t()
    wasm_valtype_vec_new_uninitialized(&vec, types.count)
    for (i, t) in types.enumerated() { vec.data[i] = wasm_valtype_new(valueKind(t)) }
    return vec
}

func cFuncType(_ t: FuncType) -> OpaquePointer {
    var params = cValueTypes(t.parameters)
    var results = cValueTypes(t.results)
    return wasm_functype_new(&params, &results)
}

func cGlobalType(_ t: GlobalType) -> OpaquePointer {
    wasm_globaltype_new(wasm_valtype_new(valueKind(t.valueType)), wasm_mutability_t(t.mutable ? WASM_VAR.rawValue : WASM_CONST.rawValue))
}

func cTableType(_ t: TableType) -> OpaquePointer {
    var l = cLimits(t.limits)
    return wasm_tabletype_new(wasm_valtype_new(valueKind(t.element)), &l)
}

func cMemoryType(_ t: MemoryType) -> OpaquePointer {
    var l = cLimits(t.limits)
    return wasm_memorytype_new(&l)
}

// MARK: Errors

/// The per-thread slot of wisp_last_error(): a malloc'd C string, freed when replaced or when
/// the thread ends.
let lastErrorKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { free($0) }
    return key
}()

/// Leaves a message for wisp_last_error() on this thread.
func setLastError(_ message: String) {
    free(pthread_getspecific(lastErrorKey))
    pthread_setspecific(lastErrorKey, strdup(message))
}

@_cdecl("wisp_last_error")
public func lastError() -> UnsafePointer<CChar>? {
    pthread_getspecific(lastErrorKey).map { UnsafePointer($0.assumingMemoryBound(to: CChar.self)) }
}

/// Copies `bytes` into a new owned byte vector.
func byteVector(_ bytes: some Collection<UInt8>, into out: UnsafeMutablePointer<wasm_byte_vec_t>) {
    wasm_byte_vec_new_uninitialized(out, bytes.count)
    var i = 0
    for b in bytes { out.pointee.data[i] = CChar(bitPattern: b); i += 1 }
}

func bytes(_ vec: UnsafePointer<wasm_byte_vec_t>?) -> [UInt8] {
    guard let vec, vec.pointee.size > 0, let data = vec.pointee.data else { return [] }
    return [UInt8](UnsafeRawBufferPointer(start: data, count: vec.pointee.size))
}

func name(_ vec: UnsafePointer<wasm_byte_vec_t>?) -> String {
    var b = bytes(vec)
    if b.last == 0 { b.removeLast() }  // a message made with wasm_name_new_from_string_nt
    return String(decoding: b, as: UTF8.self)
}
