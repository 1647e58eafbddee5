// Threaded dispatch for the interpreter: one C function per instruction, each ending in a
// guaranteed tail call to the next instruction's handler, so dispatch is an indirect jump and the
// interpreter's registers (pc, frame, memory base and size, fuel) stay in machine registers from
// one instruction to the next. Swift cannot promise a tail call (and crashes without one at
// -Onone), C's `musttail` can. The work of each instruction is Swift: a handler calls
// `wisp_op_NAME`, a method of `VMState` (Sources/Wisp/Interpreter/Handlers.swift) exported under
// that name. These functions are `static inline`, so the Swift compiler emits them into the Wisp
// module itself, where LLVM inlines the Swift body into its handler: a handler has no call on its
// fast path.
//
// Nothing here is compiled on its own: the header is the whole module (dispatch.c is empty).

#ifndef WISP_DISPATCH_H
#define WISP_DISPATCH_H

#include <stdint.h>

// `preserve_none` makes every register an argument register and none callee-saved, so a handler
// neither saves nor restores registers and all six values below travel in registers. Targets
// without it (32-bit Arm) use the C convention; `musttail` guarantees the jump on every target
// and is an error, not a silent call, where the compiler cannot honour it.
#if defined(__x86_64__) || defined(__aarch64__)
#define WISP_HANDLER_CC __attribute__((preserve_none))
#else
#define WISP_HANDLER_CC
#endif
// Handlers start on 64-byte boundaries, a cache line each (the Swift module's code is otherwise
// packed at byte alignment): unaligned jump targets cost the front end, and with 16-byte
// alignment the speed of the benchmark workloads swung by up to 14 % (one by half, earlier)
// between builds whose handlers were identical and only placed differently. At 64 bytes two such
// builds stay within the measurements' noise (about 4 %), for 5 KB more text on x86-64.
// (On 32-bit Arm microcontrollers, which fetch from flash without that penalty, the padding would
// only take flash: there handlers are aligned as the instruction set needs.)
#if defined(__arm__)
#define WISP_HANDLER_ALIGN
#else
#define WISP_HANDLER_ALIGN __attribute__((aligned(64)))
#endif
#define WISP_SWIFTCALL __attribute__((swiftcall))
#define WISP_SWIFT_SELF __attribute__((swift_context))

// The instructions, in the order of the Swift enum `Op` (Sources/Wisp/Interpreter/Op.swift):
// an opcode indexes this list. DispatchTableTests checks the two agree. The fused forms (an i32
// comparison with its branch, an operator with a constant operand, a load or store with its
// address's add) are listed with F: they make code faster, not larger in what it can do, and a
// build for small flash can leave them out (below).
#define WISP_OPS(X, F, V) \
    X(unreachable) X(br) X(brIf) X(brIfNot) X(brTable) X(ret) \
    X(call) X(callIndirect) X(brF) X(brIfF) X(brIfNotF) X(callF) \
    X(callIndirectF) X(brLoop) X(brIfLoop) F(brI32Eq) F(brI32Ne) F(brI32LtS) \
    F(brI32LtU) F(brI32GtS) F(brI32GtU) F(brI32LeS) F(brI32LeU) F(brI32GeS) \
    F(brI32GeU) F(brI32EqI) F(brI32NeI) F(brI32LtSI) F(brI32LtUI) F(brI32GtSI) \
    F(brI32GtUI) F(brI32LeSI) F(brI32LeUI) F(brI32GeSI) F(brI32GeUI) F(brI32EqF) \
    F(brI32NeF) F(brI32LtSF) F(brI32LtUF) F(brI32GtSF) F(brI32GtUF) F(brI32LeSF) \
    F(brI32LeUF) F(brI32GeSF) F(brI32GeUF) F(brI32EqIF) F(brI32NeIF) F(brI32LtSIF) \
    F(brI32LtUIF) F(brI32GtSIF) F(brI32GtUIF) F(brI32LeSIF) F(brI32LeUIF) F(brI32GeSIF) \
    F(brI32GeUIF) F(i32AddI) F(i32MulI) F(i32AndI) F(i32OrI) \
    F(i32XorI) F(i32ShlI) F(i32ShrSI) F(i32ShrUI) F(i32EqI) F(i32NeI) \
    F(i32LtSI) F(i32LtUI) F(i32GtSI) F(i32GtUI) F(i32LeSI) F(i32LeUI) \
    F(i32GeSI) F(i32GeUI) F(i64AddI) F(i64SubI) F(i64AndI) F(i64ShlI) \
    F(i64ShrSI) F(i64ShrUI) F(i64EqI) F(i64NeI) F(i64LtSI) F(i64LtUI) \
    F(i64GtSI) F(i64GtUI) F(i64LeUI) F(i64GeUI) X(copy) X(copy128) \
    X(const64) X(const128) X(select) X(select128) X(globalGet) X(globalSet) \
    X(globalGet128) X(globalSet128) X(refIsNull) X(load32) X(load64) X(load8S32) \
    X(load8U) X(load16S32) X(load16U) X(load8S64) X(load16S64) X(load32S64) \
    X(store8) X(store16) X(store32) X(store64) X(load128) X(store128) \
    X(memorySize) X(memoryGrow) X(memoryFill) X(memoryCopy) X(memoryInit) X(dataDrop) \
    X(tableGet) X(tableSet) X(tableSize) X(tableGrow) X(tableFill) X(tableCopy) \
    X(tableInit) X(elemDrop) X(simdUnary) X(simdBinary) X(simdTernary) X(simdTest) \
    X(simdShift) X(simdSplat) X(simdExtractLane) X(simdReplaceLane) X(simdShuffle) X(simdLoad) \
    X(simdLoadLane) X(simdStoreLane) X(i32Eqz) X(i32Eq) X(i32Ne) X(i32LtS) \
    X(i32LtU) X(i32GtS) X(i32GtU) X(i32LeS) X(i32LeU) X(i32GeS) \
    X(i32GeU) X(i64Eqz) X(i64Eq) X(i64Ne) X(i64LtS) X(i64LtU) \
    X(i64GtS) X(i64GtU) X(i64LeS) X(i64LeU) X(i64GeS) X(i64GeU) \
    X(f32Eq) X(f32Ne) X(f32Lt) X(f32Gt) X(f32Le) X(f32Ge) \
    X(f64Eq) X(f64Ne) X(f64Lt) X(f64Gt) X(f64Le) X(f64Ge) \
    X(i32Clz) X(i32Ctz) X(i32Popcnt) X(i32Add) X(i32Sub) X(i32Mul) \
    X(i32DivS) X(i32DivU) X(i32RemS) X(i32RemU) X(i32And) X(i32Or) \
    X(i32Xor) X(i32Shl) X(i32ShrS) X(i32ShrU) X(i32Rotl) X(i32Rotr) \
    X(i64Clz) X(i64Ctz) X(i64Popcnt) X(i64Add) X(i64Sub) X(i64Mul) \
    X(i64DivS) X(i64DivU) X(i64RemS) X(i64RemU) X(i64And) X(i64Or) \
    X(i64Xor) X(i64Shl) X(i64ShrS) X(i64ShrU) X(i64Rotl) X(i64Rotr) \
    X(f32Abs) X(f32Neg) X(f32Ceil) X(f32Floor) X(f32Trunc) X(f32Nearest) \
    X(f32Sqrt) X(f32Add) X(f32Sub) X(f32Mul) X(f32Div) X(f32Min) \
    X(f32Max) X(f32Copysign) X(f64Abs) X(f64Neg) X(f64Ceil) X(f64Floor) \
    X(f64Trunc) X(f64Nearest) X(f64Sqrt) X(f64Add) X(f64Sub) X(f64Mul) \
    X(f64Div) X(f64Min) X(f64Max) X(f64Copysign) X(i32WrapI64) X(i32TruncF32S) \
    X(i32TruncF32U) X(i32TruncF64S) X(i32TruncF64U) X(i64ExtendI32S) X(i64ExtendI32U) X(i64TruncF32S) \
    X(i64TruncF32U) X(i64TruncF64S) X(i64TruncF64U) X(f32ConvertI32S) X(f32ConvertI32U) X(f32ConvertI64S) \
    X(f32ConvertI64U) X(f32DemoteF64) X(f64ConvertI32S) X(f64ConvertI32U) X(f64ConvertI64S) X(f64ConvertI64U) \
    X(f64PromoteF32) X(i32ReinterpretF32) X(i64ReinterpretF64) X(f32ReinterpretI32) X(f64ReinterpretI64) X(i32Extend8S) \
    X(i32Extend16S) X(i64Extend8S) X(i64Extend16S) X(i64Extend32S) X(i32TruncSatF32S) X(i32TruncSatF32U) \
    X(i32TruncSatF64S) X(i32TruncSatF64U) X(i64TruncSatF32S) X(i64TruncSatF32U) X(i64TruncSatF64S) X(i64TruncSatF64U) \
    F(store8I) F(store16I) F(store32I) F(store64I) F(i32RotlI) F(i32RotrI) F(i64RotlI) F(i64RotrI) \
    F(load32A) F(load64A) F(load8UA) F(load8S32A) F(load16S32A) F(load16UA) \
    F(load32R) F(load64R) F(load8UR) F(load8S32R) F(load16S32R) F(load16UR) \
    F(store8A) F(store16A) F(store32A) F(store64A) F(store8IA) F(store16IA) F(store32IA) F(store64IA) \
    F(copy2) F(i32AddI2) F(f64AddK) F(f64AddKL) F(f64SubK) F(f64SubKL) F(f64MulK) F(f64MulKL) \
    F(f64DivK) F(f64DivKL) F(load64K) F(store64K) X(zeroLocals) X(callSlow) X(throwTag) X(throwRef) X(returnCall) X(returnCallIndirect) \
    F(v128And) F(v128Andnot) F(v128Or) F(v128Xor) F(i8x16NarrowI16x8U) F(i8x16Add) F(i8x16Sub) F(i16x8NarrowI32x4U) F(i16x8Add) \
    F(i16x8Sub) F(i16x8Mul) F(i32x4Add) F(i32x4Sub) F(i32x4Mul) F(i32x4MinS) F(i32x4MinU) F(i32x4MaxS) F(i32x4MaxU) \
    F(i64x2Add) F(i64x2Sub) F(f32x4Add) F(f32x4Sub) F(f32x4Mul) F(f64x2Add) F(f64x2Sub) F(f64x2Mul) F(i16x8ExtendLowI8x16S) F(i16x8ExtendHighI8x16S) F(i16x8ExtendLowI8x16U) F(i16x8ExtendHighI8x16U) F(i32x4ExtendLowI16x8S) F(i32x4ExtendHighI16x8S) F(i32x4ExtendLowI16x8U) F(i32x4ExtendHighI16x8U) \
    F(f64AddSt) F(f64SubSt) F(f64MulSt) \
    WISP_VARIANTS(V)

// The accumulator: a register that carries a value from the instruction that computes it to the
// next instruction, which reads it there instead of from a slot. In a register IR every
// intermediate result goes through memory, and a chain of dependent instructions then waits, at
// each link, for a store to forward to a load (several cycles on the critical path, more than a
// dispatch costs when it is predicted). The translator picks, for an instruction whose result only
// the next instruction uses, the variant that leaves it in `acc`, and for that next instruction
// the variant that takes it from there. A variant is the same Swift body called with a constant
// mode (inlined, so its tests fold away):
//   L: the first operand (an address, for memory access) comes from `acc`,
//   R: the second operand (a store's value) comes from `acc`,
//   D: the result goes to `acc`, not to its slot.
// A compare-and-branch has two more modes, which fold in the i32.add just before it whose result
// it compares (a loop's counter step and test, one dispatch instead of two):
//   AI: x = slot a + imm32 (an i32AddI), AR: x = slot a + slot b (an i32Add); x is also stored:
//       [op|dst] [a | imm32 or b << 32] [y: slot or imm32] [offset]
// Loads have S: the address is (slot or acc) << k, the i32.shl by a constant just before folded
// in (an array index scaled by its element size), alone or with D and L:
//       [op|dst] [a | offset << 32] [k]
// br has AI: the i32AddI just before it folded in (`p++; continue`): [op|dst] [a | imm32 << 32] [offset]
// br_table has L (the index from `acc`) and AI and LAI: the i32AddI just before it folded in
// (`switch (c - 'a')`; LAI when that add read `acc`): [op|dst] [a | imm32 << 32] [count] [entries]
// brIf and brIfNot have M8 and M32: the condition is a byte (load8U) or a word (load32) of
// linear memory, the load just before folded in:  [op|address slot] [offset] [branch offset]
// Some binary operators have MR, their second operand read from linear memory (the
// load of the operator's own width just before, folded in), alone or with D and L:
//       [op|dst] [a | address slot << 32] [offset]
// The value in `acc` lives from one instruction to the next one only, and nothing between them
// can suspend, so `acc` is never saved anywhere (a branch that reads it and stops for an
// interrupt stops after its jump). Families, in the order of `Op`: binary operators and loads
// that add two slots (D, L, LD, R, RD; some operators also MR, MRD, LMR, LMRD), operators of one operand and other loads (D, L, LD),
// stores (L, R), compare-and-branch on two slots (L, R, AI, AR) or a slot and a constant (L, AI,
// AR), branches on one slot (L).
// Op.swift's `accumulatorKind` lists the same families; DispatchTableTests checks the two agree.
#define WISP_MODE_N 0
#define WISP_MODE_L 1
#define WISP_MODE_R 2
#define WISP_MODE_D 4
#define WISP_MODE_LD 5
#define WISP_MODE_RD 6
#define WISP_MODE_AI 8
#define WISP_MODE_AR 16
#define WISP_MODE_MR 32
#define WISP_MODE_MRD 36
#define WISP_MODE_LMR 33
#define WISP_MODE_LMRD 37
#define WISP_MODE_S 8
#define WISP_MODE_SD 12
#define WISP_MODE_LS 9
#define WISP_MODE_LSD 13
#define WISP_MODE_LAI 9
#define WISP_MODE_M8 8
#define WISP_MODE_M32 16
#define WISP_ACC2(V, n) V(n, D) V(n, L) V(n, LD) V(n, R) V(n, RD)
#define WISP_ACC2M(V, n) WISP_ACC2(V, n) V(n, MR) V(n, MRD) V(n, LMR) V(n, LMRD)
#define WISP_ACC1(V, n) V(n, D) V(n, L) V(n, LD)
#define WISP_ACC1S(V, n) WISP_ACC1(V, n) V(n, S) V(n, SD) V(n, LS) V(n, LSD)
#define WISP_ACCS(V, n) V(n, L) V(n, R)
#define WISP_ACCL(V, n) V(n, L)
#define WISP_ACCJ(V, n) V(n, AI)
#define WISP_ACCLM(V, n) V(n, L) V(n, M8) V(n, M32)
#define WISP_ACCB(V, n) V(n, L) V(n, R) V(n, AI) V(n, AR)
#define WISP_ACCT(V, n) V(n, L) V(n, AI) V(n, LAI)
#define WISP_ACCST(V, n) V(n, D) V(n, LD) V(n, RD) V(n, MRD) V(n, LMRD)
#define WISP_ACCBI(V, n) V(n, L) V(n, AI) V(n, AR)
#define WISP_VARIANTS(V) \
    WISP_ACCJ(V, br) WISP_ACCLM(V, brIf) WISP_ACCLM(V, brIfNot) WISP_ACCT(V, brTable) \
    WISP_ACCB(V, brI32Eq) WISP_ACCB(V, brI32Ne) WISP_ACCB(V, brI32LtS) WISP_ACCB(V, brI32LtU) \
    WISP_ACCB(V, brI32GtS) WISP_ACCB(V, brI32GtU) WISP_ACCB(V, brI32LeS) WISP_ACCB(V, brI32LeU) \
    WISP_ACCB(V, brI32GeS) WISP_ACCB(V, brI32GeU) \
    WISP_ACCBI(V, brI32EqI) WISP_ACCBI(V, brI32NeI) WISP_ACCBI(V, brI32LtSI) WISP_ACCBI(V, brI32LtUI) \
    WISP_ACCBI(V, brI32GtSI) WISP_ACCBI(V, brI32GtUI) WISP_ACCBI(V, brI32LeSI) WISP_ACCBI(V, brI32LeUI) \
    WISP_ACCBI(V, brI32GeSI) WISP_ACCBI(V, brI32GeUI) \
    WISP_ACC1(V, i32AddI) WISP_ACC1(V, i32MulI) WISP_ACC1(V, i32AndI) \
    WISP_ACC1(V, i32OrI) WISP_ACC1(V, i32XorI) WISP_ACC1(V, i32ShlI) WISP_ACC1(V, i32ShrSI) \
    WISP_ACC1(V, i32ShrUI) WISP_ACC1(V, i64AddI) WISP_ACC1(V, i64AndI) WISP_ACC1(V, i64ShlI) \
    WISP_ACC1(V, i64ShrSI) WISP_ACC1(V, i64ShrUI) \
    WISP_ACC1S(V, load32) WISP_ACC1S(V, load64) WISP_ACC1S(V, load8S32) WISP_ACC1S(V, load8U) \
    WISP_ACC1S(V, load16S32) WISP_ACC1S(V, load16U) \
    WISP_ACCS(V, store8) WISP_ACCS(V, store16) WISP_ACCS(V, store32) WISP_ACCS(V, store64) \
    WISP_ACC2M(V, i32Add) WISP_ACC2M(V, i32Sub) WISP_ACC2M(V, i32Mul) WISP_ACC2M(V, i32And) \
    WISP_ACC2M(V, i32Or) WISP_ACC2M(V, i32Xor) WISP_ACC2(V, i32Shl) WISP_ACC2(V, i32ShrS) \
    WISP_ACC2(V, i32ShrU) WISP_ACC2(V, i32Rotl) \
    WISP_ACC2M(V, i64Add) WISP_ACC2M(V, i64Sub) WISP_ACC2(V, i64Mul) WISP_ACC2(V, i64And) \
    WISP_ACC2(V, i64Or) WISP_ACC2(V, i64Xor) WISP_ACC2(V, i64Shl) WISP_ACC2(V, i64ShrS) \
    WISP_ACC2(V, i64ShrU) \
    WISP_ACC2(V, f32Add) WISP_ACC2(V, f32Sub) WISP_ACC2(V, f32Mul) WISP_ACC2(V, f32Div) \
    WISP_ACC2M(V, f64Add) WISP_ACC2M(V, f64Sub) WISP_ACC2M(V, f64Mul) WISP_ACC2M(V, f64Div) \
    WISP_ACC1(V, i64ExtendI32S) WISP_ACC1(V, i64ExtendI32U) \
    WISP_ACC1(V, i32RotlI) WISP_ACC1(V, i32RotrI) \
    WISP_ACC1(V, load32A) WISP_ACC1(V, load64A) WISP_ACC1(V, load8UA) WISP_ACC1(V, load8S32A) \
    WISP_ACC1(V, load16S32A) WISP_ACC1(V, load16UA) \
    WISP_ACC2(V, load32R) WISP_ACC2(V, load64R) WISP_ACC2(V, load8UR) WISP_ACC2(V, load8S32R) \
    WISP_ACC2(V, load16S32R) WISP_ACC2(V, load16UR) \
    WISP_ACC1(V, f64AddK) WISP_ACC1(V, f64AddKL) WISP_ACC1(V, f64SubK) WISP_ACC1(V, f64SubKL) \
    WISP_ACC1(V, f64MulK) WISP_ACC1(V, f64MulKL) WISP_ACC1(V, f64DivK) WISP_ACC1(V, f64DivKL) \
    WISP_ACCST(V, f64AddSt) WISP_ACCST(V, f64SubSt) WISP_ACCST(V, f64MulSt)

// The pairs (see WISP_PAIR_DEFINE below), chosen from the benchmark workloads' dispatch
// profiles (docs/interpreter.md).
#define WISP_PAIRS(P) \
    P(store8IA, N, brI32LtU, AR) \
    P(i32AddI, N, brI32Ne, R) \
    P(i32AddI, N, call, N) \
    P(i32Add, N, ret, N) \
    P(i32Add, N, brI32GtUI, AI) \
    P(f64AddSt, LMRD, i32AddI, N) \
    P(i32AddI2, N, i32AddI, N) \
    P(i32AddI, N, load64A, D) \
    P(f64Mul, RD, f64AddSt, LMRD) \
    P(f64Mul, MRD, f64AddSt, LMRD) \
    P(load64A, D, f64Mul, RD) \
    P(f64AddSt, LMRD, i32AddI2, N) \
    P(f64Mul, D, f64Mul, LD) \
    P(i32AddI, N, i32AddI, N) \
    P(i32AddI, N, load32, N) \
    P(i32AddI, N, copy, N) \
    P(copy, N, i32AddI, N) \
    P(i32AddI, N, brTable, N) \
    P(load32, S, brLoop, N) \
    P(i32RotlI, D, i32Xor, R) \
    P(i32AddI, N, i32ShlI, D) \
    P(i32AddI, N, f64Mul, D) \
    P(f64Mul, LD, f64AddSt, LMRD) \
    P(i32AddI, N, load32, L) \
    P(load32, L, brI32LtS, L) \
    P(copy, N, brI32GtS, N) \
    P(load32, N, i32AddI, N) \
    P(i32ShlI, LD, i32Add, RD) \
    P(i32AndI, N, brI32EqI, L) \
    P(i32ShlI, D, i32AddI, L) \
    P(i32AddI, L, copy, N) \
    P(load8U, N, brTable, LAI) \
    P(i32AddI, N, i32Add, LD) \
    P(i32Add, LD, load8U, LD) \
    P(load64A, D, f64Sub, R) \
    P(load64, N, f64Mul, D) \
    P(f64Mul, LD, f64SubSt, RD) \
    P(f64SubSt, RD, load64, N) \
    P(i32Sub, N, brI32GtUI, L) \
    P(i32RotlI, N, i32RotlI, D) \
    P(copy2, N, copy2, N) \
    P(i32Xor, R, i32RotlI, D) \
    P(i32Xor, RD, i32Add, R) \
    P(i32RotlI, D, i32Xor, RD) \
    P(i32AddI, N, load32, S) \
    P(i32AndI, L, load8UR, D) \
    P(i32AndI, LD, brI32Ne, R) \
    P(load8U, LD, i32AndI, L) \
    P(load8UR, D, i32AndI, LD) \
    P(load32, S, brI32GtSI, L) \
    P(copy, N, i32AndI, N) \
    P(load8U, N, brI32NeI, L) \
    P(i32MulI, D, i32Add, R) \
    P(i32Add, R, load8U, N) \
    P(i32AddI, N, brIfLoop, N) \
    P(load32A, D, i32Add, R) \
    P(load8UR, N, load8UR, D) \
    P(load8UR, D, brI32Ne, R) \
    P(i32ShrUI, D, i32Xor, RD) \
    P(load64K, N, f64MulK, D) \
    P(f64Add, L, store64K, N) \
    P(f64MulK, D, f64Add, L) \
    P(load32A, N, i32RotlI, L) \
    P(i32Xor, R, i32ShrUI, D) \
    P(i32RotlI, L, i32RotlI, D) \
    P(i32Add, N, i32AddI, LD) \
    P(store64K, N, load64K, N) \
    P(load16S32, N, load16S32, D) \
    P(i32AddI, LD, i32AndI, LD) \
    P(copy2, N, copy, N) \
    P(copy, N, brLoop, N) \
    P(store32, N, copy2, N) \
    P(i32AddI2, N, brI32NeI, N) \
    P(load16S32A, N, i32Add, N) \
    P(i32AddI, LD, load16S32, LD) \
    P(load16S32, LD, i32Mul, R) \
    P(i32Mul, RD, i32Add, LD) \
    P(load16S32, D, i32Mul, RD) \
    P(i32Add, LD, i32Add, R) \
    P(i32Add, R, i32AddI2, N) \
    P(i32Mul, R, load16S32, N) \
    P(select, N, copy, N) \
    P(i32AddI, N, load8U, N) \
    P(copy, N, i32ShrUI, D) \
    P(i32AndI, L, i32XorI, L) \
    P(i32ShrUI, D, i32AndI, L) \
    P(load32, N, copy2, N) \
    P(load32, N, brI32GeS, AI) \
    P(copy2, N, brIf, N) \
    P(load32, N, brIfLoop, N) \
    P(i32AndI, L, select, N) \
    P(i32XorI, L, i32ShrUI, D) \
    P(load16U, D, brI32Eq, L) \
    P(load32, N, copy, N) \
    P(i32AddI, N, brI32GtS, R) \
    P(store32, N, store32A, N) \
    P(store32A, N, copy2, N) \
    P(copy2, N, brI32LeS, N) \
    P(load32, N, brI32GtS, L) \
    P(i32AddI, N, i32GtS, N) \
    P(copy, N, brIfLoop, N) \
    P(i32GtS, N, i32AddI, N) \
    P(store32A, N, i32AddI, N) \
    P(load8U, N, i32AddI, LD) \
    P(i32AddI2, N, copy, N) \
    P(i32AndI, LD, brI32LtUI, L) \
    P(copy, N, load8U, N) \
    P(const64, N, i64Mul, N) \
    P(i64Mul, N, i64ExtendI32U, D) \
    P(i64AndI, LD, i64Add, R) \
    P(i64Add, R, i32AddI2, N) \
    P(i64ExtendI32U, D, i64AndI, LD) \
    P(i32AddI, N, br, AI) \
    P(i32AddI, N, const64, N) \
    P(load64, N, load64, N) \
    P(f64Sub, R, f64Mul, R) \
    P(f64Mul, R, load64A, D) \
    P(f64Mul, RD, f64Add, RD) \
    P(f64Add, R, f64Sqrt, N) \
    P(f64Add, RD, f64Add, R) \
    P(f64Sub, R, f64Mul, RD) \
    P(i32AddI, N, load64, LD) \
    P(load64, N, i32AddI, N) \
    P(f64Sqrt, N, f64Mul, D) \
    P(f64Mul, N, load64A, D) \
    P(load64A, N, f64Mul, R) \
    P(load64, LD, f64Sub, R) \
    P(f64Sub, R, load64A, N) \
    P(f64Mul, D, f64DivKL, L) \
    P(f64Mul, R, f64Mul, N) \
    P(f64Mul, RD, f64SubSt, RD) \
    P(f64DivKL, L, f64Mul, RD) \
    P(f64AddSt, LMRD, copy, N) \
    P(f64SubSt, RD, i32AddI, N) \
    P(i32AddI2, N, brI32NeI, AI) \
    P(copy2, N, i32Xor, D) \
    P(i32Add, R, i32Add, N) \
    P(copy, N, i32And, N) \
    P(copy, N, i32RotlI, N) \
    P(i32Add, N, copy2, N) \
    P(i32And, N, i32And, D) \
    P(i32Xor, N, copy, N) \
    P(copy2, N, i32Xor, N) \
    P(copy2, N, brI32NeI, AI) \
    P(i32Add, R, copy, N) \
    P(i32Add, R, copy2, N) \
    P(i32Add, R, i32Add, R) \
    P(i32Add, R, load32A, D) \
    P(i32Add, R, load32R, D) \
    P(i32And, D, i32Xor, R) \
    P(i32And, LD, i32Xor, LD) \
    P(i32Xor, D, i32And, LD) \
    P(i32Xor, LD, i32Add, R) \
    P(i32Xor, R, i32RotlI, N) \
    P(load32R, D, i32Add, R) \
    P(i32Add, N, i32AddI, L) \
    P(copy, N, brI32NeI, AI) \
    P(load8UA, N, load8UA, D) \
    P(load8UA, D, brI32Ne, R) \
    P(i32MulI, LD, i32ShrUI, LD) \
    P(i32ShrUI, LD, i32AndI, L) \
    P(store8, R, i32AddI, N) \
    P(i32AddI, LD, brI32GtU, L) \
    P(i32AddI2, N, brI32Ne, N) \
    P(i32AddI, D, store32, R) \
    P(i32AndI, L, load32, LD) \
    P(load32, LD, store32, R) \
    P(store32, R, i32AddI2, N) \
    P(store32, R, i32AddI, D) \
    P(load32A, D, i32MulI, LD) \
    P(copy, N, br, N) \
    P(load16S32, D, brI32LeS, R) \
    P(load16S32, N, load16S32, N) \
    P(load16S32, N, brI32LtS, R) \
    P(i32ShrUI, D, i32Xor, LD) \
    P(i32Xor, LD, i32AndI, L)

// `-DWISP_NO_FUSION` (for clang: `-Xcc -DWISP_NO_FUSION` to swiftc) leaves out the fused
// instructions (F) and the accumulator variants (V): the translator, which reads WISP_FUSION,
// never emits them, and their table entries name the `unreachable` handler. The bare-metal firmware is built so, to fit its engine in 150 KB
// (docs/porting.md); the benchmark workloads then take about 1.6 times as long on x86-64.
#ifdef WISP_NO_FUSION
#define WISP_FUSION 0
#else
#define WISP_FUSION 1
#endif

// A handler's parameters. On 64-bit targets all seven travel in registers; the last, `base`, is
// the address handler words are relative to (see WISP_NEXT), kept in a register so that dispatch
// adds it instead of materializing it in every handler. The 32-bit Arm
// convention has four argument registers, and a 64-bit argument needs an even pair: memory size,
// fuel and the VMState would go on the stack, and every handler would reload them and store them
// back for its tail call (7 of the 22 instructions of i32.add, and a push and pop). There, the
// three live in a `wisp_spill` record on wisp_run's stack instead; a handler gets its address as
// the fourth argument and reads the fields only if its body uses them (stores back only if it
// changed them), so most handlers keep four registers and touch no stack.
#if UINTPTR_MAX == 0xFFFFFFFFu
#define WISP_SPILL 1
typedef struct wisp_spill {
    uint64_t ms;
    uint64_t fuel;
    uint64_t acc;
    void *_Nonnull vm;
} wisp_spill;
#define WISP_PARAMS uint64_t *_Nonnull pc, uint64_t *_Nonnull fp, void *_Nonnull md, wisp_spill *_Nonnull sp
#define WISP_ARGS pc, fp, md, sp
#else
#define WISP_PARAMS uint64_t *_Nonnull pc, uint64_t *_Nonnull fp, void *_Nonnull md, uint64_t ms, uint64_t fuel, \
                    void *_Nonnull vm, uintptr_t base, uint64_t acc
#define WISP_ARGS pc, fp, md, ms, fuel, vm, base, acc
#endif

typedef WISP_HANDLER_CC void (*wisp_handler)(WISP_PARAMS);

#define WISP_DECLARE(name) WISP_HANDLER_CC static void wisp_handler_##name(WISP_PARAMS);
#define WISP_DECLARE_VARIANT(name, m) WISP_DECLARE(name##_##m)
#if WISP_FUSION
#define WISP_DECLARE_FUSED WISP_DECLARE
#define WISP_ENTRY_FUSED WISP_ENTRY
#define WISP_DEFINE_FUSED WISP_DEFINE
#define WISP_ENTRY_VARIANT(name, m) WISP_ENTRY(name##_##m)
#else
#define WISP_DECLARE_FUSED(name)
#define WISP_ENTRY_FUSED(name) wisp_handler_unreachable,
#define WISP_DEFINE_FUSED(name)
#undef WISP_DECLARE_VARIANT
#define WISP_DECLARE_VARIANT(name, m)
// The variants come after every plain instruction, so a build without them just ends the
// table sooner (the translator never emits their indices).
#define WISP_ENTRY_VARIANT(name, m)
#endif
WISP_OPS(WISP_DECLARE, WISP_DECLARE_FUSED, WISP_DECLARE_VARIANT)
#undef WISP_DECLARE

// Embedded Swift compiles the engine's code again into the firmware module, handlers included;
// the linker drops the unused copy only if its table sits in a section of its own (otherwise it
// shares one with data that is kept, and the table keeps every handler alive).
#if defined(__arm__)
#define WISP_TABLE_SECTION __attribute__((section(".data.rel.ro.wisp_handlers")))
#else
#define WISP_TABLE_SECTION
#endif
#define WISP_ENTRY(name) wisp_handler_##name,
static wisp_handler _Nonnull const wisp_handlers[] WISP_TABLE_SECTION = { WISP_OPS(WISP_ENTRY, WISP_ENTRY_FUSED, WISP_ENTRY_VARIANT) };
#undef WISP_ENTRY

// Direct threading: the low 32 bits of an instruction's first word name its handler, so dispatch
// is one load and an indirect jump, with no table lookup between them (the lookup's load made
// the chain from one instruction's word to the next handler two loads long). On 32-bit targets
// the word is the handler's address; on 64-bit ones it is the handler's distance from
// `wisp_handler_unreachable`, which the linker places in the same text as every other handler.
// The translator writes opcodes (an index into the list above) while it works and replaces them
// with these words when a function is done (`wisp_handler_word`).
#ifdef WISP_SPILL
#define WISP_NEXT(pc) ((wisp_handler)(uintptr_t)(uint32_t)*(pc))
static inline intptr_t wisp_handler_word(unsigned op) { return (intptr_t)(uintptr_t)wisp_handlers[op]; }
#else
// `base` is a handler argument holding that address.
#define WISP_NEXT(pc) ((wisp_handler)(base + (uintptr_t)(intptr_t)(int32_t)*(pc)))
static inline intptr_t wisp_handler_word(unsigned op) {
    return (intptr_t)((uintptr_t)wisp_handlers[op] - (uintptr_t)&wisp_handler_unreachable);
}
#endif

// A handler: run the Swift body (inlined), then jump to the handler of the instruction at the new
// pc. The empty asm statement names the handler and emits nothing; it makes every handler
// different in a way Swift's merge-functions pass cannot parameterize, so handlers whose bodies
// are alike are never folded together: folding identical ones would send several instructions
// through one shared jump (which predicts badly), and folding ones that differ only in constants
// would add a parameter and break `musttail`. A body returns non-zero to leave the interpreter (return, trap, suspension); it has then
// saved pc, frame and fuel in the VMState, and the handler returns to wisp_run's caller.
#define WISP_BODY_DECL(name) \
        WISP_SWIFTCALL uintptr_t wisp_op_##name(uint64_t *_Nonnull *_Nonnull pc, uint64_t *_Nonnull *_Nonnull fp, \
                                                void *_Nonnull *_Nonnull md, uint64_t *_Nonnull ms, \
                                                uint64_t *_Nonnull fuel, uint64_t *_Nonnull acc, uint32_t mode, \
                                                WISP_SWIFT_SELF void *_Nonnull vm);
// A handler named `handler` running body `name` in accumulator mode `mode` (0: slots only).
#ifdef WISP_SPILL
#define WISP_HANDLER(handler, name, mode) \
    WISP_HANDLER_CC WISP_HANDLER_ALIGN static void wisp_handler_##handler(WISP_PARAMS) { \
        WISP_BODY_DECL(name) \
        __asm__ volatile("# wisp handler " #handler); \
        uint64_t ms = sp->ms, fuel = sp->fuel, acc = sp->acc; \
        const uint64_t ms0 = ms, fuel0 = fuel, acc0 = acc; \
        uintptr_t leave; \
        [[clang::always_inline]] leave = wisp_op_##name(&pc, &fp, &md, &ms, &fuel, &acc, mode, sp->vm); \
        if (ms != ms0) sp->ms = ms; \
        if (fuel != fuel0) sp->fuel = fuel; \
        if (acc != acc0) sp->acc = acc; \
        if (__builtin_expect(leave != 0, 0)) return; \
        __attribute__((musttail)) return WISP_NEXT(pc)(WISP_ARGS); \
    }
#else
#define WISP_HANDLER(handler, name, mode) \
    WISP_HANDLER_CC WISP_HANDLER_ALIGN static void wisp_handler_##handler(WISP_PARAMS) { \
        WISP_BODY_DECL(name) \
        __asm__ volatile("# wisp handler " #handler); \
        uintptr_t leave; \
        [[clang::always_inline]] leave = wisp_op_##name(&pc, &fp, &md, &ms, &fuel, &acc, mode, vm); \
        if (__builtin_expect(leave != 0, 0)) return; \
        __attribute__((musttail)) return WISP_NEXT(pc)(WISP_ARGS); \
    }
#endif
#define WISP_DEFINE(name) WISP_HANDLER(name, name, 0)
#if WISP_FUSION
#define WISP_DEFINE_VARIANT(name, m) WISP_HANDLER(name##_##m, name, WISP_MODE_##m)
#else
#define WISP_DEFINE_VARIANT(name, m)
#endif
WISP_OPS(WISP_DEFINE, WISP_DEFINE_FUSED, WISP_DEFINE_VARIANT)
#undef WISP_DEFINE

// Pairs: two instructions that often run one after the other, run by one handler that inlines
// both bodies with no dispatch between them (superinstructions by concatenation). Each
// instruction keeps its own words, and the second its own handler word, so a branch or a resumed
// call that lands on the second runs it alone; the first is never a control instruction, so it
// always falls through to the second. Listed as P(first body, its mode, second body, its mode) with N for mode 0; Op.swift's
// `pairs` lists the same in the same order (DispatchTableTests). 64-bit fused builds only.
#if WISP_FUSION && !defined(WISP_SPILL)
#define WISP_PAIR_NAME(a, ma, b, mb) pair_##a##_##ma##_##b##_##mb
#define WISP_PAIR_DEFINE(a, ma, b, mb) \
    WISP_HANDLER_CC WISP_HANDLER_ALIGN static void wisp_handler_pair_##a##_##ma##_##b##_##mb(WISP_PARAMS) { \
        WISP_BODY_DECL(a) \
        WISP_BODY_DECL(b) \
        __asm__ volatile("# wisp handler pair " #a "_" #ma " " #b "_" #mb); \
        uintptr_t leave; \
        [[clang::always_inline]] leave = wisp_op_##a(&pc, &fp, &md, &ms, &fuel, &acc, WISP_MODE_##ma, vm); \
        if (__builtin_expect(leave != 0, 0)) return; \
        [[clang::always_inline]] leave = wisp_op_##b(&pc, &fp, &md, &ms, &fuel, &acc, WISP_MODE_##mb, vm); \
        if (__builtin_expect(leave != 0, 0)) return; \
        __attribute__((musttail)) return WISP_NEXT(pc)(WISP_ARGS); \
    }
WISP_PAIRS(WISP_PAIR_DEFINE)
#define WISP_PAIR_ENTRY(a, ma, b, mb) wisp_handler_pair_##a##_##ma##_##b##_##mb,
#define WISP_PAIR_STRING(a, ma, b, mb) "pair:" #a "_" #ma "+" #b "_" #mb,
static wisp_handler _Nonnull const wisp_pair_handlers[] = { WISP_PAIRS(WISP_PAIR_ENTRY) };
static const char *_Nonnull const wisp_pair_names[] = { WISP_PAIRS(WISP_PAIR_STRING) };
static inline unsigned wisp_pair_count(void) { return sizeof(wisp_pair_handlers) / sizeof(wisp_pair_handlers[0]); }
/// Handler word of pair `i` (see wisp_handler_word).
static inline intptr_t wisp_pair_word(unsigned i) {
    return (intptr_t)((uintptr_t)wisp_pair_handlers[i] - (uintptr_t)&wisp_handler_unreachable);
}
static inline const char *_Nonnull wisp_pair_name(unsigned i) { return wisp_pair_names[i]; }
#else
static inline unsigned wisp_pair_count(void) { return 0; }
static inline intptr_t wisp_pair_word(unsigned i) { return 0; }
static inline const char *_Nonnull wisp_pair_name(unsigned i) { return ""; }
#endif

/// Runs translated code from `pc` until an instruction leaves (see WISP_DEFINE).
static inline void wisp_run(uint64_t *_Nonnull pc, uint64_t *_Nonnull fp, void *_Nonnull md, uint64_t ms,
                            uint64_t fuel, void *_Nonnull vm) {
#ifdef WISP_SPILL
    wisp_spill spill = { ms, fuel, 0, vm };
    wisp_spill *sp = &spill;
#else
    uintptr_t base = (uintptr_t)&wisp_handler_unreachable;
    uint64_t acc = 0;
#endif
    WISP_NEXT(pc)(WISP_ARGS);
}

// The table's length and its names, for the test that keeps this list and `Op` in step.
#define WISP_NAME(name) #name,
#define WISP_NAME_VARIANT(name, m) #name "_" #m,
static const char *_Nonnull const wisp_op_names[] = { WISP_OPS(WISP_NAME, WISP_NAME, WISP_NAME_VARIANT) };
#undef WISP_NAME
static inline unsigned wisp_op_count(void) { return sizeof(wisp_op_names) / sizeof(wisp_op_names[0]); }
static inline const char *_Nonnull wisp_op_name(unsigned i) { return wisp_op_names[i]; }

#endif
