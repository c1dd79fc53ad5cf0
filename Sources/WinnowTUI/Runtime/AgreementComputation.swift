import WinnowCore
import WinnowStore

/// The agreement view's figures: the store's reliability data of each field judged in rounds,
/// computed by the same `AgreementReport` as `winnow agreement` (same bootstrap and seed), so the
/// view and the command never disagree. Runs in the background (`QueueSession.agreementWork`).
enum AgreementComputation {
    /// The CLI's defaults: `--bootstrap 1000 --seed 1`.
    static let replicates = Agreement.defaultBootstrapReplicates
    static let seed: UInt64 = 1

    /// The table columns each figure fills, by the report's keys; the others show in the details.
    static let columns: [String: (column: String, name: String)] = [
        "percent_agreement": ("%agree", "percent agreement"), "cohen_kappa": ("κ", "Cohen's κ"),
        "weighted_kappa_linear": ("wκ", "weighted κ (linear)"), "fleiss_kappa": ("Fleiss", "Fleiss' κ"),
        "krippendorff_alpha": ("α", "Krippendorff's α"), "gwet_ac1": ("AC1", "Gwet's AC1"),
    ]

    static func figures(_ store: Store, round: String?) -> Result<[AgreementFigures], AgreementViewError> {
        do {
            if let round {
                let names = try store.rounds().map(\.name)
                guard names.contains(round) else {
                    return .failure(AgreementViewError("There is no round named “\(SafeText.line(round))” (rounds: \(names.isEmpty ? "none yet" : names.map(SafeText.line).joined(separator: ", ")))"))
                }
            }
            return .success(try store.reliabilityData(round: round).map { field in
                figures(field, AgreementReport.compute(field.data, level: field.level, scale: field.scale, reference: field.reference,
                                                       replicates: replicates, seed: seed))
            })
        } catch {
            return .failure(AgreementViewError("The agreement figures could not be read: \(error)"))
        }
    }

    static func figures(_ field: FieldReliability, _ report: AgreementReport) -> AgreementFigures {
        let figures = report.entries.map { entry in
            AgreementFigures.Figure(column: columns[entry.key]?.column ?? "", name: columns[entry.key]?.name ?? entry.name,
                                    value: entry.value, reason: entry.reason)
        }
        let pairs = report.pairwise.map { pair in
            AgreementFigures.Pair(raters: "\(pair.firstRater)–\(pair.secondRater)", value: pair.kappa.value,
                                  reason: pair.kappa.undefinedReason?.description, units: pair.kappa.unitsUsed)
        }
        let reviewers = (report.versusReference ?? []).map { rater in
            AgreementFigures.Reviewer(name: rater.rater, compared: rater.compared, shareEqual: rater.shareEqual, lean: rater.lean?.words)
        }
        return AgreementFigures(field: field.field.name + (field.rubric.map { " (\($0))" } ?? ""), level: report.level.rawValue,
                                items: field.units.count, judgments: field.judgments, figures: figures,
                                alphaInterval: report.alphaInterval.map { ($0.lower, $0.upper) },
                                alphaIntervalReason: report.alphaIntervalReason, pairs: pairs, reviewers: reviewers)
    }
}
