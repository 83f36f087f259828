namespace PanicPath.Dumps;

/// <summary>
/// Whether crash capture is armed, the process's <c>kexec_crash_loaded()</c>: the runtime's dump
/// variable (<c>DOTNET_DbgEnableMiniDump=1</c>, or its <c>COMPlus_</c> spelling) is set for this
/// process, or an in-process <see cref="ICrashDumpWriter"/> is configured. Read once, at install.
/// </summary>
public static class CrashCapture
{
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
