/// What the app needs from a terminal. The ncurses driver is the only implementation that touches
/// a real one; `HeadlessTerminal` draws into memory for tests.
public protocol TerminalDevice: AnyObject {
    var size: (width: Int, height: Int) { get }
    func draw(_ grid: CellGrid, theme: Theme)
    /// The next input, or nil after `timeoutMilliseconds` without any.
    func nextInput(timeoutMilliseconds: Int) -> TerminalInput?
    func forceFullRedraw()
    /// Hands the terminal to `body` (an external editor) and takes it back afterwards.
    func suspend(while body: () -> Void)
}

public enum TerminalInput: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// Text pasted at once (bracketed paste): delivered whole, never as keys.
    case paste(String)
}

/// A terminal in memory: scripted keys in, the last drawn grid out.
public final class HeadlessTerminal: TerminalDevice {
    public var size: (width: Int, height: Int)
    public private(set) var lastGrid: CellGrid?
    public private(set) var lastTheme: Theme?
    public var pending: [TerminalInput] = []

    public init(width: Int, height: Int) { size = (width, height) }

    public func draw(_ grid: CellGrid, theme: Theme) {
        lastGrid = grid
        lastTheme = theme
    }

    public func nextInput(timeoutMilliseconds: Int) -> TerminalInput? {
        pending.isEmpty ? nil : pending.removeFirst()
    }

    public func forceFullRedraw() {}

    public func suspend(while body: () -> Void) { body() }
}
