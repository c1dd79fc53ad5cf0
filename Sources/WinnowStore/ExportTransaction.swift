import Foundation
import GRDB

/// What one export wrote inside its transaction: the manifest's bytes, to go beside the data,
/// and the audit record that names it.
struct ExportOutcome {
    var manifest: Data
    var audit: AuditEntry
}

extension Store {
    /// The frame every export runs in: the records go to a temporary file (in a dry run, one in
    /// the temporary directory, since capping may copy it), `body` writes them and returns the
    /// outcome inside one immediate write transaction that also appends the audit record; only
    /// after it commits are the data file and its manifest renamed into place, so a killed export
    /// never leaves a half file under the final name. A dry run rolls the transaction back
    /// (keeping nothing body froze or chose) and renames nothing. Returns the audit record's
    /// sequence number, nil in a dry run.
    func runExport(output: URL, manifestURL: URL, dryRun: Bool, by identity: Identity, at millis: Int64,
                   _ body: (ExportSink, Database) throws -> ExportOutcome) throws -> Int64? {
        let temporary = (dryRun ? FileManager.default.temporaryDirectory : output.deletingLastPathComponent())
            .appendingPathComponent(".\(output.lastPathComponent).tmp-\(getpid())")
        let temporaryManifest = output.deletingLastPathComponent()
            .appendingPathComponent(".\(manifestURL.lastPathComponent).tmp-\(getpid())")
        defer {
            try? FileManager.default.removeItem(at: temporary)
            try? FileManager.default.removeItem(at: temporaryManifest)
        }
        let sink = try ExportSink(file: temporary)
        var seq: Int64?
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let outcome = try body(sink, db)
                    guard !dryRun else { return .rollback }
                    try outcome.manifest.write(to: temporaryManifest)
                    seq = try AuditLog.append(outcome.audit, by: identity, at: millis, db: db).seq
                    return .commit
                }
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw StoreBusyError()
        }
        if !dryRun {
            try Self.replace(output, with: temporary)
            try Self.replace(manifestURL, with: temporaryManifest)
        }
        return seq
    }

    static func replace(_ destination: URL, with source: URL) throws {
        // rename(2) replaces the destination atomically.
        guard rename(source.path, destination.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path,
                                                          NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    }
}
