// Allocation entry points for the executor (VM stacks) and the translator's output (code), so
// that they go through the store's allocator like everything else. Each returns nil when the
// allocator is out of memory; callers turn that into a trap, never a crash.

extension Allocator {
    /// A zeroed VM value stack of `slots` 8-byte slots (tag `.vmStack`).
    func allocateVMStack(slots: Int) -> UnsafeMutablePointer<UInt64>? {
        allocate(byteCount: slots * 8, alignment: 16, tag: .vmStack, zeroed: true)?.bindMemory(to: UInt64.self, capacity: slots)
    }

    func deallocateVMStack(_ stack: UnsafeMutablePointer<UInt64>, slots: Int) {
        deallocate(UnsafeMutableRawPointer(stack), byteCount: slots * 8, alignment: 16, tag: .vmStack)
    }

    /// Room for `count` values of `T` (e.g. the call-frame records) on the VM stack's budget.
    func allocateVMFrames<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T>? {
        allocate(T.self, count: count, tag: .vmStack)
    }

    func deallocateVMFrames<T>(_ frames: UnsafeMutablePointer<T>, count: Int) {
        deallocate(frames, count: count, tag: .vmStack)
    }
}

extension FunctionEntity {
    /// Copies translated code into a block from the store's allocator (tag `.code`) and records
    /// it so the entity's deinit returns it there. nil when out of memory.
    func installCode(_ words: [UInt64]) -> UnsafeMutablePointer<UInt64>? {
        let allocator = store.allocator
        let n = max(words.count, 1)
        guard let p = allocator.allocate(UInt64.self, count: n, tag: .code) else { return nil }
        p.initialize(from: words, count: words.count)
        codeAllocation = (allocator, n)
        return p
    }

    /// Uninitialised room for `count` words of translated code (tag `.code`), freed by the
    /// entity's deinit through the same allocator. nil when out of memory.
    func allocateCode(count: Int) -> UnsafeMutablePointer<UInt64>? {
        let allocator = store.allocator
        let n = max(count, 1)
        guard let p = allocator.allocate(UInt64.self, count: n, tag: .code) else { return nil }
        codeAllocation = (allocator, n)
        return p
    }
}
