import Foundation
import XCTest
@testable import WinnowTUI

final class ReadmeKeysTests: XCTestCase {
    /// The README's key table is generated from the command registry; this keeps it from drifting.
    func testReadmeKeyTableMatchesTheRegistry() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: "<!-- keys:start -->\n"))
        let end = try XCTUnwrap(text.range(of: "<!-- keys:end -->"))
        XCTAssertEqual(String(text[start.upperBound..<end.lowerBound]), KeyReference.markdown(),
                       "regenerate the README's Keys section with `swift run winnow docs-keys`")
    }
}
