using System.Text;
using System.Text.RegularExpressions;
using PanicPath.Cli.Commands.Model;
using PanicPath.Model.Explorer;

namespace PanicPath.Cli.Tests;

/// <summary>
/// Seeded mutants of the example scenarios, read and explored in-process with the model commands' own
/// error mapping: every one ends with exit 0 or 1, or exit 2 and one located line; none throws.
/// </summary>
public sealed partial class ScenarioFuzzTests
{
    private const int Seed = 20_261_129;
    private const int Mutants = 3000;
    private const int MaxConfigs = 64;

    /// <summary>A bound on the test's time on a loaded machine; the mutants are the same whatever it cuts.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(40);

    private static readonly string[] Tokens =
    [
        "[", "]", "{", "}", "*a", "&a ", "*a ", ": ", "- ", "!", "&&", "||", "->", "(", ")", "\"", "'", "#", "\t", "\n", "  ",
        "INT_MIN", "INT_MAX - ", "-", "held(", "%", "@", "`", "|", ">", "? ", ",", "\uFEFF", "é", "\u0000", "<<: ", "!!str ", "---\n", "...\n", "~",
        "99999999999", "-2147483649", "true", "false", "panic", "oops", "x86_64", "arm64", "ring_lock", "channel-unload",
    ];

    [Fact]
    public void Every_mutant_of_the_examples_exits_0_1_or_2_and_every_2_names_its_place()
    {
        var bases = Directory.GetFiles(Path.GetDirectoryName(CliRun.Example("merged"))!, "*.yaml").Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .SelectMany(text => new[] { text, Narrow(text) })
            .ToArray();
        MutantRuns.Check(bases, Seed, Mutants, Budget, Mutate, (text, i) => MutantRuns.Exit(i, text, errors =>
        {
            var scenario = ModelRendering.Compile(text, "mutant.yaml", errors, MaxConfigs);
            return scenario is null ? null : ModelRendering.Located(() => ScenarioExplorer.Explore(scenario, MaxConfigs), errors);
        }), Located());
    }

    /// <summary>The example with one value per knob and feature: a space small enough to explore for every mutant.</summary>
    private static string Narrow(string text) => NarrowList().Replace(text, "$1$2]");

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var line = random.Next(lines.Count);
        var at = random.Next(text.Length + 1);
        switch (random.Next(10))
        {
            case 0:
                lines.RemoveAt(line);
                break;
            case 1:
                lines.Insert(line, lines[random.Next(lines.Count)]);
                break;
            case 2:
                {
                    var other = random.Next(lines.Count);
                    (lines[line], lines[other]) = (lines[other], lines[line]);
                    break;
                }

            case 3:
                return text.Insert(at, Tokens[random.Next(Tokens.Length)]);
            case 4:
                return text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at));
            case 5:
                {
                    var words = Word().Matches(text);
                    if (words.Count < 2)
                    {
                        return text;
                    }

                    var target = words[random.Next(words.Count)];
                    return string.Concat(text.AsSpan(0, target.Index), words[random.Next(words.Count)].Value, text.AsSpan(target.Index + target.Length));
                }

            case 6:
                return text[..at];
            case 7:
                lines[line] = random.Next(2) == 0 ? "  " + lines[line] : lines[line].TrimStart();
                break;
            case 8:
                return text.Insert(at, new string("([{!-"[random.Next(5)], random.Next(50, 500)));
            default:
                {
                    var bytes = Encoding.UTF8.GetBytes(text);
                    if (bytes.Length > 0)
                    {
                        bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    }

                    return Encoding.UTF8.GetString(bytes);
                }
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"\A(?:panicpath: mutant\.yaml:\d+:\d+: expected [^\n]+\n)\z")]
    private static partial Regex Located();

    [GeneratedRegex(@"(?m)^(  [A-Za-z_][A-Za-z0-9_]*: \[)([^,\]\n]+)(?:,[^\]\n]*)\]")]
    private static partial Regex NarrowList();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_\-]*")]
    private static partial Regex Word();
}
