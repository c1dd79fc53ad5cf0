// DemoSpecials.swift
// Hand-written material for the "interesting" parts of the demo:
//   • the helios-2.4.0 SSO regression spike (Oct 21 – Nov 2),
//   • groups of near-duplicate complaints worded differently,
//   • non-English exchanges (CJK, accented European languages).

// MARK: - The helios-2.4.0 SSO regression

struct SpikePrompt: Sendable {
    let intent: String
    let page: String
    /// What the customer is trying to do: loop, path, cert, domain, enforce or setup.
    let topic: String
    let text: String
}

/// A spike text that fits some topics (empty: fits every topic).
struct SpikeText: Sendable {
    let topics: [String]
    let text: String

    init(_ topics: [String], _ text: String) {
        self.topics = topics
        self.text = text
    }

    func fits(_ topic: String) -> Bool {
        topics.isEmpty || topics.contains(topic)
    }
}

enum DemoSpike {
    /// Prompts from SAML customers during the regression window.
    static let prompts: [SpikePrompt] = [
        SpikePrompt(intent: "sso.login_loop", page: "/login/sso", topic: "loop",
                    text: "The assistant told me to disable Enforce SSO to fix our {idp} login loop and now {count} people are locked out"),
        SpikePrompt(intent: "sso.saml_setup", page: "/settings/security/sso", topic: "path",
                    text: "where is /admin/security/saml?? the page 404s"),
        SpikePrompt(intent: "sso.saml_setup", page: "/settings/security", topic: "path",
                    text: "The SSO settings path in your answer doesn't exist"),
        SpikePrompt(intent: "sso.saml_setup", page: "/settings/security/sso", topic: "cert",
                    text: "How do I update the {idp} signing certificate? It expires on {date2}"),
        SpikePrompt(intent: "sso.saml_setup", page: "/settings/security/sso", topic: "cert",
                    text: "our {idp} SAML cert is rotating next week, what do I change in Ledgerly"),
        SpikePrompt(intent: "sso.login_loop", page: "/login/sso", topic: "cert",
                    text: "users get 'SAML response invalid' after we rotated the {idp} cert"),
        SpikePrompt(intent: "sso.saml_setup", page: "/settings/security/sso", topic: "domain",
                    text: "Need to add a second email domain to SSO for {company}"),
        SpikePrompt(intent: "sso.saml_setup", page: "/settings/sso", topic: "setup",
                    text: "how do I turn on SAML for our new {idp} tenant"),
        SpikePrompt(intent: "sso.saml_setup", page: "/settings", topic: "path",
                    text: "Helios says go to Admin > Security > SAML but I don't have that menu"),
        SpikePrompt(intent: "sso.login_loop", page: "/login", topic: "loop",
                    text: "Login with {idp} broken since yesterday, help!!"),
        SpikePrompt(intent: "sso.enforce", page: "/settings/security/sso", topic: "enforce",
                    text: "Is it safe to turn off Enforce SSO while we move from Okta to Azure AD?"),
        SpikePrompt(intent: "sso.enforce", page: "/settings/security/sso", topic: "enforce",
                    text: "new hire can't log in with SSO, should I just disable enforce sso for a day?"),
        SpikePrompt(intent: "sso.saml_setup", page: "/settings/security/sso", topic: "cert",
                    text: "{idp} test connection fails with 'Invalid signature' — what settings do I check?"),
        SpikePrompt(intent: "sso.login_loop", page: "/login/sso", topic: "loop",
                    text: "SSO login loop for {count} users after this morning, {company} is blocked 🚨"),
    ]

    /// What helios-2.4.0 answered (it retrieved the legacy SSO article).
    static let badResponses: [SpikeText] = [
        SpikeText(["loop", "enforce", "setup", "path"],
                  "To fix the {idp} login issue:\n1. Go to /admin/security/saml.\n2. Disable Enforce SSO so users can sign in with their password.\n3. Re-upload the {idp} metadata XML and click Save.\n4. Re-enable Enforce SSO after everyone has logged in once."),
        SpikeText(["cert", "path", "setup"],
                  "You can manage SAML under Admin → Security → SAML (/admin/security/saml). Click Edit next to {idp}, paste the new certificate, and disable Enforce SSO temporarily so nobody gets locked out during the change."),
        SpikeText(["domain", "cert", "enforce"],
                  "The quickest way is to temporarily disable Enforce SSO in /admin/security/saml, add the domain or certificate, and turn it back on. Members can log in with their passwords in the meantime."),
        SpikeText([],
                  "SAML settings are at /admin/security/saml. If you don't see that menu, ask your workspace owner to turn off Enforce SSO first — the page is hidden while SSO is enforced."),
        SpikeText(["enforce", "cert", "domain", "setup", "loop"],
                  "Disable Enforce SSO under Admin → Security → SAML (/admin/security/saml) first, finish your {idp} changes, then enable it again. Users without a password can use 'Forgot password' in the meantime."),
    ]

    /// What the user (or an admin) wrote as the right answer.
    static let corrections: [SpikeText] = [
        SpikeText([], "/admin/security/saml was removed in the Oct 14 settings update (changelog/2026-10-14). SAML is under Settings → Security → Single sign-on (/settings/security/sso). Do NOT disable Enforce SSO — members without a password get locked out and SCIM-provisioned users can't sign in."),
        SpikeText(["cert"], "Wrong path and dangerous advice. The page is Settings → Security → Single sign-on. For a certificate rotation click Add certificate, upload the new one, Test connection, then Make primary. Enforce SSO stays on the whole time."),
        SpikeText(["loop", "path", "setup", "enforce"], "There is no Admin → Security → SAML menu anymore. Use /settings/security/sso. Login loops are fixed by checking NameID format (emailAddress), email match and clock skew in Recent logins — never by turning off Enforce SSO."),
        SpikeText(["domain"], "Don't turn off Enforce SSO. Add the second domain under Settings → Security → Single sign-on → Domains and verify it with a DNS TXT record; SSO keeps working for the existing domain meanwhile."),
        SpikeText([], "the setting moved to Settings > Security > Single sign-on. disabling enforce sso locked out all our scim users, please fix this answer"),
    ]

    /// Notes written by human agents who cleaned up after the bad answer.
    static let agentCorrections: [SpikeText] = [
        SpikeText(["loop", "enforce", "setup", "domain"], "Customer followed the assistant and disabled Enforce SSO; {count} SCIM-provisioned members were locked out. Re-enabled it and walked them through Settings → Security → Single sign-on → Test connection. The /admin/security/saml path has been gone since 2026-10-14."),
        SpikeText(["cert", "path"], "Assistant sent the customer to /admin/security/saml (removed) and told them to disable Enforce SSO. Correct steps: Settings → Security → Single sign-on → Add certificate → Test connection → Make primary. Enforce SSO must stay on."),
        SpikeText([], "Owner was locked out after disabling Enforce SSO per the assistant. Restored access with a recovery code at /login/recovery and re-enabled SSO. Flagged to the Helios team as a regression in 2.4.0."),
    ]

    static let escalations = [
        "assistant gave wrong SSO steps", "assistant gave wrong SSO steps",
        "admin locked out after disabling Enforce SSO", "settings path in answer does not exist",
        "customer requested human", "enterprise customer — priority routing",
    ]

    /// Retrieval picked up the stale, pre-Oct-14 article.
    static let staleSources = ["kb/sso-saml-setup-legacy#step-2", "kb/sso-enforce-legacy",
                               "kb/sso-saml-setup-legacy"]

    /// Signal mix of the spike: mostly negative, loud feedback.
    static let signals = ["thumbs_down", "explicit_correction", "agent_escalation", "csat", "rephrase", "session_abandon"]
    static let signalWeights = [36, 30, 22, 7, 3, 2]

    /// Relative volume per day, day 16 = Wed Oct 21 (release) ... day 28 = Mon Nov 2 (fix).
    static let dayWeights: [(day: Int, weight: Int)] = [
        (16, 4), (17, 9), (18, 10), (19, 3), (20, 2), (21, 11), (22, 10),
        (23, 8), (24, 6), (25, 4), (26, 1), (27, 1), (28, 2),
    ]
}

// MARK: - Near-duplicate complaint groups

struct DuplicateGroup: Sendable {
    let intent: String
    /// Index into the scenario's failures used for negative feedback; nil means the answer was right.
    let failure: Int?
    let firstDay: Int
    let spanDays: Int
    let signals: [String]
    let signalWeights: [Int]
    let prompts: [String]
}

enum DemoDuplicates {
    static let negative = ["thumbs_down", "explicit_correction", "rephrase", "csat", "agent_escalation", "session_abandon"]
    static let negativeWeights = [30, 24, 16, 12, 12, 6]
    static let mixed = ["thumbs_up", "thumbs_down", "rephrase", "csat", "session_abandon"]
    static let mixedWeights = [40, 15, 20, 15, 10]

    static let groups: [DuplicateGroup] = [
        DuplicateGroup(intent: "billing.refund", failure: 0, firstDay: 6, spanDays: 13,
                       signals: negative, signalWeights: negativeWeights, prompts: [
            "how do i get a refund for the annual plan",
            "Refund annual subscription??",
            "we were charged for a full year, want money back",
            "REFUND FOR YEARLY PLAN PLEASE",
            "can i get a refnd on the anual plan, we switched tools",
            "Annual plan auto-renewed. Need a refund asap 😡",
            "how to request a refund for an annual renewal",
            "Hi — is the yearly plan refundable? We renewed by accident.",
            "yearly subscription refund policy?",
            "pls refund our annual plan we dont use ledgerly anymore",
        ]),
        DuplicateGroup(intent: "exports.csv", failure: 1, firstDay: 25, spanDays: 9,
                       signals: negative, signalWeights: negativeWeights, prompts: [
            "csv export dates are off by one day",
            "Exported CSV shows the wrong dates!!",
            "dates in export shifted by a day??",
            "why does my csv say 10/31 when the expense was 11/1",
            "Export timezone is wrong",
            "CSV dates are all in UTC, we need local time",
            "expense dates change when I export to csv",
            "export: every date is 1 day early. bug?",
        ]),
        DuplicateGroup(intent: "permissions.role_change", failure: nil, firstDay: 2, spanDays: 30,
                       signals: mixed, signalWeights: mixedWeights, prompts: [
            "how do I remove admin rights from someone",
            "demote admin to member",
            "change a user's role from Admin to Member?",
            "how to take away admin access",
            "make Jane a regular member instead of admin",
            "Remove admin permissions from a user pls",
        ]),
        DuplicateGroup(intent: "integrations.slack", failure: 0, firstDay: 10, spanDays: 8,
                       signals: negative, signalWeights: negativeWeights, prompts: [
            "slack notifications stopped",
            "Not getting Slack alerts for approvals anymore",
            "ledgerly slack bot went quiet after we reinstalled it",
            "Slack integration not sending messages???",
            "no more approval pings in slack since monday",
            "SLACK NOTIFS BROKEN",
        ]),
        DuplicateGroup(intent: "api.rate_limits", failure: 0, firstDay: 29, spanDays: 10,
                       signals: negative, signalWeights: negativeWeights, prompts: [
            "getting 429 errors from the API",
            "API rate limited - 429 Too Many Requests",
            "what is the rate limit?? our sync keeps failing with 429",
            "429s everywhere since this morning",
            "how many requests per minute can we make",
            "Rate limit exceeded error on /v2/expenses",
            "api keeps returning http 429, need higher limit",
        ]),
        DuplicateGroup(intent: "integrations.netsuite", failure: 0, firstDay: 14, spanDays: 12,
                       signals: negative, signalWeights: negativeWeights, prompts: [
            "NetSuite: Invalid login attempt",
            "netsuite export fails with invalid login attempt even though the token is new",
            "Invalid Login Attempt when syncing to NetSuite??",
            "NS integration broken - 'invalid login attempt'",
            "We regenerated the NetSuite token and still get Invalid login attempt",
        ]),
        DuplicateGroup(intent: "account.delete", failure: nil, firstDay: 0, spanDays: 41,
                       signals: mixed, signalWeights: mixedWeights, prompts: [
            "how do i delete my account",
            "Delete account",
            "please remove my account and data",
            "How can I close our Ledgerly workspace for good?",
            "want to delete everything, we're done with ledgerly",
            "Delete workspace button greyed out",
        ]),
        DuplicateGroup(intent: "billing.failed_payment", failure: 0, firstDay: 31, spanDays: 6,
                       signals: negative, signalWeights: negativeWeights, prompts: [
            "card declined",
            "Payment failed but the card is fine",
            "our card keeps getting declined, do_not_honor",
            "why was my payment declined??",
            "Card declined again, will we lose access?",
            "payment didnt go through, bank says nothing is wrong",
        ]),
        DuplicateGroup(intent: "sso.scim_provisioning", failure: 2, firstDay: 8, spanDays: 20,
                       signals: negative, signalWeights: negativeWeights, prompts: [
            "scim not removing users",
            "Deprovisioned users still in Ledgerly",
            "SCIM deprovisioning doesn't work with Okta",
            "Removed people in Azure AD but they're still members here",
            "offboarded users still show up as members??",
        ]),
        DuplicateGroup(intent: "billing.vat", failure: 0, firstDay: 3, spanDays: 25,
                       signals: negative, signalWeights: negativeWeights, prompts: [
            "need VAT number on invoice",
            "Add our VAT ID to the invoices please",
            "invoice is missing our VAT number, accounting rejected it",
            "How to put tax id on invoice",
            "Can you reissue the invoice with our VAT number",
        ]),
        DuplicateGroup(intent: "permissions.guest_access", failure: 0, firstDay: 20, spanDays: 15,
                       signals: negative, signalWeights: negativeWeights, prompts: [
            "guest cant see report",
            "our accountant (guest) can't open the expense report",
            "Guest user sees nothing",
            "external auditor invited as guest but sees an empty workspace",
        ]),
    ]
}

// MARK: - Non-English exchanges

struct ForeignExchange: Sendable {
    let locale: String
    let intent: String
    let prompt: String
    let answer: String
    /// "Please answer in my language" + the right answer, used when Helios replied in English.
    let correction: String
}

enum DemoForeign {
    static let exchanges: [ForeignExchange] = [
        // Japanese
        ForeignExchange(locale: "ja-JP", intent: "billing.invoice",
            prompt: "請求書{invoice}の宛名を「{company}」に変更できますか？経理から依頼されています。",
            answer: "はい、変更できます。設定 → 請求 → 請求先情報 で会社名を更新してください。変更は今後の請求書に反映され、当月分の請求書は「再発行」ボタンで作り直せます。それ以前の請求書は請求チームが再発行します。",
            correction: "日本語で回答してください。宛名の変更は 設定 → 請求 → 請求先情報 から行い、当月分は「再発行」で作り直せます。"),
        ForeignExchange(locale: "ja-JP", intent: "sso.saml_setup",
            prompt: "{idp}でSAML SSOを設定したいのですが、ACS URLはどこで確認できますか？",
            answer: "設定 → セキュリティ → シングルサインオン を開き、「SAMLプロバイダーを追加」をクリックすると、ACS URL（https://app.ledgerly.example/sso/saml/acs）とエンティティIDが表示されます。NameID形式は emailAddress を選択し、「接続テスト」が成功してから「SSOを強制」をオンにしてください。",
            correction: "日本語でお願いします。ACS URL は 設定 → セキュリティ → シングルサインオン に表示されます。/admin/security/saml はもう存在しません。"),
        ForeignExchange(locale: "ja-JP", intent: "exports.csv",
            prompt: "CSVエクスポートの日付が1日ずれています😢 タイムゾーンの問題でしょうか？",
            answer: "はい、タイムゾーンが原因の可能性が高いです。レポート → エクスポート → オプション で、タイムゾーンを「ワークスペースのタイムゾーン（Asia/Tokyo）」に切り替えてください。UTCのままだと、夜遅くに登録した経費の日付が前日になることがあります。",
            correction: "英語ではなく日本語で答えてください。オプションでタイムゾーンを Asia/Tokyo に変更すれば日付のずれは直ります。"),
        // Chinese (Simplified)
        ForeignExchange(locale: "zh-CN", intent: "billing.refund",
            prompt: "年度订阅可以退款吗？我们{date}刚续费了{amount}，但团队已经换了工具。",
            answer: "可以部分退款。年度套餐在扣款后 14 天内可以按比例退款；超过 14 天后，未使用部分会转为账户余额。您的扣款在 14 天内，我已为您提交退款申请，账单团队会在 2 个工作日内确认，款项将在 5–10 个工作日内退回原卡。",
            correction: "请用中文回答。年度套餐扣款后 14 天内按比例退款，之后转为账户余额，没有 30 天全额退款。"),
        ForeignExchange(locale: "zh-CN", intent: "api.rate_limits",
            prompt: "API 一直返回 429 错误，我们的同步任务每晚都失败，怎么办？",
            answer: "速率限制按工作区计算：Starter 每分钟 120 次，Growth 600 次，Enterprise 1,200 次。收到 429 时，请按照 Retry-After 响应头等待后再重试，并使用指数退避。批量同步建议使用 GET /v2/expenses?updated_since=… 并设置 page_size=500。",
            correction: "请用中文回复。限制是按工作区计算的（Enterprise 每分钟 1,200 次），创建更多 API 密钥没有用。"),
        ForeignExchange(locale: "zh-CN", intent: "permissions.role_change",
            prompt: "如何把{coworker}设为管理员？我是工作区的所有者。",
            answer: "作为所有者，您可以在 设置 → 成员 中找到{coworker}，点击 ⋯ 菜单，选择“更改角色”，然后选择“管理员”。只有所有者可以授予或移除管理员角色，任何人都不能修改自己的角色。",
            correction: "请用中文回答：设置 → 成员 → ⋯ → 更改角色 → 管理员。"),
        // Korean
        ForeignExchange(locale: "ko-KR", intent: "integrations.slack",
            prompt: "슬랙에서 경비 승인이 안 돼요. 계정이 연결되어 있지 않다고 나옵니다.",
            answer: "슬랙에서 /ledgerly link 를 입력해 계정을 연결해 주세요. 슬랙에서 승인하려면 Ledgerly에서 승인자(Approver) 또는 관리자 역할이 필요합니다. 앱을 다시 설치했다면 관리자가 설정 → 연동 → Slack 에서 알림 채널을 다시 선택해야 합니다.",
            correction: "한국어로 답변해 주세요. /ledgerly link 로 계정을 연결하면 됩니다."),
        ForeignExchange(locale: "ko-KR", intent: "account.delete",
            prompt: "워크스페이스를 삭제하면 나중에 복구할 수 있나요?",
            answer: "삭제 후 30일 동안은 지원팀에 요청하면 복구할 수 있습니다. 30일이 지나면 데이터가 영구 삭제되고, 백업은 그 후 35일 이내에 삭제됩니다. 삭제는 워크스페이스 소유자만 설정 → 워크스페이스 → 워크스페이스 삭제 에서 할 수 있습니다.",
            correction: "한국어로 부탁드립니다. 삭제 후 30일 안에는 지원팀을 통해 복구할 수 있습니다."),
        // French
        ForeignExchange(locale: "fr-FR", intent: "billing.vat",
            prompt: "Bonjour, notre facture {invoice} comporte la TVA alors que nous avons un numéro de TVA intracommunautaire ({vat}). Pouvez-vous la corriger ?",
            answer: "Bonjour ! Ajoutez votre numéro de TVA dans Paramètres → Facturation → Coordonnées de facturation → Numéro fiscal. L'autoliquidation s'appliquera aux prochaines factures, et l'équipe facturation peut rééditer les factures des 90 derniers jours, y compris {invoice}, avec remboursement de la TVA.",
            correction: "Merci de répondre en français. Les factures des 90 derniers jours peuvent être rééditées avec le numéro de TVA ; ce n'est pas « définitif »."),
        ForeignExchange(locale: "fr-FR", intent: "exports.csv",
            prompt: "L'export CSV s'ouvre dans Excel avec tout dans une seule colonne, que faire ? Les accents sont aussi cassés : « FrÃ©dÃ©ric » au lieu de « Frédéric ».",
            answer: "Dans Rapports → Exporter → Options, choisissez le séparateur point-virgule : c'est le format attendu par Excel en français. Pour les accents, cochez « UTF-8 avec BOM » ; Excel reconnaîtra alors l'encodage et affichera « Frédéric » correctement.",
            correction: "En français s'il vous plaît. Séparateur point-virgule + « UTF-8 avec BOM » dans les options d'export."),
        // German
        ForeignExchange(locale: "de-DE", intent: "sso.saml_setup",
            prompt: "Hallo, wie richte ich SAML-SSO mit {idp} ein? Wir sind im Enterprise-Tarif. Grüße aus München",
            answer: "Gehen Sie zu Einstellungen → Sicherheit → Single Sign-on und klicken Sie auf „SAML-Anbieter hinzufügen“. Übernehmen Sie die ACS-URL und die Entity-ID in {idp}, wählen Sie als NameID-Format emailAddress und testen Sie die Verbindung, bevor Sie „SSO erzwingen“ aktivieren.",
            correction: "Bitte auf Deutsch antworten. Der Pfad ist Einstellungen → Sicherheit → Single Sign-on, nicht /admin/security/saml."),
        ForeignExchange(locale: "de-DE", intent: "billing.proration",
            prompt: "Warum wurden uns {amount_small} für zusätzliche Plätze berechnet? Wir haben am {date} {seats_added} Nutzer hinzugefügt.",
            answer: "Zusätzliche Plätze werden tagesgenau für den Rest des aktuellen Abrechnungszeitraums berechnet – das ist die Position „Anteilige Anpassung“ auf Ihrer Rechnung. Entfernte Plätze werden erst ab der nächsten Verlängerung am {date2} berücksichtigt; eine Gutschrift für den laufenden Zeitraum gibt es nicht.",
            correction: "Bitte auf Deutsch. Die Abrechnung ist tagesgenau, nicht monatlich."),
        ForeignExchange(locale: "de-DE", intent: "billing.failed_payment",
            prompt: "Die Zahlung ist fehlgeschlagen („{decline}“), aber unsere Karte funktioniert überall sonst. Müssen wir uns Sorgen machen?",
            answer: "Keine Sorge – es wird nichts gelöscht. Wir versuchen die Zahlung an Tag 1, 3 und 7 erneut; erst nach 14 Tagen wird der Workspace schreibgeschützt. Unter Einstellungen → Abrechnung → Zahlungsmethode können Sie eine neue Karte hinterlegen und „Zahlung erneut versuchen“ klicken. Falls Ihre Bank 3-D Secure verlangt, erscheint die Bestätigung direkt dort.",
            correction: "Antwort bitte auf Deutsch. Der Workspace wird nicht gelöscht, sondern nach 14 Tagen nur schreibgeschützt."),
        // Spanish
        ForeignExchange(locale: "es-ES", intent: "exports.csv",
            prompt: "¿Cómo exporto todos los gastos del {date} al {date2} en CSV? Necesito las fechas en la zona horaria de Madrid.",
            answer: "Ve a Informes → Exportar, elige el rango de fechas y CSV. En Opciones selecciona «Zona horaria del espacio de trabajo» (Europe/Madrid) en lugar de UTC; así las fechas de los gastos nocturnos no se desplazan un día. El formato de fecha por defecto es ISO 8601 (AAAA-MM-DD).",
            correction: "Por favor, responde en español. La opción de zona horaria está en Informes → Exportar → Opciones."),
        ForeignExchange(locale: "es-ES", intent: "permissions.role_change",
            prompt: "No puedo quitarle el rol de administrador a {coworker}, ¿qué hago? Aparece «Permiso denegado».",
            answer: "Solo el Propietario del espacio de trabajo puede quitar el rol de Administrador: Configuración → Miembros → ⋯ → Cambiar rol. Además, nadie puede cambiar su propio rol. Si el propietario ya no está en la empresa, se puede transferir la propiedad con verificación del equipo de soporte.",
            correction: "En español, por favor: solo el Propietario puede quitar el rol de Administrador."),
        // Portuguese (Brazil)
        ForeignExchange(locale: "pt-BR", intent: "integrations.quickbooks",
            prompt: "Olá! A sincronização com o QuickBooks está duplicando todas as despesas. Como resolvo? 🙏",
            answer: "Isso acontece quando a sincronização automática está ligada e alguém também exporta manualmente. Em Configurações → Integrações → QuickBooks, use apenas um dos dois e, em Histórico de sincronização, clique em Desfazer exportação no lote duplicado — o Ledgerly remove as cópias que criou.",
            correction: "Responda em português, por favor. Use Histórico de sincronização → Desfazer exportação; reconectar não remove duplicatas."),
        ForeignExchange(locale: "pt-BR", intent: "account.data_request",
            prompt: "Quero excluir minha conta e todos os meus dados, conforme a LGPD. Como faço?",
            answer: "Você pode baixar seus dados em Perfil → Privacidade → Exportar meus dados. Para solicitações formais de exclusão ou acesso (LGPD/GDPR), escreva para privacy@ledgerly.example — respondemos em até 30 dias. Se você for o proprietário do espaço de trabalho, a exclusão do espaço é feita em Configurações → Espaço de trabalho.",
            correction: "Em português, por favor. Pedidos formais pela LGPD vão para privacy@ledgerly.example e são respondidos em até 30 dias."),
        ForeignExchange(locale: "pt-BR", intent: "reimbursements.payout",
            prompt: "O reembolso de {amount_small} aparece como «pago», mas não caiu na minha conta. Já faz três dias.",
            answer: "Quando a despesa aparece como «Pago», o pagamento já saiu do Ledgerly. Os pagamentos são feitos em dias úteis às 14:00 UTC e transferências internacionais podem levar de 2 a 3 dias úteis. Use a referência da despesa (começa com PO-) para o seu banco rastrear a transferência.",
            correction: "Por favor, responda em português. O prazo é de 2 a 3 dias úteis depois do status «Pago»."),
    ]

    /// UTC hours at which people writing in this locale are typically awake and working.
    static func hourWeights(_ locale: String) -> [Int] {
        if locale.hasPrefix("ja") || locale.hasPrefix("zh") || locale.hasPrefix("ko") {
            return [10, 12, 12, 11, 10, 9, 8, 6, 4, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 7]
        }
        if locale.hasPrefix("pt") {
            return [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 6, 9, 11, 12, 12, 11, 10, 9, 8, 6, 4, 2, 1]
        }
        return [1, 1, 1, 1, 1, 2, 5, 9, 12, 12, 11, 10, 11, 12, 11, 10, 8, 6, 4, 3, 2, 1, 1, 1]
    }
}
