/*
 * wisp.h: what Wisp offers C hosts beyond the standard wasm.h (include this one; it includes
 * wasm.h): error messages, engine settings (features, fuel metering, call depth, native stack
 * headroom, memory backend, limits), fuel, resumable calls, interrupt handles, live stack capture,
 * memories in caller-provided buffers, and WASI preview 1.
 *
 * Conventions: as in wasm.h, `own` marks ownership passing. A function that can fail returns false
 * or NULL and leaves a message for wisp_last_error().
 */
#ifndef WISP_H
#define WISP_H

#include "wasm.h"

#ifdef __cplusplus
extern "C" {
#endif

#define own

/* ---- Errors ------------------------------------------------------------------------------- */

/* The message of the last failure of an API call on this thread (a module that did not decode, an
 * import that did not match, a value of the wrong type...), or NULL if none failed yet. Valid until
 * the next failing call on this thread. */
WASM_API_EXTERN const char* wisp_last_error(void);

/* If `trap` ended the program through WASI's proc_exit: true, with the status in *status. */
WASM_API_EXTERN bool wisp_trap_exit_status(const wasm_trap_t* trap, int* status);

/* The kind of trap, as its default wording, which does not change with the message: "unreachable",
 * "out of fuel", "interrupted", "call stack exhausted", "host function failed" (a host function's
 * trap), "misuse of the embedding API" (arguments of the wrong number or type...), "exit"... The
 * string lives as long as the process. NULL when `trap` is not a trap. */
WASM_API_EXTERN const char* wisp_trap_kind(const wasm_trap_t* trap);

/* ---- Text format ------------------------------------------------------------------------- */

/* Encodes a module in the text format (`length` bytes of UTF-8 at `wat`) to the binary format in
 * `out` (owned by the caller). false, with `out` empty and the line and column of the error in
 * wisp_last_error(), when the text is malformed. */
WASM_API_EXTERN bool wisp_wat2wasm(const char* wat, size_t length, own wasm_byte_vec_t* out);

/* ---- Engine configuration ----------------------------------------------------------------- */

/* The proposals the engine accepts: a comma-separated list of names as `wisp run --features`
 * takes them ("wasm2", "wasm3", "all", or single proposals such as "simd,tail-call"). false (and
 * the setting unchanged) for an unknown name. */
WASM_API_EXTERN bool wisp_config_features(wasm_config_t*, const char* names);

/* Instruction metering: with it, every store starts with no fuel (wisp_store_set_fuel gives some)
 * and a call suspends (wisp_func_call_resumable) or traps ("out of fuel") when it runs out. */
WASM_API_EXTERN void wisp_config_fuel_metering(wasm_config_t*, bool enable);

/* The deepest WebAssembly call nesting before "call stack exhausted" (default 100,000). */
WASM_API_EXTERN void wisp_config_max_call_depth(wasm_config_t*, uint32_t depth);

/* Native stack bytes kept free for host functions (default 64 KiB). */
WASM_API_EXTERN void wisp_config_native_stack_headroom(wasm_config_t*, size_t bytes);

/* Validate function bodies on first call instead of at wasm_module_new (faster start-up). */
WASM_API_EXTERN void wisp_config_lazy_validation(wasm_config_t*, bool lazy);

typedef uint8_t wisp_memory_backend_t;
enum wisp_memory_backend_enum {
  WISP_MEMORY_HEAP,     /* growable heap blocks (the default) */
  WISP_MEMORY_RESERVED, /* a guard-page address-space reservation; never moves (64-bit Linux, macOS) */
};

/* The backend of the memories the engine's stores create. false if not available here. */
WASM_API_EXTERN bool wisp_config_memory_backend(wasm_config_t*, wisp_memory_backend_t);

/* Limits for every store of the engine; 0 means no limit. */
WASM_API_EXTERN void wisp_config_limits(wasm_config_t*, uint64_t max_memory_bytes, uint64_t max_table_elements,
                                        uint32_t max_instances, uint64_t max_total_bytes);

/* ---- Fuel --------------------------------------------------------------------------------- */

/* Sets (replaces) or adds to the store's fuel. false when the engine does not meter. */
WASM_API_EXTERN bool wisp_store_set_fuel(wasm_store_t*, uint64_t units);
WASM_API_EXTERN bool wisp_store_add_fuel(wasm_store_t*, uint64_t units);
/* The fuel left; false when the engine does not meter. */
WASM_API_EXTERN bool wisp_store_fuel_remaining(const wasm_store_t*, uint64_t* units);
/* Fuel used since the store was created. */
WASM_API_EXTERN uint64_t wisp_store_fuel_consumed(const wasm_store_t*);

/* ---- Resumable calls ---------------------------------------------------------------------- */

/* A call that suspended with its frames intact (out of fuel, interrupted, or a host yield). */
typedef struct wisp_call_t wisp_call_t;

typedef uint8_t wisp_call_status_t;
enum wisp_call_status_enum {
  WISP_CALL_RETURNED,  /* results written */
  WISP_CALL_TRAPPED,   /* *trap set (owned by the caller) */
  WISP_CALL_SUSPENDED, /* *call set (owned by the caller): add fuel or clear the interrupt, then resume */
};

typedef uint8_t wisp_suspend_reason_t;
enum wisp_suspend_reason_enum {
  WISP_SUSPEND_OUT_OF_FUEL,
  WISP_SUSPEND_INTERRUPTED,
  WISP_SUSPEND_YIELD,
};

/* Calls `func` so that it may suspend. `trap` and `call` receive the outcome (either may be NULL
 * when the caller does not want it; an unwanted suspended call is dropped). */
WASM_API_EXTERN wisp_call_status_t wisp_func_call_resumable(const wasm_func_t* func, const wasm_val_vec_t* args,
                                                            wasm_val_vec_t* results, own wasm_trap_t** trap,
                                                            own wisp_call_t** call);

/* Resumes a suspended call. On WISP_CALL_SUSPENDED the same `call` is still valid (suspended
 * again); otherwise it is finished and only wisp_call_delete remains. */
WASM_API_EXTERN wisp_call_status_t wisp_call_resume(wisp_call_t* call, wasm_val_vec_t* results,
                                                    own wasm_trap_t** trap);

WASM_API_EXTERN wisp_suspend_reason_t wisp_call_reason(const wisp_call_t* call);

/* Deletes the call; a call still suspended is dropped (its frames discarded). */
WASM_API_EXTERN void wisp_call_delete(own wisp_call_t* call);

/* ---- Interrupts --------------------------------------------------------------------------- */

/* Asks a running guest to stop, from any thread or a signal handler. */
typedef struct wisp_interrupt_handle_t wisp_interrupt_handle_t;

WASM_API_EXTERN own wisp_interrupt_handle_t* wisp_store_interrupt_handle(wasm_store_t*);
/* The guest stops at its next backward branch or call: with trap=false a resumable call suspends
 * (WISP_SUSPEND_INTERRUPTED) and a plain call traps "interrupted"; with trap=true every call traps.
 * Async-signal-safe. */
WASM_API_EXTERN void wisp_interrupt_handle_interrupt(wisp_interrupt_handle_t*, bool trap);
/* Withdraws a request not yet acted on. */
WASM_API_EXTERN void wisp_interrupt_handle_clear(wisp_interrupt_handle_t*);
WASM_API_EXTERN void wisp_interrupt_handle_delete(own wisp_interrupt_handle_t*);

/* ---- Live stack capture ------------------------------------------------------------------- */

typedef struct wisp_stack_sampler_t wisp_stack_sampler_t;

typedef struct wisp_stack_frame_t {
  uint32_t func_index;  /* in its module's function index space */
  int32_t code_offset;  /* instruction offset in the code section, or -1 */
  bool is_host;         /* a host function's frame */
} wisp_stack_frame_t;

/* A sampler reads the store's wasm call stack while another thread runs it, lock-free and without
 * stopping it; one sampler per reading thread. */
WASM_API_EXTERN own wisp_stack_sampler_t* wisp_store_stack_sampler(wasm_store_t*);
/* Writes up to `capacity` frames (at most 1,024), innermost first, and returns how many: 0 when
 * the store runs nothing, -1 when the stack changed too often to copy consistently (try again).
 * Allocates nothing and takes no lock: usable from a signal handler. */
WASM_API_EXTERN int wisp_stack_sampler_capture(wisp_stack_sampler_t*, wisp_stack_frame_t* frames, size_t capacity);
WASM_API_EXTERN void wisp_stack_sampler_delete(own wisp_stack_sampler_t*);

/* ---- Memories in host buffers ------------------------------------------------------------- */

/* A memory that lives in `buffer` (`capacity` bytes, which must stay valid and unused by anything
 * else while the memory exists): it never moves and cannot grow past the buffer. */
WASM_API_EXTERN own wasm_memory_t* wisp_memory_new_static(wasm_store_t*, const wasm_memorytype_t*, void* buffer,
                                                         size_t capacity);

/* ---- Checked global and table writes ------------------------------------------------------ */

/* wasm_global_set that reports: false (and wisp_last_error) when the global is immutable or the
 * value's type differs. */
WASM_API_EXTERN bool wisp_global_set(wasm_global_t*, const wasm_val_t*);

/* ---- WASI preview 1 ----------------------------------------------------------------------- */

typedef struct wisp_wasi_config_t wisp_wasi_config_t;

WASM_API_EXTERN own wisp_wasi_config_t* wisp_wasi_config_new(void);
WASM_API_EXTERN void wisp_wasi_config_delete(own wisp_wasi_config_t*);
/* Program arguments, argv[0] first. */
WASM_API_EXTERN void wisp_wasi_config_set_argv(wisp_wasi_config_t*, size_t argc, const char* const argv[]);
/* Environment variables as NAME=VALUE strings. */
WASM_API_EXTERN void wisp_wasi_config_set_env(wisp_wasi_config_t*, size_t count, const char* const entries[]);
/* Makes host directory `host_path` visible to the guest as `guest_path`. */
WASM_API_EXTERN void wisp_wasi_config_preopen_dir(wisp_wasi_config_t*, const char* host_path, const char* guest_path);
/* The guest's standard streams: host file descriptors (default 0, 1, 2, inherited), or files. The
 * file functions return false (wisp_last_error) when the file cannot be opened. */
WASM_API_EXTERN void wisp_wasi_config_set_stdio_fds(wisp_wasi_config_t*, int stdin_fd, int stdout_fd, int stderr_fd);
WASM_API_EXTERN bool wisp_wasi_config_set_stdin_file(wisp_wasi_config_t*, const char* path);
WASM_API_EXTERN bool wisp_wasi_config_set_stdout_file(wisp_wasi_config_t*, const char* path);
WASM_API_EXTERN bool wisp_wasi_config_set_stderr_file(wisp_wasi_config_t*, const char* path);

/* Provides WASI for `module`: `out` gets one entry per import of the module, in order, with the
 * wasi_snapshot_preview1 functions filled in and NULL for the rest (fill those, then pass `out` to
 * wasm_instance_new). Takes `config`. false (wisp_last_error) when a preopened directory cannot be
 * opened. */
WASM_API_EXTERN bool wisp_wasi_imports(wasm_store_t*, const wasm_module_t*, own wisp_wasi_config_t* config,
                                       own wasm_extern_vec_t* out);

#undef own

#ifdef __cplusplus
}
#endif

#endif /* WISP_H */
