import WinnowCore
import WinnowStore

/// What a dispute action says it did, values worded as a reviewer reads them.
enum DisputeMessage {
    /// A label's wording (`won't fix`), a rubric score as it is.
    static func value(_ value: String?, _ field: JudgedField, _ wording: LabelWording) -> String {
        guard case .label(let label) = field else { return SafeText.line(value ?? "none") }
        return SafeText.line(wording.text(label, value))
    }

    /// `:dispute` opened one: whose value it questions, and who decides.
    static func raised(_ opened: [OpenedDispute], _ wording: LabelWording) -> String {
        guard let dispute = opened.first else { return "No dispute opened" }
        let whose = dispute.disputedReviewer.map { SafeText.line($0) + "'s " } ?? ""
        let proposal = dispute.proposedValue.map { "; you propose \(value($0, dispute.field, wording))" } ?? ""
        return "Opened dispute #\(dispute.id) on \(whose)\(dispute.field.name) \(value(dispute.acceptedValue, dispute.field, wording)) of #\(dispute.itemID)\(proposal): an adjudicator decides it"
    }

    /// `[review] dispute_on_overwrite`: a label change opened disputes instead of overwriting
    /// another reviewer's values; `text` is what the label action said of the rest.
    static func insteadOfOverwriting(_ opened: [OpenedDispute], changed: Bool, text: String, _ wording: LabelWording) -> String {
        guard !opened.isEmpty else { return text }
        let disputes = opened.map { dispute in
            let who = SafeText.line(dispute.disputedReviewer ?? "another reviewer")
            return "\(who) set \(dispute.field.name) \(value(dispute.acceptedValue, dispute.field, wording)) on #\(dispute.itemID); "
                + "your \(value(dispute.proposedValue, dispute.field, wording)) waits for an adjudicator (dispute #\(dispute.id))"
        }
        let prefix = opened.count == 1 ? "Opened a dispute: " : "Opened \(opened.count) disputes: "
        return prefix + disputes.joined(separator: " · ") + (changed ? " · " + text : "")
    }
}
