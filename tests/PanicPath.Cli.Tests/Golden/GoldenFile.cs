using PanicPath.TestSupport;

namespace PanicPath.Cli.Tests.Golden;

/// <summary>
/// A golden file under <c>tests/PanicPath.Cli.Tests/Golden</c>: text recorded from the C#-coded machine that a test
/// recomputes and compares. A difference fails with the file, the first line that differs (golden and now) and how to
/// record the new text on purpose: run the golden tests with <c>PANICPATH_UPDATE_GOLDEN=1</c>, which rewrites the files
/// instead of comparing them, and review the change. Nothing is ever rewritten without that variable.
/// </summary>
internal static class GoldenFile
{
    /// <summary>The environment variable that, set to <c>1</c>, rewrites the golden files instead of comparing them.</summary>
    public const string UpdateVariable = "PANICPATH_UPDATE_GOLDEN";

    /// <summary>The command that records the golden files anew.</summary>
    public const string Regenerate = $"{UpdateVariable}=1 dotnet test tests/PanicPath.Cli.Tests --filter \"FullyQualifiedName~Golden\"";

    /// <summary>The folder that holds the golden files, in the source tree (not the test binaries').</summary>
    public static string Folder => Path.Combine(ExampleScenarios.Repository, "tests", "PanicPath.Cli.Tests", "Golden");

    /// <summary>True when this test run records the golden files instead of comparing them.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>
    /// Compares <paramref name="actual"/> with golden file <paramref name="name"/> (a path under <see cref="Folder"/>), or
    /// writes it there when <see cref="Updating"/>. <paramref name="explain"/>, given the golden and the current text of
    /// the first differing line (null past the end), may add what that line means.
    /// </summary>
    public static void Check(string name, string actual, Func<string?, string?, string?>? explain = null)
    {
        var path = Path.Combine(Folder, name);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        if (!File.Exists(path))
        {
            Assert.Fail($"golden file {Shown(name)} is missing; record it on purpose with {Regenerate}");
        }

        var difference = Difference(Shown(name), File.ReadAllText(path), actual, explain);
        if (difference is not null)
        {
            Assert.Fail(difference);
        }
    }

    /// <summary>
    /// Null when <paramref name="expected"/> and <paramref name="actual"/> are the same text; otherwise the message naming
    /// <paramref name="name"/>, the first differing line's number, both versions of it and how to regenerate.
    /// </summary>
    public static string? Difference(string name, string expected, string actual, Func<string?, string?, string?>? explain = null)
    {
        if (expected == actual)
        {
            return null;
        }

        var golden = Lines(expected);
        var now = Lines(actual);
        var i = 0;
        while (i < golden.Length && i < now.Length && golden[i] == now[i])
        {
            i++;
        }

        var was = i < golden.Length ? golden[i] : null;
        var current = i < now.Length ? now[i] : null;
        var meaning = explain?.Invoke(was, current);
        return $"""
            {name}:{i + 1}: the output differs from the golden file from this line on
              golden: {was ?? "(end of file)"}
              now:    {current ?? "(end of file)"}
            {(meaning is null ? string.Empty : meaning + "\n")}If the change is intended, record it with {Regenerate} and review the diff of {Shown(string.Empty)}.
            """;
    }

    /// <summary>The lines of <paramref name="text"/>; a final line break ends the last line rather than starting an empty one.</summary>
    private static string[] Lines(string text) => (text.EndsWith('\n') ? text[..^1] : text).Split('\n');

    private static string Shown(string name) => "tests/PanicPath.Cli.Tests/Golden/" + name;
}
