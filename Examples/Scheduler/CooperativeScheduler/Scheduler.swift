// A cooperative scheduler: many guests share one thread, each running for a fixed fuel slice
// per turn, round-robin. A guest that runs out of fuel suspends with its frames intact and
// continues on its next turn; one that finishes leaves the queue.

import Wisp

/// One guest: a suspended or not-yet-started call, and what it has consumed.
public final class Guest {
    public let id: Int
    let function: Function
    let arguments: [Value]
    var pending: ResumableCall?
    var started = false
    /// Fuel this guest consumed, summed over its turns.
    public private(set) var consumed: UInt64 = 0
    /// Fuel granted to this guest, summed over its turns.
    public private(set) var granted: UInt64 = 0
    public private(set) var turns = 0
    /// The results once the call returned.
    public private(set) var results: [Value]?
    /// The trap, if the call trapped.
    public private(set) var trap: Trap?

    public init(id: Int, function: Function, arguments: [Value]) {
        self.id = id
        self.function = function
        self.arguments = arguments
    }

    public var isFinished: Bool { results != nil || trap != nil }

    /// Runs one turn of at most `slice` units of fuel.
    func runTurn(slice: UInt64, store: Store) {
        turns += 1
        do {
            try store.setFuel(slice)
            granted += slice
            let outcome: CallOutcome
            if let call = pending {
                outcome = try call.resume()
            } else {
                started = true
                outcome = try function.callResumable(arguments)
            }
            consumed += slice - (store.remainingFuel ?? 0)
            switch outcome {
            case .returned(let r):
                results = r
                pending = nil
            case .suspended(let call):
                pending = call
            }
        } catch let t as Trap {
            consumed += slice - (store.remainingFuel ?? 0)
            trap = t
            pending = nil
        } catch {
            trap = Trap(.host, message: "\(error)")
        }
    }
}

/// Round-robin over guests that live in one store (so one fuel budget, set before each turn).
public final class Scheduler {
    public let store: Store
    public private(set) var guests: [Guest] = []
    public let slice: UInt64

    /// - Parameter slice: the fuel each guest may use per turn.
    public init(store: Store, slice: UInt64) {
        self.store = store
        self.slice = slice
    }

    public func spawn(_ function: Function, _ arguments: [Value] = []) -> Guest {
        let g = Guest(id: guests.count, function: function, arguments: arguments)
        guests.append(g)
        return g
    }

    /// Runs `rounds` rounds (or until every guest finished); returns the rounds run.
    @discardableResult
    public func run(rounds: Int) -> Int {
        var r = 0
        while r < rounds {
            var ranAny = false
            for g in guests where !g.isFinished {
                g.runTurn(slice: slice, store: store)
                ranAny = true
            }
            if !ranAny { break }
            r += 1
        }
        return r
    }

    /// Fairness over the guests still running: (max - min) / mean of the fuel they consumed.
    public var consumptionSpread: Double {
        let running = guests.filter { !$0.isFinished }.map { Double($0.consumed) }
        guard let lo = running.min(), let hi = running.max(), !running.isEmpty else { return 0 }
        let mean = running.reduce(0, +) / Double(running.count)
        return mean == 0 ? 0 : (hi - lo) / mean
    }

    /// Drops every suspended call (their VM stacks are freed).
    public func abandonAll() {
        for g in guests { g.pending = nil }
    }
}
