namespace PanicPath.Supervisor.Tests.Support;

/// <summary>
/// What a test needs from the machine (root, a command, a server): outside CI a missing need skips the
/// test with the reason printed; with <c>CI=true</c> the test fails with the same reason, so CI never
/// passes a test that did not run.
/// </summary>
internal static class Requirement
{
    /// <summary>True when the tests run under continuous integration (<c>CI=true</c>).</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (outside CI) or fails (in CI) the running test with <paramref name="reason"/>; never returns.</summary>
    public static T Unmet<T>(string reason)
    {
        if (IsCi)
        {
            Assert.Fail("CI=true and this test cannot run: " + reason);
        }

        Assert.Skip(reason);
        return default!;
    }

    /// <summary>Skips (outside CI) or fails (in CI) the running test with <paramref name="reason"/>; never returns.</summary>
    public static void Unmet(string reason) => Unmet<object>(reason);

    /// <summary>The test needs to run as root (uid 0).</summary>
    public static void Root(string why)
    {
        if (OperatingSystem.IsWindows() || GetUid() != 0)
        {
            Unmet($"needs root: {why}");
        }
    }

    /// <summary>The full path of <paramref name="command"/> on PATH; the test needs it.</summary>
    public static string Command(string command, string why)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Unmet<string>($"needs '{command}' on PATH: {why}");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getuid")]
    private static extern uint GetUid();
}
