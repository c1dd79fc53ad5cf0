// swift-tools-version:6.1
import PackageDescription

// Winnow targets Linux (Debian): the terminal layer includes <ncursesw/curses.h> and the store
// reads Linux `stat` fields, so no Apple platform is claimed.
let propertyBased: Target.Dependency = .product(name: "PropertyBased", package: "swift-property-based")

let package = Package(
    name: "Winnow",
    products: [
        .executable(name: "winnow", targets: ["winnow"]),
        .executable(name: "winnow-bench", targets: ["winnow-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "WinnowCore"),
        .target(name: "WinnowDemoData", dependencies: ["WinnowCore"]),
        .target(
            name: "WinnowConfig",
            // Crypto: a rubric's version is the SHA-256 of its definition.
            dependencies: ["WinnowCore", .product(name: "TOMLKit", package: "TOMLKit"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "WinnowStore",
            dependencies: [
                "WinnowCore", "WinnowConfig", "WinnowDemoData", "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "WinnowTUI",
            dependencies: ["WinnowCore", "WinnowConfig", "WinnowStore", "CNcursesw",
                           .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .executableTarget(
            name: "winnow",
            dependencies: [
                "WinnowCore", "WinnowConfig", "WinnowStore", "WinnowTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The hostile event-line generator shared by the fuzz harness and its CI property test.
        .target(name: "WinnowFuzz", dependencies: ["WinnowCore", "WinnowDemoData", "WinnowStore", "WinnowTUI"]),
        .executableTarget(
            name: "winnow-bench",
            dependencies: [
                "WinnowCore", "WinnowConfig", "WinnowStore", "WinnowTUI", "WinnowDemoData", "WinnowFuzz",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["README.md"]
        ),
        .testTarget(name: "WinnowCoreTests", dependencies: ["WinnowCore", "WinnowDemoData", propertyBased]),
        .testTarget(name: "WinnowConfigTests", dependencies: ["WinnowConfig", "WinnowCore"]),
        .testTarget(
            name: "WinnowStoreTests",
            dependencies: ["WinnowStore", "WinnowCore", "WinnowDemoData", .product(name: "GRDB", package: "GRDB.swift"),
                           propertyBased]
        ),
        .testTarget(name: "WinnowTUITests", dependencies: ["WinnowTUI", "WinnowFuzz", "WinnowDemoData", propertyBased], exclude: ["Snapshots"]),
        // Scripts/: helpers the tests run with other tools (Python's `datasets`).
        .testTarget(name: "WinnowEndToEndTests", dependencies: ["WinnowCore"], exclude: ["Scripts"]),
    ],
    swiftLanguageModes: [.v6]
)
