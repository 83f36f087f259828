using System.Text.Json;
using PanicPath.Model.Kernel.Profiles;

namespace PanicPath.Cli.Tests;

/// <summary><c>panicpath kernel list | show</c>, and <c>diff</c> of a scenario on a shipped profile and on an edited copy of it.</summary>
public sealed class KernelCommandTests
{
    [Fact]
    public async Task Kernel_list_names_every_shipped_profile_with_its_version_and_which_one_mainline_means()
    {
        var (exit, output, error) = await CliRun.Run("kernel", "list");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        var lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["mainline-6.12", "mainline-6.1", "mainline-5.18", "series-v1"], lines.Select(l => l.Split(' ')[0]));
        Assert.Contains("6.12.117 (Debian linux-source-6.12)  (kernel: mainline)", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kernel_list_json_gives_name_version_the_functions_modelled_and_mainline()
    {
        var (exit, output, _) = await CliRun.Run("kernel", "list", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["schema", "profiles"], json.RootElement.EnumerateObject().Select(p => p.Name));
        var profiles = json.RootElement.GetProperty("profiles");
        var first = profiles[0];
        Assert.Equal("mainline-6.12", first.GetProperty("name").GetString());
        var functions = first.GetProperty("functions").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Equal("panic", functions[0]);
        Assert.Contains("die", functions);
        Assert.Contains("crash_kexec", functions);
        Assert.True(first.GetProperty("mainline").GetBoolean());
        Assert.False(profiles[1].GetProperty("mainline").GetBoolean());
        Assert.Equal(4, profiles.GetArrayLength());
    }

    [Theory]
    [InlineData("mainline-6.1", "mainline-6.1")]
    [InlineData("mainline", "mainline-6.12")]
    [InlineData("series", "series-v1")]
    public async Task Kernel_show_prints_the_shipped_profile_exactly_to_copy(string name, string shipped)
    {
        var (exit, output, _) = await CliRun.Run("kernel", "show", name);

        Assert.Equal(0, exit);
        Assert.Equal(ShippedProfiles.Text(shipped), output);
    }

    [Fact]
    public async Task Kernel_show_refuses_a_name_that_is_not_shipped_with_exit_2_and_one_line()
    {
        var (exit, output, error) = await CliRun.Run("kernel", "show", "mainline-4.19");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal("panicpath: name: expected one of mainline-6.12, mainline-6.1, mainline-5.18, series-v1, mainline, series, not 'mainline-4.19'", error.Split(Environment.NewLine)[0]);
    }

    [Fact]
    public async Task Diff_finds_the_bug_of_dropping_the_post_notifiers_guard_of_the_first_crash_kexec_in_a_copied_profile()
    {
        var folder = Directory.CreateTempSubdirectory("panicpath-profile-").FullName;
        try
        {
            var (_, shown, _) = await CliRun.Run("kernel", "show", "mainline-6.1");
            const string guarded = "        cites: kernel/panic.c:357-358\n        if: \"!post\"\n        do:\n";
            Assert.Contains(guarded, shown, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, "patched.yaml"), shown.Replace(guarded, "        cites: kernel/panic.c:357-358\n        do:\n", StringComparison.Ordinal));
            var scenario = File.ReadAllText(CliRun.Example("merged")).Replace("kernel: mainline-6.1", "kernel: ./patched.yaml", StringComparison.Ordinal);
            var patched = Path.Combine(folder, "merged-patched.yaml");
            File.WriteAllText(patched, scenario);

            var (exit, output, _) = await CliRun.Run("diff", CliRun.Example("merged"), patched);

            Assert.Equal(1, exit);
            Assert.Contains("channel-unloaded-before-next-kernel: newly violated in 360, fixed in 0", output, StringComparison.Ordinal);
            Assert.Contains("[1]     240  arch == arm64 && kexec_crash_loaded && crash_kexec_post_notifiers && entry == panic", output, StringComparison.Ordinal);
            Assert.Contains("cpu0 panic(): __crash_kexec before the notifiers: kexec_trylock(); machine_crash_shutdown", output, StringComparison.Ordinal);
            Assert.Contains("3 invariants newly violated", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Diff_of_a_scenario_on_an_unedited_copy_of_its_profile_finds_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("panicpath-profile-").FullName;
        try
        {
            var (_, shown, _) = await CliRun.Run("kernel", "show", "mainline-5.18");
            File.WriteAllText(Path.Combine(folder, "copy.yaml"), shown);
            var copy = Path.Combine(folder, "v1-patch16.yaml");
            File.WriteAllText(copy, File.ReadAllText(CliRun.Example("v1-patch16")).Replace("kernel: mainline-5.18", "kernel: ./copy.yaml", StringComparison.Ordinal));

            var (exit, output, _) = await CliRun.Run("diff", CliRun.Example("v1-patch16"), copy);

            Assert.Equal(0, exit);
            Assert.Contains("nothing newly violated", output, StringComparison.Ordinal);
            Assert.DoesNotContain("fixed in", output.Replace("fixed in 0", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const string CrashHookPanics = """
        scenario: crash-shutdown-hook-panics
        kernel: ./KERNEL
        knobs:
          arch: [x86_64]
          kexec_crash_loaded: [true]
          panic_on_oops: [true]
        entry: [oops]
        state:
          in_kdump: false
        callbacks:
          - name: crash_hook
            chain: crash_shutdown
            do:
              - set: in_kdump = true
              - panic: crash_hook panics
        invariants:
          - name: no-panic-takes-over-kdump
            happens: panic-entry
            while: "!in_kdump"

        """;

    private const string OopsDumpAfterKdump = """
        scenario: kdump-before-the-oops-dump
        kernel: ./KERNEL
        knobs:
          kexec_crash_loaded: [true]
          panic_on_oops: [true, false]
          in_interrupt: [true, false]
        entry: [oops]
        invariants:
          - name: kdump-first
            happens-before: {first: crash-kernel-boot, then: kmsg-dump}

        """;

    private const string ShortCriticalSection = """
        scenario: crash-stop-and-a-short-critical-section
        kernel: ./KERNEL
        knobs:
          arch: [arm64]
          crash_kexec_post_notifiers: [true]
        locks: [ring_lock]
        faults:
          - cpu-in-critical-section: ring_lock
        callbacks:
          - name: flush
            chain: panic
            do:
              - lock: ring_lock
              - emit: fb-flush
              - unlock: ring_lock
        invariants:
          - name: terminates
            terminates: true

        """;

    [Fact]
    public async Task Diff_finds_that_a_crash_smp_send_stop_that_sends_the_nmi_on_arm64_too_strands_a_cpu_inside_its_critical_section()
    {
        const string x86Only = "        if: arch == x86_64\n        do:\n          - nmi-shootdown: \"{arg}\"\n";
        var output = await DiffOnEditedProfile(ShortCriticalSection, x86Only, x86Only.Replace("arch == x86_64", "\"true\"", StringComparison.Ordinal));

        Assert.Contains("terminates: newly violated in 1, fixed in 0", output, StringComparison.Ordinal);
        Assert.Contains("cpu0 panic(): crash_smp_send_stop (NMI) (cpu1: running → stopped by NMI holding ring_lock)", output, StringComparison.Ordinal);
        Assert.Contains("cpu0 panic flush: hangs: spins forever on ring_lock, held by stopped cpu1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_finds_that_a_crash_kexec_without_its_panic_cpu_claim_lets_a_panic_from_the_crash_shutdown_hook_take_over()
    {
        const string claim = "      - step: claim-panic-cpu\n        cites: kernel/kexec_core.c:994\n        set: panic_cpu = this_cpu\n";
        var output = await DiffOnEditedProfile(CrashHookPanics, claim, string.Empty);

        Assert.Contains("no-panic-takes-over-kdump: newly violated in 1, fixed in 0", output, StringComparison.Ordinal);
        Assert.Contains("cpu0 oops: crash_kexec (panic_on_oops): __crash_kexec: kexec_trylock(); machine_crash_shutdown", output, StringComparison.Ordinal);
        Assert.Contains("cpu0 panic(): panic: crash_hook panics (panic_cpu: none → cpu0)", output, StringComparison.Ordinal);
        Assert.Contains("cpu0 panic(): __crash_kexec before the notifiers: kexec_trylock() fails (a crash kexec is already under way), returns", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_finds_that_an_oops_end_without_crash_kexec_dumps_the_oops_before_the_crash_kernel_boots()
    {
        const string call = "      - step: kexec-should-crash\n        cites: arch/x86/kernel/dumpstack.c:379-380, arch/arm64/kernel/traps.c:223-224\n        call: kexec_should_crash\n";
        var output = await DiffOnEditedProfile(OopsDumpAfterKdump, call, string.Empty);

        Assert.Contains("kdump-first: newly violated in 3, fixed in 0", output, StringComparison.Ordinal);
        Assert.Contains("[1]       2  in_interrupt", output, StringComparison.Ordinal);
        Assert.Contains("[2]       2  panic_on_oops", output, StringComparison.Ordinal);
        Assert.Contains("cpu0 panic(): panic: Fatal exception in interrupt (panic_cpu: none → cpu0)", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Writes <paramref name="scenario"/> on mainline-6.1 and on a copy of it with <paramref name="step"/> replaced by
    /// <paramref name="replacement"/>, and answers <c>diff</c>'s output (exit 1: something newly violated).
    /// </summary>
    private static async Task<string> DiffOnEditedProfile(string scenario, string step, string replacement)
    {
        var folder = Directory.CreateTempSubdirectory("panicpath-profile-").FullName;
        try
        {
            var (_, shown, _) = await CliRun.Run("kernel", "show", "mainline-6.1");
            Assert.Contains(step, shown, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, "shipped.yaml"), shown);
            File.WriteAllText(Path.Combine(folder, "patched.yaml"), shown.Replace(step, replacement, StringComparison.Ordinal));
            var before = Path.Combine(folder, "before.yaml");
            var after = Path.Combine(folder, "after.yaml");
            File.WriteAllText(before, scenario.Replace("KERNEL", "shipped.yaml", StringComparison.Ordinal));
            File.WriteAllText(after, scenario.Replace("KERNEL", "patched.yaml", StringComparison.Ordinal));

            var (exit, output, error) = await CliRun.Run("diff", before, after);

            Assert.Equal(string.Empty, error);
            Assert.Equal(1, exit);
            return output;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
