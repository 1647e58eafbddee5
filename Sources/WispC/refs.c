// The reference functions every runtime object has (delete, copy, same, host info, and the
// conversions to and from wasm_ref_t and wasm_extern_t). They are the same for every kind, so they
// are written once here over the Swift half's object entry points (internal.h).
#include "wasm.h"
#include "internal.h"

#define WISP_REF_BASE(name)                                                                        \
  void wasm_##name##_delete(wasm_##name##_t* r) {                                                  \
    if (r) wisp__object_release(r);                                                                \
  }                                                                                                \
  wasm_##name##_t* wasm_##name##_copy(const wasm_##name##_t* r) {                                  \
    return r ? (wasm_##name##_t*)wisp__object_retain(r) : NULL;                                    \
  }                                                                                                \
  bool wasm_##name##_same(const wasm_##name##_t* a, const wasm_##name##_t* b) {                    \
    return a && b ? wisp__object_same(a, b) : a == b;                                              \
  }                                                                                                \
  void* wasm_##name##_get_host_info(const wasm_##name##_t* r) {                                    \
    return r ? wisp__object_host_info(r) : NULL;                                                   \
  }                                                                                                \
  void wasm_##name##_set_host_info(wasm_##name##_t* r, void* info) {                               \
    if (r) wisp__object_set_host_info(r, info, NULL);                                              \
  }                                                                                                \
  void wasm_##name##_set_host_info_with_finalizer(wasm_##name##_t* r, void* info, void (*f)(void*)) { \
    if (r) wisp__object_set_host_info(r, info, f);                                                 \
  }

// `matches` says whether an object of kind `k` may be viewed as this type.
#define WISP_REF(name, matches)                                                                    \
  WISP_REF_BASE(name)                                                                              \
  wasm_ref_t* wasm_##name##_as_ref(wasm_##name##_t* r) { return (wasm_ref_t*)r; }                   \
  const wasm_ref_t* wasm_##name##_as_ref_const(const wasm_##name##_t* r) { return (const wasm_ref_t*)r; } \
  wasm_##name##_t* wasm_ref_as_##name(wasm_ref_t* r) {                                             \
    if (!r) return NULL;                                                                           \
    int k = wisp__object_kind(r);                                                                  \
    return (matches) ? (wasm_##name##_t*)r : NULL;                                                 \
  }                                                                                                \
  const wasm_##name##_t* wasm_ref_as_##name##_const(const wasm_ref_t* r) {                         \
    return wasm_ref_as_##name((wasm_ref_t*)r);                                                     \
  }

WISP_REF_BASE(ref)
WISP_REF(trap, k == WISP_OBJECT_TRAP)
WISP_REF(foreign, k == WISP_OBJECT_FOREIGN)
WISP_REF(module, k == WISP_OBJECT_MODULE)
WISP_REF(func, k == WISP_OBJECT_FUNC)
WISP_REF(global, k == WISP_OBJECT_GLOBAL)
WISP_REF(table, k == WISP_OBJECT_TABLE)
WISP_REF(memory, k == WISP_OBJECT_MEMORY)
WISP_REF(instance, k == WISP_OBJECT_INSTANCE)
WISP_REF(extern, k <= WISP_OBJECT_MEMORY)

// Externals: the same objects, viewed as imports and exports.
#define WISP_EXTERN_CASTS(name, KIND)                                                               \
  wasm_extern_t* wasm_##name##_as_extern(wasm_##name##_t* r) { return (wasm_extern_t*)r; }          \
  const wasm_extern_t* wasm_##name##_as_extern_const(const wasm_##name##_t* r) {                    \
    return (const wasm_extern_t*)r;                                                                 \
  }                                                                                                 \
  wasm_##name##_t* wasm_extern_as_##name(wasm_extern_t* e) {                                        \
    return e && wisp__object_kind(e) == KIND ? (wasm_##name##_t*)e : NULL;                          \
  }                                                                                                 \
  const wasm_##name##_t* wasm_extern_as_##name##_const(const wasm_extern_t* e) {                    \
    return wasm_extern_as_##name((wasm_extern_t*)e);                                                \
  }

WISP_EXTERN_CASTS(func, WISP_OBJECT_FUNC)
WISP_EXTERN_CASTS(global, WISP_OBJECT_GLOBAL)
WISP_EXTERN_CASTS(table, WISP_OBJECT_TABLE)
WISP_EXTERN_CASTS(memory, WISP_OBJECT_MEMORY)

wasm_externkind_t wasm_extern_kind(const wasm_extern_t* e) { return (wasm_externkind_t)wisp__object_kind(e); }
