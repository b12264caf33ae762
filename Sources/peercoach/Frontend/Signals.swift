#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// SIGINT and SIGTERM in line mode: stop reading and end the session cleanly (summary printed,
/// transcript complete) instead of dying mid-write.
enum Signals {
    nonisolated(unsafe) static var stopRequested: sig_atomic_t = 0
    /// The thread that reads standard input; a signal that lands on another thread is passed on to it.
    nonisolated(unsafe) static var reader: pthread_t = pthread_self()
    /// `/dev/null`, opened in advance: the handler puts it in place of standard input.
    nonisolated(unsafe) static var devNull: Int32 = -1

    /// Installs the handlers. Call it on the thread that reads standard input.
    ///
    /// Setting a flag is not enough on its own: a signal that arrives after the reader last
    /// looked at the flag but before it enters `read` would leave it blocked until more input
    /// came (a script holding the pipe open would wait for ever). So the handler also replaces
    /// standard input with `/dev/null` (`dup2` is async-signal-safe): a `read` that has not
    /// started yet sees end of input, and one in progress returns EINTR (no SA_RESTART).
    /// The kernel may run the handler on any thread that does not block the signal, and
    /// Foundation or Dispatch may have started threads of their own; a `read` blocked on the
    /// reader thread is only interrupted by a signal on that thread, so the handler forwards it.
    static func stopOnInterrupt() {
        reader = pthread_self()
        if devNull < 0 { devNull = open("/dev/null", O_RDONLY | O_CLOEXEC) }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { sig in
            Signals.stopRequested = 1
            if Signals.devNull >= 0 {
                let saved = errno
                dup2(Signals.devNull, STDIN_FILENO)
                errno = saved
            }
            if pthread_equal(pthread_self(), Signals.reader) == 0 { pthread_kill(Signals.reader, sig) }
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
        // A parent may have started us with these signals blocked (the mask is inherited across exec):
        // unblock them, or they would stay pending and the session could not be stopped.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }
}
