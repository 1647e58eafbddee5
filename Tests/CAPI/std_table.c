/* std_table: an exported funcref table from C (wasm_table_get/set/size/grow) and from WebAssembly
 * (call_indirect through it): a null element traps "uninitialized element", a function of another
 * type "indirect call type mismatch", an index past the end "undefined element"; a host function
 * stored into the table (wasm_func_as_ref) and called from WebAssembly; out-of-bounds get and set;
 * growing within and beyond the maximum; a table made by wasm_table_new on its own. */
#include "capi_test.h"

static const char* wat =
    "(module\n"
    "  (type $i2i (func (param i32) (result i32)))\n"
    "  (table (export \"table\") 3 10 funcref)\n"
    "  (func $double (export \"double\") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))\n"
    "  (func $seven (result i32) (i32.const 7))\n"
    "  (elem (i32.const 0) $double $seven)\n"
    "  (func (export \"call_at\") (param i32 i32) (result i32)\n"
    "    (call_indirect (type $i2i) (local.get 1) (local.get 0)))\n"
    "  (func (export \"size\") (result i32) (table.size)))\n";

enum { TABLE, DOUBLE, CALL_AT, SIZE };

static wasm_extern_vec_t exports;

/* call_at(index, arg): the result, or the trap's message in *message. */
static int32_t call_at(int32_t index, int32_t arg, const char** message) {
  wasm_val_t args[2] = {WASM_I32_VAL(index), WASM_I32_VAL(arg)};
  wasm_val_t results[1] = {WASM_INIT_VAL};
  wasm_trap_t* trap = capi_call(capi_export_func(&exports, CALL_AT), args, 2, results, 1);
  *message = capi_trap_text(trap);
  if (!trap) return results[0].of.i32;
  wasm_trap_delete(trap);
  return -999;
}

static void expect_trap(int32_t index, const char* expected) {
  const char* message;
  call_at(index, 1, &message);
  CHECK(strcmp(message, expected) == 0, "call_at(%d) traps: %s", index, message);
}

static void expect_result(int32_t index, int32_t arg, int32_t expected) {
  const char* message;
  int32_t r = call_at(index, arg, &message);
  bool trapped = strcmp(message, "(no trap)") != 0;
  CHECK(r == expected && !trapped, "call_at(%d, %d) = %d%s%s", index, arg, r, trapped ? ", trap: " : "",
        trapped ? message : "");
}

/* Whether table[index] is `func` (NULL: whether it is null or out of bounds). */
static bool element_is(const wasm_table_t* table, wasm_table_size_t index, const wasm_func_t* func) {
  wasm_ref_t* ref = wasm_table_get(table, index);
  bool same = func ? ref && wasm_func_same(wasm_ref_as_func(ref), func) : ref == NULL;
  wasm_ref_delete(ref);
  return same;
}

static wasm_trap_t* plus_100(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = args->data[0].of.i32 + 100;
  return NULL;
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_module_t* module = capi_module(store, wat);
  wasm_instance_t* instance = wasm_instance_new(store, module, &(wasm_extern_vec_t)WASM_EMPTY_VEC, NULL);
  REQUIRE(instance != NULL, "instance created");
  wasm_instance_exports(instance, &exports);
  wasm_table_t* table = capi_export_table(&exports, TABLE);
  wasm_func_t* dbl = capi_export_func(&exports, DOUBLE);

  wasm_tabletype_t* type = wasm_table_type(table);
  const wasm_limits_t* limits = wasm_tabletype_limits(type);
  CHECK(wasm_valtype_kind(wasm_tabletype_element(type)) == WASM_FUNCREF && limits->min == 3 && limits->max == 10,
        "table type: funcref, min %u max %u", limits->min, limits->max);
  wasm_tabletype_delete(type);
  CHECK(wasm_table_size(table) == 3, "wasm_table_size = %u", wasm_table_size(table));

  /* The element segment: [double, seven, null]. */
  CHECK(element_is(table, 0, dbl), "table[0] is the exported double");
  wasm_ref_t* seven = wasm_table_get(table, 1);
  CHECK(seven != NULL && !wasm_func_same(wasm_ref_as_func(seven), dbl), "table[1] is another function");
  CHECK(seven && wasm_func_param_arity(wasm_ref_as_func(seven)) == 0, "table[1] takes no parameters");
  CHECK(element_is(table, 2, NULL), "table[2] is null");
  CHECK(element_is(table, 3, NULL), "table[3] (out of bounds) = NULL");
  CHECK(element_is(table, 0xffffffffu, NULL), "table[0xffffffff] (out of bounds) = NULL");

  expect_result(0, 21, 42);
  expect_trap(1, "indirect call type mismatch");
  expect_trap(2, "uninitialized element");
  expect_trap(3, "undefined element");

  /* A host function stored from C, called from WebAssembly. */
  wasm_functype_t* i2i = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  wasm_func_t* host = wasm_func_new(store, i2i, plus_100);
  wasm_functype_delete(i2i);
  CHECK(wasm_table_set(table, 2, wasm_func_as_ref(host)), "wasm_table_set(2, host function) = true");
  CHECK(element_is(table, 2, host), "table[2] is the host function");
  expect_result(2, 5, 105);

  /* Out of bounds and wrong kinds of reference. */
  CHECK(!wasm_table_set(table, 3, wasm_func_as_ref(host)), "wasm_table_set(3) (out of bounds) = false");
  CHECK(!wasm_table_set(table, 100, NULL), "wasm_table_set(100, null) (out of bounds) = false");
  wasm_foreign_t* foreign = wasm_foreign_new(store);
  CHECK(!wasm_table_set(table, 0, wasm_foreign_as_ref(foreign)), "wasm_table_set(0, foreign object) = false");
  wasm_foreign_delete(foreign);
  CHECK(element_is(table, 0, dbl), "table[0] unchanged");
  CHECK(wasm_table_set(table, 1, NULL), "wasm_table_set(1, null) = true");
  CHECK(element_is(table, 1, NULL), "table[1] is null now");
  expect_trap(1, "uninitialized element");
  CHECK(wasm_table_set(table, 1, seven), "wasm_table_set(1, the function it held) = true");
  expect_trap(1, "indirect call type mismatch");
  wasm_ref_delete(seven);

  /* Growing. */
  CHECK(wasm_table_grow(table, 2, NULL), "wasm_table_grow(2, null) = true");
  CHECK(wasm_table_size(table) == 5 && element_is(table, 3, NULL) && element_is(table, 4, NULL),
        "size %u, new elements null", wasm_table_size(table));
  CHECK(wasm_table_grow(table, 2, wasm_func_as_ref(dbl)), "wasm_table_grow(2, double) = true");
  CHECK(wasm_table_size(table) == 7 && element_is(table, 5, dbl) && element_is(table, 6, dbl),
        "size %u, new elements double", wasm_table_size(table));
  expect_result(6, 4, 8);
  expect_trap(4, "uninitialized element");
  expect_trap(7, "undefined element");
  CHECK(!wasm_table_grow(table, 4, NULL), "wasm_table_grow(4) beyond the maximum of 10 = false");
  CHECK(wasm_table_grow(table, 0, NULL), "wasm_table_grow(0) = true");
  wasm_val_t size[1] = {WASM_INIT_VAL};
  wasm_trap_t* trap = capi_call(capi_export_func(&exports, SIZE), NULL, 0, size, 1);
  CHECK(trap == NULL && size[0].of.i32 == 7 && wasm_table_size(table) == 7, "table.size in wasm = %d", size[0].of.i32);
  if (trap) wasm_trap_delete(trap);

  /* A table on its own, filled with the host function. */
  wasm_limits_t alone_limits = {2, 4};
  wasm_tabletype_t* alone_type = wasm_tabletype_new(wasm_valtype_new_funcref(), &alone_limits);
  wasm_table_t* alone = wasm_table_new(store, alone_type, wasm_func_as_ref(host));
  wasm_tabletype_delete(alone_type);
  REQUIRE(alone != NULL, "wasm_table_new(funcref {2, 4}, host) made a table");
  CHECK(wasm_table_size(alone) == 2 && element_is(alone, 0, host) && element_is(alone, 1, host),
        "stand-alone table: %u elements, both the host function", wasm_table_size(alone));
  CHECK(!wasm_table_same(alone, table), "it is not the instance's table");
  CHECK(wasm_table_grow(alone, 2, NULL) && wasm_table_size(alone) == 4, "grown to 4");
  CHECK(element_is(alone, 3, NULL), "grown element is null");
  CHECK(!wasm_table_grow(alone, 1, NULL) && wasm_table_size(alone) == 4, "cannot grow past 4");
  CHECK(wasm_table_set(alone, 3, wasm_func_as_ref(dbl)) && element_is(alone, 3, dbl), "stand-alone table[3] = double");
  wasm_table_delete(alone);

  wasm_func_delete(host);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return capi_finish();
}
