using PanicPath.Cli;

namespace PanicPath.Supervisor.Tests.Support;

/// <summary>Runs the <c>panicpath</c> command in-process and captures its streams.</summary>
internal static class CliRun
{
    public static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await PanicPathCommand.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary><c>panicpath run --data DATA --dumps DUMPS --dump-type 1 [extra] -- dotnet Crashers.dll MODE</c>.</summary>
    public static Task<(int Exit, string Out, string Err)> RunCrasher(TempDirectory temp, string mode, params string[] extra) =>
        Run(["run", "--data", temp.Sub("data"), "--dumps", temp.Sub("dumps"), "--dump-type", "1", .. extra, "--", Crasher.Dotnet, Crasher.Dll, mode]);
}
