// The C allocation functions' bodies, served by Wisp's platform heap: one pool in a static array
// (startup.c's `pool`) for every allocation in the image, the Swift runtime's included.
//
// The C symbols themselves (malloc, free, calloc, realloc, posix_memalign, aligned_alloc, memalign)
// are defined in startup.c and forward here: Swift reserves the name `malloc` for its runtime and
// warns that `@_cdecl("malloc")` will become an error. Defining all of them keeps picolibc's own
// allocator out of the link.

import Wisp

@_cdecl("wisp_heap_malloc")
func wispHeapMalloc(_ size: Int) -> UnsafeMutableRawPointer? { PlatformHeap.malloc(size) }

@_cdecl("wisp_heap_free")
func wispHeapFree(_ pointer: UnsafeMutableRawPointer?) { PlatformHeap.free(pointer) }

@_cdecl("wisp_heap_calloc")
func wispHeapCalloc(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer? { PlatformHeap.calloc(count, size) }

@_cdecl("wisp_heap_realloc")
func wispHeapRealloc(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
    PlatformHeap.realloc(pointer, size)
}

@_cdecl("wisp_heap_posix_memalign")
func wispHeapPosixMemalign(_ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int) -> Int32 {
    PlatformHeap.posixMemalign(result, alignment, size)
}

@_cdecl("wisp_heap_aligned_alloc")
func wispHeapAlignedAlloc(_ alignment: Int, _ size: Int) -> UnsafeMutableRawPointer? {
    PlatformHeap.alignedAlloc(alignment, size)
}
