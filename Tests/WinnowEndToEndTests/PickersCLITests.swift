import Foundation
import XCTest

/// Presets that cannot work stop the binary at start, naming the config file.
final class PickersCLITests: XCTestCase {
    func workspace(_ tmp: TemporaryDirectory, editing edit: (String) -> String) throws -> String {
        let ws = tmp.path("ws")
        XCTAssertEqual(try WinnowBinary.run(["init", ws], home: tmp.url).status, 0)
        let config = try String(contentsOfFile: ws + "/winnow.toml", encoding: .utf8)
        try edit(config).write(toFile: ws + "/winnow.toml", atomically: true, encoding: .utf8)
        return ws
    }

    func testAPresetKeyThatACommandTakesStopsTheQueueAtStart() throws {
        let tmp = try TemporaryDirectory()
        let ws = try workspace(tmp) {
            $0.replacingOccurrences(of: "# move_down = [\"j\", \"down\", \"ctrl-n\"]", with: "move_down = [\"j\", \"1\"]")
        }
        let r = try WinnowBinary.run(["--workspace", ws], home: tmp.url)
        XCTAssertEqual(r.status, 66)
        XCTAssertTrue(r.stderr.contains("\(ws)/winnow.toml: [[preset]] stale-kb: key `1` is the key of `move_down`"), r.stderr)
    }

    func testAPresetOutsideTheTaxonomyStopsEveryCommandWithTheFileAndLine() throws {
        let tmp = try TemporaryDirectory()
        let ws = try workspace(tmp) { $0.replacingOccurrences(of: "reasons = [\"stale\"]\nowner", with: "reasons = [\"tool_error\"]\nowner") }
        let r = try WinnowBinary.run(["stats", "--workspace", ws], home: tmp.url)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("\(ws)/winnow.toml:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("preset stale-kb: reason `tool_error` is not a code of locus knowledge (its codes: stale, contradictory_sources)"),
                      r.stderr)
    }
}
