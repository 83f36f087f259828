using System.Data.Common;
using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Store;

/// <summary>
/// What every store does, declared once: each store's test class derives from this and says how to
/// open its store on storage of its own, empty when the test starts.
/// </summary>
public abstract class DeathStoreBehaviour
{
    protected static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, 123, TimeSpan.Zero);

    /// <summary>Opens the store on this test's storage (again, as another supervisor would, on a second call).</summary>
    protected abstract SqlDeathStore Open();

    /// <summary>Opens the store on this test's storage for reading only, never writing or migrating (as <c>panicpath ui</c> does).</summary>
    protected abstract SqlDeathStore OpenForViewing();

    /// <summary>Writes another schema version into this test's storage, as a newer panicpath would have.</summary>
    protected abstract void SetSchemaVersion(int version);

    /// <summary>The exception a store of this kind throws when it cannot be used.</summary>
    protected abstract Type Refusal { get; }

    /// <summary>How a refusal names this test's storage (the file, the database).</summary>
    protected abstract string StoreName { get; }

    /// <summary>Fills this test's empty storage with the store schema version 1 made (<see cref="Version1Store"/>).</summary>
    protected abstract void LoadVersion1Store();

    /// <summary>Every row of <c>schema_info</c> in this test's storage.</summary>
    protected abstract long[] SchemaVersions();

    /// <summary>Runs <paramref name="statements"/> on this test's storage, in order, outside any store.</summary>
    protected abstract void ExecuteRaw(IEnumerable<string> statements);

    /// <summary>The id column's declaration this kind of store gives the migrations.</summary>
    protected abstract string IdColumn { get; }

    [Fact]
    public async Task A_stored_death_reads_back_field_for_field_with_its_report()
    {
        using var store = Open();
        var death = Death("sig-a", T0) with
        {
            Signal = "SIGABRT",
            Dump = "/dumps/core.42",
            CrashReport = "/dumps/core.42.crashreport.json",
            Report = new CrashReport { Kind = "oops", Reason = "request failed", Pid = 42, Exception = new ReportException { Type = "System.TimeoutException", Message = "slow", Signature = "sig-a" } },
            StdoutTail = "out 1\nout 2",
            StderrTail = "err ünïcödé",
            ExceptionType = "System.TimeoutException",
            ExceptionMessage = "slow",
            ExceptionStack = "System.TimeoutException: slow\n ---> System.IO.IOException: gone\n   at App.Read()\n   --- End of inner exception stack trace ---\n   at App.Main()",
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
        using var store = Open();
        var stored = await store.AddAsync(Death("sig-b", T0));
        var read = await store.GetAsync(stored.Id);

        Assert.Equal(stored, read);
        Assert.Null(read!.Report);
        Assert.Null(read.Signal);
        Assert.Null(read.Dump);
        Assert.Null(read.CrashReport);
    }

    [Fact]
    public async Task Deaths_stored_one_after_another_on_one_store_each_read_back_with_their_own_values_and_nulls()
    {
        using var store = Open();
        var full = Death("sig-c", T0) with
        {
            Signal = "SIGSEGV",
            Dump = "/dumps/core.7",
            CrashReport = "/dumps/core.7.crashreport.json",
            Report = new CrashReport { Kind = "oops", Reason = "first", Pid = 7 },
            StdoutTail = "out",
            StderrTail = "err",
            Host = "host-a",
        };
        var bare = Death("sig-d", T0.AddSeconds(5)) with { Cause = DeathCause.CleanExit, ExitCode = 0, Pid = 8 };
        var again = Death("sig-e", T0.AddSeconds(9)) with { Signal = "SIGABRT", Report = new CrashReport { Kind = "oops", Reason = "third", Pid = 9 } };

        var stored = new List<DeathRecord>();
        foreach (var death in new[] { full, bare, again })
        {
            stored.Add(await store.AddAsync(death));
        }

        for (var i = 0; i < stored.Count; i++)
        {
            var read = await store.GetAsync(stored[i].Id);
            Assert.NotNull(read);
            Assert.Equal(stored[i] with { Report = null }, read with { Report = null });
            Assert.Equal(stored[i].Report?.ToUtf8Json(), read.Report?.ToUtf8Json());
        }

        Assert.Null((await store.GetAsync(stored[1].Id))!.Signal);
        Assert.Equal(3, stored.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public async Task An_unknown_id_reads_as_null()
    {
        using var store = Open();

        Assert.Null(await store.GetAsync(12345));
    }

    [Fact]
    public async Task Deaths_with_one_signature_share_a_bucket_that_counts_them_with_first_and_last_seen()
    {
        using var store = Open();
        await store.AddAsync(Death("same", T0.AddMinutes(5)));
        await store.AddAsync(Death("other", T0.AddMinutes(1)));
        await store.AddAsync(Death("same", T0));
        await store.AddAsync(Death("same", T0.AddMinutes(9)) with { Title = "latest title" });

        var buckets = await store.BucketsAsync();

        Assert.Equal(["same", "other"], buckets.Select(b => b.Signature).ToArray());
        Assert.Equal(3, buckets[0].Count);
        Assert.Equal(T0, buckets[0].FirstSeen);
        Assert.Equal(T0.AddMinutes(9), buckets[0].LastSeen);
        Assert.Equal("latest title", buckets[0].Title);
        Assert.Equal(DeathCause.ExitCode, buckets[0].Cause);
        Assert.Equal(1, buckets[1].Count);
        Assert.Equal(T0.AddMinutes(1), buckets[1].FirstSeen);
    }

    [Fact]
    public async Task The_list_is_newest_first_and_limited()
    {
        using var store = Open();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await store.AddAsync(Death($"s{i}", T0))).Id);
        }

        var listed = await store.ListAsync(3);

        Assert.Equal(ids.AsEnumerable().Reverse().Take(3).ToArray(), listed.Select(d => d.Id).ToArray());
    }

    [Fact]
    public async Task A_death_added_twice_for_one_run_and_attempt_is_one_row_counted_once()
    {
        using var store = Open();
        var death = Death("twice", T0);

        var first = await store.AddAsync(death);
        var second = await store.AddAsync(death with { Title = "again" });
        var nextAttempt = await store.AddAsync(death with { Attempt = 1 });

        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.Id, nextAttempt.Id);
        Assert.Equal(2, (await store.ListAsync(10)).Count);
        Assert.Equal(2, Assert.Single(await store.BucketsAsync()).Count);
        Assert.Equal(death.Title, (await store.GetAsync(first.Id))!.Title);
    }

    [Fact]
    public async Task A_death_stored_pending_at_its_first_report_is_listed_in_no_bucket_then_completed_in_place_and_counted_once()
    {
        using var store = Open();
        var death = Death("first-word", T0) with { Dump = "/dumps/core.42", StderrTail = "boom", Signal = "SIGABRT", ExitCode = 134 };
        var report = new CrashReport { Reason = "entry", Pid = 42, Form = "short" };
        var pending = await store.AddPendingAsync(death with { Title = "at entry", ExitCode = 70, Signal = null, Dump = null, StderrTail = string.Empty, Report = report, Pending = true });

        var whilePending = await store.GetAsync(pending.Id);
        Assert.True(whilePending!.Pending);
        Assert.Equal(("at entry", 70, "entry"), (whilePending.Title, whilePending.ExitCode, whilePending.Report!.Reason));
        Assert.Equal([pending.Id], (await store.ListAsync(10)).Select(d => d.Id).ToArray());
        Assert.Empty(await store.BucketsAsync());
        Assert.Equal(pending.Id, (await store.AddPendingAsync(death with { Title = "a second first word", Pending = true })).Id);
        Assert.Equal("at entry", (await store.GetAsync(pending.Id))!.Title);

        var completed = await store.AddAsync(death with { Command = SpoolIngest.UnknownCommand, StartedAt = T0.AddHours(-1) });
        var again = await store.AddAsync(death with { Title = "completed twice" });
        Assert.Equal(pending.Id, (await store.AddPendingAsync(death with { Title = "pending after completion", Pending = true })).Id);

        Assert.Equal(pending.Id, completed.Id);
        Assert.Equal(pending.Id, again.Id);
        var stored = (await store.GetAsync(pending.Id))!;
        Assert.False(stored.Pending);
        Assert.Equal((death.Title, 134, "SIGABRT", "/dumps/core.42", "boom"), (stored.Title, stored.ExitCode, stored.Signal, stored.Dump, stored.StderrTail));
        Assert.Equal((death.Command, death.StartedAt), (stored.Command, stored.StartedAt));
        Assert.Equal("entry", stored.Report!.Reason);
        Assert.Equal(1, Assert.Single(await store.BucketsAsync()).Count);
        Assert.Single(await store.ListAsync(10));
    }

    [Fact]
    public async Task A_run_that_ended_cleanly_is_stored_in_no_bucket_and_listed_only_when_asked()
    {
        using var store = Open();
        var death = await store.AddAsync(Death("died", T0));
        var clean = await store.AddAsync(Death("clean", T0.AddMinutes(1)) with { Cause = DeathCause.CleanExit, ExitCode = 0, Title = DeathClassifier.CleanExitTitle });

        Assert.True(clean.Id > death.Id);
        Assert.Equal([death.Id], (await store.ListAsync(10)).Select(d => d.Id).ToArray());
        Assert.Equal([clean.Id, death.Id], (await store.ListAsync(10, includeCleanExits: true)).Select(d => d.Id).ToArray());
        Assert.Equal(["died"], (await store.BucketsAsync()).Select(b => b.Signature).ToArray());
        Assert.True((await store.GetAsync(clean.Id))!.EndedCleanly);
    }

    [Fact]
    public async Task A_pruned_dump_is_marked_once_in_the_deaths_of_this_machine_whose_dump_it_was()
    {
        using var store = Open();
        const string dump = "/data/dumps/core.7";
        var written = T0.AddSeconds(-1);
        var ours = await store.AddAsync(Death("a", T0) with { Dump = dump, Host = "here" });
        var elsewhere = await store.AddAsync(Death("b", T0) with { Dump = dump, Host = "there" });
        var otherDump = await store.AddAsync(Death("c", T0) with { Dump = "/data/dumps/core.8", Host = "here" });
        var legacyDuring = await store.AddAsync(Death("d", T0) with { Dump = dump, Host = null, StartedAt = written.AddMinutes(-5), EndedAt = T0 });
        var legacyBefore = await store.AddAsync(Death("e", T0) with { Dump = dump, Host = null, StartedAt = written.AddMinutes(-9), EndedAt = written.AddMinutes(-8) });

        var marked = await store.MarkDumpPrunedAsync(dump, "here", written, T0.AddHours(1));
        var again = await store.MarkDumpPrunedAsync(dump, "here", written, T0.AddHours(2));

        Assert.Equal(2, marked);
        Assert.Equal(0, again);
        Assert.Equal(T0.AddHours(1), (await store.GetAsync(ours.Id))!.DumpPrunedAt);
        Assert.Equal(T0.AddHours(1), (await store.GetAsync(legacyDuring.Id))!.DumpPrunedAt);
        Assert.Null((await store.GetAsync(elsewhere.Id))!.DumpPrunedAt);
        Assert.Null((await store.GetAsync(otherDump.Id))!.DumpPrunedAt);
        Assert.Null((await store.GetAsync(legacyBefore.Id))!.DumpPrunedAt);
        Assert.Equal(dump, (await store.GetAsync(ours.Id))!.Dump);
        Assert.Equal("here", (await store.GetAsync(ours.Id))!.Host);
    }

    [Fact]
    public async Task Records_survive_closing_and_reopening_the_store()
    {
        long id;
        using (var store = Open())
        {
            id = (await store.AddAsync(Death("kept", T0))).Id;
        }

        using var reopened = Open();
        Assert.Equal("kept", (await reopened.GetAsync(id))!.Signature);
        Assert.Equal(1, Assert.Single(await reopened.BucketsAsync()).Count);
    }

    [Fact]
    public void A_store_of_a_newer_schema_version_is_refused_naming_it_and_both_versions_and_is_left_untouched()
    {
        Open().Dispose();
        SetSchemaVersion(StoreSchema.Version + 98);

        var error = Assert.ThrowsAny<Exception>(() => Open().Dispose());

        Assert.IsType(Refusal, error);
        Assert.Contains($"store schema version {StoreSchema.Version + 98}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"up to {StoreSchema.Version}", error.Message, StringComparison.Ordinal);
        Assert.Contains(StoreName, error.Message, StringComparison.Ordinal);
        Assert.Equal([StoreSchema.Version + 98], SchemaVersions());
    }

    [Fact]
    public async Task A_store_made_by_schema_version_1_opens_with_every_death_and_bucket_it_held()
    {
        LoadVersion1Store();
        Assert.Equal([1], SchemaVersions());

        using var store = Open();

        await Version1Store.AssertEveryRecordIsIn(store);
        Assert.Equal([StoreSchema.Version], SchemaVersions());
        Assert.Equal(Version1Store.Deaths.Length, (await store.ListAsync(100, includeCleanExits: true)).Count);
        Assert.Equal(Version1Store.Deaths.Count(d => !Version1Store.IsCleanExit(d)), (await store.ListAsync(100)).Count);
    }

    [Fact]
    public async Task A_version_1_crash_report_in_a_store_made_at_schema_version_4_reads_back_after_the_upgrade()
    {
        var report = ReportVersions.Version1Report;
        ExecuteRaw([
            .. StoreMigrations.All.Take(4).SelectMany(step => step.Statements(IdColumn)),
            "INSERT INTO schema_info (version) VALUES (4)",
            "INSERT INTO deaths (run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at, host, dump_pruned_at, pending) "
            + $"VALUES ('run-v1', 1, 'app', 4242, 'panic', 70, NULL, '{report}', NULL, NULL, 'sig-v1', 'panic: disk full', '', '', '2026-11-01T10:00:00.0000000Z', '2026-11-01T10:00:01.0000000Z', NULL, NULL, 0)",
        ]);

        using var store = Open();

        Assert.Equal([StoreSchema.Version], SchemaVersions());
        var death = Assert.Single(await store.ListAsync(10));
        var read = (await store.GetAsync(death.Id))!.Report!;
        Assert.Equal(1, read.Version);
        Assert.Equal("disk full", read.Reason);
        Assert.All(read.Notifiers, n => Assert.Null(n.StartMs));
        Assert.Null(read.Dump);
        Assert.Null(read.TotalMs);
        Assert.Equal(ReportVersions.Version1Report, System.Text.Encoding.UTF8.GetString(read.ToUtf8Json()));
    }

    [Fact]
    public async Task A_version_2_crash_report_reads_back_with_its_timing()
    {
        using var store = Open();
        var report = CrashReport.Parse(System.Text.Encoding.UTF8.GetBytes(ReportVersions.Version2Report));

        var stored = await store.AddAsync(Death("sig-v2", T0) with { Report = report });
        var read = (await store.GetAsync(stored.Id))!.Report!;

        Assert.Equal(ReportVersions.Version2Report, System.Text.Encoding.UTF8.GetString(read.ToUtf8Json()));
        Assert.Equal([0.5, 1.25], read.Notifiers.Select(n => n.StartMs!.Value).ToArray());
        Assert.Equal((1.25, 12.5), (read.Dump!.StartMs, read.Dump.Ms));
    }

    [Fact]
    public async Task A_store_made_by_schema_version_4_s_statements_gains_the_exception_columns_keeps_its_deaths_and_stores_exceptions()
    {
        ExecuteRaw([
            .. StoreMigrations.All.Take(4).SelectMany(step => step.Statements(IdColumn)),
            "INSERT INTO schema_info (version) VALUES (4)",
            $"""
            INSERT INTO deaths (run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at, host, dump_pruned_at, pending)
            VALUES ('run-old', 0, 'dotnet old.dll', 7, '{DeathCause.ExitCode}', 3, NULL, NULL, NULL, NULL, 'sig-old', 'exit code 3', 'out', 'err', '2026-01-02T03:04:05.0000000Z', '2026-01-02T03:04:06.0000000Z', 'host-a', NULL, 0)
            """,
        ]);

        using var store = Open();

        Assert.Equal([StoreSchema.Version], SchemaVersions());
        var old = Assert.Single(await store.ListAsync(10));
        Assert.Equal(("run-old", "sig-old", "exit code 3", "err", "host-a"), (old.RunId, old.Signature, old.Title, old.StderrTail, old.Host));
        Assert.Null(old.ExceptionType);
        Assert.Null(old.ExceptionMessage);
        Assert.Null(old.ExceptionStack);
        var added = await store.AddAsync(Death("sig-new", T0) with { ExceptionType = "System.IO.IOException", ExceptionMessage = "gone", ExceptionStack = "System.IO.IOException: gone\n   at App.Read()" });
        Assert.Equal(added, await store.GetAsync(added.Id));
        Assert.True(added.Id > old.Id);
    }

    [Fact]
    public async Task A_pending_death_s_exception_is_kept_when_its_completion_names_none()
    {
        using var store = Open();
        var death = Death("sig-p", T0) with { ExceptionType = "System.TimeoutException", ExceptionMessage = "slow", ExceptionStack = "System.TimeoutException: slow" };
        var pending = await store.AddPendingAsync(death with { Pending = true });

        await store.AddAsync(death with { ExceptionType = null, ExceptionMessage = null, ExceptionStack = null });

        var read = (await store.GetAsync(pending.Id))!;
        Assert.False(read.Pending);
        Assert.Equal(("System.TimeoutException", "slow", "System.TimeoutException: slow"), (read.ExceptionType, read.ExceptionMessage, read.ExceptionStack));
    }

    [Fact]
    public async Task A_migrated_store_takes_new_deaths_after_the_old_ones_and_counts_them_in_the_old_buckets()
    {
        LoadVersion1Store();
        var old = Version1Store.Deaths;
        var exit3 = old.First(d => d.GetProperty("exitCode").GetInt32() == 3);

        using (var store = Open())
        {
            var added = await store.AddAsync(Death(exit3.GetProperty("signature").GetString()!, T0));
            Assert.True(added.Id > old.Max(d => d.GetProperty("id").GetInt64()));
        }

        using var reopened = Open();
        var bucket = (await reopened.BucketsAsync()).Single(b => b.Signature == exit3.GetProperty("signature").GetString());
        Assert.Equal(old.Count(d => d.GetProperty("signature").GetString() == bucket.Signature) + 1, bucket.Count);
    }

    [Fact]
    public async Task Stores_opening_one_version_1_store_at_once_migrate_it_once_and_all_open_it()
    {
        LoadVersion1Store();

        var stores = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(Open)));
        try
        {
            await Version1Store.AssertEveryRecordIsIn(stores[^1]);
            Assert.Equal([StoreSchema.Version], SchemaVersions());
        }
        finally
        {
            Array.ForEach(stores, s => s.Dispose());
        }
    }

    [Fact]
    public void A_new_store_records_the_latest_schema_version_once()
    {
        Open().Dispose();
        Open().Dispose();

        Assert.Equal([StoreSchema.Version], SchemaVersions());
    }

    [Fact]
    public async Task Stores_opening_one_new_database_at_once_all_open_it()
    {
        var opening = Enumerable.Range(0, 8).Select(_ => Task.Run(Open)).ToList();
        var stores = await Task.WhenAll(opening);
        try
        {
            await stores[0].AddAsync(Death("after", T0));
            Assert.Equal(1, Assert.Single(await stores[^1].BucketsAsync()).Count);
        }
        finally
        {
            Array.ForEach(stores, s => s.Dispose());
        }
    }

    [Fact]
    public async Task Two_stores_adding_into_one_database_at_once_keep_every_death_and_exact_bucket_counts()
    {
        using var first = Open();
        using var second = Open();
        var shared = Enumerable.Range(0, 20).Select(i => Death($"sig{i % 3}", T0.AddSeconds(i))).ToList();
        var own = Enumerable.Range(0, 40).Select(i => Death($"sig{i % 3}", T0.AddSeconds(100 + i))).ToList();

        // Both add the 20 shared deaths (the same run and attempt, as after a restarted supervisor) and 20 of their own each.
        await Task.WhenAll(
            Task.Run(async () =>
            {
                foreach (var death in shared.Concat(own.Take(20)))
                {
                    await first.AddAsync(death);
                }
            }),
            Task.Run(async () =>
            {
                foreach (var death in shared.AsEnumerable().Reverse().Concat(own.Skip(20)))
                {
                    await second.AddAsync(death);
                }
            }));

        var all = shared.Concat(own).ToList();
        Assert.Equal(60, (await first.ListAsync(1000)).Select(d => d.Id).Distinct().Count());
        var buckets = (await second.BucketsAsync()).ToDictionary(b => b.Signature);
        foreach (var group in all.GroupBy(d => d.Signature))
        {
            Assert.Equal(group.Count(), buckets[group.Key].Count);
            Assert.Equal(group.Min(d => d.EndedAt), buckets[group.Key].FirstSeen);
            Assert.Equal(group.Max(d => d.EndedAt), buckets[group.Key].LastSeen);
        }
    }

    [Fact]
    public async Task A_query_selects_by_cause_bucket_command_and_time_newest_first_and_pages_back_from_an_id()
    {
        using var store = Open();
        var a1 = await store.AddAsync(Death("sig-a", T0) with { Command = "dotnet Orders.dll --port 80" });
        var b1 = await store.AddAsync(Death("sig-b", T0.AddHours(1)) with { Cause = DeathCause.Signal, Signal = "SIGSEGV", Command = "dotnet Billing.dll 100%_done" });
        var a2 = await store.AddAsync(Death("sig-a", T0.AddHours(2)) with { Command = "DOTNET orders.dll" });
        var clean = await store.AddAsync(Death("sig-c", T0.AddHours(3)) with { Cause = DeathCause.CleanExit, ExitCode = 0 });

        async Task<long[]> Ids(DeathQuery query) => [.. (await store.QueryAsync(query)).Select(d => d.Id)];

        Assert.Equal([a2.Id, b1.Id, a1.Id], await Ids(new DeathQuery()));
        Assert.Equal([clean.Id, a2.Id, b1.Id, a1.Id], await Ids(new DeathQuery { IncludeCleanExits = true }));
        Assert.Equal([clean.Id], await Ids(new DeathQuery { Cause = DeathCause.CleanExit }));
        Assert.Equal([b1.Id], await Ids(new DeathQuery { Cause = DeathCause.Signal }));
        Assert.Equal([a2.Id, a1.Id], await Ids(new DeathQuery { Signature = "sig-a" }));

        // A substring, ASCII case ignored on every store; % and _ are literal, not wildcards.
        Assert.Equal([a2.Id, a1.Id], await Ids(new DeathQuery { Command = "orders.DLL" }));
        Assert.Equal([b1.Id], await Ids(new DeathQuery { Command = "100%_" }));
        Assert.Empty(await Ids(new DeathQuery { Command = "100%x" }));
        Assert.Empty(await Ids(new DeathQuery { Command = "b_lling" }));

        // Since is inclusive, until exclusive, on the time the death was seen.
        Assert.Equal([a2.Id, b1.Id], await Ids(new DeathQuery { Since = T0.AddHours(1) }));
        Assert.Equal([a1.Id], await Ids(new DeathQuery { Until = T0.AddHours(1) }));
        Assert.Equal([b1.Id], await Ids(new DeathQuery { Since = T0.AddMinutes(1), Until = T0.AddHours(2) }));

        // Conditions together, and pages going back from the last id shown.
        Assert.Equal([a1.Id], await Ids(new DeathQuery { Signature = "sig-a", Until = T0.AddHours(1) }));
        Assert.Equal([a2.Id, b1.Id], await Ids(new DeathQuery { Limit = 2 }));
        Assert.Equal([a1.Id], await Ids(new DeathQuery { Limit = 2, BeforeId = b1.Id }));
        Assert.Empty(await Ids(new DeathQuery { BeforeId = a1.Id }));
    }

    [Fact]
    public async Task Bucket_history_counts_each_buckets_deaths_per_hour_or_per_day_without_clean_exits_or_pending_deaths()
    {
        using var store = Open();
        await store.AddAsync(Death("sig-a", T0));
        await store.AddAsync(Death("sig-a", T0.AddMinutes(30)));
        await store.AddAsync(Death("sig-a", T0.AddHours(1)));
        await store.AddAsync(Death("sig-a", T0.AddDays(1)));
        await store.AddAsync(Death("sig-b", T0.AddMinutes(5)));
        await store.AddAsync(Death("sig-c", T0) with { Cause = DeathCause.CleanExit, ExitCode = 0 });
        await store.AddPendingAsync(Death("sig-b", T0.AddHours(5)));

        var hour = new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var day = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(
            [new BucketCount("sig-a", hour, 2), new BucketCount("sig-a", hour.AddHours(1), 1), new BucketCount("sig-a", hour.AddDays(1), 1), new BucketCount("sig-b", hour, 1)],
            await store.BucketHistoryAsync(BucketPeriod.Hour));
        Assert.Equal(
            [new BucketCount("sig-a", day, 3), new BucketCount("sig-a", day.AddDays(1), 1), new BucketCount("sig-b", day, 1)],
            await store.BucketHistoryAsync(BucketPeriod.Day));
    }

    [Fact]
    public async Task A_store_opened_for_viewing_reads_what_was_stored_and_refuses_every_write()
    {
        using (var writer = Open())
        {
            await writer.AddAsync(Death("sig-a", T0));
        }

        using var viewer = OpenForViewing();
        var read = Assert.Single(await viewer.QueryAsync(new DeathQuery()));
        Assert.Equal("sig-a", read.Signature);
        await Assert.ThrowsAnyAsync<DbException>(() => viewer.AddAsync(Death("sig-b", T0)));
        Assert.Single(await viewer.QueryAsync(new DeathQuery()));
    }

    [Fact]
    public void A_store_of_an_older_schema_opened_for_viewing_is_refused_saying_so_and_stays_at_its_version()
    {
        LoadVersion1Store();

        var error = Record.Exception(() => OpenForViewing().Dispose());

        Assert.IsType(Refusal, error);
        Assert.Contains("has store schema version 1, older than the version", error.Message, StringComparison.Ordinal);
        Assert.Equal([1L], SchemaVersions());
    }

    [Fact]
    public void A_store_of_a_newer_schema_opened_for_viewing_is_refused_saying_so()
    {
        Open().Dispose();
        SetSchemaVersion(StoreSchema.Version + 1);

        var error = Record.Exception(() => OpenForViewing().Dispose());

        Assert.IsType(Refusal, error);
        Assert.Contains("newer than this version of panicpath", error.Message, StringComparison.Ordinal);
    }

    protected static DeathRecord Death(string signature, DateTimeOffset ended) => new()
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
