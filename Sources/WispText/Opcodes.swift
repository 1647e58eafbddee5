// The instruction names of the text format and how each is encoded (spec: binary/instructions).

enum Imm: UInt8 {
    case none, block, loop, if_, tryTable, label, brTable, funcIdx, callIndirect, typeIdx, local, global
    case table, tableCopy, tableInit, elemDrop, memarg, memargLane, memory, memoryCopy, memoryInit, dataDrop
    case i32, i64, f32, f64, v128, refNull, select, lane, shuffle, tag, fence
    // GC
    case typeField, typeTypeIdx, typeData, typeElem, heapType, castBr, brOnCast
}

struct OpInfo {
    /// 0 for one-byte opcodes, else the prefix byte (0xFB, 0xFC, 0xFD, 0xFE).
    var prefix: UInt8
    var code: UInt32
    var imm: Imm
    /// log2 of the natural alignment for memory instructions.
    var align: UInt8
}

/// Open-addressing hash table from names (bytes) to `OpInfo`; no Dictionary<String, ...> so
/// lookups work on slices of the source without building Strings.
struct OpTable {
    var names: [[UInt8]] = []
    var infos: [OpInfo] = []
    var slots: [Int32]
    let mask: Int

    init(capacity: Int) {
        var n = 1
        while n < capacity * 2 { n <<= 1 }
        slots = Array(repeating: -1, count: n)
        mask = n - 1
    }

    static func hash(_ s: ArraySlice<UInt8>) -> Int {
        var h: UInt64 = 0xcbf29ce484222325
        for c in s { h = (h ^ UInt64(c)) &* 0x100000001b3 }
        return Int(truncatingIfNeeded: h >> 7)
    }

    mutating func add(_ name: String, _ info: OpInfo) {
        let bytes = Array(name.utf8)
        var h = OpTable.hash(bytes[...]) & mask
        while slots[h] >= 0 { h = (h + 1) & mask }
        slots[h] = Int32(names.count)
        names.append(bytes)
        infos.append(info)
    }

    func find(_ s: ArraySlice<UInt8>) -> OpInfo? {
        var h = OpTable.hash(s) & mask
        while true {
            let k = slots[h]
            if k < 0 { return nil }
            if names[Int(k)].elementsEqual(s) { return infos[Int(k)] }
            h = (h + 1) & mask
        }
    }
}

let opTable: OpTable = buildOpTable()

private func buildOpTable() -> OpTable {
    var t = OpTable(capacity: 700)
    // `Imm?` rather than a default of `.none`: Embedded Swift rejects an internal case as a default argument.
    func op(_ name: String, _ code: UInt32, _ imm: Imm? = nil, prefix: UInt8 = 0, align: UInt8 = 0) {
        t.add(name, OpInfo(prefix: prefix, code: code, imm: imm ?? .none, align: align))
    }
    /// Names with consecutive opcodes from `first`; "-" skips one.
    func seq(_ first: UInt32, _ names: String, _ imm: Imm? = nil, prefix: UInt8 = 0) {
        var code = first
        for n in names.split(separator: " ") {
            if n != "-" { op(String(n), code, imm, prefix: prefix) }
            code += 1
        }
    }
    op("unreachable", 0x00); op("nop", 0x01)
    op("block", 0x02, .block); op("loop", 0x03, .loop); op("if", 0x04, .if_)
    op("throw", 0x08, .tag); op("throw_ref", 0x0A)
    op("br", 0x0C, .label); op("br_if", 0x0D, .label); op("br_table", 0x0E, .brTable); op("return", 0x0F)
    op("call", 0x10, .funcIdx); op("call_indirect", 0x11, .callIndirect)
    op("return_call", 0x12, .funcIdx); op("return_call_indirect", 0x13, .callIndirect)
    op("call_ref", 0x14, .typeIdx); op("return_call_ref", 0x15, .typeIdx)
    op("drop", 0x1A); op("select", 0x1B, .select); op("try_table", 0x1F, .tryTable)
    op("local.get", 0x20, .local); op("local.set", 0x21, .local); op("local.tee", 0x22, .local)
    op("global.get", 0x23, .global); op("global.set", 0x24, .global)
    op("table.get", 0x25, .table); op("table.set", 0x26, .table)
    let mem: [(String, UInt8)] = [
        ("i32.load", 2), ("i64.load", 3), ("f32.load", 2), ("f64.load", 3), ("i32.load8_s", 0), ("i32.load8_u", 0),
        ("i32.load16_s", 1), ("i32.load16_u", 1), ("i64.load8_s", 0), ("i64.load8_u", 0), ("i64.load16_s", 1),
        ("i64.load16_u", 1), ("i64.load32_s", 2), ("i64.load32_u", 2), ("i32.store", 2), ("i64.store", 3),
        ("f32.store", 2), ("f64.store", 3), ("i32.store8", 0), ("i32.store16", 1), ("i64.store8", 0),
        ("i64.store16", 1), ("i64.store32", 2),
    ]
    for (k, m) in mem.enumerated() { op(m.0, 0x28 + UInt32(k), .memarg, align: m.1) }
    op("memory.size", 0x3F, .memory); op("memory.grow", 0x40, .memory)
    op("i32.const", 0x41, .i32); op("i64.const", 0x42, .i64); op("f32.const", 0x43, .f32); op("f64.const", 0x44, .f64)
    seq(0x45, "i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u")
    seq(0x50, "i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u")
    seq(0x5B, "f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge")
    seq(0x67, "i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr")
    seq(0x79, "i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr")
    seq(0x8B, "f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt f32.add f32.sub f32.mul f32.div f32.min f32.max f32.copysign")
    seq(0x99, "f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt f64.add f64.sub f64.mul f64.div f64.min f64.max f64.copysign")
    seq(0xA7, "i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u i64.extend_i32_s i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64 f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32 i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64")
    seq(0xC0, "i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s")
    op("ref.null", 0xD0, .refNull); op("ref.is_null", 0xD1); op("ref.func", 0xD2, .funcIdx); op("ref.eq", 0xD3)
    op("ref.as_non_null", 0xD4); op("br_on_null", 0xD5, .label); op("br_on_non_null", 0xD6, .label)

    // 0xFC: saturating truncation, bulk memory, tables, wide arithmetic.
    seq(0, "i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u", prefix: 0xFC)
    op("memory.init", 8, .memoryInit, prefix: 0xFC); op("data.drop", 9, .dataDrop, prefix: 0xFC)
    op("memory.copy", 10, .memoryCopy, prefix: 0xFC); op("memory.fill", 11, .memory, prefix: 0xFC)
    op("table.init", 12, .tableInit, prefix: 0xFC); op("elem.drop", 13, .elemDrop, prefix: 0xFC)
    op("table.copy", 14, .tableCopy, prefix: 0xFC); op("table.grow", 15, .table, prefix: 0xFC)
    op("table.size", 16, .table, prefix: 0xFC); op("table.fill", 17, .table, prefix: 0xFC)
    seq(19, "i64.add128 i64.sub128 i64.mul_wide_s i64.mul_wide_u", prefix: 0xFC)

    // 0xFD: SIMD.
    let simdMem: [(String, UInt32, UInt8)] = [
        ("v128.load", 0, 4), ("v128.load8x8_s", 1, 3), ("v128.load8x8_u", 2, 3), ("v128.load16x4_s", 3, 3),
        ("v128.load16x4_u", 4, 3), ("v128.load32x2_s", 5, 3), ("v128.load32x2_u", 6, 3), ("v128.load8_splat", 7, 0),
        ("v128.load16_splat", 8, 1), ("v128.load32_splat", 9, 2), ("v128.load64_splat", 10, 3), ("v128.store", 11, 4),
        ("v128.load32_zero", 92, 2), ("v128.load64_zero", 93, 3),
    ]
    for m in simdMem { op(m.0, m.1, .memarg, prefix: 0xFD, align: m.2) }
    let simdLaneMem: [(String, UInt32, UInt8)] = [
        ("v128.load8_lane", 84, 0), ("v128.load16_lane", 85, 1), ("v128.load32_lane", 86, 2), ("v128.load64_lane", 87, 3),
        ("v128.store8_lane", 88, 0), ("v128.store16_lane", 89, 1), ("v128.store32_lane", 90, 2), ("v128.store64_lane", 91, 3),
    ]
    for m in simdLaneMem { op(m.0, m.1, .memargLane, prefix: 0xFD, align: m.2) }
    op("v128.const", 12, .v128, prefix: 0xFD); op("i8x16.shuffle", 13, .shuffle, prefix: 0xFD)
    seq(14, "i8x16.swizzle i8x16.splat i16x8.splat i32x4.splat i64x2.splat f32x4.splat f64x2.splat", prefix: 0xFD)
    seq(21, "i8x16.extract_lane_s i8x16.extract_lane_u i8x16.replace_lane i16x8.extract_lane_s i16x8.extract_lane_u i16x8.replace_lane i32x4.extract_lane i32x4.replace_lane i64x2.extract_lane i64x2.replace_lane f32x4.extract_lane f32x4.replace_lane f64x2.extract_lane f64x2.replace_lane", .lane, prefix: 0xFD)
    seq(35, "i8x16.eq i8x16.ne i8x16.lt_s i8x16.lt_u i8x16.gt_s i8x16.gt_u i8x16.le_s i8x16.le_u i8x16.ge_s i8x16.ge_u", prefix: 0xFD)
    seq(45, "i16x8.eq i16x8.ne i16x8.lt_s i16x8.lt_u i16x8.gt_s i16x8.gt_u i16x8.le_s i16x8.le_u i16x8.ge_s i16x8.ge_u", prefix: 0xFD)
    seq(55, "i32x4.eq i32x4.ne i32x4.lt_s i32x4.lt_u i32x4.gt_s i32x4.gt_u i32x4.le_s i32x4.le_u i32x4.ge_s i32x4.ge_u", prefix: 0xFD)
    seq(65, "f32x4.eq f32x4.ne f32x4.lt f32x4.gt f32x4.le f32x4.ge f64x2.eq f64x2.ne f64x2.lt f64x2.gt f64x2.le f64x2.ge", prefix: 0xFD)
    seq(77, "v128.not v128.and v128.andnot v128.or v128.xor v128.bitselect v128.any_true", prefix: 0xFD)
    seq(94, "f32x4.demote_f64x2_zero f64x2.promote_low_f32x4", prefix: 0xFD)
    seq(96, "i8x16.abs i8x16.neg i8x16.popcnt i8x16.all_true i8x16.bitmask i8x16.narrow_i16x8_s i8x16.narrow_i16x8_u f32x4.ceil f32x4.floor f32x4.trunc f32x4.nearest i8x16.shl i8x16.shr_s i8x16.shr_u i8x16.add i8x16.add_sat_s i8x16.add_sat_u i8x16.sub i8x16.sub_sat_s i8x16.sub_sat_u f64x2.ceil f64x2.floor i8x16.min_s i8x16.min_u i8x16.max_s i8x16.max_u f64x2.trunc i8x16.avgr_u i16x8.extadd_pairwise_i8x16_s i16x8.extadd_pairwise_i8x16_u i32x4.extadd_pairwise_i16x8_s i32x4.extadd_pairwise_i16x8_u", prefix: 0xFD)
    seq(128, "i16x8.abs i16x8.neg i16x8.q15mulr_sat_s i16x8.all_true i16x8.bitmask i16x8.narrow_i32x4_s i16x8.narrow_i32x4_u i16x8.extend_low_i8x16_s i16x8.extend_high_i8x16_s i16x8.extend_low_i8x16_u i16x8.extend_high_i8x16_u i16x8.shl i16x8.shr_s i16x8.shr_u i16x8.add i16x8.add_sat_s i16x8.add_sat_u i16x8.sub i16x8.sub_sat_s i16x8.sub_sat_u f64x2.nearest i16x8.mul i16x8.min_s i16x8.min_u i16x8.max_s i16x8.max_u - i16x8.avgr_u i16x8.extmul_low_i8x16_s i16x8.extmul_high_i8x16_s i16x8.extmul_low_i8x16_u i16x8.extmul_high_i8x16_u", prefix: 0xFD)
    seq(160, "i32x4.abs i32x4.neg - i32x4.all_true i32x4.bitmask - - i32x4.extend_low_i16x8_s i32x4.extend_high_i16x8_s i32x4.extend_low_i16x8_u i32x4.extend_high_i16x8_u i32x4.shl i32x4.shr_s i32x4.shr_u i32x4.add - - i32x4.sub - - - i32x4.mul i32x4.min_s i32x4.min_u i32x4.max_s i32x4.max_u i32x4.dot_i16x8_s - i32x4.extmul_low_i16x8_s i32x4.extmul_high_i16x8_s i32x4.extmul_low_i16x8_u i32x4.extmul_high_i16x8_u", prefix: 0xFD)
    seq(192, "i64x2.abs i64x2.neg - i64x2.all_true i64x2.bitmask - - i64x2.extend_low_i32x4_s i64x2.extend_high_i32x4_s i64x2.extend_low_i32x4_u i64x2.extend_high_i32x4_u i64x2.shl i64x2.shr_s i64x2.shr_u i64x2.add - - i64x2.sub - - - i64x2.mul i64x2.eq i64x2.ne i64x2.lt_s i64x2.gt_s i64x2.le_s i64x2.ge_s i64x2.extmul_low_i32x4_s i64x2.extmul_high_i32x4_s i64x2.extmul_low_i32x4_u i64x2.extmul_high_i32x4_u", prefix: 0xFD)
    seq(224, "f32x4.abs f32x4.neg - f32x4.sqrt f32x4.add f32x4.sub f32x4.mul f32x4.div f32x4.min f32x4.max f32x4.pmin f32x4.pmax f64x2.abs f64x2.neg - f64x2.sqrt f64x2.add f64x2.sub f64x2.mul f64x2.div f64x2.min f64x2.max f64x2.pmin f64x2.pmax", prefix: 0xFD)
    seq(248, "i32x4.trunc_sat_f32x4_s i32x4.trunc_sat_f32x4_u f32x4.convert_i32x4_s f32x4.convert_i32x4_u i32x4.trunc_sat_f64x2_s_zero i32x4.trunc_sat_f64x2_u_zero f64x2.convert_low_i32x4_s f64x2.convert_low_i32x4_u", prefix: 0xFD)
    // Relaxed SIMD.
    seq(0x100, "i8x16.relaxed_swizzle i32x4.relaxed_trunc_f32x4_s i32x4.relaxed_trunc_f32x4_u i32x4.relaxed_trunc_f64x2_s_zero i32x4.relaxed_trunc_f64x2_u_zero f32x4.relaxed_madd f32x4.relaxed_nmadd f64x2.relaxed_madd f64x2.relaxed_nmadd i8x16.relaxed_laneselect i16x8.relaxed_laneselect i32x4.relaxed_laneselect i64x2.relaxed_laneselect f32x4.relaxed_min f32x4.relaxed_max f64x2.relaxed_min f64x2.relaxed_max i16x8.relaxed_q15mulr_s i16x8.relaxed_dot_i8x16_i7x16_s i32x4.relaxed_dot_i8x16_i7x16_add_s", prefix: 0xFD)

    // 0xFE: threads.
    op("memory.atomic.notify", 0x00, .memarg, prefix: 0xFE, align: 2)
    op("memory.atomic.wait32", 0x01, .memarg, prefix: 0xFE, align: 2)
    op("memory.atomic.wait64", 0x02, .memarg, prefix: 0xFE, align: 3)
    op("atomic.fence", 0x03, .fence, prefix: 0xFE)
    let atomicLS: [(String, UInt8)] = [
        ("i32.atomic.load", 2), ("i64.atomic.load", 3), ("i32.atomic.load8_u", 0), ("i32.atomic.load16_u", 1),
        ("i64.atomic.load8_u", 0), ("i64.atomic.load16_u", 1), ("i64.atomic.load32_u", 2),
        ("i32.atomic.store", 2), ("i64.atomic.store", 3), ("i32.atomic.store8", 0), ("i32.atomic.store16", 1),
        ("i64.atomic.store8", 0), ("i64.atomic.store16", 1), ("i64.atomic.store32", 2),
    ]
    for (k, m) in atomicLS.enumerated() { op(m.0, 0x10 + UInt32(k), .memarg, prefix: 0xFE, align: m.1) }
    var code: UInt32 = 0x1E
    for rmw in ["add", "sub", "and", "or", "xor", "xchg", "cmpxchg"] {
        let forms: [(String, UInt8)] = [
            ("i32.atomic.rmw." + rmw, 2), ("i64.atomic.rmw." + rmw, 3), ("i32.atomic.rmw8." + rmw + "_u", 0),
            ("i32.atomic.rmw16." + rmw + "_u", 1), ("i64.atomic.rmw8." + rmw + "_u", 0), ("i64.atomic.rmw16." + rmw + "_u", 1),
            ("i64.atomic.rmw32." + rmw + "_u", 2),
        ]
        for f in forms { op(f.0, code, .memarg, prefix: 0xFE, align: f.1); code += 1 }
    }

    // 0xFB: GC.
    op("struct.new", 0, .typeIdx, prefix: 0xFB); op("struct.new_default", 1, .typeIdx, prefix: 0xFB)
    op("struct.get", 2, .typeField, prefix: 0xFB); op("struct.get_s", 3, .typeField, prefix: 0xFB)
    op("struct.get_u", 4, .typeField, prefix: 0xFB); op("struct.set", 5, .typeField, prefix: 0xFB)
    op("array.new", 6, .typeIdx, prefix: 0xFB); op("array.new_default", 7, .typeIdx, prefix: 0xFB)
    op("array.new_fixed", 8, .typeField, prefix: 0xFB); op("array.new_data", 9, .typeData, prefix: 0xFB)
    op("array.new_elem", 10, .typeElem, prefix: 0xFB); op("array.get", 11, .typeIdx, prefix: 0xFB)
    op("array.get_s", 12, .typeIdx, prefix: 0xFB); op("array.get_u", 13, .typeIdx, prefix: 0xFB)
    op("array.set", 14, .typeIdx, prefix: 0xFB); op("array.len", 15, prefix: 0xFB)
    op("array.fill", 16, .typeIdx, prefix: 0xFB); op("array.copy", 17, .typeTypeIdx, prefix: 0xFB)
    op("array.init_data", 18, .typeData, prefix: 0xFB); op("array.init_elem", 19, .typeElem, prefix: 0xFB)
    op("ref.test", 20, .heapType, prefix: 0xFB); op("ref.cast", 22, .heapType, prefix: 0xFB)
    op("br_on_cast", 24, .brOnCast, prefix: 0xFB); op("br_on_cast_fail", 25, .brOnCast, prefix: 0xFB)
    op("any.convert_extern", 26, prefix: 0xFB); op("extern.convert_any", 27, prefix: 0xFB)
    op("ref.i31", 28, prefix: 0xFB); op("i31.get_s", 29, prefix: 0xFB); op("i31.get_u", 30, prefix: 0xFB)
    return t
}
