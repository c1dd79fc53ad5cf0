import Foundation
import XCTest
import WinnowCore
@testable import WinnowStore

final class ReliabilityCSVTests: XCTestCase {
    func read(_ text: String, numeric: Bool = false) throws -> ReliabilityCSV {
        try ReliabilityCSV.read(source: MemoryByteSource(Data(text.utf8)), numeric: numeric)
    }

    func problems(_ text: String, numeric: Bool = false) -> [ReliabilityCSVError.Problem] {
        do {
            _ = try read(text, numeric: numeric)
            return []
        } catch let error as ReliabilityCSVError {
            return error.problems
        } catch {
            return [.init(line: 0, reason: "\(error)")]
        }
    }

    func testHeaderNamesRatersAndEmptyCellsAreMissing() throws {
        let csv = try read("ana,ben,\"cy, jr\"\nS1,S2,\n\n ,S3,\"S3\"\n")
        XCTAssertEqual(csv.data.raters, ["ana", "ben", "cy, jr"])
        XCTAssertEqual(csv.data.units, [["S1", "S2", nil], [nil, "S3", "S3"]])
        XCTAssertEqual(csv.lines, [2, 4], "the blank line is skipped but lines keep counting")
    }

    func testNumbersAtIntervalLevel() throws {
        let csv = try read("a,b\n1,2.5\n,4\n", numeric: true)
        XCTAssertEqual(csv.numbers.count, 4)
        XCTAssertEqual(csv.numbers[1], 2.5)
        XCTAssertTrue(csv.numbers[2].isNaN)
    }

    func testEveryBadRowIsReportedWithItsLine() {
        let found = problems("a,b\n1,2\n1,2,3\n4,x\n5\n", numeric: true)
        XCTAssertEqual(found.map(\.line), [3, 4, 5])
        XCTAssertEqual(found[0].reason, "CSV row has 3 columns, the header has 2")
        XCTAssertEqual(found[1].reason, "`x` (rater b) is not a number, and interval or ratio data needs numbers")
        XCTAssertEqual(problems("a,b\n4,x\n"), [], "labels are fine at nominal level")
        XCTAssertEqual(problems("a,a,\n").map(\.reason), ["the header names no rater in column 3", "the header names rater `a` twice"])
        XCTAssertEqual(problems("").map(\.line), [1])
        XCTAssertEqual(problems("a,b\n\"open,1\n").map(\.reason), ["CSV quoted field is never closed"])
    }
}
