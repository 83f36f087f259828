using System.Globalization;

namespace PanicPath.Supervisor.Channel;

/// <summary>
/// The process tree as <c>/proc</c> shows it (Linux): whether a process descends from another by walking
/// its parent chain (<c>/proc/&lt;pid&gt;/stat</c>), whether a process still runs, the children of a
/// process as the kernel lists them (<c>/proc/&lt;pid&gt;/task/&lt;tid&gt;/children</c>), and its living
/// descendants by walking those lists down from it, which reads only the processes below it; where the
/// kernel keeps no such lists (built without <c>CONFIG_PROC_CHILDREN</c>), by one pass over every
/// <c>/proc/&lt;pid&gt;/stat</c>. A process that cannot be read (gone, or no <c>/proc</c>) is not in the tree.
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

    /// <summary>
    /// True while <paramref name="pid"/> runs: it exists and has not died (a zombie has). Without
    /// <c>/proc</c>, whether the system still knows the process.
    /// </summary>
    internal static bool IsRunning(int pid)
    {
        if (Directory.Exists("/proc/self"))
        {
            return StatOf(pid) is { State: not ('Z' or 'X') };
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>The parent pid of <paramref name="pid"/>, or null when it cannot be read.</summary>
    internal static int? ParentOf(int pid) => StatOf(pid)?.Parent;

    /// <summary>
    /// The descendants of <paramref name="root"/> that have not yet died (zombies are left out), leaving
    /// out each pid in <paramref name="excluded"/> with everything below it.
    /// </summary>
    internal static List<int> LiveDescendantsOf(int root, IReadOnlySet<int> excluded)
    {
        if (ChildrenOf(root) is not { } first)
        {
            return LiveDescendantsByScan(root, excluded);
        }

        var found = new List<int>();
        var seen = new HashSet<int> { root };
        var pending = new Stack<List<int>>();
        pending.Push(first);
        while (pending.Count > 0 && found.Count < MaxDepth * 16)
        {
            foreach (var child in pending.Pop())
            {
                if (excluded.Contains(child) || !seen.Add(child))
                {
                    continue;
                }

                // A zombie has died (and has no children left: they went to a subreaper or init).
                if (StatOf(child) is { State: not ('Z' or 'X') })
                {
                    found.Add(child);
                    if (ChildrenOf(child) is { Count: > 0 } below)
                    {
                        pending.Push(below);
                    }
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The children of <paramref name="pid"/> (living and zombies), from the kernel's list of each of its
    /// threads (a child belongs to the thread that forked it, or to any thread of a subreaper it was
    /// re-parented to); an empty list for a process that is gone; null where the kernel keeps no such lists.
    /// </summary>
    internal static List<int>? ChildrenOf(int pid)
    {
        var tasks = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task";
        string[] threads;
        try
        {
            threads = Directory.GetDirectories(tasks);
        }
        catch (DirectoryNotFoundException)
        {
            return Directory.Exists("/proc/self/task") ? [] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var children = new List<int>();
        foreach (var thread in threads)
        {
            string list;
            try
            {
                list = File.ReadAllText(Path.Combine(thread, "children"));
            }
            catch (FileNotFoundException)
            {
                // The thread ended meanwhile, or this kernel keeps no lists: /proc/self's first thread tells.
                if (!File.Exists($"/proc/self/task/{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}/children"))
                {
                    return null;
                }

                continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var part in list.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var child))
                {
                    children.Add(child);
                }
            }
        }

        return children;
    }

    /// <summary><see cref="LiveDescendantsOf"/> by one pass over every <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    internal static List<int> LiveDescendantsByScan(int root, IReadOnlySet<int> excluded)
    {
        var children = new Dictionary<int, List<int>>();
        var zombies = new HashSet<int>();
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateDirectories("/proc").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        foreach (var entry in entries)
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || StatOf(pid) is not { } stat)
            {
                continue;
            }

            if (stat.State is 'Z' or 'X')
            {
                zombies.Add(pid);
            }

            if (!children.TryGetValue(stat.Parent, out var list))
            {
                children[stat.Parent] = list = [];
            }

            list.Add(pid);
        }

        var found = new List<int>();
        var pending = new Stack<int>();
        pending.Push(root);
        while (pending.Count > 0 && found.Count < MaxDepth * 16)
        {
            if (!children.TryGetValue(pending.Pop(), out var below))
            {
                continue;
            }

            foreach (var child in below)
            {
                if (child == root || excluded.Contains(child))
                {
                    continue;
                }

                if (!zombies.Contains(child))
                {
                    found.Add(child);
                }

                pending.Push(child);
            }
        }

        return found;
    }

    /// <summary>The state letter and parent pid of <paramref name="pid"/>, or null when it cannot be read.</summary>
    private static (char State, int Parent)? StatOf(int pid)
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
        return fields.Length > 1 && fields[0].Length == 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            ? (fields[0][0], parent)
            : null;
    }
}
