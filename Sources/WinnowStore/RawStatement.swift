import GRDB
import GRDBSQLite

/// Binds and steps a prepared statement through SQLite's C calls, for the import's hot loop.
/// The import benchmark's reference binds the same way, so the two are compared fairly.
/// Text is copied by SQLite at bind time (SQLITE_TRANSIENT), so the Swift strings need not outlive the call.
public struct RawStatement {
    public let statement: OpaquePointer
    public let connection: OpaquePointer?

    public init(_ statement: OpaquePointer, connection: OpaquePointer?) {
        self.statement = statement
        self.connection = connection
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    public func bind(_ index: Int32, _ value: String?) {
        guard var value else { sqlite3_bind_null(statement, index); return }
        value.withUTF8 { utf8 in
            if let base = utf8.baseAddress, utf8.count > 0 {
                _ = base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                    sqlite3_bind_text(statement, index, $0, Int32(utf8.count), Self.transient)
                }
            } else {
                // A NULL pointer would bind SQL NULL: an empty string needs a real one.
                _ = sqlite3_bind_text(statement, index, "", 0, Self.transient)
            }
        }
    }

    /// Binds UTF-8 bytes as text without making a String of them first.
    public func bind(_ index: Int32, utf8 bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            _ = sqlite3_bind_text(statement, index, "", 0, Self.transient)
            return
        }
        _ = sqlite3_bind_text(statement, index, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
    }

    public func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    public func bind(_ index: Int32, _ value: Double) {
        sqlite3_bind_double(statement, index, value)
    }

    /// Steps through the rows, handing each one's first column as an integer, then resets.
    public func forEachInt64(_ body: (Int64) -> Void) throws {
        var code = sqlite3_step(statement)
        while code == SQLITE_ROW {
            body(sqlite3_column_int64(statement, 0))
            code = sqlite3_step(statement)
        }
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }

    /// Steps the statement to its end and resets it; throws SQLite's error.
    public func run() throws {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }

    /// Steps through the rows, handing each to `body` to read its columns in place, then resets.
    public func forEachRow(_ body: (RawRow) throws -> Void) throws {
        var code = sqlite3_step(statement)
        while code == SQLITE_ROW {
            try body(RawRow(statement: statement))
            code = sqlite3_step(statement)
        }
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }
}

/// The current row of a `RawStatement`, read without making Swift values of it. The bytes are
/// SQLite's own and valid only until the statement steps on.
public struct RawRow {
    let statement: OpaquePointer

    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    /// A text column's UTF-8 bytes; nil when it is NULL.
    public func text(_ column: Int32) -> UnsafeRawBufferPointer? {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL, let base = sqlite3_column_text(statement, column) else { return nil }
        return UnsafeRawBufferPointer(start: base, count: Int(sqlite3_column_bytes(statement, column)))
    }
}
