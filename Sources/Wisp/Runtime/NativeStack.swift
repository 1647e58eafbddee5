// Native stack guard (docs/stack-safety.md). WebAssembly calls never use the native stack; only
// host -> wasm entries and wasm -> host calls do, so those are the two places that check how much
// native stack the current thread has left, against a configured headroom, before going deeper.

/// The address of a local of the caller's frame: close enough to the stack pointer.
@inline(never) func currentStackPointer() -> UInt {
    var marker: UInt8 = 0
    return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
}

/// The lowest usable address and the top of the current thread's stack (stacks grow down), or nil
/// when the platform cannot say (bare metal: the embedder supplies it through the configuration).
func currentThreadStackBounds() -> (low: UInt, high: UInt)? {
    #if canImport(Glibc) || canImport(Darwin)
    return HostOS.threadStackBounds()
    #else
    return nil
    #endif
}

/// An opaque id of the current thread, to cache its stack bounds.
func currentThreadID() -> UInt {
    #if canImport(Glibc) || canImport(Darwin)
    return HostOS.threadID()
    #else
    return 0
    #endif
}

/// Remembers the stack bound of the last thread that entered, so a check is a compare.
struct NativeStackGuard {
    var thread: UInt = 0
    var lowerBound: UInt = 0
    var upperBound: UInt = UInt.max
    var known = false

    /// Whether at least `headroom` bytes of native stack remain below the caller.
    mutating func hasRoom(_ headroom: Int, provider: (() -> UInt?)?) -> Bool {
        if headroom <= 0 { return true }
        let id = currentThreadID()
        if !known || id != thread {
            thread = id
            upperBound = UInt.max
            if let p = provider, let b = p() {
                lowerBound = b
                known = true
            } else if let b = currentThreadStackBounds() {
                lowerBound = b.low
                upperBound = b.high
                known = true
            } else if let b = Platform.nativeStackBounds {
                // Bare metal: the port told the platform layer where its stack is.
                lowerBound = b.low
                upperBound = b.high
                known = true
            } else {
                known = false
                return true  // no way to know: nothing to check against
            }
        }
        let sp = currentStackPointer()
        // A local that is not on the thread's stack (AddressSanitizer's fake stacks put them on
        // the heap) says nothing about the stack: do not refuse on its account.
        if upperBound != UInt.max && (sp >= upperBound || sp < lowerBound) { return true }
        return sp > lowerBound && sp - lowerBound >= UInt(headroom)
    }
}
