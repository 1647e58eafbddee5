// swift-tools-version: 6.3
import PackageDescription

// Robustness tooling for Wisp, kept out of the main package so that libFuzzer's flags
// (`-sanitize=fuzzer,address`) never reach the ordinary build. See README.md.
//
// FuzzDecode, FuzzExecute: libFuzzer targets (build with -sanitize=fuzzer, see Scripts/fuzz.sh).
// wisp-diff: the Wisp side of the differential tester (Fuzz/difftest.py); build it without
// -sanitize=fuzzer, since libFuzzer supplies its own `main`.
let package = Package(
    name: "WispFuzz",
    dependencies: [
        .package(name: "Wisp", path: ".."),
    ],
    targets: [
        .target(name: "FuzzHarness", dependencies: [.product(name: "Wisp", package: "Wisp")]),
        // Calls libFuzzer's driver: links only with the fuzzer flags.
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzDecode", dependencies: ["FuzzDriver", .product(name: "Wisp", package: "Wisp")]),
        .executableTarget(name: "FuzzExecute", dependencies: ["FuzzDriver", "FuzzHarness"]),
        .executableTarget(name: "wisp-diff", dependencies: ["FuzzHarness", .product(name: "WispAOTHost", package: "Wisp")]),
    ],
    swiftLanguageModes: [.v5]
)
