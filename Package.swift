// swift-tools-version: 6.3
import PackageDescription

// Layers, arrows one way: WispFormat (decode, validate) <- Wisp (translate, execute, store)
// <- WispWASI (WASI preview 1 host functions), WispSpecTest (the spec-test runner) <- wisp (command line).
// WispFormat and Wisp import no Foundation and must keep compiling in Embedded Swift
// (see Scripts/embedded-check.sh); everything above them may use Foundation.
let package = Package(
    name: "Wisp",
    products: [
        .library(name: "Wisp", targets: ["Wisp"]),
        .library(name: "WispFormat", targets: ["WispFormat"]),
        .library(name: "WispSpecTest", targets: ["WispSpecTest"]),
        .library(name: "WispWASI", targets: ["WispWASI"]),
        .executable(name: "wisp", targets: ["wisp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
    ],
    targets: [
        .target(name: "WispFormat"),
        // The interpreter's threaded dispatch: C handlers that tail-call each other around Swift bodies.
        .target(name: "WispDispatch"),
        .target(name: "Wisp", dependencies: ["WispFormat", "WispDispatch"]),
        .target(name: "WispSpecTest", dependencies: ["Wisp"]),
        .target(name: "WispWASI", dependencies: [
            "Wisp", .product(name: "SystemPackage", package: "swift-system"),
        ]),
        .executableTarget(
            name: "wisp",
            dependencies: [
                "Wisp", "WispSpecTest", "WispWASI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Examples/: a cooperative scheduler over fuel slices (a library the tests use, and a command).
        .target(name: "CooperativeScheduler", dependencies: ["Wisp"], path: "Examples/Scheduler/CooperativeScheduler"),
        .executableTarget(name: "wisp-scheduler", dependencies: ["CooperativeScheduler", "Wisp"], path: "Examples/Scheduler/Main"),
        .testTarget(name: "WispFormatTests", dependencies: ["WispFormat"]),
        .testTarget(name: "WispTests", dependencies: ["Wisp", "WispDispatch", "WispSpecTest", "CooperativeScheduler"]),
        .testTarget(name: "WispWASITests", dependencies: ["Wisp", "WispWASI"]),
    ],
    swiftLanguageModes: [.v5]
)
