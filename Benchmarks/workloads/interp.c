/* A small stack-based bytecode interpreter (a switch dispatch loop with locals,
 * arithmetic, comparisons, jumps and calls), running a bytecode program that sums
 * Collatz sequence lengths for 1..n. Tests how well a runtime runs an interpreter. */
#include "common.h"

enum {
    OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_LT, OP_EQ,
    OP_JMP, OP_JZ, OP_JNZ, OP_CALL, OP_RET, OP_DUP, OP_POP, OP_SHR, OP_AND, OP_HALT,
};

/* The program, assembled by build() (jump targets are patched in place):
 *   main(n): total = 0; i = 1; while (i < n+1) { total += collatz(i); i++ } return total
 *   collatz(x): steps = 0; while (x != 1) { x = x & 1 ? 3x+1 : x >> 1; steps++ } return steps
 * Locals are frame-relative; CALL pushes a frame with the argument in local 0. */
static i32 code[128];
static u32 code_len;

static void emit(i32 v) { code[code_len++] = v; }

static void build(void) {
    code_len = 0;
    /* main */
    emit(OP_PUSH); emit(0); emit(OP_STORE); emit(1);
    emit(OP_PUSH); emit(1); emit(OP_STORE); emit(2);
    u32 loop = code_len;
    emit(OP_LOAD); emit(2); emit(OP_LOAD); emit(0); emit(OP_PUSH); emit(1); emit(OP_ADD); emit(OP_LT);
    emit(OP_JZ); u32 exit_patch = code_len; emit(0);
    emit(OP_LOAD); emit(1); emit(OP_LOAD); emit(2); emit(OP_CALL); u32 call_patch = code_len; emit(0);
    emit(OP_ADD); emit(OP_STORE); emit(1);
    emit(OP_LOAD); emit(2); emit(OP_PUSH); emit(1); emit(OP_ADD); emit(OP_STORE); emit(2);
    emit(OP_JMP); emit((i32)loop);
    code[exit_patch] = (i32)code_len;
    emit(OP_LOAD); emit(1); emit(OP_RET);
    /* collatz: local0 = x, local1 = steps */
    code[call_patch] = (i32)code_len;
    emit(OP_PUSH); emit(0); emit(OP_STORE); emit(1);
    u32 head = code_len;
    emit(OP_LOAD); emit(0); emit(OP_PUSH); emit(1); emit(OP_EQ);
    emit(OP_JNZ); u32 done_patch = code_len; emit(0);
    emit(OP_LOAD); emit(0); emit(OP_PUSH); emit(1); emit(OP_AND);
    emit(OP_JZ); u32 even_patch = code_len; emit(0);
    emit(OP_LOAD); emit(0); emit(OP_PUSH); emit(3); emit(OP_MUL); emit(OP_PUSH); emit(1); emit(OP_ADD);
    emit(OP_STORE); emit(0);
    emit(OP_JMP); u32 join_patch = code_len; emit(0);
    code[even_patch] = (i32)code_len;
    emit(OP_LOAD); emit(0); emit(OP_PUSH); emit(1); emit(OP_SHR); emit(OP_STORE); emit(0);
    code[join_patch] = (i32)code_len;
    emit(OP_LOAD); emit(1); emit(OP_PUSH); emit(1); emit(OP_ADD); emit(OP_STORE); emit(1);
    emit(OP_JMP); emit((i32)head);
    code[done_patch] = (i32)code_len;
    emit(OP_LOAD); emit(1); emit(OP_RET);
    emit(OP_HALT);
}

#define STACK_SIZE 1024
#define FRAME_LOCALS 8

static i64 execute(i64 arg) {
    i64 stack[STACK_SIZE];
    i64 locals[64 * FRAME_LOCALS];
    u32 ret_pc[64];
    u32 sp = 0, fp = 0, depth = 0, pc = 0;
    locals[0] = arg;
    for (;;) {
        i32 op = code[pc++];
        switch (op) {
        case OP_PUSH: stack[sp++] = code[pc++]; break;
        case OP_LOAD: stack[sp++] = locals[fp + code[pc++]]; break;
        case OP_STORE: locals[fp + code[pc++]] = stack[--sp]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case OP_DIV: sp--; stack[sp - 1] /= stack[sp]; break;
        case OP_MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case OP_LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case OP_EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
        case OP_SHR: sp--; stack[sp - 1] >>= stack[sp]; break;
        case OP_AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case OP_JMP: pc = (u32)code[pc]; break;
        case OP_JZ: { i32 t = code[pc++]; if (stack[--sp] == 0) pc = (u32)t; break; }
        case OP_JNZ: { i32 t = code[pc++]; if (stack[--sp] != 0) pc = (u32)t; break; }
        case OP_CALL: {
            i32 target = code[pc++];
            ret_pc[depth++] = pc;
            fp += FRAME_LOCALS;
            locals[fp] = stack[--sp];
            pc = (u32)target;
            break;
        }
        case OP_RET:
            if (depth == 0) return stack[--sp];
            fp -= FRAME_LOCALS;
            pc = ret_pc[--depth];
            break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OP_POP: sp--; break;
        default: return -1;
        }
    }
}

EXPORT("run") u64 run(u32 n) {
    build();
    return (u64)execute((i64)n);
}
