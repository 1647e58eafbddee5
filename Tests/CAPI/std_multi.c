/* std_multi: functions of several results. A host function (i32 i64 i64 i32) -> (i32 i64 i64 i32)
 * that reverses its arguments, called from WebAssembly (once, and twice with one call's results
 * feeding the next) and from C; the same reversal written in WebAssembly; a block of two results;
 * the arities; a results vector too short for the results. */
#include "capi_test.h"

#define SIG "(param i32 i64 i64 i32) (result i32 i64 i64 i32)"
#define ARGS "(local.get 0) (local.get 1) (local.get 2) (local.get 3)"

static const char* wat =
    "(module\n"
    "  (import \"host\" \"reverse\" (func $reverse " SIG "))\n"
    "  (func (export \"via_host\") " SIG " (call $reverse " ARGS "))\n"
    "  (func (export \"in_wasm\") " SIG " (local.get 3) (local.get 2) (local.get 1) (local.get 0))\n"
    "  (func (export \"twice\") " SIG " (call $reverse (call $reverse " ARGS ")))\n"
    "  (func (export \"pair\") (param i32) (result i64 i32)\n"
    "    (block (result i32 i64) (local.get 0) (i64.extend_i32_s (i32.mul (local.get 0) (i32.const -3))))\n"
    "    (call $swap_pair))\n"
    "  (func $swap_pair (param i32 i64) (result i64 i32) (local.get 1) (local.get 0)))\n";

static int reverse_calls = 0;

static wasm_trap_t* reverse(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  reverse_calls++;
  if (args->size != 4 || results->size != 4) {
    printf("FAIL reverse got %zu arguments and %zu results\n", args->size, results->size);
    exit(1);
  }
  for (size_t i = 0; i < 4; i++) results->data[i] = args->data[3 - i];
  return NULL;
}

/* Calls `f` with (a, b, c, d) and checks it returns (d, c, b, a) or, with `reversed` false, (a, b, c, d). */
static void check_call(const char* name, const wasm_func_t* f, bool reversed) {
  wasm_val_t args[4] = {WASM_I32_VAL(-1), WASM_I64_VAL(0x123456789aLL), WASM_I64_VAL(-42), WASM_I32_VAL(7)};
  wasm_val_t results[4] = {WASM_INIT_VAL, WASM_INIT_VAL, WASM_INIT_VAL, WASM_INIT_VAL};
  wasm_trap_t* trap = capi_call(f, args, 4, results, 4);
  if (trap) {
    CHECK(false, "%s trapped: %s", name, capi_trap_text(trap));
    wasm_trap_delete(trap);
    return;
  }
  bool ok = true;
  char text[4][32];
  for (size_t i = 0; i < 4; i++) {
    const wasm_val_t* want = &args[reversed ? 3 - i : i];
    ok = ok && results[i].kind == want->kind &&
         (want->kind == WASM_I32 ? results[i].of.i32 == want->of.i32 : results[i].of.i64 == want->of.i64);
    if (results[i].kind == WASM_I32) snprintf(text[i], sizeof text[i], "i32 %d", results[i].of.i32);
    else if (results[i].kind == WASM_I64) snprintf(text[i], sizeof text[i], "i64 %lld", (long long)results[i].of.i64);
    else snprintf(text[i], sizeof text[i], "kind %d", results[i].kind);
  }
  CHECK(ok, "%s(-1, 0x123456789a, -42, 7) = (%s, %s, %s, %s)", name, text[0], text[1], text[2], text[3]);
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_module_t* module = capi_module(store, wat);

  wasm_valtype_t* ps[] = {wasm_valtype_new_i32(), wasm_valtype_new_i64(), wasm_valtype_new_i64(), wasm_valtype_new_i32()};
  wasm_valtype_t* rs[] = {wasm_valtype_new_i32(), wasm_valtype_new_i64(), wasm_valtype_new_i64(), wasm_valtype_new_i32()};
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new(&params, 4, ps);
  wasm_valtype_vec_new(&results, 4, rs);
  wasm_functype_t* type = wasm_functype_new(&params, &results);
  wasm_func_t* host = wasm_func_new(store, type, reverse);
  wasm_functype_delete(type);
  REQUIRE(host != NULL, "host function (i32 i64 i64 i32) -> (i32 i64 i64 i32) created");

  wasm_extern_t* imports_data[] = {wasm_func_as_extern(host)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(imports_data);
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, NULL);
  REQUIRE(instance != NULL, "instance created");
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  wasm_func_t* via_host = capi_export_func(&exports, 0);
  wasm_func_t* in_wasm = capi_export_func(&exports, 1);
  wasm_func_t* twice = capi_export_func(&exports, 2);
  wasm_func_t* pair = capi_export_func(&exports, 3);

  CHECK(wasm_func_param_arity(via_host) == 4 && wasm_func_result_arity(via_host) == 4, "via_host arity: %zu -> %zu",
        wasm_func_param_arity(via_host), wasm_func_result_arity(via_host));
  wasm_functype_t* t = wasm_func_type(in_wasm);
  const wasm_valtype_vec_t* r = wasm_functype_results(t);
  CHECK(r->size == 4 && wasm_valtype_kind(r->data[0]) == WASM_I32 && wasm_valtype_kind(r->data[1]) == WASM_I64 &&
            wasm_valtype_kind(r->data[2]) == WASM_I64 && wasm_valtype_kind(r->data[3]) == WASM_I32,
        "in_wasm results: i32 i64 i64 i32");
  wasm_functype_delete(t);

  check_call("host", host, true);
  CHECK(reverse_calls == 1, "host called %d time(s)", reverse_calls);
  check_call("via_host", via_host, true);
  CHECK(reverse_calls == 2, "host called %d time(s)", reverse_calls);
  check_call("in_wasm", in_wasm, true);
  check_call("twice", twice, false);
  CHECK(reverse_calls == 4, "host called %d time(s)", reverse_calls);

  wasm_val_t arg[1] = {WASM_I32_VAL(5)};
  wasm_val_t two[2] = {WASM_INIT_VAL, WASM_INIT_VAL};
  wasm_trap_t* trap = capi_call(pair, arg, 1, two, 2);
  CHECK(trap == NULL && two[0].kind == WASM_I64 && two[0].of.i64 == -15 && two[1].kind == WASM_I32 && two[1].of.i32 == 5,
        "pair(5) = (i64 %lld, i32 %d)", (long long)two[0].of.i64, two[1].of.i32);
  if (trap) wasm_trap_delete(trap);

  /* Room for three results of four: a trap, after the call ran. */
  wasm_val_t args[4] = {WASM_I32_VAL(1), WASM_I64_VAL(2), WASM_I64_VAL(3), WASM_I32_VAL(4)};
  wasm_val_t three[3] = {WASM_INIT_VAL, WASM_INIT_VAL, WASM_INIT_VAL};
  trap = capi_call(via_host, args, 4, three, 3);
  CHECK(trap != NULL, "via_host with room for 3 results traps");
  printf("~ (%s)\n", capi_trap_text(trap));
  if (trap) wasm_trap_delete(trap);
  /* Arguments of the wrong kinds: refused before the call. */
  wasm_val_t wrong[4] = {WASM_I32_VAL(1), WASM_I32_VAL(2), WASM_I64_VAL(3), WASM_I32_VAL(4)};
  wasm_val_t four[4] = {WASM_INIT_VAL, WASM_INIT_VAL, WASM_INIT_VAL, WASM_INIT_VAL};
  int before = reverse_calls;
  trap = capi_call(via_host, wrong, 4, four, 4);
  CHECK(trap != NULL && reverse_calls == before, "via_host with an i32 for an i64 traps without calling");
  printf("~ (%s)\n", capi_trap_text(trap));
  if (trap) wasm_trap_delete(trap);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_func_delete(host);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return capi_finish();
}
