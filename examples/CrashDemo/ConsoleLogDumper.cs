using System.Text;
using PanicPath.Logging;

namespace CrashDemo;

/// <summary>A log dumper that prints the reason, the number of lines it received and the last one.</summary>
internal sealed class ConsoleLogDumper() : LogDumper("console", LogDumpReason.Shutdown, 2048)
{
    protected override void Dump(LogDumpReason reason, ReadOnlySpan<byte> youngestLines)
    {
        var text = Encoding.UTF8.GetString(youngestLines);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Say.Line($"log-dump {reason} lines={lines.Length} last={(lines.Length == 0 ? string.Empty : lines[^1][(lines[^1].IndexOf(' ') + 1)..])}");
    }
}
