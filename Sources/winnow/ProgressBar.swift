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
        guard due() else { return }
        let rate = p.elapsed > 0 ? Double(p.lines) / p.elapsed : 0
        if let total = p.totalBytes, total > 0 {
            let fraction = min(1, Double(p.bytesRead) / Double(total))
            draw(Self.bar(fraction) + "\(StatsReport.group(p.lines)) lines  \(StatsReport.group(Int(rate)))/s  "
                + "ETA \(Self.clock(Self.remaining(fraction, elapsed: p.elapsed)))")
        } else {
            draw("\(StatsReport.group(p.lines)) lines  \(StatsReport.group(Int(rate)))/s  \(Self.clock(p.elapsed))")
        }
    }

    /// Progress counted in things (items, say) rather than bytes read.
    func update(done: Int, of total: Int, unit: String, elapsed: Double) {
        guard due() else { return }
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        draw(Self.bar(fraction) + "\(StatsReport.group(done)) of \(StatsReport.group(total)) \(unit)  "
            + "\(StatsReport.group(Int(rate)))/s  ETA \(Self.clock(Self.remaining(fraction, elapsed: elapsed)))")
    }

    /// At most ten redraws a second: a terminal slower than the work must not slow it down.
    private func due() -> Bool {
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.1 else { return false }
        lastDraw = Date()
        return true
    }

    private func draw(_ text: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(SafeText.line(String(label.suffix(30))))  \(text)".utf8))
        drawn = true
    }

    private static func bar(_ fraction: Double) -> String {
        let width = 24
        let filled = Int(fraction * Double(width))
        return "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "] "
            + String(format: "%3.0f%%  ", fraction * 100)
    }

    private static func remaining(_ fraction: Double, elapsed: Double) -> Double {
        fraction > 0 ? elapsed / fraction - elapsed : 0
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
