/// Counts as people read them: 1,234,567 (locale-independent, so output is stable in tests and logs).
public enum NumberFormat {
    public static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude).reversed())
        var out: [Character] = []
        for (i, ch) in digits.enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + String(out.reversed())
    }
}
