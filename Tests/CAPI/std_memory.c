/* std_memory: an exported memory seen from C (wasm_memory_data, data_size, size) and from
 * WebAssembly (exported load and store functions), each side reading the other's writes; accesses
 * past the end trap with "out of bounds memory access"; growing within the maximum (from C and from
 * WebAssembly) and beyond it; a memory made by wasm_memory_new on its own. */
#include "capi_test.h"

static const char* wat =
    "(module\n"
    "  (memory (export \"memory\") 2 3)\n"
    "  (func (export \"size\") (result i32) (memory.size))\n"
    "  (func (export \"load\") (param i32) (result i32) (i32.load8_s (local.get 0)))\n"
    "  (func (export \"store\") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))\n"
    "  (func (export \"load32\") (param i32) (result i32) (i32.load (local.get 0)))\n"
    "  (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0)))\n"
    "  (data (i32.const 0x1000) \"\\01\\02\\03\\04\"))\n";

enum { MEMORY, SIZE, LOAD, STORE, LOAD32, GROW };

static wasm_extern_vec_t exports;

/* Calls export `index` with up to two i32 arguments; writes its result (if any) to *result. */
static wasm_trap_t* call(int index, int nargs, int32_t a, int32_t b, int32_t* result) {
  wasm_val_t args[2] = {WASM_I32_VAL(a), WASM_I32_VAL(b)};
  wasm_val_t results[1] = {WASM_INIT_VAL};
  wasm_trap_t* trap = capi_call(capi_export_func(&exports, index), args, nargs, results, result ? 1 : 0);
  if (result) *result = trap ? -999 : results[0].of.i32;
  return trap;
}

/* A call that must return; its result (or -999 after a FAIL line). */
static int32_t ok_call(int index, int nargs, int32_t a, int32_t b) {
  int32_t result = 0;
  wasm_trap_t* trap = call(index, nargs, a, b, nargs < 2 ? &result : NULL);
  if (trap) {
    CHECK(false, "export %d (%d, %d) trapped: %s", index, a, b, capi_trap_text(trap));
    wasm_trap_delete(trap);
    return -999;
  }
  return result;
}

/* A call that must return `expected`; prints what it returned. */
static void expect_call(const char* what, int index, int nargs, int32_t a, int32_t b, int32_t expected) {
  int32_t r = ok_call(index, nargs, a, b);
  CHECK(r == expected, "%s = %d", what, r);
}

/* A call that must trap with "out of bounds memory access". */
static void oob_call(const char* what, int index, int nargs, int32_t a, int32_t b) {
  int32_t result;
  wasm_trap_t* trap = call(index, nargs, a, b, nargs < 2 ? &result : NULL);
  CHECK(trap != NULL && strcmp(capi_trap_text(trap), "out of bounds memory access") == 0, "%s traps: %s", what,
        capi_trap_text(trap));
  if (trap) wasm_trap_delete(trap);
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_module_t* module = capi_module(store, wat);
  wasm_instance_t* instance = wasm_instance_new(store, module, &(wasm_extern_vec_t)WASM_EMPTY_VEC, NULL);
  REQUIRE(instance != NULL, "instance created");
  wasm_instance_exports(instance, &exports);
  wasm_memory_t* memory = capi_export_memory(&exports, MEMORY);

  wasm_memorytype_t* type = wasm_memory_type(memory);
  const wasm_limits_t* limits = wasm_memorytype_limits(type);
  CHECK(limits->min == 2 && limits->max == 3, "memory type limits: min %u max %u", limits->min, limits->max);
  wasm_memorytype_delete(type);
  CHECK(wasm_memory_size(memory) == 2, "wasm_memory_size = %u pages", wasm_memory_size(memory));
  CHECK(wasm_memory_data_size(memory) == 0x20000, "wasm_memory_data_size = %#zx", wasm_memory_data_size(memory));
  expect_call("memory.size in wasm", SIZE, 0, 0, 0, 2);

  /* The data segment, seen from C and from WebAssembly. */
  byte_t* data = wasm_memory_data(memory);
  REQUIRE(data != NULL, "wasm_memory_data is not NULL");
  CHECK(data[0] == 0 && data[0x1000] == 1 && data[0x1003] == 4 && data[0x1ffff] == 0,
        "C reads data[0]=%d data[0x1000]=%d data[0x1003]=%d data[0x1ffff]=%d", data[0], data[0x1000], data[0x1003],
        data[0x1ffff]);
  expect_call("wasm load(0x1002)", LOAD, 1, 0x1002, 0, 3);
  expect_call("wasm load32(0x1000) of bytes 01 02 03 04 (0x04030201)", LOAD32, 1, 0x1000, 0, 0x04030201);

  /* Writes from each side, read on the other. */
  data[0x1003] = -5;
  data[0x1ffff] = 42;
  int32_t r = ok_call(LOAD, 1, 0x1003, 0);
  CHECK(r == -5, "C wrote -5 at 0x1003, wasm load = %d", r);
  r = ok_call(LOAD, 1, 0x1ffff, 0);
  CHECK(r == 42, "C wrote 42 at the last byte, wasm load = %d", r);
  ok_call(STORE, 2, 0x1002, 6);
  ok_call(STORE, 2, 0, 0x7f);
  CHECK(data[0x1002] == 6 && data[0] == 0x7f, "wasm stored 6 at 0x1002 and 127 at 0: C reads %d, %d", data[0x1002],
        data[0]);

  /* Out of bounds. */
  oob_call("load(0x20000)", LOAD, 1, 0x20000, 0);
  oob_call("load(-1)", LOAD, 1, -1, 0);
  oob_call("load32(0x1fffd) (straddling the end)", LOAD32, 1, 0x1fffd, 0);
  oob_call("store(0x20000, 1)", STORE, 2, 0x20000, 1);
  expect_call("after the traps, wasm load(0x1ffff)", LOAD, 1, 0x1ffff, 0, 42);

  /* Growing: from C within the maximum, then beyond it; from WebAssembly beyond it. */
  CHECK(wasm_memory_grow(memory, 0), "wasm_memory_grow(0) = true");
  CHECK(wasm_memory_grow(memory, 1), "wasm_memory_grow(1) = true (to the maximum)");
  CHECK(wasm_memory_size(memory) == 3 && wasm_memory_data_size(memory) == 0x30000, "now %u pages, %#zx bytes",
        wasm_memory_size(memory), wasm_memory_data_size(memory));
  data = wasm_memory_data(memory);
  CHECK(data[0x1002] == 6 && data[0x1ffff] == 42 && data[0x20000] == 0 && data[0x2ffff] == 0,
        "contents kept, new page zero");
  expect_call("memory.size in wasm", SIZE, 0, 0, 0, 3);
  expect_call("wasm load(0x2ffff) (now in bounds)", LOAD, 1, 0x2ffff, 0, 0);
  oob_call("load(0x30000)", LOAD, 1, 0x30000, 0);
  CHECK(!wasm_memory_grow(memory, 1), "wasm_memory_grow(1) beyond the maximum = false");
  expect_call("memory.grow(1) in wasm beyond the maximum", GROW, 1, 1, 0, -1);
  expect_call("memory.grow(0) in wasm (the old size)", GROW, 1, 0, 0, 3);
  CHECK(wasm_memory_size(memory) == 3, "still %u pages", wasm_memory_size(memory));

  /* Memories on their own. */
  wasm_limits_t fixed = {5, 5};
  wasm_memorytype_t* fixed_type = wasm_memorytype_new(&fixed);
  wasm_memory_t* alone = wasm_memory_new(store, fixed_type);
  wasm_memorytype_delete(fixed_type);
  REQUIRE(alone != NULL, "wasm_memory_new({5, 5}) made a memory");
  CHECK(wasm_memory_size(alone) == 5 && wasm_memory_data_size(alone) == 5 * MEMORY_PAGE_SIZE,
        "stand-alone memory: %u pages, %zu bytes", wasm_memory_size(alone), wasm_memory_data_size(alone));
  byte_t* bytes = wasm_memory_data(alone);
  size_t nonzero = 0;
  for (size_t i = 0; i < wasm_memory_data_size(alone); i++) nonzero += bytes[i] != 0;
  CHECK(nonzero == 0, "stand-alone memory starts zeroed (%zu nonzero bytes)", nonzero);
  bytes[5 * MEMORY_PAGE_SIZE - 1] = 9;
  CHECK(!wasm_memory_grow(alone, 1) && wasm_memory_size(alone) == 5, "cannot grow past its maximum");
  CHECK(!wasm_memory_same(alone, memory), "it is not the instance's memory");
  wasm_memory_delete(alone);

  wasm_limits_t open = {0, wasm_limits_max_default};
  wasm_memorytype_t* open_type = wasm_memorytype_new(&open);
  wasm_memory_t* empty = wasm_memory_new(store, open_type);
  wasm_memorytype_delete(open_type);
  REQUIRE(empty != NULL, "wasm_memory_new({0, none}) made a memory");
  CHECK(wasm_memory_size(empty) == 0 && wasm_memory_data_size(empty) == 0, "empty memory: %u pages",
        wasm_memory_size(empty));
  bool grown = wasm_memory_grow(empty, 2);
  CHECK(grown && wasm_memory_size(empty) == 2, "grown to %u pages", wasm_memory_size(empty));
  wasm_memory_data(empty)[2 * MEMORY_PAGE_SIZE - 1] = 1;
  type = wasm_memory_type(empty);
  limits = wasm_memorytype_limits(type);
  CHECK(limits->max == wasm_limits_max_default, "its type has no maximum (max %#x)", limits->max);
  wasm_memorytype_delete(type);
  wasm_memory_delete(empty);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return capi_finish();
}
