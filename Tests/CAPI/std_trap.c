/* std_trap: traps and where they happened. A trap made by wasm_trap_new and returned by a host
 * callback reaches the caller with its message; `unreachable` traps in WebAssembly; a trap's
 * origin and trace name the functions and the byte offsets of the instructions (in the module and
 * in the function body); a start function that traps makes wasm_instance_new fail with the trap.
 *
 * The offsets below were read from the binary wisp_wat2wasm makes of `wat` (wasm-tools print
 * --print-offsets, and by hand from its bytes): the code section's contents start at 0x3c;
 * function 1's body (its local declarations) at 0x3e, its `unreachable` at 0x43 (body offset 5) and
 * its `call $fail` at 0x45 (7); function 2's body at 0x4b, its `call $inner` at 0x4f (4). In
 * `start_wat`, function 0's body is at 0x21 and its `unreachable` at 0x26 (5). */
#include "capi_test.h"

static const char* wat =
    "(module\n"
    "  (import \"host\" \"fail\" (func $fail))\n"
    "  (func $inner (export \"inner\") (param i32) (result i32)\n"
    "    local.get 0\n"
    "    if\n"
    "      unreachable\n"
    "    end\n"
    "    call $fail\n"
    "    i32.const 0)\n"
    "  (func $outer (export \"outer\") (param i32) (result i32)\n"
    "    nop\n"
    "    local.get 0\n"
    "    call $inner\n"
    "    i32.const 1\n"
    "    i32.add))\n";

static const char* start_wat =
    "(module\n"
    "  (global $g (mut i32) (i32.const 0))\n"
    "  (func $start (global.set $g (i32.const 1)) (unreachable))\n"
    "  (start $start))\n";

static wasm_store_t* store;
static int fail_calls = 0;

/* host.fail: traps with a message of its own. */
static wasm_trap_t* fail(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  fail_calls++;
  wasm_message_t message;
  wasm_name_new_from_string_nt(&message, "host says no");
  wasm_trap_t* trap = wasm_trap_new(store, &message);
  wasm_name_delete(&message);
  return trap;
}

/* Prints a trap's origin and trace: one line per frame, innermost first. */
static void print_frames(const char* what, const wasm_trap_t* trap, size_t expected_count) {
  wasm_frame_vec_t trace;
  wasm_trap_trace(trap, &trace);
  CHECK(trace.size == expected_count, "%s: %zu frame(s)", what, trace.size);
  for (size_t i = 0; i < trace.size; i++) {
    const wasm_frame_t* f = trace.data[i];
    printf("  frame %zu: func %u, module offset %#zx, func offset %#zx\n", i, wasm_frame_func_index(f),
           wasm_frame_module_offset(f), wasm_frame_func_offset(f));
  }
  wasm_frame_t* origin = wasm_trap_origin(trap);
  if (expected_count == 0) {
    CHECK(origin == NULL, "%s: no origin", what);
  } else {
    CHECK(origin != NULL && trace.size > 0 && wasm_frame_func_index(origin) == wasm_frame_func_index(trace.data[0]) &&
              wasm_frame_module_offset(origin) == wasm_frame_module_offset(trace.data[0]) &&
              wasm_frame_func_offset(origin) == wasm_frame_func_offset(trace.data[0]),
          "%s: origin is the innermost frame", what);
  }
  if (origin) {
    wasm_frame_t* copy = wasm_frame_copy(origin);
    CHECK(wasm_frame_func_index(copy) == wasm_frame_func_index(origin), "%s: a frame's copy has its function", what);
    wasm_frame_delete(copy);
    wasm_frame_delete(origin);
  }
  wasm_frame_vec_delete(&trace);
}

/* Whether frame `i` of the trap's trace is function `func` at `module_offset` (`func_offset` in it). */
static bool frame_is(const wasm_trap_t* trap, size_t i, uint32_t func, size_t module_offset, size_t func_offset) {
  wasm_frame_vec_t trace;
  wasm_trap_trace(trap, &trace);
  bool ok = i < trace.size && wasm_frame_func_index(trace.data[i]) == func &&
            wasm_frame_module_offset(trace.data[i]) == module_offset &&
            wasm_frame_func_offset(trace.data[i]) == func_offset;
  wasm_frame_vec_delete(&trace);
  return ok;
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  store = wasm_store_new(engine);
  wasm_module_t* module = capi_module(store, wat);
  wasm_functype_t* void_type = wasm_functype_new_0_0();
  wasm_func_t* fail_func = wasm_func_new(store, void_type, fail);
  wasm_functype_delete(void_type);
  wasm_extern_t* imports_data[] = {wasm_func_as_extern(fail_func)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(imports_data);
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, NULL);
  REQUIRE(instance != NULL, "instance created");
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  wasm_func_t* inner = capi_export_func(&exports, 0);
  wasm_func_t* outer = capi_export_func(&exports, 1);

  /* A trap made in C: its message, NUL-terminated; no frames. */
  wasm_message_t text;
  wasm_name_new_from_string_nt(&text, "made in C");
  wasm_trap_t* trap = wasm_trap_new(store, &text);
  wasm_name_delete(&text);
  wasm_trap_message(trap, &text);
  CHECK(text.size == 10 && text.data[9] == '\0', "wasm_trap_message is NUL-terminated (%zu bytes)", text.size);
  wasm_byte_vec_delete(&text);
  CHECK(strcmp(capi_trap_text(trap), "made in C") == 0, "trap made in C: %s", capi_trap_text(trap));
  print_frames("trap made in C", trap, 0);
  wasm_trap_delete(trap);

  /* The host function called from C: its trap comes back as it is, with no WebAssembly frames. */
  trap = capi_call(fail_func, NULL, 0, NULL, 0);
  CHECK(trap != NULL && strcmp(capi_trap_text(trap), "host says no") == 0, "host function called from C traps: %s",
        capi_trap_text(trap));
  if (trap) print_frames("host trap called from C", trap, 0);
  wasm_trap_delete(trap);

  /* The host's trap through two WebAssembly frames: outer(0) -> inner(0) -> host.fail. */
  wasm_val_t args[1] = {WASM_I32_VAL(0)};
  wasm_val_t results[1] = {WASM_INIT_VAL};
  trap = capi_call(outer, args, 1, results, 1);
  CHECK(trap != NULL && strcmp(capi_trap_text(trap), "host says no") == 0, "outer(0) traps: %s", capi_trap_text(trap));
  CHECK(fail_calls == 2, "host.fail called %d times", fail_calls);
  if (trap) {
    print_frames("host trap through wasm", trap, 2);
    CHECK(frame_is(trap, 0, 1, 0x45, 7), "frame 0: inner's call $fail");
    CHECK(frame_is(trap, 1, 2, 0x4f, 4), "frame 1: outer's call $inner");
  }
  wasm_trap_delete(trap);

  /* unreachable: outer(1) -> inner(1) -> unreachable. */
  args[0].of.i32 = 1;
  trap = capi_call(outer, args, 1, results, 1);
  CHECK(trap != NULL && strcmp(capi_trap_text(trap), "unreachable") == 0, "outer(1) traps: %s", capi_trap_text(trap));
  CHECK(fail_calls == 2, "host.fail not called again");
  if (trap) {
    print_frames("unreachable", trap, 2);
    CHECK(frame_is(trap, 0, 1, 0x43, 5), "frame 0: inner's unreachable");
    CHECK(frame_is(trap, 1, 2, 0x4f, 4), "frame 1: outer's call $inner");
  }
  wasm_trap_delete(trap);

  /* Called directly, inner has one frame. */
  trap = capi_call(inner, args, 1, results, 1);
  CHECK(trap != NULL && strcmp(capi_trap_text(trap), "unreachable") == 0, "inner(1) traps: %s", capi_trap_text(trap));
  if (trap) {
    print_frames("unreachable from inner", trap, 1);
    CHECK(frame_is(trap, 0, 1, 0x43, 5), "frame 0: inner's unreachable");
  }
  wasm_trap_delete(trap);

  /* A start function that traps: no instance, and the trap says why. */
  wasm_module_t* start_module = capi_module(store, start_wat);
  trap = NULL;
  wasm_instance_t* started = wasm_instance_new(store, start_module, &(wasm_extern_vec_t)WASM_EMPTY_VEC, &trap);
  CHECK(started == NULL, "wasm_instance_new with a trapping start function = NULL");
  CHECK(trap != NULL && strcmp(capi_trap_text(trap), "unreachable") == 0, "its trap: %s", capi_trap_text(trap));
  if (trap) {
    print_frames("start function", trap, 1);
    CHECK(frame_is(trap, 0, 0, 0x26, 5), "frame 0: the start function's unreachable");
    wasm_trap_delete(trap);
  }
  if (started) wasm_instance_delete(started);
  wasm_module_delete(start_module);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_func_delete(fail_func);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return capi_finish();
}
