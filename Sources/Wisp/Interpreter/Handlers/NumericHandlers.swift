// The bodies of the instructions of category `numeric` in ISA/instructions.isa: numeric operators: plain, with an immediate operand, and their accumulator families.
// Each is an `@inline(__always)` method `op_NAME` of VMState taking the interpreter's registers
// inout; the generated Dispatch.swift exports it as `wisp_op_NAME` for its C handler, which
// inlines it (see HandlerSupport.swift). Word layouts are in the table.

import Synchronization
import WispDispatch

extension VMState {
    @inline(__always)
    mutating func op_i32AddI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(x &+ y), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32AddI2(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w1 = pc[1], w2 = pc[2]
        fp[hi32(pc[0])] = u32(slot32(fp, lo32(w1)) &+ UInt32(truncatingIfNeeded: w1 >> 32))
        fp[hi32(w2)] = u32(slot32(fp, lo32(w2)) &+ UInt32(truncatingIfNeeded: pc[3]))
        pc += 4
        return 0
    }

    /// The f64 operators with a constant operand ([op|dst] [a] [k]): `f` gets the operand `x`
    /// and the constant `k`, and each form passes them in its source order.
    @inline(__always)
    func f64WithConstant(_ pc: inout Code, _ fp: Slots, _ acc: inout UInt64, _ mode: UInt32,
                         _ f: (_ x: Double, _ k: Double) -> Double) -> UInt {
        result(f(Double(bitPattern: lhs(fp, pc[1], acc, mode)), Double(bitPattern: pc[2])).bitPattern, pc, fp, &acc, mode)
        pc += 3
        return 0
    }

    @inline(__always)
    mutating func op_f64AddK(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in x + k }
    }

    @inline(__always)
    mutating func op_f64AddKL(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in k + x }
    }

    @inline(__always)
    mutating func op_f64SubK(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in x - k }
    }

    @inline(__always)
    mutating func op_f64SubKL(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in k - x }
    }

    @inline(__always)
    mutating func op_f64MulK(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in x * k }
    }

    @inline(__always)
    mutating func op_f64MulKL(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in k * x }
    }

    @inline(__always)
    mutating func op_f64DivK(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in x / k }
    }

    @inline(__always)
    mutating func op_f64DivKL(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        f64WithConstant(&pc, fp, &acc, mode) { x, k in k / x }
    }

    @inline(__always)
    mutating func op_i32MulI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(x &* y), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32AndI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(x & y), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32OrI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(x | y), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32XorI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(x ^ y), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32ShlI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(x << (y & 31)), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32ShrSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(UInt32(bitPattern: Int32(bitPattern: x) >> (y & 31))), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32ShrUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs32(fp, w, acc, mode), y = UInt32(truncatingIfNeeded: w >> 32); result(u32(x >> (y & 31)), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32EqI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x == y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32NeI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x != y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32LtSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(Int32(bitPattern: x) < Int32(bitPattern: y)); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32LtUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x < y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32GtSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(Int32(bitPattern: x) > Int32(bitPattern: y)); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32GtUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x > y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32LeSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(Int32(bitPattern: x) <= Int32(bitPattern: y)); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32LeUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x <= y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32GeSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(Int32(bitPattern: x) >= Int32(bitPattern: y)); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32GeUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = slot32(fp, lo32(w)), y = UInt32(truncatingIfNeeded: w >> 32); fp[a] = bool(x >= y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64AddI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs(fp, w, acc, mode), y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); result(x &+ y, pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64SubI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = x &- y; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64AndI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs(fp, w, acc, mode), y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); result(x & y, pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64XorI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs(fp, w, acc, mode), y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); result(x ^ y, pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64ShlI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs(fp, w, acc, mode), y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); result(x << (y & 63), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64ShrSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs(fp, w, acc, mode), y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); result(UInt64(bitPattern: Int64(bitPattern: x) >> (y & 63)), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64ShrUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; let x = lhs(fp, w, acc, mode), y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); result(x >> (y & 63), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64EqI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x == y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64NeI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x != y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64LtSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(Int64(bitPattern: x) < Int64(bitPattern: y)); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64LtUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x < y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64GtSI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(Int64(bitPattern: x) > Int64(bitPattern: y)); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64GtUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x > y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64LeUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x <= y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64GeUI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; let x = fp[lo32(w)], y = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: w >> 32))); fp[a] = bool(x >= y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32Eqz(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = bool(slot32(fp, lo32(pc[1])) == 0); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32Eq(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) == slot32(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32Ne(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) != slot32(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32LtS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int32(bitPattern: slot32(fp, lo32(w))) < Int32(bitPattern: slot32(fp, hi32(w)))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32LtU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) < slot32(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32GtS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int32(bitPattern: slot32(fp, lo32(w))) > Int32(bitPattern: slot32(fp, hi32(w)))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32GtU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) > slot32(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32LeS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int32(bitPattern: slot32(fp, lo32(w))) <= Int32(bitPattern: slot32(fp, hi32(w)))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32LeU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) <= slot32(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32GeS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int32(bitPattern: slot32(fp, lo32(w))) >= Int32(bitPattern: slot32(fp, hi32(w)))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32GeU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(slot32(fp, lo32(w)) >= slot32(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64Eqz(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = bool(fp[lo32(pc[1])] == 0); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64Eq(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(fp[lo32(w)] == fp[hi32(w)]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64Ne(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(fp[lo32(w)] != fp[hi32(w)]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64LtS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int64(bitPattern: fp[lo32(w)]) < Int64(bitPattern: fp[hi32(w)])); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64LtU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(fp[lo32(w)] < fp[hi32(w)]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64GtS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int64(bitPattern: fp[lo32(w)]) > Int64(bitPattern: fp[hi32(w)])); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64GtU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(fp[lo32(w)] > fp[hi32(w)]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64LeS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int64(bitPattern: fp[lo32(w)]) <= Int64(bitPattern: fp[hi32(w)])); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64LeU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(fp[lo32(w)] <= fp[hi32(w)]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64GeS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(Int64(bitPattern: fp[lo32(w)]) >= Int64(bitPattern: fp[hi32(w)])); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64GeU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(fp[lo32(w)] >= fp[hi32(w)]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Eq(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) == f32(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Ne(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) != f32(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Lt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) < f32(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Gt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) > f32(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Le(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) <= f32(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Ge(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f32(fp, lo32(w)) >= f32(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64Eq(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) == f64(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64Ne(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) != f64(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64Lt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) < f64(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64Gt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) > f64(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64Le(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) <= f64(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64Ge(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = bool(f64(fp, lo32(w)) >= f64(fp, hi32(w))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32Clz(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(slot32(fp, lo32(pc[1])).leadingZeroBitCount); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32Ctz(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(slot32(fp, lo32(pc[1])).trailingZeroBitCount); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32Popcnt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(slot32(fp, lo32(pc[1])).nonzeroBitCount); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: false) { x, y in u32(UInt32(truncatingIfNeeded: x) &+ UInt32(truncatingIfNeeded: y)) }
    }

    @inline(__always)
    mutating func op_i32Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: false) { x, y in u32(UInt32(truncatingIfNeeded: x) &- UInt32(truncatingIfNeeded: y)) }
    }

    @inline(__always)
    mutating func op_i32Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: false) { x, y in u32(UInt32(truncatingIfNeeded: x) &* UInt32(truncatingIfNeeded: y)) }
    }

    @inline(__always)
    mutating func op_i32DivS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let x = Int32(bitPattern: slot32(fp, lo32(w))), y = Int32(bitPattern: slot32(fp, hi32(w)))
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        if x == Int32.min && y == -1 { trap = .integerOverflow; return stop(pc, fp, fuel) }
        fp[a] = u32(UInt32(bitPattern: x / y)); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32DivU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let y = slot32(fp, hi32(w))
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        fp[a] = u32(slot32(fp, lo32(w)) / y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32RemS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let x = Int32(bitPattern: slot32(fp, lo32(w))), y = Int32(bitPattern: slot32(fp, hi32(w)))
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        fp[a] = y == -1 ? 0 : u32(UInt32(bitPattern: x % y)); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32RemU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let y = slot32(fp, hi32(w))
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        fp[a] = u32(slot32(fp, lo32(w)) % y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32And(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: false) { x, y in u32(UInt32(truncatingIfNeeded: x) & UInt32(truncatingIfNeeded: y)) }
    }

    @inline(__always)
    mutating func op_i32Or(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: false) { x, y in u32(UInt32(truncatingIfNeeded: x) | UInt32(truncatingIfNeeded: y)) }
    }

    @inline(__always)
    mutating func op_i32Xor(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: false) { x, y in u32(UInt32(truncatingIfNeeded: x) ^ UInt32(truncatingIfNeeded: y)) }
    }

    @inline(__always)
    mutating func op_i32Shl(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(u32(lhs32(fp, w, acc, mode) << (rhs32(fp, w, acc, mode) & 31)), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32ShrS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(u32(UInt32(bitPattern: Int32(bitPattern: lhs32(fp, w, acc, mode)) >> (rhs32(fp, w, acc, mode) & 31))), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32ShrU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(u32(lhs32(fp, w, acc, mode) >> (rhs32(fp, w, acc, mode) & 31)), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32Rotl(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(u32(rotl32(lhs32(fp, w, acc, mode), rhs32(fp, w, acc, mode))), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32Rotr(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = u32(rotr32(slot32(fp, lo32(w)), slot32(fp, hi32(w)))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64Clz(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(fp[lo32(pc[1])].leadingZeroBitCount); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64Ctz(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(fp[lo32(pc[1])].trailingZeroBitCount); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64Popcnt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(fp[lo32(pc[1])].nonzeroBitCount); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: true) { x, y in x &+ y }
    }

    @inline(__always)
    mutating func op_i64Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: true) { x, y in x &- y }
    }

    @inline(__always)
    mutating func op_i64Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(lhs(fp, w, acc, mode) &* rhs(fp, w, acc, mode), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64DivS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let x = Int64(bitPattern: fp[lo32(w)]), y = Int64(bitPattern: fp[hi32(w)])
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        if x == Int64.min && y == -1 { trap = .integerOverflow; return stop(pc, fp, fuel) }
        fp[a] = UInt64(bitPattern: x / y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64DivU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let y = fp[hi32(w)]
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        fp[a] = fp[lo32(w)] / y; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64RemS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let x = Int64(bitPattern: fp[lo32(w)]), y = Int64(bitPattern: fp[hi32(w)])
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        fp[a] = y == -1 ? 0 : UInt64(bitPattern: x % y); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64RemU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]
        let y = fp[hi32(w)]
        if y == 0 { trap = .integerDivideByZero; return stop(pc, fp, fuel) }
        fp[a] = fp[lo32(w)] % y; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64And(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(lhs(fp, w, acc, mode) & rhs(fp, w, acc, mode), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64Or(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(lhs(fp, w, acc, mode) | rhs(fp, w, acc, mode), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64Xor(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(lhs(fp, w, acc, mode) ^ rhs(fp, w, acc, mode), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64Shl(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(lhs(fp, w, acc, mode) << (rhs(fp, w, acc, mode) & 63), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64ShrS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(UInt64(bitPattern: Int64(bitPattern: lhs(fp, w, acc, mode)) >> (rhs(fp, w, acc, mode) & 63)), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64ShrU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(lhs(fp, w, acc, mode) >> (rhs(fp, w, acc, mode) & 63), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64Rotl(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = rotl64(fp[lo32(w)], fp[hi32(w)]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64Rotr(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = rotr64(fp[lo32(w)], fp[hi32(w)]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Abs(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])] & 0x7FFF_FFFF; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Neg(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = (fp[lo32(pc[1])] ^ 0x8000_0000) & 0xFFFF_FFFF; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Ceil(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(f32Ceil(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Floor(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(f32Floor(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Trunc(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(f32Trunc(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Nearest(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(f32Nearest(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Sqrt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(f32Sqrt(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(bits(Float(bitPattern: lhs32(fp, w, acc, mode)) + Float(bitPattern: rhs32(fp, w, acc, mode))), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(bits(Float(bitPattern: lhs32(fp, w, acc, mode)) - Float(bitPattern: rhs32(fp, w, acc, mode))), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(bits(Float(bitPattern: lhs32(fp, w, acc, mode)) * Float(bitPattern: rhs32(fp, w, acc, mode))), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Div(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(bits(Float(bitPattern: lhs32(fp, w, acc, mode)) / Float(bitPattern: rhs32(fp, w, acc, mode))), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Min(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = u32(f32Min(slot32(fp, lo32(w)), slot32(fp, hi32(w)))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Max(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = u32(f32Max(slot32(fp, lo32(w)), slot32(fp, hi32(w)))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32Copysign(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = (fp[lo32(w)] & 0x7FFF_FFFF) | (fp[hi32(w)] & 0x8000_0000); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64Abs(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])] & 0x7FFF_FFFF_FFFF_FFFF; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64Neg(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])] ^ 0x8000_0000_0000_0000; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64Ceil(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = f64Ceil(fp[lo32(pc[1])]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64Floor(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = f64Floor(fp[lo32(pc[1])]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64Trunc(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = f64Trunc(fp[lo32(pc[1])]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64Nearest(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = f64Nearest(fp[lo32(pc[1])]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64Sqrt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = f64Sqrt(fp[lo32(pc[1])]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64AddSt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryThenStore(&pc, fp, md, ms, fuel, &acc, mode) { x, y in (Double(bitPattern: x) + Double(bitPattern: y)).bitPattern }
    }

    @inline(__always)
    mutating func op_f64SubSt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryThenStore(&pc, fp, md, ms, fuel, &acc, mode) { x, y in (Double(bitPattern: x) - Double(bitPattern: y)).bitPattern }
    }

    @inline(__always)
    mutating func op_f64MulSt(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryThenStore(&pc, fp, md, ms, fuel, &acc, mode) { x, y in (Double(bitPattern: x) * Double(bitPattern: y)).bitPattern }
    }

    /// An f64 operator (in a D mode: its result in `acc`) and then the store64 of `acc` whose two
    /// words follow it, in one dispatch. A trap in the store stops at the store's words.
    @inline(__always)
    mutating func binaryThenStore(_ pc: inout Code, _ fp: Slots, _ md: UnsafeMutableRawPointer, _ ms: UInt64, _ fuel: UInt64,
                                  _ acc: inout UInt64, _ mode: UInt32, _ f: (_ x: UInt64, _ y: UInt64) -> UInt64) -> UInt {
        let r = binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: true, f)
        guard r == 0 else { return r }
        return store(8, &pc, fp, md, ms, fuel, acc, UInt32(AccumulatorMode.r), storeLE64)
    }

    @inline(__always)
    mutating func op_f64Add(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: true) { x, y in (Double(bitPattern: x) + Double(bitPattern: y)).bitPattern }
    }

    @inline(__always)
    mutating func op_f64Sub(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: true) { x, y in (Double(bitPattern: x) - Double(bitPattern: y)).bitPattern }
    }

    @inline(__always)
    mutating func op_f64Mul(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: true) { x, y in (Double(bitPattern: x) * Double(bitPattern: y)).bitPattern }
    }

    @inline(__always)
    mutating func op_f64Div(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        binaryMemory(&pc, fp, md, ms, fuel, &acc, mode, wide: true) { x, y in (Double(bitPattern: x) / Double(bitPattern: y)).bitPattern }
    }

    @inline(__always)
    mutating func op_f64Min(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = f64Min(fp[lo32(w)], fp[hi32(w)]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64Max(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = f64Max(fp[lo32(w)], fp[hi32(w)]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64Copysign(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = (fp[lo32(w)] & 0x7FFF_FFFF_FFFF_FFFF) | (fp[hi32(w)] & 0x8000_0000_0000_0000); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32WrapI64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])] & 0xFFFF_FFFF; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32TruncF32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i32TruncF32S(slot32(fp, lo32(pc[1]))), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32TruncF32U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i32TruncF32U(slot32(fp, lo32(pc[1]))), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32TruncF64S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i32TruncF64S(fp[lo32(pc[1])]), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32TruncF64U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i32TruncF64U(fp[lo32(pc[1])]), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64TruncF32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i64TruncF32S(slot32(fp, lo32(pc[1]))), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64TruncF32U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i64TruncF32U(slot32(fp, lo32(pc[1]))), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64TruncF64S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i64TruncF64S(fp[lo32(pc[1])]), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64TruncF64U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        if let t = truncated(i64TruncF64U(fp[lo32(pc[1])]), &fp[a]) { trap = t; return stop(pc, fp, fuel) }; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64ExtendI32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        result(UInt64(bitPattern: Int64(Int32(bitPattern: lhs32(fp, pc[1], acc, mode)))), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64ExtendI32U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        result(UInt64(lhs32(fp, pc[1], acc, mode)), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32ConvertI32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = bits(Float(Int32(bitPattern: slot32(fp, lo32(pc[1]))))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32ConvertI32U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = bits(Float(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32ConvertI64S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = bits(Float(Int64(bitPattern: fp[lo32(pc[1])]))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32ConvertI64U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = bits(Float(fp[lo32(pc[1])])); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32DemoteF64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(f32DemoteF64(fp[lo32(pc[1])])); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64ConvertI32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = Double(Int32(bitPattern: slot32(fp, lo32(pc[1])))).bitPattern; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64ConvertI32U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = Double(slot32(fp, lo32(pc[1]))).bitPattern; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64ConvertI64S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = Double(Int64(bitPattern: fp[lo32(pc[1])])).bitPattern; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64ConvertI64U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = Double(fp[lo32(pc[1])]).bitPattern; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64PromoteF32(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = f64PromoteF32(slot32(fp, lo32(pc[1]))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32ReinterpretF32(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])] & 0xFFFF_FFFF; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f32ReinterpretI32(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])] & 0xFFFF_FFFF; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64ReinterpretF64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])]; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_f64ReinterpretI64(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = fp[lo32(pc[1])]; pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32Extend8S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: fp[lo32(pc[1])])))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32Extend16S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: fp[lo32(pc[1])])))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64Extend8S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: fp[lo32(pc[1])]))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64Extend16S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: fp[lo32(pc[1])]))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64Extend32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: fp[lo32(pc[1])]))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32TruncSatF32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(i32TruncSatF32S(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32TruncSatF32U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(i32TruncSatF32U(slot32(fp, lo32(pc[1])))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32TruncSatF64S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(i32TruncSatF64S(fp[lo32(pc[1])])); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32TruncSatF64U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = u32(i32TruncSatF64U(fp[lo32(pc[1])])); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64TruncSatF32S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = i64TruncSatF32S(slot32(fp, lo32(pc[1]))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64TruncSatF32U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = i64TruncSatF32U(slot32(fp, lo32(pc[1]))); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64TruncSatF64S(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = i64TruncSatF64S(fp[lo32(pc[1])]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64TruncSatF64U(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        fp[a] = i64TruncSatF64U(fp[lo32(pc[1])]); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32RotlI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(u32(rotl32(lhs32(fp, w, acc, mode), UInt32(truncatingIfNeeded: w >> 32))), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i32RotrI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let w = pc[1]; result(u32(rotr32(lhs32(fp, w, acc, mode), UInt32(truncatingIfNeeded: w >> 32))), pc, fp, &acc, mode); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64RotlI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = rotl64(fp[lo32(w)], w >> 32); pc += 2
        return 0
    }

    @inline(__always)
    mutating func op_i64RotrI(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
        let a = hi32(pc[0])
        let w = pc[1]; fp[a] = rotr64(fp[lo32(w)], w >> 32); pc += 2
        return 0
    }

    /// A binary operator of the `binaryMemory` family on (x, y): in the MR modes y is read from
    /// linear memory (4 bytes, or 8 if `wide`) at the address slot in word 1's high half plus the
    /// offset in word 2, checked like a load's.
    @inline(__always)
    mutating func binaryMemory(_ pc: inout Code, _ fp: Slots, _ md: UnsafeMutableRawPointer, _ ms: UInt64, _ fuel: UInt64,
                               _ acc: inout UInt64, _ mode: UInt32, wide: Bool, _ f: (_ x: UInt64, _ y: UInt64) -> UInt64) -> UInt {
        let w = pc[1]
        let y: UInt64
        if mode & 32 != 0 {
            let ea = UInt64(slot32(fp, hi32(w))) &+ pc[2]
            guard ea &+ (wide ? 8 : 4) <= ms else { trap = .memoryOutOfBounds; return stop(pc, fp, fuel) }
            let p = hostAddress(md, ea)
            y = wide ? p.loadUnaligned(as: UInt64.self) : UInt64(p.loadUnaligned(as: UInt32.self))
        } else {
            y = rhs(fp, w, acc, mode)
        }
        result(f(lhs(fp, w, acc, mode), y), pc, fp, &acc, mode)
        pc += mode & 32 != 0 ? 3 : 2
        return 0
    }

    // Wide arithmetic: every operand is read before either result is written, since the results
    // land in the slots the first operands came from. A build without it (WISP_NO_WIDE_ARITHMETIC)
    // keeps only stubs: its decoder rejects these operators.

    @inline(__always)
    mutating func op_i64Add128(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
#if WISP_NO_WIDE_ARITHMETIC
        trap = .unreachable
        return stop(pc, fp, fuel)
#else
        let d = hi32(pc[0]), a = pc[1], b = pc[2]
        let (lo, carry) = fp[lo32(a)].addingReportingOverflow(fp[lo32(b)])
        let hi = fp[hi32(a)] &+ fp[hi32(b)] &+ (carry ? 1 : 0)
        fp[d] = lo; fp[d + 1] = hi; pc += 3
        return 0
#endif
    }

    @inline(__always)
    mutating func op_i64Sub128(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
#if WISP_NO_WIDE_ARITHMETIC
        trap = .unreachable
        return stop(pc, fp, fuel)
#else
        let d = hi32(pc[0]), a = pc[1], b = pc[2]
        let (lo, borrow) = fp[lo32(a)].subtractingReportingOverflow(fp[lo32(b)])
        let hi = fp[hi32(a)] &- fp[hi32(b)] &- (borrow ? 1 : 0)
        fp[d] = lo; fp[d + 1] = hi; pc += 3
        return 0
#endif
    }

    @inline(__always)
    mutating func op_i64MulWideS(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
#if WISP_NO_WIDE_ARITHMETIC
        trap = .unreachable
        return stop(pc, fp, fuel)
#else
        let d = hi32(pc[0]), w = pc[1]
        let (hi, lo) = Int64(bitPattern: fp[lo32(w)]).multipliedFullWidth(by: Int64(bitPattern: fp[hi32(w)]))
        fp[d] = lo; fp[d + 1] = UInt64(bitPattern: hi); pc += 2
        return 0
#endif
    }

    @inline(__always)
    mutating func op_i64MulWideU(_ pc: inout Code, _ fp: inout Slots, _ md: inout UnsafeMutableRawPointer, _ ms: inout UInt64, _ fuel: inout UInt64,
                     _ acc: inout UInt64, _ mode: UInt32) -> UInt {
#if WISP_NO_WIDE_ARITHMETIC
        trap = .unreachable
        return stop(pc, fp, fuel)
#else
        let d = hi32(pc[0]), w = pc[1]
        let (hi, lo) = fp[lo32(w)].multipliedFullWidth(by: fp[hi32(w)])
        fp[d] = lo; fp[d + 1] = hi; pc += 2
        return 0
#endif
    }
}
