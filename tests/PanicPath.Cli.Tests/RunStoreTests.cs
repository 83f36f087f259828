using PanicPath.Cli.Commands.Supervisor;
using PanicPath.Supervisor.Store;

namespace PanicPath.Cli.Tests;

/// <summary>
/// The store <c>run</c> hands the supervisor opens nothing until the supervisor has launched the child
/// (<see cref="DeferredDeathStore.StartOpening"/>), then opens in the background and takes writes; the data
/// directory's write probe runs once per run.
/// </summary>
public sealed class RunStoreTests
{
    [Fact]
    public async Task The_store_for_run_opens_nothing_until_the_supervisor_starts_its_opening_after_the_child_s_launch()
    {
        var directory = Directory.CreateTempSubdirectory("panicpath-run-store-").FullName;
        try
        {
            using var error = new StringWriter();
            Assert.NotNull(DataOption.PrepareForRun(directory, error));
            using var store = Assert.IsType<DeferredDeathStore>(DataOption.OpenForRun(directory, postgres: null, error));

            Assert.False(store.OpeningStarted);
            Assert.False(File.Exists(Path.Combine(directory, DataDirectory.DatabaseFileName)));

            store.StartOpening();
            Assert.True(store.OpeningStarted);
            Assert.Empty(await store.ListAsync(10, includeCleanExits: true, TestContext.Current.CancellationToken));
            Assert.True(File.Exists(Path.Combine(directory, DataDirectory.DatabaseFileName)));
            Assert.Equal(string.Empty, error.ToString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_run_probes_its_data_directory_for_writing_once_not_again_when_the_store_opens()
    {
        var directory = Directory.CreateTempSubdirectory("panicpath-run-probe-").FullName;
        try
        {
            var probes = 0;
            using var marked = new SemaphoreSlim(0);
            using var watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = false };
            watcher.Created += (_, e) =>
            {
                if (e.Name?.StartsWith(".probe-", StringComparison.Ordinal) == true)
                {
                    Interlocked.Increment(ref probes);
                }
                else if (e.Name == "marker")
                {
                    marked.Release();
                }
            };
            watcher.EnableRaisingEvents = true;

            using var error = new StringWriter();
            Assert.NotNull(DataOption.PrepareForRun(directory, error));
            using (var store = Assert.IsType<DeferredDeathStore>(DataOption.OpenForRun(directory, postgres: null, error)))
            {
                store.StartOpening();
                Assert.Empty(await store.ListAsync(10, includeCleanExits: true, TestContext.Current.CancellationToken));
            }

            // The kernel reports the directory's events in order: once the marker's is seen, every probe's was.
            File.WriteAllText(Path.Combine(directory, "marker"), string.Empty);
            Assert.True(await marked.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken), "the marker's creation was never reported");
            Assert.Equal(1, Volatile.Read(ref probes));
            Assert.Equal(string.Empty, error.ToString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
