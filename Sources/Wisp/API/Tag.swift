/// An exception tag: what `throw` names and `catch` matches (exception handling).
///
/// Tags compare by identity: two tags of the same type are still different tags.
public struct Tag {
    let entity: TagEntity
    init(_ entity: TagEntity) { self.entity = entity }

    /// Creates a host tag whose exceptions carry values of `type.parameters` (`type.results`
    /// must be empty), for a module to import. Cost: one small allocation, kept by the store.
    public init(store: Store, type: FuncType) throws(WispError) {
        guard type.results.isEmpty else { throw WispError.misuse("a tag's type has no results") }
        let e = TagEntity(type: type, owner: store.account)
        store.tagEntities.append(e)
        entity = e
    }

    /// The tag's signature: its parameters are an exception's payload.
    public var type: FuncType { entity.type }

    /// Whether `self` and `other` are the same tag.
    public func isSame(as other: Tag) -> Bool { entity === other.entity }
}

/// A reference to an exception, as an `exnref` value outside WebAssembly. It stays valid as
/// long as its store.
public struct ExceptionReference: Hashable, Sendable {
    /// The slot encoding (the exception record's address).
    let bits: UInt64

    var record: UnsafeMutablePointer<ExceptionRecord> { UnsafeMutablePointer(bitPattern: UInt(bits))! }

    /// The exception's tag.
    public var tag: Tag { Tag(record.pointee.tag.pointee.entity.takeUnretainedValue()) }

    /// The exception's payload, as its tag's parameter types say.
    public var payload: [Value] {
        var out: [Value] = []
        var p = ExceptionRecord.payload(record)
        for t in tag.type.parameters {
            out.append(loadValue(p, type: t))
            p += t == .v128 ? 2 : 1
        }
        return out
    }
}
