import CNcursesw

/// Terminal display width of text, by grapheme cluster: a cluster is as wide as its base scalar
/// (wcwidth), emoji presentation and emoji sequences are 2 columns, combining marks add nothing.
public enum DisplayWidth {
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x80 { return first.value >= 0x20 && first.value != 0x7F ? 1 : 0 }
        if scalars.count > 1 {
            // Emoji presentation selector or a ZWJ / skin-tone sequence: rendered as one wide glyph.
            if scalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x200D || (0x1F3FB...0x1F3FF).contains($0.value) }),
               first.properties.isEmoji {
                return 2
            }
        }
        if first.properties.isEmojiPresentation { return 2 }
        let w = Int(winnow_wcwidth(wchar_t(bitPattern: first.value)))
        if w >= 0 { return w }
        return fallbackWidth(first)
    }

    public static func of(_ text: Substring) -> Int { text.reduce(0) { $0 + of($1) } }
    public static func of(_ text: String) -> Int { text.reduce(0) { $0 + of($1) } }

    /// When the C library's tables do not know a scalar (or the locale is not UTF-8),
    /// East Asian wide ranges are 2 and the rest 1.
    static func fallbackWidth(_ s: Unicode.Scalar) -> Int {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        case 0x0300...0x036F, 0x200B...0x200F:
            return 0
        default:
            return 1
        }
    }
}
