// wisp-scheduler: runs N guests of a module's export round-robin on one thread, each turn a
// fixed fuel slice, and reports how evenly the fuel was shared.
// Usage: wisp-scheduler MODULE.wasm EXPORT [GUESTS] [SLICE] [ROUNDS]

import CooperativeScheduler
import Foundation
import Wisp

let args = CommandLine.arguments
guard args.count >= 3 else {
    FileHandle.standardError.write(Data("usage: wisp-scheduler MODULE.wasm EXPORT [GUESTS] [SLICE] [ROUNDS]\n".utf8))
    exit(2)
}
let count = args.count > 3 ? Int(args[3]) ?? 1000 : 1000
let slice = args.count > 4 ? UInt64(args[4]) ?? 10_000 : 10_000
let rounds = args.count > 5 ? Int(args[5]) ?? 20 : 20
do {
    guard let data = FileManager.default.contents(atPath: args[1]) else { throw WispError.resource("cannot read " + args[1]) }
    var config = EngineConfiguration()
    config.fuelMetering = true
    config.stackSlots = 16 * 1024
    config.maxCallDepth = 1000
    let engine = Engine(configuration: config)
    let store = Store(engine: engine)
    let module = try Module(bytes: [UInt8](data), engine: engine)
    let scheduler = Scheduler(store: store, slice: slice)
    for _ in 0..<count {
        try store.setFuel(1_000_000)
        let instance = try module.instantiate(store: store)
        guard let f = instance.exportedFunction(args[2]) else { throw WispError.link("no export " + args[2]) }
        _ = scheduler.spawn(f, f.type.parameters.map { Value.zero($0) })
    }
    let start = Date()
    let ran = scheduler.run(rounds: rounds)
    let seconds = Date().timeIntervalSince(start)
    let finished = scheduler.guests.filter { $0.isFinished }.count
    print("guests: \(count), rounds: \(ran), slice: \(slice), finished: \(finished)")
    print(String(format: "fuel consumed per running guest: spread %.4f%% of the mean; %.2f s", scheduler.consumptionSpread * 100, seconds))
    scheduler.abandonAll()
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
