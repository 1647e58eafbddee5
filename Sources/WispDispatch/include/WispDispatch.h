// Threaded dispatch for the interpreter: one C function per instruction, each ending in a
// guaranteed tail call to the next instruction's handler, so dispatch is an indirect jump and the
// interpreter's registers (pc, frame, memory base and size, fuel) stay in machine registers from
// one instruction to the next. Swift cannot promise a tail call (and crashes without one at
// -Onone), C's `musttail` can. The work of each instruction is Swift: a handler calls
// `wisp_op_NAME`, a method of `VMState` (generated into Sources/Wisp/Interpreter/Dispatch.swift from the body in Handlers/) exported under
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

// The instructions, their accumulator variants and the pairs are generated from one table,
// ISA/instructions.isa (and the pairs from the profile ISA/profile.txt), by Scripts/generate-isa.sh: WISP_OPS(X, F, V, C) lists
// every instruction in the order of the Swift enum `Op` (an opcode indexes it), the fused forms
// (an i32 comparison with its branch, an operator with a constant operand, a load or store with
// its address's add) marked F: they make code faster, not larger in what it can do, and a build
// for small flash can leave them out (below). DispatchTableTests checks the C and Swift sides agree.
#include "WispISA.h"

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
// can suspend. An unmetered branch that reads it and stops for an interrupt stops after its
// jump; a metered branch stops before it (it cannot charge the region it enters) and saves `acc`
// with the suspended call, which runs the branch again with it (VMState.suspend). The families (which instructions have which modes) are
// defined in ISA/instructions.isa; the modes' numbers (WISP_MODE_*) and the variants
// (WISP_VARIANTS) are generated into WispISA.h.

// The pairs (WISP_PAIRS in WispISA.h, see WISP_PAIR_DEFINE below) are chosen by the rule in ISA/pairs.isa.

// The fusion cut (WISP_NO_FUSION; `wisp_cut_flags fusion` in Scripts/lib/cuts.sh) leaves out the fused
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
// Instructions of a cut that is made (C): no handler, the table names `unreachable`.
#define WISP_DECLARE_CUT(name)
#define WISP_ENTRY_CUT(name) wisp_handler_unreachable,
#define WISP_DEFINE_CUT(name)
WISP_OPS(WISP_DECLARE, WISP_DECLARE_FUSED, WISP_DECLARE_VARIANT, WISP_DECLARE_CUT)
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
static wisp_handler _Nonnull const wisp_handlers[] WISP_TABLE_SECTION = { WISP_OPS(WISP_ENTRY, WISP_ENTRY_FUSED, WISP_ENTRY_VARIANT, WISP_ENTRY_CUT) };
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
WISP_OPS(WISP_DEFINE, WISP_DEFINE_FUSED, WISP_DEFINE_VARIANT, WISP_DEFINE_CUT)
#undef WISP_DEFINE

// Pairs: two instructions that often run one after the other, run by one handler that inlines
// both bodies with no dispatch between them (superinstructions by concatenation). Each
// instruction keeps its own words, and the second its own handler word, so a branch or a resumed
// call that lands on the second runs it alone; the first is never a control instruction, so it
// always falls through to the second. Listed as P(first body, its mode, second body, its mode) with N for mode 0 (ISA/pairs.isa: chosen from a profile); ISA.swift's
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

/// Runs translated code from `pc` until an instruction leaves (see WISP_DEFINE). `acc` is 0, or
/// what a metered branch that suspended at `pc` read from it (it runs again, whole).
static inline void wisp_run(uint64_t *_Nonnull pc, uint64_t *_Nonnull fp, void *_Nonnull md, uint64_t ms,
                            uint64_t fuel, uint64_t acc, void *_Nonnull vm) {
#ifdef WISP_SPILL
    wisp_spill spill = { ms, fuel, acc, vm };
    wisp_spill *sp = &spill;
#else
    uintptr_t base = (uintptr_t)&wisp_handler_unreachable;
#endif
    WISP_NEXT(pc)(WISP_ARGS);
}

// The table's length and its names, for the test that keeps this list and `Op` in step.
#define WISP_NAME(name) #name,
#define WISP_NAME_VARIANT(name, m) #name "_" #m,
static const char *_Nonnull const wisp_op_names[] = { WISP_OPS(WISP_NAME, WISP_NAME, WISP_NAME_VARIANT, WISP_NAME) };
#undef WISP_NAME
static inline unsigned wisp_op_count(void) { return sizeof(wisp_op_names) / sizeof(wisp_op_names[0]); }
static inline const char *_Nonnull wisp_op_name(unsigned i) { return wisp_op_names[i]; }

#endif
