/// Semantic roles that presentation assigns to cells; a theme maps each to colours and attributes.
/// The raw value is the key used in theme files.
public enum StyleRole: String, CaseIterable, Sendable, Hashable {
    case base
    case header = "header"
    case headerTitle = "header.title"
    case border
    case listHeader = "list.header"
    case listRow = "list.row"
    case listSelected = "list.selected"
    case listMarked = "list.marked"
    case listClosed = "list.closed"
    case detailHeading = "detail.heading"
    case detailLabel = "detail.label"
    case detailText = "detail.text"
    case detailCorrection = "detail.correction"
    case detailDim = "detail.dim"
    case severityS1 = "severity.s1"
    case severityS2 = "severity.s2"
    case severityS3 = "severity.s3"
    case severityS4 = "severity.s4"
    case severityUnset = "severity.unset"
    case signalExplicitCorrection = "signal.explicit_correction"
    case signalAgentEscalation = "signal.agent_escalation"
    case signalCsat = "signal.csat"
    case signalThumbsUp = "signal.thumbs_up"
    case signalThumbsDown = "signal.thumbs_down"
    case signalSessionAbandon = "signal.session_abandon"
    case signalRephrase = "signal.rephrase"
    case statusOpen = "status.open"
    case statusClosed = "status.closed"
    case claim
    case toolFailed = "tool.failed"
    case toolOK = "tool.ok"
    case diffAdded = "diff.added"
    case diffRemoved = "diff.removed"
    case match
    case placeholder
    case statusBar = "status.bar"
    case statusKey = "status.key"
    case statusHint = "status.hint"
    case messageInfo = "message.info"
    case messageError = "message.error"
    case input
    case overlay
    case overlayTitle = "overlay.title"
    case overlayKey = "overlay.key"
    case overlaySelected = "overlay.selected"

    public static func severity(_ code: String?) -> StyleRole {
        switch code?.uppercased() {
        case "S1": .severityS1
        case "S2": .severityS2
        case "S3": .severityS3
        case "S4": .severityS4
        default: .severityUnset
        }
    }

    public static func signal(_ name: String) -> StyleRole {
        StyleRole(rawValue: "signal." + name) ?? .listRow
    }
}
