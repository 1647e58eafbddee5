import XCTest
import Wisp
import WispWASI

/// Every function of wasi_snapshot_preview1's witx is defined, with its core WebAssembly type.
final class ImportTableTests: XCTestCase {
    // From wasi_snapshot_preview1.witx, lowered: pointers, sizes, fds and flags are i32; 64-bit
    // values (timestamps, offsets, rights, cookies) are i64; results are an i32 errno.
    static let witx: [(String, String)] = [
        ("args_get", "ii"), ("args_sizes_get", "ii"), ("environ_get", "ii"), ("environ_sizes_get", "ii"),
        ("clock_res_get", "ii"), ("clock_time_get", "iIi"), ("fd_advise", "iIIi"), ("fd_allocate", "iII"),
        ("fd_close", "i"), ("fd_datasync", "i"), ("fd_fdstat_get", "ii"), ("fd_fdstat_set_flags", "ii"),
        ("fd_fdstat_set_rights", "iII"), ("fd_filestat_get", "ii"), ("fd_filestat_set_size", "iI"),
        ("fd_filestat_set_times", "iIIi"), ("fd_pread", "iiiIi"), ("fd_prestat_get", "ii"),
        ("fd_prestat_dir_name", "iii"), ("fd_pwrite", "iiiIi"), ("fd_read", "iiii"), ("fd_readdir", "iiiIi"),
        ("fd_renumber", "ii"), ("fd_seek", "iIii"), ("fd_sync", "i"), ("fd_tell", "ii"), ("fd_write", "iiii"),
        ("path_create_directory", "iii"), ("path_filestat_get", "iiiii"), ("path_filestat_set_times", "iiiiIIi"),
        ("path_link", "iiiiiii"), ("path_open", "iiiiiIIii"), ("path_readlink", "iiiiii"),
        ("path_remove_directory", "iii"), ("path_rename", "iiiiii"), ("path_symlink", "iiiii"),
        ("path_unlink_file", "iii"), ("poll_oneoff", "iiii"), ("proc_exit", "i"), ("proc_raise", "i"),
        ("sched_yield", ""), ("random_get", "ii"), ("sock_accept", "iii"), ("sock_recv", "iiiiii"),
        ("sock_send", "iiiii"), ("sock_shutdown", "ii"),
    ]

    func testEveryWitxFunctionIsDefinedWithItsType() throws {
        let store = Store(engine: Engine())
        let wasi = try WASI(configuration: WASIConfiguration())
        var imports = Imports()
        wasi.define(into: &imports, store: store)
        XCTAssertEqual(ImportTableTests.witx.count, 46)
        for (name, params) in ImportTableTests.witx {
            guard case .function(let f)? = imports.lookup(module: "wasi_snapshot_preview1", name: name) else {
                XCTFail("missing " + name)
                continue
            }
            let expected = FuncType(parameters: params.map { $0 == "I" ? .i64 : .i32 },
                                    results: name == "proc_exit" ? [] : [.i32])
            XCTAssertEqual(f.type, expected, name)
        }
        withExtendedLifetime(store) {}
    }

    func testProcExitTrapCarriesStatus() throws {
        let store = Store(engine: Engine())
        let wasi = try WASI(configuration: WASIConfiguration())
        var imports = Imports()
        wasi.define(into: &imports, store: store)
        guard case .function(let exit)? = imports.lookup(module: "wasi_snapshot_preview1", name: "proc_exit") else {
            return XCTFail("no proc_exit")
        }
        do {
            _ = try exit.call([.i32(3)])
            XCTFail("proc_exit returned")
        } catch {
            XCTAssertEqual(error.kind, .exit)
            XCTAssertEqual(error.exitCode, 3)
        }
        withExtendedLifetime(store) {}
    }
}
