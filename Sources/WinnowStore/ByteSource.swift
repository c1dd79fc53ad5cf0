import CZlib
import Foundation

/// A stream of bytes read in chunks: a file, standard input, memory, or a gzip stream over one of those.
public protocol ByteSource: AnyObject {
    /// Fills up to `buffer.count` bytes; returns 0 at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Bytes consumed from the underlying file so far (compressed bytes for gzip), for progress.
    var consumedBytes: Int64 { get }
}

public struct ByteSourceError: Error, CustomStringConvertible {
    public var description: String
}

public final class FileByteSource: ByteSource {
    private let handle: FileHandle
    private let ownsHandle: Bool
    public private(set) var consumedBytes: Int64 = 0

    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
            throw ByteSourceError(description: "cannot open \(path): \(reason)")
        }
        self.handle = handle
        self.ownsHandle = true
    }

    public init(standardInput: Void = ()) {
        handle = FileHandle.standardInput
        ownsHandle = false
    }

    deinit {
        if ownsHandle { try? handle.close() }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Foundation.read(handle.fileDescriptor, buffer.baseAddress, buffer.count)
            if n >= 0 {
                consumedBytes += Int64(n)
                return n
            }
            if errno == EINTR { continue }
            throw ByteSourceError(description: "read failed: \(String(cString: strerror(errno)))")
        }
    }
}

public final class MemoryByteSource: ByteSource {
    private let data: Data
    private var offset = 0
    public var consumedBytes: Int64 { Int64(offset) }

    public init(_ data: Data) { self.data = data }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, data.count - offset)
        guard n > 0 else { return 0 }
        data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: offset..<(offset + n))
        offset += n
        return n
    }
}

/// Inflates a gzip (or zlib) stream, including concatenated gzip members, through zlib.
public final class GzipByteSource: ByteSource {
    private let upstream: ByteSource
    private var stream = z_stream()
    private var input: UnsafeMutableRawBufferPointer
    private var upstreamDone = false
    private var finished = false

    public var consumedBytes: Int64 { upstream.consumedBytes }

    public init(wrapping upstream: ByteSource) throws {
        self.upstream = upstream
        input = .allocate(byteCount: 256 * 1024, alignment: 1)
        guard winnow_inflate_init_gzip(&stream) == Z_OK else {
            input.deallocate()
            throw ByteSourceError(description: "cannot start gzip decompression")
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(buffer.count)
        while stream.avail_out > 0 {
            if stream.avail_in == 0 && !upstreamDone {
                let n = try upstream.read(into: input)
                if n == 0 { upstreamDone = true } else {
                    stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = uInt(n)
                }
            }
            if stream.avail_in == 0 && upstreamDone {
                let produced = buffer.count - Int(stream.avail_out)
                if produced == 0 {
                    throw ByteSourceError(description: "gzip data ends unexpectedly (truncated file?)")
                }
                return produced
            }
            let status = inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                // Another gzip member may follow (as `cat a.gz b.gz` makes).
                if stream.avail_in > 0 || !upstreamDone {
                    inflateReset(&stream)
                    if stream.avail_in == 0 {
                        let n = try upstream.read(into: input)
                        if n == 0 {
                            upstreamDone = true
                            finished = true
                            return buffer.count - Int(stream.avail_out)
                        }
                        stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                        stream.avail_in = uInt(n)
                    }
                    continue
                }
                finished = true
                return buffer.count - Int(stream.avail_out)
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw ByteSourceError(description: "gzip data is corrupt (\(message))")
            }
        }
        return buffer.count
    }
}
