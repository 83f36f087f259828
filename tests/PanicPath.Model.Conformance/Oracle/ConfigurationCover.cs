namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// The configurations the oracle boots. The gating knobs — <c>crash_kexec_post_notifiers</c>,
/// <c>panic_on_oops</c>, crash kernel loaded, entry (panic, oops in process context, oops in interrupt
/// context) and <c>panic_timeout</c> (0, 1) — are crossed in full (48 configurations); each of them gets a
/// notifier priority arrangement, a never-returning panic notifier or not, and a kmsg dumper (none, max
/// reason PANIC, max reason OOPS), chosen greedily so that every pair of values of any two of the eight
/// factors occurs together at least once (a pairwise cover; among equally good choices the next one in
/// turn, so that the values spread). Every configuration marks the entry of <c>machine_crash_shutdown()</c>. Then the seed's own arrangement in the
/// configurations that matter for its findings. Deterministic: the same list every time.
/// </summary>
public static class ConfigurationCover
{
    /// <summary>The priority of the never-returning panic notifier h: below the extremes' c (0), above INT_MIN + 10.</summary>
    public const int HangPriority = -5;

    /// <summary>The factors of the pairwise cover and their values, in the order of <see cref="Factors"/>.</summary>
    public static readonly (string Name, string[] Values)[] Factors =
    [
        ("post", ["0", "1"]),
        ("poo", ["0", "1"]),
        ("kdump", ["0", "1"]),
        ("entry", ["panic", "oops", "oops-irq"]),
        ("timeout", ["0", "1"]),
        ("priorities", ["extremes", "near-min", "equal"]),
        ("hang", ["0", "1"]),
        ("dumper", ["none", "PANIC", "OOPS"]),
    ];

    /// <summary>Every configuration: the pairwise cover, then the seed's arrangement, then the knob writes at run time.</summary>
    public static IReadOnlyList<OracleConfiguration> All() => [.. Pairwise(), .. Seed(), .. RuntimeKnobs()];

    /// <summary>The factor values of a configuration of the cover (null for the seed's).</summary>
    public static string[]? FactorValues(OracleConfiguration c)
    {
        var parts = c.Arrangement.Split(' ');
        if (parts[0] is "seed" or "runtime-knob")
        {
            return null;
        }

        return [c.PostNotifiers ? "1" : "0", c.PanicOnOops ? "1" : "0", c.CrashKernel ? "1" : "0", c.EntryText,
            c.PanicTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[0], parts[1] == "hang" ? "1" : "0", parts[2][("dumper=".Length)..]];
    }

    /// <summary>The 48 configurations of the pairwise cover.</summary>
    public static IReadOnlyList<OracleConfiguration> Pairwise()
    {
        var covered = new HashSet<(int, int, int, int)>();
        var list = new List<OracleConfiguration>();
        var n = 0;
        foreach (var post in new[] { false, true })
        {
            foreach (var poo in new[] { false, true })
            {
                foreach (var kdump in new[] { false, true })
                {
                    foreach (var entry in new[] { 0, 1, 2 })
                    {
                        foreach (var timeout in new[] { 0, 1 })
                        {
                            int[] core = [post ? 1 : 0, poo ? 1 : 0, kdump ? 1 : 0, entry, timeout];
                            var best = Array.Empty<int>();
                            var bestGain = -1;
                            for (var k = 0; k < 18; k++)
                            {
                                var option = (k + n) % 18;
                                int[] row = [.. core, option / 6, option / 3 % 2, option % 3];
                                var gain = Pairs(row).Count(x => !covered.Contains(x));
                                if (gain > bestGain)
                                {
                                    best = row;
                                    bestGain = gain;
                                }
                            }

                            covered.UnionWith(Pairs(best));
                            list.Add(Build($"c{++n:00}", best));
                        }
                    }
                }
            }
        }

        return list;
    }

    /// <summary>Every pair (factor i, value, factor j, value) with i &lt; j that a row covers.</summary>
    public static IEnumerable<(int, int, int, int)> Pairs(int[] row)
    {
        for (var i = 0; i < row.Length; i++)
        {
            for (var j = i + 1; j < row.Length; j++)
            {
                yield return (i, row[i], j, row[j]);
            }
        }
    }

    private static OracleConfiguration Build(string id, int[] row)
    {
        var arrangement = (PriorityArrangement)row[5];
        var hang = row[6] == 1;
        var dumper = Factors[7].Values[row[7]];
        var notifiers = new List<NotifierSpec>();
        var (x, y, a, b, c) = arrangement switch
        {
            PriorityArrangement.Extremes => (int.MinValue, int.MaxValue, int.MinValue, int.MaxValue, 0),
            PriorityArrangement.NearMin => (int.MinValue + 1, int.MinValue, int.MinValue + 1, int.MinValue, int.MinValue + 10),
            _ => (0, 0, 0, 0, 0),
        };
        notifiers.Add(new("x", ChainName.Die, x, NotifierAction.Mark));
        notifiers.Add(new("y", ChainName.Die, y, NotifierAction.Mark));
        notifiers.Add(new("a", ChainName.Panic, a, NotifierAction.Mark));
        notifiers.Add(new("b", ChainName.Panic, b, NotifierAction.Mark));
        notifiers.Add(new("c", ChainName.Panic, c, NotifierAction.Mark));
        if (hang)
        {
            notifiers.Add(new("h", ChainName.Panic, HangPriority, NotifierAction.Hang));
        }

        var name = Factors[5].Values[row[5]];
        return new OracleConfiguration(
            id,
            $"{name} {(hang ? "hang" : "no-hang")} dumper={dumper}",
            PostNotifiers: row[0] == 1,
            PanicOnOops: row[1] == 1,
            CrashKernel: row[2] == 1,
            Entry: (Entry)row[3],
            PanicTimeout: row[4],
            notifiers,
            dumper == "none" ? [] : [new DumperSpec("d", dumper)],
            CrashAction: NotifierAction.Mark,
            LockHolder.None);
    }

    /// <summary>
    /// The seed's arrangement: a report callback on the die chain and on the panic list writing the
    /// "crash register" marker once, an unload at INT_MIN + 1, a flush at INT_MIN + 10 taking a spinlock,
    /// and an unload in the crash path.
    /// </summary>
    public static IReadOnlyList<OracleConfiguration> Seed()
    {
        IReadOnlyList<NotifierSpec> notifiers =
        [
            new("report_die", ChainName.Die, 0, NotifierAction.Report),
            new("report_panic", ChainName.Panic, 0, NotifierAction.Report),
            new("unload", ChainName.Panic, int.MinValue + 1, NotifierAction.Unload),
            new("flush", ChainName.Panic, int.MinValue + 10, NotifierAction.Lock),
        ];
        OracleConfiguration Seed(int n, bool post, bool poo, bool kdump, Entry entry, int timeout, LockHolder holder = LockHolder.None) =>
            new($"s{n}", "seed", post, poo, kdump, entry, timeout, notifiers, [], NotifierAction.Unload, holder);
        return
        [
            Seed(1, post: false, poo: false, kdump: false, Entry.Panic, 1),
            Seed(2, post: true, poo: false, kdump: true, Entry.Panic, 1),
            Seed(3, post: false, poo: false, kdump: true, Entry.Panic, 1),
            Seed(4, post: true, poo: true, kdump: true, Entry.Oops, 1),
            Seed(5, post: false, poo: true, kdump: true, Entry.Oops, 1),
            Seed(6, post: true, poo: false, kdump: false, Entry.Panic, 1, LockHolder.Stuck),
            Seed(7, post: false, poo: false, kdump: false, Entry.Panic, 0, LockHolder.Stuck),
            Seed(8, post: true, poo: false, kdump: false, Entry.OopsInInterrupt, 1, LockHolder.Stuck),
            Seed(9, post: false, poo: false, kdump: false, Entry.Panic, 0, LockHolder.InCriticalSection),
            Seed(10, post: true, poo: false, kdump: false, Entry.Panic, 0, LockHolder.InCriticalSection),
            Seed(11, post: false, poo: false, kdump: false, Entry.OopsInInterrupt, 1, LockHolder.InCriticalSection),
        ];
    }

    /// <summary>
    /// A knob written at run time: panic notifier t (priority 0) sets <c>panic_timeout</c> to 1 in a kernel booted
    /// with <c>panic=0</c>, a notifier a at <c>INT_MIN</c> runs after it; <c>panic()</c> reads the global at its
    /// end (kernel/panic.c:402, :418), so the final loop becomes an emergency restart (k1).
    /// </summary>
    public static IReadOnlyList<OracleConfiguration> RuntimeKnobs()
    {
        IReadOnlyList<NotifierSpec> notifiers =
        [
            new("t", ChainName.Panic, 0, NotifierAction.Timeout),
            new("a", ChainName.Panic, int.MinValue, NotifierAction.Mark),
        ];
        return
        [
            new("k1", "runtime-knob t-sets-panic_timeout", PostNotifiers: false, PanicOnOops: false, CrashKernel: false, Entry.Panic, PanicTimeout: 0,
                notifiers, [], NotifierAction.Mark, LockHolder.None),
        ];
    }
}
