// Constant expressions of WebAssembly 2.0: global initialisers, element items and segment offsets.

/// Checks that `expr` is a constant expression producing exactly one value of type `expected`.
///
/// In 2.0 a constant expression is a single `t.const`, `ref.null`, `ref.func` or a `global.get`
/// of an imported immutable global (module-defined globals are not visible to it). Throws
/// `.invalid` with "constant expression required" for any other instruction or a mutable global,
/// "unknown global N" / "unknown function N" for bad indices, and "type mismatch" when the
/// expression does not leave exactly one `expected` value. Cost: linear in the expression.
public func validateConstExpr(_ expr: ConstExpr, expected: ValueType, context: ValidationContext) throws(FormatError) {
    var count = 0
    var last: ValueType = .i32
    for instruction in expr.instructions {
        switch instruction {
        case .i32Const: last = .i32
        case .i64Const: last = .i64
        case .f32Const: last = .f32
        case .f64Const: last = .f64
        case .v128Const: last = .v128
        case .refNull(let t): last = t.valueType
        case .refFunc(let x):
            guard Int(x) < context.functionTypeIndices.count else {
                throw FormatError(.invalid, "unknown function " + String(x), offset: expr.offset)
            }
            last = .funcref
        case .globalGet(let x):
            guard Int(x) < context.importedGlobalCount else {
                throw FormatError(.invalid, "unknown global " + String(x), offset: expr.offset)
            }
            let g = context.globals[Int(x)]
            if g.mutable {
                throw FormatError(.invalid, "constant expression required", offset: expr.offset)
            }
            last = g.valueType
        default:
            throw FormatError(.invalid, "constant expression required", offset: expr.offset)
        }
        count += 1
    }
    if count != 1 || last != expected {
        throw FormatError(.invalid, "type mismatch", offset: expr.offset)
    }
}
