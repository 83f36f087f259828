using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;
using PanicPath.Cli.Commands.Rendering;
using Spectre.Console;

namespace PanicPath.Cli.Commands.Model;

/// <summary>Shared rendering of the model commands: a plain Spectre console on a writer, scenario loading, traces.</summary>
internal static class ModelRendering
{
    /// <summary>The width a table takes when nothing limits it: wide enough that no cell of a redirected table is wrapped.</summary>
    private const int Unlimited = 1 << 16;

    /// <summary>
    /// A console on <paramref name="writer"/> as <see cref="Terminal.Of"/> finds it: tables fit the terminal's width
    /// (a long cell wraps at word boundaries within its column, a word longer than the column is broken across lines,
    /// so nothing is elided), redirected output is not limited, colour only on a terminal without <c>NO_COLOR</c>,
    /// and no line ends in spaces.
    /// </summary>
    public static IAnsiConsole Console(TextWriter writer)
    {
        var terminal = Terminal.Of(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal.Colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = terminal.Colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(new TrimmedLines(writer)),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = terminal.Width ?? Unlimited;
        return console;
    }

    /// <summary>
    /// Writes <paramref name="line"/> to <paramref name="writer"/> as it is (never wrapped: it may be a command to copy),
    /// in <paramref name="colour"/> (a Spectre colour name such as <c>red</c>, <c>green</c>, <c>bold</c>) when the
    /// output is a terminal with colour.
    /// </summary>
    public static void Line(TextWriter writer, string line, string colour)
    {
        if (Terminal.Of(writer).Colour)
        {
            var code = colour switch
            {
                "red" => "31",
                "green" => "32",
                "bold" => "1",
                _ => throw new ArgumentOutOfRangeException(nameof(colour), colour, "expected red, green or bold"),
            };
            writer.WriteLine($"\u001b[{code}m{line}\u001b[0m");
        }
        else
        {
            writer.WriteLine(line);
        }
    }

    /// <summary>A column header: bold where the console has colour.</summary>
    public static string Header(string name) => $"[bold]{Markup.Escape(name)}[/]";

    /// <summary>Loads a scenario, or writes the located error and answers null.</summary>
    public static Scenario? Load(string path, TextWriter error) => Guard(() => ScenarioParser.ParseFile(path), path, error);

    /// <summary>
    /// Loads a scenario to explore: null, with the located error written, when it does not compile or its
    /// configuration space holds more than <paramref name="maxConfigs"/> configurations.
    /// </summary>
    public static Scenario? Load(string path, TextWriter error, long maxConfigs) => Guard(() => Bounded(ScenarioParser.ParseFile(path), maxConfigs), path, error);

    /// <summary>As <see cref="Load(string, TextWriter, long)"/>, for scenario <paramref name="text"/> named <paramref name="file"/>.</summary>
    public static Scenario? Compile(string text, string file, TextWriter error, long maxConfigs) => Guard(() => Bounded(ScenarioParser.Parse(text, file), maxConfigs), file, error);

    private static Scenario Bounded(Scenario scenario, long maxConfigs)
    {
        SpaceLimit.Check(scenario, maxConfigs);
        return scenario;
    }

    /// <summary>The one place where a scenario's errors become one line on standard error (the command then exits 2).</summary>
    private static Scenario? Guard(Func<Scenario> load, string path, TextWriter error)
    {
        try
        {
            return load();
        }
        catch (ScenarioException e)
        {
            error.WriteLine($"panicpath: {e.Message}");
        }
        catch (IOException e)
        {
            error.WriteLine($"panicpath: {path}: expected a readable scenario file ({e.Message})");
        }
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine($"panicpath: {path}: expected a readable scenario file ({e.Message})");
        }

        return null;
    }

    /// <summary>
    /// Runs <paramref name="work"/> over loaded scenarios: a <see cref="ScenarioException"/> it throws (a value
    /// setup computes outside its domain) becomes one line on <paramref name="error"/> and null (the command then exits 2).
    /// </summary>
    public static T? Located<T>(Func<T> work, TextWriter error)
        where T : class
    {
        try
        {
            return work();
        }
        catch (ScenarioException e)
        {
            error.WriteLine($"panicpath: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Renders a run's steps as a table. A run whose model clock advanced (in a scenario that speaks of time) has a
    /// <c>time</c> column after <c>#</c>: the clock at each step once it has passed 0, blank before.
    /// </summary>
    public static Table Trace(IReadOnlyList<TraceStep> steps)
    {
        var timed = steps.Any(s => s.Time > 0);
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(Header("#"));
        if (timed)
        {
            table.AddColumn(Header("time"));
        }

        foreach (var column in new[] { "cpu", "chain", "callback", "action", "state change" })
        {
            table.AddColumn(Header(column));
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var number = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string[] cells = [$"cpu{s.Cpu}", Markup.Escape(s.Chain), Markup.Escape(s.Callback), Markup.Escape(s.Action), Markup.Escape(s.Change)];
            table.AddRow(timed ? [number, s.Time > 0 ? "t=" + Duration.Format(s.Time) : string.Empty, .. cells] : [number, .. cells]);
        }

        return table;
    }

    /// <summary>
    /// The steps of a run that decide it, one line each: the setup steps that changed a value, the boot registrations
    /// folded into one line (what registered, what did not and why), then every step from the fault and the entry on
    /// but those that decide nothing (a callback or helper called, a callback returning NOTIFY_DONE), as
    /// <c>cpuN chain callback: action (change)</c>, with <c>t=…</c> after the CPU once the model clock has passed 0.
    /// </summary>
    public static IEnumerable<string> CompactTrace(IReadOnlyList<TraceStep> steps)
    {
        var registered = new List<string>();
        var skipped = new List<string>();
        var folded = false;
        foreach (var s in steps)
        {
            if (s.Chain == "boot")
            {
                if (s.Action.StartsWith("not registered: ", StringComparison.Ordinal))
                {
                    skipped.Add($"{s.Callback} ({s.Action["not registered: ".Length..]})");
                }
                else
                {
                    registered.Add(s.Callback);
                }

                continue;
            }

            if (!folded && (registered.Count > 0 || skipped.Count > 0))
            {
                folded = true;
                yield return Registrations(registered, skipped);
            }

            if ((s.Chain == "setup" && s.Change.Length == 0) || Routine(s))
            {
                continue;
            }

            var where = string.Join(" ", new[] { $"cpu{s.Cpu}", s.Time > 0 ? "t=" + Duration.Format(s.Time) : string.Empty, s.Chain, s.Callback }.Where(x => x.Length > 0));
            yield return s.Change.Length > 0 ? $"{where}: {s.Action} ({s.Change})" : $"{where}: {s.Action}";
        }

        if (!folded && (registered.Count > 0 || skipped.Count > 0))
        {
            yield return Registrations(registered, skipped);
        }
    }

    /// <summary>A step that decides nothing: a callback called, a helper called, a callback returning NOTIFY_DONE.</summary>
    private static bool Routine(TraceStep s) =>
        s.Change.Length == 0 && (s.Action.StartsWith("called (priority", StringComparison.Ordinal)
            || s.Action.StartsWith("call ", StringComparison.Ordinal) || s.Action == "returns DONE");

    private static string Registrations(List<string> registered, List<string> skipped) =>
        $"boot: registered {(registered.Count > 0 ? string.Join(", ", registered) : "nothing")}{(skipped.Count > 0 ? "; not registered: " + string.Join(", ", skipped) : string.Empty)}";

    /// <summary><paramref name="text"/> as one word for a POSIX shell: as it is when it holds only safe characters, otherwise single-quoted.</summary>
    public static string ShellQuote(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ',' or '=' or ':' or '+')
            ? text
            : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The configuration as <c>name=value</c> pairs on one line.</summary>
    public static string Describe(Configuration configuration) => Markup.Escape(string.Join(" ", configuration.Values.Select(p => $"{p.Key}={p.Value}")));

    /// <summary>The command that traces configuration <paramref name="index"/> of <paramref name="report"/> in full, its values quoted for a POSIX shell.</summary>
    public static string TraceCommand(string path, ExplorationReport report, long index)
    {
        var choices = report.ChoicesOf(index);
        var config = new ConfigurationSpace(report.Scenario).Describe(choices).Key;
        return $"panicpath trace {ShellQuote(path)} --config {ShellQuote(config)}";
    }
}
