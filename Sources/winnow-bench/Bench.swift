import ArgumentParser
import Foundation
import WinnowCore

@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow-bench",
        abstract: "Winnow's speed and memory benchmarks. Build in release: swift run -c release winnow-bench …",
        discussion: "Each figure is printed beside a reference measured in the same run, as a ratio.",
        subcommands: [ImportBench.self, TUIBench.self, AuditBench.self, ActionsBench.self, ReviewBench.self, FuzzBench.self, StressBench.self,
                      AgreementBench.self, StressReviewer.self, DupesBench.self, DupesSpeedBench.self,
                      ExportBench.self, SpikesBench.self]
    )
}

/// Process-wide resource figures.
enum Resources {
    /// Peak resident memory of this process so far, in MB.
    static var peakMB: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// Current resident memory in MB (from /proc), to show what a phase itself holds.
    static var currentMB: Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let pages = text.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// CPU seconds this process has used so far, user and system, all threads. On a shared
    /// machine, CPU time says what a phase costs when wall time says how busy the others were.
    static var cpuSeconds: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The 1-, 5- and 15-minute load averages: how busy the shared machine was around a run.
    static var loadAverage: String {
        var loads = [Double](repeating: 0, count: 3)
        guard getloadavg(&loads, 3) == 3 else { return "unknown" }
        return loads.map { String(format: "%.2f", $0) }.joined(separator: " ")
    }
}

func formatRate(_ value: Double) -> String { NumberFormat.grouped(Int(value.rounded())) }

func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// A duration in milliseconds, aligned for the benchmarks' tables.
func ms(_ seconds: Double) -> String { String(format: "%7.2f ms", seconds * 1000) }

/// Percentiles of a set of timings, in seconds.
struct Stats {
    let p50: Double
    let p99: Double
    let max: Double
    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        p50 = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
        max = sorted.last ?? 0
    }
}
