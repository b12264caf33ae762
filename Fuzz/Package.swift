// swift-tools-version: 6.0
// libFuzzer targets over PeerCoachKit. Build and run them with scripts/fuzz.sh, which passes
// `-sanitize=fuzzer,address` to every module (so the library itself is instrumented), e.g.
//   swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address
// CI does not run these; see docs/FUZZING.md.
import PackageDescription

let kit: Target.Dependency = .product(name: "PeerCoachKit", package: "peercoach")

let package = Package(
    name: "PeerCoachFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "peercoach", path: "..")],
    targets: [
        .target(name: "CFuzzDriver", path: "Targets/CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: [kit, "CFuzzDriver"], path: "Targets/FuzzSupport"),
        .executableTarget(name: "FuzzYAMLLoader", dependencies: [kit, "FuzzSupport"], path: "Targets/FuzzYAMLLoader"),
        .executableTarget(name: "FuzzPatterns", dependencies: [kit, "FuzzSupport"], path: "Targets/FuzzPatterns"),
        .executableTarget(name: "FuzzTranscript", dependencies: [kit, "FuzzSupport"], path: "Targets/FuzzTranscript"),
        .executableTarget(name: "FuzzTagger", dependencies: [kit, "FuzzSupport"], path: "Targets/FuzzTagger"),
    ]
)
