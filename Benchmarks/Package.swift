// swift-tools-version: 6.1
// Benchmarks for peercoach, kept out of the main package so its build and CI never pull in the
// benchmark tooling. Run from this folder: `swift package benchmark` (see ../docs/PERFORMANCE.md).
import PackageDescription

let package = Package(
    name: "PeerCoachBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "PeerCoachBenchmarks",
            dependencies: [
                .product(name: "PeerCoachKit", package: "main"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PeerCoachBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
