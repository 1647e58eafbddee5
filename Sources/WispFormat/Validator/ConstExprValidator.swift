// Constant expressions: global initialisers, table initialisers, element items and segment offsets.

/// Checks that `expr` is a constant expression producing exactly one value of type `expected`.
///
/// In 2.0 a constant expression is a single `t.const`, `ref.null`, `ref.func` or a `global.get`
/// of an imported immutable global. With `Features.extendedConst` (3.0) it may also be a sequence
/// with `i32`/`i64` `add`, `sub` and `mul`, and `global.get` may read any immutable global among
/// the first `visibleGlobals` (the imported ones and those defined before the expression).
/// Throws `.invalid` with "constant expression required" for any other instruction or a mutable
/// global, "unknown global N" / "unknown function N" for bad indices, and "type mismatch" when
/// the expression does not leave exactly one `expected` value. Cost: linear in the expression.
public func validateConstExpr(_ expr: ConstExpr, expected: ValueType, context: ValidationContext, visibleGlobals: Int? = nil) throws(FormatError) {
    // A type stack only extended constant expressions need: 2.0's single instruction keeps `last`.
    var count = 0
    var last: ValueType = .i32
#if WISP_NO_EXTENDED_CONST
    let globalsInScope = context.importedGlobalCount
#else
    var below: [ValueType] = []
    let extended = context.features.contains(.extendedConst)
    let globalsInScope = extended ? (visibleGlobals ?? context.importedGlobalCount) : context.importedGlobalCount
#endif
    for instruction in expr.instructions {
        let pushed: ValueType
        switch instruction {
        case .i32Const: pushed = .i32
        case .i64Const: pushed = .i64
        case .f32Const: pushed = .f32
        case .f64Const: pushed = .f64
        case .v128Const: pushed = .v128
        case .refNull(let t):
            if let i = t.heapType.typeIndex, Int(i) >= context.types.count {
                throw FormatError(.invalid, "unknown type " + String(i), offset: expr.offset)
            }
            pushed = context.canonical(t)
        case .refFunc(let x):
            guard Int(x) < context.functionTypeIndices.count else {
                throw FormatError(.invalid, "unknown function " + String(x), offset: expr.offset)
            }
            pushed = context.functionReferenceType(x)
        case .globalGet(let x):
            guard Int(x) < globalsInScope else {
                throw FormatError(.invalid, "unknown global " + String(x), offset: expr.offset)
            }
            let g = context.globals[Int(x)]
            if g.mutable {
                throw FormatError(.invalid, "constant expression required", offset: expr.offset)
            }
            pushed = g.valueType
#if !WISP_NO_EXTENDED_CONST
        case .numeric(let op) where extended:
            let t: ValueType
            switch op {
            case .i32Add, .i32Sub, .i32Mul: t = .i32
            case .i64Add, .i64Sub, .i64Mul: t = .i64
            default: throw FormatError(.invalid, "constant expression required", offset: expr.offset)
            }
            guard count >= 2, last == t, below.last == t else {
                throw FormatError(.invalid, "type mismatch", offset: expr.offset)
            }
            below.removeLast()
            count -= 2
            last = below.last ?? .i32
            if !below.isEmpty { below.removeLast() }
            pushed = t
#endif
        default:
            throw FormatError(.invalid, "constant expression required", offset: expr.offset)
        }
#if !WISP_NO_EXTENDED_CONST
        // Without the extended forms a second value already fails the final check.
        if count > 0 { below.append(last) }
#endif
        last = pushed
        count += 1
    }
#if WISP_NO_FUNCTION_REFERENCES
    let fits = last == expected
#else
    let fits = last.isSubtype(of: context.canonical(expected))
#endif
    if count != 1 || !fits {
        throw FormatError(.invalid, "type mismatch", offset: expr.offset)
    }
}
