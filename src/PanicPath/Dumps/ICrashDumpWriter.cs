namespace PanicPath.Dumps;

/// <summary>
/// Writes a dump of the current process from inside it (the hosting package provides one over the
/// runtime's diagnostics channel). Configuring one arms crash capture. Called on an executor thread
/// under the path's budget; answers the path of the dump written.
/// </summary>
public interface ICrashDumpWriter
{
    /// <summary>Writes the dump into <paramref name="directory"/> and answers its full path.</summary>
    string WriteDump(string directory);
}
