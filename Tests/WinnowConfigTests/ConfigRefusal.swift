import XCTest
@testable import WinnowConfig

extension XCTestCase {
    /// What parsing `text` as a winnow.toml refuses it with; a test failure when it is accepted.
    func parseError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try WorkspaceConfig.parse(text)
            XCTFail("the config was accepted", file: file, line: line)
            return ""
        } catch {
            return String(describing: error)
        }
    }
}
