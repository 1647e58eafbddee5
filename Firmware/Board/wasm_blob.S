// The test module, embedded in flash as it is: the firmware decodes it from here.
// WASM_BLOB_PATH is passed by Scripts/bare-metal.sh (-DWASM_BLOB_PATH="...").
    .section .rodata.wisp_checks_wasm, "a"
    .p2align 4
    .global wisp_checks_wasm
    .global wisp_checks_wasm_end
wisp_checks_wasm:
    .incbin WASM_BLOB_PATH
wisp_checks_wasm_end:
    .byte 0
