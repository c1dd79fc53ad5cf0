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

    public init(runtime: QueueRuntime, terminal: TerminalDevice, themes: ThemeRegistry, themeName: String, forceMonochrome: Bool) {
        self.runtime = runtime
        self.terminal = terminal
        self.themes = themes
        self.forceMonochrome = forceMonochrome
        theme = themes.theme(named: themeName) ?? themes.theme(named: ThemeRegistry.defaultName)!
    }

    public func run() {
        runtime.start()
        terminal.draw(runtime.frame(), theme: theme)
        var lastTick = Date()
        while !runtime.state.shouldQuit {
            // While a count runs in the background, wake often enough to show it promptly.
            let input = terminal.nextInput(timeoutMilliseconds: runtime.state.countPending ? 50 : 250)
            switch input {
            case .key(let key)?:
                runtime.dispatch(.key(key))
            case .resize(let width, let height)?:
                runtime.dispatch(.resize(width: width, height: height))
                terminal.forceFullRedraw()
            case nil:
                break
            }
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
            if runtime.state.shouldQuit { break }
            terminal.draw(runtime.frame(), theme: theme)
        }
    }
}
