namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// The seed's invariants (as in examples/hyperv), judged on a path: what the observed kernel's run says
/// about them, to set beside the model's verdicts for the same configuration. <see cref="Scenario"/> is the
/// same invariants in the scenario language, which <see cref="ScenarioText"/> adds to a seed configuration.
/// </summary>
public static class SeedVerdicts
{
    /// <summary>The invariants' names, in order.</summary>
    public static readonly string[] Names =
        ["channel-unloaded-before-next-kernel", "fb-flushed-while-connected", "host-reported-once", "terminates", "kdump-reached"];

    /// <summary>The invariants in the scenario language.</summary>
    public const string Scenario = """
        invariants:
          - name: channel-unloaded-before-next-kernel
            at: [crash-kernel-boot, restart]
            expect: unloaded
          - name: fb-flushed-while-connected
            when: "!held(ppo_lock)"
            happens: flush
            while: "!unloaded"
            by: [crash-kernel-boot, restart, end-of-panic]
          - name: host-reported-once
            when: entry == panic || panic_on_oops
            exactly-once: host-report
          - name: terminates
            terminates: true
          - name: kdump-reached
            when: kexec_crash_loaded && (entry == panic || panic_on_oops)
            reaches: crash-kernel-boot
        """;

    /// <summary>The names of the invariants <paramref name="path"/> breaks in configuration <paramref name="c"/>.</summary>
    public static IReadOnlyList<string> Broken(OracleConfiguration c, PathRecord path)
    {
        var order = path.Order.ToList();
        var unload = order.IndexOf("unload");
        var broken = new List<string>();
        if (path.End is PathRecord.Kdump or PathRecord.Restart && unload < 0)
        {
            broken.Add(Names[0]);
        }

        if (c.Holder == LockHolder.None)
        {
            var flushes = order.Select((e, i) => (e, i)).Where(p => p.e == "flush").Select(p => p.i).ToList();
            var late = unload >= 0 && flushes.Any(i => i > unload);
            var missing = flushes.Count == 0 && path.End is PathRecord.Kdump or PathRecord.Restart or PathRecord.EndOfPanic;
            if (late || missing)
            {
                broken.Add(Names[1]);
            }
        }

        if ((c.Entry == Entry.Panic || c.PanicOnOops) && order.Count(e => e == "report") != 1)
        {
            broken.Add(Names[2]);
        }

        if (path.End == PathRecord.Hang)
        {
            broken.Add(Names[3]);
        }

        if (c.CrashKernel && (c.Entry == Entry.Panic || c.PanicOnOops) && path.End != PathRecord.Kdump)
        {
            broken.Add(Names[4]);
        }

        return broken;
    }

    /// <summary>The verdicts as the table writes them: the broken invariants, or "all hold".</summary>
    public static string Text(IReadOnlyList<string> broken) => broken.Count == 0 ? "all hold" : "broken: " + string.Join(", ", broken);
}
