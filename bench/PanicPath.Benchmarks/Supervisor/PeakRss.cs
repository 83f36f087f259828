using System.Diagnostics;
using System.Globalization;

namespace PanicPath.Benchmarks.Supervisor;

/// <summary>
/// Peak resident set size of a command's process tree, by GNU time (<c>/usr/bin/time -f %M</c>): the
/// maximum RSS the kernel reports for the command when it is reaped (its own, or its largest waited-for
/// descendant's), in KiB. GNU time is a small native parent, so the figure is not inflated by the
/// parent's own memory, as it would be from a forking .NET process.
/// </summary>
internal static class PeakRss
{
    public const string Time = "/usr/bin/time";

    /// <summary>Runs the command once under GNU time and answers its peak RSS in KiB.</summary>
    public static long Measure(string command, IReadOnlyList<string> arguments)
    {
        if (!File.Exists(Time))
        {
            throw new InvalidOperationException($"The peak-RSS column needs GNU time at {Time} (Debian/Ubuntu package 'time').");
        }

        var figure = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(Time) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-f", "%M", "-o", figure, command }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var text = File.ReadAllText(figure).Trim();
            return long.TryParse(text.Split('\n')[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var kib)
                ? kib
                : throw new InvalidOperationException($"{Time} gave no figure for {command} (exit {process.ExitCode}): {text} {error.Result}");
        }
        finally
        {
            File.Delete(figure);
        }
    }
}
