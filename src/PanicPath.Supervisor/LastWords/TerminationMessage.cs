using System.Globalization;
using System.Text;
using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.LastWords;

/// <summary>
/// The plain-text summary of a death that Kubernetes shows as the container's termination message:
/// the title first, then the cause, exit code and signal, the record id, run and pid, the signature,
/// the command, the dump and crash report when written, and the first lines of the exception and its
/// stack (<see cref="DeathException"/>). At most <see cref="MaxBytes"/> bytes of UTF-8, cut between
/// characters, never inside one; a cut message ends with <see cref="TruncationMark"/>.
/// </summary>
public static class TerminationMessage
{
    /// <summary>Kubernetes keeps at most this many bytes of a termination message.</summary>
    public const int MaxBytes = 4096;

    /// <summary>Ends a message that was cut to fit.</summary>
    public const string TruncationMark = "\n[truncated]\n";

    /// <summary>The message for <paramref name="death"/>, as UTF-8 bytes, at most <see cref="MaxBytes"/>.</summary>
    public static byte[] Format(DeathRecord death)
    {
        ArgumentNullException.ThrowIfNull(death);
        var exception = DeathException.Of(death);
        var text = new StringBuilder();
        text.Append(death.Title).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"cause: {death.Cause}, exit code {death.ExitCode}{(death.Signal is null ? string.Empty : $" ({death.Signal})")}\n");
        text.Append(CultureInfo.InvariantCulture, $"record: {(death.Id > 0 ? death.Id.ToString(CultureInfo.InvariantCulture) : "not stored")}, run {death.RunId} attempt {death.Attempt}, pid {death.Pid}\n");
        text.Append(CultureInfo.InvariantCulture, $"signature: {death.Signature}\n");
        text.Append(CultureInfo.InvariantCulture, $"command: {death.Command}\n");
        if (death.Dump is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"dump: {death.Dump}\n");
        }

        if (death.CrashReport is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"crash report: {death.CrashReport}\n");
        }

        text.Append('\n').Append(exception.StackTrace).Append('\n');
        return Bound(text.ToString(), MaxBytes);
    }

    /// <summary>
    /// <paramref name="text"/> as UTF-8 when it fits in <paramref name="maxBytes"/>; else as many whole
    /// characters as fit with <see cref="TruncationMark"/> after them.
    /// </summary>
    public static byte[] Bound(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        if (utf8.GetByteCount(text) <= maxBytes)
        {
            return utf8.GetBytes(text);
        }

        var budget = maxBytes - utf8.GetByteCount(TruncationMark);
        ArgumentOutOfRangeException.ThrowIfNegative(budget, nameof(maxBytes));
        var kept = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget)
            {
                break;
            }

            used += rune.Utf8SequenceLength;
            kept.Append(rune.ToString());
        }

        return utf8.GetBytes(kept.Append(TruncationMark).ToString());
    }
}
