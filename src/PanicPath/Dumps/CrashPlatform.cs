namespace PanicPath.Dumps;

/// <summary>
/// An operating system as the dump step sees it: whether it offers a crash-shutdown stage in which
/// crash-shutdown hooks run before the dump (x86's <c>machine_ops.crash_shutdown</c>). PanicPath runs
/// crash-shutdown hooks on Linux and Windows; macOS has none, as arm64 has none in the kernel, so a
/// release left to a hook never happens there. The plan verifier walks <see cref="All"/>.
/// </summary>
public sealed record CrashPlatform(string Name, bool HasCrashShutdownHooks)
{
    /// <summary>Linux: crash-shutdown hooks run.</summary>
    public static CrashPlatform Linux { get; } = new("linux", true);

    /// <summary>Windows: crash-shutdown hooks run.</summary>
    public static CrashPlatform Windows { get; } = new("windows", true);

    /// <summary>macOS: no crash-shutdown stage.</summary>
    public static CrashPlatform MacOS { get; } = new("macos", false);

    /// <summary>Every platform the verifier walks.</summary>
    public static IReadOnlyList<CrashPlatform> All { get; } = [Linux, Windows, MacOS];

    /// <summary>The platform this process runs on (an unknown OS counts as one without hooks).</summary>
    public static CrashPlatform Current { get; } =
        OperatingSystem.IsLinux() ? Linux
        : OperatingSystem.IsWindows() ? Windows
        : OperatingSystem.IsMacOS() ? MacOS
        : new CrashPlatform(System.Runtime.InteropServices.RuntimeInformation.OSDescription, false);

    /// <inheritdoc />
    public override string ToString() => Name;
}
