// Decodes WebAssembly instructions one at a time from a byte range of a module: function bodies
// (the validator and the translator walk them) and constant expressions (the module decoder).

/// Reads the instructions in `bytes[range]`, one `read()` at a time.
///
/// The reader knows the encoding only: it does not track block nesting or check that a body ends
/// with its final `end`; the validator does. Reading past the end of the range throws
/// "unexpected end of section or function".
///
/// Cost: `read()` is O(size of the instruction) and allocates nothing, except `br_table`
/// (its target array) and a typed `select` with a wrong arity (which throws).
public struct OperatorReader {
    @usableFromInline var reader: ByteReader
    /// The proposals whose instructions are accepted; others are "illegal opcode".
    public let features: Features

    /// A reader over `bytes[range]`. `range` must lie within `bytes` (checked: traps otherwise).
    public init(bytes: [UInt8], range: Range<Int>, features: Features = .all) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "OperatorReader range outside the bytes")
        self.reader = ByteReader(bytes: bytes, offset: range.lowerBound, end: range.upperBound)
        self.features = features
    }

    init(reader: ByteReader, features: Features) {
        self.reader = reader
        self.features = features
    }

    /// Absolute offset (in `bytes`) of the next instruction.
    public var offset: Int {
        get { reader.offset }
        set { reader.offset = newValue }
    }

    /// Absolute offset one past the last byte of the range.
    public var endOffset: Int { reader.end }

    /// Whether every byte of the range has been read.
    public var isAtEnd: Bool { reader.offset >= reader.end }

    /// Decodes the next instruction and its immediates.
    ///
    /// Throws `.malformed` errors with the spec's wording ("illegal opcode", "zero byte expected",
    /// "malformed memop flags", "integer too large", "unexpected end of section or function", ...),
    /// and `.invalid` "invalid result arity" for a typed `select` that does not name exactly one type
    /// (the spec classifies that as a validation error, but `Instruction` cannot represent it).
    public mutating func read() throws(FormatError) -> Instruction {
        let start = reader.offset
        let op = try reader.readByte()
        switch op {
        case 0x00: return .unreachable
        case 0x01: return .nop
        case 0x02: return .block(try readBlockType())
        case 0x03: return .loop(try readBlockType())
        case 0x04: return .if(try readBlockType())
        case 0x05: return .else
        case 0x08, 0x0A, 0x1F:
            guard features.contains(.exceptionHandling) else { throw illegalOpcode(op, start) }
#if WISP_NO_EXCEPTIONS
            throw noExceptions(start)
#else
            if op == 0x08 { return .throw(try reader.readU32()) }
            if op == 0x0A { return .throwRef }
            return try readTryTable()
#endif
        case 0x0B: return .end
        case 0x0C: return .br(try reader.readU32())
        case 0x0D: return .brIf(try reader.readU32())
        case 0x0E:
            let count = try reader.readCount()
            var targets: [UInt32] = []
            targets.reserveCapacity(count)
            for _ in 0..<count { targets.append(try reader.readU32()) }
            return .brTable(targets: targets, default: try reader.readU32())
        case 0x0F: return .return
        case 0x10: return .call(try reader.readU32())
        case 0x11:
            let typeIndex = try reader.readU32()
            let tableIndex: UInt32
            if features.contains(.referenceTypes) {
                tableIndex = try reader.readU32()
            } else {
                try readZeroByte()
                tableIndex = 0
            }
            return .callIndirect(typeIndex: typeIndex, tableIndex: tableIndex)
        case 0x12, 0x13:
            guard features.contains(.tailCall) else { throw illegalOpcode(op, start) }
#if WISP_NO_TAIL_CALLS
            throw noTailCalls(start)
#else
            let index = try reader.readU32()
            if op == 0x12 { return .returnCall(index) }
            return .returnCallIndirect(typeIndex: index, tableIndex: try reader.readU32())
#endif
#if !WISP_NO_FUNCTION_REFERENCES
        case 0x14, 0x15:
            guard features.contains(.functionReferences), op == 0x14 || features.contains(.tailCall) else {
                throw illegalOpcode(op, start)
            }
#if WISP_NO_TAIL_CALLS
            if op == 0x15 { throw noTailCalls(start) }
#endif
            let index = try reader.readU32()
            return op == 0x14 ? .callRef(index) : .returnCallRef(index)
#endif
        case 0x1A: return .drop
        case 0x1B: return .select
        case 0x1C:
            guard features.contains(.referenceTypes) else { throw illegalOpcode(op, start) }
            let countAt = reader.offset
            let count = try reader.readCount()
            var first: ValueType?
            for _ in 0..<count {
                let t = try reader.readValueType(features)
                if first == nil { first = t }
            }
            guard count == 1, let type = first else {
                throw FormatError(.invalid, "invalid result arity", offset: countAt)
            }
            return .selectTyped(type)
        case 0x20: return .localGet(try reader.readU32())
        case 0x21: return .localSet(try reader.readU32())
        case 0x22: return .localTee(try reader.readU32())
        case 0x23: return .globalGet(try reader.readU32())
        case 0x24: return .globalSet(try reader.readU32())
        case 0x25:
            guard features.contains(.referenceTypes) else { throw illegalOpcode(op, start) }
            return .tableGet(try reader.readU32())
        case 0x26:
            guard features.contains(.referenceTypes) else { throw illegalOpcode(op, start) }
            return .tableSet(try reader.readU32())
        case 0x28...0x35:
            return .load(LoadOp(rawValue: op).unsafelyUnwrapped, try readMemArg())
        case 0x36...0x3E:
            return .store(StoreOp(rawValue: op).unsafelyUnwrapped, try readMemArg())
        case 0x3F:
            return .memorySize(try readMemoryIndex())
        case 0x40:
            return .memoryGrow(try readMemoryIndex())
        case 0x41: return .i32Const(try reader.readS32())
        case 0x42: return .i64Const(try reader.readS64())
        case 0x43: return .f32Const(try reader.readFixedU32())
        case 0x44: return .f64Const(try reader.readFixedU64())
        case 0x45...0xBF:
            return .numeric(NumericOp(rawValue: UInt16(op)).unsafelyUnwrapped)
        case 0xC0...0xC4:
            guard features.contains(.signExtension) else { throw illegalOpcode(op, start) }
            return .numeric(NumericOp(rawValue: UInt16(op)).unsafelyUnwrapped)
        case 0xD0:
            guard features.contains(.referenceTypes) else { throw illegalOpcode(op, start) }
            return .refNull(try reader.readNullType(features))
        case 0xD1:
            guard features.contains(.referenceTypes) else { throw illegalOpcode(op, start) }
            return .refIsNull
        case 0xD2:
            guard features.contains(.referenceTypes) else { throw illegalOpcode(op, start) }
            return .refFunc(try reader.readU32())
#if !WISP_NO_FUNCTION_REFERENCES
        case 0xD4...0xD6:
            guard features.contains(.functionReferences) else { throw illegalOpcode(op, start) }
            if op == 0xD4 { return .refAsNonNull }
            let label = try reader.readU32()
            return op == 0xD5 ? .brOnNull(label) : .brOnNonNull(label)
#endif
        case 0xFC: return try readPrefixFC(start)
        case 0xFD:
            guard features.contains(.simd) else { throw illegalOpcode(op, start) }
#if WISP_NO_SIMD
            throw noSIMD(start)
#else
            return try readPrefixFD(start)
#endif
        default:
            throw illegalOpcode(op, start)
        }
    }

#if !WISP_NO_EXCEPTIONS
    /// `try_table`'s block type and catch clauses (out of line: `read` is on every decoding path).
    @inline(never)
    mutating func readTryTable() throws(FormatError) -> Instruction {
        let bt = try readBlockType()
        let count = try reader.readCount()
        var catches: [Catch] = []
        catches.reserveCapacity(count)
        for _ in 0..<count {
            let kindAt = reader.offset
            guard let kind = Catch.Kind(rawValue: try reader.readByte()) else {
                throw malformed("malformed catch clause", kindAt)
            }
            let tag = kind == .tag || kind == .tagRef ? try reader.readU32() : 0
            catches.append(Catch(kind: kind, tag: tag, label: try reader.readU32()))
        }
        return .tryTable(bt, catches: catches)
    }
#endif

#if hasFeature(Embedded)
    @inline(never)
    func illegalOpcode(_ op: UInt8, _ at: Int) -> FormatError {
        malformed("illegal opcode " + hexString(UInt32(op)), at)
    }

    @inline(never)
    func illegalOpcode(prefix: UInt8, _ code: UInt32, _ at: Int) -> FormatError {
        malformed("illegal opcode " + hexString(UInt32(prefix)) + " " + String(code), at)
    }
#else
    /// "illegal opcode 0x..", naming the proposal when the opcode is one of a disabled proposal's.
    @inline(never)
    func illegalOpcode(_ op: UInt8, _ at: Int) -> FormatError {
        let text = "illegal opcode " + hexString(UInt32(op))
        let needs: Features
        switch op {
        case 0x08, 0x0A, 0x1F: needs = .exceptionHandling
        case 0x12, 0x13: needs = .tailCall
        case 0x14, 0xD4...0xD6: needs = .functionReferences
        case 0x15: needs = features.contains(.functionReferences) ? .tailCall : .functionReferences
        case 0x1C, 0x25, 0x26, 0xD0...0xD2: needs = .referenceTypes
        case 0xC0...0xC4: needs = .signExtension
        case 0xFD: needs = .simd
        default: return malformed(text, at)
        }
        return features.contains(needs) ? malformed(text, at) : featureDisabled(text, needs, at)
    }

    @inline(never)
    func illegalOpcode(prefix: UInt8, _ code: UInt32, _ at: Int) -> FormatError {
        let text = "illegal opcode " + hexString(UInt32(prefix)) + " " + String(code)
        let needs: Features
        switch code {
        case 0...7: needs = .saturatingFloatToInt
        case 8...14: needs = .bulkMemory
        case 15...17: needs = .referenceTypes
        default: return malformed(text, at)
        }
        return prefix != 0xFC || features.contains(needs) ? malformed(text, at) : featureDisabled(text, needs, at)
    }
#endif

    /// The reserved memory-index byte of `memory.size` and friends: exactly one 0x00 byte
    /// (a multi-byte LEB128 zero is rejected too).
    @inlinable
    mutating func readZeroByte() throws(FormatError) {
        let at = reader.offset
        if try reader.readByte() != 0 { throw malformed("zero byte expected", at) }
    }

    /// A block type: 0x40 (empty), a single value type byte, or a non-negative s33 type index.
    mutating func readBlockType() throws(FormatError) -> BlockType {
        let at = reader.offset
        guard let b = reader.peekByte() else { throw reader.unexpectedEnd(at) }
        if b == 0x40 {
            reader.offset += 1
            return .empty
        }
        if b & 0xC0 == 0x40 {
            return .value(try reader.readValueType(features))
        }
        guard features.contains(.multiValue) else { throw featureDisabled("malformed block type", .multiValue, at) }
        let index = try reader.readSigned(bits: 33)
        guard index >= 0 else { throw malformed("malformed block type", at) }
        return .typeIndex(UInt32(index))
    }

    /// A memory immediate: alignment exponent (must be below 32) and a `u32` offset; with
    /// multi-memory, flags below 128 whose bit 6 says a memory index follows (the exponent is
    /// the low six bits); with memory64, a `u64` offset (validation bounds it for 32-bit memories).
    @inlinable
    mutating func readMemArg() throws(FormatError) -> MemArg {
        let at = reader.offset
        var align = try reader.readU32()
        var memory: UInt32 = 0
        if features.hasMultiMemory {
            if align >= 0x80 { throw malformed("malformed memop flags", at) }
            if align & 0x40 != 0 { memory = try reader.readU32() }
            align &= 0x3F
        } else if align >= 32 {
            throw malformed("malformed memop flags", at)
        }
        let offset = features.hasMemory64 ? try reader.readU64() : UInt64(try reader.readU32())
        return MemArg(align: align, offset: offset, memory: memory)
    }

    /// The memory index of `memory.size` and friends: with multi-memory a `u32`, else the
    /// reserved zero byte.
    @inlinable
    mutating func readMemoryIndex() throws(FormatError) -> UInt32 {
        if features.hasMultiMemory { return try reader.readU32() }
        try readZeroByte()
        return 0
    }

    mutating func readPrefixFC(_ start: Int) throws(FormatError) -> Instruction {
        let code = try reader.readU32()
        switch code {
        case 0...7:
            guard features.contains(.saturatingFloatToInt) else { break }
            return .numeric(NumericOp(rawValue: 0xFC00 + UInt16(code)).unsafelyUnwrapped)
        case 8:
            guard features.contains(.bulkMemory) else { break }
            let data = try reader.readU32()
            return .memoryInit(data: data, memory: try readMemoryIndex())
        case 9:
            guard features.contains(.bulkMemory) else { break }
            return .dataDrop(try reader.readU32())
        case 10:
            guard features.contains(.bulkMemory) else { break }
            let dst = try readMemoryIndex()
            return .memoryCopy(dst: dst, src: try readMemoryIndex())
        case 11:
            guard features.contains(.bulkMemory) else { break }
            return .memoryFill(try readMemoryIndex())
        case 12:
            guard features.contains(.bulkMemory) else { break }
            let elem = try reader.readU32()
            let table = try reader.readU32()
            return .tableInit(elem: elem, table: table)
        case 13:
            guard features.contains(.bulkMemory) else { break }
            return .elemDrop(try reader.readU32())
        case 14:
            guard features.contains(.bulkMemory) else { break }
            let dst = try reader.readU32()
            let src = try reader.readU32()
            return .tableCopy(dst: dst, src: src)
        case 15:
            guard features.contains(.referenceTypes) else { break }
            return .tableGrow(try reader.readU32())
        case 16:
            guard features.contains(.referenceTypes) else { break }
            return .tableSize(try reader.readU32())
        case 17:
            guard features.contains(.referenceTypes) else { break }
            return .tableFill(try reader.readU32())
        case 19...22:
#if WISP_NO_WIDE_ARITHMETIC
            break  // a build without it (firmware) has no such opcodes: "illegal opcode 0xfc 19"
#else
            guard features.contains(.wideArithmetic) else { throw featureDisabled("illegal opcode 0xfc " + String(code), .wideArithmetic, start) }
            return .wideArithmetic(WideArithmeticOp(rawValue: UInt8(code)).unsafelyUnwrapped)
#endif
        default:
            break
        }
        throw illegalOpcode(prefix: 0xFC, code, start)
    }

    mutating func readPrefixFD(_ start: Int) throws(FormatError) -> Instruction {
        let code = try reader.readU32()
        switch code {
        case 0...10, 92, 93:
            return .v128Load(SIMDLoadOp(rawValue: UInt8(code)).unsafelyUnwrapped, try readMemArg())
        case 11:
            return .v128Store(try readMemArg())
        case 12:
            let lo = try reader.readFixedU64()
            let hi = try reader.readFixedU64()
            return .v128Const(V128(lo: lo, hi: hi))
        case 13:
            let lo = try reader.readFixedU64()
            let hi = try reader.readFixedU64()
            return .i8x16Shuffle(V128(lo: lo, hi: hi))
        case 21...34:
            let op = SIMDLaneOp(rawValue: UInt8(code)).unsafelyUnwrapped
            return .simdLane(op, lane: try reader.readByte())
        case 84...91:
            let width: SIMDLaneWidth
            switch code & 3 {
            case 0: width = .b8
            case 1: width = .b16
            case 2: width = .b32
            default: width = .b64
            }
            let memarg = try readMemArg()
            let lane = try reader.readByte()
            return code < 88 ? .v128LoadLane(width, memarg, lane: lane) : .v128StoreLane(width, memarg, lane: lane)
        case 256...275:
            // Relaxed SIMD (Wasm 3.0), run with the deterministic profile's results (SIMDOps.swift).
            guard features.contains(.relaxedSIMD) else { throw featureDisabled("illegal opcode 0xfd " + String(code), .relaxedSIMD, start) }
            if let op = SIMDOp(code: code) { return .simd(op) }
        default:
            if let op = SIMDOp(code: code) { return .simd(op) }
        }
        throw illegalOpcode(prefix: 0xFD, code, start)
    }
}
