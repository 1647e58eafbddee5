// C's `stdout` in a file of its own: the C library declares it a plain global variable
// (`extern FILE *stdout`), which Swift 6 rejects as shared mutable state. The C library sets it
// before main and this program never reassigns it, so reading it from any thread is safe; the
// `@preconcurrency` import says so for this file only (the other files see Foundation's re-export).
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Makes standard output line-buffered, so a run's lines appear as they are printed.
func lineBufferStandardOutput() { setvbuf(stdout, nil, _IOLBF, 0) }

/// Writes out whatever standard output still buffers.
func flushStandardOutput() { fflush(stdout) }
