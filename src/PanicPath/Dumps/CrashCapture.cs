namespace PanicPath.Dumps;

/// <summary>
/// Whether crash capture is armed, the process's <c>kexec_crash_loaded()</c>: the runtime's dump
/// variable (<c>DOTNET_DbgEnableMiniDump=1</c>, or its <c>COMPlus_</c> spelling) is set for this
/// process, or an in-process <see cref="ICrashDumpWriter"/> is configured. Read once, at install.
/// </summary>
public static class CrashCapture
{
    /// <summary>
    /// The environment variable in which a supervisor names its dump directory: an in-process dump
    /// (<see cref="ICrashDumpWriter"/>) goes there, where the supervisor finds it, records it with the
    /// death and keeps it under its retention.
    /// </summary>
    public const string DumpDirectoryEnvironmentVariable = "PANICPATH_DUMPS";

    /// <summary>The supervisor's dump directory (<see cref="DumpDirectoryEnvironmentVariable"/>), or null when not supervised.</summary>
    public static string? SupervisorDumpDirectory(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return environment(DumpDirectoryEnvironmentVariable) is { } directory && !string.IsNullOrWhiteSpace(directory) ? directory : null;
    }

    /// <summary>
    /// The file name of an in-process dump of process <paramref name="pid"/> written at <paramref name="utc"/>:
    /// <c>panicpath-&lt;pid&gt;-&lt;yyyyMMddTHHmmssfff&gt;.dmp</c>, a name a supervisor recognises as a dump of its child.
    /// </summary>
    public static string InProcessDumpName(int pid, DateTime utc) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"panicpath-{pid}-{utc:yyyyMMdd'T'HHmmssfff}.dmp");

    /// <summary>True when the runtime will write a dump (via createdump) if the process aborts.</summary>
    public static bool RuntimeArmed(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return IsOne(environment("DOTNET_DbgEnableMiniDump")) || IsOne(environment("COMPlus_DbgEnableMiniDump"));
    }

    /// <summary>True when either the runtime's dump or an in-process writer is armed.</summary>
    public static bool Armed(ICrashDumpWriter? writer, Func<string, string?>? environment = null) =>
        writer is not null || RuntimeArmed(environment);

    private static bool IsOne(string? value) => value is not null && value.Trim() == "1";
}
