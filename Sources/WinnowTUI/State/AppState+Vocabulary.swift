import WinnowCore
import WinnowStore

/// The workspace's triage vocabulary as the queue uses it, so what completes, what a picker offers
/// and what validation accepts are the same values.
extension AppState {
    /// How label values read in messages and questions.
    public var labelWording: LabelWording { LabelWording(severityNames: severityNames) }

    /// The values the filter line accepts for severity, locus and owner (a field the workspace gave
    /// no values takes any).
    public var filterVocabulary: FilterVocabulary {
        var values: [FilterQuery.Field: [String]] = [.severity: severityCodes]
        if let loci = labelChoices[.locus], !loci.isEmpty { values[.locus] = loci }
        if let owners = labelChoices[.owner], !owners.isEmpty { values[.owner] = owners }
        let names = severityCodes.compactMap { code in severityNames[code].map { ($0.lowercased(), code) } }
        return FilterVocabulary(values: values, aliases: [.severity: Dictionary(names) { first, _ in first }])
    }

    /// Severities as `:severity` takes them: the codes, then their names.
    public var severityChoices: [String] { severityCodes + severityCodes.compactMap { severityNames[$0] } }

    /// The reason codes a reasons label can take now: those of the selected item's failure locus
    /// (what the store accepts), nil while that locus is unknown.
    public var reasonChoices: (locus: String, codes: [String])? {
        guard let detail, detail.row.id == selectedRow?.id, let locus = detail.locus, let codes = locusReasons[locus] else { return nil }
        return (locus, codes)
    }
}
