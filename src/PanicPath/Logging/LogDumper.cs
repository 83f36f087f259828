namespace PanicPath.Logging;

/// <summary>
/// A log dumper, the kernel's <c>kmsg_dumper</c>: it receives the youngest log lines that fit its
/// buffer (UTF-8, oldest first, one line per record) for every dump whose reason is at or below
/// <see cref="MaxReason"/>. The buffer is allocated once, at construction, so a dump at panic time
/// allocates nothing. At panic time <see cref="Dump"/> runs on an executor thread under a budget.
/// </summary>
public abstract class LogDumper
{
    /// <summary>Creates a dumper with a buffer of <paramref name="bufferBytes"/> bytes.</summary>
    /// <exception cref="ArgumentException">The name is empty, the reason unknown or the buffer not positive.</exception>
    protected LogDumper(string name, LogDumpReason maxReason, int bufferBytes)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("LogDumper.Name must not be empty.", nameof(name));
        }

        if (!Enum.IsDefined(maxReason))
        {
            throw new ArgumentException($"LogDumper.MaxReason of '{name}' has unknown value {(int)maxReason}.", nameof(maxReason));
        }

        if (bufferBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bufferBytes), bufferBytes, $"LogDumper.BufferBytes of '{name}' must be positive.");
        }

        Name = name;
        MaxReason = maxReason;
        Buffer = new byte[bufferBytes];
    }

    /// <summary>The dumper's name.</summary>
    public string Name { get; }

    /// <summary>The highest reason this dumper accepts.</summary>
    public LogDumpReason MaxReason { get; }

    /// <summary>The size of the buffer the youngest lines are copied into.</summary>
    public int BufferBytes => Buffer.Length;

    internal byte[] Buffer { get; }

    /// <summary>True when a dump with <paramref name="reason"/> goes to this dumper.</summary>
    public bool Accepts(LogDumpReason reason) => reason <= MaxReason;

    /// <summary>Copies the youngest lines of <paramref name="ring"/> into the buffer and hands them to <see cref="Dump"/>.</summary>
    public void DumpFrom(LogRing ring, LogDumpReason reason)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var length = ring.CopyYoungest(Buffer);
        Dump(reason, Buffer.AsSpan(0, length));
    }

    /// <summary>Receives the youngest lines that fit the buffer; must not keep the span.</summary>
    protected abstract void Dump(LogDumpReason reason, ReadOnlySpan<byte> youngestLines);
}
