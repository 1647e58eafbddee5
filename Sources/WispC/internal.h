// Entry points the C half of libWispC calls in its Swift half (WispCRuntime). Not part of the API:
// hosts include wasm.h and wisp.h only.
#ifndef WISP_C_INTERNAL_H
#define WISP_C_INTERNAL_H

#include <stdbool.h>

// What a runtime object is; the first four equal wasm_externkind_t's values.
enum wisp_object_kind {
  WISP_OBJECT_FUNC = 0,
  WISP_OBJECT_GLOBAL = 1,
  WISP_OBJECT_TABLE = 2,
  WISP_OBJECT_MEMORY = 3,
  WISP_OBJECT_INSTANCE = 4,
  WISP_OBJECT_MODULE = 5,
  WISP_OBJECT_TRAP = 6,
  WISP_OBJECT_FOREIGN = 7,
};

// Every runtime object is one reference-counted Swift object; a handle is a counted reference.
void* wisp__object_retain(const void* object);
void wisp__object_release(void* object);
int wisp__object_kind(const void* object);
bool wisp__object_same(const void* a, const void* b);
void* wisp__object_host_info(const void* object);
void wisp__object_set_host_info(void* object, void* info, void (*finalizer)(void*));

#endif
