import WinnowCore
/// The commented `winnow.toml` that `winnow init` writes. It spells out the design brief's defaults,
/// so a workspace owner edits values instead of looking them up.
public enum ConfigTemplate {
    /// `roster`: reviewers written as `[[reviewer]]` tables after the commented example; none
    /// leaves the workspace in single-user mode.
    public static func text(name: String = "Winnow workspace", roster: [RosterEntry] = []) -> String {
        #"""
        # Winnow workspace configuration.
        # Every section is optional: a missing one takes the defaults written out here.

        [workspace]
        name = \#(quoted(name))
        # Teams that can own items, besides the loci's default owners and the roster's people.
        teams = ["support-ops"]

        [claims]
        # Minutes a claim on an item lasts; renewed while its reviewer keeps working on it.
        lease_minutes = 10

        [ui]
        # Default theme (see `winnow themes`); --theme and NO_COLOR take precedence.
        theme = "dusk"
        # Whether Space also moves down after marking an item (true or false).
        mark_moves_down = false

        [review]
        # Whether changing a label another reviewer set (severity, locus, reasons, owner,
        # trainable) opens a dispute carrying your value instead of overwriting theirs; an
        # adjudicator then decides (true or false).
        dispute_on_overwrite = false

        # Near-duplicate suggestions: imported items whose texts are this alike are suggested as
        # one group (the queue's `≈N` and dedupe view, `winnow dupes`). Changing compare or mask,
        # or lowering min_similarity, takes `winnow dupes rebuild`; raising it works at once.
        [dupes]
        # Whether imports look for near-duplicates (true or false).
        enabled = true
        # How alike two texts must be to be suggested (the Jaccard similarity of their words,
        # letter trigrams and word pairs, after greetings and sign-offs are left out), above 0
        # and at most 1.
        min_similarity = \#(DuplicateSketch.defaultMinSimilarity)
        # The text compared: any of prompt, response and correction.
        compare = ["prompt"]
        # What is masked before comparing, so texts that differ only there still match: any of
        # urls, emails, numbers and ids (tokens of 6 or more characters mixing letters and digits).
        mask = ["urls", "emails", "numbers", "ids"]

        # Training exports (`winnow export dpo|sft|sft-negative`): an event feeds training only when
        # every rule holds; `winnow export --explain ITEM` says which rule keeps or drops an item.
        [training]
        # A correction must differ from the response by at least this many characters, so typo
        # fixes are not trained on.
        min_edit_distance = 10
        # Events older than this many days before --as-of (default now) are stale: the product they
        # describe may have changed. Exactly this old is kept; one second more is dropped.
        stale_days = 45
        # No user contributes more than max_per_user examples, nor more than max_user_share of the
        # candidates (at least one each), so no single user dominates the set. A capped user keeps
        # the highest-weight examples, then the oldest, then the lowest item number.
        max_per_user = 25
        max_user_share = 0.05
        # CSAT at or below this score is a negative signal for `winnow export sft-negative`.
        negative_csat_max = 2
        # Blocked (adversarial) users, besides `winnow users block`: a file of user ids, one a
        # line, # comments; relative to the workspace directory.
        # blocked_users_file = "blocked-users.txt"

        # Whether an item is trainable when no reviewer set its trainable label, per signal.
        # thumbs_up measures engagement, not quality: it is never trainable.
        [training.trainable]
        explicit_correction = true
        agent_escalation = true
        csat = true
        thumbs_down = true
        session_abandon = true
        rephrase = true
        thumbs_up = false

        # Version-aware cutoffs: events older than `since` are dropped when their intent matches
        # (exact, or billing.* for all of billing) or one of their retrieved sources is `source`,
        # because the knowledge or schema they depend on changed then.
        # [[training.cutoff]]
        # intent = "billing.*"
        # since = "2026-10-01T00:00:00Z"
        #
        # [[training.cutoff]]
        # source = "kb:pricing"
        # since = "2026-10-15T00:00:00Z"

        # Redaction: exports replace emails, phone numbers, API keys and tokens with [EMAIL],
        # [PHONE], [API_KEY] and [TOKEN]. Add your own: the name becomes the placeholder.
        # [[redaction]]
        # name = "order_id"
        # pattern = "ORD-[0-9]+"

        # The eval set: a slice of each week's live traffic, stratified by intent, cohort and
        # severity and chosen deterministically, that is kept once chosen and never trained on
        # (nor anything in its cluster or suggested as its near-duplicate). `winnow export eval`.
        [eval]
        # The share of each week's events chosen, above 0 and at most 1.
        share = 0.05
        # Which items are chosen follows from the seed and the event ids alone.
        seed = "winnow-eval"

        # Signal-to-noise weights, 0 to 1: they order the queue and weight exports.
        # thumbs_up is 0: praise is never a training label.
        [signal_weights]
        explicit_correction = 0.9
        agent_escalation = 0.8
        csat = 0.7
        thumbs_down = 0.5
        session_abandon = 0.4
        rephrase = 0.3
        thumbs_up = 0.0

        # Severities, most severe first.
        [[severity]]
        code = "S1"
        label = "critical"
        description = "harm, data exposure, wrong action taken"

        [[severity]]
        code = "S2"
        label = "major"
        description = "wrong answer a user acted on"

        [[severity]]
        code = "S3"
        label = "minor"
        description = "incomplete, awkward"

        [[severity]]
        code = "S4"
        label = "cosmetic"
        description = "cosmetic"

        # Failure loci: the layer that needs the fix, its reason codes and its default owner.
        [[locus]]
        name = "retrieval"
        reasons = ["wrong_source", "missing_source"]
        owner = "search-team"

        [[locus]]
        name = "knowledge"
        reasons = ["stale", "contradictory_sources"]
        owner = "content-team"

        [[locus]]
        name = "instruction"
        reasons = ["ignored_instruction", "format_fail"]
        owner = "prompt-team"

        [[locus]]
        name = "policy_scope"
        reasons = ["unsafe_scope", "over_refusal"]
        owner = "policy-team"

        [[locus]]
        name = "tool_use"
        reasons = ["tool_error", "wrong_parameters", "unverified_action"]
        owner = "tools-team"

        [[locus]]
        name = "model"
        reasons = ["hallucination", "reasoning_error"]
        owner = "model-team"

        # The roster: who may work this workspace, and in which roles
        # (reviewer, qa, adjudicator, lead). Without any [[reviewer]] the workspace
        # is in single-user mode and anyone may work it.
        # [[reviewer]]
        # name = "alice"
        # roles = ["lead", "reviewer"]
        #
        # [[reviewer]]
        # name = "bo"
        # roles = ["reviewer", "qa"]\#(roster.map(rosterTable).joined())

        # Label presets: the common verdicts, each applied with one key in the queue (to the
        # selected item, or the marked ones after a y/n), as one action that one `u` undoes.
        # Any of severity, locus, reasons (codes of the preset's locus), owner, status and
        # trainable (true/false); `key` is one character or f1–f12, and without it the first
        # nine presets take 1–9 in order. `:preset NAME` applies one by name.
        [[preset]]
        name = "stale-kb"
        key = "1"
        severity = "S3"
        locus = "knowledge"
        reasons = ["stale"]
        owner = "content-team"
        status = "triaged"

        [[preset]]
        name = "wrong-source"
        key = "2"
        severity = "S2"
        locus = "retrieval"
        reasons = ["wrong_source"]
        owner = "search-team"
        status = "triaged"

        [[preset]]
        name = "tool-error"
        key = "3"
        severity = "S2"
        locus = "tool_use"
        reasons = ["tool_error"]
        owner = "tools-team"
        status = "triaged"

        [[preset]]
        name = "hallucination"
        key = "4"
        severity = "S1"
        locus = "model"
        reasons = ["hallucination"]
        owner = "model-team"
        status = "triaged"

        [[preset]]
        name = "over-refusal"
        key = "5"
        severity = "S3"
        locus = "policy_scope"
        reasons = ["over_refusal"]
        owner = "policy-team"
        status = "triaged"

        # QA rubrics: what a QA reviewer scores a case on, dimension by dimension. When this file
        # defines none, the built-in "support" rubric applies (faithfulness, completeness,
        # citation_quality, access_correctness, action_validity; see the README); defining
        # rubrics here replaces it. Each rubric has a version, a hash of its whole definition:
        # editing one gives it a new version, and scores already given keep the old one.
        # A dimension needs a description, a scale and concrete pass/fail checks:
        #   scale = "pass_fail"   values pass and fail (anchors optional)
        #   scale = "ordinal"     range = [low, high], at most 9 levels, an anchor for each;
        #                         disagreement_distance (default 1): how many levels apart
        #                         two scores must be to open a dispute
        #   scale = "categories"  categories = [...], at most 9 (anchors optional)
        # signals and intents (exact, or a prefix such as "billing.*") limit the items it applies to.
        # [[rubric]]
        # name = "billing-answers"
        # description = "Answers to billing questions"
        #
        # [[rubric.dimension]]
        # name = "accuracy"
        # description = "Amounts, dates and plan terms match the account and the price list."
        # scale = "ordinal"
        # range = [1, 3]
        # disagreement_distance = 1
        # checks = ["Every amount matches the invoice or price list", "Proration is explained when a plan changed"]
        # intents = ["billing.*"]
        # [rubric.dimension.anchors]
        # 1 = "A wrong amount or date the customer could act on"
        # 2 = "Amounts right; a condition or date is missing"
        # 3 = "Every amount, date and condition is right"
        #
        # [[rubric.dimension]]
        # name = "escalated_when_needed"
        # description = "Refund and dispute requests reach a person."
        # scale = "pass_fail"
        # checks = ["A refund request is handed to billing-ops", "No refund is promised by the assistant"]
        # signals = ["agent_escalation", "explicit_correction"]
        #
        # [[rubric.dimension]]
        # name = "tone"
        # description = "How the answer handles a frustrated customer."
        # scale = "categories"
        # categories = ["empathetic", "neutral", "dismissive"]
        # checks = ["Acknowledges the problem before explaining", "Does not blame the customer"]

        # The release gate (`winnow gate --baseline V1 --candidate V2`): promote a model or prompt
        # version only if its accuracy holds within the tolerance and its hallucination rate did
        # not rise, even if accuracy went up.
        [gate]
        # The rubric dimension whose pass rate is "accuracy".
        accuracy_dimension = "faithfulness"
        # How far the candidate's accuracy may fall below the baseline's and still hold (0.005:
        # half a percentage point).
        tolerance = 0.005
        # Fewer items than this on either version (rubric-scored for accuracy, reviewed for the
        # hallucination rate) and the gate answers inconclusive: a rate of a handful proves nothing.
        min_items = 30
        # The confidence level of every interval the gate states.
        confidence = 0.95
        # The reason code that marks a hallucination.
        hallucination_reason = "hallucination"
        # What passes on a dimension: the lowest passing score of an ordinal scale, or the
        # passing values of a pass_fail or categories one. Without an entry: pass, the upper
        # half of an ordinal range (4 and 5 of 1–5), or a categories dimension's first value.
        # [gate.pass]
        # faithfulness = 4
        # action_validity = ["valid", "not_needed"]

        # Key bindings by command name (see `?` in the queue or the README for names).
        # A binding that clashes with another command's key is an error at start.
        [keys]
        # move_down = ["j", "down", "ctrl-n"]

        """#
    }

    /// One reviewer's `[[reviewer]]` table, after a blank line.
    static func rosterTable(_ entry: RosterEntry) -> String {
        "\n\n[[reviewer]]\nname = \(quoted(entry.name))\nroles = [\(entry.roles.map { quoted($0.rawValue) }.joined(separator: ", "))]"
    }

    /// `text` as a TOML basic string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
