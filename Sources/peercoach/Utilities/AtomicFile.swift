import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Writes a file through a temporary file in the same folder and a rename, so a reader never
/// sees half a report and a crash never leaves a truncated one.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let temp = (dir.isEmpty ? "." : dir) + "/.\((path as NSString).lastPathComponent).tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temp, contents: Data(text.utf8)) else {
            throw CLIError.usage("cannot write '\(path)' (is the folder there and writable?)")
        }
        if rename(temp, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw CLIError.usage("cannot write '\(path)': \(reason)")
        }
    }
}
