using System.Globalization;
using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.LastWords;

/// <summary>One line naming a death for a status field: the record's id when stored, its cause, exit code and signal, and its title (on one line, at most <see cref="MaxTitle"/> characters of it).</summary>
public static class DeathSummary
{
    /// <summary>The most characters of the title the line keeps.</summary>
    public const int MaxTitle = 400;

    /// <summary><c>died: unhandled-exception, exit code 134 (SIGABRT): System.InvalidOperationException: boom (record 12)</c>.</summary>
    public static string OneLine(DeathRecord death)
    {
        ArgumentNullException.ThrowIfNull(death);
        var title = Clip(death.Title);
        var signal = death.Signal is null ? string.Empty : $" ({death.Signal})";
        var record = death.Id > 0 ? string.Create(CultureInfo.InvariantCulture, $" (record {death.Id})") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"died: {death.Cause}, exit code {death.ExitCode}{signal}: {title}{record}");
    }

    /// <summary><paramref name="text"/> on one line, cut to <see cref="MaxTitle"/> characters (never inside a surrogate pair) with <c>...</c> when longer.</summary>
    internal static string Clip(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= MaxTitle ? line : line[..(char.IsHighSurrogate(line[MaxTitle - 1]) ? MaxTitle - 1 : MaxTitle)] + "...";
    }
}
