using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;
using PanicPath.Model.Kernel.Profiles;
using PanicPath.Model.Scenarios.Actions.Profile;
using PanicPath.Model.Tests.Scenarios;

namespace PanicPath.Model.Tests.Profiles;

/// <summary>
/// A copied profile written to break the machine: functions that call themselves or each other without end, passing
/// a growing <c>{arg}</c>. The run is a result (it hangs, naming why), never an exception, traced or not.
/// </summary>
public sealed class HostileProfileTests
{
    private const string Scenario = "kernel: k.yaml\ncpus: 2\nentry: [panic, oops, warn, nmi]\ninvariants:\n  - name: terminates\n    terminates: true\n";

    /// <summary>The shipped 6.1 profile whose <c>panic()</c> first calls <paramref name="call"/>, with <paramref name="functions"/> added.</summary>
    private static ScenarioFolder Profile(string call, string functions = "")
    {
        var text = ShippedProfiles.Text("mainline-6.1");
        const string First = "      - step: clear-panic-on-warn\n";
        Assert.Contains(First, text, StringComparison.Ordinal);
        text = text.Replace(First, "      - step: first\n        cites: x\n" + call + First, StringComparison.Ordinal) + functions;
        var folder = new ScenarioFolder();
        folder.Write("k.yaml", text);
        folder.Write("top.yaml", Scenario);
        return folder;
    }

    [Fact]
    public void A_panic_that_calls_itself_hangs_naming_the_calls_without_end()
    {
        using var folder = Profile("        call: panic\n");
        var (_, result, _) = ScenarioExplorer.Trace(folder.Parse("top.yaml"), "entry=panic");

        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.Contains("the kernel profile's functions call each other without end", result.HangReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Functions_that_call_each_other_doubling_their_arg_hang_and_trace_a_text_cut_at_its_limit()
    {
        const string PingPong = """
              ping:
                cites: x
                do:
                  - step: c
                    cites: x
                    say: "{arg}"
                  - step: a
                    cites: x
                    call: pong
                    arg: "{arg}{arg}{arg}{arg}"
              pong:
                cites: x
                do:
                  - step: b
                    cites: x
                    call: ping
                    arg: "{arg}{arg}{arg}{arg}"

            """;
        using var folder = Profile("        call: ping\n        arg: xx\n", PingPong);
        var scenario = folder.Parse("top.yaml");

        var (_, result, trace) = ScenarioExplorer.Trace(scenario, "entry=panic");

        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.Contains("call each other without end", result.HangReason, StringComparison.Ordinal);
        Assert.Contains(trace, s => s.Action == new string('x', SayText.MaxLength) + "…");
        Assert.All(trace, s => Assert.True(s.Action.Length <= SayText.MaxLength + 1, $"a step of {s.Action.Length} characters"));
        Assert.NotEmpty(Model.Violations(scenario));
    }

    [Theory]
    [InlineData("99", "99")]
    [InlineData("2", "2")]
    [InlineData("-2", "-2")]
    public void A_constant_panic_cpu_the_machine_lacks_is_refused_at_the_value(string value, string shown)
    {
        using var folder = Profile($"        set: panic_cpu = {value}\n");
        var error = folder.Error("top.yaml");

        var text = File.ReadAllText(folder.Path("k.yaml"));
        var at = text.IndexOf($"panic_cpu = {value}", StringComparison.Ordinal) + "panic_cpu = ".Length;
        var line = text[..at].Count(c => c == '\n') + 1;
        var column = at - text.LastIndexOf('\n', at - 1);
        Assert.Equal($"{folder.Path("k.yaml")}:{line}:{column}: expected a CPU from 0 to 1 or -1 (none) for panic_cpu (cpus: 2), not {shown}", error.Message);
    }

    [Fact]
    public void A_computed_panic_cpu_the_machine_lacks_hangs_the_run_naming_the_write()
    {
        using var folder = Profile("        set: panic_cpu = this_cpu + 5\n        say: claims\n");
        var (_, result, trace) = ScenarioExplorer.Trace(folder.Parse("top.yaml"), "entry=panic");

        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.Equal("cpu0 sets panic_cpu to 5: the machine has cpu0 to cpu1", result.HangReason);
        Assert.DoesNotContain(trace, s => s.Action.Contains("panic_smp_self_stop", StringComparison.Ordinal));
    }

    [Fact]
    public void A_panic_cpu_of_minus_one_or_a_cpu_the_machine_has_is_written()
    {
        using var folder = Profile("        set: panic_cpu = 1 - this_cpu\n        say: claims\n");
        var (_, result, trace) = ScenarioExplorer.Trace(folder.Parse("top.yaml"), "entry=panic");

        Assert.Contains(trace, s => s.Action.Contains("panic_cpu is cpu1: panic_smp_self_stop", StringComparison.Ordinal));
        Assert.Equal(Boundary.Hang, result.Outcome);
    }
}
