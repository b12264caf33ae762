import Foundation
import XCTest

/// Runs the built `peercoach` binary, as a user or a script would.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
}

enum Harness {
    /// The repository root (two levels above this file's folder).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let dialogs = root.appendingPathComponent("Dialogs").path

    /// The built executable, next to the test bundle.
    static var binary: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("peercoach")
        }
        #endif
        return Bundle.main.bundleURL.appendingPathComponent("peercoach")
    }

    /// A fresh empty folder for one test.
    static func tempDir() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("peercoach-e2e-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `peercoach args` with `stdin` as its input. Output goes through files, so a child that
    /// writes a lot can never block on a full pipe.
    @discardableResult
    static func run(_ args: [String], stdin: Data = Data(), cwd: URL? = nil, env: [String: String] = [:],
                    timeout: TimeInterval = 60) throws -> Run {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("in"), outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        try stdin.write(to: inURL)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = cwd ?? dir
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["PEERCOACH_DIALOGS"] = dialogs
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        p.standardInput = try FileHandle(forReadingFrom: inURL)
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(10_000) }
        if p.isRunning { p.terminate(); XCTFail("peercoach \(args) timed out after \(timeout)s") }
        p.waitUntilExit()
        return Run(status: p.terminationStatus,
                   stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    static func run(_ args: [String], input: String, cwd: URL? = nil, env: [String: String] = [:]) throws -> Run {
        try run(args, stdin: Data(input.utf8), cwd: cwd, env: env)
    }

    /// Parses JSON Lines output into dictionaries.
    static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            guard let dict = object as? [String: Any] else { throw NSError(domain: "not an object", code: 1) }
            return dict
        }
    }
}
