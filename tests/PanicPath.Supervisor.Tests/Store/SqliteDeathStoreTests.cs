using Microsoft.Data.Sqlite;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Store;

public sealed class SqliteDeathStoreTests : DeathStoreBehaviour, IDisposable
{
    private readonly TempDirectory temp = new();

    protected override Type Refusal => typeof(DataDirectoryException);

    protected override SqlDeathStore Open() => SqliteDeathStore.Open(temp.Path);

    protected override SqlDeathStore OpenForViewing() => SqliteDeathStore.OpenReadOnly(temp.Path, bringUpToDate: false);

    protected override void SetSchemaVersion(int version)
    {
        using var raw = Raw();
        raw.Open();
        using var command = raw.CreateCommand();
        command.CommandText = "UPDATE schema_info SET version = @version";
        command.Parameters.AddWithValue("@version", version);
        command.ExecuteNonQuery();
    }

    protected override string StoreName => Path.Combine(temp.Path, DataDirectory.DatabaseFileName);

    protected override void LoadVersion1Store() => File.Copy(Version1Store.SqliteFile, StoreName);

    protected override long[] SchemaVersions()
    {
        using var raw = Raw();
        raw.Open();
        using var command = raw.CreateCommand();
        command.CommandText = "SELECT version FROM schema_info";
        using var reader = command.ExecuteReader();
        var versions = new List<long>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt64(0));
        }

        return [.. versions];
    }

    protected override string IdColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    protected override void ExecuteRaw(IEnumerable<string> statements)
    {
        using var raw = Raw();
        raw.Open();
        foreach (var statement in statements)
        {
            using var command = raw.CreateCommand();
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task The_store_is_kept_in_WAL_mode()
    {
        using (var store = Open())
        {
            await store.AddAsync(Death("kept", T0));
        }

        using var raw = Raw();
        raw.Open();
        using var mode = raw.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", mode.ExecuteScalar());
    }

    [Fact]
    public async Task Closing_the_store_leaves_its_log_unsynced_in_place_and_the_deaths_in_it_are_read_after()
    {
        var death = Death("in-the-log", T0);
        long id;
        using (var store = Open())
        {
            id = (await store.AddAsync(death)).Id;
        }

        // No checkpoint at close (its two fsyncs, and the new log's header and directory fsyncs at the next write).
        Assert.True(File.Exists(StoreName + "-wal") && new FileInfo(StoreName + "-wal").Length > 0, "closing the store checkpointed and removed its log");
        using (var reader = SqliteDeathStore.OpenReadOnly(temp.Path))
        {
            Assert.False(reader.ReadWithoutLocks);
            Assert.Equal("in-the-log", (await reader.GetAsync(id))?.Signature);
        }

        using (var store = Open())
        {
            Assert.Equal(id, (await store.AddAsync(death)).Id);
            Assert.Equal(id + 1, (await store.AddAsync(Death("next", T0))).Id);
        }
    }

    [Fact]
    public async Task A_log_grown_to_the_checkpoint_size_is_emptied_at_close_so_it_does_not_grow_run_after_run()
    {
        // Runs one after the other, each opening the store, adding deaths and closing it, as `run` does.
        long checkpointSize;
        using (var raw = Raw())
        {
            raw.Open();
            using var command = raw.CreateCommand();
            command.CommandText = "PRAGMA page_size";
            checkpointSize = 1000L * Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        long first = 0;
        var added = 0;
        var emptied = false;
        for (var run = 0; run < 40 && !emptied; run++)
        {
            var before = File.Exists(StoreName + "-wal") ? new FileInfo(StoreName + "-wal").Length : 0;
            using (var store = Open())
            {
                for (var i = 0; i < 25; i++, added++)
                {
                    var id = (await store.AddAsync(Death($"death-{added}", T0.AddSeconds(added)))).Id;
                    first = first == 0 ? id : first;
                }
            }

            var after = File.Exists(StoreName + "-wal") ? new FileInfo(StoreName + "-wal").Length : 0;
            Assert.True(after < checkpointSize, $"the log was left at {after} bytes, past the checkpoint's {checkpointSize}");
            emptied = after < before;
        }

        Assert.True(emptied, "the log never started over");
        using var reader = SqliteDeathStore.OpenReadOnly(temp.Path);
        Assert.Equal("death-0", (await reader.GetAsync(first))?.Signature);
        Assert.Equal(added, (await reader.ListAsync(added + 1)).Count);
    }

    [Fact]
    public void A_data_directory_that_is_a_file_is_refused_naming_it()
    {
        var file = temp.Sub("not-a-directory");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<DataDirectoryException>(() => SqliteDeathStore.Open(file));
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_file_that_is_not_a_store_is_refused_naming_it()
    {
        File.WriteAllText(Path.Combine(temp.Path, DataDirectory.DatabaseFileName), new string('x', 4096));

        var error = Assert.Throws<DataDirectoryException>(() => SqliteDeathStore.Open(temp.Path));
        Assert.Contains(DataDirectory.DatabaseFileName, error.Message, StringComparison.Ordinal);
    }

    private SqliteConnection Raw() => new($"Data Source={StoreName};Pooling=False");
}
