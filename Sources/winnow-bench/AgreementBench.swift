import ArgumentParser
import Foundation
import WinnowCore
import WinnowDemoData

/// Krippendorff's alpha on a large round, beside the `krippendorff` Python package (NumPy) on
/// the same numbers in the same run: the time of each, their ratio, and how far apart the values are.
struct AgreementBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Krippendorff's α on N items × 3 reviewers × 5 dimensions at every level; reference: Python's krippendorff package."
    )

    @Option(help: "Items in the round.")
    var units = 100_000

    @Option(help: "Reviewers per item.")
    var raters = 3

    @Option(help: "Share of judgments missing, in percent.")
    var missing = 10

    @Option(help: "Seed of the generated scores.")
    var seed: UInt64 = 1

    @Option(help: "Timed runs of each side per figure; the fastest counts.")
    var repeats = 5

    /// One rubric dimension's scores: how a reviewer's score spreads around the item's true one.
    struct Dimension {
        let name: String
        /// The true score's distribution, as weights of the levels `1...weights.count` (or 0/1 for pass/fail).
        let weights: [Int]
        let passFail: Bool
        /// Percent of judgments off the true score by one level (or flipped, for pass/fail).
        let noise: Int
    }

    static let dimensions = [
        // Ordinal 1–5, skewed to the top as QA scores of a decent assistant are.
        Dimension(name: "faithfulness", weights: [4, 8, 15, 33, 40], passFail: false, noise: 25),
        Dimension(name: "completeness", weights: [3, 10, 22, 35, 30], passFail: false, noise: 30),
        Dimension(name: "citation_quality", weights: [10, 15, 25, 30, 20], passFail: false, noise: 35),
        // Pass/fail, mostly pass, coded fail 0 and pass 1.
        Dimension(name: "access_correctness", weights: [8, 92], passFail: true, noise: 6),
        Dimension(name: "action_validity", weights: [70, 20, 10], passFail: false, noise: 15),
    ]

    func run() throws {
        print("Krippendorff's α: \(NumberFormat.grouped(units)) items × \(raters) reviewers × \(Self.dimensions.count) dimensions, "
              + "\(missing)% missing, seed \(seed); load average \(Resources.loadAverage)")
        var generator = SplitMix64(seed: seed)
        let tables = Self.dimensions.map { ($0, generate($0, &generator)) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-bench-agreement-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (dimension, values) in tables {
            let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
            try data.write(to: directory.appendingPathComponent(dimension.name + ".f64"))
        }
        let python = try runPython(directory: directory)
        if python == nil {
            print("Python's krippendorff package is missing: pip install --user krippendorff "
                  + "(or pip install --break-system-packages krippendorff); Winnow's side alone follows.")
        }

        print("\n  dimension            level       Winnow α        Winnow     Python   ratio   |Δα|")
        var winnowTotal = 0.0, pythonTotal = 0.0, maxDifference = 0.0
        for (dimension, values) in tables {
            for level in MeasurementLevel.allCases {
                let (alpha, best) = fastest(values, level)
                winnowTotal += best
                var line = "  " + dimension.name.padding(toLength: 20, withPad: " ", startingAt: 0) + " "
                    + level.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                    + String(format: " %12.9f", alpha ?? .nan) + "  " + ms(best)
                if let reference = python?[dimension.name + "/" + level.rawValue] {
                    pythonTotal += reference.seconds
                    let difference = abs((alpha ?? .nan) - reference.value)
                    maxDifference = max(maxDifference, difference.isNaN ? .infinity : difference)
                    line += " " + ms(reference.seconds) + String(format: " %6.1f×  %.1e", reference.seconds / best, difference)
                }
                print(line)
            }
        }
        print("\n  all \(Self.dimensions.count * MeasurementLevel.allCases.count) figures: Winnow \(ms(winnowTotal).trimmingCharacters(in: .whitespaces))", terminator: "")
        if python != nil {
            print(", Python \(ms(pythonTotal).trimmingCharacters(in: .whitespaces)): "
                  + String(format: "%.1f× faster; largest difference in α %.1e (%@ 1e-9)", pythonTotal / winnowTotal, maxDifference,
                           maxDifference <= 1e-9 ? "within" : "NOT within"))
        } else {
            print()
        }
    }

    /// Winnow's alpha and the fastest of `repeats` timed runs.
    func fastest(_ values: [Double], _ level: MeasurementLevel) -> (alpha: Double?, seconds: Double) {
        var best = Double.infinity
        var alpha: Double?
        for _ in 0..<max(1, repeats) {
            let (figure, seconds) = measure { Agreement.krippendorffAlpha(numbers: values, raterCount: raters, level: level) }
            alpha = figure.value
            best = min(best, seconds)
        }
        return (alpha, best)
    }

    /// Scores laid out item by item (NaN where a reviewer gave none): each item has a true score
    /// drawn from the dimension's distribution, and each reviewer misses it by a level now and then.
    func generate(_ dimension: Dimension, _ generator: inout SplitMix64) -> [Double] {
        let total = dimension.weights.reduce(0, +)
        let levels = dimension.weights.count
        var values = [Double](repeating: .nan, count: units * raters)
        for unit in 0..<units {
            var draw = generator.below(total), truth = 0
            while draw >= dimension.weights[truth] { draw -= dimension.weights[truth]; truth += 1 }
            for rater in 0..<raters {
                if generator.percent(missing) { continue }
                var score = truth
                if generator.percent(dimension.noise) {
                    score = dimension.passFail ? 1 - truth : min(levels - 1, max(0, truth + (generator.percent(50) ? 1 : -1)))
                }
                values[unit * raters + rater] = Double(dimension.passFail ? score : score + 1)
            }
        }
        return values
    }

    struct PythonFigure {
        let value: Double
        let seconds: Double
    }

    /// Runs the reference on the files just written; nil when python3 or the package is missing.
    func runPython(directory: URL) throws -> [String: PythonFigure]? {
        let script = """
            import json, sys, time
            import numpy as np
            try:
                import krippendorff
            except ImportError:
                sys.exit(3)
            directory, raters, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
            for name in sys.argv[4:]:
                data = np.fromfile(f"{directory}/{name}.f64", dtype=np.float64).reshape(-1, raters).T.copy()
                for level in ("nominal", "ordinal", "interval", "ratio"):
                    best = float("inf")
                    for _ in range(repeats):
                        start = time.perf_counter()
                        value = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
                        best = min(best, time.perf_counter() - start)
                    print(json.dumps({"key": f"{name}/{level}", "value": float(value), "seconds": best}), flush=True)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, directory.path, String(raters), String(repeats)]
            + Self.dimensions.map(\.name)
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        var figures: [String: PythonFigure] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let key = object["key"] as? String, let value = object["value"] as? Double,
                  let seconds = object["seconds"] as? Double else { continue }
            figures[key] = PythonFigure(value: value, seconds: seconds)
        }
        return figures
    }
}
