import Foundation
import WinnowStore

/// The interactive loop: read input, dispatch, draw; about once a second, look for changes made
/// by other processes so the visible rows and counts stay live.
public final class TerminalLoop {
    let runtime: QueueRuntime
    let terminal: TerminalDevice
    var themes: ThemeRegistry
    var theme: Theme
    let forceMonochrome: Bool
    /// The termination signal received, if any (the real one records SIGINT, SIGTERM and SIGHUP).
    let terminationSignal: () -> Int32?

    public init(runtime: QueueRuntime, terminal: TerminalDevice, themes: ThemeRegistry, themeName: String, forceMonochrome: Bool,
                terminationSignal: @escaping () -> Int32? = { TerminationSignals.received }) {
        self.runtime = runtime
        self.terminationSignal = terminationSignal
        self.terminal = terminal
        self.themes = themes
        self.forceMonochrome = forceMonochrome
        theme = themes.theme(named: themeName) ?? themes.theme(named: ThemeRegistry.defaultName)!
    }

    /// Runs until the reviewer quits (nil) or a termination signal arrives (its number), with the
    /// correction being typed kept as a draft. A signal leaves the claims to their lease, as a
    /// crash does; quitting lets the unused ones go (the reducer's `releaseUnusedClaims`).
    @discardableResult
    public func run() -> Int32? {
        runtime.start()
        terminal.draw(runtime.frame(), theme: theme)
        var lastTick = Date()
        while !runtime.state.shouldQuit {
            if let signal = terminationSignal() {
                runtime.keepUnsavedWork()
                return signal
            }
            // While a count or a search runs in the background, wake often enough to show it promptly.
            var input = terminal.nextInput(timeoutMilliseconds: runtime.awaitingBackground ? 50 : 250)
            // Keys already waiting (a paste, a held key) are handled before the next draw, so a large
            // paste costs one frame, not one per character.
            var handled = 0
            while let current = input {
                switch current {
                case .key(let key):
                    runtime.dispatch(.key(key))
                case .resize(let width, let height):
                    runtime.dispatch(.resize(width: width, height: height))
                    terminal.forceFullRedraw()
                case .paste(let text):
                    runtime.dispatch(.paste(text))
                }
                handled += 1
                if runtime.state.shouldQuit || handled >= 4096 || runtime.pendingExternalEdit != nil || terminationSignal() != nil { break }
                input = terminal.nextInput(timeoutMilliseconds: 0)
            }
            // Nothing more (no external editor, no redraw) once a signal has come.
            if terminationSignal() != nil { continue }
            runtime.pollBackground()
            if Date().timeIntervalSince(lastTick) >= 1 {
                runtime.tick()
                lastTick = Date()
            }
            if let name = runtime.takeThemeChange(), let chosen = themes.theme(named: name) {
                theme = chosen
                terminal.forceFullRedraw()
            }
            if runtime.takeRedraw() { terminal.forceFullRedraw() }
            if let edit = runtime.takeExternalEdit() { editExternally(edit.itemID, edit.text) }
            if runtime.state.shouldQuit { break }
            terminal.draw(runtime.frame(), theme: theme)
        }
        return nil
    }

    /// Runs $VISUAL/$EDITOR on the correction with the terminal handed over, then brings the result back.
    func editExternally(_ itemID: Int64, _ text: String) {
        let editor = ExternalEditor()
        var outcome: Result<String, Error> = .success(text)
        terminal.suspend {
            outcome = Result { try editor.edit(text, name: "winnow-correction-\(itemID).txt") }
        }
        switch outcome {
        case .success(let edited): runtime.dispatch(.externalEditFinished(text: edited, error: nil))
        case .failure(let error): runtime.dispatch(.externalEditFinished(text: nil, error: "\(error)"))
        }
    }
}
