// Fuel accounting at translation time (see docs/fuel.md).
//
// Fuel counts WebAssembly operators: one unit each, except those that do no work (nop, drop,
// block, loop, end, else), as Wasmtime's default cost table does. Costs are summed per *region*:
// code entered only at its head (function entry, loop header, a label after a branch target, the
// fall-through of a conditional branch). The instruction that enters a region (a call, a branch,
// a conditional branch for each of its two ways) carries the region's cost in a word of its own,
// its *site*, and charges it all-or-nothing before transferring control. If the budget cannot
// cover it, execution suspends *at* that instruction, so resuming retries the same charge and no
// region is ever paid twice.
//
// A region that falls through into a label is followed by the label's region without any
// instruction in between; so the sites of a fall-through *chain* of regions pay for the rest of
// the chain: each site receives the suffix sum of the chain from its region on.

struct FuelRegion {
    var cost = 0
    /// The suffix sum its sites get, once the region's chain is closed; -1 until then.
    var total = -1
    /// The region's last site in `FuelRegions.siteNodes` (-1: none yet).
    var lastSite = -1
}

/// Kept allocation-free per region (one flat list of sites, a chain array reused): a big
/// function has a region per branch, and metered translation must not cost much more than
/// unmetered. Sites are words of the translator's `code`, which the methods that write them
/// take inout; site -1 is the function's entry (`entry`).
struct FuelRegions {
    var regions: [FuelRegion] = []
    /// Every region's sites, as lists linked backwards from `FuelRegion.lastSite`: node k is
    /// `siteNodes[2k]` (the site) and `siteNodes[2k + 1]` (the node before it, or -1).
    var siteNodes: [Int] = []
    /// The open fall-through chain (region indices); empty in dead code.
    var chain: [Int] = []
    /// Cost of operators translated since the last flush, owed by `chain.last`.
    var pending = 0
    /// The entry region's total: what calling the function charges.
    var entry = 0

    /// The cost of one operator in the fuel model.
    static func cost(_ ins: Instruction) -> Int {
        switch ins {
        case .nop, .drop, .block, .loop, .end, .else: return 0
        default: return 1
        }
    }

    mutating func flush() {
        if let r = chain.last { regions[r].cost += pending }
        pending = 0
    }

    mutating func write(_ site: Int, _ total: Int, _ code: inout [UInt64]) {
        if site < 0 { entry = total } else { code[site] = UInt64(total) }
    }

    /// Ends the open chain: every site of every region in it gets the suffix sum from its region.
    mutating func closeChain(_ code: inout [UInt64]) {
        flush()
        var suffix = 0
        for r in chain.reversed() {
            suffix += regions[r].cost
            regions[r].total = suffix
            var n = regions[r].lastSite
            while n >= 0 {
                write(siteNodes[2 * n], suffix, &code)
                n = siteNodes[2 * n + 1]
            }
        }
        // Emptied in place (its storage is reused; removeAll(keepingCapacity:) would cost the
        // firmware a specialization of its own).
        while !chain.isEmpty { chain.removeLast() }
    }

    /// Starts a region, entered by falling through from the open chain when `continuing` is
    /// true; its sites are added with `register`. Returns the region's index.
    mutating func startRegion(continuing: Bool, _ code: inout [UInt64]) -> Int {
        flush()
        let r = regions.count
        regions.append(FuelRegion())
        if !(continuing && !chain.isEmpty) { closeChain(&code) }
        chain.append(r)
        return r
    }

    /// Adds a site entering region `r` (a loop header branched to from inside the loop, or a
    /// region's sites when it starts).
    mutating func register(site: Int, region r: Int, _ code: inout [UInt64]) {
        if regions[r].total >= 0 {
            write(site, regions[r].total, &code)
        } else {
            siteNodes.append(site)
            siteNodes.append(regions[r].lastSite)
            regions[r].lastSite = siteNodes.count / 2 - 1
        }
    }
}
