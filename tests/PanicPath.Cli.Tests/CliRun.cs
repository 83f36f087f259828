using PanicPath.Cli;

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
