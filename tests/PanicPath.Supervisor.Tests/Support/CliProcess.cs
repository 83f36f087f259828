using System.Diagnostics;

namespace PanicPath.Supervisor.Tests.Support;

/// <summary>Runs <c>panicpath</c> (<see cref="Crasher.Cli"/>) as a child process with extra environment, for what the command reads from its own environment.</summary>
internal static class CliProcess
{
    public static async Task<(int Exit, string Out, string Err)> Run(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var cli = Crasher.Cli;
        var (_, exit, output, error) = await RunProgram(cli[0], [.. cli[1..], .. args], environment);
        return (exit, output, error);
    }

    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/> and extra environment; answers the pid it started, its exit code and output.</summary>
    public static async Task<(int Pid, int Exit, string Out, string Err)> RunProgram(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.Id, process.ExitCode, await output, await error);
    }

    /// <summary><c>panicpath run --data DATA --dumps DUMPS --dump-type 1 [extra] -- dotnet Crashers.dll MODE</c> as a child process.</summary>
    public static Task<(int Exit, string Out, string Err)> RunCrasher(IReadOnlyDictionary<string, string?> environment, TempDirectory temp, string mode, params string[] extra) =>
        Run(environment, ["run", "--data", temp.Sub("data"), "--dumps", temp.Sub("dumps"), "--dump-type", "1", .. extra, "--", Crasher.Dotnet, Crasher.Dll, mode]);
}
