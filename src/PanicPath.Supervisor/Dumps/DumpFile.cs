namespace PanicPath.Supervisor.Dumps;

/// <summary>One dump in a dump directory: its full path, its size and when it was last written (UTC).</summary>
public sealed record DumpFile(string Path, long Bytes, DateTimeOffset WrittenAt);
