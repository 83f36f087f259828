using System.Diagnostics;
using PanicPath.Model.Explorer;
using Spectre.Console;

namespace PanicPath.Cli.Commands.Model;

/// <summary>
/// A progress bar for <c>explore</c> on standard error, drawn with Spectre.Console, only when standard error is a
/// terminal (never when it is redirected) and only for an exploration still running after <see cref="Delay"/>;
/// without colour when <c>NO_COLOR</c> is set. The exploration runs on a worker thread while this one draws the bar
/// from its <see cref="ExplorationProgress"/>; the bar is cleared when it ends. The terminal test and the clock are
/// given, so both can be tested.
/// </summary>
internal sealed class ExploreProgressBar
{
    /// <summary>How long an exploration runs before the bar appears.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private readonly IAnsiConsole console;
    private readonly Func<TimeSpan> clock;

    private ExploreProgressBar(IAnsiConsole console, Func<TimeSpan> clock)
    {
        this.console = console;
        this.clock = clock;
    }

    /// <summary>The bar for the process's standard error, or null when <paramref name="error"/> is not a terminal's.</summary>
    public static ExploreProgressBar? ForTerminal(TextWriter error)
    {
        var stopwatch = Stopwatch.StartNew();
        return For(error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected, Environment.GetEnvironmentVariable("NO_COLOR"), () => stopwatch.Elapsed);
    }

    /// <summary>
    /// The bar drawn on <paramref name="error"/> when <paramref name="isTerminal"/>, or null; without colour when
    /// <paramref name="noColor"/> is set and not empty; <paramref name="clock"/> says how much time has passed.
    /// </summary>
    public static ExploreProgressBar? For(TextWriter error, bool isTerminal, string? noColor, Func<TimeSpan> clock)
    {
        if (!isTerminal)
        {
            return null;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = string.IsNullOrEmpty(noColor) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(error),
            Interactive = InteractionSupport.Yes,
        });
        return new ExploreProgressBar(console, clock);
    }

    /// <summary>Runs <paramref name="work"/> (which adds to <paramref name="progress"/>) and answers its result, with the bar once it has taken longer than <see cref="Delay"/>.</summary>
    public T Run<T>(string name, ExplorationProgress progress, Func<T> work)
    {
        var start = clock();
        var task = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        while (!Ended(task))
        {
            if (clock() - start < Delay)
            {
                continue;
            }

            console.Progress()
                .AutoClear(true)
                .HideCompleted(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var bar = context.AddTask(Markup.Escape(name), maxValue: Math.Max(1, progress.Total));
                    do
                    {
                        bar.Value = progress.Done;
                        context.Refresh();
                    }
                    while (!Ended(task));
                    bar.Value = bar.MaxValue;
                });
            break;
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>Waits for <paramref name="task"/> at most <see cref="Poll"/>; true once it has ended, failed or not (its failure is rethrown by the caller).</summary>
    private static bool Ended(Task task) => ((IAsyncResult)task).AsyncWaitHandle.WaitOne(Poll);
}
