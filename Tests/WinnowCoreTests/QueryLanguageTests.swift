import XCTest
@testable import WinnowCore

final class QueryLanguageTests: XCTestCase {
    func testClusterTakesAnItemID() throws {
        let query = try FilterQuery.parse("cluster:42 -cluster:7 severity:S1")
        XCTAssertEqual(query.terms, [FilterQuery.Term(field: .cluster, value: "42"),
                                     FilterQuery.Term(field: .cluster, value: "7", negated: true),
                                     FilterQuery.Term(field: .severity, value: "S1")])
        XCTAssertEqual(query.canonicalText, "cluster:42 -cluster:7 severity:S1")
        for bad in ["cluster:abc", "cluster:0", "cluster:4*", "cluster:-3"] {
            XCTAssertThrowsError(try FilterQuery.parse(bad), bad) { error in
                XCTAssertEqual((error as? FilterQuery.ParseError)?.message, "`cluster:` needs an item id, e.g. cluster:42", bad)
            }
        }
    }
}
