using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace PanicPath.Supervisor.Tests.Support;

/// <summary>
/// <c>panicpath run --data DATA --dump-type 1 [args]</c> as a real process (optionally behind a prefix
/// such as <c>unshare --pid --fork --mount-proc</c>): its standard output read line by line as it
/// comes, its standard error kept whole, signals sent to the supervisor itself, and the process tree
/// read from <c>/proc</c>. Disposal kills whatever is left.
/// </summary>
internal sealed class SupervisorProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly Process process;
    private readonly Channel<string> lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
    private readonly StringBuilder error = new();
    private readonly Task errorDone;
    private readonly List<int> tracked = [];

    private SupervisorProcess(Process process)
    {
        this.process = process;
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                await lines.Writer.WriteAsync(line);
            }

            lines.Writer.Complete();
        });
        errorDone = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (error)
                {
                    error.AppendLine(line);
                }
            }
        });
    }

    /// <summary>The pid of the process started (the prefix when there is one).</summary>
    public int Pid => process.Id;

    /// <summary>The supervisor's standard error so far.</summary>
    public string Error
    {
        get
        {
            lock (error)
            {
                return error.ToString();
            }
        }
    }

    public static SupervisorProcess Start(TempDirectory temp, string[] runArguments, IReadOnlyDictionary<string, string?>? environment = null, string[]? prefix = null)
    {
        string[] cli = [.. Crasher.Cli, "run", "--data", temp.Sub("data"), "--dump-type", "1", .. runArguments];
        string[] all = [.. prefix ?? [], .. cli];
        var start = new ProcessStartInfo(all[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in all[1..])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        return new SupervisorProcess(Process.Start(start)!);
    }

    /// <summary>The next line of standard output that starts with <paramref name="prefix"/>; fails when output ends first.</summary>
    public async Task<string> LineStartingWith(string prefix)
    {
        while (await lines.Reader.ReadAsync().AsTask().WaitAsync(Patience) is var line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    /// <summary>The number after <paramref name="prefix"/> on the next line that starts with it.</summary>
    public async Task<int> NumberAfter(string prefix) =>
        int.Parse((await LineStartingWith(prefix))[prefix.Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Remembers a process of the test (an orphan) to kill on disposal if a failed test left it running; answers <paramref name="pid"/>.</summary>
    public int Track(int pid)
    {
        tracked.Add(pid);
        return pid;
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>.</summary>
    public static void Send(int pid, int signal) => Assert.Equal(0, Kill(pid, signal));

    /// <summary>Waits for the process to exit; answers its exit code once its standard error is read.</summary>
    public async Task<int> ExitCode()
    {
        await process.WaitForExitAsync().WaitAsync(Patience);
        await errorDone.WaitAsync(Patience);
        return process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Gone meanwhile.
        }

        process.Dispose();
        foreach (var pid in tracked.Where(IsAlive))
        {
            _ = Kill(pid, 9);
        }
    }

    /// <summary>The value of field <paramref name="name"/> in <c>/proc/PID/status</c>, or null when the process is gone.</summary>
    public static string? Status(int pid, string name)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>True while <c>/proc/PID</c> exists, zombies included (a zombie is a dead child nobody reaped).</summary>
    public static bool Exists(int pid) => Directory.Exists($"/proc/{pid}");

    /// <summary>True when the process runs: it exists and is not a zombie.</summary>
    public static bool IsAlive(int pid) => Status(pid, "State") is { } state && !state.StartsWith('Z');

    /// <summary>Polls <paramref name="condition"/> until it holds or two minutes pass; answers whether it held.</summary>
    public static async Task<bool> Eventually(Func<bool> condition)
    {
        var limit = Stopwatch.StartNew();
        while (!condition())
        {
            if (limit.Elapsed > Patience)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>The pids of the children of <paramref name="pid"/>, from <c>/proc/*/status</c>.</summary>
    public static List<int> ChildrenOf(int pid) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0)
            .Where(p => p > 0 && Status(p, "PPid") == pid.ToString(CultureInfo.InvariantCulture))];

    /// <summary>
    /// The pid seen from here of the process that is <paramref name="innerPid"/> in the PID namespace of
    /// <paramref name="anyInside"/> (the last field of <c>NSpid</c>).
    /// </summary>
    public static int? HostPid(int anyInside, int innerPid)
    {
        var namespaceLink = new FileInfo($"/proc/{anyInside}/ns/pid").LinkTarget;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (Status(pid, "NSpid")?.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } ids
                    && ids[^1] == innerPid.ToString(CultureInfo.InvariantCulture)
                    && new FileInfo($"/proc/{pid}/ns/pid").LinkTarget == namespaceLink)
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }

        return null;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
