// Exception tags and exception objects (the exception-handling proposal of Wasm 3.0).
//
// A tag is an identity with a signature: `throw x` makes an exception of tag x carrying the
// signature's parameters as its payload, and `catch x` matches exceptions of that very tag
// (the same instance, not just the same type). An exception lives outside the VM stack, in a
// record the `exnref` slot encoding points to.

/// What the interpreter reads of a tag.
struct TagRecord {
    /// Slots the payload takes (v128 takes two).
    var payloadSlots: Int
    /// Unretained back-reference; the store keeps the entity alive.
    var entity: Unmanaged<TagEntity>
}

final class TagEntity {
    let record: UnsafeMutablePointer<TagRecord>
    let type: FuncType
#if !hasFeature(Embedded)
    /// The identity of its store's account (see `Store.owns`); compared, never followed.
    let owner: ObjectIdentifier
#endif

    init(type: FuncType, owner: ResourceAccount) {
        self.type = type
#if !hasFeature(Embedded)
        self.owner = ObjectIdentifier(owner)
#endif
        record = .allocate(capacity: 1)
        var slots = 0
        for t in type.parameters { slots += t == .v128 ? 2 : 1 }
        record.initialize(to: TagRecord(payloadSlots: slots, entity: .passUnretained(self)))
        record.pointee.entity = .passUnretained(self)
    }

    deinit { record.deallocate() }
}

/// An exception: its tag and payload. The `exnref` encoding of an exception is the address of
/// its record (null is 0).
///
/// Lifetime: an exception caught by `catch`/`catch_all` never becomes a value the program can
/// hold, so the handler frees it on the spot. One that is caught by `catch_ref`/`catch_all_ref`
/// (or reaches the host) is *exposed*: references to it may sit in locals, globals or tables,
/// which Wisp does not trace, so it stays until its store goes (`Store.exceptions`).
struct ExceptionRecord {
    var tag: UnsafeMutablePointer<TagRecord>
    var exposed: Bool
    /// The next exposed exception of the store (a list freed with the store).
    var next: UnsafeMutablePointer<ExceptionRecord>?

    /// The payload slots, which follow the header.
    static func payload(_ e: UnsafeMutablePointer<ExceptionRecord>) -> UnsafeMutablePointer<UInt64> {
        UnsafeMutableRawPointer(e + 1).assumingMemoryBound(to: UInt64.self)
    }

    static func allocate(tag: UnsafeMutablePointer<TagRecord>) -> UnsafeMutablePointer<ExceptionRecord> {
        let bytes = MemoryLayout<ExceptionRecord>.stride + tag.pointee.payloadSlots * 8
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 16)
        let e = raw.bindMemory(to: ExceptionRecord.self, capacity: 1)
        e.initialize(to: ExceptionRecord(tag: tag, exposed: false, next: nil))
        return e
    }

    static func free(_ e: UnsafeMutablePointer<ExceptionRecord>) {
        UnsafeMutableRawPointer(e).deallocate()
    }
}

/// The exposed exceptions of a store, freed with it.
final class ExceptionList {
    var head: UnsafeMutablePointer<ExceptionRecord>? = nil

    /// Marks `e` exposed (once) and keeps it until the store goes.
    func expose(_ e: UnsafeMutablePointer<ExceptionRecord>) {
        if e.pointee.exposed { return }
        e.pointee.exposed = true
        e.pointee.next = head
        head = e
    }

    deinit {
        var p = head
        while let e = p {
            p = e.pointee.next
            ExceptionRecord.free(e)
        }
    }
}
