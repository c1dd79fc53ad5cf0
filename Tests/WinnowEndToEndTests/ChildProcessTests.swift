import Foundation
import XCTest

/// The runner every end-to-end test uses must survive children that write a lot to both pipes.
final class ChildProcessTests: XCTestCase {
    func testAChildChattyOnStderrDoesNotDeadlockTheRunner() throws {
        // Far beyond a pipe's buffer (64 KiB) on stderr before a single byte on stdout.
        let script = "head -c 3000000 /dev/zero | tr '\\0' e >&2; head -c 2000000 /dev/zero | tr '\\0' o; echo; cat"
        let input = Data(repeating: UInt8(ascii: "i"), count: 1_000_000)
        let result = try ChildProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], stdin: input)
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stderr.count, 3_000_000)
        XCTAssertTrue(result.stderr.allSatisfy { $0 == UInt8(ascii: "e") })
        XCTAssertEqual(result.stdout.count, 2_000_000 + 1 + 1_000_000, "stdout whole, then the echoed input")
    }

    func testAChildThatIgnoresItsInputStillFinishes() throws {
        let result = try ChildProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "echo done"],
                                          stdin: Data(repeating: 0, count: 1_000_000))
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(String(decoding: result.stdout, as: UTF8.self), "done\n")
    }
}
