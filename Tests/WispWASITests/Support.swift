import Foundation
import Wisp
import WispWASI

/// The result of running one WASI module in-process, through the same `WASI.run` as `wisp run`.
struct GuestRun {
    var status: Int32
    var stdout: String
    var stderr: String
    var error: String?
}

enum GuestRunner {
    /// Runs the module at `path` with `args` (after argv[0] = path), `env`, and preopens
    /// (host, guest); stdout and stderr go to temporary files that are read back.
    static func run(_ path: String, args: [String] = [], env: [String] = [], dirs: [(String, String)] = [],
                    stdin: String? = nil, sockets: [Int32] = []) throws -> GuestRun {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("wisp-wasi-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let outPath = tmp.appendingPathComponent("out").path, errPath = tmp.appendingPathComponent("err").path
        let inPath = tmp.appendingPathComponent("in").path
        FileManager.default.createFile(atPath: inPath, contents: Data((stdin ?? "").utf8))
        let out = open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let err = open(errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let inp = open(inPath, O_RDONLY)
        defer { close(out); close(err); close(inp) }

        var config = WASIConfiguration()
        config.arguments = [path] + args
        config.environment = env
        config.preopens = dirs.map { .init(hostPath: $0.0, guestPath: $0.1) }
        config.stdin = inp
        config.stdout = out
        config.stderr = err
        config.sockets = sockets
        let engine = Engine()
        let module = try Module(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), engine: engine)
        let store = Store(engine: engine)
        var result = GuestRun(status: 0, stdout: "", stderr: "", error: nil)
        do {
            let wasi = try WASI(configuration: config)
            result.status = try wasi.run(module: module, store: store).status
        } catch let e as WASIRunError {
            result.error = e.description
            result.status = -1
        }
        result.stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        result.stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return result
    }

    /// Deletes `*.cleanup` files and folders anywhere under `dir`.
    static func removeCleanups(_ dir: String) {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return }
        var victims: [String] = []
        for case let p as String in e where p.hasSuffix(".cleanup") { victims.append(dir + "/" + p) }
        for v in victims.sorted(by: { $0.count > $1.count }) { try? FileManager.default.removeItem(atPath: v) }
    }
}

/// The package root (two levels above this file's folder).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
