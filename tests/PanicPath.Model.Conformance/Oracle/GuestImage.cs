using System.Diagnostics;

namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// The guest the oracle boots, built from files by <c>guest/build</c> into a fresh directory: Debian's
/// vmlinuz (the version <c>setup</c> unpacked), and a busybox initramfs with the test module built against
/// that kernel's headers. <see cref="Release"/> and <see cref="PackageVersion"/> name the guest kernel.
/// </summary>
public sealed record GuestImage(string Directory, string Kernel, string Initramfs, string Release, string PackageVersion)
{
    /// <summary>Where <c>setup</c> keeps the guest kernel: <c>$PANICPATH_ORACLE_CACHE</c>, default /var/cache/panicpath-oracle.</summary>
    public static string Cache => Environment.GetEnvironmentVariable("PANICPATH_ORACLE_CACHE") is { Length: > 0 } c ? c : "/var/cache/panicpath-oracle";

    /// <summary>The guest kernel as the table names it.</summary>
    public string Name => $"Debian linux-image-{Release} {PackageVersion}";

    /// <summary>
    /// Why the guest cannot be built on this machine, or null when it can. <c>PANICPATH_ORACLE=off</c> says
    /// the guests are not to be booted (a developer's quick run): the tests skip outside CI and fail in CI.
    /// </summary>
    public static string? Unmet()
    {
        if (Environment.GetEnvironmentVariable("PANICPATH_ORACLE") == "off")
        {
            return "PANICPATH_ORACLE=off: the oracle's guests are not booted";
        }

        if (!OperatingSystem.IsLinux())
        {
            return "the oracle boots Linux guests with QEMU on a Linux host";
        }

        if (!File.Exists(Path.Combine(Cache, "guest.env")))
        {
            return $"{Cache}/guest.env is missing: run tests/PanicPath.Model.Conformance/setup (as root) first";
        }

        foreach (var command in new[] { "qemu-system-x86_64", "make", "cpio", "kexec", "busybox" })
        {
            if (!OnPath(command))
            {
                return $"'{command}' is not on PATH: run tests/PanicPath.Model.Conformance/setup (as root) first";
            }
        }

        return null;
    }

    /// <summary>Builds the guest into <paramref name="directory"/> with <c>guest/build</c> from <paramref name="sources"/>.</summary>
    public static GuestImage Build(string sources, string directory)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(sources, "build"));
        start.ArgumentList.Add(directory);
        start.Environment["PANICPATH_ORACLE_CACHE"] = Cache;
        using var build = Process.Start(start) ?? throw new InvalidOperationException("cannot start guest/build");
        var stdout = build.StandardOutput.ReadToEndAsync();
        var stderr = build.StandardError.ReadToEndAsync();
        if (!build.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            build.Kill(entireProcessTree: true);
            throw new InvalidOperationException("guest/build took longer than 5 minutes");
        }

        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"guest/build failed ({build.ExitCode}): {stderr.Result.Trim()} {stdout.Result.Trim()}");
        }

        var version = File.ReadAllText(Path.Combine(directory, "guest-version")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new GuestImage(directory, Path.Combine(directory, "vmlinuz"), Path.Combine(directory, "initramfs.cpio"), version[0], version[1]);
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(d => File.Exists(Path.Combine(d, command)));
}
