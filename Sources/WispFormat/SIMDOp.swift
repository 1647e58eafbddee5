// SIMD operators without immediates (0xFD prefix). They are identified by their sub-opcode and
// classified by shape, which is all the validator needs; the engine switches on the code.

/// The operand/result shape of a `SIMDOp`.
public enum SIMDShape: Sendable {
    /// scalar -> v128 (`splat`)
    case splat(ValueType)
    /// v128 -> v128
    case unary
    /// v128 v128 -> v128
    case binary
    /// v128 v128 v128 -> v128 (`v128.bitselect`)
    case ternary
    /// v128 -> i32 (`any_true`, `all_true`, `bitmask`)
    case test
    /// v128 i32 -> v128 (shifts)
    case shift
}

/// A SIMD operator without immediates, identified by its 0xFD sub-opcode.
public struct SIMDOp: Equatable, Hashable, Sendable {
    /// The 0xFD sub-opcode.
    public let code: UInt32

    /// Returns nil for sub-opcodes that are not plain SIMD operators of WebAssembly 2.0 or
    /// relaxed SIMD (256...275; the decoder checks `Features.relaxedSIMD`).
    public init?(code: UInt32) {
        guard SIMDOp.shape(of: code) != nil else { return nil }
        self.code = code
    }

    /// The operator's operand and result types.
    public var shape: SIMDShape { SIMDOp.shape(of: code)! }

    static func shape(of c: UInt32) -> SIMDShape? {
        switch c {
        case 15, 16, 17: return .splat(.i32)
        case 18: return .splat(.i64)
        case 19: return .splat(.f32)
        case 20: return .splat(.f64)
        case 82, 261...268, 275: return .ternary
        case 83, 99, 100, 131, 132, 163, 164, 195, 196: return .test
        case 107...109, 139...141, 171...173, 203...205: return .shift
        case 77, 94, 95, 96, 97, 98, 103...106, 116, 117, 122, 124...129, 135...138, 148,
             160, 161, 167...170, 192, 193, 199...202, 224, 225, 227, 236, 237, 239, 248...255, 257...260:
            return .unary
        case 14, 35...76, 78...81, 101, 102, 110...115, 118...121, 123, 130, 133, 134, 142...147,
             149...153, 155...159, 174, 177, 181...186, 188...191, 206, 209, 213...223, 228...235, 240...247,
             256, 269...274:
            return .binary
        default: return nil
        }
    }
}
