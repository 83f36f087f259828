namespace PanicPath.Cli.Tests;

/// <summary><c>after-boot:</c> and knob writes at run time as the commands show them, and a refused write as bad input.</summary>
public sealed class KnobWriteCommandTests
{
    [Fact]
    public async Task Trace_shows_the_after_boot_change_with_its_line_and_the_crash_kernel_it_loaded()
    {
        var path = CliRun.TempScenario("""
            kernel: mainline-6.1
            features:
              admin_loads_kdump: [false, true]
            after-boot:
              - if: admin_loads_kdump
                do:
                  - set: kexec_crash_loaded = true
            """);
        try
        {
            var (exit, output, _) = await CliRun.Run("trace", path, "--config", "admin_loads_kdump=true");
            Assert.Equal(0, exit);
            var row = Assert.Single(output.Split('\n'), l => l.Contains("set kexec_crash_loaded", StringComparison.Ordinal));
            Assert.Contains("after-boot", row, StringComparison.Ordinal);
            Assert.Contains("(line 7)", row, StringComparison.Ordinal);
            Assert.Contains("kexec_crash_loaded: false → true", row, StringComparison.Ordinal);
            Assert.Contains("ends: crash-kernel-boot", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Explore_refuses_a_panic_notifier_that_loads_a_crash_kernel_with_one_located_line_and_exit_2()
    {
        var path = CliRun.TempScenario("""
            callbacks:
              - name: loader
                chain: panic
                do:
                  - set: kexec_crash_loaded = true
            """);
        try
        {
            var (exit, output, error) = await CliRun.Run("explore", path);
            Assert.Equal(2, exit);
            Assert.Empty(output);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"{path}:5:14: expected ", line, StringComparison.Ordinal);
            Assert.Contains("not 'kexec_crash_loaded': a crash kernel is loaded or unloaded only by the kexec_load/kexec_file_load system call", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
