import CNcursesw

/// SIGINT, SIGTERM and SIGHUP while the queue is on screen. The handler (in the C shim) only
/// records the signal; the terminal loop asks `received` between inputs and shuts down in ordinary
/// code, where saving a draft and `endwin` are safe.
/// The only Swift file that calls the shim's signal functions: their flag is per calling file.
public enum TerminationSignals {
    /// Records termination signals from now on instead of dying at once.
    static func watch() { _ = winnow_watch_termination_signals(1) }

    /// Back to the default action (the terminal is ordinary again).
    static func stopWatching() { _ = winnow_watch_termination_signals(0) }

    /// The signal number received while watched, if any.
    public static var received: Int32? {
        let signal = winnow_termination_signal()
        return signal == 0 ? nil : signal
    }

    /// The conventional exit status of a process ended by `signal`.
    public static func exitStatus(_ signal: Int32) -> Int32 { 128 + signal }
}
