import Foundation
import XCTest
import WispWASI

/// features.c: CPU-time clocks, poll_oneoff (clock and fd subscriptions), fd_readdir cookies,
/// sock_recv/send/shutdown/accept on sockets the host passes in, proc_raise.
final class FeatureTests: XCTestCase {
    func unixSocketPair() -> (Int32, Int32) {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds), 0)
        return (fds[0], fds[1])
    }

    /// A listening Unix socket at `path`, and a client already connected to it (in the backlog).
    func listenerWithClient(_ path: String) -> (listener: Int32, client: Int32) {
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { buf in
            for (i, b) in path.utf8.enumerated() where i < buf.count - 1 { buf[i] = b }
        }
        let size = socklen_t(MemoryLayout<sockaddr_un>.size)
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        let client = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { a in
                XCTAssertEqual(bind(listener, a, size), 0)
                XCTAssertEqual(listen(listener, 4), 0)
                XCTAssertEqual(connect(client, a, size), 0)
            }
        }
        return (listener, client)
    }

    func readAll(_ fd: Int32) -> String {
        var data: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 256)
        while true {
            let n = read(fd, &buf, buf.count)
            if n <= 0 { break }
            data += buf[0..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }

    func testFeatures() throws {
        let program = try GuestPrograms.path("features")
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("wisp-features-" + UUID().uuidString).path
        try fm.createDirectory(atPath: tmp + "/dir", withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: tmp) }
        let (guestEnd, hostEnd) = unixSocketPair()
        defer { close(hostEnd) }
        XCTAssertEqual(write(hostEnd, "world", 5), 5)
        let (listener, client) = listenerWithClient(tmp + "/sock")
        defer { close(client) }

        let run = try GuestRunner.run(program, dirs: [(tmp + "/dir", "/dir")], stdin: "ping\n", sockets: [guestEnd, listener])
        print(run.stdout)
        XCTAssertNil(run.error)
        XCTAssertFalse(run.stdout.contains("FAIL"), run.stdout)
        XCTAssertTrue(run.stdout.contains("0 failure(s)"))
        XCTAssertFalse(run.stdout.contains("still running"))
        XCTAssertEqual(run.status, 128 + 15, "proc_raise(SIGTERM) ends the run like an uncaught SIGTERM")
        // What the guest sent, and its shutdown (EOF after "hello").
        XCTAssertEqual(readAll(hostEnd), "hello")
        var buf = [UInt8](repeating: 0, count: 16)
        XCTAssertEqual(read(client, &buf, 16), 8)
        XCTAssertEqual(String(decoding: buf[0..<8], as: UTF8.self), "accepted")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: tmp + "/dir").count, 30)
    }
}
