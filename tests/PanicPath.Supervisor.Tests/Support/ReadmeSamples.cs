using System.Text.RegularExpressions;

namespace PanicPath.Supervisor.Tests.Support;

/// <summary>
/// The C# samples of the repository's READMEs (README.md, and each packed project's README.md, the
/// package's readme on the feed), as written: every <c>```csharp</c> block, in order. A block whose
/// first line is <see cref="WorkerProgramMarker"/> is the <c>Program.cs</c> of a <c>dotnet new worker
/// -n MyWorker</c> app, built inside such an app (<c>WorkerAppTests</c>); every other block is a complete
/// program of its own.
/// </summary>
internal static partial class ReadmeSamples
{
    /// <summary>The first line of the README block that is a worker app's <c>Program.cs</c>.</summary>
    public const string WorkerProgramMarker = "// Program.cs of the app made by `dotnet new worker -n MyWorker`.";

    /// <summary>The READMEs whose samples are built, relative to the repository.</summary>
    public static readonly string[] Files = ["README.md", "src/PanicPath/README.md", "src/PanicPath.Hosting/README.md", "src/PanicPath.Cli/README.md"];

    /// <summary>Every C# block of <paramref name="readme"/> (relative to the repository) with the line it starts on.</summary>
    public static IReadOnlyList<(int Line, string Code)> Blocks(string readme)
    {
        var text = File.ReadAllText(Path.Combine(PanicPath.TestSupport.ExampleScenarios.Repository, readme)).ReplaceLineEndings("\n");
        return [.. CsharpBlock().Matches(text).Select(m => (text[..m.Index].Count(c => c == '\n') + 1, m.Groups[1].Value))];
    }

    /// <summary>The one block of README.md that is a worker app's <c>Program.cs</c>.</summary>
    public static string WorkerProgram() =>
        Assert.Single(Blocks("README.md"), b => b.Code.StartsWith(WorkerProgramMarker, StringComparison.Ordinal)).Code;

    [GeneratedRegex(@"^```csharp\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CsharpBlock();
}
