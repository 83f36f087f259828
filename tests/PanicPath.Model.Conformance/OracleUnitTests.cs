using PanicPath.Model.Conformance.Oracle;

namespace PanicPath.Model.Conformance;

/// <summary>The oracle's parts that need no guest: the cover, the console reader, the reference, the model's reading.</summary>
public sealed class OracleUnitTests
{
    [Fact]
    public void The_configurations_are_at_least_48_and_every_pair_of_factor_values_occurs_together()
    {
        var cover = ConfigurationCover.Pairwise();
        Assert.True(cover.Count >= 48, $"{cover.Count} configurations");
        var rows = cover.Select(c => ConfigurationCover.FactorValues(c)!).ToList();
        var factors = ConfigurationCover.Factors;
        var missing = new List<string>();
        for (var i = 0; i < factors.Length; i++)
        {
            for (var j = i + 1; j < factors.Length; j++)
            {
                foreach (var a in factors[i].Values)
                {
                    foreach (var b in factors[j].Values)
                    {
                        if (!rows.Any(r => r[i] == a && r[j] == b))
                        {
                            missing.Add($"{factors[i].Name}={a} with {factors[j].Name}={b}");
                        }
                    }
                }
            }
        }

        Assert.Empty(missing);
        Assert.Equal(cover.Count, cover.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void The_seed_arrangement_registers_report_on_both_chains_unload_at_INT_MIN_plus_1_and_a_flush_under_a_lock_at_INT_MIN_plus_10()
    {
        var seed = ConfigurationCover.Seed();
        Assert.NotEmpty(seed);
        var args = string.Join(' ', seed[0].ModuleArguments);
        Assert.Contains("die_nb=report_die/0/report", args, StringComparison.Ordinal);
        Assert.Contains("panic_nb=report_panic/0/report,unload/INT_MIN+1/unload,flush/INT_MIN+10/lock", args, StringComparison.Ordinal);
        Assert.Contains("crash=unload", args, StringComparison.Ordinal);
        Assert.Contains(seed, c => c.Holder == LockHolder.Stuck && c.Cpus == 2);
        Assert.Contains(seed, c => c.Holder == LockHolder.InCriticalSection && c.Cpus == 2);
    }

    [Fact]
    public void A_console_log_of_an_oops_in_interrupt_with_kdump_after_the_notifiers_reads_in_the_order_the_guest_printed()
    {
        var serial = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "oops-irq-post-notifiers-kdump.serial.log"));
        var observed = SerialLog.Read(serial, ["GUEST_CRASHLOADED", "SHUTDOWN"]);
        Assert.Equal(
            ["die:x", "dump:d:OOPS", "panic-entry", "panic:b", "panic:c", "panic:a", "dump:d:PANIC", "crash_shutdown", "unload"],
            observed.Order);
        Assert.Equal(PathRecord.Kdump, observed.End);
        Assert.Equal(PathRecord.CrashLoaded, observed.Pvpanic);
    }

    [Fact]
    public void A_console_that_stops_inside_a_notifier_reads_as_a_hang_and_a_reset_as_a_restart_with_its_pstore_records()
    {
        const string hung = "[    1.000000] Linux version 6.1.0\nPPO: trigger panic\n[    2.0] Kernel panic - not syncing: sysrq triggered crash\n[    2.1] PPO: panic b\n[    2.2] PPO: panic h\n[    2.3] PPO: hangs\n";
        var h = SerialLog.Read(hung, ["GUEST_PANICKED"]);
        Assert.Equal(["panic-entry", "panic:b", "panic:h"], h.Order);
        Assert.Equal(PathRecord.Hang, h.End);
        Assert.Equal(PathRecord.Panicked, h.Pvpanic);

        const string restarted = "[    1.000000] Linux version 6.1.0\n[    2.0] Kernel panic - not syncing: x\n[    2.2] Rebooting in 1 seconds..\n" +
            "[    0.000000] Linux version 6.1.0\nPPO: pstore dmesg-ramoops-0 Oops#1 Part1\nPPO: pstore dmesg-ramoops-1 Panic#2 Part1\nPPO: second boot\n[    3.0] PPO: panic b\n";
        var r = SerialLog.Read(restarted, ["GUEST_PANICKED", "RESET", "SHUTDOWN"]);
        Assert.Equal(["panic-entry"], r.Order);
        Assert.Equal(PathRecord.Restart, r.End);
        Assert.Equal(["Oops", "Panic"], r.Pstore);

        const string final = "[    1.000000] Linux version 6.1.0\n[    2.0] Kernel panic - not syncing: x\n[    2.5] ---[ end Kernel panic - not syncing: x ]---\n";
        var f = SerialLog.Read(final, []);
        Assert.Equal(["panic-entry"], f.Order);
        Assert.Equal(PathRecord.EndOfPanic, f.End);
        Assert.Equal(PathRecord.NotRun, f.Pvpanic);
    }

    [Fact]
    public void The_sources_say_an_oops_with_post_notifiers_goes_through_panic_and_its_notifiers_before_kdump()
    {
        var c = ConfigurationCover.Pairwise().First(c => c.PostNotifiers && c.PanicOnOops && c.CrashKernel && c.Entry == Entry.Oops);
        var expected = KernelReference.Expect(c);
        Assert.Equal(PathRecord.Kdump, expected.End);
        Assert.Contains("die:x", expected.Order);
        Assert.Contains("panic-entry", expected.Order);
        Assert.True(expected.Order.ToList().IndexOf("panic-entry") > expected.Order.ToList().IndexOf("die:x"));
        Assert.Contains(expected.Order, e => e.StartsWith("panic:", StringComparison.Ordinal));
        Assert.Equal(["Oops", "Panic"], expected.Pstore);
    }

    [Fact]
    public void The_sources_say_an_oops_without_post_notifiers_that_must_crash_boots_kdump_before_the_oops_dump()
    {
        var c = ConfigurationCover.Pairwise().First(c => !c.PostNotifiers && c.CrashKernel && c.Entry == Entry.OopsInInterrupt);
        var expected = KernelReference.Expect(c);
        Assert.Equal(PathRecord.Kdump, expected.End);
        Assert.DoesNotContain("panic-entry", expected.Order);
        Assert.Empty(expected.Pstore);
    }

    [Fact]
    public void The_model_is_asked_through_an_equivalent_scenario_and_its_trace_reads_as_a_path()
    {
        var c = ConfigurationCover.Pairwise().First(c => c.Entry == Entry.Panic && !c.CrashKernel && c.PanicTimeout == 1 &&
            c.Arrangement.StartsWith("extremes no-hang", StringComparison.Ordinal));
        var predicted = ModelPrediction.Predict(c);
        Assert.Equal("panic-entry", predicted.Order[0]);
        Assert.Equal(["panic:b", "panic:c", "panic:a"], predicted.Order.Where(e => e.StartsWith("panic:", StringComparison.Ordinal)));
        Assert.Equal(PathRecord.Restart, predicted.End);
        Assert.Equal(PathRecord.Panicked, predicted.Pvpanic);
        Assert.Equal(["Panic"], predicted.Pstore);
    }

    [Fact]
    public void The_seed_invariants_judged_on_a_path_agree_with_the_models_verdicts_on_the_same_path()
    {
        // s6: a CPU stopped inside ppo_lock's critical section: the flush spins forever in panic context.
        var s6 = ConfigurationCover.Seed().Single(c => c.Id == "s6");
        Assert.Equal(["terminates"], SeedVerdicts.Broken(s6, KernelReference.Expect(s6)));
        Assert.Equal(["terminates"], ModelPrediction.Broken(s6));

        // s9: a CPU in a short interrupts-off section, no post-notifiers: smp_send_stop()'s IPI waits for the
        // section to end, the lock is free, the flush goes through.
        var s9 = ConfigurationCover.Seed().Single(c => c.Id == "s9");
        Assert.Equal(PathRecord.EndOfPanic, KernelReference.Expect(s9).End);
        Assert.Contains("flush", KernelReference.Expect(s9).Order);
        Assert.Empty(SeedVerdicts.Broken(s9, KernelReference.Expect(s9)));

        // s1: report, flush, unload, restart: every invariant holds.
        var s1 = ConfigurationCover.Seed().Single(c => c.Id == "s1");
        Assert.Empty(SeedVerdicts.Broken(s1, KernelReference.Expect(s1)));
        Assert.Empty(ModelPrediction.Broken(s1));
    }

    [Fact]
    public void The_kernel_command_line_carries_the_knobs_the_trigger_and_the_module_parameters()
    {
        var c = ConfigurationCover.Pairwise().First(c => c.PostNotifiers && c.PanicOnOops && c.CrashKernel);
        var line = GuestBoot.CommandLine(c);
        Assert.Contains(" crash_kexec_post_notifiers", line, StringComparison.Ordinal);
        Assert.Contains(" oops=panic", line, StringComparison.Ordinal);
        Assert.Contains(" ppo_kdump=1", line, StringComparison.Ordinal);
        Assert.Contains(" ppo_mod=die_nb=", line, StringComparison.Ordinal);
        Assert.DoesNotContain(' ', line.Split("ppo_mod=")[1]);
    }

    [Fact]
    public void A_panic_notifier_that_sets_panic_timeout_restarts_a_kernel_booted_with_panic_0_by_the_sources_and_by_the_model()
    {
        var k1 = ConfigurationCover.RuntimeKnobs().Single(c => c.Id == "k1");
        Assert.Equal(0, k1.PanicTimeout);
        Assert.Contains("panic_nb=t/0/timeout,a/INT_MIN/mark", string.Join(' ', k1.ModuleArguments), StringComparison.Ordinal);
        var expected = KernelReference.Expect(k1);
        Assert.Equal(["panic-entry", "panic:t", "timeout", "panic:a"], expected.Order);
        Assert.Equal(PathRecord.Restart, expected.End);
        var predicted = ModelPrediction.Predict(k1);
        Assert.Equal(expected.Order, predicted.Order);
        Assert.Equal(PathRecord.Restart, predicted.End);
        Assert.Equal(expected.Pstore, predicted.Pstore);
        Assert.Equal(expected.Pvpanic, predicted.Pvpanic);
    }
}
