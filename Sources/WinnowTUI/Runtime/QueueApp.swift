import Foundation
import WinnowConfig
import WinnowStore

/// Everything needed to open the queue on a workspace, resolved and validated before the terminal
/// is touched, so a config error is reported as plain text.
public struct QueueLaunch {
    public var store: Store
    public var identity: Identity
    public var themes: ThemeRegistry
    public var themeName: String
    public var monochrome: Bool
    public var keymap: Keymap

    public struct LaunchError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(store: Store, identity: Identity, themeFlag: String?, environment: [String: String]) throws {
        self.store = store
        self.identity = identity
        do {
            keymap = try Keymap(overrides: store.config.keyBindings)
            try keymap.checkPresetKeys(store.config.presets)
        } catch {
            throw LaunchError(description: "\(store.workspace.configURL.path): \(error)")
        }
        themes = try ThemeRegistry.load(workspaceDirectory: store.workspace.directory, environment: environment)
        monochrome = !(environment["NO_COLOR"] ?? "").isEmpty
        let requested = themeFlag ?? (monochrome ? ThemeRegistry.monochromeName : store.config.theme) ?? ThemeRegistry.defaultName
        guard themes.theme(named: requested) != nil else {
            throw LaunchError(description: "unknown theme `\(requested)` (themes: \(themes.names.joined(separator: ", ")))")
        }
        themeName = requested
    }

    public func makeRuntime(width: Int, height: Int) -> QueueRuntime {
        let state = AppState(width: width, height: height, workspaceName: store.config.name, reviewer: identity.reviewer,
                             singleUser: store.config.isSingleUser, now: Clock.nowMillis(), themeName: themeName,
                             themeNames: themes.names, keymap: keymap)
        return QueueRuntime(state: state.withVocabulary(of: store).withSettings(of: store),
                            session: QueueSession(store: store, identity: identity))
    }

    /// Runs the interactive queue on the real terminal until the reviewer quits; the claims the
    /// session did not use are let go, and the summary says so, with the session's shift when
    /// it labelled, merged or corrected anything. SIGINT, SIGTERM and SIGHUP end the process here, with the terminal
    /// restored and status 128 + the signal's number, leaving the claims to their lease as a crash does.
    @discardableResult
    public func runInteractive() -> QuitSummary {
        let started = Clock.nowMillis()
        let terminal = NcursesTerminal(monochrome: monochrome)
        terminal.start()
        defer { terminal.stop() }
        let size = terminal.size
        let loop = TerminalLoop(runtime: makeRuntime(width: size.width, height: size.height), terminal: terminal,
                                themes: themes, themeName: themeName, forceMonochrome: monochrome)
        let endedBy = loop.run()
        terminal.stop()
        if let signal = endedBy ?? TerminationSignals.received { exit(TerminationSignals.exitStatus(signal)) }
        // Quitting released them already; this only matters if the loop ended some other way.
        let claims = loop.runtime.session.releaseUnusedClaims()
        let report = try? store.shiftReport(reviewer: identity.reviewer, since: started)
        return QuitSummary(report: report, claims: claims, stillClaimed: report?.itemsStillClaimed,
                           leaseMinutes: max(1, store.config.leaseMinutes))
    }
}

extension AppState {
    /// The state with the workspace's interface settings from winnow.toml.
    public func withSettings(of store: Store) -> AppState {
        var state = self
        state.markMovesDown = store.config.markMovesDown
        state.mayAdjudicate = store.config.isSingleUser || (store.config.roles(of: state.reviewer) ?? []).contains(.adjudicator)
        return state
    }

    /// The state with the workspace's triage vocabulary: severities, label values, each locus's
    /// reason codes and default owner.
    public func withVocabulary(of store: Store) -> AppState {
        var state = self
        state.severityCodes = store.config.taxonomy.severities.map(\.code)
        state.severityNames = LabelWording(taxonomy: store.config.taxonomy).severityNames
        for field in LabelField.allCases { state.labelChoices[field] = store.allowedValues(field) }
        for locus in store.config.taxonomy.loci {
            state.locusReasons[locus.name] = locus.reasons
            state.locusOwners[locus.name] = locus.owner
        }
        state.presets = store.config.presets
        return state
    }
}
