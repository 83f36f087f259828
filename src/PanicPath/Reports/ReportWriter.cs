using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PanicPath.Reports;

/// <summary>
/// Writes a crash report as the very bytes <see cref="CrashReport.ToUtf8Json"/> gives for the same
/// report (the same fields in the same order, the same number and string encoding, nulls written),
/// into a buffer and a JSON writer made once, at install, so that the panic path builds its report
/// without allocating. Call <see cref="Start"/>, then <see cref="Notifier"/> per step, then
/// <see cref="StartNested"/>, <see cref="Nested"/> per nested panic, and <see cref="End"/>, which
/// answers the bytes (valid until the next <see cref="Start"/>). A report larger than the buffer grows
/// it. Not thread-safe: whoever claimed the report writes it. The fields of wire version 2 (timing) are
/// written, as the serialiser writes them, only when they have a value: a report started as version 1
/// is given none, and comes out as version 1 wrote it.
/// </summary>
internal sealed class ReportWriter
{
    private static readonly JsonEncodedText VersionName = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText KindName = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText ReasonName = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText PidName = JsonEncodedText.Encode("pid");
    private static readonly JsonEncodedText ThreadIdName = JsonEncodedText.Encode("threadId");
    private static readonly JsonEncodedText UptimeMsName = JsonEncodedText.Encode("uptimeMs");
    private static readonly JsonEncodedText TimestampName = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText ExceptionName = JsonEncodedText.Encode("exception");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText HresultName = JsonEncodedText.Encode("hresult");
    private static readonly JsonEncodedText MethodName = JsonEncodedText.Encode("method");
    private static readonly JsonEncodedText SignatureName = JsonEncodedText.Encode("signature");
    private static readonly JsonEncodedText StackTraceName = JsonEncodedText.Encode("stackTrace");
    private static readonly JsonEncodedText InnerName = JsonEncodedText.Encode("inner");
    private static readonly JsonEncodedText FormName = JsonEncodedText.Encode("form");
    private static readonly JsonEncodedText LogName = JsonEncodedText.Encode("log");
    private static readonly JsonEncodedText NotifiersName = JsonEncodedText.Encode("notifiers");
    private static readonly JsonEncodedText NameName = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText ListName = JsonEncodedText.Encode("list");
    private static readonly JsonEncodedText PriorityName = JsonEncodedText.Encode("priority");
    private static readonly JsonEncodedText OutcomeName = JsonEncodedText.Encode("outcome");
    private static readonly JsonEncodedText MsName = JsonEncodedText.Encode("ms");
    private static readonly JsonEncodedText ErrorName = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText NestedName = JsonEncodedText.Encode("nested");
    private static readonly JsonEncodedText NotifierName = JsonEncodedText.Encode("notifier");
    private static readonly JsonEncodedText ExceptionTypeName = JsonEncodedText.Encode("exceptionType");
    private static readonly JsonEncodedText DumpPathName = JsonEncodedText.Encode("dumpPath");
    private static readonly JsonEncodedText DeadlineExceededName = JsonEncodedText.Encode("deadlineExceeded");
    private static readonly JsonEncodedText ExitCodeName = JsonEncodedText.Encode("exitCode");
    private static readonly JsonEncodedText StartMsName = JsonEncodedText.Encode("startMs");
    private static readonly JsonEncodedText AtMsName = JsonEncodedText.Encode("atMs");
    private static readonly JsonEncodedText DumpName = JsonEncodedText.Encode("dump");
    private static readonly JsonEncodedText PathName = JsonEncodedText.Encode("path");
    private static readonly JsonEncodedText DeadlineMsName = JsonEncodedText.Encode("deadlineMs");
    private static readonly JsonEncodedText TotalMsName = JsonEncodedText.Encode("totalMs");

    private readonly ArrayBufferWriter<byte> buffer;
    private readonly Utf8JsonWriter json;

    /// <summary>The report being written is of version 2 or later: its timing fields are written.</summary>
    private bool timing;

    /// <param name="logBytes">The most log bytes a report carries (<see cref="Panics.PanicOptions.ReportLogBytes"/>).</param>
    internal ReportWriter(int logBytes)
    {
        buffer = new ArrayBufferWriter<byte>(64 * 1024 + 6 * logBytes);
        json = new Utf8JsonWriter(buffer);
    }

    /// <summary>
    /// Starts a report of wire <paramref name="version"/>: every field up to the log, then opens the notifier list. <paramref name="logJson"/>
    /// is the log for a long report as a quoted JSON string, escaped as <see cref="Utf8JsonString"/>
    /// escapes the log's UTF-8 bytes (so, as the string <see cref="Encoding.UTF8"/> decodes them to,
    /// invalid bytes replaced), and is copied in as it is; it is ignored for a short one. The
    /// <paramref name="uptime"/> is in <see cref="Thousandths"/>, as every time of the report.
    /// </summary>
    internal void Start(int version, string kind, string reason, int pid, int threadId, long uptime, DateTime timestamp, ReportException? exception, ReadOnlySpan<byte> logJson, bool hasLog)
    {
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteNumber(VersionName, version);
        timing = version >= 2;
        json.WriteString(KindName, kind);
        json.WriteString(ReasonName, reason);
        json.WriteNumber(PidName, pid);
        json.WriteNumber(ThreadIdName, threadId);
        Thousandths.Write(json, UptimeMsName, uptime);
        Span<char> stamp = stackalloc char[40];
        json.WriteString(TimestampName, timestamp.TryFormat(stamp, out var written, "O", CultureInfo.InvariantCulture) ? stamp[..written] : []);
        if (exception is null)
        {
            json.WriteNull(ExceptionName);
        }
        else
        {
            json.WritePropertyName(ExceptionName);
            WriteException(exception);
        }

        json.WriteString(FormName, hasLog ? "long" : "short");
        if (hasLog)
        {
            // Escaped beforehand into a buffer made at install, then copied in as it is: the writer's own
            // escaping of a long value would rent from the array pool, which allocates on a thread that
            // has not rented a buffer of that size before.
            json.WritePropertyName(LogName);
            json.WriteRawValue(logJson, skipInputValidation: true);
        }
        else
        {
            json.WriteNull(LogName);
        }

        json.WriteStartArray(NotifiersName);
    }

    /// <summary>
    /// One step of the path, as a <see cref="NotifierRecord"/>: <paramref name="start"/> (version 2) is the
    /// time from the panic's entry to the step's hand-off and <paramref name="ms"/> the time it took, both
    /// in <see cref="Thousandths"/>.
    /// </summary>
    internal void Notifier(string name, string list, int priority, string outcome, long? start, long ms, string? error)
    {
        json.WriteStartObject();
        json.WriteString(NameName, name);
        json.WriteString(ListName, list);
        json.WriteNumber(PriorityName, priority);
        json.WriteString(OutcomeName, outcome);
        WriteThousandthsIfAny(StartMsName, start);
        Thousandths.Write(json, MsName, ms);
        WriteStringOrNull(ErrorName, error);
        json.WriteEndObject();
    }

    /// <summary>Closes the notifier list and opens the nested panics.</summary>
    internal void StartNested()
    {
        json.WriteEndArray();
        json.WriteStartArray(NestedName);
    }

    /// <summary>One nested panic, as a <see cref="NestedPanic"/>.</summary>
    internal void Nested(NestedPanic nested)
    {
        json.WriteStartObject();
        json.WriteString(NotifierName, nested.Notifier);
        json.WriteString(ReasonName, nested.Reason);
        WriteStringOrNull(ExceptionTypeName, nested.ExceptionType);
        if (timing && nested.AtMs is { } at)
        {
            json.WriteNumber(AtMsName, at);
        }
        json.WriteEndObject();
    }

    /// <summary>
    /// Writes the last fields and answers the report's bytes: <paramref name="dump"/> is the dump step as
    /// a <see cref="DumpStep"/> (its file is <paramref name="dumpPath"/>), absent when null; the deadline
    /// and the total, absent when null. Times are in thousandths of a millisecond (<see cref="Thousandths"/>).
    /// </summary>
    internal ReadOnlySpan<byte> End(string? dumpPath, bool deadlineExceeded, int exitCode, (long Start, long Ms, string Outcome)? dump = null, long? deadline = null, long? total = null)
    {
        json.WriteEndArray();
        WriteStringOrNull(DumpPathName, dumpPath);
        json.WriteBoolean(DeadlineExceededName, deadlineExceeded);
        json.WriteNumber(ExitCodeName, exitCode);
        if (timing && dump is { } step)
        {
            json.WriteStartObject(DumpName);
            Thousandths.Write(json, StartMsName, step.Start);
            Thousandths.Write(json, MsName, step.Ms);
            json.WriteString(OutcomeName, step.Outcome);
            WriteStringOrNull(PathName, dumpPath);
            json.WriteEndObject();
        }

        WriteThousandthsIfAny(DeadlineMsName, deadline);
        WriteThousandthsIfAny(TotalMsName, total);
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan;
    }

    /// <summary>The bytes of the last report written.</summary>
    internal ReadOnlySpan<byte> Written => buffer.WrittenSpan;

    private void WriteThousandthsIfAny(JsonEncodedText name, long? value)
    {
        if (timing && value is { } number)
        {
            Thousandths.Write(json, name, number);
        }
    }

    /// <summary>An exception as an object, its stack trace and inner exceptions left out when null, as the serialiser does.</summary>
    private void WriteException(ReportException exception)
    {
        var encoded = exception.EncodedTexts;
        json.WriteStartObject();
        WriteEncoded(TypeName, exception.Type, encoded, 0);
        WriteEncoded(MessageName, exception.Message, encoded, 1);
        json.WriteNumber(HresultName, exception.Hresult);
        if (exception.Method is null)
        {
            json.WriteNull(MethodName);
        }
        else
        {
            WriteEncoded(MethodName, exception.Method, encoded, 2);
        }

        json.WriteString(SignatureName, exception.Signature);
        if (exception.StackTrace is { } lines)
        {
            json.WriteStartArray(StackTraceName);
            for (var i = 0; i < lines.Count; i++)
            {
                if (encoded is not null && 3 + i < encoded.Length && ReferenceEquals(encoded[3 + i].Text, lines[i]))
                {
                    json.WriteStringValue(encoded[3 + i].Json);
                }
                else
                {
                    json.WriteStringValue(lines[i]);
                }
            }

            json.WriteEndArray();
        }

        if (exception.Inner is { } inner)
        {
            json.WriteStartArray(InnerName);
            foreach (var each in inner)
            {
                WriteException(each);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>A string property, from its escaped form made at description when it is still the text written.</summary>
    private void WriteEncoded(JsonEncodedText name, string value, ReportException.Encoded[]? encoded, int index)
    {
        if (encoded is not null && index < encoded.Length && ReferenceEquals(encoded[index].Text, value))
        {
            json.WriteString(name, encoded[index].Json);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private void WriteStringOrNull(JsonEncodedText name, string? value)
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
}
