import WinnowCore
import WinnowStore

/// The workspace's triage vocabulary as the queue uses it, so what completes, what a picker offers
/// and what validation accepts are the same values.
extension AppState {
    /// How label values read in messages and questions.
    public var labelWording: LabelWording { LabelWording(severityNames: severityNames) }

    /// The values the filter line accepts for severity, locus, reason and owner (a field the
    /// workspace gave no values takes any).
    public var filterVocabulary: FilterVocabulary {
        var values: [FilterQuery.Field: [String]] = [.severity: severityCodes]
        if let loci = labelChoices[.locus], !loci.isEmpty { values[.locus] = loci }
        if let codes = labelChoices[.reasons], !codes.isEmpty { values[.reason] = codes }
        if let owners = labelChoices[.owner], !owners.isEmpty { values[.owner] = owners }
        let names = severityCodes.compactMap { code in severityNames[code].map { ($0.lowercased(), code) } }
        return FilterVocabulary(values: values, aliases: [.severity: Dictionary(names) { first, _ in first }])
    }

    /// Severities as `:severity` takes them: the codes, then their names.
    public var severityChoices: [String] { severityCodes + severityCodes.compactMap { severityNames[$0] } }

    /// The reason codes a reasons label can take now (what the store accepts): those of the
    /// selected item's failure locus, or of the marked items' common locus (as far as the loaded
    /// rows tell; the store checks the others). Nil while there is no such locus.
    public var reasonChoices: (locus: String, codes: [String])? {
        let locus: String?
        if marked.isEmpty {
            guard let detail, detail.row.id == selectedRow?.id else { return nil }
            locus = detail.locus
        } else {
            var loci = Set(rows.filter { marked.contains($0.id) }.map(\.locus))
            if let detail, marked.contains(detail.row.id) { loci.insert(detail.locus) }
            locus = loci.count == 1 ? loci.first! : nil
        }
        guard let locus, let codes = locusReasons[locus] else { return nil }
        return (locus, codes)
    }
}
