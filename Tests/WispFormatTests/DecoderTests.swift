import Foundation
import XCTest
@testable import WispFormat

// MARK: Helpers

/// The shared test data folder: $WISP_SHARED, or ../shared next to the package root.
private func sharedFolder() -> URL? {
    if let env = ProcessInfo.processInfo.environment["WISP_SHARED"], !env.isEmpty {
        return URL(fileURLWithPath: env)
    }
    let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
}

private func specJSONFolder() throws -> URL {
    guard let shared = sharedFolder() else { throw XCTSkip("no shared folder") }
    let folder = shared.appendingPathComponent("testsuite/wasm-2.0/json")
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        XCTFail("spec test data not found at \(folder.path); set WISP_SHARED to the folder holding testsuite/")
        throw XCTSkip("missing test data")
    }
    return folder
}

private func uleb(_ value: UInt64) -> [UInt8] {
    var v = value
    var out: [UInt8] = []
    repeat {
        var b = UInt8(v & 0x7F)
        v >>= 7
        if v != 0 { b |= 0x80 }
        out.append(b)
    } while v != 0
    return out
}

private func wasmName(_ s: String) -> [UInt8] { uleb(UInt64(s.utf8.count)) + Array(s.utf8) }
private func section(_ id: UInt8, _ payload: [UInt8]) -> [UInt8] { [id] + uleb(UInt64(payload.count)) + payload }
private let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

/// What walking the bodies of a module found.
private struct WalkResult {
    /// Whether some body uses `memory.init` or `data.drop` (which need a data count section).
    var usesDataIndex = false
}

/// Reads every instruction of every body, tracking nesting so that the final `end` must be the
/// body's last byte, as the validator will. Throws what the reader throws, or a malformed error.
private func walkBodies(_ module: ParsedModule, features: Features = .wasm2) throws(FormatError) -> WalkResult {
    var result = WalkResult()
    for body in module.codes {
        var reader = OperatorReader(bytes: module.bytes, range: body.code, features: features)
        var depth = 1
        while depth > 0 {
            switch try reader.read() {
            case .block, .loop, .if: depth += 1
            case .end: depth -= 1
            case .memoryInit, .dataDrop: result.usesDataIndex = true
            default: break
            }
        }
        if !reader.isAtEnd { throw FormatError(.malformed, "section size mismatch", offset: reader.offset) }
    }
    return result
}

private func decodeError(_ bytes: [UInt8], features: Features = .all) -> FormatError? {
    do throws(FormatError) {
        _ = try decodeModule(bytes, features: features)
        return nil
    } catch {
        return error
    }
}

// MARK: Tests

final class DecoderTests: XCTestCase {
    /// Every module of the 2.0 spec suite decodes (and its bodies read to the end); every binary
    /// `assert_malformed` is rejected as malformed; the binary modules of `assert_invalid`,
    /// `assert_unlinkable` and `assert_uninstantiable` are well-formed.
    func testSpecSuite() throws {
        let folder = try specJSONFolder()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertGreaterThan(files.count, 100, "expected the 148 spec test folders")

        var modulesDecoded = 0
        var wellFormedDecoded = 0
        var malformedTotal = 0
        var caughtByDecoder = 0
        var caughtByWalk = 0
        var deferredToValidator = 0
        var messageMismatches: [String] = []

        for dir in files {
            let jsonURL = folder.appendingPathComponent(dir).appendingPathComponent(dir + ".json")
            guard let data = FileManager.default.contents(atPath: jsonURL.path) else { continue }
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let commands = try XCTUnwrap(json["commands"] as? [[String: Any]])
            for command in commands {
                guard let type = command["type"] as? String, let filename = command["filename"] as? String,
                      filename.hasSuffix(".wasm") else { continue }
                let line = command["line"] as? Int ?? 0
                let location = "\(dir)/\(filename) (line \(line))"
                let wasmURL = folder.appendingPathComponent(dir).appendingPathComponent(filename)
                let bytes = try [UInt8](Data(contentsOf: wasmURL))

                switch type {
                case "module":
                    do throws(FormatError) {
                        let module = try decodeModule(bytes)
                        _ = try walkBodies(module)
                        modulesDecoded += 1
                    } catch {
                        XCTFail("\(location): valid module rejected: \(error.description)")
                    }
                case "assert_invalid", "assert_unlinkable", "assert_uninstantiable":
                    do throws(FormatError) {
                        let module = try decodeModule(bytes)
                        _ = try walkBodies(module)
                        wellFormedDecoded += 1
                    } catch where error.kind == .invalid {
                        wellFormedDecoded += 1  // e.g. a typed select of arity 2: a validation error
                    } catch {
                        XCTFail("\(location): well-formed module rejected as malformed: \(error.description)")
                    }
                case "assert_malformed":
                    guard command["module_type"] as? String == "binary" else { continue }
                    malformedTotal += 1
                    let expected = command["text"] as? String ?? ""
                    var caught: FormatError?
                    do throws(FormatError) {
                        let module = try decodeModule(bytes)
                        do throws(FormatError) {
                            let walk = try walkBodies(module)
                            if walk.usesDataIndex && module.dataCount == nil && expected == "data count section required" {
                                deferredToValidator += 1
                            } else {
                                XCTFail("\(location): malformed module (\"\(expected)\") accepted")
                            }
                        } catch {
                            XCTAssertEqual(error.kind, .malformed, "\(location): \(error.description)")
                            caughtByWalk += 1
                            caught = error
                        }
                    } catch {
                        XCTAssertEqual(error.kind, .malformed, "\(location): \(error.description)")
                        caughtByDecoder += 1
                        caught = error
                    }
                    // The spec's runners accept a message that starts with the expected text.
                    if let caught, !caught.message.hasPrefix(expected) {
                        messageMismatches.append("\(location): expected \"\(expected)\", got \"\(caught.message)\"")
                    }
                default:
                    break
                }
            }
        }
        print("""
            [DecoderTests] spec 2.0: \(modulesDecoded) modules decoded and walked; \
            \(wellFormedDecoded) invalid/unlinkable/uninstantiable modules well-formed; \
            \(malformedTotal) binary assert_malformed: \(caughtByDecoder) rejected by decodeModule, \
            \(caughtByWalk) by walking bodies, \(deferredToValidator) deferred to the validator \
            (data count section required); \(messageMismatches.count) with a different message:
            """)
        for mismatch in messageMismatches { print("  " + mismatch) }
        XCTAssertGreaterThan(modulesDecoded, 1000)
        XCTAssertEqual(caughtByDecoder + caughtByWalk + deferredToValidator, malformedTotal)
        XCTAssertEqual(deferredToValidator, 2)
    }

    func testHeaderErrors() {
        XCTAssertEqual(decodeError([])?.message, "unexpected end")
        XCTAssertEqual(decodeError([0x00, 0x61, 0x73])?.message, "unexpected end")
        XCTAssertEqual(decodeError([0x00, 0x61, 0x73, 0x6E, 1, 0, 0, 0])?.message, "magic header not detected")
        XCTAssertEqual(decodeError([0x00, 0x61, 0x73, 0x6D, 2, 0, 0, 0])?.message, "unknown binary version")
        let empty = try? decodeModule(header)
        XCTAssertNotNil(empty)
        XCTAssertEqual(empty?.types.count, 0)
    }

    /// A module with imports, exports, globals, a start function, data, and a name section.
    func testHandWrittenModule() throws {
        var bytes = header
        // type 0: (i32 i64) -> (f32); type 1: () -> ()
        bytes += section(1, [2, 0x60, 2, 0x7F, 0x7E, 1, 0x7D, 0x60, 0, 0])
        // imports: env.f (func type 1), env.mem (memory 1..2), env.g (global mut externref)
        bytes += section(2, [3] + wasmName("env") + wasmName("f") + [0, 1]
            + wasmName("env") + wasmName("mem") + [2, 1, 1, 2]
            + wasmName("env") + wasmName("g") + [3, 0x6F, 1])
        bytes += section(3, [2, 1, 0])                          // functions 1 and 2
        bytes += section(4, [1, 0x70, 0, 10])                    // table funcref 10..
        bytes += section(6, [1, 0x7F, 0, 0x41, 0x2A, 0x0B])      // global i32 = 42
        bytes += section(7, [3] + wasmName("run") + [0, 1] + wasmName("tab") + [1, 0] + wasmName("g") + [3, 1])
        bytes += section(8, [1])                                 // start = function 1
        bytes += section(12, [1])                                // data count 1
        // function 1: one i32 local, nop; function 2: two groups, returns f32.const 1.5
        let body1: [UInt8] = [1, 1, 0x7F, 0x01, 0x0B]
        let body2: [UInt8] = [2, 2, 0x7F, 3, 0x7C, 0x43, 0x00, 0x00, 0xC0, 0x3F, 0x0B]
        bytes += section(10, [2] + uleb(UInt64(body1.count)) + body1 + uleb(UInt64(body2.count)) + body2)
        bytes += section(11, [1, 1, 3, 0x61, 0x62, 0x63])        // passive data "abc"
        // name section: module "m", function 1 "run", local 0 of function 1 "x"
        let moduleNames: [UInt8] = [0] + uleb(UInt64(wasmName("m").count)) + wasmName("m")
        let functionNamesPayload: [UInt8] = [1, 1] + wasmName("run")
        let localNamesPayload: [UInt8] = [1, 1, 1, 0] + wasmName("x")
        let namePayload = moduleNames + [1] + uleb(UInt64(functionNamesPayload.count)) + functionNamesPayload
            + [2] + uleb(UInt64(localNamesPayload.count)) + localNamesPayload
        bytes += section(0, wasmName("name") + namePayload)
        bytes += section(0, wasmName("other") + [1, 2, 3])

        let m = try decodeModule(bytes)
        XCTAssertEqual(m.types, [FuncType(parameters: [.i32, .i64], results: [.f32]), FuncType(parameters: [], results: [])])
        XCTAssertEqual(m.imports, [
            Import(module: "env", name: "f", descriptor: .function(typeIndex: 1)),
            Import(module: "env", name: "mem", descriptor: .memory(MemoryType(limits: Limits(min: 1, max: 2)))),
            Import(module: "env", name: "g", descriptor: .global(GlobalType(valueType: .externref, mutable: true))),
        ])
        XCTAssertEqual(m.importedFunctionCount, 1)
        XCTAssertEqual(m.functions, [1, 0])
        XCTAssertEqual(m.tables, [TableType(element: .funcref, limits: Limits(min: 10, max: nil))])
        XCTAssertEqual(m.globals.count, 1)
        XCTAssertEqual(m.globals[0].type, GlobalType(valueType: .i32, mutable: false))
        XCTAssertEqual(m.globals[0].initializer.instructions, [.i32Const(42)])
        XCTAssertEqual(m.exports, [Export(name: "run", kind: .function, index: 1), Export(name: "tab", kind: .table, index: 0),
                                   Export(name: "g", kind: .global, index: 1)])
        XCTAssertEqual(m.start, 1)
        XCTAssertEqual(m.dataCount, 1)
        XCTAssertEqual(m.codes.count, 2)
        XCTAssertEqual(m.codes[0].locals(in: m.bytes), [LocalGroup(count: 1, type: .i32)])
        XCTAssertEqual(m.codes[0].localCount, 1)
        XCTAssertEqual(m.codes[1].locals(in: m.bytes), [LocalGroup(count: 2, type: .i32), LocalGroup(count: 3, type: .f64)])
        XCTAssertEqual(m.codes[1].localCount, 5)
        XCTAssertEqual(Array(m.bytes[m.codes[0].code]), [0x01, 0x0B])
        var reader = OperatorReader(bytes: m.bytes, range: m.codes[1].code)
        XCTAssertEqual(try reader.read(), .f32Const(0x3FC0_0000))
        XCTAssertEqual(try reader.read(), .end)
        XCTAssertTrue(reader.isAtEnd)
        XCTAssertEqual(m.bytes[m.codeSectionOffset], 2, "code section contents start with the body count")
        XCTAssertEqual(m.datas.count, 1)
        XCTAssertEqual(m.datas[0].mode, .passive)
        XCTAssertEqual(Array(m.bytes[m.datas[0].range]), Array("abc".utf8))
        XCTAssertEqual(m.customSections.map(\.name), ["name", "other"])
        XCTAssertEqual(Array(m.bytes[m.customSections[1].range]), [1, 2, 3])
        XCTAssertEqual(m.names.moduleName, "m")
        XCTAssertEqual(m.names.functionNames, [1: "run"])
        XCTAssertEqual(m.names.localNames, [1: [0: "x"]])
    }

    func testMalformedNameSectionIsIgnored() throws {
        // function name map claims 5 entries but has one; then a junk byte.
        let payload: [UInt8] = [1, 5, 5, 0] + wasmName("f") + [0xFF]
        let bytes = header + section(0, wasmName("name") + payload)
        let m = try decodeModule(bytes)
        XCTAssertEqual(m.names, NameSection())
        XCTAssertEqual(m.customSections.count, 1)
        // Invalid UTF-8 inside the name section is ignored too.
        let bad: [UInt8] = [0, 3, 2, 0xC0, 0x80]
        XCTAssertEqual(try decodeModule(header + section(0, wasmName("name") + bad)).names, NameSection())
        // ...but the custom section's own name must be valid UTF-8.
        XCTAssertEqual(decodeError(header + section(0, [2, 0xC0, 0x80]))?.message, "malformed UTF-8 encoding")
        // A name map's indices must increase: 2 then 1, or 1 twice, makes the section malformed.
        for indices: [UInt8] in [[2, 1], [1, 1]] {
            let map: [UInt8] = [2, indices[0]] + wasmName("a") + [indices[1]] + wasmName("b")
            let section1 = header + section(0, wasmName("name") + [1] + uleb(UInt64(map.count)) + map)
            XCTAssertEqual(try decodeModule(section1).names, NameSection(), "indices \(indices)")
        }
        let sorted: [UInt8] = [2, 1] + wasmName("a") + [7] + wasmName("b")
        let names = try decodeModule(header + section(0, wasmName("name") + [1] + uleb(UInt64(sorted.count)) + sorted)).names
        XCTAssertEqual(names.functionNames[1], "a")
        XCTAssertEqual(names.functionNames[7], "b")
        XCTAssertNil(names.functionNames[0])
        XCTAssertNil(names.functionNames[5])
        XCTAssertNil(names.functionNames[8])
    }

    /// All eight element segment encodings.
    func testElementSegmentForms() throws {
        let i32c0: [UInt8] = [0x41, 0x00, 0x0B]
        let refFunc1: [UInt8] = [0xD2, 0x01, 0x0B]
        let refNull: [UInt8] = [0xD0, 0x70, 0x0B]
        var elements: [UInt8] = [8]
        elements += [0] + i32c0 + [2, 0, 1]                     // 0: active table 0, func indices
        elements += [1, 0x00, 1, 1]                               // 1: passive, elemkind, indices
        elements += [2, 1] + i32c0 + [0x00, 1, 0]                 // 2: active table 1, elemkind, indices
        elements += [3, 0x00, 1, 1]                               // 3: declarative, indices
        elements += [4] + i32c0 + [2] + refFunc1 + refNull        // 4: active table 0, expressions
        elements += [5, 0x6F, 1, 0xD0, 0x6F, 0x0B]                // 5: passive externref, expressions
        elements += [6, 1] + i32c0 + [0x70, 1] + refFunc1         // 6: active table 1, reftype, expressions
        elements += [7, 0x70, 1] + refFunc1                       // 7: declarative, expressions
        var bytes = header
        bytes += section(1, [1, 0x60, 0, 0])
        bytes += section(3, [2, 0, 0])
        bytes += section(4, [2, 0x70, 0, 1, 0x70, 0, 1])
        bytes += section(9, elements)
        bytes += section(10, [2, 2, 0, 0x0B, 2, 0, 0x0B])
        let m = try decodeModule(bytes)
        XCTAssertEqual(m.elements.count, 8)
        let e = m.elements
        func offsetOf(_ mode: ElementMode) -> [Instruction]? {
            if case .active(_, let offset) = mode { return offset.instructions }
            return nil
        }
        func tableOf(_ mode: ElementMode) -> UInt32? {
            if case .active(let table, _) = mode { return table }
            return nil
        }
        XCTAssertEqual(e[0].items.map(\.instructions), [[.refFunc(0)], [.refFunc(1)]])
        XCTAssertEqual(tableOf(e[0].mode), 0)
        XCTAssertEqual(offsetOf(e[0].mode), [.i32Const(0)])
        XCTAssertEqual(e[1].mode, .passive)
        XCTAssertEqual(e[1].items.map(\.instructions), [[.refFunc(1)]])
        XCTAssertEqual(tableOf(e[2].mode), 1)
        XCTAssertEqual(e[2].items.map(\.instructions), [[.refFunc(0)]])
        XCTAssertEqual(e[3].mode, .declarative)
        XCTAssertEqual(tableOf(e[4].mode), 0)
        XCTAssertEqual(e[4].items.map(\.instructions), [[.refFunc(1)], [.refNull(.funcref)]])
        XCTAssertEqual(e[5].type, .externref)
        XCTAssertEqual(e[5].mode, .passive)
        XCTAssertEqual(e[5].items.map(\.instructions), [[.refNull(.externref)]])
        XCTAssertEqual(tableOf(e[6].mode), 1)
        XCTAssertEqual(e[7].mode, .declarative)
        XCTAssertEqual(e[7].type, .funcref)
        // Item offsets point at the index (function-index forms) or the expression.
        XCTAssertEqual(m.bytes[e[1].items[0].offset], 1)
        XCTAssertEqual(m.bytes[e[7].items[0].offset], 0xD2)

        // Flags 8 is not an element segment form.
        var bad = header + section(9, [1, 8] + i32c0 + [0])
        XCTAssertEqual(decodeError(bad)?.message, "malformed elements segment kind")
        bad = header + section(9, [1, 1, 0x01, 0])
        XCTAssertEqual(decodeError(bad)?.message, "malformed element kind")
    }

    func testDataSegmentForms() throws {
        var bytes = header
        bytes += section(5, [1, 0, 1])
        bytes += section(11, [3, 0, 0x41, 0x08, 0x0B, 2, 0xAA, 0xBB, 1, 1, 0xCC, 2, 0, 0x41, 0x00, 0x0B, 0])
        let m = try decodeModule(bytes)
        XCTAssertEqual(m.datas.count, 3)
        if case .active(let memory, let offset) = m.datas[0].mode {
            XCTAssertEqual(memory, 0)
            XCTAssertEqual(offset.instructions, [.i32Const(8)])
        } else {
            XCTFail("segment 0 should be active")
        }
        XCTAssertEqual(Array(m.bytes[m.datas[0].range]), [0xAA, 0xBB])
        XCTAssertEqual(m.datas[1].mode, .passive)
        XCTAssertEqual(Array(m.bytes[m.datas[1].range]), [0xCC])
        XCTAssertTrue(m.datas[2].range.isEmpty)
        XCTAssertEqual(decodeError(header + section(11, [1, 3, 0]))?.message, "malformed data segment kind")
    }

    func testOperatorReaderImmediates() throws {
        let code: [UInt8] = [
            0x02, 0x40,                         // block
            0x03, 0x7F,                         // loop (result i32)
            0x04, 0x05,                         // if (type 5)
            0x0E, 2, 0, 1, 2,                   // br_table 0 1 default 2
            0x11, 3, 1,                         // call_indirect type 3 table 1
            0x1C, 1, 0x7B,                      // select (result v128)
            0x28, 2, 0x80, 0x01,                // i32.load align=4 offset=128
            0x41, 0x7F,                         // i32.const -1
            0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F, // i64.const min
            0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, // f64.const 1.0
            0xFC, 0x00,                         // i32.trunc_sat_f32_s
            0xFC, 0x08, 3, 0x00,                // memory.init 3
            0xFC, 0x0A, 0x00, 0x00,             // memory.copy
            0xFC, 0x0E, 1, 2,                   // table.copy 1 2
            0xFC, 0x11, 4,                      // table.fill 4
            0xFD, 0x0C, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, // v128.const
            0xFD, 0x15, 7,                      // i8x16.extract_lane_s 7
            0xFD, 0x57, 3, 0, 1,                // v128.load64_lane align=8 lane 1
            0xFD, 0x5C, 2, 0,                   // v128.load32_zero
            0xFD, 0xAE, 0x01,                   // i32x4.add (174)
            0xD0, 0x6F, 0xD1, 0xD2, 9,          // ref.null extern, ref.is_null, ref.func 9
            0x3F, 0x00, 0x0B,                   // memory.size, end
        ]
        var r = OperatorReader(bytes: code, range: 0..<code.count)
        let expected: [Instruction] = [
            .block(.empty), .loop(.value(.i32)), .if(.typeIndex(5)),
            .brTable(targets: [0, 1], default: 2), .callIndirect(typeIndex: 3, tableIndex: 1),
            .selectTyped(.v128), .load(.i32Load, MemArg(align: 2, offset: 128)), .i32Const(-1),
            .i64Const(Int64.min), .f64Const(0x3FF0_0000_0000_0000), .numeric(.i32TruncSatF32S),
            .memoryInit(data: 3, memory: 0), .memoryCopy(dst: 0, src: 0), .tableCopy(dst: 1, src: 2), .tableFill(4),
            .v128Const(V128(lo: 1, hi: 2)), .simdLane(.i8x16ExtractLaneS, lane: 7),
            .v128LoadLane(.b64, MemArg(align: 3, offset: 0), lane: 1), .v128Load(.load32Zero, MemArg(align: 2, offset: 0)),
            .simd(SIMDOp(code: 174)!), .refNull(.externref), .refIsNull, .refFunc(9), .memorySize(0), .end,
        ]
        var offsets: [Int] = []
        for instruction in expected {
            offsets.append(r.offset)
            XCTAssertEqual(try r.read(), instruction)
        }
        XCTAssertTrue(r.isAtEnd)
        XCTAssertEqual(offsets.prefix(4), [0, 2, 4, 6])
        XCTAssertThrowsError(try r.read()) { XCTAssertEqual(($0 as? FormatError)?.message, "unexpected end of section or function") }
    }

    func testOperatorReaderErrors() {
        func failure(_ code: [UInt8], features: Features = .wasm2) -> FormatError? {
            var r = OperatorReader(bytes: code, range: 0..<code.count, features: features)
            do throws(FormatError) {
                while !r.isAtEnd { _ = try r.read() }
                return nil
            } catch {
                return error
            }
        }
        XCTAssertEqual(failure([0x06])?.message.hasPrefix("illegal opcode"), true)
        XCTAssertEqual(failure([0xFC, 18])?.message.hasPrefix("illegal opcode"), true)
        XCTAssertEqual(failure([0xFD, 0x9A, 0x01])?.message.hasPrefix("illegal opcode"), true)  // 154: unassigned
        XCTAssertEqual(failure([0x40, 0x80, 0x00])?.message, "zero byte expected")
        XCTAssertEqual(failure([0xFC, 0x0B, 0x01])?.message, "zero byte expected")
        XCTAssertEqual(failure([0x28, 0x20, 0x00])?.message, "malformed memop flags")
        XCTAssertEqual(failure([0x41, 0x80, 0x80, 0x80, 0x80, 0x70])?.message, "integer too large")
        XCTAssertEqual(failure([0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00])?.message, "integer representation too long")
        XCTAssertEqual(failure([0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])?.message, nil)  // -1 in five bytes
        XCTAssertEqual(failure([0x0C, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])?.message, nil)  // br 0xFFFFFFFF
        XCTAssertEqual(failure([0x0C, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F])?.message, "integer too large")
        XCTAssertEqual(failure([0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])?.message, "integer too large")
        XCTAssertEqual(failure([0x1C, 2, 0x7F, 0x7F])?.kind, .invalid)
        XCTAssertEqual(failure([0x0E, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])?.message, "length out of bounds")
        XCTAssertEqual(failure([0x44, 0, 0])?.message, "unexpected end of section or function")
        // Proposals that are switched off.
        XCTAssertNil(failure([0xC0]))
        XCTAssertNotNil(failure([0xC0], features: .wasm1))
        XCTAssertNotNil(failure([0xFD, 0x0F], features: .wasm1))
        XCTAssertNotNil(failure([0xFC, 0x00], features: .wasm1))
        XCTAssertNotNil(failure([0xD1], features: .wasm1))
        XCTAssertEqual(failure([0x11, 0, 1], features: .wasm1)?.message, "zero byte expected")
        // Multi-memory: memory indices where 2.0 has a zero byte, and memarg flags with bit 6.
        XCTAssertEqual(failure([0x3F, 0x02], features: .all)?.message, nil)
        XCTAssertEqual(failure([0x28, 0x42, 0x03, 0x10], features: .all)?.message, nil)
        XCTAssertEqual(failure([0x28, 0x80, 0x01, 0x00, 0x00], features: .all)?.message, "malformed memop flags")
        XCTAssertEqual(failure([0x28, 0x42, 0x03, 0x10])?.message, "malformed memop flags")
        // Memory64: a u64 offset.
        XCTAssertEqual(failure([0x28, 0x02, 0x80, 0x80, 0x80, 0x80, 0x10], features: .all)?.message, nil)
        XCTAssertEqual(failure([0x28, 0x02, 0x80, 0x80, 0x80, 0x80, 0x10])?.message, "integer too large")
    }

    func testSectionRules() {
        XCTAssertEqual(decodeError(header + section(3, [0]) + section(1, [0]))?.message, "unexpected content after last section")
        XCTAssertEqual(decodeError(header + section(10, [0]) + section(12, [0]))?.message, "unexpected content after last section")
        XCTAssertNil(decodeError(header + section(12, [0]) + section(0, wasmName("x")) + section(10, [0]) + section(11, [0])))
        XCTAssertEqual(decodeError(header + [14, 0])?.message, "malformed section id")
        // The tag section (13) is exception handling's: without it, the error names the proposal.
        XCTAssertEqual(decodeError(header + [13, 0], features: .wasm2)?.message, "malformed section id (the exceptions proposal is disabled; see --features)")
        XCTAssertEqual(decodeError(header + section(1, [0, 0]))?.message, "section size mismatch")
        XCTAssertEqual(decodeError(header + [1, 5, 0])?.message, "length out of bounds")
        XCTAssertEqual(decodeError(header + section(3, [1, 0]))?.message, "function and code section have inconsistent lengths")
        XCTAssertEqual(decodeError(header + section(12, [1]))?.message, "data count and data section have inconsistent lengths")
        XCTAssertEqual(decodeError(header + section(6, [1, 0x7F, 2, 0x41, 0, 0x0B]))?.message, "malformed mutability")
        XCTAssertEqual(decodeError(header + section(7, [1] + wasmName("e") + [5, 0]))?.message, "malformed export kind")
        XCTAssertEqual(decodeError(header + section(7, [1] + wasmName("e") + [4, 0]), features: .wasm2)?.message, "malformed export kind")
        // Limits flags: 2.0 reads a one-bit LEB128; with memory64 or custom page sizes, a byte
        // whose unknown bits (and a continuation bit) are "malformed limits flags".
        XCTAssertEqual(decodeError(header + section(5, [1, 0x81, 0x00, 0]), features: .wasm2)?.message, "integer representation too long")
        XCTAssertEqual(decodeError(header + section(5, [1, 0x81, 0x00, 0]))?.message, "malformed limits flags")
        XCTAssertEqual(decodeError(header + section(5, [1, 0x10, 0]))?.message, "malformed limits flags")
        XCTAssertEqual(decodeError(header + section(5, [1, 0x08, 0]), features: .wasm3)?.message, "malformed limits flags")
        XCTAssertEqual(decodeError(header + section(4, [1, 0x70, 0x08, 0]))?.message, "malformed limits flags", "no page size for tables")
        XCTAssertNil(decodeError(header + section(5, [1, 0x08, 1, 0])), "a 1-byte page size")
        XCTAssertNil(decodeError(header + section(5, [1, 0x05, 0x80, 0x80, 0x80, 0x80, 0x10, 0x80, 0x80, 0x80, 0x80, 0x20])),
                     "memory64 limits are u64")
        XCTAssertEqual(decodeError(header + section(5, [1, 0x04, 0x80, 0x80, 0x80, 0x80, 0x10]), features: .wasm2)?.message,
                       "integer too large")
        // Bodies without their final end: followed by another body (whose size byte 0x05 reads as
        // a misplaced `else`), at the end of the input, and followed by an `end` byte outside the body.
        let oneType = header + section(1, [1, 0x60, 0, 0])
        XCTAssertEqual(decodeError(oneType + section(3, [2, 0, 0]) + section(10, [2, 4, 0, 0x41, 1, 0x1A, 5, 0, 0x41, 1, 0x1A, 0x0B]))?
            .message, "END opcode expected")
        XCTAssertEqual(decodeError(oneType + section(3, [1, 0]) + section(10, [1, 4, 0, 0x41, 1, 0x1A]))?.message,
                       "unexpected end of section or function")
        XCTAssertEqual(decodeError(oneType + section(3, [1, 0]) + section(10, [1, 2, 0, 0x01]) + [0x0B, 1, 0])?.message,
                       "section size mismatch")
        // Locals: 50,000 are fine, 50,001 are too many.
        let ok = header + section(1, [1, 0x60, 0, 0]) + section(3, [1, 0])
            + section(10, [1] + uleb(6) + [1] + uleb(50_000) + [0x7F, 0x0B])
        XCTAssertNil(decodeError(ok))
        let tooMany = header + section(1, [1, 0x60, 0, 0]) + section(3, [1, 0])
            + section(10, [1, 7, 2] + uleb(50_000) + [0x7F, 1, 0x7E, 0x0B])
        XCTAssertEqual(decodeError(tooMany)?.message, "too many locals")
    }

    /// Huge declared counts in tiny inputs fail at once, before any large allocation.
    func testHostileCounts() {
        let huge = uleb(0xFFFF_FFFF)
        let cases: [[UInt8]] = [
            header + section(1, huge),                                            // 4G types
            header + section(1, [1, 0x60] + huge),                                // 4G parameters
            header + section(2, huge),                                            // imports
            header + section(3, huge),                                            // functions
            header + section(9, [1, 0] + [0x41, 0, 0x0B] + huge),                 // element items
            header + section(10, [1] + uleb(6) + huge + [0x0B]),                  // local groups
            header + section(10, huge),                                           // bodies
            header + section(11, [1, 1] + huge),                                  // data bytes
            header + [0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F],                           // custom section size
            header + section(0, huge),                                            // custom section name length
            header + section(1, [1, 0x60, 0, 0]) + section(3, [1, 0])
                + section(10, [1] + uleb(12) + [1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x0B]), // 4G locals of one group
        ]
        let start = Date()
        for (i, bytes) in cases.enumerated() {
            let error = decodeError(bytes)
            XCTAssertEqual(error?.kind, .malformed, "case \(i)")
        }
        // The element item limit is checked before the items are read.
        let items = 10_000_001
        let manyItems = header + section(9, [1, 1, 0] + uleb(UInt64(items)) + [UInt8](repeating: 0, count: items))
        XCTAssertEqual(decodeError(manyItems)?.message, "too many element segment items")
        // A name section with absurd counts is ignored (and does not allocate for them).
        let names = header + section(0, wasmName("name") + [1, 5] + huge)
        XCTAssertEqual(try? decodeModule(names).names, NameSection())
        var reader = OperatorReader(bytes: [0x0E] + huge, range: 0..<6)
        XCTAssertThrowsError(try reader.read())
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0)
    }

    /// A synthetic module of about 8 MB (50,000 bodies): it decodes and walks; timings are printed.
    func testLargeModuleThroughput() throws {
        let functionCount = 50_000
        // Each body: no locals, 20 × (local.get 0; i32.const 1000; i32.add; local.set 0), end.
        var body: [UInt8] = [1, 1, 0x7F]
        for _ in 0..<20 { body += [0x20, 0, 0x41, 0xE8, 0x07, 0x6A, 0x21, 0] }
        body.append(0x0B)
        var code: [UInt8] = uleb(UInt64(functionCount))
        code.reserveCapacity(functionCount * (body.count + 2) + 8)
        for _ in 0..<functionCount { code += uleb(UInt64(body.count)) + body }
        var functions = uleb(UInt64(functionCount))
        functions += [UInt8](repeating: 0, count: functionCount)
        let bytes = header + section(1, [1, 0x60, 0, 0]) + section(3, functions) + section(10, code)

        let start = Date()
        let module = try decodeModule(bytes)
        let decoded = Date()
        var instructions = 0
        for body in module.codes {
            var reader = OperatorReader(bytes: module.bytes, range: body.code)
            while !reader.isAtEnd {
                _ = try reader.read()
                instructions += 1
            }
        }
        let walked = Date()
        XCTAssertEqual(module.codes.count, functionCount)
        XCTAssertEqual(instructions, functionCount * 81)
        print(String(format: "[DecoderTests] %.1f MB: decodeModule %.3f s, walking %d instructions %.3f s",
                     Double(bytes.count) / 1e6, decoded.timeIntervalSince(start), instructions, walked.timeIntervalSince(decoded)))
    }
}
