// swift-tools-version:6.0
// Baokao: eligibility rules, verdicts, registration-form PDFs and the registration service.
// Modules are the stages of one pipeline and depend one way only:
//   Vocabulary → Rules → Eligibility → FormLayout → PDFExport → Persistence → Service → baokao (CLI)
//                                                                            Service → HTTPService → baokao-server
// `baokao` links no networking: Hummingbird and SwiftNIO are linked by `baokao-server` alone.
import PackageDescription

let package = Package(
    name: "Baokao",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "baokao", targets: ["baokao"]),
        .executable(name: "baokao-server", targets: ["baokao-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Already Hummingbird's: named for the types the server uses directly (peer address, signals, logger).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // The shared model: identity documents, names, phones, dates, money, regions. No dependencies.
        .target(name: "Vocabulary"),

        // C libraries, wrapped like GRDB wraps SQLite: imported with `internal import`, never in public API.
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz-subset", providers: [.apt(["libharfbuzz-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // mimalloc replaces malloc in the processes that link it (the commands, through CommandSupport): the
        // service's threads allocate on one and free on another, where glibc's arenas cost ≈15–20 % of a save.
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),

        // Rule files (YAML) → an immutable, fully resolved RuleSet, with diagnostics.
        .target(
            name: "Rules",
            dependencies: ["Vocabulary", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")]
        ),

        // Application + RuleSet → Verdict (eligible, reasons, subjects, exemptions, route, fee).
        .target(name: "Eligibility", dependencies: ["Rules", "Vocabulary"]),

        // Form content → positioned, shaped items on an A4 page (fonts, fallback, line breaking, QR, barcode).
        // Also the form's verification code (HMAC) that its QR code carries.
        .target(
            name: "FormLayout",
            dependencies: [
                "Vocabulary", "CHarfBuzz", "CQREncode",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // Laid-out document → PDF bytes (subset CJK fonts, ToUnicode, JPEG photo, deflate).
        .target(
            name: "PDFExport",
            dependencies: ["FormLayout", "CHarfBuzz", "CDeflate", .product(name: "Crypto", package: "swift-crypto")]
        ),

        // Application + Verdict → the registration form's content (the bridge between the two stages).
        .target(name: "FormContent", dependencies: ["Eligibility", "FormLayout", "Rules", "Vocabulary"]),

        // The service's state: the store contract (ServiceStore) and its SQLite backend (GRDB, WAL, migrations).
        .target(name: "Persistence", dependencies: ["Vocabulary", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")]),

        // The service's state in PostgreSQL (postgres-nio): the same `ServiceStore` contract for several instances
        // on one database. Not a dependency of `baokao`, so that the CLI links no networking.
        .target(
            name: "PostgresStore",
            dependencies: ["Persistence", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),

        // JSON-RPC 2.0 over stdin/stdout: accounts, applications, review, payment. Its SQL goes through the store
        // contract of Persistence only (no GRDB), so the same code runs on SQLite and on PostgreSQL.
        .target(
            name: "Service",
            dependencies: [
                "Rules", "Eligibility", "FormContent", "FormLayout", "PDFExport", "Persistence", "Vocabulary",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),

        // What both executables' command lines share: exit codes, where rules and secrets come from, the
        // service's options (`baokao serve` and `baokao-server` take the same ones) and the operator commands
        // (`admin …`, `verify-form`), written once on `any ServiceStore` for `baokao` (SQLite) and `baokao-server`.
        .target(
            name: "CommandSupport",
            dependencies: ["CMimalloc", "FormLayout", "Persistence", "Rules", "Service", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // The CLI: argument parsing and exit codes; every verb delegates to a stage.
        .executableTarget(
            name: "baokao",
            dependencies: [
                "Vocabulary", "Rules", "Eligibility", "FormLayout", "FormContent", "PDFExport", "Persistence", "Service",
                "CommandSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The service over HTTP (Hummingbird): the routes, the bounded pool of worker threads each with its own
        // BaokaoService, the Prometheus metrics. A library, so the tests run it on real sockets in-process.
        .target(
            name: "HTTPService",
            dependencies: [
                "Service", "Persistence", "Vocabulary",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),

        // `baokao-server`: the options of `baokao serve` plus --host, --port, --workers; runs HTTPService.
        .executableTarget(
            name: "baokao-server",
            dependencies: [
                "CommandSupport", "HTTPService", "Persistence", "PostgresStore", "Service",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmarks (`make bench`): a seeded corpus generator and in-process measurements.
        .executableTarget(name: "BenchEligibility", dependencies: ["Eligibility", "Rules"]),
        // `scripts/bench-forms`: 2,000 varied forms through the bulk renderer, forms/s, bytes per form, peak memory.
        .executableTarget(name: "BenchForms", dependencies: ["FormLayout", "PDFExport", "Vocabulary"]),

        // Test support, not a test target: the two stores (`Backend`) and a fresh database of either — SQLite in a
        // temporary folder, PostgreSQL on the server `scripts/with-postgres` names in `BAOKAO_TEST_POSTGRES` — for
        // every test target that runs on both.
        .target(
            name: "TestDatabases",
            dependencies: ["Persistence", "PostgresStore", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Tests/TestDatabases"
        ),

        .testTarget(name: "VocabularyTests", dependencies: ["Vocabulary"], exclude: ["Fixtures"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules"]),
        .testTarget(name: "EligibilityTests", dependencies: ["Eligibility"]),
        .testTarget(name: "CLITests", dependencies: ["baokao"]),
        // The service in-process (on SQLite and on PostgreSQL) and over real pipes against the built `baokao serve`
        // (hence the dependency); libdeflate reads back the PNGs rsvg-convert renders of the captcha.
        .testTarget(
            name: "ServiceTests",
            dependencies: ["Service", "Persistence", "TestDatabases", "Eligibility", "Rules", "Vocabulary", "baokao", "CDeflate",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),

        // `scripts/bench-service`: requests per second and p99 latency of the service, in-process.
        .executableTarget(name: "BenchService", dependencies: ["Service", "Persistence", "Vocabulary"]),
        // `scripts/bench-service`: the write path through real `baokao serve` processes — saves/s, logins on 1 vs
        // 2 processes, 4 processes mixed — with lost writes and -32603 counted.
        .executableTarget(
            name: "BenchServe",
            dependencies: ["Service", "Persistence", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        // One suite against both stores: SQLite in a temporary file, PostgreSQL at `BAOKAO_TEST_POSTGRES`.
        .testTarget(
            name: "StoreConformanceTests",
            dependencies: ["Persistence", "PostgresStore", "Service", "TestDatabases", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // `scripts/bench-scaleout`: login, save and status through 1, 2, 3 `baokao-server` instances on PostgreSQL and
        // through one `baokao serve` on SQLite, side by side.
        .executableTarget(
            name: "BenchScaleOut",
            dependencies: ["LoopbackTesting", "Persistence", "PostgresStore", "Service", "Vocabulary",
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        // `scripts/bench-stores`: one-row write transactions per second on SQLite and on PostgreSQL.
        .executableTarget(name: "BenchStores", dependencies: ["Persistence", "PostgresStore"]),
        // baokao-server on 127.0.0.1 and an ephemeral port, spoken to over real sockets; the built executable for
        // the signal, the byte-for-byte comparison with `baokao serve` and the operator commands on PostgreSQL.
        // What the HTTP and scale-out tests share: a plain loopback HTTP client and a built `baokao-server` as a
        // child process. Foundation only.
        .target(name: "LoopbackTesting", path: "Tests/LoopbackTesting"),
        .testTarget(
            name: "HTTPServiceTests",
            dependencies: ["HTTPService", "Service", "Persistence", "PostgresStore", "Vocabulary", "baokao", "baokao-server", "LoopbackTesting",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Three built `baokao-server` processes on one fresh PostgreSQL database, driven in parallel: payments,
        // registrations, SMS and confirmations decided once; an instance killed under load loses nothing answered.
        .testTarget(
            name: "ScaleOutTests",
            dependencies: ["LoopbackTesting", "PostgresStore", "Persistence", "Service", "Vocabulary", "baokao-server"]
        ),
        .testTarget(name: "FormTests", dependencies: ["FormLayout", "PDFExport", "Vocabulary", "baokao"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
