import WinnowStore

/// What quitting the queue prints: the session's shift summary when anything was labelled, and
/// what became of the reviewer's claims (the unused ones let go, the rest left to their lease).
public struct QuitSummary: Equatable {
    /// The session's shift, read back from the audit log; nil when it could not be read.
    public var report: ShiftReport?
    public var claims: ClaimsAtQuit
    /// Active claims the reviewer still holds after quitting, when known.
    public var stillClaimed: Int?
    public var leaseMinutes: Int

    public init(report: ShiftReport?, claims: ClaimsAtQuit, stillClaimed: Int?, leaseMinutes: Int) {
        self.report = report
        self.claims = claims
        self.stillClaimed = stillClaimed
        self.leaseMinutes = leaseMinutes
    }

    /// Empty when the session changed nothing and held no claim: quitting then prints nothing.
    public var text: String {
        var out = ""
        if let report, report.hasChanges { out += report.text }
        if let failure = claims.failure { return out + failure + "\n" }
        let still = stillClaimed ?? 0
        guard !out.isEmpty || !claims.released.isEmpty || still > 0 else { return out }
        let count = claims.released.count
        let lease = "until the lease runs out (\(leaseMinutes) min)"
        if count == 0 { return out + "Still claimed \(still), \(lease)\n" }
        out += "Released \(count) claim\(count == 1 ? "" : "s") you did not use; still claimed \(still)"
        if still > 0 { out += ", \(lease)" }
        return out + "\n"
    }
}
