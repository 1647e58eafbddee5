/// What other threads use to watch and stop a store's running calls: the interrupt flag and
/// the published call stack. Created with the store, so both have stable addresses before any
/// thread can ask for them.
final class ExecutionControl: @unchecked Sendable {
    let interrupt = InterruptHandle()
    let publication: StackPublication

    init(maxDepth: Int) {
        // Host frames take frame slots too, so the publication holds as many frames as the VM
        // stack, up to 4,096 (64 KiB of slots): deeper stacks are published as their innermost
        // 4,095 frames.
        publication = StackPublication(capacity: min(max(maxDepth, 16) + 1, 4096))
    }
}
