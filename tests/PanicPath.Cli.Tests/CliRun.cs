using PanicPath.Cli;
using PanicPath.Cli.Commands.Rendering;

namespace PanicPath.Cli.Tests;

/// <summary>Runs the <c>panicpath</c> command in-process and captures its streams.</summary>
internal static class CliRun
{
    public static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await PanicPathCommand.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs the command with its standard output going to <paramref name="terminal"/>.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunOn(Terminal terminal, params string[] args)
    {
        using var text = new StringWriter();
        using var output = new TerminalWriter(text, terminal);
        using var error = new StringWriter();
        var exit = await PanicPathCommand.RunAsync(args, output, error);
        return (exit, text.ToString(), error.ToString());
    }

    /// <summary>A terminal as <see cref="Terminal.Decide"/> finds it with only the given environment variables set.</summary>
    public static Terminal Decide(bool isTerminal, int? windowWidth, params (string Name, string Value)[] environment) =>
        Terminal.Decide(isTerminal, windowWidth, name => environment.Where(e => e.Name == name).Select(e => e.Value).FirstOrDefault());

    /// <summary>The path of an example scenario.</summary>
    public static string Example(string name) => PanicPath.TestSupport.ExampleScenarios.File(name);

    /// <summary>Writes <paramref name="text"/> to a new temporary scenario file.</summary>
    public static string TempScenario(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"panicpath-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }
}
