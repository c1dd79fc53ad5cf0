// The shipped themes, embedded so the binary works wherever it is installed.
// Their text is the files in Themes/ verbatim; a test checks the two agree.
enum BuiltinThemes {
    static let files: [(name: String, text: String)] = [
        ("dusk", #"""
name = "dusk"
description = "Dark default: calm blues, warm severities"

[roles]
"base" = { fg = "default", bg = "default" }
"header" = { fg = "#d0d0d0", bg = "#262626" }
"header.title" = { fg = "#87afd7", bg = "#262626", attrs = ["bold"] }
"border" = { fg = "#585858" }
"list.header" = { fg = "#87afd7", attrs = ["bold", "underline"] }
"list.row" = { fg = "#d0d0d0" }
"list.selected" = { fg = "#1c1c1c", bg = "#87afd7", attrs = ["bold"] }
"list.marked" = { fg = "#ffd787", attrs = ["bold"] }
"list.closed" = { fg = "#808080" }
"detail.heading" = { fg = "#87afd7", attrs = ["bold", "underline"] }
"detail.label" = { fg = "#a8a8a8" }
"detail.text" = { fg = "#d0d0d0" }
"detail.correction" = { fg = "#afd7af" }
"detail.dim" = { fg = "#8a8a8a" }
"severity.s1" = { fg = "#ff5f5f", attrs = ["bold"] }
"severity.s2" = { fg = "#ffaf5f", attrs = ["bold"] }
"severity.s3" = { fg = "#d7d787" }
"severity.s4" = { fg = "#87afaf" }
"severity.unset" = { fg = "#808080", attrs = ["dim"] }
"signal.explicit_correction" = { fg = "#ff8787", attrs = ["bold"] }
"signal.agent_escalation" = { fg = "#ff87af", attrs = ["bold"] }
"signal.csat" = { fg = "#d7af87" }
"signal.thumbs_up" = { fg = "#87d787" }
"signal.thumbs_down" = { fg = "#ffaf87" }
"signal.session_abandon" = { fg = "#af87d7" }
"signal.rephrase" = { fg = "#87d7d7" }
"status.open" = { fg = "#87d7af" }
"status.closed" = { fg = "#808080", attrs = ["dim"] }
"claim" = { fg = "#d7afff", attrs = ["italic"] }
"tool.failed" = { fg = "#ff5f5f", attrs = ["bold"] }
"tool.ok" = { fg = "#87af87" }
"diff.added" = { fg = "#afffaf", bg = "#264026", attrs = ["bold"] }
"diff.removed" = { fg = "#ffafaf", bg = "#402626", attrs = ["dim"] }
"match" = { fg = "#1c1c1c", bg = "#ffd75f", attrs = ["bold"] }
"placeholder" = { fg = "#1c1c1c", bg = "#d787d7", attrs = ["bold"] }
"status.bar" = { fg = "#bcbcbc", bg = "#303030" }
"status.key" = { fg = "#ffd787", bg = "#303030", attrs = ["bold"] }
"status.hint" = { fg = "#9e9e9e", bg = "#303030" }
"message.info" = { fg = "#87d7ff", bg = "#303030" }
"message.error" = { fg = "#ffffff", bg = "#af0000", attrs = ["bold"] }
"input" = { fg = "#eeeeee", bg = "#262626" }
"overlay" = { fg = "#d0d0d0", bg = "#1c1c1c" }
"overlay.title" = { fg = "#87afd7", bg = "#1c1c1c", attrs = ["bold", "underline"] }
"overlay.key" = { fg = "#ffd787", bg = "#1c1c1c", attrs = ["bold"] }
"overlay.selected" = { fg = "#1c1c1c", bg = "#87afd7", attrs = ["bold"] }

"""#),
        ("daylight", #"""
name = "daylight"
description = "Light background: dark inks, soft tinted bars"

[roles]
"base" = { fg = "#1c1c1c", bg = "default" }
"header" = { fg = "#262626", bg = "#d7d7d7" }
"header.title" = { fg = "#005f87", bg = "#d7d7d7", attrs = ["bold"] }
"border" = { fg = "#a8a8a8" }
"list.header" = { fg = "#005f87", attrs = ["bold", "underline"] }
"list.row" = { fg = "#262626" }
"list.selected" = { fg = "#ffffff", bg = "#005f87", attrs = ["bold"] }
"list.marked" = { fg = "#875f00", bg = "#ffffd7", attrs = ["bold"] }
"list.closed" = { fg = "#8a8a8a" }
"detail.heading" = { fg = "#005f87", attrs = ["bold", "underline"] }
"detail.label" = { fg = "#585858" }
"detail.text" = { fg = "#1c1c1c" }
"detail.correction" = { fg = "#005f00" }
"detail.dim" = { fg = "#808080" }
"severity.s1" = { fg = "#af0000", attrs = ["bold"] }
"severity.s2" = { fg = "#af5f00", attrs = ["bold"] }
"severity.s3" = { fg = "#875f00" }
"severity.s4" = { fg = "#005f5f" }
"severity.unset" = { fg = "#8a8a8a" }
"signal.explicit_correction" = { fg = "#af0000", attrs = ["bold"] }
"signal.agent_escalation" = { fg = "#af005f", attrs = ["bold"] }
"signal.csat" = { fg = "#875f00" }
"signal.thumbs_up" = { fg = "#005f00" }
"signal.thumbs_down" = { fg = "#af5f00" }
"signal.session_abandon" = { fg = "#5f00af" }
"signal.rephrase" = { fg = "#005f87" }
"status.open" = { fg = "#005f5f", attrs = ["bold"] }
"status.closed" = { fg = "#8a8a8a" }
"claim" = { fg = "#5f00af", attrs = ["italic"] }
"tool.failed" = { fg = "#af0000", attrs = ["bold"] }
"tool.ok" = { fg = "#005f00" }
"diff.added" = { fg = "#005f00", bg = "#d7ffd7", attrs = ["bold"] }
"diff.removed" = { fg = "#870000", bg = "#ffd7d7" }
"match" = { fg = "#000000", bg = "#ffd75f", attrs = ["bold"] }
"placeholder" = { fg = "#ffffff", bg = "#870087", attrs = ["bold"] }
"status.bar" = { fg = "#262626", bg = "#d0d0d0" }
"status.key" = { fg = "#005f87", bg = "#d0d0d0", attrs = ["bold"] }
"status.hint" = { fg = "#4e4e4e", bg = "#d0d0d0" }
"message.info" = { fg = "#005f87", bg = "#d0d0d0" }
"message.error" = { fg = "#ffffff", bg = "#af0000", attrs = ["bold"] }
"input" = { fg = "#000000", bg = "#eeeeee" }
"overlay" = { fg = "#1c1c1c", bg = "#eeeeee" }
"overlay.title" = { fg = "#005f87", bg = "#eeeeee", attrs = ["bold", "underline"] }
"overlay.key" = { fg = "#875f00", bg = "#eeeeee", attrs = ["bold"] }
"overlay.selected" = { fg = "#ffffff", bg = "#005f87", attrs = ["bold"] }

"""#),
        ("contrast", #"""
name = "contrast"
description = "High contrast: pure black and white, a few saturated colours, heavy bold"

[roles]
"base" = { fg = "#ffffff", bg = "#000000" }
"header" = { fg = "#000000", bg = "#ffffff", attrs = ["bold"] }
"header.title" = { fg = "#000000", bg = "#ffffff", attrs = ["bold", "underline"] }
"border" = { fg = "#ffffff", bg = "#000000" }
"list.header" = { fg = "#ffffff", bg = "#000000", attrs = ["bold", "underline"] }
"list.row" = { fg = "#ffffff", bg = "#000000" }
"list.selected" = { fg = "#000000", bg = "#ffff00", attrs = ["bold"] }
"list.marked" = { fg = "#00ffff", bg = "#000000", attrs = ["bold", "underline"] }
"list.closed" = { fg = "#bcbcbc", bg = "#000000", attrs = ["italic"] }
"detail.heading" = { fg = "#ffff00", bg = "#000000", attrs = ["bold", "underline"] }
"detail.label" = { fg = "#ffffff", bg = "#000000", attrs = ["bold"] }
"detail.text" = { fg = "#ffffff", bg = "#000000" }
"detail.correction" = { fg = "#00ff00", bg = "#000000", attrs = ["bold"] }
"detail.dim" = { fg = "#bcbcbc", bg = "#000000" }
"severity.s1" = { fg = "#ffffff", bg = "#d70000", attrs = ["bold"] }
"severity.s2" = { fg = "#ff0000", bg = "#000000", attrs = ["bold", "underline"] }
"severity.s3" = { fg = "#ffff00", bg = "#000000", attrs = ["bold"] }
"severity.s4" = { fg = "#ffffff", bg = "#000000" }
"severity.unset" = { fg = "#bcbcbc", bg = "#000000", attrs = ["italic"] }
"signal.explicit_correction" = { fg = "#ff0000", bg = "#000000", attrs = ["bold"] }
"signal.agent_escalation" = { fg = "#ff00ff", bg = "#000000", attrs = ["bold"] }
"signal.csat" = { fg = "#ffff00", bg = "#000000" }
"signal.thumbs_up" = { fg = "#00ff00", bg = "#000000" }
"signal.thumbs_down" = { fg = "#ff0000", bg = "#000000" }
"signal.session_abandon" = { fg = "#ff00ff", bg = "#000000" }
"signal.rephrase" = { fg = "#00ffff", bg = "#000000" }
"status.open" = { fg = "#00ff00", bg = "#000000", attrs = ["bold"] }
"status.closed" = { fg = "#bcbcbc", bg = "#000000" }
"claim" = { fg = "#00ffff", bg = "#000000", attrs = ["bold", "italic"] }
"tool.failed" = { fg = "#ff0000", bg = "#000000", attrs = ["bold", "underline"] }
"tool.ok" = { fg = "#00ff00", bg = "#000000" }
"diff.added" = { fg = "#000000", bg = "#00ff00", attrs = ["bold"] }
"diff.removed" = { fg = "#ffffff", bg = "#d70000" }
"match" = { fg = "#000000", bg = "#00ffff", attrs = ["bold"] }
"placeholder" = { fg = "#000000", bg = "#ff00ff", attrs = ["bold"] }
"status.bar" = { fg = "#000000", bg = "#ffffff" }
"status.key" = { fg = "#000000", bg = "#ffffff", attrs = ["bold", "underline"] }
"status.hint" = { fg = "#000000", bg = "#ffffff" }
"message.info" = { fg = "#000000", bg = "#00ffff", attrs = ["bold"] }
"message.error" = { fg = "#ffffff", bg = "#d70000", attrs = ["bold", "underline"] }
"input" = { fg = "#ffffff", bg = "#000000", attrs = ["bold"] }
"overlay" = { fg = "#ffffff", bg = "#000000" }
"overlay.title" = { fg = "#ffff00", bg = "#000000", attrs = ["bold", "underline"] }
"overlay.key" = { fg = "#00ffff", bg = "#000000", attrs = ["bold"] }
"overlay.selected" = { fg = "#000000", bg = "#ffff00", attrs = ["bold"] }

"""#),
        ("okabe-ito", #"""
name = "okabe-ito"
description = "Colour-blind safe (Okabe–Ito palette) for dark terminals; meanings never rest on red vs green alone"

# Palette: #E69F00 orange, #56B4E9 sky blue, #009E73 bluish green, #F0E442 yellow,
# #0072B2 blue, #D55E00 vermillion, #CC79A7 reddish purple, black, white/grey.
# Alarm runs vermillion → orange → yellow → sky blue; good/ok is bluish green and
# always differs from its opposite by attributes too.

[roles]
"base" = { fg = "default", bg = "default" }
"header" = { fg = "#ffffff", bg = "#0072B2" }
"header.title" = { fg = "#ffffff", bg = "#0072B2", attrs = ["bold"] }
"border" = { fg = "#666666" }
"list.header" = { fg = "#56B4E9", attrs = ["bold", "underline"] }
"list.row" = { fg = "#e0e0e0" }
"list.selected" = { fg = "#000000", bg = "#56B4E9", attrs = ["bold"] }
"list.marked" = { fg = "#F0E442", attrs = ["bold"] }
"list.closed" = { fg = "#808080" }
"detail.heading" = { fg = "#56B4E9", attrs = ["bold", "underline"] }
"detail.label" = { fg = "#a0a0a0" }
"detail.text" = { fg = "#e0e0e0" }
"detail.correction" = { fg = "#56B4E9" }
"detail.dim" = { fg = "#808080" }
"severity.s1" = { fg = "#000000", bg = "#D55E00", attrs = ["bold"] }
"severity.s2" = { fg = "#E69F00", attrs = ["bold"] }
"severity.s3" = { fg = "#F0E442" }
"severity.s4" = { fg = "#56B4E9" }
"severity.unset" = { fg = "#808080", attrs = ["dim"] }
"signal.explicit_correction" = { fg = "#D55E00", attrs = ["bold", "underline"] }
"signal.agent_escalation" = { fg = "#CC79A7", attrs = ["bold", "underline"] }
"signal.csat" = { fg = "#F0E442" }
"signal.thumbs_up" = { fg = "#009E73" }
"signal.thumbs_down" = { fg = "#E69F00", attrs = ["bold"] }
"signal.session_abandon" = { fg = "#CC79A7" }
"signal.rephrase" = { fg = "#56B4E9" }
"status.open" = { fg = "#56B4E9", attrs = ["bold"] }
"status.closed" = { fg = "#808080", attrs = ["dim"] }
"claim" = { fg = "#CC79A7", attrs = ["italic"] }
"tool.failed" = { fg = "#D55E00", attrs = ["bold", "underline"] }
"tool.ok" = { fg = "#009E73" }
"diff.added" = { fg = "#000000", bg = "#56B4E9", attrs = ["bold"] }
"diff.removed" = { fg = "#E69F00", attrs = ["dim"] }
"match" = { fg = "#000000", bg = "#F0E442", attrs = ["bold"] }
"placeholder" = { fg = "#000000", bg = "#CC79A7", attrs = ["bold"] }
"status.bar" = { fg = "#d0d0d0", bg = "#303030" }
"status.key" = { fg = "#E69F00", bg = "#303030", attrs = ["bold"] }
"status.hint" = { fg = "#a0a0a0", bg = "#303030" }
"message.info" = { fg = "#56B4E9", bg = "#303030" }
"message.error" = { fg = "#000000", bg = "#D55E00", attrs = ["bold", "underline"] }
"input" = { fg = "#ffffff", bg = "#262626" }
"overlay" = { fg = "#e0e0e0", bg = "#1c1c1c" }
"overlay.title" = { fg = "#56B4E9", bg = "#1c1c1c", attrs = ["bold", "underline"] }
"overlay.key" = { fg = "#E69F00", bg = "#1c1c1c", attrs = ["bold"] }
"overlay.selected" = { fg = "#000000", bg = "#56B4E9", attrs = ["bold"] }

"""#),
        ("mono", #"""
name = "mono"
description = "Monochrome (NO_COLOR): no colours at all, meaning carried by bold, reverse, underline and dim"

# No fg/bg anywhere: every role uses the terminal's own colours.
# Italic is avoided on purpose: some terminals (e.g. screen) render it as reverse,
# which would collide with selection.

[roles]
"base" = {}
"header" = { attrs = ["reverse"] }
"header.title" = { attrs = ["reverse", "bold"] }
"border" = { attrs = ["dim"] }
"list.header" = { attrs = ["bold", "underline"] }
"list.row" = {}
"list.selected" = { attrs = ["reverse", "bold"] }
"list.marked" = { attrs = ["bold"] }
"list.closed" = { attrs = ["dim"] }
"detail.heading" = { attrs = ["bold", "underline"] }
"detail.label" = { attrs = ["bold"] }
"detail.text" = {}
"detail.correction" = { attrs = ["bold"] }
"detail.dim" = { attrs = ["dim"] }
"severity.s1" = { attrs = ["bold", "underline"] }
"severity.s2" = { attrs = ["bold"] }
"severity.s3" = {}
"severity.s4" = {}
"severity.unset" = { attrs = ["dim"] }
"signal.explicit_correction" = { attrs = ["bold", "underline"] }
"signal.agent_escalation" = { attrs = ["bold", "underline"] }
"signal.csat" = {}
"signal.thumbs_up" = {}
"signal.thumbs_down" = { attrs = ["bold"] }
"signal.session_abandon" = {}
"signal.rephrase" = {}
"status.open" = {}
"status.closed" = { attrs = ["dim"] }
"claim" = { attrs = ["underline"] }
"tool.failed" = { attrs = ["bold", "underline"] }
"tool.ok" = {}
"diff.added" = { attrs = ["bold", "underline"] }
"diff.removed" = { attrs = ["dim"] }
"match" = { attrs = ["reverse", "underline"] }
"placeholder" = { attrs = ["reverse"] }
"status.bar" = { attrs = ["reverse"] }
"status.key" = { attrs = ["reverse", "bold"] }
"status.hint" = { attrs = ["reverse"] }
"message.info" = { attrs = ["bold"] }
"message.error" = { attrs = ["reverse", "bold", "underline"] }
"input" = { attrs = ["bold"] }
"overlay" = {}
"overlay.title" = { attrs = ["bold", "underline"] }
"overlay.key" = { attrs = ["bold"] }
"overlay.selected" = { attrs = ["reverse", "bold"] }

"""#),
    ]
}
