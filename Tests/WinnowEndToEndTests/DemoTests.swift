import Foundation
import XCTest

/// The demo workspace on a fresh machine: `winnow` with no workspace and no reviewer name creates
/// it for the login name (which is on nobody's roster yet) and opens the queue; its QA history
/// is there for the rounds and disputes commands.
final class DemoTests: XCTestCase {
    func testFirstStartOpensTheQueueForTheLoginName() throws {
        let home = try TemporaryDirectory()
        let binary = try WinnowBinary.located().path
        // WINNOW_REVIEWER empty: the login name, as on a machine where nobody set it.
        let session = try TmuxSession(width: 100, height: 30, command: TmuxSession.quote(binary),
                                      environment: ["HOME": home.url.path, "WINNOW_REVIEWER": "", "NO_COLOR": "", "WINNOW_WORKSPACE": "",
                                                    "XDG_DATA_HOME": ""],
                                      afterExit: "")
        let screen = try session.waitFor("1 of 1,800", timeout: 30)
        XCTAssertTrue(screen.contains("Ledgerly support (demo)"), screen)
        XCTAssertTrue(screen.contains("SIGNAL"), "the first screen is the queue:\n\(screen)")
        XCTAssertFalse(screen.contains("single-user"), "the demo has a roster:\n\(screen)")
        try session.press("Q")
        _ = try session.waitFor("EXITED:0")
    }

    func testQAHistoryIsThereForTheLoginNameAndTheTeam() throws {
        let home = try TemporaryDirectory()
        var r = try WinnowBinary.run(["round", "list"], home: home.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("qa-support-nov16  closed"), r.stdout)
        XCTAssertTrue(r.stdout.contains("40/40 items complete"), r.stdout)
        XCTAssertTrue(r.stdout.contains("qa-support-nov30  open"), r.stdout)

        // The login name created the demo, so it is on the roster and has items waiting.
        r = try WinnowBinary.run(["round", "queue"], home: home.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("qa-support-nov30  #"), r.stdout)
        XCTAssertTrue(r.stdout.contains("judge faithfulness"), r.stdout)

        r = try WinnowBinary.run(["dispute", "list"], home: home.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("round qa-support-nov16"), r.stdout)
        XCTAssertTrue(r.stdout.contains("raised in triage  opened by kwame"), r.stdout)

        // A name nobody listed is refused with the roster to choose from, and changes nothing.
        r = try WinnowBinary.run(["queue", "--reviewer", "stranger"], home: home.url)
        XCTAssertEqual(r.status, 77, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("maya"), r.stderr)
    }
}
