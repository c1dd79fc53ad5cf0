import Foundation

/// A sqlite3 process kept open: what it commits stays in the write-ahead log until it closes.
final class SQLiteShell {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    init(database: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-cmd", ".timeout 5000", database]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Runs `sql` and waits until sqlite3 has done it.
    func run(_ sql: String) throws {
        let marker = "done-\(UUID().uuidString)"
        input.fileHandleForWriting.write(Data((sql + "\nSELECT '\(marker)';\n").utf8))
        var seen = ""
        let deadline = Date().addingTimeInterval(30)
        while !seen.contains(marker) {
            guard Date() < deadline else { throw SQLiteShellTimeout(sql: sql) }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw SQLiteShellTimeout(sql: sql) }
            seen += String(decoding: chunk, as: UTF8.self)
        }
    }

    func close() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// One statement in a sqlite3 process of its own; its output, trimmed.
    static func once(_ database: String, _ sql: String) throws -> String {
        let result = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["-cmd", ".timeout 5000", database, sql])
        return String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// One statement on a workspace's store, through a process independent of winnow.
    static func query(_ workspace: String, _ sql: String) throws -> String {
        try once(workspace + "/winnow.db", sql)
    }
}

struct SQLiteShellTimeout: Error { var sql: String }
