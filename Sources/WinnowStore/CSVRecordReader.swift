import WinnowCore

/// RFC 4180 records over a `LineReader`: quoted fields may hold commas, doubled quotes and newlines,
/// so one record can span several lines; it is reported by the line it starts on.
/// (Hand-written because it must share the streaming, size-limited, line-numbered reader with JSONL
/// and gzip; the CSV packages available parse whole strings or Foundation streams.)
public final class CSVRecordReader {
    public enum Record {
        case fields([String], line: Int)
        case rejected(RejectReason, line: Int, excerpt: [UInt8])
    }

    private let lines: LineReader
    private let maxRecordBytes: Int

    public init(lines: LineReader, maxRecordBytes: Int) {
        self.lines = lines
        self.maxRecordBytes = maxRecordBytes
    }

    public func next() throws -> Record? {
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var firstLine = 0
        var recordBytes = 0
        var started = false
        var invalid: RejectReason?
        func finish(_ bytes: [UInt8]) -> String {
            if invalid == nil, let offset = bytes.withUnsafeBytes({ UTF8Validation.firstInvalidOffset($0) }) {
                invalid = .invalidUTF8(byteOffset: offset)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        while true {
            guard let line = try lines.next() else {
                if started, inQuotes { return .rejected(.csvUnterminatedQuote, line: firstLine, excerpt: field) }
                return nil
            }
            if !started {
                started = true
                firstLine = lines.lineNumber
            } else {
                field.append(10) // the newline inside a quoted field
            }
            let bytes: UnsafeRawBufferPointer
            switch line {
            case .tooLong(let n):
                return .rejected(.lineTooLong(bytes: n, limit: maxRecordBytes), line: lines.lineNumber, excerpt: [])
            case .text(let b):
                bytes = b
            }
            if !inQuotes, bytes.isEmpty, fields.isEmpty, field.isEmpty {
                started = false
                continue // blank line between records
            }
            recordBytes += bytes.count + 1
            if recordBytes > maxRecordBytes {
                return .rejected(.lineTooLong(bytes: recordBytes, limit: maxRecordBytes), line: firstLine, excerpt: [])
            }
            var i = 0
            let n = bytes.count
            while i < n {
                let c = bytes[i]
                if inQuotes {
                    if c == 34 {
                        if i + 1 < n, bytes[i + 1] == 34 { field.append(34); i += 2; continue }
                        inQuotes = false
                    } else {
                        field.append(c)
                    }
                } else if c == 34, field.isEmpty {
                    inQuotes = true
                } else if c == 44 {
                    fields.append(finish(field))
                    field.removeAll(keepingCapacity: true)
                } else {
                    field.append(c)
                }
                i += 1
            }
            if inQuotes { continue }
            fields.append(finish(field))
            if let invalid { return .rejected(invalid, line: firstLine, excerpt: []) }
            return .fields(fields, line: firstLine)
        }
    }
}
