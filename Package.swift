// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "runcore",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "runcore", targets: ["runcore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "RoutineKit"),
        // The runner's log and the article's rules (shoes, back pain, what to do today, the plank progression).
        .target(name: "RunnerLog", dependencies: ["RoutineKit"]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // Watch and app files (FIT, GPX, TCX, gzip) over bytes; the FIT workout writer.
        .target(name: "ActivityFiles", dependencies: ["CZlib", "RoutineKit"]),
        .target(
            name: "RoutineFiles",
            dependencies: ["RoutineKit", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedResources"]
        ),
        // The built-in routines and figures compiled into the binary: a generator run at build time over
        // Resources/ (their one source), so runcore is one file that runs wherever it is copied. The link
        // Plugins/EmbedResources/Resources makes SwiftPM notice a file added to Resources/ (see the plugin).
        .executableTarget(name: "EmbedResourcesTool", path: "Plugins/EmbedResourcesTool"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["EmbedResourcesTool"]),
        .target(name: "History", dependencies: ["RoutineKit", "RunnerLog", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "TerminalUI", dependencies: ["RoutineKit"]),
        // The fault handler that gives the terminal back after a crash, in C: it must be async-signal-safe.
        .target(name: "CFaultGuard"),
        // posix_spawn's "close the rest" (a GNU extension): children get only stdin, stdout and stderr.
        .target(name: "CSpawn"),
        .target(name: "NcursesTerminal", dependencies: ["CNcursesw", "CFaultGuard", "TerminalUI"]),
        // The app without its command line: sessions (launcher, driver, recorder, progression, cues, hooks), the
        // menu as a model and its runner, what is printed. Tested in process, on virtual time.
        .target(
            name: "RuncoreApp",
            dependencies: ["RoutineKit", "RoutineFiles", "History", "TerminalUI", "NcursesTerminal", "RunnerLog", "CSpawn"]
        ),
        // Argument parsing, wiring and printing.
        .target(
            name: "RuncoreCLI",
            dependencies: [
                "RuncoreApp", "RoutineKit", "RoutineFiles", "History", "TerminalUI", "RunnerLog", "ActivityFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "runcore", dependencies: ["RuncoreCLI"]),
        .testTarget(name: "RoutineKitTests", dependencies: ["RoutineKit", "TestSupport"]),
        .testTarget(name: "RoutineFilesTests", dependencies: ["RoutineFiles", "RoutineKit", "TestSupport"]),
        .testTarget(name: "HistoryTests", dependencies: ["History", "RoutineKit", "RunnerLog"]),
        .testTarget(name: "RunnerLogTests", dependencies: ["RunnerLog", "RoutineKit", "TestSupport"]),
        .testTarget(name: "ActivityFilesTests", dependencies: ["ActivityFiles", "TestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "RoutineKit"]),
        .testTarget(name: "RuncoreAppTests", dependencies: ["RuncoreApp", "RoutineKit", "RoutineFiles", "RunnerLog", "History", "TerminalUI", "TestSupport"]),
        // Shared helpers for the tests that drive the built binary (processes, temp dirs, tmux).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CLITests", dependencies: [
            "runcore", "RuncoreCLI", "RuncoreApp", "TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["runcore", "TestSupport"]),
    ]
)
