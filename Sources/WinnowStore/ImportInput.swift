import Foundation

public enum ImportFormat: String, CaseIterable, Sendable, Codable {
    case jsonl, csv
}

/// An opened input: where its bytes come from and how to read them.
public struct ImportInput {
    public var name: String
    public var source: ByteSource
    public var format: ImportFormat
    public var compressed: Bool
    /// Size on disk, when known, for progress and ETA.
    public var totalBytes: Int64?

    public init(name: String, source: ByteSource, format: ImportFormat, compressed: Bool = false,
                totalBytes: Int64? = nil) {
        self.name = name
        self.source = source
        self.format = format
        self.compressed = compressed
        self.totalBytes = totalBytes
    }

    /// Opens a path (or `-` for standard input). The format comes from `format`, else the extension
    /// (`.csv`, anything else is JSONL); gzip is recognised by its magic bytes, whatever the name.
    public static func open(path: String, format: ImportFormat?) throws -> ImportInput {
        let raw: ByteSource
        var total: Int64?
        if path == "-" {
            raw = FileByteSource(standardInput: ())
        } else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ByteSourceError(description: "\(path) is a directory, not an event file")
            }
            raw = try FileByteSource(path: path)
            total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
        }
        let sniffed = SniffingByteSource(upstream: raw)
        let isGzip = try sniffed.startsWith([0x1F, 0x8B])
        let source: ByteSource = isGzip ? try GzipByteSource(wrapping: sniffed) : sniffed
        var base = path.lowercased()
        if base.hasSuffix(".gz") { base.removeLast(3) }
        let chosen = format ?? (base.hasSuffix(".csv") ? .csv : .jsonl)
        return ImportInput(name: path == "-" ? "<stdin>" : path, source: source, format: chosen,
                           compressed: isGzip, totalBytes: total)
    }
}

/// Lets the first bytes be inspected (gzip magic) without losing them, even on a pipe.
final class SniffingByteSource: ByteSource {
    private let upstream: ByteSource
    private var head: [UInt8] = []
    private var headOffset = 0

    init(upstream: ByteSource) { self.upstream = upstream }

    var consumedBytes: Int64 { upstream.consumedBytes }

    func startsWith(_ magic: [UInt8]) throws -> Bool {
        var scratch = [UInt8](repeating: 0, count: magic.count)
        while head.count < magic.count {
            let n = try scratch.withUnsafeMutableBytes {
                try upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<(magic.count - head.count)]))
            }
            if n == 0 { break }
            head.append(contentsOf: scratch[0..<n])
        }
        return head.starts(with: magic) && head.count >= magic.count
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if headOffset < head.count {
            let n = min(buffer.count, head.count - headOffset)
            for i in 0..<n { buffer[i] = head[headOffset + i] }
            headOffset += n
            return n
        }
        return try upstream.read(into: buffer)
    }
}
