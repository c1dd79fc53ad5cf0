/// Splits a byte stream into lines in bounded memory. A line over `maxLineBytes` is not kept:
/// its bytes are counted and skipped, and it is handed over as `.tooLong` so it can be rejected.
public final class LineReader {
    public enum Line {
        case text(UnsafeRawBufferPointer)
        case tooLong(bytes: Int)
    }

    private let source: ByteSource
    private let maxLineBytes: Int
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var eof = false
    public private(set) var lineNumber = 0

    public init(source: ByteSource, maxLineBytes: Int, chunkSize: Int = 1 << 20) {
        self.source = source
        self.maxLineBytes = maxLineBytes
        buffer = .allocate(byteCount: max(chunkSize, 4096), alignment: 1)
    }

    deinit { buffer.deallocate() }

    /// The next line without its terminator (`\n` or `\r\n`); valid until the next call.
    public func next() throws -> Line? {
        var scanFrom = start
        while true {
            if let nl = find(newlineFrom: scanFrom) {
                lineNumber += 1
                var lineEnd = nl
                if lineEnd > start, buffer[lineEnd - 1] == 13 { lineEnd -= 1 }
                let line = UnsafeRawBufferPointer(rebasing: buffer[start..<lineEnd])
                start = nl + 1
                return .text(line)
            }
            if eof {
                guard start < end else { return nil }
                lineNumber += 1
                var lineEnd = end
                if buffer[lineEnd - 1] == 13 { lineEnd -= 1 }
                let line = UnsafeRawBufferPointer(rebasing: buffer[start..<lineEnd])
                start = end
                return .text(line)
            }
            if end - start > maxLineBytes {
                return .tooLong(bytes: try skipRestOfLine())
            }
            // Already scanned bytes need no second look; fill() may move them to the front.
            let scanned = end - start
            try fill()
            scanFrom = start + scanned
        }
    }

    private func find(newlineFrom from: Int) -> Int? {
        guard from < end else { return nil }
        let base = buffer.baseAddress!
        guard let hit = memchr(base + from, 10, end - from) else { return nil }
        return base.distance(to: hit)
    }

    /// Makes room (compacting, or growing up to the line limit) and reads more bytes.
    private func fill() throws {
        if start > 0 {
            let pending = end - start
            if pending > 0 { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: pending) }
            start = 0
            end = pending
        }
        if end == buffer.count {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 1)
            grown.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
            buffer.deallocate()
            buffer = grown
        }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
        if n == 0 { eof = true } else { end += n }
    }

    /// Discards the current over-long line through its newline; returns its length.
    private func skipRestOfLine() throws -> Int {
        lineNumber += 1
        var length = end - start
        start = 0
        end = 0
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { eof = true; return length }
            if let hit = memchr(buffer.baseAddress!, 10, n) {
                let offset = buffer.baseAddress!.distance(to: hit)
                length += offset
                start = offset + 1
                end = n
                return length
            }
            length += n
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
