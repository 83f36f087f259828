using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;
using Spectre.Console;

namespace PanicPath.Cli.Commands.Model;

/// <summary>Shared rendering of the model commands: a plain Spectre console on a writer, scenario loading, traces.</summary>
internal static class ModelRendering
{
    /// <summary>A console that writes plain text (no colours, no ANSI codes) to <paramref name="writer"/>.</summary>
    public static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 220;
        return console;
    }

    /// <summary>Loads a scenario, or writes the located error and answers null.</summary>
    public static Scenario? Load(string path, TextWriter error)
    {
        try
        {
            return ScenarioParser.ParseFile(path);
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

    /// <summary>Renders a run's steps as a table.</summary>
    public static Table Trace(IReadOnlyList<TraceStep> steps)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("#");
        table.AddColumn("cpu");
        table.AddColumn("chain");
        table.AddColumn("callback");
        table.AddColumn("action");
        table.AddColumn("state change");
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            table.AddRow((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), $"cpu{s.Cpu}", Markup.Escape(s.Chain), Markup.Escape(s.Callback), Markup.Escape(s.Action), Markup.Escape(s.Change));
        }

        return table;
    }

    /// <summary>The configuration as <c>name=value</c> pairs on one line.</summary>
    public static string Describe(Configuration configuration) => Markup.Escape(string.Join(" ", configuration.Values.Select(p => $"{p.Key}={p.Value}")));
}
