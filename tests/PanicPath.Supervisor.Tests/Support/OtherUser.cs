using System.Diagnostics;

namespace PanicPath.Supervisor.Tests.Support;

/// <summary>
/// Another local user (<c>nobody</c>, uid 65534) for tests of what the supervisor refuses: files handed
/// over to it with <c>chown</c>, and commands run as it through <c>setpriv</c>. Needs root: skipped with
/// the reason outside CI, failed in CI.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class OtherUser
{
    public const int Uid = 65534;

    /// <summary>The test needs root (to hand files over and switch users) and <c>setpriv</c>.</summary>
    public static void Require(string why)
    {
        Requirement.Root(why);
        Requirement.Command("setpriv", why);
    }

    /// <summary>Makes uid 65534 (group 65534) the owner of <paramref name="path"/> itself (a link is not followed).</summary>
    public static void Give(string path)
    {
        var (exit, said) = Run("/usr/bin/chown", ["--no-dereference", $"{Uid}:{Uid}", path]);
        Assert.True(exit == 0, $"chown {path}: {said}");
    }

    /// <summary>
    /// Runs <paramref name="program"/> as uid 65534 with no supplementary groups (a null value in
    /// <paramref name="environment"/> removes the variable); answers its exit code and output (stdout then stderr).
    /// </summary>
    public static (int Exit, string Said) RunAs(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        Run("/usr/bin/setpriv", [$"--reuid={Uid}", $"--regid={Uid}", "--clear-groups", program, .. arguments], environment);

    private static (int Exit, string Said) Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }
}
