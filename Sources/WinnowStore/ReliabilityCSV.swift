import Foundation
import WinnowCore

/// Reliability data from a plain CSV: the header row names the raters, each further row is one
/// unit, an empty cell is a missing judgment, and a value is a category label or a number.
/// Records come from the import's `CSVRecordReader`, so quoting and line numbers work the same.
public struct ReliabilityCSV: Sendable {
    public let data: ReliabilityData<String>
    /// The line each unit starts on, for messages about a unit.
    public let lines: [Int]

    /// Reads a file; with `numeric`, every value must be a finite number (interval or ratio data).
    /// Every bad row is reported, each with its line and the reason; none is dropped silently.
    public static func read(path: String, numeric: Bool) throws -> ReliabilityCSV {
        try read(source: FileByteSource(path: path), numeric: numeric)
    }

    public static func read(source: ByteSource, numeric: Bool) throws -> ReliabilityCSV {
        let reader = CSVRecordReader(lines: LineReader(source: source, maxLineBytes: 1 << 20), maxRecordBytes: 1 << 20)
        var raters: [String]?
        var rows: [[String]] = []
        var lines: [Int] = []
        var problems: [ReliabilityCSVError.Problem] = []
        while let record = try reader.next() {
            switch record {
            case .rejected(let reason, let line, _):
                problems.append(.init(line: line, reason: reason.description))
            case .fields(let fields, let line):
                guard let header = raters else {
                    let names = fields.map { $0.trimmingCharacters(in: .whitespaces) }
                    if let blank = names.firstIndex(where: \.isEmpty) {
                        problems.append(.init(line: line, reason: "the header names no rater in column \(blank + 1)"))
                    }
                    var seen: Set<String> = []
                    for name in names where !name.isEmpty && !seen.insert(name).inserted {
                        problems.append(.init(line: line, reason: "the header names rater `\(name)` twice"))
                    }
                    raters = names
                    continue
                }
                guard fields.count == header.count else {
                    problems.append(.init(line: line, reason: RejectReason.csvColumnCount(expected: header.count, found: fields.count).description))
                    continue
                }
                if numeric {
                    let bad = fields.enumerated().first { _, cell in
                        let trimmed = cell.trimmingCharacters(in: .whitespaces)
                        return !trimmed.isEmpty && !(Double(trimmed)?.isFinite ?? false)
                    }
                    if let (column, cell) = bad {
                        problems.append(.init(line: line, reason: "`\(cell)` (rater \(header[column])) is not a number, "
                                              + "and interval or ratio data needs numbers"))
                        continue
                    }
                }
                rows.append(fields)
                lines.append(line)
            }
        }
        guard let raters else { throw ReliabilityCSVError(problems: [.init(line: 1, reason: "the file is empty: a header row naming the raters comes first")]) }
        guard problems.isEmpty else { throw ReliabilityCSVError(problems: problems) }
        return ReliabilityCSV(data: try ReliabilityData.fromCodes(raters: raters, rows: rows), lines: lines)
    }

    /// The values as numbers, unit by unit with NaN for a missing value, for data read `numeric`.
    public var numbers: [Double] {
        data.units.flatMap { unit in unit.map { $0.flatMap(Double.init) ?? .nan } }
    }
}

/// Why a reliability CSV was refused: every bad row, by line.
public struct ReliabilityCSVError: Error, CustomStringConvertible, Equatable {
    public struct Problem: Equatable, Sendable {
        public let line: Int
        public let reason: String
    }
    public let problems: [Problem]

    public var description: String {
        problems.map { "line \($0.line): \($0.reason)" }.joined(separator: "\n")
    }
}
