/* std_threads: one module on many threads. The module is compiled once and shared
 * (wasm_module_share); 8 threads each make their own stores from the one engine, obtain the module
 * (wasm_module_obtain), instantiate it with a host function and a global of their own, and call an
 * export a few times, for several rounds; every thread's results are checked after joining. The
 * original module handle is deleted before the threads start: the shared one is enough. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>

#include "capi_test.h"

#define THREADS 8
#define ROUNDS 25
#define STEPS 5

static const char* wat =
    "(module\n"
    "  (import \"env\" \"id\" (func $id (result i32)))\n"
    "  (import \"env\" \"acc\" (global $acc (mut i32)))\n"
    "  (func (export \"step\") (param i32) (result i32)\n"
    "    (global.set $acc (i32.add (global.get $acc) (i32.mul (local.get 0) (call $id))))\n"
    "    (global.get $acc)))\n";

typedef struct {
  int id;
  wasm_engine_t* engine;
  const wasm_shared_module_t* shared;
  /* What the thread found: */
  int rounds_ok;       /* rounds whose every step returned what it should */
  int host_calls;      /* calls of its host function, over all rounds */
  int finalized;       /* its host function's environment, finalized once per round */
  int32_t last_global; /* the global's value after the last round, read from C */
  char error[200];
} job_t;

static wasm_trap_t* id_callback(void* env, const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  job_t* job = env;
  job->host_calls++;
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = job->id;
  return NULL;
}

static void finalize(void* env) { ((job_t*)env)->finalized++; }

static bool round_of(job_t* job, int round) {
  wasm_store_t* store = wasm_store_new(job->engine);
  wasm_module_t* module = wasm_module_obtain(store, job->shared);
  if (!module) {
    snprintf(job->error, sizeof job->error, "round %d: wasm_module_obtain = NULL (%.100s)", round, capi_last_error());
    wasm_store_delete(store);
    return false;
  }
  wasm_functype_t* type = wasm_functype_new_0_1(wasm_valtype_new_i32());
  wasm_func_t* id = wasm_func_new_with_env(store, type, id_callback, job, finalize);
  wasm_functype_delete(type);
  wasm_globaltype_t* gtype = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_VAR);
  wasm_val_t start = WASM_I32_VAL(job->id * 1000 + round);
  wasm_global_t* acc = wasm_global_new(store, gtype, &start);
  wasm_globaltype_delete(gtype);
  wasm_extern_t* imports_data[] = {wasm_func_as_extern(id), wasm_global_as_extern(acc)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(imports_data);
  wasm_trap_t* trap = NULL;
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, &trap);
  bool ok = instance != NULL;
  if (!ok) snprintf(job->error, sizeof job->error, "round %d: no instance (%.100s)", round, capi_trap_text(trap));
  if (trap) wasm_trap_delete(trap);

  if (ok) {
    wasm_extern_vec_t exports;
    wasm_instance_exports(instance, &exports);
    const wasm_func_t* step = exports.size == 1 ? wasm_extern_as_func(exports.data[0]) : NULL;
    int32_t expected = job->id * 1000 + round;
    for (int k = 1; ok && step && k <= STEPS; k++) {
      wasm_val_t args[1] = {WASM_I32_VAL(k)};
      wasm_val_t results[1] = {WASM_INIT_VAL};
      trap = capi_call(step, args, 1, results, 1);
      expected += k * job->id;
      if (trap || results[0].of.i32 != expected) {
        snprintf(job->error, sizeof job->error, "round %d step %d: got %d, expected %d (%.100s)", round, k,
                 results[0].of.i32, expected, capi_trap_text(trap));
        ok = false;
      }
      if (trap) wasm_trap_delete(trap);
    }
    ok = ok && step != NULL;
    wasm_val_t v;
    wasm_global_get(acc, &v);
    job->last_global = v.of.i32;
    if (ok && v.of.i32 != expected) {
      snprintf(job->error, sizeof job->error, "round %d: global %d, expected %d", round, v.of.i32, expected);
      ok = false;
    }
    wasm_extern_vec_delete(&exports);
    wasm_instance_delete(instance);
  }
  wasm_global_delete(acc);
  wasm_func_delete(id);
  wasm_module_delete(module);
  int before = job->finalized;
  wasm_store_delete(store);
  if (ok && job->finalized != before + 1) {
    snprintf(job->error, sizeof job->error, "round %d: finalizer ran %d times", round, job->finalized - before);
    ok = false;
  }
  return ok;
}

static void* thread_main(void* arg) {
  job_t* job = arg;
  for (int round = 0; round < ROUNDS; round++) {
    if (round_of(job, round)) job->rounds_ok++;
  }
  return NULL;
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_module_t* module = capi_module(store, wat);
  wasm_shared_module_t* shared = wasm_module_share(module);
  REQUIRE(shared != NULL, "module compiled once and shared");
  wasm_module_delete(module);
  wasm_store_delete(store);

  job_t jobs[THREADS];
  pthread_t threads[THREADS];
  for (int i = 0; i < THREADS; i++) {
    jobs[i] = (job_t){.id = i + 1, .engine = engine, .shared = shared};
    REQUIRE(pthread_create(&threads[i], NULL, thread_main, &jobs[i]) == 0, "thread %d started", i + 1);
  }
  for (int i = 0; i < THREADS; i++) pthread_join(threads[i], NULL);

  int all_ok = 0;
  for (int i = 0; i < THREADS; i++) {
    job_t* j = &jobs[i];
    /* The last round starts the global at id * 1000 + ROUNDS - 1 and adds id * (1 + 2 + ... + STEPS). */
    int32_t final = j->id * 1000 + ROUNDS - 1 + j->id * STEPS * (STEPS + 1) / 2;
    bool ok = j->rounds_ok == ROUNDS && j->host_calls == ROUNDS * STEPS && j->finalized == ROUNDS &&
              j->last_global == final;
    CHECK(ok, "thread %d: %d/%d rounds, %d host calls, %d finalizations, global %d%s%s", j->id, j->rounds_ok, ROUNDS,
          j->host_calls, j->finalized, j->last_global, j->error[0] ? "; first error: " : "", j->error);
    all_ok += ok;
  }
  CHECK(all_ok == THREADS, "%d of %d threads ran every round correctly", all_ok, THREADS);

  /* The shared module still makes modules here, after every thread is done. */
  store = wasm_store_new(engine);
  module = wasm_module_obtain(store, shared);
  wasm_exporttype_vec_t exports;
  if (module) wasm_module_exports(module, &exports);
  CHECK(module != NULL && exports.size == 1, "obtained again on the main thread");
  if (module) {
    wasm_exporttype_vec_delete(&exports);
    wasm_module_delete(module);
  }
  wasm_store_delete(store);
  wasm_shared_module_delete(shared);
  wasm_engine_delete(engine);
  return capi_finish();
}
