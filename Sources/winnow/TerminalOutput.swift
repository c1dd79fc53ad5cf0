import ArgumentParser
import Foundation
import WinnowCore

/// Everything the command-line tool prints passes through `SafeText`, the queue's own rules: event
/// text, reviewer names, file names and the arguments quoted back in error messages can hold escape
/// sequences, C1 controls and bidi overrides, and none of them may act on the terminal.
extension Terminal {
    /// Prints text on standard output, each of its lines made safe.
    static func out(_ text: String, terminator: String = "\n") {
        print(SafeText.text(text), terminator: terminator)
    }

    /// Prints JSON on standard output, with every unsafe scalar in its strings escaped as `\uXXXX`.
    static func outJSON(_ data: Data) {
        print(SafeText.json(String(decoding: data, as: UTF8.self)))
    }
}

extension Winnow {
    /// ArgumentParser's own entry point, with its error messages (which quote the arguments given)
    /// made safe before they are printed. Help, version and completion scripts come from Winnow's
    /// own definitions and go out unchanged on standard output.
    static func main() {
        do {
            var command = try parseAsRoot(ExportCommand.rewritingExplain(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success {
                    print(message)
                } else {
                    let message = SafeText.text(message)
                    FileHandle.standardError.write(Data((message + "\n").utf8))
                }
            }
            Foundation.exit(code.rawValue)
        }
    }
}

extension Terminal {
    /// The width lines are cut to when standard output is no terminal: a log or a diff stays readable.
    static let pipedColumns = 100

    /// The columns of the terminal on standard output, or `pipedColumns` in a pipe (or when the
    /// terminal does not say).
    static var stdoutColumns: Int {
        guard stdoutIsTerminal else { return pipedColumns }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return pipedColumns }
        return Int(size.ws_col)
    }
}
