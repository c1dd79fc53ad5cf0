import WinnowStore

/// Runs a store action for a command, turning the store's refusals (a rule, a role, a claim, a
/// change made meanwhile, a busy workspace) into their message and the `refused` exit status:
/// nothing was changed, and the reviewer reads why.
func refusingStoreErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CLIError {
        throw error
    } catch let error as RoundError {
        throw CLIError(status: ExitStatus.refused, message: error.description)
    } catch let error as DisputeError {
        throw CLIError(status: ExitStatus.refused, message: error.description)
    } catch let error as LabelError {
        throw CLIError(status: ExitStatus.refused, message: error.description)
    } catch let error as ClaimError {
        throw CLIError(status: ExitStatus.refused, message: error.description)
    } catch let error as ConcurrencyError {
        throw CLIError(status: ExitStatus.refused, message: error.description)
    } catch let error as StoreBusyError {
        throw CLIError(status: ExitStatus.refused, message: error.description)
    } catch let error as MergeError {
        throw CLIError(status: ExitStatus.refused, message: error.description)
    } catch let error as DuplicateDecisionError {
        throw CLIError(status: ExitStatus.refused, message: error.description)
    } catch let error as UndoError {
        throw CLIError(status: ExitStatus.refused, message: error.description)
    } catch let error as UndoActionError {
        throw CLIError(status: ExitStatus.refused, message: error.description)
    }
}
