// wisp.h: fuel and resumable calls, interrupts from another thread, live stack capture, memories
// in host buffers, limits, features, the text format and WASI, through the C API.
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capi_test.h"

// A module, or NULL when the engine refuses it (some checks expect that).
static wasm_module_t* compile(wasm_store_t* store, const char* wat) {
  wasm_byte_vec_t binary;
  capi_wat(wat, &binary);
  wasm_module_t* module = wasm_module_new(store, &binary);
  wasm_byte_vec_delete(&binary);
  return module;
}

static wasm_instance_t* instantiate(wasm_store_t* store, wasm_module_t* module, wasm_extern_vec_t* exports) {
  wasm_extern_vec_t imports = WASM_EMPTY_VEC;
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, NULL);
  if (!instance) {
    printf("instantiate: %s\n", wisp_last_error());
    exit(1);
  }
  wasm_instance_exports(instance, exports);
  return instance;
}

// sum(n): adds 1..n in a loop, so its fuel grows with n.
static const char* sum_text =
    "(module"
    "  (func $sum (export \"sum\") (param $n i32) (result i32) (local $s i32)"
    "    (block $done (loop $next"
    "      (br_if $done (i32.eqz (local.get $n)))"
    "      (local.set $s (i32.add (local.get $s) (local.get $n)))"
    "      (local.set $n (i32.sub (local.get $n) (i32.const 1)))"
    "      (br $next)))"
    "    (local.get $s))"
    "  (func $spin (loop $l (br $l)))"
    "  (func $middle (call $spin))"
    "  (func (export \"spin\") (call $middle)))";

static void test_fuel(void) {
  wasm_config_t* config = wasm_config_new();
  wisp_config_fuel_metering(config, true);
  wasm_engine_t* engine = wasm_engine_new_with_config(config);
  wasm_store_t* store = wasm_store_new(engine);
  wasm_module_t* module = compile(store, sum_text);
  wasm_extern_vec_t exports;
  wasm_instance_t* instance = instantiate(store, module, &exports);
  wasm_func_t* sum = wasm_extern_as_func(exports.data[0]);

  uint64_t left = 1;
  CHECK(wisp_store_fuel_remaining(store, &left) && left == 0, "a metered store starts without fuel");

  // The whole call's fuel, measured once.
  wasm_val_t a[] = {WASM_I32_VAL(1000)};
  wasm_val_vec_t args = WASM_ARRAY_VEC(a);
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_val_vec_t results = WASM_ARRAY_VEC(r);
  CHECK(wisp_store_set_fuel(store, 1000000), "fuel set");
  uint64_t before = wisp_store_fuel_consumed(store);
  wasm_trap_t* trap = wasm_func_call(sum, &args, &results);
  uint64_t whole = wisp_store_fuel_consumed(store) - before;
  CHECK(!trap && r[0].of.i32 == 500500, "sum(1000) = 500500 with enough fuel");
  CHECK(whole > 1000, "the call used fuel in proportion to its loop");

  // Too little fuel: a plain call traps, a resumable call suspends and resumes to the same result.
  wisp_store_set_fuel(store, 10);
  trap = wasm_func_call(sum, &args, &results);
  CHECK(trap && !strcmp(wisp_trap_kind(trap), "out of fuel"), "a plain call out of fuel traps");
  wasm_trap_delete(trap);

  wisp_store_set_fuel(store, 997);
  before = wisp_store_fuel_consumed(store);
  wisp_call_t* call = NULL;
  r[0].of.i32 = 0;
  wisp_call_status_t status = wisp_func_call_resumable(sum, &args, &results, &trap, &call);
  int slices = 1;
  CHECK(status == WISP_CALL_SUSPENDED && call && wisp_call_reason(call) == WISP_SUSPEND_OUT_OF_FUEL,
        "a resumable call suspends when its fuel runs out");
  while (status == WISP_CALL_SUSPENDED) {
    wisp_store_add_fuel(store, 997);
    status = wisp_call_resume(call, &results, &trap);
    slices++;
  }
  wisp_call_delete(call);
  CHECK(status == WISP_CALL_RETURNED && r[0].of.i32 == 500500, "resumed in slices of 997, it returns 500500");
  CHECK(wisp_store_fuel_consumed(store) - before == whole, "slices use exactly the fuel of the whole call");
  printf("~ %d slices of 997 for %llu units\n", slices, (unsigned long long)whole);

  // A suspended call that is dropped leaves the store usable.
  wisp_store_set_fuel(store, 10);
  status = wisp_func_call_resumable(sum, &args, &results, &trap, &call);
  CHECK(status == WISP_CALL_SUSPENDED, "suspended again");
  wisp_call_delete(call);
  wisp_store_set_fuel(store, 1000000);
  trap = wasm_func_call(sum, &args, &results);
  CHECK(!trap && r[0].of.i32 == 500500, "after dropping a suspended call, calls run");

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_store_delete(store);

  // Without metering there is no fuel to set.
  wasm_engine_t* plain = wasm_engine_new();
  wasm_store_t* unmetered = wasm_store_new(plain);
  CHECK(!wisp_store_set_fuel(unmetered, 5) && !wisp_store_fuel_remaining(unmetered, &left),
        "an unmetered store refuses fuel");
  wasm_store_delete(unmetered);
  wasm_engine_delete(plain);
  wasm_engine_delete(engine);
}

struct watcher {
  wisp_interrupt_handle_t* handle;
  wisp_stack_sampler_t* sampler;
  bool trap;
  int frames;
  wisp_stack_frame_t stack[16];
};

// Waits until the guest's stack is three frames deep (spin <- middle <- the export), records it,
// then interrupts the guest.
static void* watch(void* arg) {
  struct watcher* w = arg;
  for (int tries = 0; tries < 100000; tries++) {
    int n = wisp_stack_sampler_capture(w->sampler, w->stack, 16);
    if (n >= 3) {
      w->frames = n;
      break;
    }
    usleep(100);
  }
  wisp_interrupt_handle_interrupt(w->handle, w->trap);
  return NULL;
}

static void test_interrupt_and_stacks(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_module_t* module = compile(store, sum_text);
  wasm_extern_vec_t exports;
  wasm_instance_t* instance = instantiate(store, module, &exports);
  wasm_func_t* spin = wasm_extern_as_func(exports.data[1]);
  wasm_val_vec_t none = WASM_EMPTY_VEC;

  struct watcher w = {wisp_store_interrupt_handle(store), wisp_store_stack_sampler(store), false, 0, {{0}}};
  CHECK(wisp_stack_sampler_capture(w.sampler, w.stack, 16) == 0, "an idle store has no stack");

  // Suspend: the endless loop stops where it is, the stack is seen from the other thread.
  pthread_t thread;
  pthread_create(&thread, NULL, watch, &w);
  wasm_trap_t* trap = NULL;
  wisp_call_t* call = NULL;
  wisp_call_status_t status = wisp_func_call_resumable(spin, &none, &none, &trap, &call);
  pthread_join(thread, NULL);
  CHECK(status == WISP_CALL_SUSPENDED && wisp_call_reason(call) == WISP_SUSPEND_INTERRUPTED,
        "an interrupt suspends a resumable call in an endless loop");
  CHECK(w.frames == 3, "the sampler saw three frames");
  CHECK(w.stack[0].func_index == 1 && w.stack[1].func_index == 2 && w.stack[2].func_index == 3,
        "innermost first: spin (1), middle (2), the export (3)");
  CHECK(!w.stack[0].is_host && w.stack[0].code_offset >= 0, "a wasm frame with a code offset");
  wisp_call_delete(call);

  // Trap: a plain call ends with the trap "interrupted".
  w.trap = true;
  w.frames = 0;
  pthread_create(&thread, NULL, watch, &w);
  trap = wasm_func_call(spin, &none, &none);
  pthread_join(thread, NULL);
  CHECK(trap && !strcmp(wisp_trap_kind(trap), "interrupted"), "an interrupt with trap=true traps the call");
  wasm_frame_vec_t trace;
  wasm_trap_trace(trap, &trace);
  CHECK(trace.size == 3 && wasm_frame_func_index(trace.data[0]) == 1, "the trap's trace has the three frames");
  wasm_frame_vec_delete(&trace);
  wasm_trap_delete(trap);

  wisp_interrupt_handle_delete(w.handle);
  wisp_stack_sampler_delete(w.sampler);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
}

static void test_memory_and_limits(void) {
  wasm_config_t* config = wasm_config_new();
  wisp_config_limits(config, 4 * 65536, 0, 0, 0);
  wasm_engine_t* engine = wasm_engine_new_with_config(config);
  wasm_store_t* store = wasm_store_new(engine);

  // A memory in a host buffer of three pages.
  static _Alignas(16) char buffer[3 * 65536];
  wasm_limits_t limits = {1, 10};
  wasm_memorytype_t* type = wasm_memorytype_new(&limits);
  wasm_memory_t* memory = wisp_memory_new_static(store, type, buffer, sizeof buffer);
  CHECK(memory && wasm_memory_data(memory) == buffer, "the memory's bytes are the host's buffer");
  wasm_memory_data(memory)[100] = 'w';
  CHECK(buffer[100] == 'w', "a write through the API lands in the buffer");
  CHECK(wasm_memory_grow(memory, 2) && wasm_memory_size(memory) == 3, "grows to three pages within the buffer");
  CHECK(!wasm_memory_grow(memory, 1), "cannot grow past the buffer");
  CHECK(wisp_memory_new_static(store, type, buffer, 100) == NULL, "a buffer smaller than a page is refused");
  wasm_memory_delete(memory);

  // The engine's limit of four pages.
  wasm_memory_t* heap = wasm_memory_new(store, type);
  CHECK(wasm_memory_grow(heap, 3) && !wasm_memory_grow(heap, 1), "the limit stops growth at four pages");
  wasm_memory_delete(heap);
  wasm_memorytype_delete(type);

  // Features: without tail calls, return_call does not compile.
  wasm_config_t* config2 = wasm_config_new();
  CHECK(!wisp_config_features(config2, "wasm2,bogus"), "an unknown feature name is refused");
  CHECK(wisp_config_features(config2, "wasm2"), "the 2.0 feature set");
  wasm_engine_t* engine2 = wasm_engine_new_with_config(config2);
  wasm_store_t* store2 = wasm_store_new(engine2);
  const char* tail = "(module (func $f (return_call $f)))";
  CHECK(compile(store2, tail) == NULL, "return_call is refused by a 2.0 engine");
  wasm_module_t* accepted = compile(store, tail);
  CHECK(accepted != NULL, "and accepted by the default one");
  wasm_module_delete(accepted);
  wasm_store_delete(store2);
  wasm_engine_delete(engine2);

  // The text format's errors say where.
  wasm_byte_vec_t out;
  CHECK(!wisp_wat2wasm("(module (func (i32.bogus)))", 27, &out) && out.size == 0, "malformed text is refused");
  CHECK(wisp_last_error() && !strncmp(wisp_last_error(), "1:", 2), "the error gives the line");

  wasm_store_delete(store);
  wasm_engine_delete(engine);
}

static const char* wasi_text =
    "(module"
    "  (import \"wasi_snapshot_preview1\" \"fd_write\" (func $fd_write (param i32 i32 i32 i32) (result i32)))"
    "  (import \"wasi_snapshot_preview1\" \"proc_exit\" (func $exit (param i32)))"
    "  (import \"env\" \"code\" (func $code (result i32)))"
    "  (memory (export \"memory\") 1)"
    "  (data (i32.const 16) \"hello from wasi\\n\")"
    "  (func (export \"_start\")"
    "    (i32.store (i32.const 0) (i32.const 16))"
    "    (i32.store (i32.const 4) (i32.const 16))"
    "    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))"
    "    (call $exit (call $code))))";

static wasm_trap_t* exit_code(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  results->data[0].of.i32 = 3;
  return NULL;
}

static void test_wasi(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_module_t* module = compile(store, wasi_text);

  char path[] = "/tmp/wisp-capi-wasi-XXXXXX";
  int fd = mkstemp(path);
  close(fd);
  wisp_wasi_config_t* config = wisp_wasi_config_new();
  const char* argv[] = {"guest", "one"};
  wisp_wasi_config_set_argv(config, 2, argv);
  CHECK(wisp_wasi_config_set_stdout_file(config, path), "stdout goes to a file");
  wasm_extern_vec_t imports;
  CHECK(wisp_wasi_imports(store, module, config, &imports), "WASI provides its imports");
  CHECK(imports.size == 3 && imports.data[0] && imports.data[1] && !imports.data[2],
        "the two WASI imports are filled, the host's left NULL");
  wasm_functype_t* type = wasm_functype_new_0_1(wasm_valtype_new_i32());
  wasm_func_t* code = wasm_func_new(store, type, exit_code);
  wasm_functype_delete(type);
  imports.data[2] = wasm_func_as_extern(code);
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, NULL);
  CHECK(instance != NULL, "instantiated with WASI and a host function");

  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  wasm_val_vec_t none = WASM_EMPTY_VEC;
  wasm_trap_t* trap = wasm_func_call(wasm_extern_as_func(exports.data[1]), &none, &none);
  int status = -1;
  CHECK(trap && wisp_trap_exit_status(trap, &status) && status == 3, "proc_exit(3) ends the call with status 3");
  wasm_trap_delete(trap);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_extern_vec_delete(&imports);
  wasm_module_delete(module);
  wasm_store_delete(store);  // closes the stdout file

  char text[64] = {0};
  FILE* f = fopen(path, "r");
  size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
  if (f) fclose(f);
  unlink(path);
  CHECK(n == 16 && !strcmp(text, "hello from wasi\n"), "the guest's output is in the file");

  wisp_wasi_config_t* bad = wisp_wasi_config_new();
  wisp_wasi_config_preopen_dir(bad, "/nonexistent/wisp", "/sandbox");
  wasm_store_t* store2 = wasm_store_new(engine);
  wasm_module_t* module2 = compile(store2, wasi_text);
  CHECK(!wisp_wasi_imports(store2, module2, bad, &imports) && strstr(wisp_last_error(), "/nonexistent/wisp"),
        "a preopen that does not exist is refused, by name");
  wasm_extern_vec_delete(&imports);
  wasm_module_delete(module2);
  wasm_store_delete(store2);
  wasm_engine_delete(engine);
}

int main(void) {
  test_fuel();
  test_interrupt_and_stacks();
  test_memory_and_limits();
  test_wasi();
  return capi_finish();
}
