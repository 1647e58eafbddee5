// Bounds-checked little-endian access to the calling instance's memory during one host call.
import Wisp

/// The guest's linear memory for the duration of one WASI call.
///
/// Holds the raw base pointer: safe because a WASI call never runs WebAssembly code (so the memory
/// cannot grow and move) before it returns. Every access is checked; an out-of-range pointer is
/// the errno `fault`, as in Wasmtime's preview 1.
struct GuestMemory {
    let base: UnsafeMutableRawPointer?
    let size: Int

    init(_ memory: Memory?) throws(Trap) {
        if let memory {
            let buffer = try memory.withUnsafeMutableBytes { (b: UnsafeMutableRawBufferPointer) throws(Trap) -> UnsafeMutableRawBufferPointer in b }
            base = buffer.baseAddress
            size = buffer.count
        } else {
            base = nil
            size = 0
        }
    }

    /// The address of `count` bytes at guest offset `offset`.
    func pointer(_ offset: UInt32, _ count: Int) throws(WASIErrno) -> UnsafeMutableRawPointer {
        guard count >= 0, Int(offset) + count <= size, let base else {
            if count == 0, Int(offset) <= size, let base { return base + Int(offset) }
            throw .fault
        }
        return base + Int(offset)
    }

    func u8(_ p: UInt32) throws(WASIErrno) -> UInt8 { try pointer(p, 1).load(as: UInt8.self) }
    func u16(_ p: UInt32) throws(WASIErrno) -> UInt16 { UInt16(littleEndian: try pointer(p, 2).loadUnaligned(as: UInt16.self)) }
    func u32(_ p: UInt32) throws(WASIErrno) -> UInt32 { UInt32(littleEndian: try pointer(p, 4).loadUnaligned(as: UInt32.self)) }
    func u64(_ p: UInt32) throws(WASIErrno) -> UInt64 { UInt64(littleEndian: try pointer(p, 8).loadUnaligned(as: UInt64.self)) }

    func set8(_ p: UInt32, _ v: UInt8) throws(WASIErrno) { try pointer(p, 1).storeBytes(of: v, as: UInt8.self) }
    func set16(_ p: UInt32, _ v: UInt16) throws(WASIErrno) { try pointer(p, 2).storeBytes(of: v.littleEndian, as: UInt16.self) }
    func set32(_ p: UInt32, _ v: UInt32) throws(WASIErrno) { try pointer(p, 4).storeBytes(of: v.littleEndian, as: UInt32.self) }
    func set64(_ p: UInt32, _ v: UInt64) throws(WASIErrno) { try pointer(p, 8).storeBytes(of: v.littleEndian, as: UInt64.self) }

    /// A copy of `count` bytes at `p`.
    func bytes(_ p: UInt32, _ count: UInt32) throws(WASIErrno) -> [UInt8] {
        let src = try pointer(p, Int(count))
        return [UInt8](UnsafeRawBufferPointer(start: src, count: Int(count)))
    }

    /// Writes `data` at `p`.
    func write(_ data: [UInt8], at p: UInt32) throws(WASIErrno) {
        let dst = try pointer(p, data.count)
        data.withUnsafeBytes { if $0.count > 0 { dst.copyMemory(from: $0.baseAddress!, byteCount: $0.count) } }
    }

    /// The (pointer, length) pairs of an iovec/ciovec array, each checked against the memory.
    func iovecs(_ p: UInt32, _ count: UInt32) throws(WASIErrno) -> [(UnsafeMutableRawPointer, Int)] {
        _ = try pointer(p, Int(count) * 8)
        var result: [(UnsafeMutableRawPointer, Int)] = []
        result.reserveCapacity(Int(count))
        for i in 0..<count {
            let buf = try u32(p + i * 8)
            let len = try u32(p + i * 8 + 4)
            result.append((try pointer(buf, Int(len)), Int(len)))
        }
        return result
    }
}
