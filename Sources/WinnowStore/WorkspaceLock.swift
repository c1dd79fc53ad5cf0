import Foundation

/// `winnow.lock` in the workspace: every process with the store open holds a shared `flock` on
/// it, and a bulk import drops the queue indexes only while it holds the lock exclusively, that
/// is while nobody else has the workspace open. A process that opens meanwhile waits for the
/// shared lock, so it neither crawls without the indexes nor rebuilds them under the import.
/// The kernel releases the lock of a process that dies, so a killed import never blocks anyone.
final class WorkspaceLock: @unchecked Sendable {
    static let fileName = "winnow.lock"

    private let descriptor: Int32
    private let mutex = NSLock()

    /// Opens the lock file; `create` makes it when missing (a read-only open never creates files).
    /// Nil when there is no lock file to open (a read-only open of a workspace without one).
    init?(directory: URL, create: Bool) {
        let path = directory.appendingPathComponent(Self.fileName).path
        // flock needs no write access, so a read-only descriptor serves every process, whoever made the file.
        var fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0, create {
            fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0o666)
        }
        guard fd >= 0 else { return nil }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Takes the shared lock if no bulk import holds it; false when one does.
    func tryShared() -> Bool { attempt(LOCK_SH | LOCK_NB) }

    /// Waits for the shared lock.
    func waitShared() { _ = attempt(LOCK_SH) }

    /// Turns this process's shared lock into the exclusive one if no other process holds the
    /// lock; otherwise leaves the shared lock held and returns false.
    func tryExclusive() -> Bool {
        mutex.lock()
        defer { mutex.unlock() }
        if flockRetrying(LOCK_EX | LOCK_NB) { return true }
        // Linux drops the shared lock before it refuses the conversion: take it back. Only an
        // exclusive holder (another bulk import that got in between) can make this wait.
        _ = flockRetrying(LOCK_SH)
        return false
    }

    /// From exclusive back to shared, letting the processes that wait in `waitShared` in.
    func backToShared() { _ = attempt(LOCK_SH) }

    private func attempt(_ operation: Int32) -> Bool {
        mutex.lock()
        defer { mutex.unlock() }
        return flockRetrying(operation)
    }

    private func flockRetrying(_ operation: Int32) -> Bool {
        while true {
            if flock(descriptor, operation) == 0 { return true }
            if errno != EINTR { return false }
        }
    }
}
