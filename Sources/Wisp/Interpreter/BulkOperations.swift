// Out-of-line handlers for bulk memory, table and segment instructions, and memory.grow: they are
// rare or do enough work that a call costs nothing, and keeping them out of the loop keeps the
// loop's hot paths free of calls.

extension Executor {
    func memoryGrow(_ mem: UnsafeMutablePointer<MemoryRecord>, delta: Int) -> Int {
        // Find the entity that owns the record (the store holds every memory).
        for m in store.memoryEntities where m.record == mem {
            return m.grow(by: delta)
        }
        return -1
    }

    /// Fuel for a bulk instruction beyond its operator unit: one unit per 64 bytes (or per 8 table
    /// elements) it will touch, charged before it runs (docs/fuel.md). An operation that will
    /// trap or fail on its bounds touches nothing and costs nothing extra, so a hostile length
    /// cannot make the charge larger than the work.
    func bulkFuel(_ op: Op, _ pc: UnsafeMutablePointer<UInt64>, fp: UnsafeMutablePointer<UInt64>,
                  mem: UnsafeMutablePointer<MemoryRecord>?) -> UInt64 {
        let w0 = pc[0], w1 = pc[1]
        @inline(__always) func u(_ i: Int) -> UInt64 { UInt64(UInt32(truncatingIfNeeded: fp[i])) }
        func table(_ w: UInt64) -> TableRecord { UnsafeMutablePointer<TableRecord>(bitPattern: UInt(w))!.pointee }
        // The length operand: data.drop and elem.drop are a single word, and table.get, set and
        // size have no length, so reading it for every instruction read the next instruction's
        // operand (or the high half of table.size's pointer) as a slot index, and metered fused
        // runs crashed on a large immediate (Fuzz/fusiondiff.py, case 1001270). Without fused
        // instructions on a 32-bit target, the word after is always a slot of this frame or
        // zero, so small firmware builds leave the test out.
        if fusionEnabled || Int.bitWidth == 64 {
            switch op {
            case .memoryFill, .memoryCopy, .memoryInit, .tableFill, .tableCopy, .tableInit, .tableGrow: break
            default: return 0
            }
        }
        let n = u(hi32(w1))
        @inline(__always) func within(_ at: UInt64, _ n: UInt64, _ m: UInt64) -> Bool {
            fitsWithin(at, n, UInt64(memoryRecord(m).pointee.byteCount))
        }
        // (n + 63) / 64 without overflowing for a memory64's length.
        @inline(__always) func chunks(_ n: UInt64) -> UInt64 {
#if WISP_NO_MEMORY64
            return (n + 63) / 64
#else
            return n / 64 + (n % 64 == 0 ? 0 : 1)
#endif
        }
        switch op {
        case .memoryFill:
            let is64 = isAddress64(pc[3])
            let n = address(fp, hi32(w1), is64)
            return within(address(fp, hi32(w0), is64), n, pc[2]) ? chunks(n) : 0
        case .memoryCopy:
            let flags = pc[4]
            let d64 = isAddress64(flags & 1), s64 = isAddress64(flags & 2)
            let n = address(fp, hi32(w1), d64 && s64)
            return within(address(fp, hi32(w0), d64), n, pc[2]) && within(address(fp, lo32(w1), s64), n, pc[3])
                ? chunks(n) : 0
        case .memoryInit:
            return within(address(fp, hi32(w0), isAddress64(hi32(pc[2]))), n, pc[3]) ? (n + 63) / 64 : 0
        case .tableFill:
            return u(hi32(w0)) + n <= UInt64(table(pc[2]).count) ? (n + 7) / 8 : 0
        case .tableCopy:
            return u(hi32(w0)) + n <= UInt64(table(pc[2]).count) && u(lo32(w1)) + n <= UInt64(table(pc[3]).count) ? (n + 7) / 8 : 0
        case .tableInit:
            return u(hi32(w0)) + n <= UInt64(table(pc[2]).count) ? (n + 7) / 8 : 0
        case .tableGrow:
            let entity = Unmanaged<TableEntity>.fromOpaque(UnsafeRawPointer(bitPattern: UInt(pc[2]))!).takeUnretainedValue()
            let t = entity.record.pointee
            return n <= UInt64(t.maxCount - t.count) ? (n + 7) / 8 : 0
        default:
            return 0
        }
    }

    /// Words taken by each bulk instruction (see the translator's encodings).
    func bulkLength(_ op: Op) -> Int {
        switch op {
        case .dataDrop, .elemDrop: return 1
        case .tableSize: return 2
        case .tableGet, .tableSet, .tableGrow, .tableFill: return 3
        case .memoryCopy: return 5
        default: return 4
        }
    }

    /// Runs one bulk instruction; returns the trap kind if it traps.
    func bulk(_ op: Op, _ pc: UnsafeMutablePointer<UInt64>, fp: UnsafeMutablePointer<UInt64>, fn: UnsafeMutablePointer<FunctionRecord>,
              mem: UnsafeMutablePointer<MemoryRecord>?) -> TrapKind? {
        let w0 = pc[0]
        let a = hi32(w0)
        let w1 = pc[1]
        @inline(__always) func u(_ i: Int) -> UInt64 { UInt64(UInt32(truncatingIfNeeded: fp[i])) }
        func table(_ w: UInt64) -> UnsafeMutablePointer<TableRecord> { UnsafeMutablePointer<TableRecord>(bitPattern: UInt(w))! }
        @inline(__always) func within(_ at: UInt64, _ n: UInt64, _ bytes: Int) -> Bool {
            fitsWithin(at, n, UInt64(bytes))
        }
        switch op {
        case .memoryFill:
            let m = memoryRecord(pc[2]).pointee
            let is64 = isAddress64(pc[3])
            let d = address(fp, a, is64), n = address(fp, hi32(w1), is64)
            guard within(d, n, m.byteCount) else { return .memoryOutOfBounds }
            (m.base + Int(d)).initializeMemory(as: UInt8.self, repeating: UInt8(truncatingIfNeeded: fp[lo32(w1)]), count: Int(n))
        case .memoryCopy:
            let dm = memoryRecord(pc[2]).pointee, sm = memoryRecord(pc[3]).pointee
            let flags = pc[4]
            let d64 = isAddress64(flags & 1), s64 = isAddress64(flags & 2)
            let d = address(fp, a, d64), s = address(fp, lo32(w1), s64), n = address(fp, hi32(w1), d64 && s64)
            guard within(d, n, dm.byteCount), within(s, n, sm.byteCount) else { return .memoryOutOfBounds }
            if n > 0 { memmoveBytes(dm.base + Int(d), sm.base + Int(s), Int(n)) }
        case .memoryInit:
            let inst = fn.pointee.entity.takeUnretainedValue().instance!
            let seg = lo32(pc[2])
            let m = memoryRecord(pc[3]).pointee
            let d = address(fp, a, isAddress64(hi32(pc[2]))), s = u(lo32(w1)), n = u(hi32(w1))
            let range = inst.module.parsed.datas[seg].range
            let len = inst.droppedData[seg] ? 0 : UInt64(range.count)
            guard s + n <= len, within(d, n, m.byteCount) else { return .memoryOutOfBounds }
            if n > 0 {
                inst.module.parsed.bytes.withUnsafeBytes { src in
                    (m.base + Int(d)).copyMemory(from: src.baseAddress! + range.lowerBound + Int(s), byteCount: Int(n))
                }
            }
        case .dataDrop:
            fn.pointee.entity.takeUnretainedValue().instance!.droppedData[a] = true
        case .tableGet:
            let t = table(pc[2]).pointee
            let i = u(lo32(w1))
            guard i < UInt64(t.count) else { return .tableOutOfBounds }
            fp[a] = t.elements[Int(i)]
        case .tableSet:
            let t = table(pc[2]).pointee
            let i = u(lo32(w1))
            guard i < UInt64(t.count) else { return .tableOutOfBounds }
            t.elements[Int(i)] = fp[hi32(w1)]
        case .tableSize:
            fp[a] = UInt64(table(w1).pointee.count)
        case .tableGrow:
            let entity = Unmanaged<TableEntity>.fromOpaque(UnsafeRawPointer(bitPattern: UInt(pc[2]))!).takeUnretainedValue()
            let r = entity.grow(by: Int(u(hi32(w1))), initial: fp[lo32(w1)])
            fp[a] = UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: r)))
        case .tableFill:
            let t = table(pc[2]).pointee
            let i = u(a), n = u(hi32(w1))
            guard i + n <= UInt64(t.count) else { return .tableOutOfBounds }
            (t.elements + Int(i)).update(repeating: fp[lo32(w1)], count: Int(n))
        case .tableCopy:
            let dt = table(pc[2]).pointee, st = table(pc[3]).pointee
            let d = u(a), s = u(lo32(w1)), n = u(hi32(w1))
            guard d + n <= UInt64(dt.count), s + n <= UInt64(st.count) else { return .tableOutOfBounds }
            if n > 0 {
                memmoveBytes(UnsafeMutableRawPointer(dt.elements + Int(d)), UnsafeMutableRawPointer(st.elements + Int(s)), Int(n) * 8)
            }
        case .tableInit:
            let inst = fn.pointee.entity.takeUnretainedValue().instance!
            let t = table(pc[2]).pointee
            let seg = Int(pc[3])
            let d = u(a), s = u(lo32(w1)), n = u(hi32(w1))
            let items = inst.elements[seg]
            guard s + n <= UInt64(items.count), d + n <= UInt64(t.count) else { return .tableOutOfBounds }
            for k in 0..<Int(n) { t.elements[Int(d) + k] = items[Int(s) + k] }
        case .elemDrop:
            fn.pointee.entity.takeUnretainedValue().instance!.elements[a] = []
        default:
            break
        }
        return nil
    }
}

/// Copies bytes between possibly overlapping ranges (`copyMemory` has memmove semantics).
@inline(__always) func memmoveBytes(_ dst: UnsafeMutableRawPointer, _ src: UnsafeMutableRawPointer, _ n: Int) {
    dst.copyMemory(from: src, byteCount: n)
}
