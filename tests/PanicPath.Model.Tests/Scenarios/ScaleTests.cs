using System.Text;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Tests.Scenarios;

/// <summary>
/// Files within the reader's limits but with very many names: each compiles in time proportional to its size.
/// A reader that looks names up by walking a list takes hours on them, so it fails these tests at their
/// two-minute guard; the linear reader takes seconds.
/// </summary>
public sealed class ScaleTests
{
    /// <summary>Compiles <paramref name="yaml"/>; a reader still at work after two minutes fails the test instead of holding it.</summary>
    private static async Task<Scenario> Compiled(string yaml)
    {
        var task = Task.Run(() => Model.Compile(yaml));
        Assert.True(await Task.WhenAny(task, Task.Delay(TimeSpan.FromMinutes(2))) == task, "the reader is still compiling after two minutes");
        return await task;
    }

    [Fact]
    public async Task Two_hundred_thousand_emitted_events_compile_each_looked_up_at_once()
    {
        const int count = 200_000;
        var yaml = new StringBuilder("callbacks:\n  - name: cb\n    chain: panic\n    do:\n");
        for (var i = 0; i < count; i++)
        {
            yaml.Append("      - emit: e").Append(i).Append('\n');
        }

        var scenario = await Compiled(yaml.ToString());
        Assert.Equal("e199999", scenario.Events[^1]);
        Assert.Equal(count, scenario.Events.Count(e => e.StartsWith('e') && e.Skip(1).All(char.IsAsciiDigit)));
    }

    [Fact]
    public async Task A_hundred_and_fifty_thousand_state_variables_and_locks_each_named_in_conditions_compile()
    {
        const int count = 150_000;
        var yaml = new StringBuilder("state:\n");
        for (var i = 0; i < count; i++)
        {
            yaml.Append("  s").Append(i).Append(": false\n");
        }

        yaml.Append("locks:\n");
        for (var i = 0; i < count; i++)
        {
            yaml.Append("  - l").Append(i).Append('\n');
        }

        // Each condition names 30 state variables and 30 locks: chained operators stay under the nesting limit.
        yaml.Append("callbacks:\n  - name: cb\n    chain: panic\n    do:\n");
        for (var i = 0; i < count; i += 30)
        {
            var terms = Enumerable.Range(i, Math.Min(30, count - i)).Select(j => $"s{j} || held(l{count - 1 - j})");
            yaml.Append("      - if: ").Append(string.Join(" || ", terms)).Append("\n        do: [ { set: s").Append(i).Append(" = true } ]\n");
        }

        var scenario = await Compiled(yaml.ToString());
        Assert.Equal(count, scenario.Locks.Count);
        Assert.Equal("l149999", scenario.Locks[^1]);
    }

    [Fact]
    public async Task A_long_chain_of_helpers_called_from_thousands_of_setup_steps_has_its_knob_write_checked_once_per_place()
    {
        const int depth = 3_000;
        var yaml = new StringBuilder("knobs:\n  panic_timeout: [0, 10]\nhelpers:\n");
        for (var i = 0; i < depth - 1; i++)
        {
            yaml.Append("  h").Append(i).Append(": [ { call: h").Append(i + 1).Append(" } ]\n");
        }

        yaml.Append("  h").Append(depth - 1).Append(": [ { set: panic_timeout = 10 } ]\nsetup:\n");
        for (var i = 0; i < depth; i++)
        {
            yaml.Append("  - call: h0\n");
        }

        yaml.Append("after-boot:\n  - call: h0\n");
        var scenario = await Compiled(yaml.ToString());
        Assert.Equal(depth, scenario.Helpers.Count);
    }

    [Fact]
    public async Task A_refused_write_deep_in_a_helper_chain_is_still_named_with_the_first_body_that_reaches_it()
    {
        const int depth = 3_000;
        var yaml = new StringBuilder("knobs:\n  kexec_crash_loaded: [false, true]\nhelpers:\n");
        for (var i = 0; i < depth - 1; i++)
        {
            yaml.Append("  h").Append(i).Append(": [ { call: h").Append(i + 1).Append(" } ]\n");
        }

        yaml.Append("  h").Append(depth - 1).Append(": [ { set: kexec_crash_loaded = true } ]\nafter-boot:\n");
        for (var i = 0; i < depth; i++)
        {
            yaml.Append("  - call: h0\n");
        }

        yaml.Append("callbacks:\n  - name: notifier\n    chain: panic\n    do: [ { call: h0 } ]\n");
        var error = await Assert.ThrowsAsync<ScenarioException>(() => Compiled(yaml.ToString()));
        Assert.Equal(3 + depth, error.Location.Line);
        Assert.EndsWith($"(in helper h{depth - 1}, which callback notifier calls)", error.Message, StringComparison.Ordinal);
    }
}
