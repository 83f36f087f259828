using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;

namespace PanicPath.Cli.Tests.Golden;

/// <summary>
/// Every configuration of a scenario as the explorer enumerates it (<see cref="ConfigurationSpace.Choices()"/>, the
/// constraints applied), each run by <see cref="Machine.Run"/> with its trace, as one line: the chosen value index of
/// every dimension (one base-36 digit each, the dimensions and values listed in the header), the configuration it ran
/// as once setup had run (<c>=</c> when the same, <c>as …</c> when setup changed it, <c>again</c> when the explorer had
/// already counted that configuration), the end boundary, the violated invariants (indexes, <c>-</c> when none), and
/// the number of trace steps with the first 12 hex digits of the SHA-256 of the full trace text: a change in any run's
/// path changes its line, while the table stays one short line per run.
/// </summary>
internal static class ConfigurationTable
{
    private const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>
    /// The table of <paramref name="scenario"/>, read from <paramref name="file"/> (as shown in the header); <paramref name="shown"/>
    /// turns a trace's text into what a user sees (paths relative to the checkout) before it is hashed.
    /// </summary>
    public static string Of(Scenario scenario, string file, Func<string, string> shown)
    {
        var space = new EffectiveSpace(scenario);
        if (space.Radix.Any(r => r > Digits.Length))
        {
            throw new InvalidOperationException($"{file}: a dimension has more than {Digits.Length} values; the table writes one digit per value index");
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Every configuration of {file}, in the order the explorer enumerates them, run by Machine.Run.\n");
        text.Append("# Recorded by GoldenOutputTests; rewrite on purpose with PANICPATH_UPDATE_GOLDEN=1.\n");
        text.Append("# Columns: chosen value index per dimension (one digit each, in the order below) | the configuration it ran as\n");
        text.Append("# after setup (= unchanged; as DIGITS when setup changed it; again when the explorer already counted it) |\n");
        text.Append("# end boundary | violated invariants | trace steps and the first 12 hex digits of the SHA-256 of the trace text.\n");
        for (var d = 0; d < space.Dimensions.Count; d++)
        {
            var dimension = space.Dimensions[d];
            var values = string.Join(" ", dimension.Values.Select((v, i) => $"{Digits[i]}={v}"));
            text.Append(CultureInfo.InvariantCulture, $"# {dimension.Name}: {values}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"# invariants: {string.Join(" ", scenario.Invariants.Select(i => $"{i.Index}={i.Name}"))}\n");
        var machine = new Machine(scenario);
        var counted = new BitSet(space.Size);
        var steps = new List<TraceStep>();
        var effective = new int[space.Radix.Count];
        var lines = 0;
        foreach (var choices in new ConfigurationSpace(scenario).Choices())
        {
            steps.Clear();
            var result = machine.Run(choices, steps);
            var index = space.IndexOf(machine, choices);
            space.Decode(index, effective);
            var chosen = Code(choices);
            var ranAs = Code(effective);
            text.Append(chosen).Append(" | ");
            text.Append(ranAs == chosen ? "=" : "as " + ranAs);
            if (!counted.Add(index))
            {
                text.Append(" again");
            }

            var violated = scenario.Invariants.Where(i => result.Violates(i.Index)).Select(i => i.Index.ToString(CultureInfo.InvariantCulture)).ToList();
            text.Append(" | ").Append(BoundaryNames.Name(result.Outcome));
            text.Append(" | ").Append(violated.Count == 0 ? "-" : string.Join(",", violated));
            text.Append(CultureInfo.InvariantCulture, $" | {steps.Count} {Hash(shown(TraceText(steps, result)))}\n");
            lines++;
        }

        text.Append(CultureInfo.InvariantCulture, $"# {lines} configurations, {counted.Count()} counted by the explorer\n");
        return text.ToString();
    }

    /// <summary>The configuration a table line names, as <c>panicpath trace --config</c> takes it; null when the line is not a configuration's.</summary>
    public static string? ConfigOf(Scenario scenario, string? line)
    {
        if (line is null || line.StartsWith('#'))
        {
            return null;
        }

        var end = line.IndexOf(' ', StringComparison.Ordinal);
        return end > 0 ? Key(scenario, line[..end]) : null;
    }

    /// <summary>The configuration <paramref name="code"/> (one digit per dimension) names, as <c>name=value,…</c>; null when it names none.</summary>
    public static string? Key(Scenario scenario, string code)
    {
        var space = new EffectiveSpace(scenario);
        if (code.Length != space.Dimensions.Count)
        {
            return null;
        }

        var pairs = new List<string>();
        for (var d = 0; d < code.Length; d++)
        {
            var i = Digits.IndexOf(code[d], StringComparison.Ordinal);
            if (i < 0 || i >= space.Dimensions[d].Values.Count)
            {
                return null;
            }

            pairs.Add($"{space.Dimensions[d].Name}={space.Dimensions[d].Values[i]}");
        }

        return string.Join(",", pairs);
    }

    /// <summary>The code (one digit per dimension) of the configuration whose values are <paramref name="values"/> by dimension name.</summary>
    public static string Code(Scenario scenario, Func<string, string?> values)
    {
        var space = new EffectiveSpace(scenario);
        var code = new StringBuilder();
        foreach (var dimension in space.Dimensions)
        {
            var i = values(dimension.Name) is { } value ? dimension.Values.ToList().IndexOf(value) : -1;
            code.Append(i >= 0 && i < Digits.Length ? Digits[i] : '?');
        }

        return code.ToString();
    }

    /// <summary>The full text of a run: every step's CPU, chain, callback, action and change, then how it ended.</summary>
    public static string TraceText(IReadOnlyList<TraceStep> steps, RunResult result)
    {
        var text = new StringBuilder();
        foreach (var s in steps)
        {
            text.Append(CultureInfo.InvariantCulture, $"cpu{s.Cpu}\t{s.Chain}\t{s.Callback}\t{s.Action}\t{s.Change}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"ends: {BoundaryNames.Name(result.Outcome)}\t{result.HangReason}\tviolated: {result.Violated}\n");
        return text.ToString();
    }

    private static string Code(ReadOnlySpan<int> indexes)
    {
        Span<char> code = stackalloc char[indexes.Length];
        for (var d = 0; d < indexes.Length; d++)
        {
            code[d] = Digits[indexes[d]];
        }

        return new string(code);
    }

    /// <summary>The first 12 hex digits of the SHA-256 of <paramref name="text"/> in UTF-8.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
}
