// libFuzzer target: decode and validate arbitrary bytes. A crash, hang or sanitizer report is a
// bug; a thrown WispError is the expected answer for almost every input.
import FuzzDriver
import Glibc
import Wisp

// Every proposal Wisp decodes, exception handling included.
let engine: Engine = {
    var c = EngineConfiguration()
    c.features = .all
    return Engine(configuration: c)
}()

exit(runLibFuzzer { data, size in
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data!, count: size))
    _ = try? Module(bytes: bytes, engine: engine)
    return 0
})
