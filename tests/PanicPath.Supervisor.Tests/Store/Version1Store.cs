using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;

namespace PanicPath.Supervisor.Tests.Store;

/// <summary>
/// The store schema version 1 made (<c>Fixtures/store-v1.*</c>, see its README): where its files are
/// next to the tests, and the check that a store opened on it by today's code still holds every death
/// and bucket as that version listed them (<c>store-v1.deaths.json</c>, <c>store-v1.buckets.json</c>),
/// but for what the migrations since change on purpose: step 2 makes a death of cause <c>exit-code</c>
/// with exit code 0 a run that ended cleanly, in no bucket; step 3 adds the host and when a dump was
/// pruned, both unknown (null) in older records.
/// </summary>
internal static class Version1Store
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Store", "Fixtures");

    public static string SqliteFile => Path.Combine(Directory, "store-v1.db");

    public static string PostgresScript => Path.Combine(Directory, "store-v1.postgres.sql");

    /// <summary>The deaths as version 1 listed them, newest first.</summary>
    public static JsonElement[] Deaths => Read("store-v1.deaths.json");

    /// <summary>Every death and bucket version 1 listed reads back from <paramref name="store"/>, field for field.</summary>
    public static async Task AssertEveryRecordIsIn(SqlDeathStore store)
    {
        foreach (var expected in Deaths)
        {
            var id = expected.GetProperty("id").GetInt64();
            var death = await store.GetAsync(id);
            Assert.True(death is not null, $"death {id} is missing");
            Assert.Equal(expected.GetProperty("runId").GetString(), death.RunId);
            Assert.Equal(expected.GetProperty("attempt").GetInt32(), death.Attempt);
            Assert.Equal(expected.GetProperty("command").GetString(), death.Command);
            Assert.Equal(expected.GetProperty("pid").GetInt32(), death.Pid);
            var clean = IsCleanExit(expected);
            Assert.Equal(clean ? DeathCause.CleanExit : expected.GetProperty("cause").GetString(), death.Cause);
            Assert.Equal(expected.GetProperty("exitCode").GetInt32(), death.ExitCode);
            Assert.Equal(expected.GetProperty("signal").GetString(), death.Signal);
            Assert.Equal(expected.GetProperty("dump").GetString(), death.Dump);
            Assert.Equal(expected.GetProperty("crashReport").GetString(), death.CrashReport);
            Assert.Null(death.DumpPrunedAt);
            Assert.Null(death.Host);
            Assert.Equal(expected.GetProperty("signature").GetString(), death.Signature);
            Assert.Equal(clean ? DeathClassifier.CleanExitTitle : expected.GetProperty("title").GetString(), death.Title);
            Assert.Equal(expected.GetProperty("stdoutTail").GetString(), death.StdoutTail);
            Assert.Equal(expected.GetProperty("stderrTail").GetString(), death.StderrTail);
            Assert.Equal(expected.GetProperty("startedAt").GetString(), Time(death.StartedAt));
            Assert.Equal(expected.GetProperty("endedAt").GetString(), Time(death.EndedAt));
            var report = expected.GetProperty("report");
            if (report.ValueKind == JsonValueKind.Null)
            {
                Assert.Null(death.Report);
            }
            else
            {
                Assert.True(death.Report is not null, $"death {id} lost its report");
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(report.GetRawText()), JsonNode.Parse(death.Report.ToUtf8Json())), $"death {id}'s report differs");
            }
        }

        var buckets = (await store.BucketsAsync()).ToDictionary(b => b.Signature);
        var cleanSignatures = Deaths.Where(IsCleanExit).Select(d => d.GetProperty("signature").GetString()).ToHashSet();
        var expectedBuckets = Read("store-v1.buckets.json").Where(b => !cleanSignatures.Contains(b.GetProperty("signature").GetString())).ToArray();
        Assert.NotEmpty(cleanSignatures);
        Assert.Equal(expectedBuckets.Length, buckets.Count);
        foreach (var expected in expectedBuckets)
        {
            var bucket = buckets[expected.GetProperty("signature").GetString()!];
            Assert.Equal(expected.GetProperty("cause").GetString(), bucket.Cause);
            Assert.Equal(expected.GetProperty("title").GetString(), bucket.Title);
            Assert.Equal(expected.GetProperty("count").GetInt64(), bucket.Count);
            Assert.Equal(expected.GetProperty("firstSeen").GetString(), Time(bucket.FirstSeen));
            Assert.Equal(expected.GetProperty("lastSeen").GetString(), Time(bucket.LastSeen));
        }
    }

    /// <summary>Whether version 1 stored <paramref name="death"/> as an exit-code death with code 0 (a run that ended cleanly since step 2).</summary>
    public static bool IsCleanExit(JsonElement death) =>
        death.GetProperty("cause").GetString() == DeathCause.ExitCode && death.GetProperty("exitCode").GetInt32() == 0;

    private static JsonElement[] Read(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, name)));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
