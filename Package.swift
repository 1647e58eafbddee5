// swift-tools-version: 6.3
import PackageDescription

// Layers, arrows one way: WispFormat (decode, validate) <- Wisp (translate, execute, store)
// <- WispWASI (WASI preview 1 host functions), WispSpecTest (the spec-test runner) <- wisp (command line).
// WispText (the text format, encoded to binary) stands alone; WispSpecTest and wisp use it.
// WispFormat, Wisp and WispText import no Foundation and must keep compiling in Embedded Swift
// (see Scripts/embedded-check.sh); everything above them may use Foundation.
let package = Package(
    name: "Wisp",
    // (Apple platforms: the engine's atomics are the Synchronization module's.)
    platforms: [.macOS(.v15), .iOS(.v18)],
    products: [
        .library(name: "Wisp", targets: ["Wisp"]),
        .library(name: "WispFormat", targets: ["WispFormat"]),
        .library(name: "WispText", targets: ["WispText"]),
        .library(name: "WispSpecTest", targets: ["WispSpecTest"]),
        .library(name: "WispWASI", targets: ["WispWASI"]),
        .library(name: "WispAOTHost", targets: ["WispAOTHost", "WispAOT"]),
        .executable(name: "wisp", targets: ["wisp"]),
        // The standard wasm-c-api (Sources/WispC/include/wasm.h) and Wisp's additions (wisp.h), as a
        // shared library for C and C++ hosts (libWispC.so / .dylib) and a static one (libWispCStatic.a).
        .library(name: "WispC", type: .dynamic, targets: ["WispC", "WispCRuntime"]),
        .library(name: "WispCStatic", type: .static, targets: ["WispC", "WispCRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
        // `swift package generate-documentation --target Wisp` builds Sources/Wisp/Wisp.docc.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "WispFormat"),
        // The text format (.wat modules, .wast scripts) encoded to the binary format. Like WispFormat
        // it imports no Foundation and depends on nothing, so bare-metal tools can use it too.
        .target(name: "WispText"),
        // The interpreter's threaded dispatch: C handlers that tail-call each other around Swift bodies.
        .target(name: "WispDispatch"),
        // The handlers are C functions emitted into this module; SwiftPM compiles them with frame
        // pointers (`-fno-omit-frame-pointer`, which a later `-fomit-frame-pointer` cannot undo
        // since SwiftPM's comes last), and then each x86-64 handler pushes and pops %rbp around
        // its 10 instructions. The clang front-end option below is read after the driver's, so it
        // wins, for this module only: 0.94 of the run time over the benchmark workloads
        // (docs/interpreter.md, "Frame pointers"). The handlers call nothing on their fast path,
        // and a backtrace through a slow path still finds wisp_run's frame.
        .target(name: "Wisp", dependencies: ["WispFormat", "WispDispatch"],
                swiftSettings: [.unsafeFlags(["-Xcc", "-Xclang", "-Xcc", "-mframe-pointer=none"], .when(platforms: [.linux]))]),
        .target(name: "WispSpecTest", dependencies: ["Wisp", "WispText"]),
        // Ahead-of-time compilation: a module to C (docs/aot.md). Like WispFormat it imports no Foundation.
        .target(name: "WispAOT", dependencies: ["WispFormat"]),
        // Building (the system's C compiler) and loading (dlopen) compiled code on a host.
        .target(name: "WispAOTHost", dependencies: ["Wisp", "WispAOT"]),
        .target(name: "WispWASI", dependencies: [
            "Wisp", .product(name: "SystemPackage", package: "swift-system"),
        ]),
        // The C API: headers and the plain data (vectors, types) in C; the runtime objects in Swift.
        .target(name: "WispC"),
        .target(name: "WispCRuntime", dependencies: ["WispC", "Wisp", "WispWASI", "WispText"]),
        .executableTarget(
            name: "wisp",
            dependencies: [
                "Wisp", "WispSpecTest", "WispWASI", "WispText", "WispAOT", "WispAOTHost",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]),
        // Examples/: a cooperative scheduler over fuel slices (a library the tests use, and a command).
        .target(name: "CooperativeScheduler", dependencies: ["Wisp"], path: "Examples/Scheduler/CooperativeScheduler"),
        .executableTarget(name: "wisp-scheduler", dependencies: ["CooperativeScheduler", "Wisp"], path: "Examples/Scheduler/Main"),
        // The README's embedding example (ReadmeExampleTests keeps the two the same).
        .executableTarget(name: "wisp-embedding-example", dependencies: ["Wisp", "WispText"], path: "Examples/Embedding"),
        .testTarget(name: "WispFormatTests", dependencies: ["WispFormat"]),
        .testTarget(name: "WispTextTests", dependencies: ["WispText", "WispFormat"]),
        .testTarget(name: "WispTests", dependencies: ["Wisp", "WispDispatch", "WispSpecTest", "WispText", "CooperativeScheduler"]),
        .testTarget(name: "WispWASITests", dependencies: ["Wisp", "WispWASI", "WispText", "WispAOT", "WispAOTHost"]),
    ],
    swiftLanguageModes: [.v6]
)
