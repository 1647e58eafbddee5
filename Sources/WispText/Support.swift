// Byte buffers, LEB128 and a small hash map keyed by bytes (identifiers), all stdlib-only.

@inline(__always)
func putU32(_ out: inout [UInt8], _ value: UInt32) { putU64(&out, UInt64(value)) }

@inline(__always)
func putU64(_ out: inout [UInt8], _ value: UInt64) {
    var v = value
    repeat {
        var b = UInt8(v & 0x7F)
        v >>= 7
        if v != 0 { b |= 0x80 }
        out.append(b)
    } while v != 0
}

@inline(__always)
func putS64(_ out: inout [UInt8], _ value: Int64) {
    var v = value
    while true {
        let b = UInt8(truncatingIfNeeded: v) & 0x7F
        v >>= 7
        if (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0) {
            out.append(b)
            return
        }
        out.append(b | 0x80)
    }
}

func putName(_ out: inout [UInt8], _ bytes: [UInt8]) {
    putU32(&out, UInt32(bytes.count))
    out.append(contentsOf: bytes)
}

/// Identifier → index, open addressing over FNV-1a hashes of the name's bytes.
struct NameTable {
    private var keys: [[UInt8]] = []
    private var values: [UInt32] = []
    private var slots: [Int32] = Array(repeating: -1, count: 16)

    var isEmpty: Bool { keys.isEmpty }

    /// Adds `key`; false (and nothing added) when it is already there.
    mutating func insert(_ key: [UInt8], _ value: UInt32) -> Bool {
        if find(key[...]) != nil { return false }
        if (keys.count + 1) * 2 > slots.count { grow() }
        place(Int32(keys.count), OpTable.hash(key[...]))
        keys.append(key)
        values.append(value)
        return true
    }

    func find(_ key: ArraySlice<UInt8>) -> UInt32? {
        let mask = slots.count - 1
        var h = OpTable.hash(key) & mask
        while true {
            let k = slots[h]
            if k < 0 { return nil }
            if keys[Int(k)].elementsEqual(key) { return values[Int(k)] }
            h = (h + 1) & mask
        }
    }

    private mutating func place(_ index: Int32, _ hash: Int) {
        let mask = slots.count - 1
        var h = hash & mask
        while slots[h] >= 0 { h = (h + 1) & mask }
        slots[h] = index
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for (i, k) in keys.enumerated() { place(Int32(i), OpTable.hash(k[...])) }
    }
}
