using System.Text.RegularExpressions;
using PanicPath.Cli.Commands.Model;
using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel.Profiles;

namespace PanicPath.Cli.Tests;

/// <summary>
/// Seeded mutants of a copied kernel profile, and of one whose <c>panic()</c> calls itself passing <c>{arg}</c> four
/// times over (lines deleted, duplicated, swapped, values replaced by hostile ones such
/// as a growing <c>{arg}</c>, a call back into <c>panic</c> or a <c>panic_cpu</c> the machine lacks), named by a
/// scenario that races an NMI at every step on either CPU: each is read and explored with every violation traced, as
/// <c>panicpath explore --all-traces</c> does, and ends with exit 0 or 1, or exit 2 and one located line; none throws.
/// </summary>
public sealed partial class ProfileFuzzTests
{
    private const int Seed = 20_261_130;
    private const int Mutants = 2000;
    private const int MaxConfigs = 4096;

    /// <summary>A bound on the test's time on a loaded machine; the mutants are the same whatever it cuts.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    private const string Scenario = """
        scenario: fuzz
        kernel: ./k.yaml
        cpus: 2
        panic-cpu: any
        locks: [port_lock]
        faults:
          - cpu-in-critical-section: port_lock
        hooks:
          console_flush_on_panic:
            - lock: port_lock
            - unlock: port_lock
        entry: [panic, oops, nmi]
        race:
          does: [nmi]
          at: every-step
        invariants:
          - name: terminates
            terminates: true
          - name: dumped
            at-least-once: kmsg-dump
        """;

    private static readonly string[] Values =
    [
        "\"{arg}{arg}{arg}\"", "panic", "__crash_kexec", "panic_cpu = 7", "panic_cpu = this_cpu + 3", "panic_cpu = -1", "\"{cpu_online(this_cpu + 9)}\"",
        "\"!post\"", "kexec_locked", "crash-kernel-boot", "end-of-oops", "x", "\"\"", "[]", "{}", "-1", "99999999999", "every-step", "PANIC", "die",
    ];

    [Fact]
    public void Every_mutant_of_a_copied_profile_raced_at_every_step_exits_0_1_or_2_and_every_2_is_one_located_line()
    {
        var shipped = ShippedProfiles.Text("mainline-6.1");
        const string CrashKexec = "          - call: __crash_kexec\n            arg: __crash_kexec before the notifiers\n";
        Assert.Contains(CrashKexec, shipped, StringComparison.Ordinal);
        string[] bases = [shipped, shipped.Replace(CrashKexec, "          - call: panic\n            arg: \"{arg}{arg}{arg}{arg}\"\n", StringComparison.Ordinal)];
        var folder = Directory.CreateTempSubdirectory("panicpath-profile-fuzz-").FullName;
        try
        {
            var top = Path.Combine(folder, "top.yaml");
            File.WriteAllText(top, Scenario);
            MutantRuns.Check(bases, Seed, Mutants, Budget, Mutate, (text, i) =>
            {
                File.WriteAllText(Path.Combine(folder, "k.yaml"), text);
                return MutantRuns.Exit(i, text, errors =>
                {
                    var scenario = ModelRendering.Load(top, errors, MaxConfigs);
                    return scenario is null ? null : ModelRendering.Located(() => ScenarioExplorer.Explore(scenario, MaxConfigs, v => Assert.NotNull(v.Trace)), errors);
                });
            }, Located());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var line = random.Next(lines.Count);
        switch (random.Next(5))
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

            default:
                {
                    var colon = lines[line].IndexOf(": ", StringComparison.Ordinal);
                    if (colon >= 0)
                    {
                        lines[line] = lines[line][..(colon + 2)] + Values[random.Next(Values.Length)];
                    }

                    break;
                }
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"\Apanicpath: [^\n]+:\d+:\d+: expected [^\n]+\n\z")]
    private static partial Regex Located();
}
