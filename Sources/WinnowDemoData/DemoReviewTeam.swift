// DemoReviewTeam.swift
// Who reviews the demo workspace: Ledgerly's support team (the agents who take over escalations
// in the demo's conversations), each with their roles and, for the QA reviewers, how they lean.

public enum DemoReviewTeam {
    /// One person on the demo's roster.
    public struct Member: Sendable, Equatable {
        public let name: String
        /// Role names as winnow.toml spells them.
        public let roles: [String]
        /// How far this reviewer's ordinal scores sit from the item's quality, in scale levels:
        /// negative is harsher. Real QA teams have one of each, and agreement statistics exist for it.
        public let bias: Double
    }

    public static let lead = "maya"
    /// The QA reviewers of the demo's rounds: one harsher, one neutral, one more lenient.
    public static let qaReviewers = ["yuki", "grant", "priyanka"]
    public static let adjudicator = "ines"
    /// A triage reviewer who disputes a lead's label in the demo.
    public static let triageReviewer = "kwame"

    public static let members: [Member] = [
        Member(name: lead, roles: ["lead", "reviewer"], bias: 0),
        Member(name: "kwame", roles: ["reviewer"], bias: 0),
        Member(name: "rosa", roles: ["reviewer"], bias: 0),
        Member(name: "yuki", roles: ["reviewer", "qa"], bias: -0.35),
        Member(name: "grant", roles: ["reviewer", "qa"], bias: 0),
        Member(name: "priyanka", roles: ["reviewer", "qa"], bias: 0.35),
        Member(name: adjudicator, roles: ["reviewer", "adjudicator"], bias: 0),
    ]

    /// The person who runs the demo triages and scores. Not lead or adjudicator: those roles see
    /// every score, so the demo's round would not be blind to them. They act as a lead or the
    /// adjudicator by naming one (`--reviewer maya`, `--reviewer ines`).
    public static let demoUserRoles = ["reviewer", "qa"]

    public static func bias(of reviewer: String) -> Double {
        members.first { $0.name == reviewer }?.bias ?? 0
    }
}
