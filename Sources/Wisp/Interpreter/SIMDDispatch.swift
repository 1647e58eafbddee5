// Decodes the operands of SIMD instructions and calls the lane semantics in SIMD/.
// TEMPORARY until the SIMD library lands: every SIMD instruction reports -2 (unsupported).

extension Executor {
    /// Runs one SIMD instruction. Returns its length in words, -1 for an out-of-bounds access.
    func executeSIMD(_ pc: UnsafeMutablePointer<UInt64>, fp: UnsafeMutablePointer<UInt64>, md: UnsafeMutableRawPointer, ms: UInt64) -> Int {
        return -1
    }
}
