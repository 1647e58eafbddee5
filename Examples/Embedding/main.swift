// The README's embedding example, compiled by every build (ReadmeExampleTests checks that the
// README shows this file's code from its first import on, and runs it).
import Wisp
import WispText

struct Log { var lines: [String] = [] }

let engine = Engine()
var linker = Linker(engine: engine)
try linker.defineFunction(module: "env", name: "log") { (caller: Caller, value: Int32) throws(Trap) -> NoResult in
    do { try caller.withContext(Log.self) { $0.lines.append("guest says \(value)") } }
    catch { throw Trap(.host, message: "\(error)") }
    return NoResult()
}
let module = try Module(bytes: WAT.encode("""
    (module
      (import "env" "log" (func $log (param i32)))
      (func (export "add") (param i32 i32) (result i32)
        (call $log (local.get 0))
        (i32.add (local.get 0) (local.get 1))))
    """), engine: engine)
let store = Store(engine: engine, context: Log())
let instance = try linker.instantiate(module, store: store)
let add = try TypedFunction<Int32, Int32, Int32>(instance.exportedFunction("add")!)
print(try add(2, 3))                      // 5
print(store.context(Log.self)!.lines)     // ["guest says 2"]
