// The JSON command model wabt's `wast2json` writes (see shared/testsuite/README.md): one file per
// .wast script, with the binary modules beside it as NAME.N.wasm. A .wast script read directly
// (WispText's `WAST.parse`) becomes the same model, its modules carried in the commands.

import Foundation
import WispText

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
    /// The module itself, for a command of a .wast script (JSON commands name a file instead).
    var module: WastModule? = nil
    /// module_instance: the `$name` of the module_definition it instantiates.
    var definition: String? = nil
    /// wast2json's form of `(module definition ...)`: a module command with "definition": "true".
    var definitionFlag: String? = nil
    /// wast2json's form of `(module instance $I $M)`: an "instance" command naming the instance
    /// here and its definition in "definition".
    var instanceName: String? = nil
    /// assert_return with `(either ...)`: a single result that may be any of these.
    var either: [SpecValue]? = nil
    /// thread: its commands (a thread's commands run in order, where the script has them).
    var commands: [SpecCommand]? = nil

    enum CodingKeys: String, CodingKey {
        case type, line, filename, name, action, expected, text
        case registerAs = "as"
        case moduleType = "module_type"
        case definitionFlag = "definition"
        case instanceName = "instance"
        case either
    }
}

extension SpecCommand {
    /// A command of a .wast script in the JSON model.
    init(_ w: WastCommand) {
        type = w.type
        line = w.line
        name = w.name
        registerAs = w.registerAs
        action = w.action.map { SpecAction(type: $0.type, module: $0.module, field: $0.field, args: $0.args.map(SpecValue.init)) }
        expected = w.expected.map(SpecValue.init)
        either = w.either.isEmpty ? nil : w.either.map(SpecValue.init)
        text = w.text
        moduleType = w.moduleType
        module = w.module
        definition = w.definition
        commands = w.commands.isEmpty ? nil : w.commands.map(SpecCommand.init)
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

    init(type: String, laneType: String?, value: Payload?) {
        self.type = type
        self.laneType = laneType
        self.value = value
    }

    /// A value of a .wast script: one string is a scalar, none a bare reference pattern, and a
    /// v128 always has lanes.
    init(_ w: WastValue) {
        type = w.type
        laneType = w.laneType
        if w.laneType != nil || w.type == "v128" { value = .lanes(w.value) }
        else if let s = w.value.first { value = .scalar(s) }
        else { value = nil }
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
