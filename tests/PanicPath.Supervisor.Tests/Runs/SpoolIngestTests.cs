using System.Diagnostics;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Runs;

public sealed class SpoolIngestTests
{
    [Fact]
    public async Task Leftover_reports_are_recorded_with_the_reports_cause_exit_code_and_times_and_their_directories_removed()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var root = temp.Sub("spool");
        var oops = Leftovers.Write(root, Leftovers.Report("request failed", 41, exitCode: 134, kind: "oops"), attempt: 2);
        var plain = Leftovers.Write(root, Leftovers.Report("disk full", 42));
        using var log = new StringWriter();

        var recorded = await SpoolIngest.IngestAsync(root, store, log);

        Assert.Equal(2, recorded);
        var deaths = await store.ListAsync(10);
        var first = Assert.Single(deaths, d => d.RunId == oops);
        Assert.Equal(2, first.Attempt);
        Assert.Equal(DeathCause.OopsPanic, first.Cause);
        Assert.Equal(134, first.ExitCode);
        Assert.Equal("SIGABRT", first.Signal);
        Assert.Equal(41, first.Pid);
        Assert.Equal("request failed", first.Report!.Reason);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), first.EndedAt);
        Assert.Equal(first.EndedAt - TimeSpan.FromMilliseconds(1500), first.StartedAt);
        var second = Assert.Single(deaths, d => d.RunId == plain);
        Assert.Equal(DeathCause.Panic, second.Cause);
        Assert.Equal(PanicPath.Exit.PanicExitCodes.Panic, second.ExitCode);
        Assert.Equal("disk full", second.Title);
        Assert.Empty(Directory.GetDirectories(root));
        Assert.Contains("ingested 2 spooled report(s)", log.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_version_1_report_left_by_an_older_library_in_its_spool_file_or_slot_is_ingested_with_no_timing(bool inSlot)
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var root = temp.Sub("spool");
        var directory = Directory.CreateDirectory(Path.Combine(root, "20260101T000000-oldlib00-0")).FullName;
        var bytes = System.Text.Encoding.UTF8.GetBytes(ReportVersions.Version1Report);
        if (inSlot)
        {
            var slot = Path.Combine(directory, PanicPath.Reports.SlotFile.FileName);
            ReservedSlot.Allocate(slot);
            ReservedSlot.Write(slot, PanicPath.Reports.SlotRecord.ChildReport, bytes);
        }
        else
        {
            PanicPath.Reports.SpoolFile.Write(directory, bytes, 4242);
        }

        Assert.Equal(1, await SpoolIngest.IngestAsync(root, store, TextWriter.Null));

        var death = Assert.Single(await store.ListAsync(10));
        var report = (await store.GetAsync(death.Id))!.Report!;
        Assert.Equal((1, "disk full", 4242), (report.Version, report.Reason, death.Pid));
        Assert.All(report.Notifiers, n => Assert.Null(n.StartMs));
        Assert.Null(report.DeadlineMs);
        Assert.Empty(Directory.GetDirectories(root));
    }

    [Fact]
    public async Task A_live_supervisors_spool_directory_is_not_ingested()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var root = temp.Sub("spool");
        var live = RunSpool.Create(root, "20260101T000000-live0000-0");
        PanicPath.Reports.SpoolFile.Write(live.Directory, Leftovers.Report("still being handled", 7).ToUtf8Json(), 7);

        Assert.Equal(0, await SpoolIngest.IngestAsync(root, store, TextWriter.Null));

        Assert.Empty(await store.ListAsync(10));
        Assert.Equal("still being handled", live.TakeReport()!.Reason);
        live.Remove();
        Assert.False(Directory.Exists(live.Directory));
    }

    [Fact]
    public async Task A_leftover_whose_report_does_not_parse_is_kept_and_named_and_an_empty_one_is_left_alone()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var root = temp.Sub("spool");
        var broken = Directory.CreateDirectory(Path.Combine(root, "20260101T000000-broken00-0")).FullName;
        File.WriteAllText(Path.Combine(broken, "panicpath-1-x.json"), "{\"version\":");
        var empty = Directory.CreateDirectory(Path.Combine(root, "20260101T000000-empty000-0")).FullName;
        using var log = new StringWriter();

        Assert.Equal(0, await SpoolIngest.IngestAsync(root, store, log));

        Assert.True(Directory.Exists(broken));
        Assert.True(Directory.Exists(empty));
        Assert.Contains("spooled report not ingested: " + Path.Combine(broken, "panicpath-1-x.json"), log.ToString());
        Assert.Empty(await store.ListAsync(10));
    }

    [Fact]
    public async Task A_death_kept_in_its_slot_is_recorded_but_a_report_beside_it_that_does_not_parse_is_kept_and_named()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var root = temp.Sub("spool");
        var directory = Directory.CreateDirectory(Path.Combine(root, "20260101T000000-keptdead-0")).FullName;
        var slot = Path.Combine(directory, PanicPath.Reports.SlotFile.FileName);
        ReservedSlot.Allocate(slot);
        var kept = new PanicPath.Supervisor.Deaths.DeathRecord
        {
            RunId = "20260101T000000-keptdead",
            Attempt = 0,
            Command = "dotnet app.dll",
            Pid = 42,
            Cause = PanicPath.Supervisor.Deaths.DeathCause.ExitCode,
            ExitCode = 3,
            Signature = "sig",
            Title = "exit code 3",
            StartedAt = DateTimeOffset.UnixEpoch,
            EndedAt = DateTimeOffset.UnixEpoch.AddSeconds(1),
        };
        ReservedSlot.Write(slot, PanicPath.Reports.SlotRecord.Death, KeptDeath.Encode(kept));
        var broken = Path.Combine(directory, "panicpath-42-x.json");
        File.WriteAllText(broken, "{\"version\":");
        using var log = new StringWriter();

        Assert.Equal(1, await SpoolIngest.IngestAsync(root, store, log));

        Assert.Single(await store.ListAsync(10));
        Assert.True(File.Exists(broken), "the report that did not parse is kept");
        Assert.Contains($"{directory} is kept although its death is recorded: {broken}", log.ToString());
    }

    [Fact]
    public async Task Ingesting_a_directory_already_recorded_adds_no_second_death()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var root = temp.Sub("spool");
        var runId = Leftovers.Write(root, Leftovers.Report("disk full", 42));
        var copy = Path.Combine(temp.Path, "copy");
        Directory.Move(Path.Combine(root, runId + "-0"), copy);
        CopyDirectory(copy, Path.Combine(root, runId + "-0"));
        await SpoolIngest.IngestAsync(root, store, TextWriter.Null);

        // As after a kill between recording and removing: the same directory again.
        CopyDirectory(copy, Path.Combine(root, runId + "-0"));
        await SpoolIngest.IngestAsync(root, store, TextWriter.Null);

        Assert.Single(await store.ListAsync(10));
        Assert.Equal(1, Assert.Single(await store.BucketsAsync()).Count);
        Assert.Empty(Directory.GetDirectories(root));
    }

    [Fact]
    public async Task A_directory_left_half_removed_as_a_tombstone_is_swept_at_the_next_ingest()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var root = temp.Sub("spool");
        var tombstone = Directory.CreateDirectory(Path.Combine(root, ".20260101T000000-gone0000-0.recorded")).FullName;
        File.WriteAllText(Path.Combine(tombstone, RunSpool.OwnerFileName), string.Empty);

        Assert.Equal(0, await SpoolIngest.IngestAsync(root, store, TextWriter.Null));

        Assert.Empty(Directory.GetDirectories(root));
    }

    [Fact]
    public async Task A_staging_directory_a_live_supervisor_is_still_creating_is_left_to_it()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var root = temp.Sub("spool");
        // Made, its owner file not yet written or locked: what RunSpool.Create has for a moment.
        var staging = Directory.CreateDirectory(Path.Combine(root, RunSpool.StagingName("20260101T000000-live0000-0", Environment.ProcessId))).FullName;

        Assert.Equal(0, await SpoolIngest.IngestAsync(root, store, TextWriter.Null));

        Assert.True(Directory.Exists(staging));
        Assert.Empty(Directory.GetFileSystemEntries(staging));
    }

    [Fact]
    public async Task A_staging_directory_left_by_a_supervisor_killed_while_creating_it_is_swept_at_the_next_start()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var root = temp.Sub("spool");
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        gone.WaitForExit();
        var staging = Directory.CreateDirectory(Path.Combine(root, RunSpool.StagingName("20260101T000000-dead0000-0", gone.Id))).FullName;
        File.WriteAllText(Path.Combine(staging, RunSpool.OwnerFileName), string.Empty);

        Assert.Equal(0, await SpoolIngest.IngestAsync(root, store, TextWriter.Null));

        Assert.False(Directory.Exists(staging));
    }

    [Fact]
    public async Task Spool_directories_created_while_ingest_sweeps_are_never_taken_from_their_creator()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var root = temp.Sub("spool");
        Directory.CreateDirectory(root);
        using var stop = new CancellationTokenSource();
        var sweeping = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await SpoolIngest.IngestAsync(root, store, TextWriter.Null);
            }
        });

        var spools = new List<RunSpool>();
        try
        {
            for (var i = 0; i < 300; i++)
            {
                var spool = RunSpool.Create(root, $"20260101T000000-race{i:D4}-0");
                spools.Add(spool);
                Assert.True(Directory.Exists(spool.Directory));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await sweeping;
            spools.ForEach(s => s.Release());
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
