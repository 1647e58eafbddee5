// wisp.h: engine settings, fuel, resumable calls, interrupts, live stacks, static-buffer
// memories and WASI for C hosts, over the same Swift API the Swift hosts use.
import Synchronization
import Wisp
import WispC
import WispText
import WispWASI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func closeDescriptor(_ fd: Int32) { _ = close(fd) }

// MARK: Traps

@_cdecl("wisp_trap_exit_status")
public func trapExitStatus(_ p: OpaquePointer?, _ status: UnsafeMutablePointer<Int32>?) -> Bool {
    guard let t = trap(p), t.kind == .exit, let code = t.exitCode else { return false }
    status?.pointee = code
    return true
}

/// wisp_trap_kind's strings: each kind's default message, made a C string on first use and kept
/// for the life of the process (there are some twenty).
let trapKindNames = Mutex<[String: UnsafeMutablePointer<CChar>]>([:])

@_cdecl("wisp_trap_kind")
public func trapKind(_ p: OpaquePointer?) -> UnsafePointer<CChar>? {
    guard let t = trap(p) else { return nil }
    let name = Trap.defaultMessage(t.kind)
    return trapKindNames.withLock { names in
        if let s = names[name] { return UnsafePointer(s) }
        guard let s = strdup(name) else { return nil }
        names[name] = s
        return UnsafePointer(s)
    }
}

// MARK: Text format

@_cdecl("wisp_wat2wasm")
public func wat2wasm(_ text: UnsafePointer<CChar>?, _ length: Int, _ out: UnsafeMutablePointer<wasm_byte_vec_t>?) -> Bool {
    guard let out else { return false }
    wasm_byte_vec_new_empty(out)
    guard let text else { setLastError("wisp_wat2wasm: no text"); return false }
    let source = String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
    do {
        byteVector(try WAT.encode(source), into: out)
        return true
    } catch {
        setLastError(error.description)
        return false
    }
}

// MARK: Engine configuration

@_cdecl("wisp_config_features")
public func configFeatures(_ c: OpaquePointer?, _ names: UnsafePointer<CChar>?) -> Bool {
    guard let config = config(c), let names else { return false }
    do {
        config.configuration.features = try Features(parsing: String(cString: names))
        return true
    } catch {
        setLastError(error.description)
        return false
    }
}

@_cdecl("wisp_config_fuel_metering")
public func configFuelMetering(_ c: OpaquePointer?, _ enable: Bool) { config(c)?.configuration.fuelMetering = enable }

@_cdecl("wisp_config_max_call_depth")
public func configMaxCallDepth(_ c: OpaquePointer?, _ depth: UInt32) { config(c)?.configuration.maxCallDepth = Int(depth) }

@_cdecl("wisp_config_native_stack_headroom")
public func configNativeStackHeadroom(_ c: OpaquePointer?, _ bytes: Int) { config(c)?.configuration.nativeStackHeadroom = bytes }

@_cdecl("wisp_config_lazy_validation")
public func configLazyValidation(_ c: OpaquePointer?, _ lazy: Bool) { config(c)?.configuration.validation = lazy ? .lazy : .eager }

@_cdecl("wisp_config_memory_backend")
public func configMemoryBackend(_ c: OpaquePointer?, _ backend: UInt8) -> Bool {
    guard let config = config(c) else { return false }
    switch UInt32(backend) {
    case WISP_MEMORY_HEAP.rawValue:
        config.configuration.memoryBackend = nil
    case WISP_MEMORY_RESERVED.rawValue:
        guard MemoryBackendChoice.isReservedAvailable else {
            setLastError("the reserved memory backend needs Linux or macOS on a 64-bit host")
            return false
        }
        config.configuration.memoryBackend = { _ in .reserved }
    default:
        setLastError("unknown memory backend " + String(backend))
        return false
    }
    return true
}

@_cdecl("wisp_config_limits")
public func configLimits(_ c: OpaquePointer?, _ maxMemoryBytes: UInt64, _ maxTableElements: UInt64,
                  _ maxInstances: UInt32, _ maxTotalBytes: UInt64) {
    guard let config = config(c) else { return }
    var l = ResourceLimits()
    if maxMemoryBytes > 0 { l.maxMemoryPages = Int(clamping: maxMemoryBytes / 65536) }
    if maxTableElements > 0 { l.maxTableElements = Int(clamping: maxTableElements) }
    if maxInstances > 0 { l.maxInstances = Int(maxInstances) }
    if maxTotalBytes > 0 { l.maxTotalBytes = Int(clamping: maxTotalBytes) }
    config.configuration.limits = l
}

// MARK: Fuel

@_cdecl("wisp_store_set_fuel")
public func storeSetFuel(_ s: OpaquePointer?, _ units: UInt64) -> Bool {
    guard let store = CStore.from(s) else { return false }
    do {
        try store.store.setFuel(units)
        return true
    } catch {
        setLastError(error.description)
        return false
    }
}

@_cdecl("wisp_store_add_fuel")
public func storeAddFuel(_ s: OpaquePointer?, _ units: UInt64) -> Bool {
    guard let store = CStore.from(s) else { return false }
    do {
        try store.store.addFuel(units)
        return true
    } catch {
        setLastError(error.description)
        return false
    }
}

@_cdecl("wisp_store_fuel_remaining")
public func storeFuelRemaining(_ s: OpaquePointer?, _ units: UnsafeMutablePointer<UInt64>?) -> Bool {
    guard let store = CStore.from(s), let left = store.store.remainingFuel else { return false }
    units?.pointee = left
    return true
}

@_cdecl("wisp_store_fuel_consumed")
public func storeFuelConsumed(_ s: OpaquePointer?) -> UInt64 { CStore.from(s)?.store.fuelConsumed ?? 0 }

// MARK: Resumable calls

final class CCall {
    let call: ResumableCall
    let store: CStore
    let function: Function
    init(_ call: ResumableCall, _ store: CStore, _ function: Function) {
        self.call = call
        self.store = store
        self.function = function
    }
}

let statusReturned = UInt8(WISP_CALL_RETURNED.rawValue)
let statusTrapped = UInt8(WISP_CALL_TRAPPED.rawValue)
let statusSuspended = UInt8(WISP_CALL_SUSPENDED.rawValue)

/// Reports an outcome through the out-parameters; returns the status.
func report(_ outcome: Result<CallOutcome, Trap>, _ store: CStore, _ function: Function, existing: CCall?,
            results: UnsafeMutablePointer<wasm_val_vec_t>?, trapOut: UnsafeMutablePointer<OpaquePointer?>?,
            callOut: UnsafeMutablePointer<OpaquePointer?>?) -> UInt8 {
    switch outcome {
    case .failure(let t):
        trapOut?.pointee = store.trapObject(t)
        return statusTrapped
    case .success(.returned(let values)):
        if let trap = write(values, to: results, store) {
            trapOut?.pointee = trap
            return statusTrapped
        }
        return statusReturned
    case .success(.suspended(let call)):
        if existing == nil {
            callOut?.pointee = OpaquePointer(Unmanaged.passRetained(CCall(call, store, function)).toOpaque())
        }
        return statusSuspended
    }
}

@_cdecl("wisp_func_call_resumable")
public func funcCallResumable(_ p: OpaquePointer?, _ args: UnsafePointer<wasm_val_vec_t>?, _ results: UnsafeMutablePointer<wasm_val_vec_t>?,
                       _ trapOut: UnsafeMutablePointer<OpaquePointer?>?, _ callOut: UnsafeMutablePointer<OpaquePointer?>?) -> UInt8 {
    trapOut?.pointee = nil
    callOut?.pointee = nil
    guard let (f, store) = function(p) else {
        trapOut?.pointee = CObject.make(.trap(CTrap(Trap(.host, message: "wisp_func_call_resumable: not a function"))), store: nil)
        return statusTrapped
    }
    switch arguments(args, for: f.type, store) {
    case .failure(let t):
        trapOut?.pointee = store.trapObject(t)
        return statusTrapped
    case .success(let values):
        let outcome: Result<CallOutcome, Trap>
        do { outcome = .success(try f.callResumable(values)) } catch { outcome = .failure(error) }
        return report(outcome, store, f, existing: nil, results: results, trapOut: trapOut, callOut: callOut)
    }
}

func call(_ p: OpaquePointer?) -> CCall? {
    guard let p else { return nil }
    return Unmanaged<CCall>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
}

@_cdecl("wisp_call_resume")
public func callResume(_ p: OpaquePointer?, _ results: UnsafeMutablePointer<wasm_val_vec_t>?,
                _ trapOut: UnsafeMutablePointer<OpaquePointer?>?) -> UInt8 {
    trapOut?.pointee = nil
    guard let c = call(p) else {
        trapOut?.pointee = CObject.make(.trap(CTrap(Trap(.host, message: "wisp_call_resume: no call"))), store: nil)
        return statusTrapped
    }
    guard !c.call.isFinished else {
        trapOut?.pointee = c.store.trapObject(Trap(.host, message: "wisp_call_resume: the call has finished"))
        return statusTrapped
    }
    let outcome: Result<CallOutcome, Trap>
    do { outcome = .success(try c.call.resume()) } catch { outcome = .failure(error) }
    return report(outcome, c.store, c.function, existing: c, results: results, trapOut: trapOut, callOut: nil)
}

@_cdecl("wisp_call_reason")
public func callReason(_ p: OpaquePointer?) -> UInt8 {
    switch call(p)?.call.reason {
    case .interrupted?: return UInt8(WISP_SUSPEND_INTERRUPTED.rawValue)
    case .yield?: return UInt8(WISP_SUSPEND_YIELD.rawValue)
    default: return UInt8(WISP_SUSPEND_OUT_OF_FUEL.rawValue)
    }
}

@_cdecl("wisp_call_delete")
public func callDelete(_ p: OpaquePointer?) {
    guard let p else { return }
    Unmanaged<CCall>.fromOpaque(UnsafeRawPointer(p)).release()
}

// MARK: Interrupts

@_cdecl("wisp_store_interrupt_handle")
public func storeInterruptHandle(_ s: OpaquePointer?) -> OpaquePointer? {
    guard let store = CStore.from(s) else { return nil }
    return OpaquePointer(Unmanaged.passRetained(store.store.interruptHandle).toOpaque())
}

func interruptHandle(_ p: OpaquePointer?) -> InterruptHandle? {
    guard let p else { return nil }
    return Unmanaged<InterruptHandle>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
}

@_cdecl("wisp_interrupt_handle_interrupt")
public func interruptHandleInterrupt(_ p: OpaquePointer?, _ trap: Bool) { interruptHandle(p)?.interrupt(trap: trap) }

@_cdecl("wisp_interrupt_handle_clear")
public func interruptHandleClear(_ p: OpaquePointer?) { interruptHandle(p)?.clear() }

@_cdecl("wisp_interrupt_handle_delete")
public func interruptHandleDelete(_ p: OpaquePointer?) {
    guard let p else { return }
    Unmanaged<InterruptHandle>.fromOpaque(UnsafeRawPointer(p)).release()
}

// MARK: Live stacks

/// A sampler and the buffer it captures into, allocated once so capture allocates nothing.
final class CSampler {
    static let capacity = 1024
    let sampler: StackSampler
    let buffer: UnsafeMutableBufferPointer<CapturedFrame>
    init(_ sampler: StackSampler) {
        self.sampler = sampler
        buffer = .allocate(capacity: CSampler.capacity)
        buffer.initialize(repeating: CapturedFrame())
    }
    deinit { buffer.deallocate() }
}

@_cdecl("wisp_store_stack_sampler")
public func storeStackSampler(_ s: OpaquePointer?) -> OpaquePointer? {
    guard let store = CStore.from(s) else { return nil }
    return OpaquePointer(Unmanaged.passRetained(CSampler(store.store.stackSampler)).toOpaque())
}

@_cdecl("wisp_stack_sampler_capture")
public func stackSamplerCapture(_ p: OpaquePointer?, _ frames: UnsafeMutablePointer<wisp_stack_frame_t>?, _ capacity: Int) -> Int32 {
    guard let p, let frames else { return 0 }
    let s = Unmanaged<CSampler>.fromOpaque(UnsafeRawPointer(p))
    return s._withUnsafeGuaranteedRef { s in
        let room = min(capacity, CSampler.capacity)
        let n = s.sampler.capture(into: UnsafeMutableBufferPointer(rebasing: s.buffer[0..<room]))
        guard n > 0 else { return Int32(n) }
        for i in 0..<n {
            frames[i] = wisp_stack_frame_t(func_index: s.buffer[i].functionIndex, code_offset: s.buffer[i].codeOffset,
                                           is_host: s.buffer[i].isHost)
        }
        return Int32(n)
    }
}

@_cdecl("wisp_stack_sampler_delete")
public func stackSamplerDelete(_ p: OpaquePointer?) {
    guard let p else { return }
    Unmanaged<CSampler>.fromOpaque(UnsafeRawPointer(p)).release()
}

// MARK: Static-buffer memories

@_cdecl("wisp_memory_new_static")
public func memoryNewStatic(_ s: OpaquePointer?, _ t: OpaquePointer?, _ buffer: UnsafeMutableRawPointer?, _ capacity: Int) -> OpaquePointer? {
    guard let store = CStore.from(s), let t, let buffer else { setLastError("wisp_memory_new_static: no store, type or buffer"); return nil }
    do {
        let m = try Memory(store: store.store, type: MemoryType(limits: limits(wasm_memorytype_limits(t))),
                           backend: .staticBuffer(UnsafeMutableRawBufferPointer(start: buffer, count: capacity)))
        return CObject.make(.memory(m), store: store)
    } catch {
        setLastError(error.description)
        return nil
    }
}

// MARK: WASI

final class CWASIConfig {
    var configuration = WASIConfiguration()
    /// Files opened for the standard streams; they go to the store that uses the configuration.
    var descriptors: [Int32] = []
    deinit { for fd in descriptors { closeDescriptor(fd) } }
}

func wasiConfig(_ p: OpaquePointer?) -> CWASIConfig? {
    guard let p else { return nil }
    return Unmanaged<CWASIConfig>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
}

@_cdecl("wisp_wasi_config_new")
public func wasiConfigNew() -> OpaquePointer { OpaquePointer(Unmanaged.passRetained(CWASIConfig()).toOpaque()) }

@_cdecl("wisp_wasi_config_delete")
public func wasiConfigDelete(_ p: OpaquePointer?) {
    guard let p else { return }
    Unmanaged<CWASIConfig>.fromOpaque(UnsafeRawPointer(p)).release()
}

func strings(_ count: Int, _ list: UnsafePointer<UnsafePointer<CChar>?>?) -> [String] {
    guard let list else { return [] }
    return (0..<count).compactMap { list[$0].map { String(cString: $0) } }
}

@_cdecl("wisp_wasi_config_set_argv")
public func wasiConfigSetArgv(_ p: OpaquePointer?, _ argc: Int, _ argv: UnsafePointer<UnsafePointer<CChar>?>?) {
    wasiConfig(p)?.configuration.arguments = strings(argc, argv)
}

@_cdecl("wisp_wasi_config_set_env")
public func wasiConfigSetEnv(_ p: OpaquePointer?, _ count: Int, _ entries: UnsafePointer<UnsafePointer<CChar>?>?) {
    wasiConfig(p)?.configuration.environment = strings(count, entries)
}

@_cdecl("wisp_wasi_config_preopen_dir")
public func wasiConfigPreopenDir(_ p: OpaquePointer?, _ host: UnsafePointer<CChar>?, _ guest: UnsafePointer<CChar>?) {
    guard let c = wasiConfig(p), let host, let guest else { return }
    c.configuration.preopens.append(.init(hostPath: String(cString: host), guestPath: String(cString: guest)))
}

@_cdecl("wisp_wasi_config_set_stdio_fds")
public func wasiConfigSetStdioFDs(_ p: OpaquePointer?, _ stdin: Int32, _ stdout: Int32, _ stderr: Int32) {
    guard let c = wasiConfig(p) else { return }
    c.configuration.stdin = stdin
    c.configuration.stdout = stdout
    c.configuration.stderr = stderr
}

func openStream(_ p: OpaquePointer?, _ path: UnsafePointer<CChar>?, write: Bool, _ set: (CWASIConfig, Int32) -> Void) -> Bool {
    guard let c = wasiConfig(p), let path else { return false }
    let flags = write ? O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC : O_RDONLY | O_CLOEXEC
    let fd = open(path, flags, 0o644)
    guard fd >= 0 else {
        setLastError("cannot open " + String(cString: path) + ": " + String(cString: strerror(errno)))
        return false
    }
    c.descriptors.append(fd)
    set(c, fd)
    return true
}

@_cdecl("wisp_wasi_config_set_stdin_file")
public func wasiConfigSetStdinFile(_ p: OpaquePointer?, _ path: UnsafePointer<CChar>?) -> Bool {
    openStream(p, path, write: false) { $0.configuration.stdin = $1 }
}

@_cdecl("wisp_wasi_config_set_stdout_file")
public func wasiConfigSetStdoutFile(_ p: OpaquePointer?, _ path: UnsafePointer<CChar>?) -> Bool {
    openStream(p, path, write: true) { $0.configuration.stdout = $1 }
}

@_cdecl("wisp_wasi_config_set_stderr_file")
public func wasiConfigSetStderrFile(_ p: OpaquePointer?, _ path: UnsafePointer<CChar>?) -> Bool {
    openStream(p, path, write: true) { $0.configuration.stderr = $1 }
}

@_cdecl("wisp_wasi_imports")
public func wasiImports(_ s: OpaquePointer?, _ m: OpaquePointer?, _ c: OpaquePointer?, _ out: UnsafeMutablePointer<wasm_extern_vec_t>?) -> Bool {
    defer { wasiConfigDelete(c) }
    guard let out else { return false }
    wasm_extern_vec_new_empty(out)
    guard let store = CStore.from(s), let module = module(m), let config = wasiConfig(c) else {
        setLastError("wisp_wasi_imports: no store, module or configuration")
        return false
    }
    let wasi: WASI
    do {
        wasi = try WASI(configuration: config.configuration)
    } catch {
        setLastError(error.description)
        return false
    }
    store.ownedDescriptors += config.descriptors
    config.descriptors = []
    var imports = Imports()
    wasi.define(into: &imports, store: store.store)
    let wanted = cImports(module)
    wasm_extern_vec_new_uninitialized(out, wanted.count)
    for (i, imp) in wanted.enumerated() {
        out.pointee.data[i] = imports.lookup(module: imp.module, name: imp.name)
            .flatMap { Payload($0) }
            .map { CObject.make($0, store: store) }
    }
    return true
}
