// Start-up code and board support for QEMU's mps2-an386 (Cortex-M4, AN386 FPGA image):
// the vector table, the reset handler (copy .data, zero .bss, set up picolibc's TLS, call Swift's
// main), a HardFault handler that prints where it happened and exits non-zero, the CMSDK UART0,
// semihosting exit, the static heap pool and wasm memory buffer, and the few functions picolibc
// expects its platform to provide.
//
// Everything here is freestanding C: no libc calls before the TLS block is set up.

#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <sys/types.h>
#include "board.h"

// Sizes of the two static regions. Changing them needs no other edit: the linker script places
// .bss, and the checks read the sizes through board_pool_size / board_wasm_memory_size.
#ifndef WISP_POOL_BYTES
#define WISP_POOL_BYTES (512 * 1024)
#endif
#ifndef WISP_STACK_BYTES
#define WISP_STACK_BYTES (64 * 1024)
#endif
#ifndef WISP_WASM_MEMORY_BYTES
#define WISP_WASM_MEMORY_BYTES (2 * 65536)
#endif

static uint8_t pool[WISP_POOL_BYTES] __attribute__((aligned(16)));
static uint8_t wasm_memory[WISP_WASM_MEMORY_BYTES] __attribute__((aligned(16)));
// The main stack; the linker script puts it at the bottom of RAM.
__attribute__((section(".bss.main_stack"), aligned(8), used)) static uint8_t main_stack[WISP_STACK_BYTES];

uint8_t *board_pool_base(void) { return pool; }
size_t board_pool_size(void) { return sizeof pool; }
uint8_t *board_wasm_memory_base(void) { return wasm_memory; }
size_t board_wasm_memory_size(void) { return sizeof wasm_memory; }

// Linker-script symbols.
extern uint32_t __data_source[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
extern uint32_t __stack_low[], __stack_high[];
extern char __tls_base[];

uintptr_t board_stack_low(void) { return (uintptr_t)__stack_low; }
uintptr_t board_stack_high(void) { return (uintptr_t)__stack_high; }

#define STACK_PAINT 0x57495350u  // "WISP"

void board_stack_paint(void) {
    uint32_t here;
    // Leave 256 bytes below this frame alone: the paint loop's own frame lives there.
    uint32_t *top = (uint32_t *)(((uintptr_t)&here - 256) & ~(uintptr_t)3);
    for (uint32_t *p = __stack_low; p < top; p++) *p = STACK_PAINT;
}

size_t board_stack_peak(void) {
    uint32_t *p = __stack_low;
    while (p < __stack_high && *p == STACK_PAINT) p++;
    return (size_t)((uintptr_t)__stack_high - (uintptr_t)p);
}

extern const uint8_t wisp_checks_wasm[], wisp_checks_wasm_end[];
const uint8_t *board_checks_wasm(void) { return wisp_checks_wasm; }
size_t board_checks_wasm_size(void) { return (size_t)(wisp_checks_wasm_end - wisp_checks_wasm); }

// MARK: UART (ARM CMSDK APB UART0)

#define UART0_BASE 0x40004000u
#define UART_DATA (*(volatile uint32_t *)(UART0_BASE + 0x00))
#define UART_STATE (*(volatile uint32_t *)(UART0_BASE + 0x04))
#define UART_CTRL (*(volatile uint32_t *)(UART0_BASE + 0x08))
#define UART_BAUDDIV (*(volatile uint32_t *)(UART0_BASE + 0x10))
#define UART_STATE_TX_FULL 1u
#define UART_CTRL_TX_EN 1u

static void uart_init(void) {
    UART_BAUDDIV = 16;  // the minimum the CMSDK UART accepts; QEMU ignores the rate
    UART_CTRL = UART_CTRL_TX_EN;
}

static void uart_putc(uint8_t c) {
    while (UART_STATE & UART_STATE_TX_FULL) {}
    UART_DATA = c;
}

void board_uart_write(const uint8_t *bytes, size_t count) {
    for (size_t i = 0; i < count; i++) {
        if (bytes[i] == '\n') uart_putc('\r');
        uart_putc(bytes[i]);
    }
}

static void uart_puts(const char *s) {
    while (*s) uart_putc((uint8_t)*s++);
}

static void uart_hex(uint32_t v) {
    static const char digits[] = "0123456789abcdef";
    uart_puts("0x");
    for (int shift = 28; shift >= 0; shift -= 4) uart_putc((uint8_t)digits[(v >> shift) & 0xf]);
}

// Embedded Swift's print() writes one character at a time through putchar.
int putchar(int c) {
    uint8_t b = (uint8_t)c;
    board_uart_write(&b, 1);
    return c;
}

// MARK: semihosting

#define SYS_EXIT_EXTENDED 0x20
#define ADP_Stopped_ApplicationExit 0x20026

static uint32_t semihost(uint32_t op, const void *arg) {
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void board_exit(int status) {
    // QEMU: -semihosting-config enable=on,target=native makes this end the emulator with `status`.
    uint32_t block[2] = {ADP_Stopped_ApplicationExit, (uint32_t)status};
    semihost(SYS_EXIT_EXTENDED, block);
    for (;;) __asm__ volatile("wfi");
}

// MARK: SysTick clock

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)

static uint64_t cycles_base;
static uint32_t cycles_last;

uint64_t board_cycles(void) {
    // The counter counts down from 2^24 - 1 and wraps; a read every < 2^24 cycles sees every wrap.
    uint32_t now = (0xFFFFFFu - SYST_CVR) & 0xFFFFFFu;
    if (now < cycles_last) cycles_base += 0x1000000u;
    cycles_last = now;
    return cycles_base + now;
}

static void systick_init(void) {
    SYST_RVR = 0xFFFFFFu;
    SYST_CVR = 0;
    SYST_CSR = 5;  // enable, processor clock, no interrupt
}

// MARK: the C heap, forwarded to Wisp's platform heap (Firmware/Sources/HeapShims.swift)

extern void *wisp_heap_malloc(size_t size);
extern void wisp_heap_free(void *pointer);
extern void *wisp_heap_calloc(size_t count, size_t size);
extern void *wisp_heap_realloc(void *pointer, size_t size);
extern int wisp_heap_posix_memalign(void **result, size_t alignment, size_t size);
extern void *wisp_heap_aligned_alloc(size_t alignment, size_t size);

void *malloc(size_t size) { return wisp_heap_malloc(size); }
void free(void *pointer) { wisp_heap_free(pointer); }
void *calloc(size_t count, size_t size) { return wisp_heap_calloc(count, size); }
void *realloc(void *pointer, size_t size) { return wisp_heap_realloc(pointer, size); }
int posix_memalign(void **result, size_t alignment, size_t size) {
    return wisp_heap_posix_memalign(result, alignment, size);
}
void *aligned_alloc(size_t alignment, size_t size) { return wisp_heap_aligned_alloc(alignment, size); }
void *memalign(size_t alignment, size_t size) { return wisp_heap_aligned_alloc(alignment, size); }

// MARK: what picolibc expects from its platform

// picolibc's arc4random_buf (which Swift's hashing seeds from) needs entropy. A board without a
// TRNG has none: hashing seeds are then fixed, which is fine for a test image.
int getentropy(void *buffer, size_t length) {
    uint8_t *b = buffer;
    uint32_t x = 0x9E3779B9u ^ (uint32_t)board_cycles();
    for (size_t i = 0; i < length; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        b[i] = (uint8_t)x;
    }
    return 0;
}

// abort() raises SIGABRT through these.
pid_t getpid(void) { return 1; }
int kill(pid_t pid, int sig) {
    (void)pid;
    uart_puts("\r\nabort (signal ");
    uart_hex((uint32_t)sig);
    uart_puts(")\r\n");
    board_exit(134);
}
void _exit(int status) { board_exit(status); }

// MARK: reset and faults

extern int main(int argc, char **argv);
extern void _set_tls(void *tls);

__attribute__((noreturn)) void Reset_Handler(void) {
    uint32_t *src = __data_source, *dst = __data_start;
    while (dst < __data_end) *dst++ = *src++;
    for (uint32_t *p = __bss_start; p < __bss_end; p++) *p = 0;
    // picolibc keeps errno (strtod, math) in thread-local storage: point the thread pointer at the
    // TLS block the linker script lays out inside .data/.bss.
    _set_tls(__tls_base);
    uart_init();
    systick_init();
    int status = main(0, 0);
    board_exit(status);
}

// Called from the naked HardFault entry with the stacked exception frame:
// r0, r1, r2, r3, r12, lr, pc, xpsr.
__attribute__((noreturn, used)) void hard_fault_report(uint32_t *frame) {
    volatile uint32_t *cfsr = (volatile uint32_t *)0xE000ED28u;
    uart_puts("\r\nHardFault: pc=");
    uart_hex(frame[6]);
    uart_puts(" lr=");
    uart_hex(frame[5]);
    uart_puts(" cfsr=");
    uart_hex(*cfsr);
    uart_puts("\r\n");
    board_exit(3);
}

__attribute__((naked)) void HardFault_Handler(void) {
    // EXC_RETURN bit 2 says which stack holds the frame.
    __asm__ volatile(
        "tst lr, #4\n"
        "ite eq\n"
        "mrseq r0, msp\n"
        "mrsne r0, psp\n"
        "b hard_fault_report\n");
}

__attribute__((noreturn)) static void unexpected_exception(void) {
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    uart_puts("\r\nunexpected exception ");
    uart_hex(ipsr);
    uart_puts("\r\n");
    board_exit(4);
}

typedef void (*vector)(void);

// Faults other than HardFault are disabled at reset, so every fault escalates to HardFault.
__attribute__((section(".vectors"), used)) const vector vector_table[16 + 32] = {
    [0] = (vector)__stack_high,
    [1] = Reset_Handler,
    [2] = unexpected_exception,  // NMI
    [3] = HardFault_Handler,
    [4 ... 47] = unexpected_exception,
};
