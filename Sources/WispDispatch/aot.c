// The landing pad of ahead-of-time compiled code (wisp_aot.h): a trap in compiled code jumps back
// to the innermost wisp_aot_invoke. Only compiled C frames lie between the two: compiled code calls
// the runtime's callbacks, which return before it traps, and a callback that runs compiled code
// again does it through a wisp_aot_invoke of its own.
#include "wisp_aot.h"

#if defined(__linux__) || defined(__APPLE__)
#include <setjmp.h>

static _Thread_local jmp_buf* wisp_aot_landing;

int32_t wisp_aot_invoke(wisp_aot_entry entry, wisp_aot_instance* instance, uint64_t* slots) {
  jmp_buf here;
  jmp_buf* outer = wisp_aot_landing;
  int64_t depth = instance->depth;
  int32_t code = setjmp(here);
  if (code == 0) {
    wisp_aot_landing = &here;
    entry(instance, slots);
    wisp_aot_landing = outer;
    return 0;
  }
  wisp_aot_landing = outer;
  instance->depth = depth;
  return code;
}

void wisp_aot_trap(wisp_aot_instance* instance, int32_t code) {
  (void)instance;
  longjmp(*wisp_aot_landing, code);
}
#endif
