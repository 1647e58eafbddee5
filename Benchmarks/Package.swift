// swift-tools-version: 6.1
import PackageDescription

// The benchmark executable times Wisp and WasmKit in the same process, on the same
// bytes, with the same clock. It is a separate package so that the main package
// never depends on a peer runtime.
//
// WISP_BENCH_WITHOUT_WISP=1 builds it without Wisp (WasmKit only); run.sh uses
// that as a fallback when Wisp does not compile, so the peers are still measured.
// Build with `--manifest-cache none` when switching, since the manifest reads the
// environment.
let withWisp = Context.environment["WISP_BENCH_WITHOUT_WISP"] == nil

var dependencies: [Package.Dependency] = [
    .package(url: "https://github.com/swiftwasm/WasmKit", exact: "0.4.2"),
]
var benchDependencies: [Target.Dependency] = [
    .product(name: "WasmKit", package: "WasmKit"),
    "BenchSupport",
]
var settings: [SwiftSetting] = []
if withWisp {
    dependencies.append(.package(name: "Wisp", path: ".."))
    benchDependencies.append(.product(name: "Wisp", package: "Wisp"))
    benchDependencies.append(.product(name: "WispAOTHost", package: "Wisp"))
    settings.append(.define("WITH_WISP"))
}

let package = Package(
    name: "WispBenchmarks",
    dependencies: dependencies,
    targets: [
        .target(name: "BenchSupport"),
        .executableTarget(
            name: "wisp-bench",
            dependencies: benchDependencies,
            swiftSettings: settings
        ),
    ],
    // A single-threaded command-line tool: strict concurrency checking buys nothing here.
    swiftLanguageModes: [.v5]
)
