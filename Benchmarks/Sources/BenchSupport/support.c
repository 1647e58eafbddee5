// The module is its header (include/BenchSupport.h); SwiftPM needs one source file per C target.
