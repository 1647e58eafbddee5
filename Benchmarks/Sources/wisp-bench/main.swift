// wisp-bench: times Wisp and WasmKit in one process on the same workloads.
//
//   wisp-bench run --runtime wisp|wasmkit --wasm FILE [--arg N] [--reps K]
//       Loads FILE, instantiates it with no imports, then calls its `run` export K
//       times (with N as its i32 argument if it takes one). Prints one JSON object:
//       {"runtime", "wasm", "arg", "load_seconds", "times": [seconds per call],
//        "results": ["i32:<u32>" | "i64:<u64>" per call]}, or with "error" set when
//       loading or a call failed (then exit status 1; times so far are kept).
//
//   wisp-bench run --runtime wisp,wasmkit --wasm FILE [--arg N] [--reps K]
//       Several runtimes in this one process: loads FILE in each, then makes K rounds of one call
//       per runtime, the order alternating between rounds (so none is always first), and prints
//       one JSON object per runtime as above. A slow spell of the machine then falls on all alike.
//
//   wisp-bench startup --runtime wisp|wasmkit --wasm FILE [--eager]
//       Decodes/validates and instantiates FILE (function imports satisfied by
//       trapping stubs) once, and prints {"parse_seconds", "instantiate_seconds",
//       "rss_after_read_kib", "max_rss_kib", "note"}. Run it in a fresh process per
//       measurement so the peak RSS belongs to that one load.
//
//   wisp-bench instances --runtime wisp|wasmkit --wasm FILE [--count N]
//       Compiles FILE once and instantiates it N times (default 1000), each in a store of its
//       own, all kept alive; prints {"count", "heap_bytes_per_instance",
//       "rss_kib_per_instance"}: the growth of the C heap in use (glibc mallinfo2) and of the
//       resident set, divided by N. Run it in a fresh process.
//
//   wisp-bench list
//       Prints the runtimes compiled in, one per line.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

let drivers: [RuntimeDriver] = [wispDriver, wispReservedDriver, wispConcurrentDriver, wispAOTDriver, wasmKitDriver].compactMap { $0 }

func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

func jsonObject(_ fields: [(String, String)]) -> String {
    "{" + fields.map { jsonString($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
}

func usage() -> Never {
    let text = """
        usage: wisp-bench run --runtime NAME --wasm FILE [--arg N] [--reps K]
               wisp-bench startup --runtime NAME --wasm FILE [--eager]
               wisp-bench instances --runtime NAME --wasm FILE [--count N]
               wisp-bench hostcalls [--calls N] [--only NAME]
               wisp-bench list
        runtimes in this build: \(drivers.map(\.name).joined(separator: ", "))

        """
    fputs(text, stderr)
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else { usage() }
arguments.removeFirst()

var options: [String: String] = [:]
var flags: Set<String> = []
var index = 0
while index < arguments.count {
    let a = arguments[index]
    guard a.hasPrefix("--") else { usage() }
    let key = String(a.dropFirst(2))
    if key == "eager" {
        flags.insert(key)
        index += 1
    } else {
        guard index + 1 < arguments.count else { usage() }
        options[key] = arguments[index + 1]
        index += 2
    }
}

if command == "hostcalls" {
    // Host-call round trips and export calls (issue #23): nanoseconds per call, each way.
    let calls = Int(options["calls"] ?? "1000000") ?? 1_000_000
    let only = options["only"]
    do {
        var all: [HostCallTiming] = []
#if WITH_WISP
        all += try wispHostCalls(calls: calls, only: only)
#endif
        all += try wasmKitHostCalls(calls: calls, only: only)
        for t in all {
            print(jsonObject([("name", jsonString(t.name)), ("calls", String(calls)),
                              ("ns_per_call", String(t.nanosecondsPerCall)), ("checksum", String(t.checksum))]))
        }
        exit(0)
    } catch {
        print(jsonObject([("error", jsonString("\(error)"))]))
        exit(1)
    }
}

if command == "list" {
    for d in drivers { print(d.name) }
    exit(0)
}

guard let runtimeName = options["runtime"], let wasmPath = options["wasm"] else { usage() }

if command == "run" {
    // One runtime or several: with several, each round calls each once (see the usage above).
    let names = runtimeName.split(separator: ",").map(String.init)
    let argument = UInt32(options["arg"] ?? "0") ?? 0
    let reps = Int(options["reps"] ?? "5") ?? 5
    struct Column { var name: String; var fields: [(String, String)] = []; var times: [Double] = []; var results: [String] = []; var failure: String? }
    var columns: [Column] = names.map { Column(name: $0) }
    var loaded: [LoadedWorkload?] = Array(repeating: nil, count: names.count)
    let bytes: [UInt8]
    do { bytes = try readFile(wasmPath) } catch {
        for c in columns {
            print(jsonObject([("runtime", jsonString(c.name)), ("wasm", jsonString(wasmPath)), ("arg", String(argument)),
                              ("times", "[]"), ("results", "[]"), ("error", jsonString("\(error)"))]))
        }
        exit(1)
    }
    for (i, name) in names.enumerated() {
        columns[i].fields = [("runtime", jsonString(name)), ("wasm", jsonString(wasmPath)), ("arg", String(argument))]
        guard let d = drivers.first(where: { $0.name == name }) else {
            columns[i].failure = "runtime \(name) is not in this build (have: \(drivers.map(\.name).joined(separator: ", ")))"
            continue
        }
        do {
            let t0 = now()
            loaded[i] = try d.load(bytes)
            columns[i].fields.append(("load_seconds", String(now() - t0)))
        } catch {
            columns[i].failure = "\(error)"
        }
    }
    for round in 0..<reps {
        let order = round % 2 == 0 ? Array(names.indices) : Array(names.indices.reversed())
        for i in order {
            guard columns[i].failure == nil, let l = loaded[i] else { continue }
            do {
                let start = now()
                let result = try l.callRun(argument)
                columns[i].times.append(now() - start)
                columns[i].results.append(result)
            } catch {
                columns[i].failure = "\(error)"
            }
        }
    }
    for c in columns {
        var fields = c.fields
        fields.append(("times", "[" + c.times.map { String($0) }.joined(separator: ", ") + "]"))
        fields.append(("results", "[" + c.results.map(jsonString).joined(separator: ", ") + "]"))
        if let failure = c.failure { fields.append(("error", jsonString(failure))) }
        print(jsonObject(fields))
    }
    exit(columns.allSatisfy { $0.failure == nil } ? 0 : 1)
}

guard let driver = drivers.first(where: { $0.name == runtimeName }) else {
    print(jsonObject([
        ("runtime", jsonString(runtimeName)),
        ("error", jsonString("runtime \(runtimeName) is not in this build (have: \(drivers.map(\.name).joined(separator: ", ")))")),
    ]))
    exit(1)
}

switch command {
case "startup":
    do {
        let bytes = try readFile(wasmPath)
        let afterRead = currentRSSKiB()
        let times = try driver.startup(bytes, flags.contains("eager"))
        print(jsonObject([
            ("runtime", jsonString(driver.name)), ("wasm", jsonString(wasmPath)),
            ("eager", flags.contains("eager") ? "true" : "false"),
            ("bytes", String(bytes.count)),
            ("parse_seconds", String(times.parse)), ("instantiate_seconds", String(times.instantiate)),
            ("rss_after_read_kib", String(afterRead)), ("max_rss_kib", String(maxRSSKiB())),
            ("note", jsonString(times.note)),
        ]))
        exit(0)
    } catch {
        print(jsonObject([("runtime", jsonString(driver.name)), ("error", jsonString("\(error)"))]))
        exit(1)
    }

case "instances":
    let count = max(1, Int(options["count"] ?? "1000") ?? 1000)
    do {
        let bytes = try readFile(wasmPath)
        // One instance first, so one-time costs (the runtime's own set-up) are not counted.
        let warm = try driver.instances(bytes, 1)
        let heap0 = heapInUseBytes(), rss0 = currentRSSKiB()
        let kept = try driver.instances(bytes, count)
        let heap1 = heapInUseBytes(), rss1 = currentRSSKiB()
        print(jsonObject([
            ("runtime", jsonString(driver.name)), ("wasm", jsonString(wasmPath)), ("count", String(count)),
            ("heap_bytes_per_instance", String((heap1 - heap0) / count)),
            ("rss_kib_per_instance", String(Double(rss1 - rss0) / Double(count))),
        ]))
        withExtendedLifetime((warm, kept)) {}
        exit(0)
    } catch {
        print(jsonObject([("runtime", jsonString(driver.name)), ("error", jsonString("\(error)"))]))
        exit(1)
    }

default:
    usage()
}
