/* std_finalize: host info and finalizers. 10,000 instances each get host info with a finalizer;
 * none runs while the store lives, none while a handle to the store's objects is still kept after
 * wasm_store_delete, and every one runs exactly once when the last is gone. Host info is the
 * object's, not the handle's: a copy sees it. A module's host info reads back, and a module's
 * finalizer runs when its last handle is deleted. */
#include "capi_test.h"

#define INSTANCES 10000
#define KEPT 10 /* instance handles kept past wasm_store_delete */

static const char* wat =
    "(module\n"
    "  (global $n (mut i32) (i32.const 0))\n"
    "  (func (export \"bump\") (result i32) (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.get $n)))\n";

static int finalized[INSTANCES];
static int live = 0;
static int bad_pointers = 0;

static void finalize_instance(void* info) {
  int* slot = info;
  if (slot < finalized || slot >= finalized + INSTANCES) { bad_pointers++; return; }
  (*slot)++;
  live--;
}

static int module_finalized = 0;
static void finalize_module(void* info) {
  if (info == &module_finalized) module_finalized++;
  else bad_pointers++;
}

/* How many instances were finalized never, once, and more than once. */
static void count(int* never, int* once, int* more) {
  *never = *once = *more = 0;
  for (int i = 0; i < INSTANCES; i++) {
    if (finalized[i] == 0) (*never)++;
    else if (finalized[i] == 1) (*once)++;
    else (*more)++;
  }
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_module_t* module = capi_module(store, wat);

  /* A module's host info. */
  static int module_info;
  CHECK(wasm_module_get_host_info(module) == NULL, "a new module has no host info");
  wasm_module_set_host_info(module, &module_info);
  CHECK(wasm_module_get_host_info(module) == &module_info, "wasm_module_get_host_info gives back what was set");
  wasm_module_t* module_copy = wasm_module_copy(module);
  CHECK(wasm_module_get_host_info(module_copy) == &module_info, "a copy of the module handle sees it too");
  wasm_module_set_host_info_with_finalizer(module_copy, &module_finalized, finalize_module);
  CHECK(wasm_module_get_host_info(module) == &module_finalized, "replaced through the copy, seen through the original");

  wasm_instance_t* kept[KEPT];
  int failed = 0, wrong_info = 0, wrong_result = 0;
  for (int i = 0; i < INSTANCES; i++) {
    wasm_instance_t* instance = wasm_instance_new(store, module, &(wasm_extern_vec_t)WASM_EMPTY_VEC, NULL);
    if (!instance) { failed++; continue; }
    wasm_instance_set_host_info_with_finalizer(instance, &finalized[i], finalize_instance);
    live++;
    if (wasm_instance_get_host_info(instance) != &finalized[i]) wrong_info++;
    if (i % 1000 == 0) {
      /* Every thousandth: used through its exports, its host info seen through a copy. */
      wasm_extern_vec_t exports;
      wasm_instance_exports(instance, &exports);
      wasm_val_t r[1] = {WASM_INIT_VAL};
      for (int k = 1; k <= 3; k++) {
        wasm_trap_t* trap = capi_call(capi_export_func(&exports, 0), NULL, 0, r, 1);
        if (trap || r[0].of.i32 != k) wrong_result++;
        if (trap) wasm_trap_delete(trap);
      }
      wasm_extern_vec_delete(&exports);
      wasm_instance_t* copy = wasm_instance_copy(instance);
      if (wasm_instance_get_host_info(copy) != &finalized[i] || !wasm_instance_same(copy, instance)) wrong_info++;
      wasm_instance_delete(copy);
    }
    if (i >= INSTANCES - KEPT) kept[i - (INSTANCES - KEPT)] = instance;
    else wasm_instance_delete(instance);
  }
  CHECK(failed == 0, "%d instances created (%d failed)", INSTANCES - failed, failed);
  CHECK(wrong_info == 0, "host info read back from every instance (%d wrong)", wrong_info);
  CHECK(wrong_result == 0, "every sampled instance has its own state (%d wrong results)", wrong_result);
  CHECK(live == INSTANCES, "live before deleting the store: %d", live);

  int never, once, more;
  count(&never, &once, &more);
  CHECK(once == 0 && more == 0, "no finalizer ran while the store lives (%d did)", once + more);

  wasm_module_delete(module);
  CHECK(module_finalized == 0, "module finalizer waits for the last module handle (ran %d times)", module_finalized);
  wasm_module_delete(module_copy);
  CHECK(module_finalized == 1, "module finalizer ran %d time(s) after its last handle was deleted", module_finalized);

  wasm_store_delete(store);
  count(&never, &once, &more);
  CHECK(once + more == 0, "store deleted, %d instance handles kept: %d finalizers ran", KEPT, once + more);
  CHECK(wasm_instance_get_host_info(kept[0]) == &finalized[INSTANCES - KEPT], "a kept handle still has its host info");
  for (int i = 0; i < KEPT; i++) wasm_instance_delete(kept[i]);
  count(&never, &once, &more);
  CHECK(once == INSTANCES && never == 0 && more == 0, "last handles deleted: %d finalized once, %d never, %d more than once",
        once, never, more);
  CHECK(live == 0, "live after: %d", live);

  wasm_engine_delete(engine);
  count(&never, &once, &more);
  CHECK(once == INSTANCES && module_finalized == 1 && bad_pointers == 0,
        "after the engine: still %d once, module %d, %d bad pointers", once, module_finalized, bad_pointers);
  return capi_finish();
}
