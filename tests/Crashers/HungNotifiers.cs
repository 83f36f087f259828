using System.Globalization;
using Microsoft.Extensions.Hosting;
using PanicPath.Hosting;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Panics;

namespace Crashers;

/// <summary>
/// <c>panicpath-hangs N [DEADLINE_MS]</c>: a host with PanicPath whose Supervisor list starts with N
/// notifiers that never return (budget 200 ms each), followed by one canary on the Supervisor list
/// and one on every later list (Information, Teardown, Final); then it panics. Each notifier prints a
/// line as it starts (<c>hang I</c>, <c>canary LIST</c>). The path's deadline is DEADLINE_MS
/// (default 20000): with N × 200 ms well inside it every canary runs and the process exits 70; past
/// it the later canaries are skipped and the process exits 71.
/// </summary>
internal static class HungNotifiers
{
    /// <summary>Each hung notifier's budget.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(200);

    private const int DefaultDeadlineMs = 20_000;

    /// <summary>Reads <c>N [DEADLINE_MS]</c>; null with a one-line complaint on standard error when malformed.</summary>
    public static (int Count, TimeSpan Deadline)? Parse(string[] arguments)
    {
        if (arguments.Length is < 1 or > 2
            || !int.TryParse(arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 0 or > 256)
        {
            Console.Error.WriteLine("crasher: panicpath-hangs N [DEADLINE_MS]: N must be a whole number from 0 to 256");
            return null;
        }

        var deadlineMs = DefaultDeadlineMs;
        if (arguments.Length == 2
            && (!int.TryParse(arguments[1], NumberStyles.None, CultureInfo.InvariantCulture, out deadlineMs) || deadlineMs < Budget.TotalMilliseconds || deadlineMs > 3_600_000))
        {
            Console.Error.WriteLine($"crasher: panicpath-hangs N [DEADLINE_MS]: DEADLINE_MS must be a whole number from {Budget.TotalMilliseconds} to 3600000");
            return null;
        }

        return (count, TimeSpan.FromMilliseconds(deadlineMs));
    }

    /// <summary>Starts the host, registers the hangs and canaries, and panics. Never returns.</summary>
    public static void Run(int count, TimeSpan deadline)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPanicPath(options =>
        {
            options.NotifierBudget = Budget;
            options.Deadline = deadline;
        });
        for (var i = 1; i <= count; i++)
        {
            var line = $"hang {i}";
            builder.Services.AddPanicNotifier(new PanicNotifier($"hang-{i}", PanicList.Supervisor, (in PanicEvent e) =>
            {
                Console.Out.WriteLine(line);
                Thread.Sleep(Timeout.Infinite);
                return NotifyResult.Done;
            }, count - i + 1));
        }

        foreach (var list in Enum.GetValues<PanicList>())
        {
            var name = list.ToString().ToLowerInvariant();
            var line = $"canary {name}";
            builder.Services.AddPanicNotifier(new PanicNotifier($"canary-{name}", list, (in PanicEvent e) =>
            {
                Console.Out.WriteLine(line);
                return NotifyResult.Done;
            }, -1));
        }

        using var host = builder.Build();
        host.Start();
        Panic.Now($"{count} notifiers hang");
    }
}
