/* std_serialize: a module serialized in one store (which is then deleted) and deserialized into
 * another, where it keeps its imports and exports and runs; deserialized twice, the copies are
 * independent modules; garbage, a plain module binary and a truncated serialization are refused
 * with NULL and a message in wisp_last_error(). */
#include "capi_test.h"

static const char* wat =
    "(module\n"
    "  (import \"env\" \"scale\" (func $scale (param i32) (result i32)))\n"
    "  (global $total (mut i32) (i32.const 0))\n"
    "  (memory (export \"memory\") 1)\n"
    "  (data (i32.const 16) \"serialized\")\n"
    "  (func (export \"add\") (param i32) (result i32)\n"
    "    (global.set $total (i32.add (global.get $total) (call $scale (local.get 0))))\n"
    "    (global.get $total)))\n";

static wasm_trap_t* scale(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = args->data[0].of.i32 * 3;
  return NULL;
}

/* Instantiates `module` in `store` and calls add(a) then add(b); returns the last result. */
static int32_t run(wasm_store_t* store, const wasm_module_t* module, int32_t a, int32_t b, char* text) {
  wasm_functype_t* type = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  wasm_func_t* host = wasm_func_new(store, type, scale);
  wasm_functype_delete(type);
  wasm_extern_t* imports_data[] = {wasm_func_as_extern(host)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(imports_data);
  wasm_trap_t* trap = NULL;
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, &trap);
  REQUIRE(instance != NULL, "instantiated%s%s", trap ? ": " : "", trap ? capi_trap_text(trap) : "");
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  memcpy(text, wasm_memory_data(capi_export_memory(&exports, 0)) + 16, 10);
  text[10] = '\0';
  wasm_val_t args[1] = {WASM_I32_VAL(a)};
  wasm_val_t results[1] = {WASM_INIT_VAL};
  int32_t out = -999;
  trap = capi_call(capi_export_func(&exports, 1), args, 1, results, 1);
  if (!trap) {
    args[0].of.i32 = b;
    trap = capi_call(capi_export_func(&exports, 1), args, 1, results, 1);
  }
  if (trap) {
    CHECK(false, "add trapped: %s", capi_trap_text(trap));
    wasm_trap_delete(trap);
  } else {
    out = results[0].of.i32;
  }
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_func_delete(host);
  return out;
}

/* Whether deserializing `bytes` is refused, with a message. */
static void expect_refused(wasm_store_t* store, const char* what, const wasm_byte_vec_t* bytes) {
  wasm_module_t* m = wasm_module_deserialize(store, bytes);
  CHECK(m == NULL, "deserialize(%s) = NULL", what);
  CHECK(wisp_last_error() != NULL, "wisp_last_error() is set");
  printf("~ (%s)\n", capi_last_error());
  if (m) wasm_module_delete(m);
}

int main(void) {
  CHECK(wisp_last_error() == NULL, "no error on this thread yet");
  wasm_engine_t* engine = wasm_engine_new();

  /* Compile and serialize in a first store, then delete it with the module. */
  wasm_store_t* first = wasm_store_new(engine);
  wasm_module_t* module = capi_module(first, wat);
  char text[16];
  CHECK(run(first, module, 2, 5, text) == 21, "original: add(2), add(5) = 21");
  wasm_byte_vec_t serialized;
  wasm_module_serialize(module, &serialized);
  CHECK(serialized.size > 0, "serialized to a non-empty byte vector");
  wasm_module_delete(module);
  wasm_store_delete(first);

  /* Deserialize into another store. */
  wasm_store_t* second = wasm_store_new(engine);
  wasm_module_t* restored = wasm_module_deserialize(second, &serialized);
  REQUIRE(restored != NULL, "deserialized in another store");
  wasm_importtype_vec_t imports;
  wasm_module_imports(restored, &imports);
  wasm_exporttype_vec_t exports;
  wasm_module_exports(restored, &exports);
  CHECK(imports.size == 1 && exports.size == 2, "restored module: %zu import(s), %zu exports", imports.size,
        exports.size);
  if (imports.size == 1) {
    const wasm_name_t* n = wasm_importtype_name(imports.data[0]);
    CHECK(n->size == 5 && memcmp(n->data, "scale", 5) == 0, "its import is env.%.*s", (int)n->size, n->data);
  }
  wasm_importtype_vec_delete(&imports);
  wasm_exporttype_vec_delete(&exports);
  CHECK(run(second, restored, 10, -1, text) == 27, "restored: add(10), add(-1) = 27");
  CHECK(strcmp(text, "serialized") == 0, "its data segment: \"%s\"", text);
  CHECK(run(second, restored, 1, 1, text) == 6, "a second instance starts afresh: add(1), add(1) = 6");

  /* The same bytes again: another module, serialized to the same bytes. */
  wasm_module_t* again = wasm_module_deserialize(second, &serialized);
  REQUIRE(again != NULL, "deserialized a second time");
  CHECK(!wasm_module_same(again, restored), "the two deserialized modules are different modules");
  wasm_byte_vec_t reserialized;
  wasm_module_serialize(again, &reserialized);
  CHECK(reserialized.size == serialized.size && memcmp(reserialized.data, serialized.data, serialized.size) == 0,
        "serializing it again gives the same bytes");
  wasm_byte_vec_delete(&reserialized);
  CHECK(run(second, again, 4, 4, text) == 24, "it runs: add(4), add(4) = 24");
  wasm_module_delete(again);

  /* Bytes that are not a serialized module. */
  wasm_byte_vec_t garbage;
  wasm_byte_vec_new_uninitialized(&garbage, 64);
  for (size_t i = 0; i < garbage.size; i++) garbage.data[i] = (byte_t)(i * 37 + 11);
  expect_refused(second, "64 bytes of garbage", &garbage);
  wasm_byte_vec_delete(&garbage);
  wasm_byte_vec_t empty = WASM_EMPTY_VEC;
  expect_refused(second, "no bytes", &empty);
  wasm_byte_vec_t plain;
  capi_wat(wat, &plain);
  expect_refused(second, "a plain module binary", &plain);
  wasm_byte_vec_delete(&plain);
  wasm_byte_vec_t truncated;
  wasm_byte_vec_new(&truncated, serialized.size - 4, serialized.data);
  expect_refused(second, "a serialization without its last 4 bytes", &truncated);
  wasm_byte_vec_delete(&truncated);

  wasm_byte_vec_delete(&serialized);
  wasm_module_delete(restored);
  wasm_store_delete(second);
  wasm_engine_delete(engine);
  return capi_finish();
}
