import Foundation

/// Why a rejects file cannot be used; the import has written nothing to it.
public enum RejectsFileError: Error, CustomStringConvertible, Equatable {
    case isAnInput(path: String, input: String)
    case exists(path: String)
    case cannotCreate(path: String, reason: String)

    public var description: String {
        switch self {
        case .isAnInput(let path, let input):
            "--rejects \(path) is the input being imported (\(input)); name a new file for the rejected lines"
        case .exists(let path):
            "--rejects \(path) already exists, and Winnow never overwrites a file; name a new file or remove that one"
        case .cannotCreate(let path, let reason):
            "cannot create the rejects file \(path): \(reason)"
        }
    }

    /// Checks a rejects file named by the user before anything is imported: it must not exist,
    /// and in particular must not be one of `inputs` under another name (a link, `./`, `..`),
    /// which is told by device and inode. `-` stands for standard input.
    public static func check(_ path: String, inputs: [String]) -> RejectsFileError? {
        var target = stat()
        guard stat(path, &target) == 0 else {
            // A dangling symbolic link exists too, and creating through it would write elsewhere.
            var link = stat()
            return lstat(path, &link) == 0 ? .exists(path: path) : nil
        }
        for input in inputs {
            var source = stat()
            let found = input == "-" ? fstat(STDIN_FILENO, &source) == 0 : stat(input, &source) == 0
            if found, source.st_dev == target.st_dev, source.st_ino == target.st_ino {
                return .isAnInput(path: path, input: input == "-" ? "standard input" : input)
            }
        }
        return .exists(path: path)
    }
}

/// Writes rejected lines. The file is created on the first rejection only, so a clean import
/// leaves nothing behind, and it is created exclusively: an existing file is never truncated.
final class RejectsWriter {
    enum OnExisting {
        /// The user named the file: an existing one is an error.
        case refuse
        /// Winnow named it: an existing one (two imports of one name in one second) gets a sibling
        /// `NAME-2.rejects.jsonl`, and the summary names the file written.
        case pickNewName
    }

    private let url: URL?
    private let onExisting: OnExisting
    private var handle: FileHandle?
    private(set) var writtenURL: URL?

    init(url: URL?, onExisting: OnExisting = .refuse) {
        self.url = url
        self.onExisting = onExisting
    }

    func write(_ rejection: ImportRejection, encoder: JSONEncoder) throws {
        guard let url else { return }
        if handle == nil { handle = try create(url) }
        var data = try encoder.encode(rejection)
        data.append(10)
        handle?.write(data)
    }

    private func create(_ url: URL) throws -> FileHandle {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var candidate = url
        for attempt in 2...1_000 {
            let fd = open(candidate.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 {
                writtenURL = candidate
                return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            }
            guard errno == EEXIST else {
                throw RejectsFileError.cannotCreate(path: candidate.path, reason: String(cString: strerror(errno)))
            }
            guard onExisting == .pickNewName else { throw RejectsFileError.exists(path: candidate.path) }
            candidate = Self.sibling(of: url, number: attempt)
        }
        throw RejectsFileError.exists(path: candidate.path)
    }

    /// `NAME.rejects.jsonl` → `NAME-2.rejects.jsonl`.
    static func sibling(of url: URL, number: Int) -> URL {
        let name = url.lastPathComponent
        let suffix = ".rejects.jsonl"
        let stem = name.hasSuffix(suffix) ? String(name.dropLast(suffix.count)) : name
        return url.deletingLastPathComponent().appendingPathComponent("\(stem)-\(number)\(name.hasSuffix(suffix) ? suffix : "")")
    }

    func close() {
        try? handle?.close()
        handle = nil
    }
}
