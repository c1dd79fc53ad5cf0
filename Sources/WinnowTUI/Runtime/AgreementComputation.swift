import WinnowStore

/// The agreement view's figures from the store's reliability data.
enum AgreementComputation {
    static func figures(_ store: Store, round: String?) -> Result<[AgreementFigures], AgreementViewError> {
        .failure(AgreementViewError("not computed yet"))
    }
}
