using System.Globalization;
using System.Runtime.InteropServices;
using PanicPath.Supervisor.Channel;

namespace PanicPath.Supervisor.Launch;

/// <summary>
/// The supervisor's duties as PID 1 or as a child subreaper (Linux). At start it sets
/// <c>PR_SET_CHILD_SUBREAPER</c>, so a process of the app whose parent dies (an orphan) is re-parented
/// to the supervisor instead of to init and stays in its tree. On each SIGCHLD it reaps every dead
/// child except the children it launched itself: those belong to <see cref="System.Diagnostics.Process"/>,
/// which reaps them to read their exit status. It looks with <c>waitid(P_ALL, WEXITED|WNOHANG|WNOWAIT)</c>,
/// which consumes nothing, and reaps with <c>waitpid</c> only a pid that is not a launched child; when
/// the dead child in front is a launched one, it finds the others in the kernel's lists of its children
/// (<see cref="ProcessTree.ChildrenOf"/>; where there are none, through every process in <c>/proc</c>). While a launch
/// is in progress (its pid not yet known) it reaps nothing and tries again when the launch is known.
/// When a life ends, orphans still running are sent SIGTERM, given the grace period, then SIGKILL, and
/// reaped; the hang watchdog kills them at once with SIGKILL. The setting is process-wide: only a
/// process whose own children are the ones the supervisor launches (as <c>panicpath run</c>) should
/// start one. Dispose to stop reaping and clear the subreaper flag.
/// <para>
/// Why the runtime does not do it: System.Native's SIGCHLD handling reaps only the children
/// <see cref="System.Diagnostics.Process"/> started; an unknown dead child makes it fall back to
/// checking each of its own, and stays a zombie. Only as PID 1 does the runtime also reap every child;
/// reaping here as well is then harmless (whoever is first reaps, the other finds nothing).
/// </para>
/// </summary>
public sealed partial class Subreaper : IDisposable
{
    private const int PrSetChildSubreaper = 36;
    private const int PAll = 0;
    private const int WNoHang = 1;
    private const int WExited = 4;
    private const int WNoWait = 0x01000000;
    private const int WAll = 0x40000000;
    private const int EIntr = 4;
    private const int EChild = 10;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private readonly Lock gate = new();
    private readonly HashSet<int> launched = [];
    private readonly PosixSignalRegistration childSignal;
    private readonly TimeSpan orphanGrace;
    private readonly TextWriter error;
    private readonly int self = Environment.ProcessId;
    private int launching;
    private long reaped;

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private Subreaper(TimeSpan orphanGrace, TextWriter error)
    {
        this.orphanGrace = orphanGrace;
        this.error = error;
        childSignal = PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => Reap());
    }

    /// <summary>True where a process can be a subreaper (Linux).</summary>
    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>Orphans reaped so far.</summary>
    public long Reaped => Interlocked.Read(ref reaped);

    /// <summary>
    /// Makes this process the subreaper of its descendants and starts reaping. <paramref name="orphanGrace"/>
    /// is how long orphans left running when a life ends have between SIGTERM and SIGKILL. Off Linux: null.
    /// </summary>
    public static Subreaper? Start(TimeSpan orphanGrace, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        if (Environment.ProcessId != 1 && Prctl(PrSetChildSubreaper, 1, 0, 0, 0) != 0)
        {
            Note(error, $"panicpath: cannot become a child subreaper (errno {Marshal.GetLastPInvokeError()}); orphans of the app leave the supervisor's tree");
        }

        var reaper = new Subreaper(orphanGrace, error);
        reaper.Reap();
        return reaper;
    }

    /// <summary>Announces a launch: until <see cref="Launch.Started"/> or disposal, nothing is reaped (the new pid is not yet known).</summary>
    public Launch BeginLaunch()
    {
        lock (gate)
        {
            launching++;
        }

        return new Launch(this);
    }

    /// <summary>
    /// The living processes in the supervisor's tree that are not a launched child or below one: the
    /// orphans of the app.
    /// </summary>
    public IReadOnlyList<int> Orphans()
    {
        if (HasNoChild())
        {
            // No child at all (the usual end of a life): no descendant either, and no list to read.
            return [];
        }

        HashSet<int> exclude;
        lock (gate)
        {
            exclude = [.. launched];
        }

        return ProcessTree.LiveDescendantsOf(self, exclude);
    }

    /// <summary>Sends SIGKILL to every orphan until none is left running, then reaps them; answers how many were killed.</summary>
    public async Task<int> KillOrphansAsync()
    {
        var killed = new HashSet<int>();
        for (var round = 0; round < 1000 && Orphans() is { Count: > 0 } orphans; round++)
        {
            foreach (var pid in orphans)
            {
                if (PosixSignals.Send(pid, PosixSignals.SigKill))
                {
                    killed.Add(pid);
                }
            }

            await Task.Delay(Poll).ConfigureAwait(false);
            Reap();
        }

        Reap();
        return killed.Count;
    }

    /// <summary>
    /// When a life has ended: orphans still running get SIGTERM, then SIGKILL once the grace period is
    /// over, and are reaped; each step is noted.
    /// </summary>
    public async Task EndLifeAsync()
    {
        var orphans = Orphans();
        if (orphans.Count == 0)
        {
            Reap();
            return;
        }

        Note(error, string.Create(CultureInfo.InvariantCulture, $"panicpath: {orphans.Count} orphaned process(es) of the app still running ({string.Join(' ', orphans)}): SIGTERM, SIGKILL after {orphanGrace.TotalSeconds:0.###} s"));
        foreach (var pid in orphans)
        {
            PosixSignals.Send(pid, PosixSignals.SigTerm);
        }

        var deadline = DateTime.UtcNow + orphanGrace;
        while (DateTime.UtcNow < deadline && Orphans().Count > 0)
        {
            await Task.Delay(Poll).ConfigureAwait(false);
            Reap();
        }

        if (await KillOrphansAsync().ConfigureAwait(false) is var killed and > 0)
        {
            Note(error, string.Create(CultureInfo.InvariantCulture, $"panicpath: {killed} orphaned process(es) outlived SIGTERM: killed"));
        }
    }

    /// <summary>Reaps every dead child that is not a launched child; does nothing while a launch is in progress.</summary>
    public void Reap()
    {
        lock (gate)
        {
            if (launching > 0)
            {
                return;
            }

            for (var round = 0; round < 100_000 && PeekDead() is var pid and > 0; round++)
            {
                if (launched.Contains(pid))
                {
                    // Process reaps this one; look past it through /proc.
                    ReapDeadChildrenExceptLaunched();
                    return;
                }

                ReapOne(pid);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        childSignal.Dispose();
        if (Environment.ProcessId != 1)
        {
            _ = Prctl(PrSetChildSubreaper, 0, 0, 0, 0);
        }
    }

    private void ReapDeadChildrenExceptLaunched()
    {
        if (ProcessTree.ChildrenOf(self) is { } children)
        {
            foreach (var pid in children)
            {
                if (!launched.Contains(pid))
                {
                    // A living child answers 0 and stays; a dead one is reaped.
                    ReapOne(pid);
                }
            }

            return;
        }

        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateDirectories("/proc").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var entry in entries)
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && !launched.Contains(pid)
                && ProcessTree.ParentOf(pid) == self)
            {
                // A living child answers 0 and stays; a dead one is reaped.
                ReapOne(pid);
            }
        }
    }

    private void ReapOne(int pid)
    {
        int result;
        do
        {
            result = WaitPid(pid, out _, WNoHang);
        }
        while (result < 0 && Marshal.GetLastPInvokeError() == EIntr);

        if (result > 0)
        {
            Interlocked.Increment(ref reaped);
        }
    }

    /// <summary>
    /// True when this process has no child at all, living, stopped or dead and not yet reaped, whatever
    /// signal it sends at its exit (<c>waitid(P_ALL, WEXITED|WNOHANG|WNOWAIT|__WALL)</c> answers ECHILD):
    /// then it has no descendant either, since an orphan is re-parented before its parent's death is seen.
    /// False on any other answer, and off Linux.
    /// </summary>
    internal static unsafe bool HasNoChild()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var info = stackalloc byte[128];
        int result;
        do
        {
            result = WaitId(PAll, 0, info, WExited | WNoHang | WNoWait | WAll);
        }
        while (result < 0 && Marshal.GetLastPInvokeError() == EIntr);

        return result < 0 && Marshal.GetLastPInvokeError() == EChild;
    }

    private static unsafe int PeekDead()
    {
        // siginfo_t is 128 bytes; on Linux (64-bit) si_pid is at offset 16.
        var info = stackalloc byte[128];
        new Span<byte>(info, 128).Clear();
        int result;
        do
        {
            result = WaitId(PAll, 0, info, WExited | WNoHang | WNoWait);
        }
        while (result < 0 && Marshal.GetLastPInvokeError() == EIntr);

        return result == 0 ? *(int*)(info + 16) : 0;
    }

    private void Launched(int pid)
    {
        lock (gate)
        {
            launched.Add(pid);
            launching--;
        }

        Reap();
    }

    private void Ended(int pid, bool started)
    {
        lock (gate)
        {
            if (started)
            {
                launched.Remove(pid);
            }
            else
            {
                launching--;
            }
        }

        Reap();
    }

    private static void Note(TextWriter error, string line)
    {
        try
        {
            // The child's output is copied to the same writer under this lock.
            lock (error)
            {
                error.WriteLine(line);
                error.Flush();
            }
        }
        catch (IOException)
        {
            // The supervisor's error stream is gone.
        }
    }

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "waitid", SetLastError = true)]
    private static unsafe partial int WaitId(int idType, uint id, byte* info, int options);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPid(int pid, out int status, int options);

    /// <summary>
    /// One launch of a child: <see cref="Started"/> names its pid (reaped by <see cref="System.Diagnostics.Process"/>,
    /// never here); dispose once <see cref="System.Diagnostics.Process"/> has seen it exit (or the start failed).
    /// </summary>
    public sealed class Launch : IDisposable
    {
        private readonly Subreaper owner;
        private int pid;
        private int state;

        internal Launch(Subreaper owner) => this.owner = owner;

        /// <summary>The launched child's pid.</summary>
        public void Started(int childPid)
        {
            if (Interlocked.CompareExchange(ref state, 1, 0) == 0)
            {
                pid = childPid;
                owner.Launched(childPid);
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            var was = Interlocked.Exchange(ref state, 2);
            if (was != 2)
            {
                owner.Ended(pid, started: was == 1);
            }
        }
    }
}
