import Foundation
import WinnowCore
import WinnowStore

/// A one-line progress bar with rate and ETA on a terminal's stderr; silent in a pipe.
final class ProgressBar {
    private let enabled: Bool
    private let label: String
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool, label: String) {
        self.enabled = enabled
        self.label = label
    }

    func update(_ p: ImportProgress) {
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = Date()
        let rate = p.elapsed > 0 ? Double(p.lines) / p.elapsed : 0
        var text = ""
        if let total = p.totalBytes, total > 0 {
            let fraction = min(1, Double(p.bytesRead) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            let eta = fraction > 0 ? p.elapsed / fraction - p.elapsed : 0
            text = "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "] "
            text += String(format: "%3.0f%%  ", fraction * 100)
            text += "\(StatsReport.group(p.lines)) lines  \(StatsReport.group(Int(rate)))/s  ETA \(Self.clock(eta))"
        } else {
            text = "\(StatsReport.group(p.lines)) lines  \(StatsReport.group(Int(rate)))/s  \(Self.clock(p.elapsed))"
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(SafeText.line(String(label.suffix(30))))  \(text)".utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }

    static func clock(_ seconds: Double) -> String {
        // An estimate from the first few bytes of a huge input can be absurd; it is not a time to print.
        guard seconds.isFinite, seconds >= 0, seconds < 1e7 else { return "--:--" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String(format: "%d:%02d", s / 60, s % 60)
    }
}
