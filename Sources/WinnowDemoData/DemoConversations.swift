// DemoConversations.swift
// Turns a planned slot in the timeline into a full event: picks the topic,
// the feedback signal, a right or wrong answer, corrections, escalation
// reasons, retrieved sources and tool calls.

import WinnowCore

extension DemoAssembler {
    // MARK: Shared pieces

    /// CSAT scores: the reviewed ones skew low.
    mutating func csatScore(low: Bool = false) -> Int {
        low ? 1 + rng.weightedIndex([55, 35, 10]) : 1 + rng.weightedIndex([32, 26, 20, 11, 11])
    }

    mutating func composeResponse(_ answer: Answer, _ slots: DemoSlots) -> String {
        if answer.isClarification { return slots.fill(answer.body) }
        let opener = rng.pick(DemoPhrases.openers)
        let closer = answer.isBad && rng.percent(50) ? "" : rng.pick(DemoPhrases.closers)
        return slots.fill(opener + answer.body + closer)
    }

    /// A wrong answer for a scenario, or — for SAML topics while helios-2.4.0
    /// was live — usually the regression's wrong answer.
    mutating func badAnswer(_ scenario: Scenario, time: Int, prompt: Int?, failure index: Int? = nil) -> Answer {
        let inRegression = time >= DemoClock.release240 && time < DemoClock.release241
        if index == nil && inRegression && rng.percent(70)
            && (scenario.intent == "sso.saml_setup" || scenario.intent == "sso.login_loop") {
            let topic = scenario.intent == "sso.login_loop" ? "loop" : (prompt == 6 ? "cert" : "setup")
            return spikeAnswer(topic: topic)
        }
        let failure: Failure
        if let index {
            failure = scenario.failures[index]
        } else {
            let fitting = scenario.failures.filter { f in
                guard let only = f.onlyFor, let prompt else { return true }
                return only.contains(prompt)
            }
            failure = rng.pick(fitting.isEmpty ? scenario.failures : fitting)
        }
        return Answer(body: failure.response, isBad: true, correction: failure.correction,
                      agentCorrection: nil, escalation: failure.escalation, action: failure.action)
    }

    mutating func pickSpike(_ texts: [SpikeText], _ topic: String) -> String {
        let fitting = texts.filter { $0.fits(topic) }
        return rng.pick(fitting.isEmpty ? texts : fitting).text
    }

    mutating func spikeAnswer(topic: String) -> Answer {
        Answer(body: pickSpike(DemoSpike.badResponses, topic), isBad: true,
               correction: pickSpike(DemoSpike.corrections, topic),
               agentCorrection: pickSpike(DemoSpike.agentCorrections, topic),
               escalation: rng.pick(DemoSpike.escalations), action: nil,
               sources: rng.sample(DemoSpike.staleSources, rng.between(1, 2)))
    }

    /// A right answer; `prompt` restricts it to answers that fit that prompt.
    mutating func goodAnswer(_ scenario: Scenario, prompt: Int?) -> Answer {
        if let prompt, prompt < scenario.promptAnswers.count, !scenario.promptAnswers[prompt].isEmpty {
            return Answer(body: scenario.answers[rng.pick(scenario.promptAnswers[prompt])], isBad: false)
        }
        return Answer(body: rng.pick(scenario.answers), isBad: false)
    }

    mutating func toolCall(_ tool: ToolTemplate, _ slots: DemoSlots, failing: Bool) -> DemoToolCall {
        let args = DemoArguments(entries: tool.arguments.map { DemoArgument(key: $0.key, value: slots.fill($0.value)) })
        if failing, !tool.errors.isEmpty {
            let error = rng.pick(tool.errors)
            let elapsed = error.hasPrefix("timeout") ? 30_000 + rng.below(40) : rng.between(40, 900)
            return DemoToolCall(name: tool.name, arguments: args, status: "error", error: error, elapsedMs: elapsed)
        }
        let elapsed = rng.percent(85) ? rng.between(60, 900) : rng.between(900, 4_800)
        return DemoToolCall(name: tool.name, arguments: args, status: "ok", error: nil, elapsedMs: elapsed)
    }

    mutating func searchCall(_ query: String) -> DemoToolCall {
        DemoToolCall(name: "search_kb", arguments: DemoArguments(entries: [DemoArgument(key: "query", value: query)]),
                     status: "ok", error: nil, elapsedMs: rng.between(70, 420))
    }

    /// Assembles an event for a scenario once signal, prompt and answer are known.
    mutating func scenarioEvent(id: String, ts: String, ctx: Context, scenario: Scenario, signal: String,
                                prompt: String, answer: Answer, csat: Int?) -> DemoEvent {
        let slots = ctx.slots
        var event = DemoEvent(id: id, ts: ts, signal: signal, prompt: prompt,
                              response: composeResponse(answer, slots))
        applyEnvelope(&event, ctx, intent: scenario.intent, pages: scenario.pages)
        event.csat = csat

        if signal == "explicit_correction", answer.isBad, let correction = answer.correction, rng.percent(88) {
            event.correction = slots.fill(rng.pick(DemoPhrases.userCorrectionPrefixes) + correction)
        }
        if signal == "agent_escalation" {
            if answer.isBad, let correction = answer.agentCorrection ?? answer.correction, rng.percent(42) {
                event.correction = slots.fill(rng.pick(DemoPhrases.agentCorrectionPrefixes) + correction)
            }
            if rng.percent(96) {
                if answer.isBad, let reason = answer.escalation, rng.percent(65) {
                    event.escalationReason = reason
                } else {
                    event.escalationReason = rng.pick(DemoPhrases.genericEscalations
                                                      + DemoPhrases.topicEscalations(scenario.intent))
                }
            }
        }

        if let stale = answer.sources {
            if rng.percent(85) { event.sources = stale }
        } else if rng.percent(62) {
            event.sources = rng.sample(scenario.sources, rng.weightedIndex([0, 45, 35, 20]))
        }

        var calls: [DemoToolCall] = []
        if answer.action != nil || (!scenario.tools.isEmpty && rng.percent(36)) {
            if rng.percent(30) { calls.append(searchCall(slots.fill(rng.pick(scenario.kbQuery)))) }
            if !scenario.tools.isEmpty {
                let picked = rng.sample(scenario.tools, rng.percent(22) ? 2 : 1)
                for tool in picked where tool.name != answer.action?.name {
                    calls.append(toolCall(tool, slots, failing: rng.percent(answer.isBad ? 24 : 9)))
                }
            }
            if let action = answer.action {
                calls.append(toolCall(action, slots, failing: false))
            }
        } else if rng.percent(8) {
            calls.append(searchCall(slots.fill(rng.pick(scenario.kbQuery))))
        }
        if !calls.isEmpty { event.toolCalls = calls }
        return event
    }

    // MARK: Background traffic

    mutating func backgroundEvent(id: String, ts: String, time: Int) -> DemoEvent {
        let scenario = DemoScenarios.all[rng.weightedIndex(scenarioWeights)]
        let ctx = makeContext(time: time, audience: scenario.audience)
        let signal = Self.signals[rng.weightedIndex(Self.backgroundSignalWeights)]
        let promptIndex = rng.below(scenario.prompts.count)
        var csat: Int?
        var answer: Answer
        switch signal {
        case "thumbs_up":
            answer = goodAnswer(scenario, prompt: promptIndex)
        case "thumbs_down":
            answer = rng.percent(75) ? badAnswer(scenario, time: time, prompt: promptIndex) : goodAnswer(scenario, prompt: promptIndex)
        case "rephrase":
            let roll = rng.below(100)
            if roll < 35 {
                // Helios answered a different question.
                var other = DemoScenarios.all[rng.weightedIndex(scenarioWeights)]
                if other.intent == scenario.intent { other = DemoScenarios.all[(rng.below(DemoScenarios.all.count))] }
                answer = Answer(body: rng.pick(other.answers), isBad: true)
            } else if roll < 70 {
                answer = badAnswer(scenario, time: time, prompt: promptIndex)
            } else {
                answer = goodAnswer(scenario, prompt: promptIndex)
            }
        case "session_abandon":
            let roll = rng.below(100)
            if roll < 30 {
                answer = Answer(body: rng.pick(DemoPhrases.clarifications), isBad: false, isClarification: true)
            } else if roll < 70 {
                answer = goodAnswer(scenario, prompt: promptIndex)
            } else {
                answer = badAnswer(scenario, time: time, prompt: promptIndex)
            }
        case "csat":
            let score = csatScore()
            csat = score
            let badChance = score <= 2 ? 80 : (score == 3 ? 45 : 5)
            answer = rng.percent(badChance) ? badAnswer(scenario, time: time, prompt: promptIndex) : goodAnswer(scenario, prompt: promptIndex)
        case "explicit_correction":
            answer = badAnswer(scenario, time: time, prompt: promptIndex)
        default: // agent_escalation
            answer = rng.percent(55) ? badAnswer(scenario, time: time, prompt: promptIndex) : goodAnswer(scenario, prompt: promptIndex)
        }

        var prompt = roughen(ctx.slots.fill(scenario.prompts[promptIndex]), channel: ctx.channel, slots: ctx.slots)
        if signal == "rephrase" && rng.percent(50) {
            prompt = rng.pick(DemoPhrases.rephrasePrefixes) + lowerFirst(prompt)
        }
        return scenarioEvent(id: id, ts: ts, ctx: ctx, scenario: scenario, signal: signal,
                             prompt: prompt, answer: answer, csat: csat)
    }

    // MARK: The helios-2.4.0 SSO regression

    mutating func spikeEvent(id: String, ts: String, time: Int) -> DemoEvent {
        let ctx = makeContext(time: time, audience: .paid)
        let spikePrompt = rng.pick(DemoSpike.prompts)
        let signal = DemoSpike.signals[rng.weightedIndex(DemoSpike.signalWeights)]
        let scenario = DemoScenarios.named(spikePrompt.intent == "sso.login_loop" ? "sso.login_loop" : "sso.saml_setup")
        var prompt = roughen(ctx.slots.fill(spikePrompt.text), channel: ctx.channel, slots: ctx.slots)
        if signal == "rephrase" { prompt = rng.pick(DemoPhrases.rephrasePrefixes) + lowerFirst(prompt) }
        let answer = spikeAnswer(topic: spikePrompt.topic)
        let csat: Int? = signal == "csat" ? csatScore(low: true) : nil

        var event = DemoEvent(id: id, ts: ts, signal: signal, prompt: prompt,
                              response: composeResponse(answer, ctx.slots))
        applyEnvelope(&event, ctx, intent: spikePrompt.intent, pages: [spikePrompt.page])
        event.modelVersion = DemoClock.modelVersion(time)
        event.csat = csat
        if signal == "explicit_correction", let correction = answer.correction, rng.percent(92) {
            event.correction = ctx.slots.fill(correction)
        }
        if signal == "agent_escalation" {
            if rng.percent(62), let note = answer.agentCorrection {
                event.correction = ctx.slots.fill(rng.pick(DemoPhrases.agentCorrectionPrefixes) + note)
            }
            event.escalationReason = answer.escalation
        }
        if rng.percent(82) { event.sources = answer.sources }
        var calls: [DemoToolCall] = []
        if rng.percent(30) { calls.append(searchCall(rng.pick(["saml enforce sso", "saml settings", "sso certificate rotation", "sso login loop"]))) }
        if rng.percent(45), let tool = scenario.tools.first { calls.append(toolCall(tool, ctx.slots, failing: rng.percent(10))) }
        if !calls.isEmpty { event.toolCalls = calls }
        return event
    }

    // MARK: Near-duplicate complaint groups

    mutating func duplicateEvent(id: String, ts: String, time: Int, group groupIndex: Int, variant: Int) -> DemoEvent {
        let group = DemoDuplicates.groups[groupIndex]
        let scenario = DemoScenarios.named(group.intent)
        let ctx = makeContext(time: time, audience: scenario.audience)
        let signal = group.signals[rng.weightedIndex(group.signalWeights)]
        var csat: Int?
        if signal == "csat" { csat = csatScore(low: group.failure != nil) }
        let answer: Answer
        if let failure = group.failure, signal != "thumbs_up" {
            answer = badAnswer(scenario, time: time, prompt: nil, failure: failure)
        } else {
            answer = Answer(body: scenario.answers[0], isBad: false)
        }
        var prompt = ctx.slots.fill(group.prompts[variant])
        if ctx.channel == "email" && rng.percent(40) {
            prompt = "Hi,\n\n\(prompt)\n\n\(ctx.slots["name"])"
        }
        return scenarioEvent(id: id, ts: ts, ctx: ctx, scenario: scenario, signal: signal,
                             prompt: prompt, answer: answer, csat: csat)
    }

    // MARK: Non-English exchanges

    mutating func foreignEvent(id: String, ts: String, time: Int, exchange index: Int) -> DemoEvent {
        let exchange = DemoForeign.exchanges[index]
        let scenario = DemoScenarios.named(exchange.intent)
        let ctx = makeContext(time: time, audience: .anyone, locale: exchange.locale)
        let prompt = ctx.slots.fill(exchange.prompt)
        let answeredInEnglish = rng.percent(35)
        let signal: String
        let response: String
        if answeredInEnglish {
            signal = ["rephrase", "thumbs_down", "explicit_correction", "csat"][rng.weightedIndex([30, 30, 30, 10])]
            response = composeResponse(Answer(body: scenario.answers[0], isBad: false), ctx.slots)
        } else {
            signal = ["thumbs_up", "csat", "thumbs_down", "session_abandon"][rng.weightedIndex([55, 25, 10, 10])]
            response = ctx.slots.fill(exchange.answer)
        }
        var event = DemoEvent(id: id, ts: ts, signal: signal, prompt: prompt, response: response)
        applyEnvelope(&event, ctx, intent: exchange.intent, pages: scenario.pages, forceLocale: exchange.locale)
        if signal == "csat" {
            event.csat = answeredInEnglish ? csatScore(low: true) : 3 + rng.weightedIndex([20, 40, 40])
        }
        if signal == "explicit_correction" && rng.percent(90) {
            event.correction = ctx.slots.fill(exchange.correction)
        }
        if rng.percent(55) {
            event.sources = rng.sample(scenario.sources, rng.between(1, 2))
        }
        return event
    }
}
