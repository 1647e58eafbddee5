/* std_callback: host functions as callbacks. An environment given to wasm_func_new_with_env reaches
 * every call, and its finalizer runs exactly once, when the store is deleted (not before); a
 * callback takes one argument of each number kind and returns two results; a callback calls back
 * into WebAssembly (a factorial that recurses through the host). */
#include "capi_test.h"

static const char* wat =
    "(module\n"
    "  (import \"host\" \"mix\" (func $mix (param i32 i64 f32 f64) (result i64 f64)))\n"
    "  (import \"host\" \"tally\" (func $tally (param i32) (result i32)))\n"
    "  (import \"host\" \"reenter\" (func $reenter (param i32) (result i32)))\n"
    "  (func (export \"mix\") (param i32 i64 f32 f64) (result i64 f64)\n"
    "    (call $mix (local.get 0) (local.get 1) (local.get 2) (local.get 3)))\n"
    "  (func (export \"tally_twice\") (param i32) (result i32)\n"
    "    (drop (call $tally (local.get 0))) (call $tally (local.get 0)))\n"
    "  (func $fact (export \"fact\") (param i32) (result i32)\n"
    "    (if (result i32) (i32.le_s (local.get 0) (i32.const 1))\n"
    "      (then (i32.const 1))\n"
    "      (else (i32.mul (local.get 0) (call $reenter (i32.sub (local.get 0) (i32.const 1))))))))\n";

/* An environment: what the callback keeps between calls, and how often it was finalized. */
typedef struct {
  const char* name;
  int32_t total;
  int calls, depth, max_depth;
  const wasm_func_t* fact; /* for "reenter": the export to call back */
  int finalized;
} env_t;

static void finalize(void* p) { ((env_t*)p)->finalized++; }

static wasm_trap_t* mix(void* env, const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  env_t* e = env;
  e->calls++;
  const wasm_val_t* a = args->data;
  printf("mix got (%s %d, %s %lld, %s %g, %s %g)\n", a[0].kind == WASM_I32 ? "i32" : "?", a[0].of.i32,
         a[1].kind == WASM_I64 ? "i64" : "?", (long long)a[1].of.i64, a[2].kind == WASM_F32 ? "f32" : "?",
         (double)a[2].of.f32, a[3].kind == WASM_F64 ? "f64" : "?", a[3].of.f64);
  results->data[0].kind = WASM_I64;
  results->data[0].of.i64 = a[0].of.i32 + a[1].of.i64;
  results->data[1].kind = WASM_F64;
  results->data[1].of.f64 = a[2].of.f32 * a[3].of.f64;
  return NULL;
}

static wasm_trap_t* tally(void* env, const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  env_t* e = env;
  e->calls++;
  e->total += args->data[0].of.i32;
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = e->total;
  return NULL;
}

/* reenter(n) = fact(n), calling the export back while the export's earlier frames are live. */
static wasm_trap_t* reenter(void* env, const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  env_t* e = env;
  e->calls++;
  if (++e->depth > e->max_depth) e->max_depth = e->depth;
  wasm_val_t arg[1] = {WASM_I32_VAL(args->data[0].of.i32)};
  wasm_trap_t* trap = capi_call(e->fact, arg, 1, results->data, 1);
  e->depth--;
  return trap;
}

int main(void) {
  env_t mix_env = {.name = "mix"}, tally_env = {.name = "tally"}, reenter_env = {.name = "reenter"},
        unused_env = {.name = "unused"};
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_module_t* module = capi_module(store, wat);

  wasm_valtype_t* mix_params[] = {wasm_valtype_new_i32(), wasm_valtype_new_i64(), wasm_valtype_new_f32(),
                                  wasm_valtype_new_f64()};
  wasm_valtype_t* mix_results[] = {wasm_valtype_new_i64(), wasm_valtype_new_f64()};
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new(&params, 4, mix_params);
  wasm_valtype_vec_new(&results, 2, mix_results);
  wasm_functype_t* mix_type = wasm_functype_new(&params, &results);
  wasm_functype_t* i32_i32 = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());

  wasm_func_t* funcs[4] = {
      wasm_func_new_with_env(store, mix_type, mix, &mix_env, finalize),
      wasm_func_new_with_env(store, i32_i32, tally, &tally_env, finalize),
      wasm_func_new_with_env(store, i32_i32, reenter, &reenter_env, finalize),
      wasm_func_new_with_env(store, i32_i32, tally, &unused_env, finalize), /* never imported or called */
  };
  wasm_functype_delete(mix_type);
  wasm_functype_delete(i32_i32);
  REQUIRE(funcs[0] && funcs[1] && funcs[2] && funcs[3], "four host functions with environments created");

  wasm_extern_t* imports_data[] = {wasm_func_as_extern(funcs[0]), wasm_func_as_extern(funcs[1]),
                                   wasm_func_as_extern(funcs[2])};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(imports_data);
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, NULL);
  REQUIRE(instance != NULL, "instance created");
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  wasm_func_t* mix_export = capi_export_func(&exports, 0);
  wasm_func_t* tally_twice = capi_export_func(&exports, 1);
  reenter_env.fact = capi_export_func(&exports, 2);

  /* Every number kind in, two results out. */
  wasm_val_t args[4] = {WASM_I32_VAL(-7), WASM_I64_VAL(4294967296LL), WASM_F32_VAL(1.5f), WASM_F64_VAL(-0.25)};
  wasm_val_t out[2] = {WASM_INIT_VAL, WASM_INIT_VAL};
  wasm_trap_t* trap = capi_call(mix_export, args, 4, out, 2);
  CHECK(trap == NULL, "mix returned: %s", capi_trap_text(trap));
  CHECK(out[0].kind == WASM_I64 && out[0].of.i64 == 4294967289LL, "mix result 0 = i64 %lld", (long long)out[0].of.i64);
  CHECK(out[1].kind == WASM_F64 && out[1].of.f64 == -0.375, "mix result 1 = f64 %g", out[1].of.f64);

  /* The environment persists between calls. */
  wasm_val_t n[1] = {WASM_I32_VAL(5)};
  trap = capi_call(tally_twice, n, 1, out, 1);
  CHECK(trap == NULL && out[0].of.i32 == 10, "tally_twice(5) = %d", out[0].of.i32);
  n[0].of.i32 = 11;
  trap = capi_call(tally_twice, n, 1, out, 1);
  CHECK(trap == NULL && out[0].of.i32 == 32 && tally_env.calls == 4, "tally_twice(11) = %d after %d calls",
        out[0].of.i32, tally_env.calls);

  /* Reentrancy: fact(6) = 6 * reenter(5) = 6 * fact(5) = ... with five host frames live at once. */
  n[0].of.i32 = 6;
  trap = capi_call(reenter_env.fact, n, 1, out, 1);
  CHECK(trap == NULL, "fact(6) returned: %s", capi_trap_text(trap));
  CHECK(out[0].kind == WASM_I32 && out[0].of.i32 == 720, "fact(6) = %d", out[0].of.i32);
  CHECK(reenter_env.calls == 5 && reenter_env.max_depth == 5 && reenter_env.depth == 0,
        "reenter: %d calls, nested %d deep", reenter_env.calls, reenter_env.max_depth);
  CHECK(mix_env.calls == 1 && unused_env.calls == 0, "mix called %d time(s), unused %d", mix_env.calls, unused_env.calls);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  for (int i = 0; i < 4; i++) wasm_func_delete(funcs[i]);
  wasm_module_delete(module);
  env_t* envs[] = {&mix_env, &tally_env, &reenter_env, &unused_env};
  int early = 0;
  for (int i = 0; i < 4; i++) early += envs[i]->finalized;
  CHECK(early == 0, "no finalizer ran before the store was deleted (%d did)", early);
  wasm_store_delete(store);
  for (int i = 0; i < 4; i++)
    CHECK(envs[i]->finalized == 1, "%s environment finalized %d time(s)", envs[i]->name, envs[i]->finalized);
  wasm_engine_delete(engine);
  for (int i = 0; i < 4; i++)
    CHECK(envs[i]->finalized == 1, "%s environment still finalized %d time(s) after the engine", envs[i]->name,
          envs[i]->finalized);
  return capi_finish();
}
