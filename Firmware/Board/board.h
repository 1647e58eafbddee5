// The C side of the firmware for QEMU's mps2-an386 (Cortex-M4): what the Swift program calls.
// Swift sees these through -import-bridging-header; startup.c implements them.
#pragma once
#include <stddef.h>
#include <stdint.h>

/// Writes `count` bytes to the CMSDK UART0 (QEMU: -serial stdio).
void board_uart_write(const uint8_t *bytes, size_t count);

/// Ends the emulation with `status` through semihosting SYS_EXIT_EXTENDED. Never returns.
__attribute__((noreturn)) void board_exit(int status);

/// The heap pool: a static array in .bss that every allocation comes from (malloc shims in Swift).
uint8_t *board_pool_base(void);
size_t board_pool_size(void);

/// The static buffer holding the WebAssembly module's linear memory.
uint8_t *board_wasm_memory_base(void);
size_t board_wasm_memory_size(void);

/// The main stack's bounds (from the linker script): [low, high), growing down from high.
uintptr_t board_stack_low(void);
uintptr_t board_stack_high(void);

/// The SysTick counter run from reset: CPU cycles elapsed (24-bit hardware counter, extended in software
/// when read at least once every 2^24 cycles).
uint64_t board_cycles(void);

/// The embedded .wasm module (built from Firmware/Wasm/checks.c, placed in flash by wasm_blob.S).
const uint8_t *board_checks_wasm(void);
size_t board_checks_wasm_size(void);

/// Fills the unused part of the main stack with a pattern, so board_stack_peak can measure the
/// deepest the stack has been since. Call early, from a shallow frame.
void board_stack_paint(void);
/// Bytes of the main stack used at the deepest point since board_stack_paint.
size_t board_stack_peak(void);
