#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// SIGINT and SIGTERM in line mode: stop reading and end the session cleanly (summary printed,
/// transcript complete) instead of dying mid-write.
enum Signals {
    nonisolated(unsafe) static var stopRequested: sig_atomic_t = 0

    /// Installs handlers without SA_RESTART, so a blocked `read` returns EINTR and the reader can stop.
    static func stopOnInterrupt() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Signals.stopRequested = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
    }
}
