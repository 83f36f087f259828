using Microsoft.Data.Sqlite;
using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Store;

public sealed class SqliteDeathStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, 123, TimeSpan.Zero);

    [Fact]
    public async Task A_stored_death_reads_back_field_for_field_with_its_report()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Path);
        var death = Death("sig-a", T0) with
        {
            Signal = "SIGABRT",
            Dump = "/dumps/core.42",
            CrashReport = "/dumps/core.42.crashreport.json",
            Report = new CrashReport { Kind = "oops", Reason = "request failed", Pid = 42, Exception = new ReportException { Type = "System.TimeoutException", Message = "slow", Signature = "sig-a" } },
            StdoutTail = "out 1\nout 2",
            StderrTail = "err",
        };

        var stored = await store.AddAsync(death);
        var read = await store.GetAsync(stored.Id);

        Assert.True(stored.Id > 0);
        Assert.NotNull(read);
        Assert.Equal(stored with { Report = null }, read with { Report = null });
        Assert.Equal(death.Report.ToUtf8Json(), read.Report!.ToUtf8Json());
    }

    [Fact]
    public async Task A_death_without_report_dump_or_signal_reads_back_with_nulls()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Path);
        var stored = await store.AddAsync(Death("sig-b", T0));
        var read = await store.GetAsync(stored.Id);

        Assert.Equal(stored, read);
        Assert.Null(read!.Report);
        Assert.Null(read.Signal);
        Assert.Null(read.Dump);
    }

    [Fact]
    public async Task An_unknown_id_reads_as_null()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Path);

        Assert.Null(await store.GetAsync(12345));
    }

    [Fact]
    public async Task Deaths_with_one_signature_share_a_bucket_that_counts_them_with_first_and_last_seen()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Path);
        await store.AddAsync(Death("same", T0.AddMinutes(5)));
        await store.AddAsync(Death("other", T0.AddMinutes(1)));
        await store.AddAsync(Death("same", T0));
        await store.AddAsync(Death("same", T0.AddMinutes(9)));

        var buckets = await store.BucketsAsync();

        Assert.Equal(["same", "other"], buckets.Select(b => b.Signature).ToArray());
        Assert.Equal(3, buckets[0].Count);
        Assert.Equal(T0, buckets[0].FirstSeen);
        Assert.Equal(T0.AddMinutes(9), buckets[0].LastSeen);
        Assert.Equal(1, buckets[1].Count);
    }

    [Fact]
    public async Task The_list_is_newest_first_and_limited()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Path);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await store.AddAsync(Death($"s{i}", T0))).Id);
        }

        var listed = await store.ListAsync(3);

        Assert.Equal(ids.AsEnumerable().Reverse().Take(3).ToArray(), listed.Select(d => d.Id).ToArray());
    }

    [Fact]
    public async Task Records_survive_closing_and_reopening_the_store_in_WAL_mode()
    {
        using var temp = new TempDirectory();
        long id;
        using (var store = SqliteDeathStore.Open(temp.Path))
        {
            id = (await store.AddAsync(Death("kept", T0))).Id;
        }

        using (var reopened = SqliteDeathStore.Open(temp.Path))
        {
            Assert.Equal("kept", (await reopened.GetAsync(id))!.Signature);
            Assert.Equal(1, Assert.Single(await reopened.BucketsAsync()).Count);
        }

        using var raw = new SqliteConnection($"Data Source={Path.Combine(temp.Path, DataDirectory.DatabaseFileName)};Pooling=False");
        raw.Open();
        using var mode = raw.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", mode.ExecuteScalar());
    }

    [Fact]
    public void A_data_directory_that_is_a_file_is_refused_naming_it()
    {
        using var temp = new TempDirectory();
        var file = temp.Sub("not-a-directory");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<DataDirectoryException>(() => SqliteDeathStore.Open(file));
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_death_added_twice_for_one_run_and_attempt_is_one_row_counted_once()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Path);
        var death = Death("twice", T0);

        var first = await store.AddAsync(death);
        var second = await store.AddAsync(death with { Title = "again" });

        Assert.Equal(first.Id, second.Id);
        Assert.Single(await store.ListAsync(10));
        Assert.Equal(1, Assert.Single(await store.BucketsAsync()).Count);
        Assert.Equal(death.Title, (await store.GetAsync(first.Id))!.Title);
    }

    [Fact]
    public void A_database_file_that_is_not_a_store_is_refused_naming_it()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, DataDirectory.DatabaseFileName), new string('x', 4096));

        var error = Assert.Throws<DataDirectoryException>(() => SqliteDeathStore.Open(temp.Path));
        Assert.Contains(DataDirectory.DatabaseFileName, error.Message, StringComparison.Ordinal);
    }

    private static DeathRecord Death(string signature, DateTimeOffset ended) => new()
    {
        RunId = $"run-{Guid.NewGuid():N}",
        Attempt = 0,
        Command = "dotnet app.dll",
        Pid = 42,
        Cause = DeathCause.ExitCode,
        ExitCode = 3,
        Signature = signature,
        Title = "exit code 3",
        StartedAt = ended.AddSeconds(-1),
        EndedAt = ended,
    };
}
