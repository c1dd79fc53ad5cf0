/// The rubric a workspace gets when its `winnow.toml` defines none: the design brief's five
/// dimensions, written for a customer-support assistant that answers from help-centre sources
/// and can act on the user's account through tools.
extension Rubric {
    public static let standard = Rubric(
        name: "support",
        description: "Quality of one support-assistant answer: is it true to its sources, complete, well cited, within the asker's access, and are the actions it took or claimed valid?",
        dimensions: [
            RubricDimension(
                name: "faithfulness",
                description: "Every claim in the answer is supported by the retrieved sources or the account's own data; nothing is invented.",
                scale: .ordinal([
                    RubricLevel(value: "1", anchor: "Contradicts the sources, or invents a fact the user could act on (a price, limit, setting or step that does not exist)"),
                    RubricLevel(value: "2", anchor: "A claim central to the answer is unsupported, or several secondary claims are"),
                    RubricLevel(value: "3", anchor: "The core answer is supported; a secondary claim is unsupported or overstated"),
                    RubricLevel(value: "4", anchor: "Every claim is supported; a caveat or condition of the source is lost in the wording"),
                    RubricLevel(value: "5", anchor: "Every claim is supported and keeps the source's caveats and conditions"),
                ]),
                checks: [
                    "Every number (price, limit, quota, date) appears in a retrieved source or the account data",
                    "Every feature, setting or menu path named exists as the sources describe it",
                    "Nothing contradicts a retrieved source",
                    "Where the sources are silent, the answer says so instead of guessing",
                ]),
            RubricDimension(
                name: "completeness",
                description: "The answer covers every part of the question, with the conditions and steps the user needs to act on it.",
                scale: .ordinal([
                    RubricLevel(value: "1", anchor: "Does not address the question asked"),
                    RubricLevel(value: "2", anchor: "Addresses part of it; the user has to ask again for the main point"),
                    RubricLevel(value: "3", anchor: "Answers the main question; misses a sub-question, prerequisite or condition the user needs"),
                    RubricLevel(value: "4", anchor: "Answers every part; a useful detail (a limit, the next step) is missing"),
                    RubricLevel(value: "5", anchor: "Answers every part, with the steps, conditions and next action needed to act on it"),
                ]),
                checks: [
                    "Each question or request in the prompt gets an answer",
                    "Plan, role or region conditions that change the answer are stated",
                    "Steps are in order and none is missing",
                    "When the assistant cannot finish the task, it says what the user should do next",
                ],
                // Neighbouring levels of completeness are a judgement call; a dispute is worth an
                // adjudicator's time only when reviewers are two levels apart.
                disagreementDistance: 2),
            RubricDimension(
                name: "citation_quality",
                description: "The sources cited are the specific, current articles that support the claims citing them.",
                scale: .ordinal([
                    RubricLevel(value: "1", anchor: "Cites nothing, or cites sources that do not support the claims"),
                    RubricLevel(value: "2", anchor: "Some claims cite a relevant source; key claims are uncited or cite the wrong article"),
                    RubricLevel(value: "3", anchor: "Key claims cite a supporting source; a citation is imprecise (a general page, not the specific article)"),
                    RubricLevel(value: "4", anchor: "Every factual claim cites the specific, current source that supports it"),
                ]),
                checks: [
                    "Each cited source supports the sentence that cites it",
                    "Cited articles are current, not deprecated or for another product version",
                    "Claims about limits, prices and policy carry a citation",
                    "No citation points to an internal-only document",
                ]),
            RubricDimension(
                name: "access_correctness",
                description: "The answer stays within what the asker's role, plan and workspace allow them to see and do.",
                scale: .passFail(
                    passAnchor: "Shows only data, and offers only actions, that the asker's role and plan allow",
                    failAnchor: "Shows another user's or workspace's data, a secret, or an action the asker's role or plan does not allow"),
                checks: [
                    "No data from another customer, workspace or user appears",
                    "Admin-only settings and actions are offered only to admins",
                    "Plan-gated features are not presented as available on a plan without them",
                    "No secret (API key, token, signing secret) is echoed back",
                ]),
            RubricDimension(
                name: "action_validity",
                description: "Any action the assistant took, or says it took, on the user's account was the right one, with the right parameters, and really happened.",
                scale: .categories([
                    RubricLevel(value: "valid", anchor: "The action asked for, with correct parameters, confirmed by a successful tool call"),
                    RubricLevel(value: "not_needed", anchor: "No action was asked for or needed, and none was taken or claimed"),
                    RubricLevel(value: "missing", anchor: "The user asked for an action the assistant could take, and it did not take it"),
                    RubricLevel(value: "wrong_action", anchor: "An action the user did not ask for, or one that does not solve their problem"),
                    RubricLevel(value: "wrong_parameters", anchor: "The right action with a wrong amount, account, date or target"),
                    RubricLevel(value: "unconfirmed", anchor: "The answer says the action was done, but no tool call succeeded"),
                ]),
                checks: [
                    "Every action the answer claims has a successful tool call behind it",
                    "Tool arguments match what the user asked for (amount, account, date, recipient)",
                    "Irreversible actions were confirmed with the user first",
                    "A failed tool call is reported to the user, not hidden",
                ]),
        ])
}
