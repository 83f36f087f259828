using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.LastWords;

/// <summary>
/// Something outside the store that hears of a supervised process: each start of the child and each
/// death once it is stored (with its id). <see cref="Runs.ProcessSupervisor"/> calls the sinks of
/// <see cref="Runs.SupervisorOptions.DeathSinks"/> one after another, in order, each within
/// <see cref="Runs.SupervisorOptions.DeathSinkTimeout"/>; a sink that throws or does not answer in time
/// is reported on the supervisor's error writer and never changes the run or its exit code. The token
/// is cancelled when the sink's time is up.
/// </summary>
public interface IDeathSink
{
    /// <summary>A short name for the supervisor's notes (<c>termination log</c>).</summary>
    string Name { get; }

    /// <summary>The child has been started (once per start: the first and every restart).</summary>
    Task ChildStartedAsync(ChildStart start, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The child has died and its record is stored (the record carries the store's id when there is a store).</summary>
    Task DeathStoredAsync(DeathRecord death, CancellationToken cancellationToken);
}
