using System.Globalization;
using System.Runtime.InteropServices;

namespace PanicPath.Benchmarks;

/// <summary>
/// <c>panic-path-cpu [--rounds N]</c>: the "in memory" pair of <see cref="PanicPathBenchmarks"/> (the
/// inline walk with its report bytes, and the panic path to the long and to the short report bytes),
/// interleaved round by round on one thread and timed by that thread's own CPU clock, so that other
/// processes on a loaded machine cost wall time but not the figures. Prints each one's median time
/// per operation and the median of its per-round ratio to the inline walk.
/// </summary>
internal static class InProcessPathCpu
{
    internal const string Verb = "panic-path-cpu";

    private const int OperationsPerRound = 2000;
    private const int WarmupRounds = 5;
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    internal static int Run(string[] options)
    {
        var rounds = options is ["--rounds", var value] && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var given) && given > 0 ? given : 40;
        var bench = new PanicPathBenchmarks();
        bench.Setup();
        try
        {
            (string Name, Func<int> Operation)[] operations =
            [
                ("inline handlers + report bytes (baseline)", bench.InlineHandlersThenSerialise),
                ("panic path, 8 notifiers, trigger to report bytes (long, 4 KiB log tail)", bench.PanicPathToReportBytes),
                ("panic path, 8 notifiers, trigger to short report bytes", bench.PanicPathToShortReportBytes),
            ];
            var times = operations.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < WarmupRounds + rounds; round++)
            {
                for (var i = 0; i < operations.Length; i++)
                {
                    var start = ThreadCpuNanoseconds();
                    for (var n = 0; n < OperationsPerRound; n++)
                    {
                        operations[i].Operation();
                    }

                    if (round >= WarmupRounds)
                    {
                        times[i].Add((ThreadCpuNanoseconds() - start) / 1000.0 / OperationsPerRound);
                    }
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rounds} rounds of {OperationsPerRound} operations each, thread CPU time; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
            for (var i = 0; i < operations.Length; i++)
            {
                var ratios = times[i].Zip(times[0], (time, baseline) => time / baseline).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{operations[i].Name}: {Median(times[i]):0.000} us, {Median(ratios):0.00}x"));
            }
        }
        finally
        {
            bench.Cleanup();
        }

        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static long ThreadCpuNanoseconds() =>
        ClockGetTime(ThreadCpuClock, out var time) == 0 ? (time.Seconds * 1_000_000_000) + time.Nanoseconds : throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
