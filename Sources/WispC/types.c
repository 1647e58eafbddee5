// The wasm-c-api's plain data: vectors, and the type objects (value, function, global, table,
// memory, extern, import and export types). They hold no runtime state, so they live here in C;
// the runtime objects (engine, store, module, instance, func, global, table, memory, trap,
// foreign, frame) are Swift classes in WispCRuntime, behind the same header.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm.h"

// ---- Vectors ----------------------------------------------------------------------------------

// Allocation failure of these small arrays is not survivable in the API (the standard's functions
// return nothing to report it with), so it aborts with a message rather than writing through NULL.
static void* wisp_alloc(size_t count, size_t size) {
  if (count == 0) return NULL;
  void* p = calloc(count, size);
  if (!p) {
    fputs("libWispC: out of memory\n", stderr);
    abort();
  }
  return p;
}

#define WISP_VEC_COMMON(name, elem)                                                     \
  void wasm_##name##_vec_new_empty(wasm_##name##_vec_t* out) {                           \
    out->size = 0;                                                                       \
    out->data = NULL;                                                                    \
  }                                                                                      \
  void wasm_##name##_vec_new_uninitialized(wasm_##name##_vec_t* out, size_t size) {      \
    out->size = size;                                                                    \
    out->data = (elem*)wisp_alloc(size, sizeof(elem));                                   \
  }                                                                                      \
  void wasm_##name##_vec_new(wasm_##name##_vec_t* out, size_t size, elem const data[]) { \
    wasm_##name##_vec_new_uninitialized(out, size);                                      \
    if (size) memcpy(out->data, data, size * sizeof(elem));                              \
  }

// A vector of plain values: copy is memcpy, delete frees the array.
#define WISP_VEC_PLAIN(name)                                                              \
  WISP_VEC_COMMON(name, wasm_##name##_t)                                                  \
  void wasm_##name##_vec_copy(wasm_##name##_vec_t* out, const wasm_##name##_vec_t* src) { \
    wasm_##name##_vec_new(out, src->size, src->data);                                     \
  }                                                                                       \
  void wasm_##name##_vec_delete(wasm_##name##_vec_t* v) {                                 \
    free(v->data);                                                                        \
    v->size = 0;                                                                          \
    v->data = NULL;                                                                       \
  }

// A vector of owned pointers: copy copies each element, delete deletes each (NULLs allowed).
#define WISP_VEC_OWNED(name)                                                              \
  WISP_VEC_COMMON(name, wasm_##name##_t*)                                                 \
  void wasm_##name##_vec_copy(wasm_##name##_vec_t* out, const wasm_##name##_vec_t* src) { \
    wasm_##name##_vec_new_uninitialized(out, src->size);                                  \
    for (size_t i = 0; i < src->size; i++)                                                \
      out->data[i] = src->data[i] ? wasm_##name##_copy(src->data[i]) : NULL;              \
  }                                                                                       \
  void wasm_##name##_vec_delete(wasm_##name##_vec_t* v) {                                 \
    for (size_t i = 0; i < v->size; i++)                                                  \
      if (v->data[i]) wasm_##name##_delete(v->data[i]);                                   \
    free(v->data);                                                                        \
    v->size = 0;                                                                          \
    v->data = NULL;                                                                       \
  }

WISP_VEC_PLAIN(byte)
WISP_VEC_OWNED(valtype)
WISP_VEC_OWNED(functype)
WISP_VEC_OWNED(globaltype)
WISP_VEC_OWNED(tabletype)
WISP_VEC_OWNED(memorytype)
WISP_VEC_OWNED(externtype)
WISP_VEC_OWNED(importtype)
WISP_VEC_OWNED(exporttype)
WISP_VEC_OWNED(frame)
WISP_VEC_OWNED(extern)

// Values own their references, so a value vector copies and deletes them.
WISP_VEC_COMMON(val, wasm_val_t)
void wasm_val_vec_copy(wasm_val_vec_t* out, const wasm_val_vec_t* src) {
  wasm_val_vec_new_uninitialized(out, src->size);
  for (size_t i = 0; i < src->size; i++) wasm_val_copy(&out->data[i], &src->data[i]);
}
void wasm_val_vec_delete(wasm_val_vec_t* v) {
  for (size_t i = 0; i < v->size; i++) wasm_val_delete(&v->data[i]);
  free(v->data);
  v->size = 0;
  v->data = NULL;
}

void wasm_val_delete(wasm_val_t* v) {
  if (wasm_valkind_is_ref(v->kind) && v->of.ref) {
    wasm_ref_delete(v->of.ref);
    v->of.ref = NULL;
  }
}

void wasm_val_copy(wasm_val_t* out, const wasm_val_t* v) {
  *out = *v;
  if (wasm_valkind_is_ref(v->kind) && v->of.ref) out->of.ref = wasm_ref_copy(v->of.ref);
}

// ---- Value types ------------------------------------------------------------------------------

struct wasm_valtype_t {
  wasm_valkind_t kind;
};

wasm_valtype_t* wasm_valtype_new(wasm_valkind_t kind) {
  wasm_valtype_t* t = wisp_alloc(1, sizeof *t);
  t->kind = kind;
  return t;
}
wasm_valkind_t wasm_valtype_kind(const wasm_valtype_t* t) { return t->kind; }
wasm_valtype_t* wasm_valtype_copy(const wasm_valtype_t* t) { return wasm_valtype_new(t->kind); }
void wasm_valtype_delete(wasm_valtype_t* t) { free(t); }

// ---- Extern types -----------------------------------------------------------------------------

// Each concrete type starts with the extern type, so one pointer serves as both (the as_
// conversions are casts, as the standard intends).
struct wasm_externtype_t {
  wasm_externkind_t kind;
};

struct wasm_functype_t {
  wasm_externtype_t base;
  wasm_valtype_vec_t params, results;
};

struct wasm_globaltype_t {
  wasm_externtype_t base;
  wasm_valtype_t* content;
  wasm_mutability_t mutability;
};

struct wasm_tabletype_t {
  wasm_externtype_t base;
  wasm_valtype_t* element;
  wasm_limits_t limits;
};

struct wasm_memorytype_t {
  wasm_externtype_t base;
  wasm_limits_t limits;
};

wasm_functype_t* wasm_functype_new(wasm_valtype_vec_t* params, wasm_valtype_vec_t* results) {
  wasm_functype_t* t = wisp_alloc(1, sizeof *t);
  t->base.kind = WASM_EXTERN_FUNC;
  t->params = *params;
  t->results = *results;
  return t;
}
const wasm_valtype_vec_t* wasm_functype_params(const wasm_functype_t* t) { return &t->params; }
const wasm_valtype_vec_t* wasm_functype_results(const wasm_functype_t* t) { return &t->results; }
wasm_functype_t* wasm_functype_copy(const wasm_functype_t* t) {
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_copy(&params, &t->params);
  wasm_valtype_vec_copy(&results, &t->results);
  return wasm_functype_new(&params, &results);
}
void wasm_functype_delete(wasm_functype_t* t) {
  wasm_valtype_vec_delete(&t->params);
  wasm_valtype_vec_delete(&t->results);
  free(t);
}

wasm_globaltype_t* wasm_globaltype_new(wasm_valtype_t* content, wasm_mutability_t mutability) {
  wasm_globaltype_t* t = wisp_alloc(1, sizeof *t);
  t->base.kind = WASM_EXTERN_GLOBAL;
  t->content = content;
  t->mutability = mutability;
  return t;
}
const wasm_valtype_t* wasm_globaltype_content(const wasm_globaltype_t* t) { return t->content; }
wasm_mutability_t wasm_globaltype_mutability(const wasm_globaltype_t* t) { return t->mutability; }
wasm_globaltype_t* wasm_globaltype_copy(const wasm_globaltype_t* t) {
  return wasm_globaltype_new(wasm_valtype_copy(t->content), t->mutability);
}
void wasm_globaltype_delete(wasm_globaltype_t* t) {
  wasm_valtype_delete(t->content);
  free(t);
}

wasm_tabletype_t* wasm_tabletype_new(wasm_valtype_t* element, const wasm_limits_t* limits) {
  wasm_tabletype_t* t = wisp_alloc(1, sizeof *t);
  t->base.kind = WASM_EXTERN_TABLE;
  t->element = element;
  t->limits = *limits;
  return t;
}
const wasm_valtype_t* wasm_tabletype_element(const wasm_tabletype_t* t) { return t->element; }
const wasm_limits_t* wasm_tabletype_limits(const wasm_tabletype_t* t) { return &t->limits; }
wasm_tabletype_t* wasm_tabletype_copy(const wasm_tabletype_t* t) {
  return wasm_tabletype_new(wasm_valtype_copy(t->element), &t->limits);
}
void wasm_tabletype_delete(wasm_tabletype_t* t) {
  wasm_valtype_delete(t->element);
  free(t);
}

wasm_memorytype_t* wasm_memorytype_new(const wasm_limits_t* limits) {
  wasm_memorytype_t* t = wisp_alloc(1, sizeof *t);
  t->base.kind = WASM_EXTERN_MEMORY;
  t->limits = *limits;
  return t;
}
const wasm_limits_t* wasm_memorytype_limits(const wasm_memorytype_t* t) { return &t->limits; }
wasm_memorytype_t* wasm_memorytype_copy(const wasm_memorytype_t* t) { return wasm_memorytype_new(&t->limits); }
void wasm_memorytype_delete(wasm_memorytype_t* t) { free(t); }

wasm_externkind_t wasm_externtype_kind(const wasm_externtype_t* t) { return t->kind; }

wasm_externtype_t* wasm_externtype_copy(const wasm_externtype_t* t) {
  switch (t->kind) {
    case WASM_EXTERN_FUNC: return &wasm_functype_copy((const wasm_functype_t*)t)->base;
    case WASM_EXTERN_GLOBAL: return &wasm_globaltype_copy((const wasm_globaltype_t*)t)->base;
    case WASM_EXTERN_TABLE: return &wasm_tabletype_copy((const wasm_tabletype_t*)t)->base;
    default: return &wasm_memorytype_copy((const wasm_memorytype_t*)t)->base;
  }
}

void wasm_externtype_delete(wasm_externtype_t* t) {
  switch (t->kind) {
    case WASM_EXTERN_FUNC: wasm_functype_delete((wasm_functype_t*)t); break;
    case WASM_EXTERN_GLOBAL: wasm_globaltype_delete((wasm_globaltype_t*)t); break;
    case WASM_EXTERN_TABLE: wasm_tabletype_delete((wasm_tabletype_t*)t); break;
    default: wasm_memorytype_delete((wasm_memorytype_t*)t); break;
  }
}

#define WISP_EXTERNTYPE_CASTS(name, KIND)                                                          \
  wasm_externtype_t* wasm_##name##_as_externtype(wasm_##name##_t* t) { return t ? &t->base : NULL; } \
  const wasm_externtype_t* wasm_##name##_as_externtype_const(const wasm_##name##_t* t) {           \
    return t ? &t->base : NULL;                                                                    \
  }                                                                                                \
  wasm_##name##_t* wasm_externtype_as_##name(wasm_externtype_t* t) {                               \
    return t && t->kind == KIND ? (wasm_##name##_t*)t : NULL;                                       \
  }                                                                                                \
  const wasm_##name##_t* wasm_externtype_as_##name##_const(const wasm_externtype_t* t) {           \
    return t && t->kind == KIND ? (const wasm_##name##_t*)t : NULL;                                 \
  }

WISP_EXTERNTYPE_CASTS(functype, WASM_EXTERN_FUNC)
WISP_EXTERNTYPE_CASTS(globaltype, WASM_EXTERN_GLOBAL)
WISP_EXTERNTYPE_CASTS(tabletype, WASM_EXTERN_TABLE)
WISP_EXTERNTYPE_CASTS(memorytype, WASM_EXTERN_MEMORY)

// ---- Import and export types ------------------------------------------------------------------

struct wasm_importtype_t {
  wasm_name_t module, name;
  wasm_externtype_t* type;
};

wasm_importtype_t* wasm_importtype_new(wasm_name_t* module, wasm_name_t* name, wasm_externtype_t* type) {
  wasm_importtype_t* t = wisp_alloc(1, sizeof *t);
  t->module = *module;
  t->name = *name;
  t->type = type;
  return t;
}
const wasm_name_t* wasm_importtype_module(const wasm_importtype_t* t) { return &t->module; }
const wasm_name_t* wasm_importtype_name(const wasm_importtype_t* t) { return &t->name; }
const wasm_externtype_t* wasm_importtype_type(const wasm_importtype_t* t) { return t->type; }
wasm_importtype_t* wasm_importtype_copy(const wasm_importtype_t* t) {
  wasm_name_t module, name;
  wasm_name_copy(&module, &t->module);
  wasm_name_copy(&name, &t->name);
  return wasm_importtype_new(&module, &name, wasm_externtype_copy(t->type));
}
void wasm_importtype_delete(wasm_importtype_t* t) {
  wasm_name_delete(&t->module);
  wasm_name_delete(&t->name);
  wasm_externtype_delete(t->type);
  free(t);
}

struct wasm_exporttype_t {
  wasm_name_t name;
  wasm_externtype_t* type;
};

wasm_exporttype_t* wasm_exporttype_new(wasm_name_t* name, wasm_externtype_t* type) {
  wasm_exporttype_t* t = wisp_alloc(1, sizeof *t);
  t->name = *name;
  t->type = type;
  return t;
}
const wasm_name_t* wasm_exporttype_name(const wasm_exporttype_t* t) { return &t->name; }
const wasm_externtype_t* wasm_exporttype_type(const wasm_exporttype_t* t) { return t->type; }
wasm_exporttype_t* wasm_exporttype_copy(const wasm_exporttype_t* t) {
  wasm_name_t name;
  wasm_name_copy(&name, &t->name);
  return wasm_exporttype_new(&name, wasm_externtype_copy(t->type));
}
void wasm_exporttype_delete(wasm_exporttype_t* t) {
  wasm_name_delete(&t->name);
  wasm_externtype_delete(t->type);
  free(t);
}
