using System.Globalization;
using System.Text.Json;
using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.Runs;

/// <summary>
/// A death as the slot's death record keeps it (<see cref="SlotRecord.Death"/>) when the store refused
/// it: its essentials as JSON — run id, attempt, command, pid, cause, exit code, signal, dump and
/// crash-report paths, signature, title, the ends of the output tails, start and end times, host — cut to fit
/// <see cref="SlotFile.Capacity"/> (the tails keep their last 3000 characters, then fewer until it fits; long texts are cut).
/// The in-process report is not part of it: it is kept beside it, in the spool or the slot's report
/// records, and joined again when the death is recorded.
/// </summary>
internal static class KeptDeath
{
    /// <summary>The death record's payload, at most <see cref="SlotFile.Capacity"/> bytes.</summary>
    internal static byte[] Encode(DeathRecord death)
    {
        ArgumentNullException.ThrowIfNull(death);
        foreach (var chars in (int[])[3000, 1024, 256, 64])
        {
            var bytes = Write(death, chars);
            if (bytes.Length <= SlotFile.Capacity)
            {
                return bytes;
            }
        }

        return Write(death, 16);
    }

    /// <summary>Reads a death record's payload back into a death without id or report.</summary>
    /// <exception cref="FormatException">The payload is not a kept death; the message names the field.</exception>
    internal static DeathRecord Decode(ReadOnlySpan<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload.ToArray());
            var root = document.RootElement;
            return new DeathRecord
            {
                RunId = Text(root, "runId"),
                Attempt = root.GetProperty("attempt").GetInt32(),
                Command = Text(root, "command"),
                Pid = root.GetProperty("pid").GetInt32(),
                Cause = Text(root, "cause"),
                ExitCode = root.GetProperty("exitCode").GetInt32(),
                Signal = Nullable(root, "signal"),
                Dump = Nullable(root, "dump"),
                CrashReport = Nullable(root, "crashReport"),
                Signature = Text(root, "signature"),
                Title = Text(root, "title"),
                StdoutTail = Text(root, "stdoutTail"),
                StderrTail = Text(root, "stderrTail"),
                StartedAt = DateTimeOffset.Parse(Text(root, "startedAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                EndedAt = DateTimeOffset.Parse(Text(root, "endedAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                Host = Nullable(root, "host"),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"kept death is not valid: {e.Message}", e);
        }
    }

    private static byte[] Write(DeathRecord death, int chars)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("runId", death.RunId);
            json.WriteNumber("attempt", death.Attempt);
            json.WriteString("command", Head(death.Command, chars));
            json.WriteNumber("pid", death.Pid);
            json.WriteString("cause", death.Cause);
            json.WriteNumber("exitCode", death.ExitCode);
            json.WriteString("signal", death.Signal);
            json.WriteString("dump", death.Dump);
            json.WriteString("crashReport", death.CrashReport);
            json.WriteString("signature", death.Signature);
            json.WriteString("title", Head(death.Title, chars));
            json.WriteString("stdoutTail", Tail(death.StdoutTail, chars));
            json.WriteString("stderrTail", Tail(death.StderrTail, chars));
            json.WriteString("startedAt", death.StartedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("endedAt", death.EndedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("host", death.Host);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static string Head(string text, int chars) => text.Length <= chars ? text : text[..chars] + "…";

    private static string Tail(string text, int chars) => text.Length <= chars ? text : "…" + text[^chars..];

    private static string Text(JsonElement root, string name) => root.GetProperty(name).GetString() ?? throw new FormatException($"field '{name}' is null");

    private static string? Nullable(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
}
