// The interface between ahead-of-time compiled code (`wisp compile`, Sources/WispAOT) and the
// runtime. The generated C carries a copy of the block between the two BEGIN/END markers below
// (CGenerator.interfaceText; AOTTests checks that the two are the same), so a compiled module
// needs no header from Wisp to build.
#ifndef WISP_AOT_H
#define WISP_AOT_H

#include <stdint.h>

// BEGIN WISP AOT INTERFACE
#define WISP_AOT_ABI 4
// Trap codes a compiled function raises (wisp_aot_instance.trap); WISP_AOT_TRAP_PENDING: a
// callee's trap, which the runtime holds.
enum {
  WISP_AOT_TRAP_UNREACHABLE = 1, WISP_AOT_TRAP_MEMORY = 2, WISP_AOT_TRAP_TABLE = 3,
  WISP_AOT_TRAP_NULL_ELEMENT = 4, WISP_AOT_TRAP_SIGNATURE = 5, WISP_AOT_TRAP_UNDEFINED_ELEMENT = 6,
  WISP_AOT_TRAP_DIVIDE_BY_ZERO = 7, WISP_AOT_TRAP_OVERFLOW = 8, WISP_AOT_TRAP_CONVERSION = 9,
  WISP_AOT_TRAP_CALL_STACK = 10, WISP_AOT_TRAP_NATIVE_STACK = 11, WISP_AOT_TRAP_INTERRUPTED = 12,
  WISP_AOT_TRAP_PENDING = 100
};
enum {
  WISP_AOT_OP_MEMORY_INIT = 1, WISP_AOT_OP_DATA_DROP = 2, WISP_AOT_OP_TABLE_INIT = 3, WISP_AOT_OP_ELEM_DROP = 4,
  WISP_AOT_OP_TABLE_COPY = 5, WISP_AOT_OP_TABLE_GROW = 6, WISP_AOT_OP_TABLE_FILL = 7
};
// One instance of a compiled module, as its code sees it: filled by the runtime at instantiation.
typedef struct wisp_aot_instance {
  uint8_t* const* memory_base;      // memory 0's MemoryRecord.base and .byteCount (the record's
  const int64_t* memory_size;       // fields, so a grow anywhere is seen at once)
  uint64_t* const* globals;         // each global's storage, in the global index space
  const uint64_t* function_refs;    // ref.func's value of each function (a FunctionRecord address)
  uint64_t* const* const* table_elements;  // each table's TableRecord.elements and .count fields
  const int64_t* const* table_count;
  const int32_t* type_ids;          // the store's type id of each type of the module
  uint32_t record_type_offset;      // where a FunctionRecord keeps its type id (int32_t) and its
  uint32_t record_index_offset;     // index in its module's function index space (uint32_t)
  // Calls function `f` of the index space through the runtime: arguments in slots[0...],
  // results written from slots[0]. Returns 0 or a trap code.
  int32_t (*call)(struct wisp_aot_instance*, uint32_t f, uint64_t* slots);
  // call_indirect of element `index` of table `table`, checked against type `type`.
  int32_t (*call_indirect)(struct wisp_aot_instance*, uint32_t table, uint32_t type, uint32_t index, uint64_t* slots);
  // memory.grow of memory 0: the old size in pages, or -1.
  int64_t (*memory_grow)(struct wisp_aot_instance*, uint64_t delta);
  // Leaves the compiled code with trap `code` (does not return).
  void (*trap)(struct wisp_aot_instance*, int32_t code);
  // The segment and table instructions compiled code leaves to the runtime (op: WISP_AOT_OP_*,
  // operands as the instruction has them; table.grow's result in *result). 0 or a trap code.
  int32_t (*segment_op)(struct wisp_aot_instance*, uint32_t op, uint32_t x, uint32_t y, uint64_t a, uint64_t b,
                        uint64_t c, uint64_t* result);
  const int64_t* interrupt;         // the store's InterruptHandle request (nonzero: stop), read at
                                    // every function entry and loop header
  int64_t depth;                    // compiled frames active, and the most allowed
  int64_t max_depth;
  uintptr_t stack_limit;            // the native stack may not grow below this address
  void* runtime;                    // the runtime's own state
} wisp_aot_instance;
// A compiled function's entry: arguments in slots[0...], results written from slots[0].
typedef void (*wisp_aot_entry)(wisp_aot_instance*, uint64_t* slots);
// What a compiled module exports to the runtime.
typedef struct wisp_aot_module {
  uint32_t abi;                     // WISP_AOT_ABI
  uint32_t function_count;          // defined functions
  const wisp_aot_entry* entries;    // per defined function; NULL for one left to the interpreter
  const uint8_t* module_hash;       // 32 bytes: a hash of the module's binary
} wisp_aot_module;
// END WISP AOT INTERFACE

// Runs `entry` with a trap landing pad: returns 0, or the trap code that left it.
int32_t wisp_aot_invoke(wisp_aot_entry entry, wisp_aot_instance* instance, uint64_t* slots);
// Leaves the innermost wisp_aot_invoke with `code`.
void wisp_aot_trap(wisp_aot_instance* instance, int32_t code);

#endif
