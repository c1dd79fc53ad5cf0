import Foundation

/// Python's datasketch as usually used for near duplicates, run on the same texts in the same run:
/// MinHash (`MinHash.bulk`, 128 permutations) of the lowercased text's whitespace tokens, every
/// text inserted in a `MinHashLSH` at the threshold, then every text queried; its query results
/// are its suggestions. Timed from the first hash to the last query, inside Python (the JSON
/// hand-over is not counted).
enum DatasketchReference {
    static let permutations = 128
    static let installHint = "pip install --user datasketch (or pip install --break-system-packages datasketch)"

    /// The suggested pairs and the seconds taken; nil when python3 or the package is missing.
    static func run(_ texts: [String], threshold: Double) throws -> (pairs: Set<Pair>, seconds: Double)? {
        let script = """
            import json, sys, time
            try:
                from datasketch import MinHash, MinHashLSH
            except ImportError:
                sys.exit(3)
            path, threshold, num_perm = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
            texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
            start = time.perf_counter()
            hashes = MinHash.bulk([[t.encode("utf-8") for t in text.lower().split()] for text in texts], num_perm=num_perm)
            lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
            for i, m in enumerate(hashes):
                lsh.insert(i, m)
            pairs = set()
            for i, m in enumerate(hashes):
                for j in lsh.query(m):
                    if j != i:
                        pairs.add((min(i, j), max(i, j)))
            elapsed = time.perf_counter() - start
            print(json.dumps({"seconds": elapsed, "pairs": sorted(pairs)}))
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-bench-dupes-\(getpid()).jsonl")
        var lines = ""
        for text in texts {
            let data = try JSONSerialization.data(withJSONObject: ["text": text])
            lines += String(decoding: data, as: UTF8.self) + "\n"
        }
        try lines.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path, String(threshold), String(permutations)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let seconds = object["seconds"] as? Double, let raw = object["pairs"] as? [[Int]] else { return nil }
        return (Set(raw.map { Pair($0[0], $0[1]) }), seconds)
    }
}
