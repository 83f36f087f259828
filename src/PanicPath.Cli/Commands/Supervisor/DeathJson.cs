using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PanicPath.Cli.Commands.Rendering;
using PanicPath.Model.Explorer;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;

namespace PanicPath.Cli.Commands.Supervisor;

/// <summary>
/// The JSON form of deaths and buckets, camelCase: a death is <c>{ id, runId, attempt, command, host, pid,
/// cause, exitCode, signal, report, dump, dumpPrunedAt, crashReport, signature, title, exceptionType, exceptionMessage,
/// exceptionStack, stdoutTail, stderrTail, startedAt, endedAt }</c> (<c>dumpPrunedAt</c> null while the dump is kept, the
/// exception's fields null when the death names none) with <c>report</c> the in-process report's own wire form or null; a bucket
/// is <c>{ signature, cause, title, count, firstSeen, lastSeen }</c>. Each document opens with its <c>schema</c>
/// (<see cref="JsonSchemas"/>): one death <c>{ schema, id, … }</c> (<see cref="JsonSchemas.Death"/>), the deaths
/// <c>{ schema, deaths: [ death… ] }</c>, the buckets <c>{ schema, buckets: [ bucket… ] }</c>, the demo's
/// <c>{ schema, record, bucket }</c>; a death or bucket inside a document carries no schema of its own. Output is for
/// terminals and tools, not for embedding in HTML: only what JSON requires is escaped.
/// </summary>
internal static class DeathJson
{
    private const string SchemaProperty = ReportJson.SchemaProperty;

    /// <summary><c>{ schema, id, … }</c>: one death in full.</summary>
    public static string One(DeathRecord death) => Write(json => WriteDeath(json, death, JsonSchemas.Death));

    /// <summary><c>{ schema, deaths: [ … ] }</c>.</summary>
    public static string Many(IEnumerable<DeathRecord> deaths) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString(SchemaProperty, JsonSchemas.Deaths);
        json.WriteStartArray("deaths");
        foreach (var death in deaths)
        {
            WriteDeath(json, death, schema: null);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary><c>{ schema, buckets: [ … ] }</c>.</summary>
    public static string Buckets(IEnumerable<DeathBucket> buckets) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString(SchemaProperty, JsonSchemas.Buckets);
        json.WriteStartArray("buckets");
        foreach (var bucket in buckets)
        {
            WriteBucket(json, bucket);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary><c>{ schema, record, bucket }</c>: one death and the bucket it was counted in (null when none).</summary>
    public static string WithBucket(DeathRecord death, DeathBucket? bucket) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString(SchemaProperty, JsonSchemas.Demo);
        json.WritePropertyName("record");
        WriteDeath(json, death, schema: null);
        json.WritePropertyName("bucket");
        if (bucket is null)
        {
            json.WriteNullValue();
        }
        else
        {
            WriteBucket(json, bucket);
        }

        json.WriteEndObject();
    });

    private static void WriteBucket(Utf8JsonWriter json, DeathBucket bucket)
    {
        json.WriteStartObject();
        json.WriteString("signature", bucket.Signature);
        json.WriteString("cause", bucket.Cause);
        json.WriteString("title", bucket.Title);
        json.WriteNumber("count", bucket.Count);
        json.WriteString("firstSeen", Time(bucket.FirstSeen));
        json.WriteString("lastSeen", Time(bucket.LastSeen));
        json.WriteEndObject();
    }

    private static void WriteDeath(Utf8JsonWriter json, DeathRecord death, string? schema)
    {
        json.WriteStartObject();
        if (schema is not null)
        {
            json.WriteString(SchemaProperty, schema);
        }

        json.WriteNumber("id", death.Id);
        json.WriteString("runId", death.RunId);
        json.WriteNumber("attempt", death.Attempt);
        json.WriteString("command", death.Command);
        WriteNullable(json, "host", death.Host);
        json.WriteNumber("pid", death.Pid);
        json.WriteString("cause", death.Cause);
        json.WriteBoolean("pending", death.Pending);
        json.WriteNumber("exitCode", death.ExitCode);
        WriteNullable(json, "signal", death.Signal);
        json.WritePropertyName("report");
        if (death.Report is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteRawValue(death.Report.ToUtf8Json());
        }

        WriteNullable(json, "dump", death.Dump);
        WriteNullable(json, "dumpPrunedAt", death.DumpPrunedAt is { } pruned ? Time(pruned) : null);
        WriteNullable(json, "crashReport", death.CrashReport);
        json.WriteString("signature", death.Signature);
        json.WriteString("title", death.Title);
        WriteNullable(json, "exceptionType", death.ExceptionType);
        WriteNullable(json, "exceptionMessage", death.ExceptionMessage);
        WriteNullable(json, "exceptionStack", death.ExceptionStack);
        json.WriteString("stdoutTail", death.StdoutTail);
        json.WriteString("stderrTail", death.StderrTail);
        json.WriteString("startedAt", Time(death.StartedAt));
        json.WriteString("endedAt", Time(death.EndedAt));
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
