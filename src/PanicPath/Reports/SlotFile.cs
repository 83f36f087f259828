using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace PanicPath.Reports;

/// <summary>
/// The reserved slot: a file of <see cref="Size"/> bytes that the supervisor really allocates (zeros
/// written, not a sparse file) in a child's spool directory before the child starts, and names to it in
/// <c>PANICPATH_SLOT</c>, so that a death on a full disk is still kept. Every write goes in place into
/// the allocated bytes and never grows the file, so it needs no free space.
/// <para>
/// The slot holds three records of <see cref="RecordBytes"/> each, one per writer (<see cref="SlotRecord"/>),
/// so that no writer can tear another's record: the child's report, the report the supervisor received
/// over the channel, and the supervisor's record of the death. A record is a 16-byte header — the magic
/// <c>PPSR</c>, the payload's length, the payload's CRC-32 and the record's number, little-endian —
/// followed by its UTF-8 JSON payload, written in one write and flushed to disk. An all-zero record is
/// empty; a record whose header or checksum does not match is torn and named as such, never taken.
/// </para>
/// <para>
/// Why 8 KiB a record (24 KiB a slot, six pages): a report's short form with a 1 KiB exception message,
/// every notifier record a usual path has, and the long form's default 4 KiB log tail when it fits
/// (<see cref="FitReport(ReadOnlySpan{byte})"/> drops the log, then trims, until it fits); a death's
/// essentials with up to 3000 characters of each output tail. 24 KiB per child is nothing next to a dump, and
/// dozens fit even on a 1 MiB data disk.
/// </para>
/// </summary>
public static class SlotFile
{
    /// <summary>The environment variable naming a child's slot.</summary>
    public const string EnvironmentVariable = "PANICPATH_SLOT";

    /// <summary>The slot's file name inside a run spool directory.</summary>
    public const string FileName = ".slot";

    /// <summary>The size of one record, header included.</summary>
    public const int RecordBytes = 8192;

    /// <summary>The size of a slot: three records.</summary>
    public const int Size = 3 * RecordBytes;

    /// <summary>The size of a record's header.</summary>
    public const int HeaderBytes = 16;

    /// <summary>The largest payload a record holds.</summary>
    public const int Capacity = RecordBytes - HeaderBytes;

    private const uint Magic = 0x52535050; // "PPSR", little-endian

    private const int MessageChars = 1024;

    private const int ShortChars = 128;

    /// <summary>The stack lines of the exception a trimmed record keeps.</summary>
    private const int StackLines = 16;

    /// <summary>
    /// Reserves the slot in <paramref name="created"/>, a file just created empty (mode 0600, by whoever
    /// owns the directory): writes all <see cref="Size"/> bytes as zeros and flushes them to disk, so its
    /// space is taken now and later writes need none.
    /// </summary>
    /// <exception cref="IOException">The zeros could not be written (a full disk).</exception>
    public static void Reserve(FileStream created)
    {
        Allocate(created);
        created.Flush(flushToDisk: true);
    }

    /// <summary>
    /// The first half of <see cref="Reserve"/>: writes all <see cref="Size"/> bytes of <paramref name="created"/>
    /// as zeros and hands them to the file system, without waiting for the disk. A file system that
    /// allocates at the write (ext4 and XFS reserve a delayed allocation's blocks then) fails it here when
    /// the disk is full, and later writes in place need no space; the flush to disk can follow later.
    /// </summary>
    /// <exception cref="IOException">The zeros could not be written (a full disk).</exception>
    public static void Allocate(FileStream created)
    {
        ArgumentNullException.ThrowIfNull(created);
        var zeros = new byte[RecordBytes];
        for (var written = 0; written < Size; written += zeros.Length)
        {
            created.Write(zeros);
        }

        created.Flush(flushToDisk: false);
    }

    /// <summary>Opens an existing slot for writing in place; refuses a link, a missing file, or a file of another size.</summary>
    /// <exception cref="IOException">The file is not a usable slot; the message names it.</exception>
    /// <exception cref="UnauthorizedAccessException">The file refuses writes.</exception>
    public static SafeFileHandle OpenForWrite(string path)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            throw new IOException($"{path} is a symbolic link, not a slot");
        }

        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        var length = RandomAccess.GetLength(handle);
        if (length != Size)
        {
            handle.Dispose();
            throw new IOException($"{path} is {length} bytes, not a slot of {Size}");
        }

        return handle;
    }

    /// <summary>Writes <paramref name="payload"/> as <paramref name="record"/> of the slot open in <paramref name="slot"/>, in place, flushed to disk.</summary>
    /// <exception cref="ArgumentException">The payload is larger than <see cref="Capacity"/>.</exception>
    /// <exception cref="IOException">The write failed.</exception>
    public static void Write(SafeFileHandle slot, SlotRecord record, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (payload.Length > Capacity)
        {
            throw new ArgumentException($"a slot record holds at most {Capacity} bytes; got {payload.Length}", nameof(payload));
        }

        if (RandomAccess.GetLength(slot) != Size)
        {
            throw new IOException($"the slot is not {Size} bytes; refusing to grow it");
        }

        var buffer = new byte[HeaderBytes + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(4), payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(8), Crc32.Compute(payload));
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(12), (int)record);
        payload.CopyTo(buffer.AsSpan(HeaderBytes));
        RandomAccess.Write(slot, buffer, (long)record * RecordBytes);
        RandomAccess.FlushToDisk(slot);
    }

    /// <summary>Reads <paramref name="record"/> of the slot open in <paramref name="slot"/>; <paramref name="name"/> names it in a problem.</summary>
    public static SlotContent Read(SafeFileHandle slot, SlotRecord record, string name)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var where = $"{name} ({Describe(record)})";
        try
        {
            var length = RandomAccess.GetLength(slot);
            if (length != Size)
            {
                return new SlotContent(null, $"{name} is {length} bytes, not a slot of {Size}");
            }

            var buffer = new byte[RecordBytes];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = RandomAccess.Read(slot, buffer.AsSpan(read), ((long)record * RecordBytes) + read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            if (!buffer.AsSpan(0, HeaderBytes).ContainsAnyExcept((byte)0))
            {
                return default;
            }

            var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(4));
            if (BinaryPrimitives.ReadUInt32LittleEndian(buffer) != Magic
                || BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(12)) != (int)record
                || payloadLength is < 0 or > Capacity)
            {
                return new SlotContent(null, $"{where}: torn record (bad header)");
            }

            var payload = buffer.AsSpan(HeaderBytes, payloadLength);
            return Crc32.Compute(payload) == BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(8))
                ? new SlotContent(payload.ToArray(), null)
                : new SlotContent(null, $"{where}: torn record (checksum mismatch)");
        }
        catch (IOException e)
        {
            return new SlotContent(null, $"{where}: {e.Message}");
        }
    }

    /// <summary>
    /// The report as a slot record holds it: <paramref name="reportJson"/> itself when it fits
    /// <see cref="Capacity"/>, else its short form, trimmed (exception message and reason cut to 1 KiB,
    /// then the exception's stack cut to its top lines and its inner exceptions' stacks dropped, then notifier
    /// records dropped from the end, then the stack and inner exceptions dropped and every text cut shorter) until it fits.
    /// </summary>
    /// <exception cref="FormatException">The bytes are too large and not a report.</exception>
    public static byte[] FitReport(ReadOnlySpan<byte> reportJson)
    {
        if (reportJson.Length <= Capacity)
        {
            return reportJson.ToArray();
        }

        var report = CrashReport.Parse(reportJson);
        report.Form = "short";
        report.Log = null;
        Cut(report, MessageChars);
        var bytes = report.ToUtf8Json();
        if (bytes.Length > Capacity && report.Exception is { } exception)
        {
            // The exception's own top frames are worth more than its inner exceptions' stacks.
            Shorten(exception, StackLines, top: true);
            bytes = report.ToUtf8Json();
        }

        while (bytes.Length > Capacity && report.Notifiers.Count > 0)
        {
            report.Notifiers.RemoveRange(report.Notifiers.Count / 2, report.Notifiers.Count - (report.Notifiers.Count / 2));
            bytes = report.ToUtf8Json();
        }

        if (bytes.Length > Capacity)
        {
            report.Nested.Clear();
            if (report.Exception is { } bare)
            {
                bare.StackTrace = null;
                bare.Inner = null;
            }

            Cut(report, ShortChars);
            bytes = report.ToUtf8Json();
        }

        return bytes;
    }

    /// <summary>Keeps <paramref name="lines"/> lines of the top exception's stack and none of its inner exceptions' stacks.</summary>
    private static void Shorten(ReportException exception, int lines, bool top)
    {
        if (exception.StackTrace is { } stack)
        {
            exception.StackTrace = top && stack.Count <= lines ? stack : top ? [.. stack.Take(lines - 1), $"... {stack.Count - lines + 1} more frames"] : null;
        }

        foreach (var inner in exception.Inner ?? [])
        {
            Shorten(inner, lines, top: false);
        }
    }

    private static void Cut(CrashReport report, int chars)
    {
        report.Reason = Cut(report.Reason, chars)!;
        report.DumpPath = Cut(report.DumpPath, chars);
        if (report.Exception is { } exception)
        {
            exception.Type = Cut(exception.Type, chars)!;
            exception.Message = Cut(exception.Message, chars)!;
            exception.Method = Cut(exception.Method, chars);
            foreach (var inner in exception.Inner ?? [])
            {
                inner.Type = Cut(inner.Type, chars)!;
                inner.Message = Cut(inner.Message, chars)!;
                inner.Method = Cut(inner.Method, chars);
            }
        }
    }

    private static string? Cut(string? text, int chars) => text is null || text.Length <= chars ? text : text[..chars] + "…";

    private static string Describe(SlotRecord record) => record switch
    {
        SlotRecord.ChildReport => "the child's report",
        SlotRecord.InboxReport => "the report received over the channel",
        _ => "the death record",
    };
}
