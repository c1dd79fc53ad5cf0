import Foundation
import XCTest
@testable import WinnowTUI

final class ThemeTests: XCTestCase {
    func testShippedThemeFilesMatchTheEmbeddedOnes() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".toml") }.sorted()
        XCTAssertEqual(files, BuiltinThemes.files.map { "\($0.name).toml" }.sorted())
        for builtin in BuiltinThemes.files {
            let text = try String(contentsOf: dir.appendingPathComponent("\(builtin.name).toml"), encoding: .utf8)
            XCTAssertEqual(text, builtin.text, "Themes/\(builtin.name).toml changed: update BuiltinThemes.swift")
        }
    }

    func testEveryThemeParsesWithEveryRole() throws {
        let registry = ThemeRegistry.builtIn()
        XCTAssertEqual(registry.names, ["dusk", "daylight", "contrast", "okabe-ito", "mono"])
        for theme in registry.themes {
            XCTAssertEqual(theme.styles.count, StyleRole.allCases.count, theme.name)
        }
    }

    /// Under NO_COLOR (or a terminal without colour) meaning must survive in attributes alone.
    func testEveryThemeStillDistinguishesMeaningWithoutColour() {
        for theme in ThemeRegistry.builtIn().themes {
            let mono = { (role: StyleRole) in theme.style(role).monochrome }
            XCTAssertNotEqual(mono(.listSelected), mono(.listRow), "\(theme.name): selection")
            XCTAssertNotEqual(mono(.severityS1), mono(.listRow), "\(theme.name): S1")
            XCTAssertNotEqual(mono(.messageError), mono(.statusBar), "\(theme.name): errors")
            XCTAssertNotEqual(mono(.placeholder), mono(.detailText), "\(theme.name): placeholders")
            XCTAssertNotEqual(mono(.match), mono(.detailText), "\(theme.name): search matches")
        }
    }

    /// Snapshot of each theme as an 8-colour and a monochrome terminal would get it.
    func testThemesAtEightColoursAndMonochrome() {
        var out = ""
        for theme in ThemeRegistry.builtIn().themes {
            out += "[\(theme.name)]\n"
            for role in StyleRole.allCases {
                let style = theme.style(role)
                let fg = style.foreground.downgraded(toColors: 8)
                let bg = style.background.downgraded(toColors: 8)
                let m = style.monochrome
                let attrs = [m.bold ? "bold" : nil, m.underline ? "underline" : nil, m.reverse ? "reverse" : nil,
                             m.dim ? "dim" : nil, m.italic ? "italic" : nil].compactMap { $0 }.joined(separator: "+")
                out += "\(role.rawValue): 8-colour fg=\(fg) bg=\(bg); mono \(attrs.isEmpty ? "plain" : attrs)\n"
            }
        }
        assertSnapshot(out, named: "themes-8colour-and-mono")
    }

    func testColourParsingAndDowngrade() {
        XCTAssertEqual(ThemeColor.parse("#ff0000")?.downgraded(toColors: 256), 196)
        XCTAssertEqual(ThemeColor.parse("#ff0000")?.downgraded(toColors: 8), 1)
        XCTAssertEqual(ThemeColor.parse("244")?.downgraded(toColors: 256), 244)
        XCTAssertEqual(ThemeColor.parse("244")?.downgraded(toColors: 8), 7)
        XCTAssertEqual(ThemeColor.parse("#202020")?.downgraded(toColors: 8), 0)
        XCTAssertEqual(ThemeColor.parse("#0000d7")?.downgraded(toColors: 8), 4)
        XCTAssertEqual(ThemeColor.parse("bright_blue")?.downgraded(toColors: 8), 4)
        XCTAssertEqual(ThemeColor.parse("default")?.downgraded(toColors: 256), -1)
        XCTAssertNil(ThemeColor.parse("blurple"))
        XCTAssertNil(ThemeColor.parse("300"))
        XCTAssertNil(ThemeColor.parse("#12345"))
    }

    func testMalformedThemeNamesFileAndLine() {
        let text = "name = \"x\"\n[roles]\n\"base\" = { fg = \"blurple\" }\n"
        XCTAssertThrowsError(try Theme.parse(text, file: "bad.toml")) { error in
            XCTAssertEqual(String(describing: error), "bad.toml:3: role `base`: fg must be a colour name, 0–255 or #rrggbb")
        }
        XCTAssertThrowsError(try Theme.parse("name = \"x\"\n[roles]\n\"lizt.row\" = {}\n", file: "t.toml")) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("t.toml:3: unknown role `lizt.row`"))
        }
        XCTAssertThrowsError(try Theme.parse("name = \"x\"\n[roles\n", file: "t.toml")) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("t.toml:2"), "\(error)")
        }
    }
}
