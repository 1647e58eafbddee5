/* std_reflect: a module's imports and exports, and the types of an instance's exports. Each type
 * is described (kinds, a function's parameters and results, a global's mutability, a table's
 * element and limits, a memory's limits); the module's export types and the instance's extern
 * types agree; the wasm_externtype_as_* conversions give the type for its own kind and NULL for
 * the others. */
#include "capi_test.h"

static const char* wat =
    "(module\n"
    "  (import \"env\" \"log\" (func $log (param i32 f64) (result i64)))\n"
    "  (import \"env\" \"counter\" (global (mut i32)))\n"
    "  (import \"env\" \"limit\" (global f32))\n"
    "  (import \"env\" \"table\" (table 1 funcref))\n"
    "  (func (export \"f\") (param i64 f32) (result f64 i32) (f64.const 1) (i32.const 2))\n"
    "  (func (export \"nothing\"))\n"
    "  (export \"log_again\" (func $log))\n"
    "  (global (export \"g_const\") f64 (f64.const 0))\n"
    "  (global (export \"g_var\") (mut i64) (i64.const 0))\n"
    "  (table (export \"funcs\") 2 5 funcref)\n"
    "  (table (export \"refs\") 0 externref)\n"
    "  (memory (export \"mem\") 1 3))\n";

static const char* valkind_name(wasm_valkind_t k) {
  switch (k) {
    case WASM_I32: return "i32";
    case WASM_I64: return "i64";
    case WASM_F32: return "f32";
    case WASM_F64: return "f64";
    case WASM_EXTERNREF: return "externref";
    case WASM_FUNCREF: return "funcref";
    default: return "?";
  }
}

static void append(char* out, size_t size, const char* text) { strncat(out, text, size - strlen(out) - 1); }

static void append_valtypes(char* out, size_t size, const wasm_valtype_vec_t* types) {
  append(out, size, "(");
  for (size_t i = 0; i < types->size; i++) {
    if (i) append(out, size, " ");
    append(out, size, valkind_name(wasm_valtype_kind(types->data[i])));
  }
  append(out, size, ")");
}

static void append_limits(char* out, size_t size, const wasm_limits_t* l) {
  char buffer[64];
  if (l->max == wasm_limits_max_default) snprintf(buffer, sizeof buffer, " min %u max none", l->min);
  else snprintf(buffer, sizeof buffer, " min %u max %u", l->min, l->max);
  append(out, size, buffer);
}

/* Describes `type` into `out`, and checks that exactly the conversion of its own kind works (a
 * FAIL line only when one does not). */
static void describe(const wasm_externtype_t* type, char* out, size_t size) {
  out[0] = '\0';
  wasm_externtype_t* t = (wasm_externtype_t*)type;
  wasm_externkind_t kind = wasm_externtype_kind(type);
  const void* views[4] = {wasm_externtype_as_functype(t), wasm_externtype_as_globaltype(t),
                          wasm_externtype_as_tabletype(t), wasm_externtype_as_memorytype(t)};
  const void* const_views[4] = {wasm_externtype_as_functype_const(type), wasm_externtype_as_globaltype_const(type),
                                wasm_externtype_as_tabletype_const(type), wasm_externtype_as_memorytype_const(type)};
  int wrong = 0;
  for (int k = 0; k < 4; k++) {
    if ((views[k] != NULL) != (k == kind) || (const_views[k] != NULL) != (k == kind)) wrong++;
  }
  /* And back: the view of its own kind converts to the same extern type. */
  if ((kind == WASM_EXTERN_FUNC && wasm_functype_as_externtype_const(views[0]) != type) ||
      (kind == WASM_EXTERN_GLOBAL && wasm_globaltype_as_externtype_const(views[1]) != type) ||
      (kind == WASM_EXTERN_TABLE && wasm_tabletype_as_externtype_const(views[2]) != type) ||
      (kind == WASM_EXTERN_MEMORY && wasm_memorytype_as_externtype_const(views[3]) != type))
    wrong++;
  if (wrong) CHECK(false, "conversions of a kind %d extern type: %d wrong", kind, wrong);
  switch (kind) {
    case WASM_EXTERN_FUNC: {
      const wasm_functype_t* f = wasm_externtype_as_functype_const(type);
      append(out, size, "func ");
      append_valtypes(out, size, wasm_functype_params(f));
      append(out, size, " -> ");
      append_valtypes(out, size, wasm_functype_results(f));
      break;
    }
    case WASM_EXTERN_GLOBAL: {
      const wasm_globaltype_t* g = wasm_externtype_as_globaltype_const(type);
      append(out, size, wasm_globaltype_mutability(g) == WASM_VAR ? "global var " : "global const ");
      append(out, size, valkind_name(wasm_valtype_kind(wasm_globaltype_content(g))));
      break;
    }
    case WASM_EXTERN_TABLE: {
      const wasm_tabletype_t* tt = wasm_externtype_as_tabletype_const(type);
      append(out, size, "table ");
      append(out, size, valkind_name(wasm_valtype_kind(wasm_tabletype_element(tt))));
      append_limits(out, size, wasm_tabletype_limits(tt));
      break;
    }
    case WASM_EXTERN_MEMORY:
      append(out, size, "memory");
      append_limits(out, size, wasm_memorytype_limits(wasm_externtype_as_memorytype_const(type)));
      break;
    default:
      append(out, size, "unknown kind");
  }
}

static wasm_trap_t* log_callback(const wasm_val_vec_t* args, wasm_val_vec_t* results) { return NULL; }

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_module_t* module = capi_module(store, wat);
  char text[256], other[256];

  wasm_importtype_vec_t imports;
  wasm_module_imports(module, &imports);
  CHECK(imports.size == 4, "%zu imports", imports.size);
  for (size_t i = 0; i < imports.size; i++) {
    const wasm_name_t* m = wasm_importtype_module(imports.data[i]);
    const wasm_name_t* n = wasm_importtype_name(imports.data[i]);
    describe(wasm_importtype_type(imports.data[i]), text, sizeof text);
    printf("import %.*s.%.*s: %s\n", (int)m->size, m->data, (int)n->size, n->data, text);
  }

  wasm_exporttype_vec_t export_types;
  wasm_module_exports(module, &export_types);
  CHECK(export_types.size == 8, "%zu exports", export_types.size);
  for (size_t i = 0; i < export_types.size; i++) {
    const wasm_name_t* n = wasm_exporttype_name(export_types.data[i]);
    describe(wasm_exporttype_type(export_types.data[i]), text, sizeof text);
    printf("export %.*s: %s\n", (int)n->size, n->data, text);
  }

  /* An instance, with imports made from the import types themselves. */
  const wasm_externtype_t* it[4];
  for (size_t i = 0; i < 4 && i < imports.size; i++) it[i] = wasm_importtype_type(imports.data[i]);
  wasm_func_t* log = wasm_func_new(store, wasm_externtype_as_functype_const(it[0]), log_callback);
  wasm_val_t zero_i32 = WASM_I32_VAL(0), zero_f32 = WASM_F32_VAL(0);
  wasm_global_t* counter = wasm_global_new(store, wasm_externtype_as_globaltype_const(it[1]), &zero_i32);
  wasm_global_t* limit = wasm_global_new(store, wasm_externtype_as_globaltype_const(it[2]), &zero_f32);
  wasm_table_t* table = wasm_table_new(store, wasm_externtype_as_tabletype_const(it[3]), NULL);
  REQUIRE(log && counter && limit && table, "imports made from the import types");
  wasm_extern_t* given[] = {wasm_func_as_extern(log), wasm_global_as_extern(counter), wasm_global_as_extern(limit),
                            wasm_table_as_extern(table)};
  wasm_extern_vec_t given_vec = WASM_ARRAY_VEC(given);
  wasm_instance_t* instance = wasm_instance_new(store, module, &given_vec, NULL);
  REQUIRE(instance != NULL, "instance created");

  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK(exports.size == export_types.size, "%zu instance exports", exports.size);
  for (size_t i = 0; i < exports.size && i < export_types.size; i++) {
    wasm_externtype_t* type = wasm_extern_type(exports.data[i]);
    CHECK(wasm_externtype_kind(type) == wasm_extern_kind(exports.data[i]), "export %zu: extern kind %d", i,
          wasm_extern_kind(exports.data[i]));
    describe(type, text, sizeof text);
    describe(wasm_exporttype_type(export_types.data[i]), other, sizeof other);
    CHECK(strcmp(text, other) == 0, "export %zu's extern type: %s", i, text);
    wasm_externtype_delete(type);
  }
  CHECK(wasm_func_same(wasm_extern_as_func(exports.data[2]), log), "log_again is the imported host function");

  /* Types made by hand convert the same way. */
  wasm_limits_t l = {4, wasm_limits_max_default};
  wasm_memorytype_t* mt = wasm_memorytype_new(&l);
  describe(wasm_memorytype_as_externtype(mt), text, sizeof text);
  CHECK(strcmp(text, "memory min 4 max none") == 0, "hand-made %s", text);
  CHECK(wasm_externtype_as_memorytype(wasm_memorytype_as_externtype(mt)) == mt, "memory type round trip");
  wasm_externtype_t* copy = wasm_externtype_copy(wasm_memorytype_as_externtype(mt));
  describe(copy, other, sizeof other);
  CHECK(strcmp(text, other) == 0, "copied %s", other);
  wasm_externtype_delete(copy);
  wasm_memorytype_delete(mt);
  wasm_globaltype_t* gt = wasm_globaltype_new(wasm_valtype_new_funcref(), WASM_VAR);
  describe(wasm_globaltype_as_externtype(gt), text, sizeof text);
  CHECK(strcmp(text, "global var funcref") == 0, "hand-made %s", text);
  wasm_globaltype_delete(gt);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_func_delete(log);
  wasm_global_delete(counter);
  wasm_global_delete(limit);
  wasm_table_delete(table);
  wasm_exporttype_vec_delete(&export_types);
  wasm_importtype_vec_delete(&imports);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return capi_finish();
}
