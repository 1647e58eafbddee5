// Embedder mistakes through the C API: each is refused with an error (a NULL or false result and a
// message in wisp_last_error(), or a trap), never a crash, and leaves the objects usable.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capi_test.h"

static wasm_trap_t* forty_two(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = 42;
  return NULL;
}

// A host function whose result does not match its type (an i64 where i32 was declared).
static wasm_trap_t* wrong_result(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  results->data[0].kind = WASM_I64;
  results->data[0].of.i64 = 1;
  return NULL;
}

static const char* module_text =
    "(module"
    "  (import \"host\" \"f\" (func $f (result i32)))"
    "  (table (export \"table\") 2 funcref)"
    "  (global (export \"g\") (mut i32) (i32.const 7))"
    "  (memory (export \"memory\") 1)"
    "  (func (export \"add\") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))"
    "  (func (export \"call_f\") (result i32) (call $f)))";

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_store_t* other = wasm_store_new(engine);

  // A malformed module.
  wasm_byte_vec_t garbage;
  wasm_byte_vec_new(&garbage, 8, "\0asm\2\0\0\0");
  CHECK(wasm_module_new(store, &garbage) == NULL, "a malformed module is refused");
  CHECK(wisp_last_error() && strstr(wisp_last_error(), "version"), "the error names the bad version");
  CHECK(!wasm_module_validate(store, &garbage), "wasm_module_validate says no");
  wasm_byte_vec_delete(&garbage);

  wasm_module_t* module = capi_module(store, module_text);
  wasm_functype_t* type = wasm_functype_new_0_1(wasm_valtype_new_i32());
  wasm_func_t* f = wasm_func_new(store, type, forty_two);
  wasm_func_t* f_other = wasm_func_new(other, type, forty_two);
  wasm_func_t* f_wrong = wasm_func_new(store, type, wrong_result);

  // Imports: too few, and one from another store.
  wasm_extern_vec_t none = WASM_EMPTY_VEC;
  wasm_trap_t* trap = NULL;
  CHECK(wasm_instance_new(store, module, &none, &trap) == NULL, "too few imports are refused");
  CHECK(trap && strstr(capi_take_trap_text(trap), "1 imports, but 0 were given"), "the trap says how many");

  wasm_extern_t* from_other[] = {wasm_func_as_extern(f_other)};
  wasm_extern_vec_t other_imports = WASM_ARRAY_VEC(from_other);
  trap = NULL;
  CHECK(wasm_instance_new(store, module, &other_imports, &trap) == NULL, "an import from another store is refused");
  CHECK(trap && strstr(capi_take_trap_text(trap), "belongs to another store"), "the trap names the other store");

  wasm_extern_t* wrong[] = {wasm_func_as_extern(f_wrong)};
  wasm_extern_vec_t wrong_imports = WASM_ARRAY_VEC(wrong);
  wasm_instance_t* wrong_instance = wasm_instance_new(store, module, &wrong_imports, NULL);
  CHECK(wrong_instance != NULL, "instantiating with the mistyped host function works (its type is right)");

  wasm_extern_t* good[] = {wasm_func_as_extern(f)};
  wasm_extern_vec_t good_imports = WASM_ARRAY_VEC(good);
  wasm_instance_t* instance = wasm_instance_new(store, module, &good_imports, NULL);
  CHECK(instance != NULL, "instantiating with a host function of this store works");

  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK(exports.size == 5, "five exports");
  wasm_table_t* table = wasm_extern_as_table(exports.data[0]);
  wasm_global_t* global = wasm_extern_as_global(exports.data[1]);
  wasm_memory_t* memory = wasm_extern_as_memory(exports.data[2]);
  wasm_func_t* add = wasm_extern_as_func(exports.data[3]);
  CHECK(table && global && memory && add, "exports have the expected kinds");
  CHECK(wasm_extern_as_func(exports.data[0]) == NULL, "a table is not a function");

  // Tables: an externref into a funcref table, a function of another store, an index out of bounds.
  wasm_foreign_t* foreign = wasm_foreign_new(store);
  CHECK(!wasm_table_set(table, 0, wasm_foreign_as_ref(foreign)), "an externref does not go into a funcref table");
  CHECK(wasm_table_get(table, 0) == NULL, "the element is still null");
  CHECK(!wasm_table_set(table, 0, wasm_func_as_ref(f_other)), "a function of another store does not go into the table");
  CHECK(!wasm_table_set(table, 5, wasm_func_as_ref(f)), "an index out of bounds is refused");
  CHECK(wasm_table_get(table, 5) == NULL, "reading out of bounds gives NULL");
  CHECK(wasm_table_set(table, 1, wasm_func_as_ref(f)), "a function of this store goes in");

  // Globals: the wrong type, and an immutable global.
  wasm_val_t v = WASM_I64_VAL(5);
  CHECK(!wisp_global_set(global, &v), "an i64 into an i32 global is refused");
  CHECK(wisp_last_error() && strstr(wisp_last_error(), "not a i32"), "the error names the type");
  wasm_global_set(global, &v);  // the standard's form reports nothing, but must not write either
  wasm_val_t read;
  wasm_global_get(global, &read);
  CHECK(read.kind == WASM_I32 && read.of.i32 == 7, "the global still holds 7");
  wasm_globaltype_t* const_type = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_CONST);
  wasm_val_t one = WASM_I32_VAL(1);
  wasm_global_t* constant = wasm_global_new(store, const_type, &one);
  wasm_val_t two = WASM_I32_VAL(2);
  CHECK(!wisp_global_set(constant, &two), "an immutable global cannot be set");
  CHECK(wasm_global_new(store, const_type, &v) == NULL, "a global is not created from a value of another type");
  wasm_globaltype_delete(const_type);

  // Calls: the wrong number or type of arguments, too small a results vector, a bad host result.
  wasm_val_t args_one[] = {WASM_I32_VAL(1)};
  wasm_val_vec_t args = WASM_ARRAY_VEC(args_one);
  wasm_val_t res[1] = {WASM_INIT_VAL};
  wasm_val_vec_t results = WASM_ARRAY_VEC(res);
  trap = wasm_func_call(add, &args, &results);
  CHECK(trap && !strcmp(capi_take_trap_text(trap), "expected 2 arguments, got 1"), "one argument for two is a trap");
  wasm_val_t args_mixed[] = {WASM_I32_VAL(1), WASM_F64_VAL(2.0)};
  wasm_val_vec_t mixed = WASM_ARRAY_VEC(args_mixed);
  trap = wasm_func_call(add, &mixed, &results);
  CHECK(trap && !strcmp(capi_take_trap_text(trap), "argument 1 is not a i32"), "an f64 for an i32 is a trap");
  wasm_val_t args_two[] = {WASM_I32_VAL(40), WASM_I32_VAL(2)};
  wasm_val_vec_t two_args = WASM_ARRAY_VEC(args_two);
  wasm_val_vec_t no_results = WASM_EMPTY_VEC;
  trap = wasm_func_call(add, &two_args, &no_results);
  CHECK(trap && strstr(capi_take_trap_text(trap), "room for 1 results, got 0"), "no room for the result is a trap");
  trap = wasm_func_call(add, &two_args, &results);
  CHECK(!trap && res[0].of.i32 == 42, "a right call returns 42");

  wasm_extern_vec_t wrong_exports;
  wasm_instance_exports(wrong_instance, &wrong_exports);
  wasm_val_vec_t empty = WASM_EMPTY_VEC;
  trap = wasm_func_call(wasm_extern_as_func(wrong_exports.data[4]), &empty, &results);
  CHECK(trap && !strcmp(capi_take_trap_text(trap), "host function result 0 is not a i32"),
        "a host function returning the wrong type traps its caller");
  wasm_extern_vec_delete(&wrong_exports);

  // A handle outlives the store's own handle: the store lives until its last handle is deleted.
  wasm_func_t* kept = wasm_func_copy(add);
  wasm_memory_t* kept_memory = wasm_memory_copy(memory);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_instance_delete(wrong_instance);
  wasm_module_delete(module);
  wasm_func_delete(f);
  wasm_func_delete(f_wrong);
  wasm_foreign_delete(foreign);
  wasm_global_delete(constant);
  wasm_store_delete(store);
  res[0].of.i32 = 0;
  trap = wasm_func_call(kept, &two_args, &results);
  CHECK(!trap && res[0].of.i32 == 42, "a function handle kept after wasm_store_delete still runs");
  wasm_memory_data(kept_memory)[3] = 9;
  CHECK(wasm_memory_data_size(kept_memory) == 65536 && wasm_memory_data(kept_memory)[3] == 9,
        "a memory handle kept after wasm_store_delete still reads and writes");
  wasm_memory_delete(kept_memory);
  wasm_func_delete(kept);

  wasm_func_delete(f_other);
  wasm_functype_delete(type);
  wasm_store_delete(other);
  wasm_engine_delete(engine);
  return capi_finish();
}
