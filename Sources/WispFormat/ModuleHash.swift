/// A 32-byte digest of a module's binary that ties ahead-of-time compiled code to the module it
/// was compiled from (`wisp compile` writes it into the code; the runtime compares it before
/// running the code). Four FNV-1a 64-bit hashes with different offsets: it catches a mismatched
/// or corrupted pairing, and is not meant to resist a forger (whoever can replace the native code
/// can run anything already). Cost: one pass over the bytes.
public func moduleHash(_ bytes: [UInt8]) -> [UInt8] {
    var h: [UInt64] = [0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4, 0x9e37_79b9_7f4a_7c15, 0x6a09_e667_f3bc_c908]
    for b in bytes {
        for k in 0..<4 {
            h[k] = (h[k] ^ UInt64(b)) &* 0x0000_0100_0000_01B3
        }
    }
    // Fold the length in, so a prefix does not hash like its module.
    var out: [UInt8] = []
    for k in 0..<4 {
        let v = (h[k] ^ UInt64(bytes.count)) &* 0x0000_0100_0000_01B3
        for s in 0..<8 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(s)))) }
    }
    return out
}
