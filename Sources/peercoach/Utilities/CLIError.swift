/// An error the user can fix, printed as one line: `peercoach: error: <message>`.
struct CLIError: Error {
    var message: String
    /// 1: the work found a problem; 2: bad usage or unreadable input.
    var code: Int32 = 2

    static func usage(_ message: String) -> CLIError { CLIError(message: message, code: 2) }
}
