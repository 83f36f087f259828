using System.Globalization;
using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.LastWords;

/// <summary>
/// Tells systemd about the supervised child over <see cref="NotifySocket"/>, so that a
/// <c>Type=notify</c> unit running <c>panicpath run</c> works: on each start
/// <c>READY=1</c> and <c>STATUS=running ... (pid N)</c>; on each death <c>STATUS=</c> with
/// <see cref="DeathSummary.OneLine"/> and <c>ERRNO=</c> with the signal number when a signal killed the
/// child, else its exit code (no <c>ERRNO</c> for exit code 0).
/// </summary>
public sealed class SystemdNotifySink(NotifySocket socket) : IDeathSink
{
    /// <inheritdoc />
    public string Name => $"systemd notify {socket.Address}";

    /// <summary>The datagram sent when the child starts.</summary>
    public static string StartedMessage(ChildStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return string.Create(CultureInfo.InvariantCulture, $"READY=1\nSTATUS=running {DeathSummary.Clip(start.Command)} (pid {start.Pid}, start {start.Attempt + 1})");
    }

    /// <summary>The datagram sent when the child has died.</summary>
    public static string DiedMessage(DeathRecord death)
    {
        ArgumentNullException.ThrowIfNull(death);
        var status = $"STATUS={DeathSummary.OneLine(death)}";
        var number = SignalNames.FromExitCode(death.ExitCode) ?? death.ExitCode;
        return number == 0 ? status : string.Create(CultureInfo.InvariantCulture, $"{status}\nERRNO={number}");
    }

    /// <inheritdoc />
    public Task ChildStartedAsync(ChildStart start, CancellationToken cancellationToken)
    {
        socket.Send(StartedMessage(start));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeathStoredAsync(DeathRecord death, CancellationToken cancellationToken)
    {
        socket.Send(DiedMessage(death));
        return Task.CompletedTask;
    }
}
