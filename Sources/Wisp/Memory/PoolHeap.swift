// A two-level segregated-fit heap (TLSF) with boundary tags over one caller-provided buffer.
//
// Everything, the control block included, lives inside the buffer, and `PoolHeap` itself is one
// pointer: it allocates nothing of its own, so it can back a `@_cdecl("malloc")` shim on bare metal
// (the Swift runtime's own allocations would otherwise recurse into it).
//
// Layout: [control block | bitmaps | list heads | prologue word | block | block | ... | epilogue word]
// A block is a header word, the payload, and a footer word; header and footer both hold
// `size | free-bit`, so freeing merges with either neighbour in O(1). Payloads are 16-byte aligned,
// block sizes are multiples of 16, the smallest block is 32 bytes (a free block stores its two
// free-list links in its payload).
//
// Free blocks sit in one of FL x 8 lists: the first level is the power of two of the size, the
// second splits each power of two into 8 equal ranges (sizes below 128 have 8 linear classes of 16).
// Allocation rounds the request up to the next range boundary, so any block of the first non-empty
// list at or above it fits: two bitmap scans, O(1). Only if that finds nothing does it search the
// request's own list first-fit (O(blocks in that list)), so a request fails only when no free block
// at all is large enough. Worst cases: time O(1) for free, O(1) for allocate plus the fallback scan;
// space: 2 words of overhead per block, up to 15 bytes of rounding, and external fragmentation that
// a coalescing allocator cannot avoid (live blocks pinning free holes: see docs/memory.md).
//
// Not thread-safe: one heap, one thread at a time (a malloc shim adds its own lock if it needs one).

/// A TLSF heap whose whole state lives in the buffer it manages.
public struct PoolHeap {
    /// The control block at the start of the buffer.
    @usableFromInline let control: UnsafeMutableRawPointer

    static let granule = 16
    static let word = MemoryLayout<Int>.size
    static let minimumBlock = 32
    static let secondLevelLog2 = 3
    static let secondLevelCount = 8
    /// Sizes below this use the linear first-level class 0.
    static let smallLimit = 128
    static let firstLevelCount = Int.bitWidth - 6
    static let magic = 0x5750_4F4C  // "WPOL"

    // Control block fields, in words.
    static let fMagic = 0, fCapacity = 1, fInUse = 2, fPeak = 3, fFailures = 4, fAllocations = 5,
               fLiveBlocks = 6, fFirstBlock = 7, fFirstLevelBitmap = 8, fieldCount = 9
    static var secondLevelBitmapsOffset: Int { fieldCount * word }
    static var headsOffset: Int {
        (secondLevelBitmapsOffset + firstLevelCount + word - 1) / word * word
    }
    static var controlBytes: Int { headsOffset + firstLevelCount * secondLevelCount * word }

    /// The smallest buffer that can hold the control block and one minimal block.
    public static var minimumBufferSize: Int { controlBytes + 3 * word + granule + minimumBlock }

    /// Formats `buffer` as an empty heap. Returns nil when the buffer is too small for the control
    /// block (see `minimumBufferSize`). The buffer must outlive every use of the heap.
    /// - Complexity: O(1) apart from clearing the control block (a few KiB).
    public init?(buffer: UnsafeMutableRawBufferPointer) {
        guard let raw = buffer.baseAddress, buffer.count >= PoolHeap.minimumBufferSize else { return nil }
        let w = PoolHeap.word
        let start = alignUp(raw, w)
        let end = raw + buffer.count
        control = start
        start.initializeMemory(as: UInt8.self, repeating: 0, count: PoolHeap.controlBytes)
        let controlEnd = start + PoolHeap.controlBytes
        // The first header sits one word below a 16-byte boundary so payloads are 16-aligned, with
        // room below it for the prologue word (an "allocated" footer that stops backward merging).
        let first = alignUp(controlEnd + w, PoolHeap.granule) - w
        let usable = max(0, (end - w - first) / PoolHeap.granule * PoolHeap.granule)
        guard usable >= PoolHeap.minimumBlock else { return nil }
        (first - w).storeBytes(of: 0, as: Int.self)
        // Epilogue: an "allocated" header of size 0 that stops forward merging.
        (first + usable).storeBytes(of: 0, as: Int.self)
        set(PoolHeap.fMagic, PoolHeap.magic)
        set(PoolHeap.fCapacity, usable)
        set(PoolHeap.fFirstBlock, first - start)
        PoolHeap.setBlock(first, size: usable, free: true)
        insert(first)
    }

    /// Re-attaches to a heap an earlier `init(buffer:)` formatted at `control` (its `controlAddress`),
    /// e.g. from a C shim that keeps only the address. Returns nil if no heap is there.
    public init?(attachingTo address: UnsafeMutableRawPointer) {
        guard address.load(as: Int.self) == PoolHeap.magic else { return nil }
        control = address
    }

    /// Where the control block is (for `init(attachingTo:)`).
    public var controlAddress: UnsafeMutableRawPointer { control }

    // MARK: statistics

    /// Bytes available for blocks (the buffer minus the control block and alignment).
    public var capacity: Int { field(PoolHeap.fCapacity) }
    /// Bytes of allocated blocks, headers and rounding included.
    public var inUse: Int { field(PoolHeap.fInUse) }
    /// The highest `inUse` seen.
    public var peak: Int { field(PoolHeap.fPeak) }
    /// Allocation requests that could not be served.
    public var failures: Int { field(PoolHeap.fFailures) }
    /// Successful allocations so far.
    public var allocations: Int { field(PoolHeap.fAllocations) }
    /// Blocks currently allocated.
    public var liveBlocks: Int { field(PoolHeap.fLiveBlocks) }

    /// Free space and its largest piece, by walking every block. O(blocks): for diagnostics only.
    public func freeSpace() -> (freeBytes: Int, freeBlocks: Int, largestFreeBlock: Int) {
        var b = control + field(PoolHeap.fFirstBlock)
        var total = 0, count = 0, largest = 0
        while true {
            let s = PoolHeap.size(b)
            if s == 0 { break }
            if PoolHeap.isFree(b) {
                total += s
                count += 1
                largest = max(largest, s)
            }
            b += s
        }
        // Report payload sizes: what one allocation could get.
        return (total, count, max(0, largest - 2 * PoolHeap.word))
    }

    // MARK: allocation

    /// Allocates `size` bytes aligned to `alignment` (a power of two). Returns nil when no free
    /// block fits (counted in `failures`). O(1), plus the fallback scan described above.
    public func allocate(size: Int, alignment: Int = 16) -> UnsafeMutableRawPointer? {
        let w = PoolHeap.word
        guard size >= 0, alignment > 0, alignment & (alignment - 1) == 0,
              size <= capacity, alignment <= capacity else { return fail() }
        let need = max(PoolHeap.minimumBlock, (size + 2 * w + PoolHeap.granule - 1) / PoolHeap.granule * PoolHeap.granule)
        if alignment <= PoolHeap.granule {
            guard let b = find(need) else { return fail() }
            remove(b)
            return finish(b, need: need)
        }
        // Over-aligned: take room for the alignment gap, then free the gap as its own block.
        guard let b = find(need + alignment + PoolHeap.minimumBlock) else { return fail() }
        remove(b)
        let payload = b + w
        var aligned = alignUp(payload, alignment)
        if aligned != payload && aligned - payload < PoolHeap.minimumBlock { aligned += alignment }
        var block = b
        let gap = aligned - payload
        if gap > 0 {
            let total = PoolHeap.size(b)
            PoolHeap.setBlock(b, size: gap, free: true)
            insert(b)
            block = b + gap
            PoolHeap.setBlock(block, size: total - gap, free: false)
        }
        return finish(block, need: need)
    }

    /// Returns a block to the heap, merging it with free neighbours. O(1).
    /// `pointer` must come from `allocate` of this heap and not be freed yet.
    public func free(_ pointer: UnsafeMutableRawPointer) {
        let w = PoolHeap.word
        var b = pointer - w
        var s = PoolHeap.size(b)
        set(PoolHeap.fInUse, inUse - s)
        set(PoolHeap.fLiveBlocks, liveBlocks - 1)
        let next = b + s
        if PoolHeap.isFree(next) {
            remove(next)
            s += PoolHeap.size(next)
        }
        let prevFooter = (b - w).load(as: Int.self)
        if prevFooter & 1 != 0 {
            let ps = prevFooter & ~(PoolHeap.granule - 1)
            b -= ps
            remove(b)
            s += ps
        }
        PoolHeap.setBlock(b, size: s, free: true)
        insert(b)
    }

    /// Grows or shrinks an allocation without moving it, taking space from a free block right after
    /// it. Returns false (and changes nothing) when that is not possible. O(1).
    public func resizeInPlace(_ pointer: UnsafeMutableRawPointer, to size: Int) -> Bool {
        let w = PoolHeap.word
        guard size >= 0, size <= capacity else { return false }
        let b = pointer - w
        let current = PoolHeap.size(b)
        let need = max(PoolHeap.minimumBlock, (size + 2 * w + PoolHeap.granule - 1) / PoolHeap.granule * PoolHeap.granule)
        var total = current
        let next = b + current
        if need > current {
            guard PoolHeap.isFree(next), current + PoolHeap.size(next) >= need else { return false }
            remove(next)
            total += PoolHeap.size(next)
        } else if PoolHeap.isFree(next) {
            // Shrinking next to a free block: give the tail to it.
            remove(next)
            total += PoolHeap.size(next)
        }
        if total - need >= PoolHeap.minimumBlock {
            PoolHeap.setBlock(b, size: need, free: false)
            PoolHeap.setBlock(b + need, size: total - need, free: true)
            insert(b + need)
        } else {
            PoolHeap.setBlock(b, size: total, free: false)
        }
        let now = PoolHeap.size(b)
        set(PoolHeap.fInUse, inUse - current + now)
        if inUse > peak { set(PoolHeap.fPeak, inUse) }
        return true
    }

    /// Payload bytes usable at `pointer` (at least what was asked for).
    public func usableSize(_ pointer: UnsafeMutableRawPointer) -> Int {
        PoolHeap.size(pointer - PoolHeap.word) - 2 * PoolHeap.word
    }

    /// Whether `pointer` lies inside this heap's blocks.
    public func owns(_ pointer: UnsafeRawPointer) -> Bool {
        let first = UnsafeRawPointer(control + field(PoolHeap.fFirstBlock))
        return pointer >= first && pointer < first + capacity
    }

    // MARK: internals

    private func fail() -> UnsafeMutableRawPointer? {
        set(PoolHeap.fFailures, failures + 1)
        return nil
    }

    /// Splits off the tail of an allocated-to-be block and marks it allocated.
    private func finish(_ b: UnsafeMutableRawPointer, need: Int) -> UnsafeMutableRawPointer {
        let total = PoolHeap.size(b)
        if total - need >= PoolHeap.minimumBlock {
            PoolHeap.setBlock(b, size: need, free: false)
            PoolHeap.setBlock(b + need, size: total - need, free: true)
            insert(b + need)
        } else {
            PoolHeap.setBlock(b, size: total, free: false)
        }
        let s = PoolHeap.size(b)
        set(PoolHeap.fInUse, inUse + s)
        if inUse > peak { set(PoolHeap.fPeak, inUse) }
        set(PoolHeap.fAllocations, allocations + 1)
        set(PoolHeap.fLiveBlocks, liveBlocks + 1)
        return b + PoolHeap.word
    }

    /// A free block of at least `need` bytes, still in its list.
    private func find(_ need: Int) -> UnsafeMutableRawPointer? {
        var (fl, sl) = PoolHeap.mapping(PoolHeap.roundUpToClass(need))
        if fl < PoolHeap.firstLevelCount {
            var slMap = UInt32(secondBitmap(fl)) & (UInt32.max << UInt32(sl))
            if slMap == 0 {
                let flMap = firstBitmap & (UInt64.max << UInt64(fl + 1))
                if flMap != 0 {
                    fl = flMap.trailingZeroBitCount
                    slMap = UInt32(secondBitmap(fl))
                }
            }
            if slMap != 0 {
                sl = slMap.trailingZeroBitCount
                return head(fl, sl)
            }
        }
        // Fallback: the request's own class may hold a block that is large enough.
        let (ofl, osl) = PoolHeap.mapping(need)
        guard ofl < PoolHeap.firstLevelCount else { return nil }
        var b = head(ofl, osl)
        while let x = b {
            if PoolHeap.size(x) >= need { return x }
            b = PoolHeap.next(x)
        }
        return nil
    }

    private func insert(_ b: UnsafeMutableRawPointer) {
        let (fl, sl) = PoolHeap.mapping(PoolHeap.size(b))
        let h = head(fl, sl)
        PoolHeap.setNext(b, h)
        PoolHeap.setPrev(b, nil)
        if let h = h { PoolHeap.setPrev(h, b) }
        setHead(fl, sl, b)
        firstBitmap |= 1 << UInt64(fl)
        setSecondBitmap(fl, secondBitmap(fl) | UInt8(1 << sl))
    }

    private func remove(_ b: UnsafeMutableRawPointer) {
        let (fl, sl) = PoolHeap.mapping(PoolHeap.size(b))
        let n = PoolHeap.next(b), p = PoolHeap.prev(b)
        if let n = n { PoolHeap.setPrev(n, p) }
        if let p = p {
            PoolHeap.setNext(p, n)
        } else {
            setHead(fl, sl, n)
            if n == nil {
                let m = secondBitmap(fl) & ~UInt8(1 << sl)
                setSecondBitmap(fl, m)
                if m == 0 { firstBitmap &= ~(1 << UInt64(fl)) }
            }
        }
    }

    /// The (first, second) level class of a block size.
    static func mapping(_ s: Int) -> (Int, Int) {
        if s < smallLimit { return (0, s >> 4) }
        let l = Int.bitWidth - 1 - s.leadingZeroBitCount
        return (l - 6, (s >> (l - secondLevelLog2)) - secondLevelCount)
    }

    /// The start of the next class above `s` (every block in that class is at least `s`).
    static func roundUpToClass(_ s: Int) -> Int {
        if s < smallLimit { return (s + granule - 1) / granule * granule }
        let l = Int.bitWidth - 1 - s.leadingZeroBitCount
        let step = (1 << (l - secondLevelLog2)) - 1
        return s > Int.max - step ? Int.max : s + step
    }

    @inline(__always) static func size(_ b: UnsafeMutableRawPointer) -> Int { b.load(as: Int.self) & ~(granule - 1) }
    @inline(__always) static func isFree(_ b: UnsafeMutableRawPointer) -> Bool { b.load(as: Int.self) & 1 != 0 }
    @inline(__always) static func setBlock(_ b: UnsafeMutableRawPointer, size: Int, free: Bool) {
        let v = size | (free ? 1 : 0)
        b.storeBytes(of: v, as: Int.self)
        (b + size - word).storeBytes(of: v, as: Int.self)
    }
    @inline(__always) static func next(_ b: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
        (b + word).load(as: UnsafeMutableRawPointer?.self)
    }
    @inline(__always) static func prev(_ b: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
        (b + 2 * word).load(as: UnsafeMutableRawPointer?.self)
    }
    @inline(__always) static func setNext(_ b: UnsafeMutableRawPointer, _ v: UnsafeMutableRawPointer?) {
        (b + word).storeBytes(of: v, as: UnsafeMutableRawPointer?.self)
    }
    @inline(__always) static func setPrev(_ b: UnsafeMutableRawPointer, _ v: UnsafeMutableRawPointer?) {
        (b + 2 * word).storeBytes(of: v, as: UnsafeMutableRawPointer?.self)
    }

    @inline(__always) private func field(_ index: Int) -> Int { control.load(fromByteOffset: index * PoolHeap.word, as: Int.self) }
    @inline(__always) private func set(_ field: Int, _ v: Int) { control.storeBytes(of: v, toByteOffset: field * PoolHeap.word, as: Int.self) }
    private var firstBitmap: UInt64 {
        get { UInt64(UInt(bitPattern: field(PoolHeap.fFirstLevelBitmap))) }
        nonmutating set { set(PoolHeap.fFirstLevelBitmap, Int(bitPattern: UInt(truncatingIfNeeded: newValue))) }
    }
    @inline(__always) private func secondBitmap(_ fl: Int) -> UInt8 {
        control.load(fromByteOffset: PoolHeap.secondLevelBitmapsOffset + fl, as: UInt8.self)
    }
    @inline(__always) private func setSecondBitmap(_ fl: Int, _ v: UInt8) {
        control.storeBytes(of: v, toByteOffset: PoolHeap.secondLevelBitmapsOffset + fl, as: UInt8.self)
    }
    @inline(__always) private func head(_ fl: Int, _ sl: Int) -> UnsafeMutableRawPointer? {
        control.load(fromByteOffset: PoolHeap.headsOffset + (fl * PoolHeap.secondLevelCount + sl) * PoolHeap.word,
                     as: UnsafeMutableRawPointer?.self)
    }
    @inline(__always) private func setHead(_ fl: Int, _ sl: Int, _ v: UnsafeMutableRawPointer?) {
        control.storeBytes(of: v, toByteOffset: PoolHeap.headsOffset + (fl * PoolHeap.secondLevelCount + sl) * PoolHeap.word,
                           as: UnsafeMutableRawPointer?.self)
    }
}

@inline(__always) func alignUp(_ p: UnsafeMutableRawPointer, _ alignment: Int) -> UnsafeMutableRawPointer {
    let a = UInt(bitPattern: p)
    let m = UInt(alignment - 1)
    return UnsafeMutableRawPointer(bitPattern: (a + m) & ~m)!
}
