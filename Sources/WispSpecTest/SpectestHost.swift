// The `spectest` host module that the spec scripts import.

import Wisp

/// Builds the `spectest` module of the reference interpreter in a store.
public enum SpectestHost {
    /// Returns imports holding the `spectest` module: the `print*` functions (they do nothing but
    /// call `log`, if given, with a line like `spectest.print_i32(i32:42)`), the immutable globals
    /// `global_i32`/`global_i64` = 666 and `global_f32`/`global_f64` = 666.6, a funcref `table` of
    /// 10..20 elements and a `memory` of 1..2 pages.
    ///
    /// - Throws: `WispError.resource` if the memory cannot be allocated.
    /// - Complexity: allocates one 64 KiB page.
    public static func imports(store: Store, log: ((String) -> Void)? = nil) throws(WispError) -> Imports {
        var imports = Imports()
        try define(in: &imports, store: store, log: log)
        return imports
    }

    /// Adds the `spectest` module to existing imports; see `imports(store:log:)`.
    public static func define(in imports: inout Imports, store: Store, log: ((String) -> Void)? = nil) throws(WispError) {
        let printers: [(String, [ValueType])] = [
            ("print", []),
            ("print_i32", [.i32]),
            ("print_i64", [.i64]),
            ("print_f32", [.f32]),
            ("print_f64", [.f64]),
            ("print_i32_f32", [.i32, .f32]),
            ("print_f64_f64", [.f64, .f64]),
        ]
        for (name, params) in printers {
            let f = Function(store: store, type: FuncType(parameters: params, results: [])) { _, args in
                log?("spectest." + name + "(" + args.map { SpecValues.describe($0) }.joined(separator: ", ") + ")")
                return []
            }
            imports.define(module: "spectest", name: name, .function(f))
        }
        let globals: [(String, ValueType, Value)] = [
            ("global_i32", .i32, .i32(666)),
            ("global_i64", .i64, .i64(666)),
            ("global_f32", .f32, .float(666.6)),
            ("global_f64", .f64, .double(666.6)),
        ]
        for (name, type, value) in globals {
            let g = try Wisp.Global(store: store, type: GlobalType(valueType: type, mutable: false), value: value)
            imports.define(module: "spectest", name: name, .global(g))
        }
        let table = try Table(store: store, type: TableType(element: .funcref, limits: Limits(min: 10, max: 20)), filledWith: nil)
        imports.define(module: "spectest", name: "table", .table(table))
        let table64 = try Table(store: store, type: TableType(element: .funcref, limits: Limits(min: 10, max: 20), is64: true), filledWith: nil)
        imports.define(module: "spectest", name: "table64", .table(table64))
        let memory = try Memory(store: store, type: MemoryType(limits: Limits(min: 1, max: 2)))
        imports.define(module: "spectest", name: "memory", .memory(memory))
    }
}
