// The dispatch module is its header (include/WispDispatch.h): its functions are static inline and are
// compiled into the Wisp module that uses them. SwiftPM needs one source file per C target.
