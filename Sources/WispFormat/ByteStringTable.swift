/// A set of byte strings, numbered 0, 1, 2... in the order they were added: an open-addressing
/// hash table (FNV-1a, linear probing) in two plain arrays.
///
/// The engine keys export and import names and function types by bytes. Swift's `Dictionary` and
/// sorting would do, but they are specialized again for every key and value type and bring their
/// hasher and merge sort along: on the bare-metal build what this replaces cost about 9 KB of
/// code. One non-generic table serves all; callers keep values in an array indexed by the number.
public struct ByteStringTable: Sendable {
    /// The keys, by number.
    public private(set) var keys: [[UInt8]] = []
    /// Number + 1 of the key in each bucket, 0 for an empty bucket; a power of two long, and never
    /// more than half full.
    private var buckets: [Int32] = []

    /// An empty table.
    public init() {}

    /// How many keys the table holds.
    public var count: Int { keys.count }

    /// The number of `key`, if it was added. Cost: hashing `key`, and comparing it with the keys
    /// that share its probe sequence (about one, as the table is at most half full).
    public func find(_ key: [UInt8]) -> Int? {
        if buckets.isEmpty { return nil }
        let mask = buckets.count - 1
        var i = ByteStringTable.hash(key) & mask
        while true {
            let b = Int(buckets[i])
            if b == 0 { return nil }
            if keys[b - 1] == key { return b - 1 }
            i = (i + 1) & mask
        }
    }

    /// The number of `key`, adding it first if it is new. Cost: as `find`, plus a rehash of every
    /// key whenever the table doubles (amortized constant).
    public mutating func insert(_ key: [UInt8]) -> (index: Int, inserted: Bool) {
        if let i = find(key) { return (i, false) }
        if (keys.count + 1) * 2 > buckets.count { grow() }
        keys.append(key)
        place(keys.count - 1)
        return (keys.count - 1, true)
    }

    private mutating func grow() {
        buckets = [Int32](repeating: 0, count: max(16, buckets.count * 2))
        for n in keys.indices { place(n) }
    }

    private mutating func place(_ n: Int) {
        let mask = buckets.count - 1
        var i = ByteStringTable.hash(keys[n]) & mask
        while buckets[i] != 0 { i = (i + 1) & mask }
        buckets[i] = Int32(n + 1)
    }

    /// FNV-1a from a per-process random basis, then a multiply-xorshift finish. Guests choose
    /// export names and function types, so a fixed hash would let a module be built whose keys
    /// all land in one probe run, making validation quadratic in their number; with a random
    /// basis the buckets cannot be predicted. (The same random source seeds Swift's own hashing.)
    private static func hash(_ key: [UInt8]) -> Int {
        var h = seed
        for b in key { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h = (h ^ (h >> 32)) &* 0xd6e8_feb8_6659_fd93
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    private static let seed: UInt64 = {
        var g = SystemRandomNumberGenerator()
        return g.next() | 1
    }()
}
