// Decodes the operands of SIMD instructions (encodings in Translator.swift) and calls the lane
// semantics in SIMD/. Out of the main loop: a v128 operation does enough work that the call is
// cheap, and the scalar handlers stay small. `v128.load`/`v128.store` stay in the loop.

@inline(__always) func v128(_ fp: UnsafeMutablePointer<UInt64>, _ i: Int) -> V128 { V128(lo: fp[i], hi: fp[i + 1]) }
@inline(__always) func setV128(_ fp: UnsafeMutablePointer<UInt64>, _ i: Int, _ v: V128) {
    fp[i] = v.lo
    fp[i + 1] = v.hi
}

/// Reads `width` (1...8) bytes little-endian.
@inline(__always) func loadLE(_ p: UnsafeMutableRawPointer, width: Int) -> UInt64 {
    switch width {
    case 1: return UInt64(p.load(as: UInt8.self))
    case 2: return UInt64(UInt16(littleEndian: p.loadUnaligned(as: UInt16.self)))
    case 4: return UInt64(UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)))
    default: return UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
    }
}

@inline(__always) func storeLE(_ p: UnsafeMutableRawPointer, _ v: UInt64, width: Int) {
    switch width {
    case 1: storeLE8(p, v)
    case 2: storeLE16(p, v)
    case 4: storeLE32(p, v)
    default: storeLE64(p, v)
    }
}

/// Runs one SIMD instruction. Returns its length in words, or -1 for an out-of-bounds access.
/// A free function: a method of the executor would cost every SIMD instruction a retain and a
/// release of it.
func executeSIMD(_ op: Op, _ pc: UnsafeMutablePointer<UInt64>, fp: UnsafeMutablePointer<UInt64>, md: UnsafeMutableRawPointer, ms: UInt64) -> Int {
    let w0 = pc[0], w1 = pc[1]
    let d = hi32(w0)
    switch op {
    case .simdUnary:
        setV128(fp, d, simdUnary(UInt32(truncatingIfNeeded: pc[2]), v128(fp, lo32(w1))))
        return 3
    case .simdBinary:
        setV128(fp, d, simdBinary(UInt32(truncatingIfNeeded: pc[2]), v128(fp, lo32(w1)), v128(fp, hi32(w1))))
        return 3
    case .simdTernary:
        setV128(fp, d, simdTernary(UInt32(truncatingIfNeeded: pc[3]), v128(fp, lo32(w1)), v128(fp, hi32(w1)), v128(fp, lo32(pc[2]))))
        return 4
    case .simdTest:
        fp[d] = UInt64(simdTest(UInt32(truncatingIfNeeded: pc[2]), v128(fp, lo32(w1))))
        return 3
    case .simdShift:
        setV128(fp, d, simdShift(UInt32(truncatingIfNeeded: pc[2]), v128(fp, lo32(w1)), count: UInt32(truncatingIfNeeded: fp[hi32(w1)])))
        return 3
    case .simdSplat:
        setV128(fp, d, simdSplat(UInt32(truncatingIfNeeded: pc[2]), bits: fp[lo32(w1)]))
        return 3
    case .simdExtractLane:
        let w2 = pc[2]
        let op = SIMDLaneOp(rawValue: UInt8(truncatingIfNeeded: w2))!
        fp[d] = simdExtractLane(op, v128(fp, lo32(w1)), lane: Int((w2 >> 8) & 0xFF))
        return 3
    case .simdReplaceLane:
        let w2 = pc[2]
        let op = SIMDLaneOp(rawValue: UInt8(truncatingIfNeeded: w2))!
        setV128(fp, d, simdReplaceLane(op, v128(fp, lo32(w1)), lane: Int((w2 >> 8) & 0xFF), bits: fp[hi32(w1)]))
        return 3
    case .simdShuffle:
        setV128(fp, d, simdShuffle(v128(fp, lo32(w1)), v128(fp, hi32(w1)), lanes: V128(lo: pc[2], hi: pc[3])))
        return 4
    case .simdLoad:
        let op = SIMDLoadOp(rawValue: UInt8(truncatingIfNeeded: pc[2]))!
        let ea = UInt64(slot32(fp, lo32(w1))) &+ UInt64(UInt32(truncatingIfNeeded: w1 >> 32))
        guard ea &+ UInt64(op.width) <= ms else { return -1 }
        setV128(fp, d, simdLoad(op, raw: loadLE(hostAddress(md, ea), width: op.width)))
        return 3
    case .simdLoadLane:
        let w2 = pc[2]
        let width = SIMDLaneWidth(rawValue: UInt8(truncatingIfNeeded: w2 >> 32))!
        let lane = Int((w2 >> 40) & 0xFF)
        let ea = UInt64(slot32(fp, lo32(w1))) &+ UInt64(UInt32(truncatingIfNeeded: w1 >> 32))
        guard ea &+ UInt64(width.rawValue) <= ms else { return -1 }
        let raw = loadLE(hostAddress(md, ea), width: Int(width.rawValue))
        setV128(fp, d, simdLoadLane(width, v128(fp, lo32(w2)), lane: lane, raw: raw))
        return 3
    case .simdStoreLane:
        let w2 = pc[2]
        let width = SIMDLaneWidth(rawValue: UInt8(truncatingIfNeeded: w2))!
        let lane = Int((w2 >> 8) & 0xFF)
        let ea = UInt64(slot32(fp, lo32(w1))) &+ UInt64(UInt32(truncatingIfNeeded: w1 >> 32))
        guard ea &+ UInt64(width.rawValue) <= ms else { return -1 }
        storeLE(hostAddress(md, ea), simdStoreLane(width, v128(fp, d), lane: lane), width: Int(width.rawValue))
        return 3
    default:
        return 1
    }
}
