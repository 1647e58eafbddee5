// The JSON command model wabt's `wast2json` writes (see shared/testsuite/README.md): one file per
// .wast script, with the binary modules beside it as NAME.N.wasm.

import Foundation

/// One `.json` script: a list of commands run in order.
struct SpecScript: Decodable {
    var sourceFilename: String?
    var commands: [SpecCommand]

    enum CodingKeys: String, CodingKey {
        case sourceFilename = "source_filename"
        case commands
    }
}

/// A command of a script. Every field but `type` and `line` depends on the command type, so all
/// are optional and each command checks for what it needs.
struct SpecCommand: Decodable {
    var type: String
    var line: Int
    /// The module file, relative to the script (module and assert_invalid-style commands).
    var filename: String?
    /// `$name` of a module (module) or of the module to register (register).
    var name: String?
    /// The name a module is registered under (register).
    var registerAs: String?
    var action: SpecAction?
    var expected: [SpecValue]?
    /// The expected error or trap message.
    var text: String?
    /// "binary" or "text" (assert_invalid and assert_malformed).
    var moduleType: String?

    enum CodingKeys: String, CodingKey {
        case type, line, filename, name, action, expected, text
        case registerAs = "as"
        case moduleType = "module_type"
    }
}

/// An `invoke` of an exported function or a `get` of an exported global.
struct SpecAction: Decodable {
    var type: String
    var module: String?
    var field: String
    var args: [SpecValue]?
}

/// A typed value as the scripts write it: integers and float bit patterns as unsigned decimal
/// strings, NaN classes as "nan:canonical"/"nan:arithmetic", v128 as a lane type plus one string per
/// lane, references as "null" or a number.
struct SpecValue: Decodable {
    var type: String
    var laneType: String?
    var value: Payload?

    enum Payload: Decodable {
        case scalar(String)
        case lanes([String])

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) {
                self = .scalar(s)
            } else {
                self = .lanes(try c.decode([String].self))
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case type, value
        case laneType = "lane_type"
    }

    var scalar: String? {
        if case .scalar(let s)? = value { return s }
        return nil
    }

    /// The value as the script writes it, for messages.
    var text: String {
        switch value {
        case .scalar(let s)?: return type + ":" + s
        case .lanes(let l)?: return type + "." + (laneType ?? "?") + ":[" + l.joined(separator: " ") + "]"
        case nil: return type
        }
    }
}
