using System.Text.RegularExpressions;
using PanicPath.Model.Kernel;
using PanicPath.Model.Kernel.Profiles;
using PanicPath.Model.Scenarios;
using PanicPath.Model.Tests.Scenarios;

namespace PanicPath.Model.Tests.Profiles;

/// <summary>
/// A kernel profile file named by <c>kernel: file.yaml</c>: read with the rules of <c>include:</c>, compiled against
/// the scenario, and every error in it located at the profile's own <c>file:line:column</c>.
/// </summary>
public sealed partial class ProfileFileTests
{
    /// <summary>A scenario naming <c>./k.yaml</c>, and the profile <paramref name="profile"/> written there.</summary>
    private static ScenarioFolder With(string profile, string scenario = "kernel: k.yaml\n")
    {
        var folder = new ScenarioFolder();
        folder.Write("k.yaml", profile);
        folder.Write("top.yaml", scenario);
        return folder;
    }

    /// <summary>The shipped 6.1 profile with <paramref name="old"/> replaced by <paramref name="new"/> (which must be there).</summary>
    private static string Edited(string old, string @new)
    {
        var text = ShippedProfiles.Text("mainline-6.1");
        Assert.Contains(old, text, StringComparison.Ordinal);
        return text.Replace(old, @new, StringComparison.Ordinal);
    }

    /// <summary>The line and column in the shipped 6.1 profile's text where <paramref name="fragment"/> starts, 1-based.</summary>
    private static (int Line, int Column) Where(string text, string fragment)
    {
        var at = text.IndexOf(fragment, StringComparison.Ordinal);
        var line = text[..at].Count(c => c == '\n') + 1;
        return (line, at - text.LastIndexOf('\n', at - 1));
    }

    private static void AssertRefusedAt(string profile, string fragment, string expected, int shift = 0)
    {
        using var folder = With(profile);
        var error = folder.Error("top.yaml");
        var (line, column) = Where(profile, fragment);
        Assert.Equal($"{folder.Path("k.yaml")}:{line}:{column + shift}: expected {expected}", error.Message);
    }

    [Fact]
    public void A_copy_of_a_shipped_profile_names_itself_and_brings_the_lists_and_knobs_its_steps_use()
    {
        using var folder = With(ShippedProfiles.Text("series-v1").Replace("profile: series-v1", "profile: my-series", StringComparison.Ordinal));
        var scenario = folder.Parse("top.yaml");

        Assert.Equal("my-series", scenario.Profile.Name);
        Assert.True(scenario.SplitPanicLists);
        Assert.True(scenario.HasNotifiersLevel);
        Assert.Equal(folder.Path("k.yaml"), scenario.Profile.File);
        Assert.Null(scenario.KernelNote);
    }

    [Fact]
    public void An_unknown_verb_is_refused_at_its_key_in_the_profile()
    {
        var text = Edited("        walk: panic\n", "        wlak: panic\n");
        AssertRefusedAt(text, "wlak", "a step verb (if, do, let, set, call, hook, emit, reach, hang, return, or a primitive: claim-panic-cpu, smp-send-stop, nmi-shootdown, walk, kmsg-dump, panic-print, delay-seconds, panic, kexec-lock, self-stop, crash-stop-ipi), step, cites or say, not 'wlak'");
    }

    [Fact]
    public void A_top_level_step_without_a_label_is_refused()
    {
        var text = Edited("      - step: panic-notifiers\n        cites: kernel/panic.c:366\n        walk: panic\n", "      - walk: panic\n");
        AssertRefusedAt(text, "walk: panic", "a 'step' label on each of a function's top-level steps");
    }

    [Fact]
    public void A_label_used_twice_in_a_function_is_refused_at_the_second()
    {
        var text = Edited("      - step: kmsg-dump\n", "      - step: panic-notifiers\n");
        var second = text.IndexOf("step: panic-notifiers", text.IndexOf("step: panic-notifiers", StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        using var folder = With(text);
        var error = folder.Error("top.yaml");
        var line = text[..second].Count(c => c == '\n') + 1;
        Assert.Equal($"{folder.Path("k.yaml")}:{line}:15: expected a label used once in function panic; 'panic-notifiers' labels a step above", error.Message);
    }

    [Fact]
    public void A_labelled_step_without_cites_is_refused()
    {
        var text = Edited("      - step: kmsg-dump\n        cites: kernel/panic.c:370\n", "      - step: kmsg-dump\n");
        AssertRefusedAt(text, "step: kmsg-dump", "'cites' with the step: the kernel lines it models");
    }

    [Fact]
    public void An_unknown_name_in_a_condition_is_located_at_its_column_in_the_profile()
    {
        var text = Edited("        if: \"!post\"\n        do:\n          - call: __crash_kexec\n            arg: __crash_kexec before", "        if: \"!postt\"\n        do:\n          - call: __crash_kexec\n            arg: __crash_kexec before");
        AssertRefusedAt(text, "!postt", "a known name (a local of the profile, kmsg_dumpers, notify_stop, kexec_locked, a knob, builtin or declared value), not 'postt'", shift: 1);
    }

    [Fact]
    public void A_call_of_a_function_the_profile_lacks_is_refused_at_the_call()
    {
        var text = Edited("        call: panic_other_cpus_shutdown\n", "        call: smp_stop\n");
        AssertRefusedAt(text, "smp_stop", "the name of a function of the profile (panic, panic_other_cpus_shutdown, emergency_restart, __crash_kexec, machine_crash_shutdown, crash_kexec, die, kexec_should_crash, make_task_dead, __warn, check_panic_on_warn, nmi_panic, crash_smp_send_stop), not 'smp_stop'");
    }

    [Fact]
    public void A_chain_the_kernel_does_not_walk_as_a_notifier_list_is_refused()
    {
        var text = Edited("        walk: panic\n", "        walk: kmsg_dump\n");
        AssertRefusedAt(text, "kmsg_dump\n", "a chain the kernel walks: panic, hypervisor, info, pre_reboot, post_reboot, restart, die, crash_shutdown, not 'kmsg_dump'");
    }

    [Fact]
    public void A_profile_without_panic_is_refused()
    {
        var text = Edited("  panic:\n    cites: kernel/panic.c:275-460 panic()\n", "  panik:\n    cites: kernel/panic.c:275-460 panic()\n");
        AssertRefusedAt(text, "  panik:", "a function 'panic', which the machine enters for every panic", shift: 2);
    }

    [Fact]
    public void A_let_of_an_undeclared_local_is_refused()
    {
        var text = Edited("        let: post = crash_kexec_post_notifiers\n", "        let: posted = crash_kexec_post_notifiers\n");
        AssertRefusedAt(text, "posted", "a local declared under 'locals', not 'posted'");
    }

    [Fact]
    public void A_profile_without_sources_is_refused()
    {
        var text = MultiLineSources().Replace(ShippedProfiles.Text("mainline-6.1"), string.Empty);
        using var folder = With(text);
        Assert.Equal($"{folder.Path("k.yaml")}:4:1: expected a kernel profile with 'sources'", folder.Error("top.yaml").Message);
    }

    [GeneratedRegex(@"sources:\n(  .*\n)+")]
    private static partial Regex MultiLineSources();

    [Fact]
    public void A_variant_key_is_refused_since_the_profile_itself_says_all_its_kernel_does()
    {
        var text = Edited("profile: mainline-6.1\n", "profile: mainline-6.1\nvariant: mainline-6.1\n");
        AssertRefusedAt(text, "variant:", "one of the keys profile, sources, locals, functions, not 'variant'");
    }

    [Theory]
    [InlineData("  die:\n", "  dye:\n", "a function 'die', which the machine enters for an oops (entry: oops)")]
    [InlineData("  __warn:\n", "  warn:\n", "a function '__warn', which the machine enters for a warning (entry: warn)")]
    [InlineData("  nmi_panic:\n", "  nmi:\n", "a function 'nmi_panic', which the machine enters for an NMI's panic (entry: nmi)")]
    public void A_profile_without_an_entry_function_is_refused_at_its_functions(string function, string renamed, string expected)
    {
        var text = Edited(function, renamed);
        AssertRefusedAt(text, "  panic:\n    cites", expected, shift: 2);
    }

    [Fact]
    public void A_missing_profile_file_is_named_at_the_kernel_value()
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "kernel: nope.yaml\n");
        Assert.Equal($"{folder.Path("top.yaml")}:1:9: expected a readable regular file for the kernel profile, not '{folder.Path("nope.yaml")}' (No such file or directory)", folder.Error("top.yaml").Message);
    }

    [Fact]
    public async Task A_fifo_named_as_the_profile_is_refused_at_once_without_blocking()
    {
        using var folder = new ScenarioFolder();
        folder.Fifo("pipe.yaml");
        folder.Write("top.yaml", "kernel: pipe.yaml\n");

        var task = Task.Run(() => folder.Error("top.yaml"));
        Assert.True(await Task.WhenAny(task, Task.Delay(TimeSpan.FromMinutes(2))) == task, "the reader blocked");
        var error = await task;

        Assert.Equal(new SourceLocation(folder.Path("top.yaml"), 1, 9), error.Location);
        Assert.EndsWith("(a FIFO, not a regular file)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_through_a_symbolic_link_is_read_as_include_reads_one()
    {
        using var folder = With(ShippedProfiles.Text("mainline-5.18"), "kernel: link.yaml\n");
        File.CreateSymbolicLink(folder.Path("link.yaml"), folder.Path("k.yaml"));

        Assert.Equal("mainline-5.18", folder.Parse("top.yaml").Profile.Name);
    }

    [Fact]
    public void A_profile_counts_in_the_scenarios_node_limit()
    {
        var text = ShippedProfiles.Text("mainline-6.1") + "# padding\n";
        var huge = text.Replace("locals:\n", "locals:\n  big: [" + string.Join(", ", Enumerable.Repeat("1", 1_000_001)) + "]\n", StringComparison.Ordinal);
        using var folder = With(huge);
        Assert.Contains("expected at most 1000000 YAML nodes", folder.Error("top.yaml").Message, StringComparison.Ordinal);
    }
    /// <summary>A profile's steps read the CPU builtins: the running CPU, the masks, a scenario's per-CPU state.</summary>
    [Fact]
    public void A_profile_step_reads_this_cpu_the_online_mask_and_per_cpu_state()
    {
        var text = Edited("        hook: kgdb_panic\n", "        say: \"on cpu{this_cpu}, {num_online_cpus()} online, page {page[0]}\"\n");
        using var folder = With(text, "kernel: k.yaml\ncpus: 2\npanic-cpu: [0, 1]\nstate:\n  page: { initial: false, per-cpu: true }\nafter-boot:\n  - set: page = true\n");
        var run = PanicPath.Model.Explorer.ScenarioExplorer.Trace(folder.Parse("top.yaml"), "panic-cpu=1");
        Assert.Contains(run.Trace, s => s.Cpu == 1 && s.Action == "on cpu1, 2 online, page true");
    }

    /// <summary>A profile's set: may not write a scenario's per-CPU state: refused at the name.</summary>
    [Fact]
    public void A_profile_set_of_a_per_cpu_state_is_refused()
    {
        var text = Edited("          - set: panic_on_warn = false\n", "          - set: page = true\n");
        using var folder = With(text, "kernel: k.yaml\nstate:\n  page: { initial: false, per-cpu: true }\n");
        var error = folder.Error("top.yaml");
        var (line, column) = Where(text, "page = true");
        Assert.Equal($"{folder.Path("k.yaml")}:{line}:{column}: expected a kernel knob, panic_cpu or a scenario's state that is not per-CPU, not 'page'", error.Message);
    }
}
