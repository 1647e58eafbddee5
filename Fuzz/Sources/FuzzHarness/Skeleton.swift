// A fixed module with one hole: the body of function 1, which the fuzzer's bytes fill. Around it
// sits one of everything a body can touch (an imported function, a table with functions in it,
// a memory with active and passive data, mutable globals of each number type and funcref, and
// passive and declared element segments), so most instruction sequences that validate do
// something observable.
public enum Skeleton {
    /// Wraps `code` (instructions only; the final `end` is appended) into a module whose exported
    /// function "run" has type (i32, i64, f32, f64) -> i32 and locals i32, i64, v128, externref.
    public static func module(body code: ArraySlice<UInt8>) -> [UInt8] {
        var m: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        // types: 0 (i32 i64 f32 f64) -> i32, 1 () -> (), 2 (i32) -> i32
        section(1, &m, vec([
            [0x60, 0x04, 0x7F, 0x7E, 0x7D, 0x7C, 0x01, 0x7F],
            [0x60, 0x00, 0x00],
            [0x60, 0x01, 0x7F, 0x01, 0x7F],
        ]))
        // import env.f : type 2 (function 0)
        section(2, &m, vec([name("env") + name("f") + [0x00, 0x02]]))
        // functions 1 (type 0, the hole), 2 (type 1), 3 (type 2)
        section(3, &m, vec([[0x00], [0x01], [0x02]]))
        // table 0: funcref min 4 max 32
        section(4, &m, vec([[0x70, 0x01, 0x04, 0x20]]))
        // memory 0: min 1 max 4
        section(5, &m, vec([[0x01, 0x01, 0x04]]))
        // globals: mut i32, mut i64, mut f32, mut f64, mut funcref, immutable v128
        section(6, &m, vec([
            [0x7F, 0x01, 0x41, 0x2A, 0x0B],
            [0x7E, 0x01, 0x42, 0x7F, 0x0B],
            [0x7D, 0x01, 0x43, 0x00, 0x00, 0x80, 0x3F, 0x0B],
            [0x7C, 0x01, 0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0xBF, 0x0B],
            [0x70, 0x01, 0xD2, 0x03, 0x0B],
            [0x7B, 0x00, 0xFD, 0x0C] + Array(1...16) + [0x0B],
        ]))
        // exports: run = func 1, mem = memory 0, tab = table 0, g = global 0
        section(7, &m, vec([
            name("run") + [0x00, 0x01], name("mem") + [0x02, 0x00],
            name("tab") + [0x01, 0x00], name("g") + [0x03, 0x00],
        ]))
        // elements: active at 0 [0 1 2 3]; passive funcref [2 3]; declarative [1]
        section(9, &m, vec([
            [0x00, 0x41, 0x00, 0x0B, 0x04, 0x00, 0x01, 0x02, 0x03],
            [0x01, 0x00, 0x02, 0x02, 0x03],
            [0x03, 0x00, 0x01, 0x01],
        ]))
        section(12, &m, [0x02])  // data count
        let hole: [UInt8] = [0x04, 0x01, 0x7F, 0x01, 0x7E, 0x01, 0x7B, 0x01, 0x6F] + Array(code) + [0x0B]
        section(10, &m, vec([
            hole,
            [0x00, 0x0B],                          // func 2: nothing
            [0x00, 0x20, 0x00, 0x41, 0x01, 0x6A, 0x0B],  // func 3: x + 1
        ].map { leb(UInt32($0.count)) + $0 }))
        // data: active at 8 "wisp-fuzz", passive 8 bytes
        section(11, &m, vec([
            [0x00, 0x41, 0x08, 0x0B] + name("wisp-fuzz"),
            [0x01, 0x08, 0xFF, 0x00, 0x7F, 0x80, 0x01, 0xFE, 0x55, 0xAA],
        ]))
        return m
    }

    static func leb(_ v: UInt32) -> [UInt8] {
        var v = v, out: [UInt8] = []
        repeat {
            var b = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { b |= 0x80 }
            out.append(b)
        } while v != 0
        return out
    }

    static func name(_ s: String) -> [UInt8] { leb(UInt32(s.utf8.count)) + Array(s.utf8) }
    static func vec(_ items: [[UInt8]]) -> [UInt8] { leb(UInt32(items.count)) + items.flatMap { $0 } }
    static func section(_ id: UInt8, _ m: inout [UInt8], _ contents: [UInt8]) {
        m.append(id)
        m += leb(UInt32(contents.count))
        m += contents
    }
}
