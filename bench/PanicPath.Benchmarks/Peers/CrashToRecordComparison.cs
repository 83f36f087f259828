using System.Diagnostics;
using System.Globalization;
using System.Text;
using PanicPath.Benchmarks.Supervisor;

namespace PanicPath.Benchmarks.Peers;

/// <summary>
/// Throw → record, PanicPath against Sentry .NET, whole processes, interleaved and measured in one run
/// (<c>crash-to-record [--runs N] [--threads 1,32]</c>). Every run starts <c>ThrowApp</c> (see
/// bench/ThrowApp), which writes a monotonic throw mark just before one thread, or 32 released together,
/// let an exception escape:
/// <list type="bullet">
/// <item>Sentry: <c>dotnet ThrowApp.dll sentry T</c>, its DSN pointing at <see cref="SentryReceiver"/>;
/// the figure is the arrival of the event envelope.</item>
/// <item>PanicPath: <c>panicpath run --data DIR -- dotnet ThrowApp.dll panicpath T</c> through the JIT
/// CLI, and through the native binary <c>PANICPATH_NATIVE</c> names when set; default crash capture; the
/// figures are the first report file in the spool and the death row in the store, both seen by
/// <see cref="DeathWatch"/>.</item>
/// </list>
/// One untimed warm-up round, then N rounds; in each round every thread count runs every contender in
/// turn (A, B, A, B…). The answer is a Markdown table of medians (min–max) and each median's ratio to
/// Sentry's for the same thread count. Bad options: one line naming the option, exit 2.
/// </summary>
internal static class CrashToRecordComparison
{
    public const string Verb = "crash-to-record";

    public const string NativeVariable = "PANICPATH_NATIVE";

    private const string Usage = "usage: crash-to-record [--runs N (1..1000, default 15)] [--threads LIST (default 1,32)]";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReceiptGrace = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var runs, out var threadCounts, out var problem))
        {
            Console.Error.WriteLine($"crash-to-record: {problem}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var native = Environment.GetEnvironmentVariable(NativeVariable);
        if (!string.IsNullOrEmpty(native) && !IsExecutable(native))
        {
            Console.Error.WriteLine($"{NativeVariable}: {native}: not an executable file (the native panicpath binary)");
            return 2;
        }

        var root = Directory.CreateTempSubdirectory("panicpath-bench-crash-").FullName;
        try
        {
            return await CompareAsync(root, runs, threadCounts, native, args).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<int> CompareAsync(string root, int runs, int[] threadCounts, string? native, string[] args)
    {
        var data = Path.Combine(root, "data");
        var marks = Directory.CreateDirectory(Path.Combine(root, "marks")).FullName;
        await using var receiver = SentryReceiver.Start();
        using var watch = DeathWatch.Open(data);
        List<Contender> contenders =
        [
            Contender.Sentry(),
            Contender.PanicPathRun("panicpath run (JIT)", ChildCommand.Dotnet, [ChildCommand.Cli], data),
            .. string.IsNullOrEmpty(native) ? Array.Empty<Contender>() : [Contender.PanicPathRun("panicpath run (native)", Path.GetFullPath(native), [], data)],
        ];
        var samples = new Dictionary<(Contender, int), List<Sample>>();
        var runNumber = 0;
        for (var round = 0; round <= runs; round++)
        {
            foreach (var threads in threadCounts)
            {
                foreach (var contender in contenders)
                {
                    var sample = await RunOnceAsync(contender, threads, ++runNumber, marks, data, receiver, watch).ConfigureAwait(false);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(round == 0 ? "warm-up" : "round " + round)}: {contender.Name}, {threads} thread(s): report {Ms(sample.ReportSafeMs)}, record {Ms(sample.RecordMs)}, complete {Ms(sample.CompletedMs)}{(sample.Problem is null ? "" : " — " + sample.Problem)}"));
                    if (round > 0)
                    {
                        (samples.TryGetValue((contender, threads), out var list) ? list : samples[(contender, threads)] = []).Add(sample);
                    }
                }
            }
        }

        Console.Out.Write(Table(contenders, threadCounts, samples, runs, native, args, receiver.Refused));
        return samples.Values.SelectMany(s => s).Any(s => s.RecordMs is null) ? 1 : 0;
    }

    private static async Task<Sample> RunOnceAsync(Contender contender, int threads, int run, string marks, string data, SentryReceiver receiver, DeathWatch watch)
    {
        var markPath = Path.Combine(marks, run.ToString(CultureInfo.InvariantCulture) + ".mark");
        var environment = new Dictionary<string, string> { ["THROWAPP_MARK"] = markPath };
        if (contender.IsSentry)
        {
            environment["SENTRY_DSN"] = receiver.DsnFor(run);
        }

        using var timeout = new CancellationTokenSource(RunTimeout);
        var arguments = contender.Arguments.Append(threads.ToString(CultureInfo.InvariantCulture));
        long? reportSafe = null;
        long? record;
        long? completed = null;
        string? problem = null;
        try
        {
            if (contender.IsSentry)
            {
                var arrival = receiver.EventArrival(run);
                await ChildCommand.RunAsync(contender.Command, arguments, environment, timeout.Token).ConfigureAwait(false);
                record = await Task.WhenAny(arrival, Task.Delay(ReceiptGrace)).ConfigureAwait(false) == arrival ? arrival.Result : null;
                problem = record is null ? "no event envelope arrived" : null;
            }
            else
            {
                var afterId = watch.LastDeathId();
                var exited = ChildCommand.RunAsync(contender.Command, arguments, environment, timeout.Token);
                var seen = await watch.WatchAsync(afterId, exited, RunTimeout).ConfigureAwait(false);
                await exited.ConfigureAwait(false);
                (reportSafe, record, completed) = (seen.ReportSafe, seen.RowStored, seen.RowCompleted);
                problem = record is null ? "no death row was stored" : reportSafe is null ? "the report file was not seen (removed within a poll)" : null;
                ClearDumps(data);
            }
        }
        catch (OperationCanceledException)
        {
            return new Sample(null, null, null, $"killed after {RunTimeout.TotalSeconds} s");
        }

        if (!TryReadMark(markPath, out var mark))
        {
            return new Sample(null, null, null, "no throw mark: the app did not get to throw");
        }

        return new Sample(MsSince(mark, reportSafe), MsSince(mark, record), MsSince(mark, completed), problem);
    }

    private static double? MsSince(long mark, long? moment) => moment is { } m ? (m - mark) * 1000.0 / Stopwatch.Frequency : null;

    private static bool TryReadMark(string path, out long mark)
    {
        mark = 0;
        return File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out mark);
    }

    /// <summary>The crash dumps the supervisor wrote in the benchmark's own data directory; removed between runs (untimed) to keep the disk free.</summary>
    private static void ClearDumps(string data)
    {
        var dumps = Path.Combine(data, "dumps");
        if (Directory.Exists(dumps))
        {
            foreach (var file in Directory.EnumerateFiles(dumps))
            {
                File.Delete(file);
            }
        }
    }

    private static string Table(List<Contender> contenders, int[] threadCounts, Dictionary<(Contender, int), List<Sample>> samples, int runs, string? native, string[] args, int refused)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Throw → record, {runs} interleaved runs each ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, .NET {Environment.Version}, {Environment.ProcessorCount} cores{(native is null ? "" : ", native " + native)}):");
        text.AppendLine();
        text.AppendLine("```sh");
        text.AppendLine(CultureInfo.InvariantCulture, $"{(native is null ? "" : NativeVariable + "=" + native + " ")}dotnet run -c Release --project bench/PanicPath.Benchmarks -- {string.Join(' ', [Verb, .. args])}");
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine("| Contender | Threads | throw → report safe, median (min–max) | ratio to Sentry | throw → record, median (min–max) | ratio to Sentry | throw → row complete, median | failed |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var threads in threadCounts)
        {
            var sentry = Median(samples[(contenders[0], threads)].Select(s => s.RecordMs));
            foreach (var contender in contenders)
            {
                var list = samples[(contender, threads)];
                var report = Median(list.Select(s => s.ReportSafeMs));
                var record = Median(list.Select(s => s.RecordMs));
                text.AppendLine(CultureInfo.InvariantCulture, $"| {contender.Name} | {threads} | {Spread(list.Select(s => s.ReportSafeMs))} | {Ratio(report, sentry)} | {Spread(list.Select(s => s.RecordMs))} | {Ratio(record, sentry)} | {Ms(Median(list.Select(s => s.CompletedMs)))} | {list.Count(s => s.RecordMs is null)} |");
            }
        }

        if (refused > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"The receiver refused {refused} request(s) it did not understand.");
        }

        return text.ToString();
    }

    /// <summary>A median over Sentry's median throw → receipt for the same thread count, or a dash.</summary>
    private static string Ratio(double? median, double? sentry) =>
        median is { } m && sentry is { } s && s > 0 ? (m / s).ToString("0.00", CultureInfo.InvariantCulture) : "—";

    private static string Spread(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().Order().ToList();
        return present.Count == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{Median(present.Cast<double?>())!.Value:0.0} ms ({present[0]:0.0}–{present[^1]:0.0})");
    }

    private static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToList();
        return sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Ms(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "—";

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);

    private static bool TryParse(string[] args, out int runs, out int[] threadCounts, out string? problem)
    {
        runs = 15;
        threadCounts = [1, 32];
        problem = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--runs" when value is not null:
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out runs) || runs is < 1 or > 1000)
                    {
                        problem = $"--runs {value}: not a whole number from 1 to 1000";
                        return false;
                    }

                    i++;
                    break;
                case "--threads" when value is not null:
                    var counts = new List<int>();
                    foreach (var part in value.Split(','))
                    {
                        if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 256)
                        {
                            problem = $"--threads {value}: '{part}' is not a thread count from 1 to 256";
                            return false;
                        }

                        counts.Add(count);
                    }

                    threadCounts = [.. counts.Distinct()];
                    i++;
                    break;
                case "--runs" or "--threads":
                    problem = $"{args[i]}: a value is missing";
                    return false;
                default:
                    problem = $"{args[i]}: unknown option";
                    return false;
            }
        }

        return true;
    }
}
