// The platform layer: everything Wisp needs from the machine it runs on, in one place, so that a
// port (an RTOS, a bare-metal board) fills in this file's hooks and nothing else. docs/porting.md
// walks through a port; Firmware/ is a complete one for a Cortex-M4.
//
// What the engine needs:
//   - memory: every allocation (the engine's and the Swift runtime's) comes from malloc and
//     posix_memalign. A port without a C heap hands a buffer to `PlatformHeap.install(buffer:)`
//     and routes its malloc/free/realloc/calloc/posix_memalign/aligned_alloc symbols to
//     `PlatformHeap`'s functions of the same names (six one-line `@_cdecl` shims; they live in the
//     port, not here, so hosted builds keep their C library's malloc).
//   - a way to print: `Platform.write`, for diagnostics a port wants to see (the engine itself
//     never prints; Embedded Swift's `print` goes through `putchar`, which the port provides too).
//   - a clock, if any: `Platform.monotonicNanoseconds`. Nothing in the engine depends on time.
//   - the native stack bounds: `Platform.nativeStackBounds`, so an embedder (and the engine, for
//     re-entrant host calls) can tell how much native stack is left before it runs out.
//
// The hooks are plain global state, set once at start-up before any store exists: Wisp is used
// from one thread at a time on such platforms. Hosted builds leave them at their defaults.

/// The lowest and highest addresses of the native stack Wisp runs on (it grows down from `high`).
public struct NativeStackBounds: Equatable, Sendable {
    /// The lowest usable address: where the stack runs out.
    public var low: UInt
    /// The highest address: where the stack starts.
    public var high: UInt
    /// The bounds from `low` up to `high`.
    public init(low: UInt, high: UInt) {
        self.low = low
        self.high = high
    }
    /// Its size in bytes.
    public var size: Int { Int(high - low) }
}

/// The hooks a port sets at start-up. Each is optional: the defaults do nothing, or report nothing.
public enum Platform {
    /// Writes bytes to the platform's console (a UART, semihosting, a log buffer). Default: discards.
    /// Called only from the thread using Wisp; must not allocate through Wisp's heap re-entrantly
    /// from inside a malloc shim.
    public nonisolated(unsafe) static var write: (UnsafeRawBufferPointer) -> Void = { _ in }

    /// A monotonic clock in nanoseconds, if the platform has one (default: none). Cost: one call.
    public nonisolated(unsafe) static var monotonicNanoseconds: (() -> UInt64)? = nil

    /// The bounds of the native stack Wisp runs on, if known (default: unknown).
    public nonisolated(unsafe) static var nativeStackBounds: NativeStackBounds? = nil

    /// Writes `text` and a newline through `write`.
    public static func writeLine(_ text: String) {
        var line = text + "\n"
        line.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// Native stack bytes left below the caller's frame, or nil when the bounds are unknown.
    /// Cost: reading the address of a local.
    public static func nativeStackRemaining() -> Int? {
        guard let bounds = nativeStackBounds else { return nil }
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        guard here > bounds.low, here <= bounds.high else { return nil }
        return Int(here - bounds.low)
    }
}

#if canImport(Glibc) || canImport(Darwin)
extension HostOS {
    /// Runs `body(0)` ... `body(count - 1)` at once, `body(0)` on this thread and each other on a
    /// thread of its own, and returns when all have returned. An index whose thread cannot be
    /// created runs on this thread.
    static func parallel(_ count: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            var threads: [HostOS.Thread] = []
            for i in 1..<max(count, 1) {
                if let t = startThread(ParallelJob(body, i)) { threads.append(t) } else { body(i) }
            }
            body(0)
            for t in threads { joinThread(t) }
        }
    }
}

/// One index of `HostOS.parallel`, handed to its thread.
final class ParallelJob {
    let body: (Int) -> Void
    let index: Int
    init(_ body: @escaping (Int) -> Void, _ index: Int) {
        self.body = body
        self.index = index
    }
}
#endif
