using System.Text.RegularExpressions;

namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// Reads what a guest did from outside it: the serial console (the test module's <c>PPO:</c> markers, the
/// kernel's own panic lines, the crash kernel's and the second boot's lines) and QEMU's QMP events
/// (<c>GUEST_PANICKED</c> or <c>GUEST_CRASHLOADED</c> from pvpanic, <c>RESET</c> from the emergency restart).
/// </summary>
public static partial class SerialLog
{
    /// <summary>The end written when the guest stopped talking without reaching any end.</summary>
    public const string Hung = PathRecord.Hang;

    [GeneratedRegex(@"^(?:\[\s*\d+\.\d+\]\s)?PPO: (.*)$")]
    private static partial Regex Marker();

    /// <summary>Reads <paramref name="serial"/> (the whole console output) with the QMP events seen.</summary>
    public static PathRecord Read(string serial, IReadOnlyCollection<string> qmpEvents)
    {
        var order = new List<string>();
        var pstore = new List<string>();
        string? end = null;
        var boots = 0;
        foreach (var raw in serial.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Contains("] Linux version ", StringComparison.Ordinal))
            {
                boots++;
                continue;
            }

            if (boots == 1 && line.Contains("---[ end Kernel panic - not syncing", StringComparison.Ordinal))
            {
                end ??= PathRecord.EndOfPanic;
                continue;
            }

            if (boots == 1 && line.Contains("Kernel panic - not syncing: ", StringComparison.Ordinal))
            {
                order.Add("panic-entry");
                continue;
            }

            var m = Marker().Match(line);
            if (!m.Success)
            {
                continue;
            }

            var words = m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            switch (words[0])
            {
                case "die" or "panic" when words.Length == 2 && boots == 1:
                    order.Add($"{words[0]}:{words[1]}");
                    break;
                case "dump" when words.Length == 3 && boots == 1:
                    order.Add($"dump:{words[1]}:{words[2]}");
                    break;
                case "crash_shutdown" when boots == 1:
                    order.Add("crash_shutdown");
                    break;
                case "event" when words.Length == 2 && boots == 1:
                    order.Add(words[1]);
                    break;
                case "survived" when boots == 1:
                    end ??= PathRecord.EndOfOops;
                    break;
                case "crash" when words.Length >= 3 && words[1] == "kernel" && words[2] == "booted":
                    end = PathRecord.Kdump;
                    break;
                case "pstore" when words.Length >= 3:
                    // "PPO: pstore dmesg-ramoops-0 Panic#1 Part1"
                    pstore.Add(words[2].Split('#')[0]);
                    break;
            }
        }

        if (end != PathRecord.Kdump && qmpEvents.Contains("RESET"))
        {
            end = PathRecord.Restart;
        }

        var pvpanic = qmpEvents.Contains("GUEST_CRASHLOADED") ? PathRecord.CrashLoaded
            : qmpEvents.Contains("GUEST_PANICKED") ? PathRecord.Panicked
            : PathRecord.NotRun;
        return new PathRecord(order, end ?? Hung, pvpanic, pstore);
    }
}
