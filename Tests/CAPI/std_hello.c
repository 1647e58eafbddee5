/* std_hello: the basic life of a C host. An engine and a store; a module validated and compiled from
 * bytes (and bytes that are not a module refused); a host function imported by the module and
 * called through one of its exports; the exports listed and called; everything deleted in the
 * standard order (exports, instance, host function, module, store, engine). */
#include "capi_test.h"

static const char* wat =
    "(module\n"
    "  (import \"host\" \"greet\" (func $greet (param i32) (result i32)))\n"
    "  (func (export \"hello\") (param i32) (result i32)\n"
    "    (i32.add (call $greet (i32.mul (local.get 0) (i32.const 10))) (i32.const 1)))\n"
    "  (func (export \"answer\") (result i32) (i32.const 42)))\n";

static int greet_calls = 0;
static int32_t greet_argument = 0;

/* The host side of "host.greet": remembers its argument and doubles it. */
static wasm_trap_t* greet(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  greet_calls++;
  greet_argument = args->data[0].of.i32;
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = greet_argument * 2;
  return NULL;
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  REQUIRE(engine != NULL, "engine created");
  wasm_store_t* store = wasm_store_new(engine);
  REQUIRE(store != NULL, "store created");

  wasm_byte_vec_t binary;
  capi_wat(wat, &binary);
  CHECK(binary.size > 8 && memcmp(binary.data, "\0asm", 4) == 0, "wat2wasm gave a binary starting with \\0asm");
  CHECK(wasm_module_validate(store, &binary), "wasm_module_validate(valid binary) = true");

  /* Bytes that are not a module: a bad magic number; a truncated module; a module whose function
   * returns an i64 where its type says i32 (well-formed, but invalid). */
  wasm_byte_vec_t garbage;
  wasm_byte_vec_new(&garbage, 8, "\0wsa\1\0\0\0");
  CHECK(!wasm_module_validate(store, &garbage), "wasm_module_validate(bad magic) = false");
  CHECK(wasm_module_new(store, &garbage) == NULL, "wasm_module_new(bad magic) = NULL");
  CHECK(wisp_last_error() != NULL, "wisp_last_error() says why");
  wasm_byte_vec_delete(&garbage);
  wasm_byte_vec_t truncated;
  wasm_byte_vec_new(&truncated, binary.size - 3, binary.data);
  CHECK(!wasm_module_validate(store, &truncated), "wasm_module_validate(truncated binary) = false");
  wasm_byte_vec_delete(&truncated);
  wasm_byte_vec_t ill_typed;
  capi_wat("(module (func (result i32) (i64.const 7)))", &ill_typed);
  CHECK(!wasm_module_validate(store, &ill_typed), "wasm_module_validate(ill-typed function) = false");
  CHECK(wasm_module_new(store, &ill_typed) == NULL, "wasm_module_new(ill-typed function) = NULL");
  wasm_byte_vec_delete(&ill_typed);

  wasm_module_t* module = wasm_module_new(store, &binary);
  wasm_byte_vec_delete(&binary);
  REQUIRE(module != NULL, "module compiled");

  wasm_functype_t* greet_type = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  wasm_func_t* greet_func = wasm_func_new(store, greet_type, greet);
  wasm_functype_delete(greet_type);
  REQUIRE(greet_func != NULL, "host function created");
  CHECK(wasm_func_param_arity(greet_func) == 1 && wasm_func_result_arity(greet_func) == 1,
        "host function arity: %zu -> %zu", wasm_func_param_arity(greet_func), wasm_func_result_arity(greet_func));

  wasm_extern_t* imports_data[] = {wasm_func_as_extern(greet_func)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(imports_data);
  wasm_trap_t* trap = NULL;
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, &trap);
  REQUIRE(instance != NULL && trap == NULL, "instance created, no trap");

  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK(exports.size == 2, "instance has %zu exports", exports.size);
  CHECK(wasm_extern_kind(exports.data[0]) == WASM_EXTERN_FUNC && wasm_extern_kind(exports.data[1]) == WASM_EXTERN_FUNC,
        "both exports are functions");
  wasm_func_t* hello = capi_export_func(&exports, 0);
  wasm_func_t* answer = capi_export_func(&exports, 1);

  wasm_val_t args[1] = {WASM_I32_VAL(7)};
  wasm_val_t results[1] = {WASM_INIT_VAL};
  trap = capi_call(hello, args, 1, results, 1);
  CHECK(trap == NULL, "hello(7) returned without a trap: %s", capi_trap_text(trap));
  if (trap) wasm_trap_delete(trap);
  CHECK(greet_calls == 1 && greet_argument == 70, "host saw greet(%d), %d call(s)", greet_argument, greet_calls);
  CHECK(results[0].kind == WASM_I32 && results[0].of.i32 == 141, "hello(7) = %d", results[0].of.i32);

  args[0].of.i32 = -3;
  trap = capi_call(hello, args, 1, results, 1);
  CHECK(trap == NULL && results[0].of.i32 == -59 && greet_calls == 2, "hello(-3) = %d after %d host calls",
        results[0].of.i32, greet_calls);
  if (trap) wasm_trap_delete(trap);

  trap = capi_call(answer, NULL, 0, results, 1);
  CHECK(trap == NULL && results[0].kind == WASM_I32 && results[0].of.i32 == 42, "answer() = %d", results[0].of.i32);
  if (trap) wasm_trap_delete(trap);

  /* The host function is callable from C too, as any function. */
  args[0].of.i32 = 5;
  trap = capi_call(greet_func, args, 1, results, 1);
  CHECK(trap == NULL && results[0].of.i32 == 10, "greet(5) called from C = %d", results[0].of.i32);
  if (trap) wasm_trap_delete(trap);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_func_delete(greet_func);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  printf("cleaned up\n");
  return capi_finish();
}
