using System.CommandLine;
using System.CommandLine.Help;
using PanicPath.Cli;
using PanicPath.Cli.Values;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// Walks the command tree itself, so that an option or command added later is covered or fails here:
/// every option and argument of every command, given a bad value, is one line naming it and the value,
/// and the command's bad-input code (125 for <c>run</c>, 2 for the others), with no stack trace.
/// </summary>
public sealed class EveryOptionTests
{
    [Fact]
    public async Task Every_option_and_argument_of_every_command_answers_a_bad_value_with_one_line_and_the_bad_input_code()
    {
        using var temp = new TempDirectory();
        var failures = new List<string>();
        var walked = 0;
        foreach (var (path, command) in Commands(PanicPathCommand.Create()).Where(c => c.Command.Action is not null))
        {
            foreach (var symbol in command.Options.Cast<Symbol>().Concat(command.Arguments).Where(s => s is not (HelpOption or VersionOption)))
            {
                if (CliValues.Of(symbol) is not { } value)
                {
                    failures.Add($"{symbol.Name} of '{string.Join(' ', path)}' is not made by CliValues, so its bad values are neither reported nor walked");
                    continue;
                }

                foreach (var bad in BadValues(value.Kind, temp))
                {
                    walked++;
                    var args = Line(path, symbol, bad, temp);
                    var (exit, output, error) = await CliRun.Run(args);
                    var problem = Judge(path, bad.NamedBy ?? symbol.Name, bad.Shown, exit, output, error);
                    if (problem is not null)
                    {
                        failures.Add($"{string.Join(' ', args)}: {problem}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(walked > 40, $"only {walked} bad values were tried");
    }

    [Fact]
    public async Task Every_command_reports_an_unknown_option_as_one_and_exits_with_its_bad_input_code()
    {
        using var temp = new TempDirectory();
        var failures = new List<string>();
        foreach (var (path, command) in Commands(PanicPathCommand.Create()))
        {
            string[] args = [.. path.Skip(1), "--no-such-option", .. command.Action is null ? [] : Baseline(path, null, null, temp)];
            var (exit, output, error) = await CliRun.Run(args);
            var problem = Judge(path, "--no-such-option", "unknown option", exit, output, error);
            if (problem is not null)
            {
                failures.Add($"{string.Join(' ', args)}: {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Help_works_for_every_command_and_exits_zero()
    {
        foreach (var (path, _) in Commands(PanicPathCommand.Create()))
        {
            var (exit, output, error) = await CliRun.Run([.. path.Skip(1), "--help"]);

            Assert.True(exit == ExitCodes.Fine, $"{string.Join(' ', path)} --help: exit {exit}: {error}");
            Assert.Contains("Usage:", output, StringComparison.Ordinal);
            Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
        }
    }

    /// <summary>A bad value as it goes on the command line, and as the error line must show it.</summary>
    private sealed record Bad(string Value, string Shown, bool Attached = false, string? NamedBy = null);

    /// <summary>The bad values of each kind; a kind without any fails the walk.</summary>
    private static IEnumerable<Bad> BadValues(ValueKind kind, TempDirectory temp)
    {
        var file = temp.Sub("a-file");
        File.WriteAllText(file, "not a directory");
        var directory = temp.Sub("a-directory");
        Directory.CreateDirectory(directory);
        var link = temp.Sub("a-link");
        if (!File.Exists(link))
        {
            File.CreateSymbolicLink(link, file);
        }

        return kind switch
        {
            ValueKind.Count => [new("abc", "'abc'"), new("1.5", "'1.5'"), new("99999999999", "'99999999999'")],
            ValueKind.Bytes => [new("abc", "'abc'"), new("0", "'0'"), new("1.5G", "'1.5G'"), new("9999999999T", "'9999999999T'")],
            ValueKind.Seconds => [new("abc", "'abc'"), new("NaN", "'NaN'"), new("1e9", "'1e9'")],
            ValueKind.Choice => [new("sometimes", "'sometimes'")],
            ValueKind.Flag => [new("maybe", "'maybe'", Attached: true)],
            ValueKind.Directory => [new(file, $"'{file}'"), new(string.Empty, "''")],
            ValueKind.File => [new(directory, $"'{directory}'")],
            ValueKind.OutputFile => [new(directory, $"the directory '{directory}'"), new(link, $"the symbolic link '{link}'"), new(string.Empty, "''")],
            ValueKind.Url => [new("localhost:4318", "'localhost:4318'")],
            ValueKind.ConnectionString => [new("abc", "'abc'"), new(string.Empty, "''")],
            ValueKind.Configuration => [new("nope", "'nope'")],
            ValueKind.DeathId => [new("abc", "'abc'"), new("0", "'0'")],
            ValueKind.ScenarioFile => [new(directory, $"'{directory}'"), new(string.Empty, "''"), new("--nope", "unknown option", NamedBy: "--nope")],
            ValueKind.Pattern => [new("(unclosed", "'(unclosed'"), new(@"(a)\1", @"'(a)\1'"), new(string.Empty, "''")],
            ValueKind.CommandLine => [new(string.Empty, "''")],
            ValueKind.Listen => [new("nonsense", "'nonsense'"), new("localhost:80", "'localhost:80'"), new("127.0.0.1:65536", "'127.0.0.1:65536'"), new("[::1]", "'[::1]'")],
            ValueKind.Token => [new("short", "(not shown)"), new("has spaces in it, 1234567890", "(not shown)")],
            _ => throw new Xunit.Sdk.XunitException($"no bad values for the value kind {kind}: add them here"),
        };
    }

    /// <summary>The command line trying <paramref name="bad"/> for <paramref name="symbol"/>, the rest from the baseline.</summary>
    private static string[] Line(IReadOnlyList<string> path, Symbol symbol, Bad bad, TempDirectory temp)
    {
        string[] fragment = symbol switch
        {
            Option option when bad.Attached => [$"{option.Name}={bad.Value}"],
            Option option => [option.Name, bad.Value],
            _ => [],
        };
        return [.. path.Skip(1), .. fragment, .. Baseline(path, symbol, symbol is Argument ? bad.Value : null, temp)];
    }

    /// <summary>
    /// A good command line after the command's name: its store in <paramref name="temp"/> (unless
    /// <c>--data</c> is <paramref name="tested"/>) and its arguments, the <paramref name="tested"/> one
    /// being <paramref name="bad"/>. A command without a baseline fails the walk.
    /// </summary>
    private static string[] Baseline(IReadOnlyList<string> path, Symbol? tested, string? bad, TempDirectory temp)
    {
        var scenario = Scenario();
        string Arg(string name, string good) => tested is Argument a && a.Name == name ? bad! : good;
        string[] data = tested is Option { Name: "--data" } ? [] : ["--data", temp.Sub("data")];
        return string.Join(' ', path.Skip(1)) switch
        {
            "explore" => [Arg("files", scenario)],
            "trace" => [Arg("file", scenario)],
            "diff" => [Arg("old", scenario), Arg("new", scenario)],
            "run" => [.. data, "--", Arg("command", Crasher.Dotnet), Crasher.Dll, "exit3"],
            "reports list" or "reports buckets" => data,
            "reports show" => [.. data, Arg("id", "1")],
            "demo" => [],
            "ui" => data,
            "kernel list" => [],
            "kernel show" => [Arg("name", "mainline-6.1")],
            var other => throw new Xunit.Sdk.XunitException($"no good command line for '{other}': add one here"),
        };
    }

    /// <summary>Why the run of a bad command line is wrong, or null when it is right.</summary>
    private static string? Judge(IReadOnlyList<string> path, string name, string shown, int exit, string output, string error)
    {
        var expectedExit = path.Count > 1 && path[1] == "run" ? ExitCodes.RunFailed : ExitCodes.BadInput;
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("See '", StringComparison.Ordinal))
            .ToList();
        if (exit != expectedExit)
        {
            return $"exit {exit}, expected {expectedExit}; stderr: {error}";
        }

        foreach (var text in new[] { error, output })
        {
            if (text.Contains("Unhandled exception", StringComparison.Ordinal) || text.Contains("   at ", StringComparison.Ordinal) || text.Contains("System.", StringComparison.Ordinal))
            {
                return $"a stack trace or a type name: {text}";
            }
        }

        if (lines.Count != 1 || !lines[0].Contains(name, StringComparison.Ordinal) || !lines[0].Contains(shown, StringComparison.Ordinal))
        {
            return $"expected one line naming {name} and {shown}; stderr: {error}";
        }

        return output.Contains("crasher", StringComparison.Ordinal) ? "the command ran" : null;
    }

    /// <summary>Every command under <paramref name="root"/> (itself included) with its path of names as typed, <c>panicpath reports list</c>.</summary>
    private static IEnumerable<(IReadOnlyList<string> Path, Command Command)> Commands(Command root, IReadOnlyList<string>? above = null)
    {
        IReadOnlyList<string> path = above is null ? ["panicpath"] : [.. above, root.Name];
        yield return (path, root);
        foreach (var sub in root.Subcommands)
        {
            foreach (var found in Commands(sub, path))
            {
                yield return found;
            }
        }
    }

    private static string Scenario() => PanicPath.TestSupport.ExampleScenarios.File("merged");
}
