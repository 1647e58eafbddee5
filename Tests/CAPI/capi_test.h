/*
 * Helpers shared by the C API tests (Tests/CAPI/std_*.c): checks that print what they checked,
 * modules from WAT text, calls with arrays of values and trap messages as strings. A check that
 * fails prints "FAIL " before its line (so the output differs from NAME.expected), says where on
 * stderr, and makes capi_finish() return 1. REQUIRE stops the test at once (for a NULL that later
 * steps would dereference).
 */
#ifndef CAPI_TEST_H
#define CAPI_TEST_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wisp.h"

static int capi_failures = 0;

__attribute__((format(printf, 4, 5)))
static inline bool capi_check(bool ok, const char* file, int line, const char* format, ...) {
  va_list ap;
  va_start(ap, format);
  if (!ok) printf("FAIL ");
  vprintf(format, ap);
  printf("\n");
  va_end(ap);
  fflush(stdout);
  if (!ok) {
    capi_failures++;
    fprintf(stderr, "%s:%d: check failed\n", file, line);
  }
  return ok;
}

#define CHECK(cond, ...) capi_check((cond), __FILE__, __LINE__, __VA_ARGS__)
#define REQUIRE(cond, ...)                                                       \
  do {                                                                           \
    if (!CHECK(cond, __VA_ARGS__)) {                                             \
      fprintf(stderr, "stopping (last error: %s)\n", capi_last_error());          \
      exit(1);                                                                   \
    }                                                                            \
  } while (0)

static inline const char* capi_last_error(void) {
  const char* e = wisp_last_error();
  return e ? e : "(none)";
}

static inline int capi_finish(void) {
  printf("%s\n", capi_failures ? "FAILED" : "done");
  return capi_failures ? 1 : 0;
}

/* The binary of a module in the text format; stops the test when the text does not encode. */
static inline void capi_wat(const char* wat, wasm_byte_vec_t* out) {
  if (!wisp_wat2wasm(wat, strlen(wat), out)) {
    printf("FAIL wisp_wat2wasm: %s\n", capi_last_error());
    exit(1);
  }
}

/* A module from WAT text; stops the test when it does not compile. */
static inline wasm_module_t* capi_module(wasm_store_t* store, const char* wat) {
  wasm_byte_vec_t binary;
  capi_wat(wat, &binary);
  wasm_module_t* module = wasm_module_new(store, &binary);
  wasm_byte_vec_delete(&binary);
  if (!module) {
    printf("FAIL wasm_module_new: %s\n", capi_last_error());
    exit(1);
  }
  return module;
}

/* A trap's message as a C string (in a per-thread buffer that the next call reuses); "(no trap)" for
 * NULL. */
static inline const char* capi_trap_text(const wasm_trap_t* trap) {
  static _Thread_local char buffer[512];
  if (!trap) return "(no trap)";
  wasm_message_t message;
  wasm_trap_message(trap, &message);
  size_t n = message.size;
  if (n > 0 && message.data[n - 1] == '\0') n--;
  if (n >= sizeof buffer) n = sizeof buffer - 1;
  memcpy(buffer, message.data, n);
  buffer[n] = '\0';
  wasm_byte_vec_delete(&message);
  return buffer;
}

/* capi_trap_text, then deletes the trap. */
static inline const char* capi_take_trap_text(wasm_trap_t* trap) {
  const char* text = capi_trap_text(trap);
  if (trap) wasm_trap_delete(trap);
  return text;
}

/* Calls `func` with arrays of arguments and results; the trap (owned by the caller) or NULL. */
static inline wasm_trap_t* capi_call(const wasm_func_t* func, wasm_val_t* args, size_t nargs, wasm_val_t* results,
                                     size_t nresults) {
  wasm_val_vec_t a = {nargs, args};
  wasm_val_vec_t r = {nresults, results};
  return wasm_func_call(func, &a, &r);
}

/* The export at `index` of `exports` as a function, global, table or memory; stops the test when
 * it is not one. */
static inline wasm_func_t* capi_export_func(const wasm_extern_vec_t* exports, size_t index) {
  wasm_func_t* f = index < exports->size ? wasm_extern_as_func(exports->data[index]) : NULL;
  if (!f) { printf("FAIL export %zu is not a function\n", index); exit(1); }
  return f;
}
static inline wasm_global_t* capi_export_global(const wasm_extern_vec_t* exports, size_t index) {
  wasm_global_t* g = index < exports->size ? wasm_extern_as_global(exports->data[index]) : NULL;
  if (!g) { printf("FAIL export %zu is not a global\n", index); exit(1); }
  return g;
}
static inline wasm_table_t* capi_export_table(const wasm_extern_vec_t* exports, size_t index) {
  wasm_table_t* t = index < exports->size ? wasm_extern_as_table(exports->data[index]) : NULL;
  if (!t) { printf("FAIL export %zu is not a table\n", index); exit(1); }
  return t;
}
static inline wasm_memory_t* capi_export_memory(const wasm_extern_vec_t* exports, size_t index) {
  wasm_memory_t* m = index < exports->size ? wasm_extern_as_memory(exports->data[index]) : NULL;
  if (!m) { printf("FAIL export %zu is not a memory\n", index); exit(1); }
  return m;
}

#endif
