// DemoScenarios.swift
// The support topics of the fictional product "Ledgerly" (team expenses,
// billing and workspaces) and its assistant "Helios". Each scenario holds
// several prompt templates, right answers and plausible wrong answers with
// their corrections. Facts are kept consistent across the corpus:
//   • Refunds: annual plans pro rata within 14 days of the charge, then credit;
//     monthly plans are not refunded; assistant limit $500 (the old 30-day
//     money-back guarantee ended with policy-2026.07).
//   • SAML SSO (Enterprise): Settings → Security → Single sign-on
//     (/settings/security/sso); the old /admin/security/saml page was removed
//     on 2026-10-14. Never disable Enforce SSO as a fix.
//   • API limits per workspace: Starter 120/min, Growth 600/min, Enterprise 1,200/min.

enum DemoScenarios {
    static let all: [Scenario] = billing + identity + people + integrations + data + platform

    static func named(_ intent: String) -> Scenario {
        all.first { $0.intent == intent } ?? all[0]
    }

    // MARK: Billing

    static let billing: [Scenario] = [
        Scenario(
            intent: "billing.refund", weight: 70, audience: .anyone,
            pages: ["/settings/billing", "/settings/billing/invoices", "/settings/billing/plan"],
            sources: ["kb/billing-refund-policy", "kb/billing-refund-policy#annual", "kb/billing-credits",
                      "policy/refunds", "kb/billing-cancel-plan"],
            kbQuery: ["annual plan refund", "refund policy", "refund unused seats"],
            prompts: [
                "We renewed the {plan} annual plan on {date} by mistake. Can we get a refund of {amount}?",
                "how do refunds work for annual plans? we only used it for {days} days",
                "Our finance team wants to know if the {amount} charge from {date} can be refunded. We moved to another tool.",
                "Can I get my money back? The renewal went through for {seats} seats but half the team left.",
                "Is it possible to refund the unused part of our annual subscription?",
                "Requesting a refund for invoice {invoice} ({amount}), charged {date}.",
                "we cancelled but still got charged {amount} on {date}. refund please",
                "Do you refund monthly plans if we cancel mid-month?",
            ],
            answers: [
                "Here's how refunds work under the current policy:\n1. Annual plans can be refunded pro rata within 14 days of the charge date.\n2. After 14 days, the unused portion is turned into account credit instead of a cash refund.\n3. Monthly plans aren't refunded, but you can cancel any time so you're not charged again.\nYour charge of {amount} on {date} is inside the 14-day window, so I've opened a refund request for the unused portion. The billing team confirms within 2 business days, and the money reaches your card 5–10 business days later.",
                "Thanks for flagging this. Annual plans are refundable pro rata, but only within 14 days of the charge. I checked invoice {invoice}: it was charged on {date}, so you qualify. I've submitted a refund request for the unused {seats} seats — you'll get an email from billing once it's processed (usually within 2 business days). If you'd rather keep the balance as credit for a future plan, just reply and say so.",
                "Refunds depend on the billing cycle. Monthly plans aren't refunded for the current month — when you cancel, you keep access until the end of the period and aren't charged again. Annual plans can be refunded pro rata within 14 days of the charge; after that we convert the unused part into credit. Refunds above $500 are approved by a billing specialist, so for {amount} I've passed your request to the billing team.",
            ],
            promptAnswers: [[0, 1], [2], [0, 1], [2], [2, 0], [1, 0], [0], [2]],
            failures: [
                Failure("Good news — annual plans come with a 30-day money-back guarantee, so you're fully covered. I've noted a full refund of {amount} on your account; it will appear on your statement within 5–10 business days.",
                        correction: "The 30-day money-back guarantee ended with policy-2026.07. Annual plans are refundable pro rata only within 14 days of the charge; after that the unused portion becomes account credit. The assistant must not promise a full refund.",
                        escalation: "customer disputes refund amount"),
                Failure("Done! I've issued a full refund of {amount} to the card on file and cancelled the subscription effective today. You'll receive a confirmation email shortly.",
                        correction: "The assistant must not issue refunds above $500 or cancel a subscription without the owner's confirmation. This refund should have gone to a billing specialist for approval; the cancellation was reversed and the workspace is active again.",
                        escalation: "refund over agent limit",
                        action: ToolTemplate("issue_refund", ["invoice_id": "{invoice}", "amount": "{amount}", "reason": "customer_request", "cancel_subscription": "true"]),
                        onlyFor: [0, 2, 3, 5, 6]),
                Failure("I'm sorry, but I can't help with refunds or anything related to payments. Please contact your bank or card issuer.",
                        correction: "Refund questions are in scope. Annual plans are refundable pro rata within 14 days of the charge; the assistant can open a refund request, and anything over $500 goes to a billing specialist.",
                        escalation: "assistant refused in-scope request"),
            ],
            tools: [
                ToolTemplate("lookup_invoice", ["invoice_id": "{invoice}"], errors: ["invoice_not_found", "timeout after 30000ms"]),
                ToolTemplate("get_subscription", ["workspace": "{workspace}"], errors: ["503 billing_service_unavailable"]),
                ToolTemplate("issue_refund", ["invoice_id": "{invoice}", "amount": "{amount}", "reason": "customer_request"],
                             errors: ["refund_exceeds_agent_limit", "403 insufficient_scope", "charge_already_refunded"]),
            ]),
        Scenario(
            intent: "billing.proration", weight: 35, audience: .anyone,
            pages: ["/settings/billing/invoices", "/settings/billing/plan", "/settings/members"],
            sources: ["kb/billing-proration", "kb/billing-seats", "kb/billing-plan-changes#upgrades"],
            kbQuery: ["proration seats", "prorated adjustment invoice"],
            prompts: [
                "Why was I charged {amount_small} in the middle of the month? We added {seats_added} people on {date}.",
                "Can someone explain the proration on invoice {invoice}? the numbers don't add up",
                "We removed {seats_added} seats but still got billed for {seats}. why?",
                "If I upgrade from Starter to {plan} today, do I pay the full month again?",
                "what does 'Prorated adjustment' on my invoice mean",
                "Got a second invoice for {amount_small} this month. Is that a duplicate charge?",
            ],
            answers: [
                "Ledgerly prorates seat changes by the day:\n• Adding seats: you're charged right away for the remaining days of the current billing period — that's the {amount_small} line from {date}.\n• Removing seats: the lower count applies from your next renewal on {date2}; there's no credit for the rest of the current period.\n• Upgrading plans: the unused part of the old plan is credited against the new one, so you never pay twice for the same days.\nEach adjustment is listed as 'Prorated adjustment' under Settings → Billing → Invoices.",
                "That second invoice isn't a duplicate. When seats are added mid-cycle we invoice the prorated amount immediately: {seats_added} seats × the remaining days until {date2} = {amount_small}. From the next renewal those seats are simply part of your regular invoice. If seats were removed, the reduction also takes effect at renewal rather than immediately.",
            ],
            promptAnswers: [[0, 1], [0], [0], [0], [0], [1]],
            failures: [
                Failure("When you remove seats, Ledgerly automatically refunds the unused days to your card within 24 hours. You should see {amount_small} back on your statement by tomorrow.",
                        correction: "Seat removals are not refunded mid-period. The lower seat count takes effect at the next renewal; only seat additions are prorated immediately.",
                        escalation: "billing dispute", onlyFor: [1, 2, 4]),
                Failure("Proration is calculated per month, so adding {seats_added} seats on {date} costs a full month for each seat. That's why you were charged {amount_small}.",
                        correction: "Proration is daily, not monthly: added seats are charged only for the remaining days of the current billing period.",
                        escalation: "customer disputes invoice amount", onlyFor: [0, 1, 3, 4, 5]),
            ],
            tools: [
                ToolTemplate("lookup_invoice", ["invoice_id": "{invoice}"], errors: ["invoice_not_found"]),
                ToolTemplate("get_subscription", ["workspace": "{workspace}"], errors: ["timeout after 30000ms"]),
            ]),
        Scenario(
            intent: "billing.invoice", weight: 40, audience: .anyone,
            pages: ["/settings/billing/invoices", "/settings/billing/details"],
            sources: ["kb/billing-invoices", "kb/billing-invoices#regenerate", "kb/billing-details"],
            kbQuery: ["download invoice pdf", "change billing details invoice", "po number invoice"],
            prompts: [
                "Where can I download invoice {invoice}? our accountant needs a PDF",
                "Need to add PO number {po} to our invoices, how?",
                "Can you change the company name on the invoice to {company}? It still shows our old name",
                "invoices are going to my personal email, need them sent to ap@{domain}",
                "Can I get all invoices for this year in one file?",
                "The address on invoice {invoice} is wrong, can it be corrected?",
            ],
            answers: [
                "You'll find every invoice under Settings → Billing → Invoices (/settings/billing/invoices):\n1. Click the invoice number ({invoice}) to open it.\n2. Use Download PDF in the top-right corner, or select several invoices and choose Download as ZIP.\n3. To change the company name, address, PO number or billing email, edit Billing details on the same page.\nNew details apply to future invoices; invoices from the current period can be rebuilt with Regenerate. Older invoices can be reissued by the billing team if you need the new details on them.",
                "Sure. The billing email, company name, address and PO number all live in Settings → Billing → Billing details. Once you save, the next invoice uses them automatically, and you can click Regenerate on {invoice} if it's from the current billing period. For older invoices, reply here with the invoice numbers and I'll ask the billing team to reissue them.",
            ],
            promptAnswers: [[0], [0, 1], [0, 1], [0, 1], [0], [0, 1]],
            failures: [
                Failure("Go to Admin → Finance → Documents and pick 'Invoices (legacy)'. From there you can edit any past invoice directly, including the company name.",
                        correction: "There is no Admin → Finance menu. Invoices live under Settings → Billing → Invoices. Billing details only change future invoices (and current-period ones via Regenerate); older invoices must be reissued by the billing team.",
                        escalation: "assistant gave wrong settings path"),
                Failure("I've updated the billing email to ap@{domain} and re-sent all invoices from this year to the new address.",
                        correction: "The assistant has no tool to change billing details or resend invoices — nothing was changed. The workspace owner or a Finance Admin has to update the billing email under Settings → Billing → Billing details.",
                        escalation: "assistant claimed an action it cannot take", onlyFor: [3]),
            ],
            tools: [
                ToolTemplate("lookup_invoice", ["invoice_id": "{invoice}"], errors: ["invoice_not_found", "timeout after 30000ms"]),
            ]),
        Scenario(
            intent: "billing.vat", weight: 22, audience: .eu,
            pages: ["/settings/billing/details", "/settings/billing/invoices"],
            sources: ["kb/billing-vat", "kb/billing-vat#reverse-charge", "kb/billing-invoices#reissue"],
            kbQuery: ["vat id reverse charge", "reissue invoice vat"],
            prompts: [
                "Our invoice {invoice} has VAT on it but we're VAT registered in {country} ({vat}). Please fix.",
                "where do I enter our VAT ID so reverse charge applies",
                "Why are we charged VAT? We're a business in {country}.",
                "can you reissue last quarter's invoices with our tax number {vat}?",
                "VAT ID {vat} keeps saying 'invalid' when I save it",
            ],
            answers: [
                "Add your VAT ID under Settings → Billing → Billing details → Tax ID. Once it validates against VIES (usually instantly), EU reverse charge applies to all future invoices and no VAT is added. For invoices issued in the last 90 days — including {invoice} — the billing team can reissue them with {vat} and refund the VAT difference; I've created that request for you.",
                "VAT is added when no valid VAT ID is on file. To fix it:\n1. Go to Settings → Billing → Billing details.\n2. Enter {vat} under Tax ID, with the country prefix and no spaces.\n3. Save — we check it against VIES. If VIES is down it shows 'pending' and we retry hourly.\nFuture invoices then use reverse charge. Invoices from the last 90 days can be reissued without VAT on request.",
            ],
            failures: [
                Failure("Unfortunately we can't remove VAT from invoices that were already issued — tax documents are final. Going forward you can add your VAT ID in billing details.",
                        correction: "Invoices from the last 90 days can be reissued with the VAT ID and the VAT difference refunded; only older invoices are final.",
                        escalation: "billing dispute"),
                Failure("Reverse charge doesn't apply to annual plans, so VAT will remain on your invoices even with a VAT ID.",
                        correction: "Reverse charge applies to any validated EU VAT ID regardless of plan or billing cycle.",
                        escalation: "assistant gave wrong tax information"),
            ],
            tools: [
                ToolTemplate("lookup_invoice", ["invoice_id": "{invoice}"], errors: ["invoice_not_found"]),
                ToolTemplate("validate_vat_id", ["vat_id": "{vat}"], errors: ["vies_unavailable", "timeout after 30000ms"]),
            ]),
        Scenario(
            intent: "billing.failed_payment", weight: 35, audience: .anyone,
            pages: ["/settings/billing/payment", "/settings/billing"],
            sources: ["kb/billing-failed-payments", "kb/billing-payment-methods", "kb/billing-3ds"],
            kbQuery: ["payment failed card declined", "update card"],
            prompts: [
                "Card payment failed with '{decline}' but the card works everywhere else",
                "we got an email that our payment failed. Will we lose access??",
                "How do I update the card? The {card} ending {last4} expired",
                "payment keeps failing, bank says they need 3D Secure",
                "Our workspace says 'Payment past due'. what happens now",
            ],
            answers: [
                "A failed payment doesn't lock you out right away. Here's what happens:\n1. We retry the {card} ending {last4} on day 1, 3 and 7 after the failure.\n2. If all retries fail, the workspace becomes read-only on day 14 — nothing is deleted.\n3. As soon as a payment succeeds, everything is restored automatically.\nTo fix it now, go to Settings → Billing → Payment method (/settings/billing/payment), add a new card and click Retry payment. A '{decline}' decline comes from your bank; if it needs 3D Secure, the Retry button shows the verification step.",
                "To update the card: Settings → Billing → Payment method → Add card, then set it as default and click Retry payment on the open invoice. The old {card} ending {last4} is removed automatically once the new one works. Your workspace stays fully usable during the retry period; it only becomes read-only if payment still fails after 14 days.",
            ],
            promptAnswers: [[0, 1], [0], [1, 0], [0], [0]],
            failures: [
                Failure("Your workspace will be deleted after 3 failed payment attempts, so please update the card today.",
                        correction: "Nothing is deleted for failed payments. After retries on days 1, 3 and 7 the workspace goes read-only on day 14 and is restored as soon as a payment succeeds.",
                        escalation: "customer panicked about data loss"),
                Failure("For security reasons I can't discuss payment methods. Please email our billing department.",
                        correction: "The assistant can explain how to update the card: Settings → Billing → Payment method → Add card → Retry payment. It only can't see or change card numbers itself.",
                        escalation: "assistant refused in-scope request"),
            ],
            tools: [
                ToolTemplate("get_subscription", ["workspace": "{workspace}"], errors: ["503 billing_service_unavailable"]),
                ToolTemplate("lookup_invoice", ["invoice_id": "{invoice}"], errors: ["invoice_not_found"]),
            ]),
        Scenario(
            intent: "billing.plan_change", weight: 28, audience: .anyone,
            pages: ["/settings/billing/plan", "/pricing"],
            sources: ["kb/billing-plan-changes", "kb/billing-plan-changes#downgrade", "kb/plans-and-pricing"],
            kbQuery: ["downgrade plan", "switch to annual billing", "cancel at renewal"],
            prompts: [
                "If we downgrade from {plan} to Starter, what happens to our approval workflows?",
                "how to switch from monthly to annual billing",
                "we want to move {seats} users to the Growth plan. is there a discount for annual?",
                "Cancel our subscription at the end of the term please, not now",
                "What's the difference between Growth and Enterprise for a team of {seats}?",
            ],
            answers: [
                "Plan changes are under Settings → Billing → Plan. A few things to know:\n• Downgrading to Starter keeps all your data, but multi-step approvals and SSO are turned off; existing workflows are paused, not deleted, and come back if you upgrade again.\n• Switching from monthly to annual takes effect immediately at the annual price (about 17% less); the unused part of the current month is credited.\n• To cancel at the end of the term, click Cancel plan and choose 'At renewal' — you keep full access until {date2}.",
                "For {seats} people the main differences are: Growth includes approval workflows, Slack and accounting integrations and up to 10 guests; Enterprise adds SAML SSO, SCIM provisioning, SFTP exports, unlimited guests and a higher API limit (1,200 requests/minute). Annual billing saves about 17% on either plan, and you can switch under Settings → Billing → Plan.",
            ],
            promptAnswers: [[0], [0], [1], [0], [1]],
            failures: [
                Failure("Downgrading permanently deletes all approval workflows and audit history, so export them first.",
                        correction: "Downgrading pauses multi-step workflows; nothing is deleted, and they come back after upgrading again. Audit history is always kept.",
                        escalation: "assistant gave wrong plan information", onlyFor: [0, 4]),
                Failure("Done — I've cancelled your subscription. Your workspace is now on the free read-only tier.",
                        correction: "The customer asked to cancel at the end of the term. Immediate cancellation was wrong; it has been reverted to 'At renewal' on {date2} and the workspace is fully active.",
                        escalation: "assistant took unrequested action",
                        action: ToolTemplate("cancel_subscription", ["workspace": "{workspace}", "effective": "immediately"]),
                        onlyFor: [3]),
                Failure("You can only switch to annual billing at your next renewal, and annual discounts are negotiated with sales.",
                        correction: "You can switch to annual any time under Settings → Billing → Plan. It takes effect immediately at the annual price (about 17% less), and the unused part of the current month is credited.",
                        escalation: "assistant gave wrong plan information", onlyFor: [1, 2]),
            ],
            tools: [
                ToolTemplate("get_subscription", ["workspace": "{workspace}"], errors: ["timeout after 30000ms"]),
            ]),
    ]

    // MARK: Identity: SSO and SCIM

    static let identity: [Scenario] = [
        Scenario(
            intent: "sso.saml_setup", weight: 30, audience: .paid,
            pages: ["/settings/security/sso", "/settings/sso", "/settings/security"],
            sources: ["kb/sso-saml-setup", "kb/sso-okta-setup#step-4", "kb/sso-azure-ad-setup#step-2",
                      "kb/sso-google-saml", "changelog/2026-10-14"],
            kbQuery: ["saml setup {idp}", "acs url entity id", "nameid format"],
            prompts: [
                "How do I set up SAML SSO with {idp}?",
                "Setting up {idp} for {company} — what ACS URL and entity ID do I use?",
                "we're on {plan}, can we use {idp} SAML? where's the setting",
                "Need the metadata URL for the {idp} SAML app",
                "SAML setup with {idp}: which NameID format should I pick?",
                "Trying to connect {idp}, it says 'Audience mismatch'. help",
                "Our {idp} signing certificate expires on {date2}. How do I rotate it in Ledgerly?",
            ],
            answers: [
                "Here's how to connect {idp} (SAML SSO is part of the Enterprise plan):\n1. In Ledgerly go to Settings → Security → Single sign-on (/settings/security/sso) and click Add SAML provider.\n2. Copy the ACS URL (https://app.ledgerly.example/sso/saml/acs) and the Entity ID (https://app.ledgerly.example/sso/saml/metadata/{workspace}) into the {idp} app.\n3. Set the NameID format to emailAddress and map the email attribute.\n4. Paste the {idp} metadata URL back into Ledgerly and click Test connection.\n5. Only when the test passes, turn on Enforce SSO.\nAn 'Audience mismatch' error almost always means the Entity ID in {idp} doesn't exactly match the one shown in Ledgerly, including the workspace slug.",
                "To rotate the {idp} certificate without locking anyone out:\n1. Open Settings → Security → Single sign-on and click Add certificate next to your {idp} connection.\n2. Upload the new certificate — both certificates are accepted while they overlap.\n3. Click Test connection, then Make primary.\n4. Remove the old certificate after {date2}.\nKeep Enforce SSO switched on the whole time; nobody needs a password during the rotation.",
            ],
            promptAnswers: [[0], [0], [0], [0], [0], [0], [1]],
            failures: [
                Failure("Ledgerly supports SAML on all plans, including Starter. Just enable 'SSO (beta)' under Settings → Labs and upload your {idp} metadata.",
                        correction: "SAML SSO is Enterprise only, and there is no Labs menu. The setting is Settings → Security → Single sign-on (/settings/security/sso).",
                        escalation: "assistant described a feature that does not exist", onlyFor: [0, 2, 3]),
                Failure("Set the NameID format to persistent; Ledgerly will match users by their {idp} object ID.",
                        correction: "Ledgerly matches users by email, so NameID must be emailAddress. Persistent IDs cause 'user not found' errors on first login.",
                        escalation: "assistant gave wrong SSO steps", onlyFor: [0, 1, 4, 5]),
                Failure("Delete the old {idp} certificate first, then upload the new one and save. Members may need to log in again afterwards.",
                        correction: "Never delete the old certificate first — everyone is locked out until the new one is active. Use Add certificate, Test connection, then Make primary, and remove the old one after it expires.",
                        escalation: "assistant gave wrong SSO steps", onlyFor: [6]),
            ],
            tools: [
                ToolTemplate("get_sso_config", ["workspace": "{workspace}"], errors: ["403 insufficient_scope", "timeout after 30000ms"]),
            ]),
        Scenario(
            intent: "sso.login_loop", weight: 18, audience: .paid,
            pages: ["/settings/security/sso", "/login", "/login/sso"],
            sources: ["kb/sso-troubleshooting#redirect-loop", "kb/sso-troubleshooting#clock-skew", "kb/sso-recovery-codes"],
            kbQuery: ["sso redirect loop", "saml login loop"],
            prompts: [
                "After enabling SSO with {idp}, users get stuck in a redirect loop between {idp} and Ledgerly",
                "login loop!!! {count} people can't get in since this morning",
                "SSO keeps redirecting me back to the login page",
                "Clicking 'Sign in with SSO' goes to {idp}, then back to the Ledgerly login, forever",
                "one of our admins is locked out after we turned on Enforce SSO",
            ],
            answers: [
                "A redirect loop after SAML login usually has one of three causes:\n1. The NameID isn't emailAddress, so Ledgerly can't match the user — check the {idp} app's NameID format.\n2. The user's email in {idp} differs from their Ledgerly email (for example an alias).\n3. Clock skew: assertions are rejected if the {idp} clock is more than 3 minutes off.\nSettings → Security → Single sign-on → Recent logins shows the exact rejection reason for each attempt. Owners can still sign in with a recovery code at /login/recovery while you fix it — please don't turn off Enforce SSO for everyone.",
                "Let's find the cause first: open Settings → Security → Single sign-on → Recent logins. Each failed attempt shows a reason such as 'NameID format', 'user not found' or 'assertion expired'. 'user not found' means the {idp} email doesn't match the Ledgerly email; 'assertion expired' means clock skew. If the admin is fully locked out, the workspace Owner can sign in at /login/recovery with a recovery code.",
            ],
            failures: [
                Failure("Easiest fix: turn off Enforce SSO, ask everyone to log in with their password, and then turn it back on.",
                        correction: "Don't disable Enforce SSO — members without passwords are locked out and SCIM-provisioned users can't sign in at all. Check NameID format, email match and clock skew in Settings → Security → Single sign-on → Recent logins; owners can use /login/recovery.",
                        escalation: "admin locked out after disabling Enforce SSO"),
                Failure("This is a known outage on our side and it will resolve itself within 24 hours.",
                        correction: "There was no outage. Redirect loops come from the SAML configuration (NameID format, email mismatch or clock skew); the Recent logins log shows which one.",
                        escalation: "assistant invented an outage"),
            ],
            tools: [
                ToolTemplate("get_sso_config", ["workspace": "{workspace}"], errors: ["timeout after 30000ms"]),
                ToolTemplate("get_recent_logins", ["workspace": "{workspace}", "limit": "20"], errors: ["403 insufficient_scope"]),
            ]),
        Scenario(
            intent: "sso.scim_provisioning", weight: 16, audience: .paid,
            pages: ["/settings/security/provisioning", "/settings/members"],
            sources: ["kb/scim-provisioning", "kb/scim-provisioning#deprovisioning", "kb/scim-group-push"],
            kbQuery: ["scim token", "scim deprovision suspended"],
            prompts: [
                "SCIM isn't removing users when we deprovision them in {idp}",
                "where do I find the SCIM token?",
                "{idp} SCIM push says 'Error 409 user already exists'",
                "Does SCIM group push set Ledgerly roles? Our {idp} groups didn't map",
                "deactivated {count} users in {idp}, they still show up as members in Ledgerly",
            ],
            answers: [
                "SCIM lives under Settings → Security → Provisioning. The base URL is https://app.ledgerly.example/scim/v2, and you generate the bearer token on that page (it's only shown once).\nA few behaviours that surprise people:\n• Deprovisioned users are suspended, not deleted — they stay in the member list with a 'Suspended' badge and don't use a seat.\n• Group push maps {idp} groups to Ledgerly teams, not roles; roles are still managed in Ledgerly.\n• A 409 means a member with that email already exists; click Match existing users to link them.",
            ],
            failures: [
                Failure("The SCIM token is under Admin → Integrations → Directory sync → Legacy token.",
                        correction: "SCIM is under Settings → Security → Provisioning; there is no 'Directory sync' page.",
                        escalation: "assistant gave wrong settings path", onlyFor: [1]),
                Failure("Group push assigns roles automatically: a group called 'Ledgerly Admins' becomes Admin, everything else becomes Member.",
                        correction: "Group push only creates teams. Roles are never assigned through SCIM; change them in Settings → Members.",
                        escalation: "assistant described a feature that does not exist", onlyFor: [3]),
                Failure("Deprovisioned users are deleted immediately together with their expenses. If they still show up, SCIM isn't connected — reconnect it and push again.",
                        correction: "Deprovisioned users are suspended, not deleted: they stay in the member list with a 'Suspended' badge, keep their expense history and don't use a seat.",
                        escalation: "assistant gave wrong SSO steps", onlyFor: [0, 2, 4]),
            ],
            tools: [
                ToolTemplate("get_workspace_members", ["workspace": "{workspace}", "status": "suspended"], errors: ["timeout after 30000ms", "403 insufficient_scope"]),
            ]),
    ]

    // MARK: People and permissions

    static let people: [Scenario] = [
        Scenario(
            intent: "permissions.role_change", weight: 30, audience: .anyone,
            pages: ["/settings/members", "/settings/members/roles"],
            sources: ["kb/roles-and-permissions", "kb/roles-and-permissions#owner", "kb/transfer-ownership"],
            kbQuery: ["change member role", "transfer ownership"],
            prompts: [
                "How do I make {coworker} an admin?",
                "need to remove admin rights from {coworker}, they moved teams",
                "I'm an admin but can't change my own role to Finance Admin",
                "how do we transfer workspace ownership? the owner ({coworker}) is leaving {company}",
                "what's the difference between Admin and Finance Admin",
                "Can an Approver see everyone's expenses?",
            ],
            answers: [
                "Roles are managed in Settings → Members:\n1. Find {coworker}, open the ⋯ menu and choose Change role.\n2. Pick Owner, Admin, Finance Admin, Approver, Member or Guest.\nOnly the Owner can grant or remove Admin, and nobody can change their own role — ask another admin or the Owner. Ownership is transferred from the Owner's own ⋯ menu → Transfer ownership; the new owner has to accept by email within 7 days.",
                "Short version: Admins manage members, security and settings; Finance Admins manage billing, exports and accounting integrations but can't manage members or security. Approvers only see expenses routed to them for approval, not everyone's. You can compare all roles under Settings → Members → Roles.",
            ],
            promptAnswers: [[0], [0], [0], [0], [1], [1]],
            failures: [
                Failure("Any Admin can promote another member to Owner from Settings → Members → Change role.",
                        correction: "Only the current Owner can transfer ownership (⋯ → Transfer ownership), and the recipient must accept by email. Admins can't create Owners.",
                        escalation: "assistant gave wrong permission information", onlyFor: [0, 1, 3]),
                Failure("Done — I've changed {coworker}'s role to Admin. They'll see the new menus after refreshing.",
                        correction: "The assistant must not change roles on request from a non-owner. The change was reverted; the Owner has to grant Admin in Settings → Members.",
                        escalation: "unsafe action taken by assistant",
                        action: ToolTemplate("update_role", ["workspace": "{workspace}", "member": "{coworker}", "role": "admin"]),
                        onlyFor: [0, 1]),
                Failure("Finance Admins can see and approve every expense in the workspace, and Approvers can see everyone's expenses as well.",
                        correction: "Approvers only see expenses routed to them for approval. Finance Admins manage billing, exports and accounting integrations; they don't approve expenses unless they're in a workflow.",
                        escalation: "assistant gave wrong permission information", onlyFor: [4, 5]),
                Failure("You can change your own role under Profile → Role; pick Finance Admin and save.",
                        correction: "Nobody can change their own role. Another admin or the Owner has to do it in Settings → Members → ⋯ → Change role.",
                        escalation: "assistant gave wrong settings path", onlyFor: [2]),
            ],
            tools: [
                ToolTemplate("get_workspace_members", ["workspace": "{workspace}", "role": "admin"], errors: ["timeout after 30000ms"]),
                ToolTemplate("update_role", ["workspace": "{workspace}", "member": "{coworker}", "role": "member"], errors: ["403 insufficient_scope", "cannot_change_own_role"]),
            ]),
        Scenario(
            intent: "permissions.guest_access", weight: 16, audience: .anyone,
            pages: ["/settings/members", "/reports"],
            sources: ["kb/guests", "kb/guests#limits", "kb/sharing-reports"],
            kbQuery: ["guest access report", "guest limits"],
            prompts: [
                "Our external accountant is a guest, why can't they see the {date} expense report?",
                "how many guests can we invite on {plan}?",
                "Do guests count as paid seats?",
                "invite a contractor without giving access to everything",
            ],
            answers: [
                "Guests only see items that are explicitly shared with them. To give your accountant access to a report, open it and click Share → Add guest. Guests can't see dashboards, other reports or the member list.\nGuests are free and don't use a seat. Growth includes up to 10 guests, Enterprise has no limit, and Starter doesn't support guests.",
            ],
            failures: [
                Failure("Guests automatically see every report in the workspace, but they can't edit anything.",
                        correction: "Guests only see items explicitly shared with them (Share → Add guest). They don't see all reports.",
                        escalation: "assistant gave wrong permission information", onlyFor: [0, 3]),
                Failure("Guests count as paid seats at the Member price, so inviting your accountant adds one seat to your next invoice.",
                        correction: "Guests are free and don't use a seat. Growth allows 10 guests, Enterprise unlimited.",
                        escalation: "billing dispute", onlyFor: [1, 2]),
            ],
            tools: [
                ToolTemplate("get_workspace_members", ["workspace": "{workspace}", "role": "guest"], errors: ["timeout after 30000ms"]),
            ]),
        Scenario(
            intent: "permissions.approvals", weight: 18, audience: .anyone,
            pages: ["/settings/policies/approvals", "/approvals"],
            sources: ["kb/approval-workflows", "kb/approval-workflows#delegation", "kb/out-of-office"],
            kbQuery: ["two level approval", "delegate approvals"],
            prompts: [
                "How do I set up two-level approval for expenses over {amount}?",
                "{coworker} is on vacation, how do I delegate their approvals",
                "expenses are skipping the approver and going straight to reimbursement",
                "Can the CFO approve everything above {amount_small} automatically?",
            ],
            answers: [
                "Approval workflows are under Settings → Policies → Approvals (Growth and Enterprise):\n1. Click New rule and set the condition 'Amount greater than {amount}'.\n2. Add the first approver (for example the team manager), then click Add step for the second approver.\n3. Save — the rule applies to expenses submitted after that moment.\nFor vacations, the approver can set a delegate under Profile → Out of office, or an admin can reassign pending items in bulk from Approvals → Pending.",
                "If expenses skip the approver, check two things: whether the submitter is the approver themselves (self-approval steps are skipped by default), and whether the expense is below the rule's threshold. Settings → Policies → Approvals → Test rule lets you run a sample expense through the workflow and shows which step applies.",
            ],
            promptAnswers: [[0], [0], [1], [0]],
            failures: [
                Failure("Go to Admin → Workflows → Expense chains and enable 'Multi-approve'.",
                        correction: "The right path is Settings → Policies → Approvals → New rule → Add step. There is no Workflows menu.",
                        escalation: "assistant gave wrong settings path", onlyFor: [0, 3]),
                Failure("Delegation isn't possible in Ledgerly; you'll need to temporarily make a colleague an Admin.",
                        correction: "Approvers can set a delegate under Profile → Out of office, and admins can reassign pending approvals. No role change is needed.",
                        escalation: "assistant gave wrong permission information", onlyFor: [1]),
                Failure("Expenses under $75 always skip approval — that's a fixed platform rule and can't be changed.",
                        correction: "There's no fixed threshold. Check whether the submitter is the approver (self-approval steps are skipped) and run the expense through Settings → Policies → Approvals → Test rule.",
                        escalation: "assistant described a feature that does not exist", onlyFor: [2]),
            ],
            tools: []),
    ]

    // MARK: Integrations

    static let integrations: [Scenario] = [
        Scenario(
            intent: "integrations.salesforce", weight: 18, audience: .paid,
            pages: ["/settings/integrations/salesforce", "/settings/integrations"],
            sources: ["kb/integrations-salesforce", "kb/integrations-salesforce#invalid-session", "kb/integrations-salesforce#field-mapping"],
            kbQuery: ["salesforce invalid_session_id", "salesforce field mapping"],
            prompts: [
                "Salesforce sync failing with INVALID_SESSION_ID since {date}",
                "How do I map Ledgerly projects to Salesforce {sf_object}s?",
                "We're on Salesforce Professional edition — can we use the integration?",
                "salesforce sync stuck on 'Pending' for {days} days",
                "billable expenses aren't showing up on the {sf_object} in Salesforce",
            ],
            answers: [
                "INVALID_SESSION_ID means the Salesforce user who connected the integration has an expired or revoked token — usually after a password reset or a session policy change. To fix it:\n1. Go to Settings → Integrations → Salesforce.\n2. Click Reconnect and sign in as a Salesforce user with API access.\n3. Run Sync now; billable expenses then sync every 30 minutes.\nThe integration needs API access, which Salesforce includes in Enterprise edition and above (Professional needs the API add-on). Mapping to {sf_object} is set under Field mapping on the same page.",
            ],
            failures: [
                Failure("Ledgerly's Salesforce integration works through a flat file, so export a CSV and import it into Salesforce once a day.",
                        correction: "The integration syncs automatically every 30 minutes via the Salesforce API. INVALID_SESSION_ID is fixed with Reconnect in Settings → Integrations → Salesforce.",
                        escalation: "assistant described a feature that does not exist", onlyFor: [0, 1, 3, 4]),
                Failure("The Salesforce integration works with every Salesforce edition, so Professional is fine.",
                        correction: "It needs API access: Enterprise edition and above, or Professional with the API add-on.",
                        escalation: "integration misconfigured", onlyFor: [2]),
            ],
            tools: [
                ToolTemplate("check_integration_status", ["workspace": "{workspace}", "integration": "salesforce"], errors: ["timeout after 30000ms", "upstream INVALID_SESSION_ID"]),
            ]),
        Scenario(
            intent: "integrations.slack", weight: 18, audience: .anyone,
            pages: ["/settings/integrations/slack", "/settings/integrations"],
            sources: ["kb/integrations-slack", "kb/integrations-slack#approvals", "kb/integrations-slack#reinstall"],
            kbQuery: ["slack approvals", "ledgerly link slack"],
            prompts: [
                "Slack approvals not showing up for {coworker}",
                "how do I approve expenses from Slack",
                "the /ledgerly command says 'account not linked'",
                "we stopped getting Slack notifications after reinstalling the app",
            ],
            answers: [
                "Slack approvals need two things: the person has the Approver (or Admin) role in Ledgerly, and their Slack account is linked. Ask {coworker} to type /ledgerly link in Slack and follow the prompt. If notifications stopped after a reinstall, an admin needs to reconnect under Settings → Integrations → Slack and pick the notification channel again — reinstalling the Slack app resets the channel mapping.",
            ],
            failures: [
                Failure("Slack approvals are only available on the Enterprise plan.",
                        correction: "Slack approvals work on Growth and Enterprise. The usual cause is an unlinked account — /ledgerly link fixes it.",
                        escalation: "assistant gave wrong plan information"),
                Failure("Type /ledgerly approve-all in any channel to approve everything that's pending.",
                        correction: "There is no approve-all command. Approvals are done per item from the Slack message buttons after linking with /ledgerly link.",
                        escalation: "assistant described a feature that does not exist", onlyFor: [1]),
            ],
            tools: [
                ToolTemplate("check_integration_status", ["workspace": "{workspace}", "integration": "slack"], errors: ["timeout after 30000ms"]),
            ]),
        Scenario(
            intent: "integrations.netsuite", weight: 14, audience: .paid,
            pages: ["/settings/integrations/netsuite"],
            sources: ["kb/integrations-netsuite", "kb/integrations-netsuite#tba", "kb/integrations-netsuite#subsidiaries"],
            kbQuery: ["netsuite invalid login attempt", "netsuite subsidiaries"],
            prompts: [
                "NetSuite export fails: 'Invalid login attempt'",
                "How do we map Ledgerly entities to NetSuite subsidiaries?",
                "expenses exported to NetSuite as journal entries, we want vendor bills",
                "NetSuite sync error: 'You do not have permissions to set a value for element subsidiary'",
            ],
            answers: [
                "'Invalid login attempt' from NetSuite almost always means the token-based authentication role is missing a permission. In NetSuite, give the integration role 'Log in using Access Tokens' and 'Web Services' (Setup → Users/Roles), then regenerate the token and paste it into Ledgerly under Settings → Integrations → NetSuite → Credentials.\nSubsidiaries are mapped per Ledgerly entity on the Mapping tab, and you can switch the export type from Expense report to Vendor bill under Export settings.",
            ],
            failures: [
                Failure("NetSuite needs your admin username and password; enter them under Credentials and the error will go away.",
                        correction: "Ledgerly uses token-based authentication; never enter a username and password. Add 'Log in using Access Tokens' and 'Web Services' to the role and regenerate the token.",
                        escalation: "security concern reported", onlyFor: [0, 1, 3]),
                Failure("Vendor bills aren't supported; Ledgerly can only export journal entries to NetSuite.",
                        correction: "The export type can be set to Vendor bill under Settings → Integrations → NetSuite → Export settings.",
                        escalation: "assistant described a feature that does not exist", onlyFor: [2]),
            ],
            tools: [
                ToolTemplate("check_integration_status", ["workspace": "{workspace}", "integration": "netsuite"], errors: ["upstream INVALID_LOGIN_ATTEMPT", "timeout after 30000ms"]),
            ]),
        Scenario(
            intent: "integrations.quickbooks", weight: 16, audience: .anyone,
            pages: ["/settings/integrations/quickbooks"],
            sources: ["kb/integrations-quickbooks", "kb/integrations-quickbooks#duplicates", "kb/integrations-quickbooks#chart-of-accounts"],
            kbQuery: ["quickbooks duplicates", "quickbooks chart of accounts"],
            prompts: [
                "QuickBooks is showing every expense twice",
                "how to map categories to our QuickBooks chart of accounts",
                "QBO sync error: Duplicate Document Number for the {date} batch",
                "Can Ledgerly push receipts to QuickBooks Online?",
            ],
            answers: [
                "Duplicates in QuickBooks happen when Auto-sync is on and someone also exports manually. Pick one: in Settings → Integrations → QuickBooks, either keep Auto-sync on and stop manual exports, or turn it off. To clean up, open Sync history, select the duplicated batch from {date} and click Undo export — Ledgerly deletes the copies it created.\nCategory mapping is on the Chart of accounts tab, and receipts are attached to the QuickBooks transaction automatically.",
            ],
            failures: [
                Failure("I've deleted the duplicate expenses from your QuickBooks company for you.",
                        correction: "The assistant can't access QuickBooks and nothing was deleted. Use Sync history → Undo export in Ledgerly.",
                        escalation: "assistant claimed an action it cannot take", onlyFor: [0, 2]),
                Failure("Just disconnect and reconnect QuickBooks; that removes the duplicates.",
                        correction: "Reconnecting doesn't remove anything. Use Sync history → Undo export, and use either Auto-sync or manual exports, not both.",
                        escalation: "integration misconfigured", onlyFor: [0, 2]),
                Failure("Ledgerly can't send receipts or categories to QuickBooks; you'll need to attach receipts and map accounts manually in QuickBooks.",
                        correction: "Receipts are attached to the QuickBooks transaction automatically, and categories are mapped on the Chart of accounts tab in Settings → Integrations → QuickBooks.",
                        escalation: "assistant described a missing option as impossible", onlyFor: [1, 3]),
            ],
            tools: [
                ToolTemplate("check_integration_status", ["workspace": "{workspace}", "integration": "quickbooks"], errors: ["timeout after 30000ms"]),
            ]),
        Scenario(
            intent: "integrations.webhooks", weight: 12, audience: .paid,
            pages: ["/settings/developers/webhooks"],
            sources: ["kb/webhooks", "kb/webhooks#signatures", "kb/webhooks#retries", "api/reference#webhooks"],
            kbQuery: ["webhook signature", "webhook retries"],
            prompts: [
                "How do I verify webhook signatures?",
                "our webhook endpoint {webhook_url} was disabled, why",
                "Are webhooks retried if our server returns 500?",
                "getting duplicate expense.approved webhooks",
            ],
            answers: [
                "Every webhook includes a Ledgerly-Signature header: an HMAC-SHA256 of the raw request body with your endpoint's signing secret (Settings → Developers → Webhooks). Compare it in constant time, and reject events older than 5 minutes using the timestamp in the header.\nFailed deliveries (any non-2xx or a timeout after 10 s) are retried 8 times over 24 hours with exponential backoff, which is why you may see the same event twice — deduplicate on event.id. An endpoint is disabled immediately if it returns 410 Gone, or after 3 days of continuous failures; re-enable it from the same page.",
            ],
            failures: [
                Failure("Webhooks are authenticated with your API key as a bearer token in the Authorization header.",
                        correction: "Webhooks are verified with the Ledgerly-Signature header (HMAC-SHA256 of the raw body with the endpoint secret), not the API key.",
                        escalation: "security concern reported", onlyFor: [0]),
                Failure("Webhooks are not retried; if your server is down, the event is lost.",
                        correction: "Failed deliveries are retried 8 times over 24 hours with exponential backoff.",
                        escalation: "assistant gave wrong API information", onlyFor: [1, 2, 3]),
            ],
            tools: [
                ToolTemplate("get_webhook_deliveries", ["endpoint": "{webhook_url}", "limit": "50"], errors: ["timeout after 30000ms"]),
            ]),
    ]

    // MARK: Exports and data

    static let data: [Scenario] = [
        Scenario(
            intent: "exports.csv", weight: 30, audience: .anyone,
            pages: ["/reports/export", "/reports"],
            sources: ["kb/exports-csv", "kb/exports-csv#time-zones", "kb/exports-csv#excel", "kb/exports-limits"],
            kbQuery: ["csv export timezone", "export date format"],
            prompts: [
                "CSV export dates are one day off",
                "How do I export all expenses from {date} to {date2} as CSV?",
                "Excel opens the export with everything in one column",
                "export is capped at 100k rows? we have {rows}",
                "Dates in the CSV are in MM/DD/YYYY but we need ISO",
                "Export times are in UTC, we need {tz}",
            ],
            answers: [
                "Exports are under Reports → Export:\n1. Pick the date range and CSV.\n2. Under Options, choose the time zone — Workspace time zone ({tz}) or UTC. Dates that look one day off are usually late-evening expenses shown in UTC.\n3. The date format defaults to ISO 8601 (YYYY-MM-DD); you can switch to DD/MM/YYYY or MM/DD/YYYY.\n4. If Excel puts everything in one column, choose the semicolon delimiter (common with European Excel settings).\nOne export is limited to 100,000 rows; for {rows} rows use a scheduled export, which splits the file automatically.",
                "In Reports → Export, open Options before clicking Export. Time zone controls how timestamps are written (Workspace time zone is {tz} for {company}); Date format lets you pick ISO 8601, DD/MM/YYYY or MM/DD/YYYY. Both settings are remembered for your next export.",
            ],
            promptAnswers: [[0, 1], [0], [0], [0], [0, 1], [0, 1]],
            failures: [
                Failure("Go to Settings → Data → Export center and choose 'Local time' there.",
                        correction: "There's no Export center. Use Reports → Export → Options → Time zone (Workspace time zone or UTC).",
                        escalation: "assistant gave wrong settings path"),
                Failure("CSV exports always use UTC; there's no way to change it, so you'll need to convert the dates in Excel.",
                        correction: "The export dialog has a Time zone option (Workspace time zone or UTC) under Options.",
                        escalation: "assistant described a missing option as impossible", onlyFor: [0, 1, 4, 5]),
            ],
            tools: [
                ToolTemplate("create_export", ["workspace": "{workspace}", "format": "csv", "from": "{iso_date}", "timezone": "{tz}"], errors: ["export_row_limit_exceeded", "timeout after 30000ms"]),
            ]),
        Scenario(
            intent: "exports.scheduled", weight: 12, audience: .anyone,
            pages: ["/reports/export/schedules"],
            sources: ["kb/exports-scheduled", "kb/exports-sftp"],
            kbQuery: ["scheduled export email", "sftp export"],
            prompts: [
                "Can I schedule a weekly CSV export to our finance inbox?",
                "scheduled export stopped arriving at {email}",
                "how to send the export to SFTP",
            ],
            answers: [
                "Yes — Reports → Export → Schedule lets you send a CSV or XLSX daily, weekly or monthly to up to 5 email addresses, or to an SFTP server on Enterprise. If emails stopped arriving at {email}, check Schedule → History: after 3 bounces the address is paused and an admin needs to click Resume.",
            ],
            failures: [
                Failure("Scheduled exports can also be sent straight to Google Drive or Dropbox.",
                        correction: "Destinations are email (up to 5 addresses) and SFTP on Enterprise only; there's no Google Drive or Dropbox destination.",
                        escalation: "assistant described a feature that does not exist", onlyFor: [0, 2]),
                Failure("Scheduled exports are an Enterprise-only feature.",
                        correction: "Email schedules work on Growth and Enterprise; only SFTP delivery is Enterprise-only.",
                        escalation: "assistant gave wrong plan information"),
            ],
            tools: [
                ToolTemplate("create_export", ["workspace": "{workspace}", "format": "csv", "schedule": "weekly", "destination": "{email}"], errors: ["403 insufficient_scope"]),
            ]),
        Scenario(
            intent: "account.delete", weight: 14, audience: .anyone,
            pages: ["/settings/workspace", "/settings/workspace/delete", "/profile"],
            sources: ["kb/delete-workspace", "kb/data-retention", "kb/leave-workspace"],
            kbQuery: ["delete workspace", "data retention after deletion"],
            prompts: [
                "How do I delete our workspace? We're shutting down {company}",
                "delete my account and all my data please",
                "If we delete the workspace, can we get it back?",
                "I'm the owner and the Delete workspace button is grey",
            ],
            answers: [
                "Only the workspace Owner can delete it, from Settings → Workspace → Delete workspace. The button is disabled while a paid subscription is active, so cancel the plan first under Settings → Billing → Plan.\nAfter deletion there's a 30-day grace period during which support can restore the workspace; after that the data is permanently deleted, and backups are purged within a further 35 days. If you only want to remove your own account from a workspace someone else owns, use Profile → Leave workspace.",
            ],
            failures: [
                Failure("I've deleted the workspace {workspace} for you. This can't be undone.",
                        correction: "The assistant can't and mustn't delete workspaces. Nothing was deleted; only the Owner can do it from Settings → Workspace → Delete workspace, and there is a 30-day grace period.",
                        escalation: "unsafe action taken by assistant",
                        action: ToolTemplate("delete_workspace", ["workspace": "{workspace}", "confirm": "true"]),
                        onlyFor: [0, 1]),
                Failure("Deleted workspaces are kept for 90 days and can be restored by any admin during that time.",
                        correction: "The grace period is 30 days, restoration goes through support, and backups are purged within a further 35 days.",
                        escalation: "legal or privacy request", onlyFor: [1, 2, 3]),
            ],
            tools: [
                ToolTemplate("get_subscription", ["workspace": "{workspace}"], errors: ["timeout after 30000ms"]),
            ]),
        Scenario(
            intent: "account.data_request", weight: 10, audience: .anyone,
            pages: ["/profile/privacy", "/settings/workspace/legal"],
            sources: ["kb/privacy-data-export", "kb/gdpr-requests", "legal/dpa"],
            kbQuery: ["gdpr data export", "dpa"],
            prompts: [
                "GDPR request: please send me all personal data you hold about me",
                "How do I export my data before leaving {company}?",
                "Need a DPA signed for our procurement team",
                "A former employee asked us for their data under GDPR, what do we do?",
            ],
            answers: [
                "You can download your own personal data any time from Profile → Privacy → Export my data; the archive (JSON plus receipts) is emailed within 24 hours. For formal requests — access, erasure or correction under GDPR — email privacy@ledgerly.example and we reply within 30 days.\nWorkspace admins can export a former member's expense data from Reports → Export, filtered by that person. Our DPA can be signed electronically at Settings → Workspace → Legal documents.",
            ],
            failures: [
                Failure("I'm unable to help with legal or privacy questions.",
                        correction: "Data requests are in scope: Profile → Privacy → Export my data, and formal GDPR requests go to privacy@ledgerly.example (answered within 30 days).",
                        escalation: "legal or privacy request"),
                Failure("We'll send a copy of your data by postal mail within 90 days.",
                        correction: "The self-service export is emailed within 24 hours; formal requests are answered within 30 days.",
                        escalation: "legal or privacy request", onlyFor: [0, 1, 3]),
            ],
            tools: []),
    ]

    // MARK: API, expenses and reimbursements

    static let platform: [Scenario] = [
        Scenario(
            intent: "api.rate_limits", weight: 14, audience: .paid,
            pages: ["/settings/developers", "/settings/developers/usage"],
            sources: ["api/reference#rate-limits", "kb/api-rate-limits", "api/reference#bulk-endpoints"],
            kbQuery: ["api rate limit 429", "retry-after"],
            prompts: [
                "We keep getting 429 Too Many Requests from /v2/expenses",
                "what's the API rate limit on {plan}?",
                "our nightly sync of {rows} expenses hits rate limits, can you raise it?",
                "Is the rate limit per key or per workspace?",
            ],
            answers: [
                "Rate limits are per workspace, not per key: Starter 120 requests/minute, Growth 600, Enterprise 1,200. When you go over, the API answers 429 with a Retry-After header (in seconds) — wait that long before retrying, and use exponential backoff with jitter.\nFor bulk syncs like {rows} expenses, use GET /v2/expenses?updated_since=… with page_size=500, which counts as one request per page. Enterprise customers can ask their account manager for a temporary increase.",
            ],
            failures: [
                Failure("The limit is 10,000 requests per minute per API key, so just create more keys.",
                        correction: "Limits are per workspace (120/600/1,200 per minute by plan), so extra keys don't help. Respect Retry-After and use the bulk endpoint.",
                        escalation: "assistant gave wrong API information"),
                Failure("I can't share information about API limits for security reasons.",
                        correction: "Rate limits are public in the API docs: Starter 120/min, Growth 600/min, Enterprise 1,200/min per workspace.",
                        escalation: "assistant refused in-scope request"),
            ],
            tools: [
                ToolTemplate("get_api_usage", ["workspace": "{workspace}", "window": "24h"], errors: ["timeout after 30000ms"]),
            ]),
        Scenario(
            intent: "api.keys", weight: 12, audience: .paid,
            pages: ["/settings/developers/api-keys"],
            sources: ["api/reference#authentication", "kb/api-keys", "kb/api-keys#scopes", "kb/security-audit-log"],
            kbQuery: ["rotate api key", "insufficient_scope"],
            prompts: [
                "How do I rotate an API key without downtime?",
                "API returns 403 insufficient_scope when creating expenses",
                "our key {key_prefix}… leaked in a GitHub repo, what do we do",
                "Can I restrict an API key to read-only?",
            ],
            answers: [
                "API keys live under Settings → Developers → API keys. To rotate without downtime:\n1. Create a new key with the same scopes.\n2. Deploy it, then watch Last used on the old key.\n3. Revoke the old key once it shows no traffic.\nA 403 insufficient_scope means the key lacks a scope — creating expenses needs write:expenses. If a key leaked, revoke it immediately (revocation is instant), create a new one and review Settings → Security → Audit log for requests from unknown IPs.",
            ],
            failures: [
                Failure("Just paste the full key here and I'll check whether it's still valid.",
                        correction: "Never ask customers to paste secrets. A leaked key should be revoked immediately under Settings → Developers → API keys and the audit log reviewed.",
                        escalation: "security concern reported", onlyFor: [0, 2]),
                Failure("Keys can't be restricted; every key has full admin access to the workspace.",
                        correction: "Keys have scopes (read:expenses, write:expenses, admin:members …). Create a key with only read:expenses for read-only access.",
                        escalation: "assistant gave wrong API information", onlyFor: [1, 3]),
            ],
            tools: [
                ToolTemplate("get_api_usage", ["workspace": "{workspace}", "key_prefix": "{key_prefix}"], errors: ["403 insufficient_scope"]),
            ]),
        Scenario(
            intent: "expenses.receipts", weight: 16, audience: .anyone,
            pages: ["/expenses", "/expenses/new", "/settings/policies/mileage"],
            sources: ["kb/receipt-scanning", "kb/email-receipts", "kb/mileage"],
            kbQuery: ["receipt scan wrong amount", "forward receipts email"],
            prompts: [
                "receipt scanning read the total as {amount_small} instead of the real amount",
                "Can I forward receipts by email?",
                "mileage is calculated in miles but we're in {country}, need km",
                "the app rejected my receipt photo, says 'unreadable'",
            ],
            answers: [
                "You can correct any field the scanner reads: open the expense, click the amount and type the right value — the receipt stays attached. Receipts can also be forwarded to receipts@ledgerly.example from the email address on your profile; they show up in your Unreported list within a few minutes. Mileage units follow the workspace policy (Settings → Policies → Mileage), where an admin can switch between km and miles.",
            ],
            failures: [
                Failure("Scanned amounts can't be edited. Delete the expense and submit the receipt again.",
                        correction: "Every scanned field can be edited: open the expense and click the amount.",
                        escalation: "repeated failed answers", onlyFor: [0, 3]),
                Failure("Forward the receipt to your manager and they'll upload it for you.",
                        correction: "Members can forward receipts themselves to receipts@ledgerly.example from their profile email address.",
                        escalation: "assistant could not resolve after 3 turns", onlyFor: [1]),
                Failure("Mileage is always calculated in miles in Ledgerly; convert the distance to miles before you submit.",
                        correction: "An admin can switch the mileage unit to km under Settings → Policies → Mileage; rates then apply per km.",
                        escalation: "assistant described a missing option as impossible", onlyFor: [2]),
            ],
            tools: []),
        Scenario(
            intent: "reimbursements.payout", weight: 16, audience: .anyone,
            pages: ["/reimbursements", "/settings/payouts"],
            sources: ["kb/reimbursements", "kb/reimbursements#timing", "kb/payout-bank-details"],
            kbQuery: ["reimbursement timing", "payout bank details"],
            prompts: [
                "When will I get reimbursed for the {amount_small} I submitted on {date}?",
                "reimbursement says 'paid' but nothing in my bank",
                "how do I change the bank account for reimbursements",
                "Our team in {country} hasn't been reimbursed this month",
            ],
            answers: [
                "Reimbursements go out in the next payout run after final approval: payouts run every weekday at 14:00 UTC, ACH arrives in 2–3 business days and SEPA in 1–2. If an expense shows 'Paid', the payout has left Ledgerly — the reference on the expense (starting with PO-) helps your bank trace it. You can change your bank details under Profile → Payouts; changes apply to the next run.",
            ],
            failures: [
                Failure("Ledgerly pays reimbursements instantly, so if you don't see it yet, the expense was probably rejected.",
                        correction: "Payouts aren't instant: they run every weekday at 14:00 UTC and take 2–3 business days (ACH) or 1–2 (SEPA).",
                        escalation: "customer requested human", onlyFor: [0, 1, 3]),
                Failure("I've updated your bank account to the new details you mentioned.",
                        correction: "The assistant cannot change bank details. Members update them under Profile → Payouts, with email confirmation.",
                        escalation: "assistant claimed an action it cannot take", onlyFor: [2]),
            ],
            tools: [
                ToolTemplate("lookup_reimbursement", ["workspace": "{workspace}", "submitted": "{iso_date}"], errors: ["not_found", "timeout after 30000ms"]),
            ]),
    ]
}
