using System.Diagnostics;
using System.Globalization;
using PanicPath.Reports;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Runs;

/// <summary>
/// Spool ingest touches only what is ours: a spool root or run directory that is a symbolic link, a
/// report that is a link, and files it did not write are all left as they are; empty run directories are
/// swept once the process they waited for is gone.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SpoolSafetyTests
{
    [Fact]
    public async Task A_spool_root_that_is_a_symbolic_link_is_not_ingested_and_nothing_behind_it_is_touched()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var elsewhere = temp.Sub("elsewhere");
        Leftovers.Write(elsewhere, Leftovers.Report("not ours", 42));
        File.WriteAllText(Path.Combine(Directory.GetDirectories(elsewhere)[0], "unrelated.txt"), "precious");
        Directory.CreateSymbolicLink(temp.Sub("spool"), elsewhere);
        using var log = new StringWriter();

        Assert.Equal(0, await SpoolIngest.IngestAsync(temp.Sub("spool"), store, log));

        Assert.Empty(await store.ListAsync(10));
        var kept = Assert.Single(Directory.GetDirectories(elsewhere));
        Assert.Equal(2, Directory.GetFiles(kept).Length);
        Assert.Contains($"panicpath: spool {temp.Sub("spool")} is a symbolic link; nothing in it is ingested or removed", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_directory_that_is_a_symbolic_link_is_skipped_and_its_target_kept()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var runId = Leftovers.Write(temp.Sub("elsewhere"), Leftovers.Report("not ours", 42));
        var root = Directory.CreateDirectory(temp.Sub("spool")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(root, runId + "-0"), Path.Combine(temp.Sub("elsewhere"), runId + "-0"));
        using var log = new StringWriter();

        Assert.Equal(0, await SpoolIngest.IngestAsync(root, store, log));

        Assert.Empty(await store.ListAsync(10));
        Assert.Single(Directory.GetFiles(Path.Combine(temp.Sub("elsewhere"), runId + "-0")));
        Assert.Contains($"spool entry {Path.Combine(root, runId + "-0")} is a symbolic link; left alone", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_that_is_a_symbolic_link_is_not_read()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var outside = temp.Sub("outside.json");
        File.WriteAllBytes(outside, Leftovers.Report("read through a link", 42).ToUtf8Json());
        var directory = Directory.CreateDirectory(temp.Sub("spool/20260101T000000-linked00-0")).FullName;
        File.CreateSymbolicLink(Path.Combine(directory, "panicpath-42-20260101T000000.json"), outside);
        using var log = new StringWriter();

        Assert.Equal(0, await SpoolIngest.IngestAsync(temp.Sub("spool"), store, log));

        Assert.Empty(await store.ListAsync(10));
        Assert.True(File.Exists(outside));
        Assert.Contains("panicpath-42-20260101T000000.json: is a symbolic link; refusing it", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorded_directory_holding_files_panicpath_did_not_write_keeps_them_and_says_so()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var root = temp.Sub("spool");
        var runId = Leftovers.Write(root, Leftovers.Report("disk full", 42));
        var directory = Path.Combine(root, runId + "-0");
        File.WriteAllText(Path.Combine(directory, "notes.txt"), "precious");
        Directory.CreateDirectory(Path.Combine(directory, "sub"));
        using var log = new StringWriter();

        Assert.Equal(1, await SpoolIngest.IngestAsync(root, store, log));

        Assert.Single(await store.ListAsync(10));
        Assert.Equal("precious", File.ReadAllText(Path.Combine(directory, "notes.txt")));
        Assert.True(Directory.Exists(Path.Combine(directory, "sub")));
        Assert.Contains($"spool directory {directory} kept: it holds notes.txt, sub, which panicpath did not write", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_spool_removed_after_its_death_keeps_files_panicpath_did_not_write()
    {
        using var temp = new TempDirectory();
        var spool = RunSpool.Create(temp.Path, "run-0");
        SpoolFile.Write(spool.Directory, Leftovers.Report("boom", 1).ToUtf8Json(), 1);
        File.WriteAllText(Path.Combine(spool.Directory, "core"), "not ours");

        Assert.Equal("boom", spool.TakeReport()!.Reason);
        Assert.Equal(["core"], spool.Remove());

        Assert.Equal(["core"], Directory.GetFileSystemEntries(spool.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_run_spool_whose_removal_stops_part_way_as_at_a_kill_is_swept_by_the_next_start_once_nothing_holds_it()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var root = temp.Sub("spool");
        var spool = RunSpool.Create(root, "20260101T000000-halfgone-0");
        spool.RecordChild(await DeadPidAsync());
        SpoolFile.Write(spool.Directory, Leftovers.Report("boom", 1).ToUtf8Json(), 1);
        Assert.Equal("boom", spool.TakeReport()!.Reason);

        // What stops the removal after some of the directory's files are gone, as a SIGKILL would: an entry
        // with one of panicpath's names that is not a regular file, so it is not deleted.
        const string Stopper = ".panicpath-1-20260101T000000.tmp";
        Assert.True(RunSpool.IsOwnFile(Stopper));
        Directory.CreateDirectory(Path.Combine(spool.Directory, Stopper));
        Assert.Equal([Stopper], spool.Remove());
        foreach (var stopper in Directory.GetDirectories(root, Stopper, SearchOption.AllDirectories))
        {
            Directory.Delete(stopper);
        }

        using var log = new StringWriter();
        Assert.Equal(0, await SpoolIngest.IngestAsync(root, store, log));

        Assert.Empty(Directory.GetFileSystemEntries(root));
        Assert.Empty(await store.ListAsync(10, includeCleanExits: true));
    }

    [Fact]
    public void A_run_spool_is_private_and_its_owner_file_names_the_supervisor_then_the_child()
    {
        using var temp = new TempDirectory();
        var spool = RunSpool.Create(temp.Sub("spool"), "run-0");
        var owner = Path.Combine(spool.Directory, RunSpool.OwnerFileName);

        Assert.Equal(PanicPath.Supervisor.Files.PrivateDirectory.Mode, File.GetUnixFileMode(temp.Sub("spool")));
        Assert.Equal(PanicPath.Supervisor.Files.PrivateDirectory.Mode, File.GetUnixFileMode(spool.Directory));
        Assert.Equal(PanicPath.Supervisor.Files.PrivateFile.Mode, File.GetUnixFileMode(owner));
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), ReadShared(owner));
        spool.RecordChild(4242);
        Assert.Equal("4242", ReadShared(owner));
        spool.Remove();
    }

    [Fact]
    public async Task An_empty_run_directory_is_swept_once_the_process_it_waited_for_is_gone_and_kept_while_it_lives()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var root = temp.Sub("spool");
        var gone = RunSpool.Create(root, "20260101T000000-gone0000-0");
        gone.RecordChild(await DeadPidAsync());
        File.WriteAllText(Path.Combine(gone.Directory, ".panicpath-1-20260101T000000.tmp"), "a write the child did not finish");
        gone.Release(); // As a supervisor killed with SIGKILL: the lock goes, the directory stays.
        using var sleeper = Process.Start("sleep", "600");
        var living = RunSpool.Create(root, "20260101T000000-living00-0");
        living.RecordChild(sleeper.Id);
        living.Release();
        using var log = new StringWriter();

        try
        {
            Assert.Equal(0, await SpoolIngest.IngestAsync(root, store, log));

            Assert.False(Directory.Exists(gone.Directory));
            Assert.True(File.Exists(Path.Combine(living.Directory, RunSpool.OwnerFileName)));
            Assert.Equal(string.Empty, log.ToString());
        }
        finally
        {
            sleeper.Kill();
        }

        await sleeper.WaitForExitAsync();
        Assert.Equal(0, await SpoolIngest.IngestAsync(root, store, TextWriter.Null));
        Assert.Empty(Directory.GetFileSystemEntries(root));
    }

    private static string ReadShared(string path) => System.Text.Encoding.ASCII.GetString(PanicPath.Supervisor.Files.PrivateFile.ReadAllBytes(path)).Trim();

    private static async Task<int> DeadPidAsync()
    {
        using var process = Process.Start("true")!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}
