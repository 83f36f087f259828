using System.Globalization;

namespace PanicPath.Supervisor.Channel;

/// <summary>
/// Whether a process descends from another, by walking its parent chain in <c>/proc/&lt;pid&gt;/stat</c>
/// (Linux). A process that cannot be read (gone, or no <c>/proc</c>) is not in the tree.
/// </summary>
internal static class ProcessTree
{
    private const int MaxDepth = 4096;

    /// <summary>True when <paramref name="pid"/> is <paramref name="root"/> or one of its descendants.</summary>
    internal static bool IsWithin(int pid, int root)
    {
        var current = pid;
        for (var depth = 0; depth < MaxDepth && current > 0; depth++)
        {
            if (current == root)
            {
                return true;
            }

            if (current == 1 || ParentOf(current) is not { } parent)
            {
                return false;
            }

            current = parent;
        }

        return false;
    }

    /// <summary>The parent pid of <paramref name="pid"/>, or null when it cannot be read.</summary>
    internal static int? ParentOf(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null;
    }
}
