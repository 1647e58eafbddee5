/* std_hostref: host objects as externref. Foreign objects (wasm_foreign_new) with host info go into
 * WebAssembly through an imported global, an exported global, an externref table and the
 * parameters of functions (one of them a host callback that picks one of two references), and come
 * back as references that are the same objects (wasm_ref_same) with the same host info; null
 * references come back as NULL. An object whose last handle is deleted while a table holds it
 * stays alive there. Each foreign object's finalizer runs once, after the store and every handle
 * are deleted. */
#include "capi_test.h"

static const char* wat =
    "(module\n"
    "  (import \"host\" \"pick\" (func $pick (param externref externref i32) (result externref)))\n"
    "  (import \"host\" \"seed\" (global $seed externref))\n"
    "  (global $g (export \"g\") (mut externref) (ref.null extern))\n"
    "  (table $t (export \"t\") 4 externref)\n"
    "  (func (export \"get_g\") (result externref) (global.get $g))\n"
    "  (func (export \"set_g\") (param externref) (global.set $g (local.get 0)))\n"
    "  (func (export \"get_seed\") (result externref) (global.get $seed))\n"
    "  (func (export \"table_get\") (param i32) (result externref) (table.get $t (local.get 0)))\n"
    "  (func (export \"table_set\") (param i32 externref) (table.set $t (local.get 0) (local.get 1)))\n"
    "  (func (export \"pick\") (param externref externref i32) (result externref)\n"
    "    (call $pick (local.get 0) (local.get 1) (local.get 2)))\n"
    "  (func (export \"is_null\") (param externref) (result i32) (ref.is_null (local.get 0))))\n";

enum { G, T, GET_G, SET_G, GET_SEED, TABLE_GET, TABLE_SET, PICK, IS_NULL };

static wasm_extern_vec_t exports;
static int infos[4]; /* host info of the foreign objects A, B, C (and D): &infos[i] */
static int finalized[4];
static int pick_calls = 0, pick_wrong_args = 0;
static wasm_foreign_t* objects[3];

static void finalize(void* info) { finalized[(int*)info - infos]++; }

/* Which of A, B, C `ref` is, checked by both wasm_ref_same and host info: "A".."C", "null", or "?". */
static const char* which(const wasm_ref_t* ref) {
  if (!ref) return "null";
  static const char* names[] = {"A", "B", "C"};
  for (int i = 0; i < 3; i++) {
    if (wasm_ref_same(ref, wasm_foreign_as_ref_const(objects[i])) && wasm_ref_get_host_info(ref) == &infos[i] &&
        wasm_ref_as_foreign_const(ref) != NULL && wasm_foreign_same(wasm_ref_as_foreign_const(ref), objects[i]))
      return names[i];
  }
  return "?";
}

/* host.pick(a, b, i): a copy of a (i = 0) or b (otherwise). */
static wasm_trap_t* pick(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  pick_calls++;
  if (args->data[0].kind != WASM_EXTERNREF || args->data[1].kind != WASM_EXTERNREF) pick_wrong_args++;
  printf("  host pick sees (%s, %s, %d)\n", which(args->data[0].of.ref), which(args->data[1].of.ref),
         args->data[2].of.i32);
  wasm_ref_t* chosen = args->data[args->data[2].of.i32 == 0 ? 0 : 1].of.ref;
  results->data[0].kind = WASM_EXTERNREF;
  results->data[0].of.ref = chosen ? wasm_ref_copy(chosen) : NULL;
  return NULL;
}

/* Calls export `index` with `args`; returns which object its externref result is (or "trap"). */
static const char* call_ref(int index, wasm_val_t* args, size_t nargs) {
  wasm_val_t result[1] = {WASM_INIT_VAL};
  wasm_trap_t* trap = capi_call(capi_export_func(&exports, index), args, nargs, result, 1);
  if (trap) {
    printf("  trap: %s\n", capi_trap_text(trap));
    wasm_trap_delete(trap);
    return "trap";
  }
  const char* w = result[0].kind == WASM_EXTERNREF ? which(result[0].of.ref) : "not an externref";
  wasm_val_delete(&result[0]);
  return w;
}

static void call_void(int index, wasm_val_t* args, size_t nargs) {
  wasm_trap_t* trap = capi_call(capi_export_func(&exports, index), args, nargs, NULL, 0);
  if (trap) {
    CHECK(false, "export %d trapped: %s", index, capi_trap_text(trap));
    wasm_trap_delete(trap);
  }
}

static wasm_ref_t* ref(int i) { return wasm_foreign_as_ref(objects[i]); }

static const char* global_holds(const wasm_global_t* g) {
  wasm_val_t v;
  wasm_global_get(g, &v);
  const char* w = v.kind == WASM_EXTERNREF ? which(v.of.ref) : "not an externref";
  wasm_val_delete(&v);
  return w;
}

static const char* table_holds(const wasm_table_t* t, wasm_table_size_t i) {
  wasm_ref_t* r = wasm_table_get(t, i);
  const char* w = which(r);
  wasm_ref_delete(r);
  return w;
}

static void expect(const char* got, const char* want, const char* what) {
  CHECK(strcmp(got, want) == 0, "%s: %s", what, got);
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_module_t* module = capi_module(store, wat);
  for (int i = 0; i < 3; i++) {
    objects[i] = wasm_foreign_new(store);
    REQUIRE(objects[i] != NULL, "foreign object %c created", 'A' + i);
    wasm_foreign_set_host_info_with_finalizer(objects[i], &infos[i], finalize);
  }
  CHECK(!wasm_ref_same(ref(0), ref(1)), "A and B are different objects");

  wasm_valtype_t* ps[] = {wasm_valtype_new_externref(), wasm_valtype_new_externref(), wasm_valtype_new_i32()};
  wasm_functype_t* pick_type = wasm_functype_new_3_1(ps[0], ps[1], ps[2], wasm_valtype_new_externref());
  wasm_func_t* pick_func = wasm_func_new(store, pick_type, pick);
  wasm_functype_delete(pick_type);
  wasm_globaltype_t* seed_type = wasm_globaltype_new(wasm_valtype_new_externref(), WASM_CONST);
  wasm_val_t seed_value = WASM_REF_VAL(ref(0));
  wasm_global_t* seed = wasm_global_new(store, seed_type, &seed_value);
  wasm_globaltype_delete(seed_type);
  REQUIRE(pick_func && seed, "host function and externref global created");
  expect(global_holds(seed), "A", "seed global made from A holds");

  wasm_extern_t* imports_data[] = {wasm_func_as_extern(pick_func), wasm_global_as_extern(seed)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(imports_data);
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, NULL);
  REQUIRE(instance != NULL, "instance created");
  wasm_instance_exports(instance, &exports);
  wasm_global_t* g = capi_export_global(&exports, G);
  wasm_table_t* t = capi_export_table(&exports, T);

  /* Globals. */
  expect(call_ref(GET_SEED, NULL, 0), "A", "get_seed()");
  expect(global_holds(g), "null", "exported global g starts");
  expect(call_ref(GET_G, NULL, 0), "null", "get_g() at first");
  wasm_val_t v = WASM_REF_VAL(ref(1));
  wasm_global_set(g, &v);
  expect(call_ref(GET_G, NULL, 0), "B", "C sets g to B, get_g()");
  wasm_val_t arg[2] = {WASM_REF_VAL(ref(2))};
  call_void(SET_G, arg, 1);
  expect(global_holds(g), "C", "set_g(C), C reads g");
  arg[0].of.ref = NULL;
  call_void(SET_G, arg, 1);
  expect(global_holds(g), "null", "set_g(null), C reads g");

  /* A table. */
  expect(table_holds(t, 0), "null", "t[0] starts");
  CHECK(wasm_table_set(t, 1, ref(0)), "wasm_table_set(t, 1, A) = true");
  wasm_val_t index_arg[2] = {WASM_I32_VAL(1), WASM_REF_VAL(NULL)};
  expect(call_ref(TABLE_GET, index_arg, 1), "A", "table_get(1)");
  wasm_val_t set_args[2] = {WASM_I32_VAL(2), WASM_REF_VAL(ref(1))};
  call_void(TABLE_SET, set_args, 2);
  expect(table_holds(t, 2), "B", "table_set(2, B), C reads t[2]");
  set_args[0].of.i32 = 1;
  set_args[1].of.ref = NULL;
  call_void(TABLE_SET, set_args, 2);
  expect(table_holds(t, 1), "null", "table_set(1, null), C reads t[1]");
  bool grown = wasm_table_grow(t, 1, ref(2));
  CHECK(grown && wasm_table_size(t) == 5, "wasm_table_grow(t, 1, C): size %u", wasm_table_size(t));
  index_arg[0].of.i32 = 4;
  expect(call_ref(TABLE_GET, index_arg, 1), "C", "table_get(4)");

  /* D: its only handle deleted while the table holds it; the table's reference keeps it, host info
   * and all, and its finalizer waits. */
  wasm_foreign_t* d = wasm_foreign_new(store);
  wasm_foreign_set_host_info_with_finalizer(d, &infos[3], finalize);
  CHECK(wasm_table_set(t, 3, wasm_foreign_as_ref(d)), "wasm_table_set(t, 3, D) = true");
  wasm_foreign_delete(d);
  CHECK(finalized[3] == 0, "D's handle deleted, D not finalized (%d)", finalized[3]);
  index_arg[0].of.i32 = 3;
  wasm_val_t d_result[1] = {WASM_INIT_VAL};
  wasm_trap_t* trap = capi_call(capi_export_func(&exports, TABLE_GET), index_arg, 1, d_result, 1);
  CHECK(trap == NULL && d_result[0].of.ref && wasm_ref_get_host_info(d_result[0].of.ref) == &infos[3],
        "table_get(3) gives back D with its host info");
  if (trap) wasm_trap_delete(trap);
  wasm_ref_t* d_again = wasm_table_get(t, 3);
  CHECK(d_again && d_result[0].of.ref && wasm_ref_same(d_again, d_result[0].of.ref), "wasm_table_get(t, 3) is the same D");
  wasm_ref_delete(d_again);
  wasm_val_delete(&d_result[0]);

  /* Through a host function, both ways. */
  wasm_val_t pick_args[3] = {WASM_REF_VAL(ref(0)), WASM_REF_VAL(ref(1)), WASM_I32_VAL(0)};
  expect(call_ref(PICK, pick_args, 3), "A", "pick(A, B, 0)");
  pick_args[2].of.i32 = 1;
  expect(call_ref(PICK, pick_args, 3), "B", "pick(A, B, 1)");
  pick_args[0].of.ref = NULL;
  pick_args[2].of.i32 = 0;
  expect(call_ref(PICK, pick_args, 3), "null", "pick(null, B, 0)");
  pick_args[0].of.ref = ref(2);
  pick_args[1].of.ref = ref(2);
  pick_args[2].of.i32 = 1;
  expect(call_ref(PICK, pick_args, 3), "C", "pick(C, C, 1)");
  CHECK(pick_calls == 4 && pick_wrong_args == 0, "host pick called %d times with externref arguments", pick_calls);

  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_val_t one[1] = {WASM_REF_VAL(NULL)};
  trap = capi_call(capi_export_func(&exports, IS_NULL), one, 1, r, 1);
  CHECK(trap == NULL && r[0].of.i32 == 1, "is_null(null) = %d", r[0].of.i32);
  one[0].of.ref = ref(0);
  trap = capi_call(capi_export_func(&exports, IS_NULL), one, 1, r, 1);
  CHECK(trap == NULL && r[0].of.i32 == 0, "is_null(A) = %d", r[0].of.i32);

  /* Every handle, then the store: each foreign object's finalizer once, and only then. */
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_func_delete(pick_func);
  wasm_global_delete(seed);
  wasm_module_delete(module);
  for (int i = 0; i < 3; i++) wasm_foreign_delete(objects[i]);
  int early = finalized[0] + finalized[1] + finalized[2] + finalized[3];
  CHECK(early == 0, "no foreign finalizer before the store is deleted (%d ran)", early);
  wasm_store_delete(store);
  CHECK(finalized[0] == 1 && finalized[1] == 1 && finalized[2] == 1 && finalized[3] == 1,
        "foreign finalizers ran A %d, B %d, C %d, D %d time(s)", finalized[0], finalized[1], finalized[2], finalized[3]);
  wasm_engine_delete(engine);
  return capi_finish();
}
