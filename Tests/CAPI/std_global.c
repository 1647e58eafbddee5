/* std_global: globals between C and WebAssembly. Imported immutable and mutable globals of each
 * number kind, read and written from C (wasm_global_get/set) and from WebAssembly (through
 * exported getters and setters), each side seeing the other's writes; exported globals and their
 * types; two handles of one global are the same; a value of the wrong kind is refused by
 * wasm_global_new and ignored by wasm_global_set, as is a write to an immutable global. */
#include "capi_test.h"

#define GETTER(name, t, g) "  (func (export \"" name "\") (result " t ") (global.get " g "))\n"
#define SETTER(name, t, g) "  (func (export \"" name "\") (param " t ") (global.set " g " (local.get 0)))\n"

static const char* wat =
    "(module\n"
    "  (import \"env\" \"const_i32\" (global $c0 i32))\n"
    "  (import \"env\" \"const_i64\" (global $c1 i64))\n"
    "  (import \"env\" \"const_f32\" (global $c2 f32))\n"
    "  (import \"env\" \"const_f64\" (global $c3 f64))\n"
    "  (import \"env\" \"var_i32\" (global $v0 (mut i32)))\n"
    "  (import \"env\" \"var_i64\" (global $v1 (mut i64)))\n"
    "  (import \"env\" \"var_f32\" (global $v2 (mut f32)))\n"
    "  (import \"env\" \"var_f64\" (global $v3 (mut f64)))\n"
    "  (global (export \"own_const\") f64 (f64.const 2.5))\n"
    "  (global $own (export \"own_var\") (mut i64) (i64.const 100))\n"
    "  (export \"reexported_var_i32\" (global $v0))\n"
    GETTER("get_const_i32", "i32", "$c0") GETTER("get_const_i64", "i64", "$c1")
    GETTER("get_const_f32", "f32", "$c2") GETTER("get_const_f64", "f64", "$c3")
    GETTER("get_var_i32", "i32", "$v0") GETTER("get_var_i64", "i64", "$v1")
    GETTER("get_var_f32", "f32", "$v2") GETTER("get_var_f64", "f64", "$v3")
    SETTER("set_var_i32", "i32", "$v0") SETTER("set_var_i64", "i64", "$v1")
    SETTER("set_var_f32", "f32", "$v2") SETTER("set_var_f64", "f64", "$v3")
    GETTER("get_own_var", "i64", "$own") SETTER("set_own_var", "i64", "$own")
    ")\n";

enum { OWN_CONST, OWN_VAR, REEXPORTED, GET_CONST = 3, GET_VAR = 7, SET_VAR = 11, GET_OWN = 15, SET_OWN, EXPORT_COUNT };

static const char* kind_names[] = {"i32", "i64", "f32", "f64"};

static wasm_val_t make(wasm_valkind_t kind, double x) {
  wasm_val_t v = {.kind = kind};
  switch (kind) {
    case WASM_I32: v.of.i32 = (int32_t)x; break;
    case WASM_I64: v.of.i64 = (int64_t)x; break;
    case WASM_F32: v.of.f32 = (float)x; break;
    default: v.of.f64 = x; break;
  }
  return v;
}

/* The value as a double, or -12345 (which no check expects) when its kind is not `kind`. */
static double number(wasm_val_t v, wasm_valkind_t kind) {
  if (v.kind != kind) return -12345;
  switch (kind) {
    case WASM_I32: return v.of.i32;
    case WASM_I64: return (double)v.of.i64;
    case WASM_F32: return v.of.f32;
    default: return v.of.f64;
  }
}

static wasm_val_t get(const wasm_global_t* g) {
  wasm_val_t v;
  wasm_global_get(g, &v);
  return v;
}

/* Calls a getter (no arguments, one result) or a setter (one argument, no result). */
static wasm_val_t call_getter(const wasm_func_t* f) {
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_trap_t* trap = capi_call(f, NULL, 0, r, 1);
  if (trap) { printf("FAIL getter trapped: %s\n", capi_trap_text(trap)); exit(1); }
  return r[0];
}
static void call_setter(const wasm_func_t* f, wasm_val_t v) {
  wasm_trap_t* trap = capi_call(f, &v, 1, NULL, 0);
  if (trap) { printf("FAIL setter trapped: %s\n", capi_trap_text(trap)); exit(1); }
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_module_t* module = capi_module(store, wat);

  wasm_global_t* consts[4];
  wasm_global_t* vars[4];
  wasm_extern_t* imports_data[8];
  for (wasm_valkind_t k = WASM_I32; k <= WASM_F64; k++) {
    wasm_globaltype_t* const_type = wasm_globaltype_new(wasm_valtype_new(k), WASM_CONST);
    wasm_globaltype_t* var_type = wasm_globaltype_new(wasm_valtype_new(k), WASM_VAR);
    wasm_val_t c = make(k, 10 + k), v = make(k, 20 + k);
    consts[k] = wasm_global_new(store, const_type, &c);
    vars[k] = wasm_global_new(store, var_type, &v);
    REQUIRE(consts[k] && vars[k], "%s globals created", kind_names[k]);
    imports_data[k] = wasm_global_as_extern(consts[k]);
    imports_data[4 + k] = wasm_global_as_extern(vars[k]);

    /* A value of another kind does not make a global. */
    wasm_val_t wrong = make(k == WASM_I32 ? WASM_I64 : WASM_I32, 1);
    CHECK(wasm_global_new(store, var_type, &wrong) == NULL, "wasm_global_new(%s type, %s value) = NULL",
          kind_names[k], kind_names[wrong.kind]);
    wasm_globaltype_delete(const_type);
    wasm_globaltype_delete(var_type);

    wasm_globaltype_t* t = wasm_global_type(consts[k]);
    wasm_globaltype_t* u = wasm_global_type(vars[k]);
    CHECK(wasm_valtype_kind(wasm_globaltype_content(t)) == k && wasm_globaltype_mutability(t) == WASM_CONST &&
              wasm_valtype_kind(wasm_globaltype_content(u)) == k && wasm_globaltype_mutability(u) == WASM_VAR,
          "types: const %s, var %s", kind_names[wasm_valtype_kind(wasm_globaltype_content(t)) & 3],
          kind_names[wasm_valtype_kind(wasm_globaltype_content(u)) & 3]);
    wasm_globaltype_delete(t);
    wasm_globaltype_delete(u);
  }

  wasm_extern_vec_t imports = WASM_ARRAY_VEC(imports_data);
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, NULL);
  REQUIRE(instance != NULL, "instance created");
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  REQUIRE(exports.size == EXPORT_COUNT, "%zu exports", exports.size);

  for (wasm_valkind_t k = WASM_I32; k <= WASM_F64; k++) {
    const char* kn = kind_names[k];
    wasm_func_t* get_const = capi_export_func(&exports, GET_CONST + k);
    wasm_func_t* get_var = capi_export_func(&exports, GET_VAR + k);
    wasm_func_t* set_var = capi_export_func(&exports, SET_VAR + k);
    double x;
    x = number(call_getter(get_const), k);
    CHECK(x == 10 + k, "wasm reads const %s = %g", kn, x);
    x = number(call_getter(get_var), k);
    CHECK(x == 20 + k, "wasm reads var %s = %g", kn, x);

    wasm_val_t v = make(k, -3.5 - k);
    wasm_global_set(vars[k], &v);
    x = number(call_getter(get_var), k);
    CHECK(x == number(v, k), "C sets var %s, wasm reads %g", kn, x);
    x = number(get(vars[k]), k);
    CHECK(x == number(v, k), "C reads var %s back = %g", kn, x);

    call_setter(set_var, make(k, 1000 + k));
    x = number(get(vars[k]), k);
    CHECK(x == 1000 + k, "wasm sets var %s, C reads %g", kn, x);

    /* Ignored writes: to an immutable global, and of a value of another kind. */
    wasm_val_t other = make(k, 77);
    wasm_global_set(consts[k], &other);
    x = number(get(consts[k]), k);
    CHECK(x == 10 + k, "set of const %s ignored: C reads %g", kn, x);
    x = number(call_getter(get_const), k);
    CHECK(x == 10 + k, "set of const %s ignored: wasm reads %g", kn, x);
    wasm_val_t wrong = make(k == WASM_F64 ? WASM_I32 : WASM_F64, 5);
    wasm_global_set(vars[k], &wrong);
    x = number(get(vars[k]), k);
    CHECK(x == 1000 + k, "set of var %s with a %s ignored: C reads %g", kn, kind_names[wrong.kind], x);
  }

  /* The module's own globals. */
  wasm_global_t* own_const = capi_export_global(&exports, OWN_CONST);
  wasm_global_t* own_var = capi_export_global(&exports, OWN_VAR);
  wasm_globaltype_t* t = wasm_global_type(own_const);
  CHECK(wasm_valtype_kind(wasm_globaltype_content(t)) == WASM_F64 && wasm_globaltype_mutability(t) == WASM_CONST,
        "own_const: f64 const");
  wasm_globaltype_delete(t);
  t = wasm_global_type(own_var);
  CHECK(wasm_valtype_kind(wasm_globaltype_content(t)) == WASM_I64 && wasm_globaltype_mutability(t) == WASM_VAR,
        "own_var: i64 var");
  wasm_globaltype_delete(t);
  CHECK(number(get(own_const), WASM_F64) == 2.5, "own_const = %g", number(get(own_const), WASM_F64));
  CHECK(number(get(own_var), WASM_I64) == 100, "own_var = %g", number(get(own_var), WASM_I64));
  wasm_val_t v = WASM_I64_VAL(-5000000000LL);
  wasm_global_set(own_var, &v);
  wasm_val_t r = call_getter(capi_export_func(&exports, GET_OWN));
  CHECK(r.kind == WASM_I64 && r.of.i64 == -5000000000LL, "C sets own_var, wasm reads %lld", (long long)r.of.i64);
  call_setter(capi_export_func(&exports, SET_OWN), (wasm_val_t)WASM_I64_VAL(123456789012LL));
  r = get(own_var);
  CHECK(r.kind == WASM_I64 && r.of.i64 == 123456789012LL, "wasm sets own_var, C reads %lld", (long long)r.of.i64);
  wasm_global_set(own_const, &(wasm_val_t)WASM_F64_VAL(9.0));
  CHECK(number(get(own_const), WASM_F64) == 2.5, "set of own_const ignored: %g", number(get(own_const), WASM_F64));

  /* Sameness: a second listing of the exports gives other handles to the same globals; the
   * re-exported import is the global C made. */
  wasm_extern_vec_t again;
  wasm_instance_exports(instance, &again);
  wasm_global_t* own_var2 = capi_export_global(&again, OWN_VAR);
  CHECK(wasm_global_same(own_var, own_var2), "two handles of own_var are the same global");
  CHECK(!wasm_global_same(own_var, own_const), "own_var and own_const are not the same");
  CHECK(wasm_global_same(capi_export_global(&again, REEXPORTED), vars[0]), "reexported_var_i32 is the imported var_i32");
  wasm_global_t* copy = wasm_global_copy(own_var);
  CHECK(wasm_global_same(copy, own_var2), "a wasm_global_copy is the same global");
  wasm_global_delete(copy);
  r = get(own_var2);
  CHECK(r.of.i64 == 123456789012LL, "reading through the other handle: %lld", (long long)r.of.i64);
  wasm_extern_vec_delete(&again);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  for (int k = 0; k < 4; k++) {
    wasm_global_delete(consts[k]);
    wasm_global_delete(vars[k]);
  }
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return capi_finish();
}
