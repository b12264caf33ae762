// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "peercoach",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "peercoach", targets: ["peercoach"]),
        .library(name: "PeerCoachKit", targets: ["PeerCoachKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(
            name: "PeerCoachKit",
            // Only for libyaml (Yams's CYaml module, which its one product brings along):
            // Scenarios/YAMLComposer builds our own node tree from libyaml's events.
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .systemLibrary(
            name: "CReadline",
            providers: [.apt(["libreadline-dev"]), .brew(["readline"])]
        ),
        .executableTarget(
            name: "peercoach",
            dependencies: [
                "PeerCoachKit",
                "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PeerCoachKitTests",
            dependencies: ["PeerCoachKit"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["PeerCoachKit"]
        ),
    ]
)
