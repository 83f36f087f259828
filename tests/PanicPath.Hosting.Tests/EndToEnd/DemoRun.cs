using System.Diagnostics;
using PanicPath.Reports;

namespace PanicPath.Hosting.Tests.EndToEnd;

/// <summary>
/// Runs <c>CrashDemo</c> as a child process with its own spool directory, and collects exit code,
/// standard output lines, standard error and the spooled reports. Timeouts are generous: they only
/// stop a run that would otherwise hang the test, and no test asserts a duration.
/// </summary>
internal sealed class DemoRun : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private readonly Process process;
    private readonly List<string> output = [];
    private readonly System.Text.StringBuilder error = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DemoRun(string mode, IReadOnlyDictionary<string, string>? environment, bool readError)
    {
        Spool = Path.Combine(Path.GetTempPath(), "panicpath-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Spool);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CrashDemo.dll"));
        info.ArgumentList.Add(mode);
        info.Environment["PANICPATH_SPOOL"] = Spool;
        info.Environment.Remove("DOTNET_DbgEnableMiniDump");
        info.Environment.Remove("COMPlus_DbgEnableMiniDump");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(e.Data);
            }

            if (e.Data == "ready")
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
            {
                error.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        if (readError)
        {
            process.BeginErrorReadLine();
        }
    }

    internal string Spool { get; }

    internal int ProcessId => process.Id;

    internal IReadOnlyList<string> Output
    {
        get
        {
            lock (output)
            {
                return [.. output];
            }
        }
    }

    internal string Error
    {
        get
        {
            lock (error)
            {
                return error.ToString();
            }
        }
    }

    internal int ExitCode => process.ExitCode;

    /// <summary>The lines printed by notifiers, in order.</summary>
    internal IReadOnlyList<string> NotifierLines => [.. Output.Where(l => l.StartsWith("notifier ", StringComparison.Ordinal))];

    /// <summary>Starts <paramref name="mode"/>; with <paramref name="readError"/> false its stderr pipe is never read and fills up.</summary>
    internal static DemoRun Start(string mode, IReadOnlyDictionary<string, string>? environment = null, bool readError = true) =>
        new(mode, environment, readError);

    /// <summary>Runs <paramref name="mode"/> to its end.</summary>
    internal static DemoRun Complete(string mode, IReadOnlyDictionary<string, string>? environment = null)
    {
        var run = Start(mode, environment);
        run.WaitForExit();
        return run;
    }

    internal void WaitForReady() =>
        Assert.True(ready.Task.Wait(Limit), $"the demo never printed 'ready'. stderr: {Error}");

    internal void WaitForExit()
    {
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the demo did not exit. stdout: {string.Join('\n', Output)} stderr: {Error}");
        }

        process.WaitForExit(); // drains the redirected streams being read
    }

    internal string[] ReportFiles() => Directory.GetFiles(Spool, "*.json");

    internal CrashReport SingleReport()
    {
        var file = Assert.Single(ReportFiles());
        Assert.Empty(Directory.GetFiles(Spool, "*.tmp"));
        return CrashReport.Parse(File.ReadAllBytes(file));
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
        Directory.Delete(Spool, recursive: true);
    }
}
