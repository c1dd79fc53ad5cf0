// DemoCorpus.swift
// Building blocks for the demo conversations: template types and the generic
// phrase lists (openers, closers, correction wrappers, escalation reasons ...).
//
// Templates contain `{slot}` placeholders that are filled per event from
// `DemoSlots` (company, plan, amounts, dates, identity provider ...). Unknown
// `{...}` sequences are left untouched.

/// One argument of a tool call template; the value may contain slots.
struct ArgTemplate: Sendable {
    let key: String
    let value: String
}

/// A tool the assistant can call while answering a scenario.
struct ToolTemplate: Sendable {
    let name: String
    let arguments: [ArgTemplate]
    /// Errors this tool can fail with (status "error").
    let errors: [String]

    init(_ name: String, _ arguments: KeyValuePairs<String, String>, errors: [String] = []) {
        self.name = name
        self.arguments = arguments.map { ArgTemplate(key: $0.key, value: $0.value) }
        self.errors = errors
    }
}

/// A plausible but wrong answer, with what the right answer would have been.
struct Failure: Sendable {
    /// Wrong answer body (stale policy, wrong path, hallucinated feature ...).
    let response: String
    /// The right answer, as a user or human agent would write it.
    let correction: String
    /// Why a human had to take over when this answer caused an escalation.
    let escalation: String
    /// A tool call the wrong answer actually made (e.g. an unsafe action).
    let action: ToolTemplate?
    /// Indices of the scenario prompts this wrong answer fits (nil: all of them).
    let onlyFor: [Int]?

    init(_ response: String, correction: String, escalation: String, action: ToolTemplate? = nil,
         onlyFor: [Int]? = nil) {
        self.response = response
        self.correction = correction
        self.escalation = escalation
        self.action = action
        self.onlyFor = onlyFor
    }
}

/// Who typically asks about a scenario (used to pick a fitting user).
enum Audience: Sendable {
    case anyone
    case paid        // enterprise or growth
    case eu          // customers with EU VAT
}

/// One support topic: prompts, right answers, wrong answers, context.
struct Scenario: Sendable {
    let intent: String
    let weight: Int
    let audience: Audience
    let pages: [String]
    let sources: [String]
    let kbQuery: [String]
    let prompts: [String]
    let answers: [String]
    /// For each prompt, the answers that fit it (empty: every answer fits every prompt).
    var promptAnswers: [[Int]] = []
    let failures: [Failure]
    let tools: [ToolTemplate]
}

enum DemoPhrases {
    static let openers = [
        "", "", "", "Thanks for reaching out! ", "Happy to help. ", "Good question. ", "Thanks, {name}. ",
        "Hi {name}! ", "Sure thing. ", "I can help with that. ", "Thanks for the details. ",
        "Hi {name} — thanks for the question. ", "Of course. ",
    ]

    static let closers = [
        "", "", "", "\n\nLet me know if anything else comes up.", "\n\nIs there anything else I can help with?",
        "\n\nIf that doesn't solve it, reply here and I'll loop in a specialist.", " Hope that helps!",
        "\n\nYou can also find this in the help center under the same title.",
        "\n\nAnything else I can do for {company} today?",
    ]

    static let rephrasePrefixes = [
        "no, I mean: ", "Let me rephrase. ", "that's not what I asked. ", "again: ", "To be clearer: ",
        "sorry, different question — ", "I asked something else. ", "ok but ", "Not that. ",
    ]

    static let promptPrefixes = [
        "hi, ", "Hello! ", "quick question: ", "URGENT: ", "hey helios, ", "Hi there. ", "Question — ",
        "help: ", "Good morning, ",
    ]

    static let promptSuffixes = [
        " thanks", " thx", "??", " pls", " asap", " Thank you!", " (we're on {plan})", " — {company}",
    ]

    /// Context people add to their question (appended to some prompts).
    static let promptContext = [
        " We're on {plan} with {seats} seats.", " (workspace: {workspace})", " This is for {company}.",
        " Asking for our finance team.", " Tried the help center already.", " Our admin is out this week.",
        " We need this before month-end close.", " Same thing happened last month.",
        " I'm the workspace owner.", " Our auditor is asking.", " It's blocking {count} people.",
        " Second time I'm asking.", " Using the {tz} time zone if that matters.",
    ]

    static let emoji = ["🙏", "😡", "✅", "👍🏽", "👨‍👩‍👧‍👦", "🤔", "🔥", "😅", "🙃", "💸", "🚨", "😭"]

    static let userCorrectionPrefixes = [
        "", "", "That's wrong. ", "No — ", "Not correct. ", "Actually: ", "Wrong answer. ",
        "This is outdated. ", "FYI the right answer: ",
    ]

    static let agentCorrectionPrefixes = [
        "Agent note: ", "Correct answer (from {agent}): ", "Resolution by {agent}: ", "Per {agent}: ",
        "Human agent reply: ", "",
    ]

    static let genericEscalations = [
        "customer requested human", "customer requested human", "customer requested human",
        "account owner verification required", "assistant could not resolve after 3 turns",
        "customer threatened to churn", "enterprise customer — priority routing", "repeated failed answers",
    ]

    /// Escalation reasons that only make sense for some topics (by intent prefix).
    static func topicEscalations(_ intent: String) -> [String] {
        if intent.hasPrefix("billing.refund") { return ["refund over agent limit", "refund over agent limit", "billing dispute"] }
        if intent.hasPrefix("billing.") { return ["billing dispute", "payment issue needs billing team"] }
        if intent.hasPrefix("account.") { return ["legal or privacy request", "account owner verification required"] }
        if intent.hasPrefix("sso.") || intent.hasPrefix("api.keys") { return ["security concern reported", "admin locked out"] }
        if intent.hasPrefix("integrations.") { return ["integration misconfigured", "needs engineering investigation"] }
        return []
    }

    /// Clarifying questions (often the last message before a session is abandoned).
    static let clarifications = [
        "Could you tell me which workspace this is about? I can see {company} and a personal workspace on your account.",
        "To look into this I need the invoice number (it starts with INV-). Where exactly do you see the charge?",
        "Can you share the exact error message and roughly when it happened (with your time zone)?",
        "Just to confirm: are you the workspace Owner? Some of these settings are only visible to owners.",
        "Which integration are you using — Salesforce, NetSuite, QuickBooks or a custom webhook?",
        "Is this happening for everyone at {company} or only for some members?",
        "I want to make sure I point you to the right place. Are you on the web app or the mobile app?",
        "Before I change anything: do you want this for the whole workspace or just for your own account?",
    ]

    static let kbGeneric = ["kb/getting-started", "kb/contact-support", "kb/plans-and-pricing"]
}
