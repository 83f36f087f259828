using System.Diagnostics;
using System.Text.RegularExpressions;
using PanicPath.Cli.Commands.Model;
using PanicPath.Model.Explorer;

namespace PanicPath.Cli.Tests;

/// <summary>
/// What the fuzz tests share: seeded mutants of some base texts, each explored as a model command explores it and held
/// to the commands' contract — exit 0 or 1 with nothing on the error stream, or exit 2 with one located line — and
/// never an exception.
/// </summary>
internal static class MutantRuns
{
    /// <summary>
    /// Makes up to <paramref name="count"/> mutants (a base picked at random, mutated one to three times by
    /// <paramref name="mutate"/>) and explores each with <paramref name="explore"/>, given the mutant and its index,
    /// until <paramref name="budget"/> is spent (the mutants are the same whatever it cuts). Every exit 2 must match
    /// <paramref name="located"/>; some mutant must be refused and some explored.
    /// </summary>
    public static void Check(string[] bases, int seed, int count, TimeSpan budget, Func<string, Random, string> mutate,
        Func<string, int, (int Exit, string Error)> explore, Regex located)
    {
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var exits = new int[3];
        for (var i = 0; i < count && clock.Elapsed < budget; i++)
        {
            var text = bases[random.Next(bases.Length)];
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                text = mutate(text, random);
            }

            var (exit, error) = explore(text, i);
            exits[exit]++;
            Assert.True(exit != ExitCodes.BadInput || located.IsMatch(error), $"mutant {i} exited 2 without one located line:\n{error}\n--- mutant ---\n{text}");
            Assert.True(exit == ExitCodes.BadInput || error.Length == 0, $"mutant {i} exited {exit} with errors:\n{error}");
        }

        // Both sides are exercised: mutants that still explore and mutants that are refused.
        Assert.True(exits[ExitCodes.BadInput] > 0, "no mutant was refused");
        Assert.True(exits[ExitCodes.Fine] + exits[ExitCodes.Findings] > 0, "no mutant was explored");
    }

    /// <summary>
    /// Runs <paramref name="explore"/> (null when the mutant is refused, its errors written to the writer it is given)
    /// and answers the exit code and error text a model command would give; an exception fails the test naming mutant
    /// <paramref name="index"/>.
    /// </summary>
    public static (int Exit, string Error) Exit(int index, string mutant, Func<TextWriter, ExplorationReport?> explore)
    {
        using var errors = new StringWriter();
        try
        {
            var report = explore(errors);
            return (report is null ? ExitCodes.BadInput : report.Holds ? ExitCodes.Fine : ExitCodes.Findings, errors.ToString());
        }
        catch (Exception e)
        {
            Assert.Fail($"mutant {index} threw {e}\n--- mutant ---\n{mutant}");
            throw;
        }
    }
}
