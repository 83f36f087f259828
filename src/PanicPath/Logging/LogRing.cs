using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace PanicPath.Logging;

/// <summary>
/// A bounded in-memory ring of the most recent log records, the kernel's printk ring buffer. Memory is
/// fixed at construction (<see cref="Capacity"/> slots); the oldest record is overwritten. A write takes
/// no lock: one interlocked increment claims a slot, a per-slot version makes readers skip a slot
/// that is being rewritten. Writes and reads allocate nothing (the message strings are the caller's).
/// <para>
/// Lines read back are formatted as <c>2026-01-31T12:00:00.000Z info Category: message</c>, one per
/// record, UTF-8. Two writers that claim the same slot a whole ring apart at the same instant may mix
/// their fields; with any realistic capacity that needs <see cref="Capacity"/> writes in flight at once.
/// </para>
/// </summary>
public sealed class LogRing
{
    private const int TimestampLength = 24; // yyyy-MM-ddTHH:mm:ss.fffZ
    private const int HeadLength = TimestampLength + 1 + 4 + 1; // timestamp, level, and a space after each

    /// <summary>Each level's four-letter name as one little-endian word, written at once.</summary>
    private static readonly uint[] LevelNames =
        [.. new[] { "trce", "dbug", "info", "warn", "fail", "crit" }.Select(name => BinaryPrimitives.ReadUInt32LittleEndian(Encoding.ASCII.GetBytes(name)))];

    private readonly Slot[] slots;
    private readonly long mask;
    private long next;

    /// <summary>Creates a ring holding the last <paramref name="capacity"/> records (rounded up to a power of two).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is below 1 or above 1,048,576.</exception>
    public LogRing(int capacity = 1024)
    {
        if (capacity is < 1 or > 1 << 20)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "LogRing capacity (PanicOptions.LogRingCapacity) must be between 1 and 1048576.");
        }

        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        slots = new Slot[size];
        mask = size - 1;
    }

    /// <summary>How many records the ring keeps.</summary>
    public int Capacity => slots.Length;

    /// <summary>How many records were ever written.</summary>
    public long Written => Volatile.Read(ref next);

    /// <summary>Appends a record, overwriting the oldest when full.</summary>
    public void Write(LogRecordLevel level, string category, string message)
    {
        var sequence = Interlocked.Increment(ref next) - 1;
        ref var slot = ref slots[sequence & mask];
        Volatile.Write(ref slot.Version, (sequence * 2) + 1);
        slot.Ticks = DateTime.UtcNow.Ticks;
        slot.Level = level;
        slot.Category = category ?? string.Empty;
        slot.Message = message ?? string.Empty;
        slot.Plain = slot.Category.AsSpan().IndexOfAnyExcept(Reports.Utf8JsonString.PlainChars) < 0
            && slot.Message.AsSpan().IndexOfAnyExcept(Reports.Utf8JsonString.PlainChars) < 0;
        Volatile.Write(ref slot.Version, (sequence * 2) + 2);
    }

    /// <summary>The records now in the ring, oldest first (allocates; for tests and tools).</summary>
    public IReadOnlyList<LogRecord> Snapshot()
    {
        var end = Volatile.Read(ref next);
        var result = new List<LogRecord>();
        for (var sequence = Math.Max(0, end - slots.Length); sequence < end; sequence++)
        {
            if (TryRead(sequence, out var record))
            {
                result.Add(record);
            }
        }

        return result;
    }

    /// <summary>
    /// Copies the youngest records whose lines fit in <paramref name="destination"/>, oldest of them first,
    /// and answers the number of bytes written. A record too large for the whole destination ends the
    /// selection: older records are never put after a gap. One pass, youngest first: each line is
    /// written where it ends up counted from the end of the destination, and the lines are moved to
    /// its start once; a timestamp is formatted whole only when its second differs from the line before.
    /// </summary>
    public int CopyYoungest(Span<byte> destination)
    {
        var end = Volatile.Read(ref next);
        var floor = Math.Max(0, end - slots.Length);
        var start = destination.Length;
        Span<byte> stamp = stackalloc byte[TimestampLength];
        var secondStart = long.MinValue;
        for (var sequence = end - 1; sequence >= floor; sequence--)
        {
            if (!TryRead(sequence, out var record))
            {
                break;
            }

            // As ASCII first (a character a byte); a line that is not is measured and written again.
            var length = AsciiLineLength(record);
            if (length > start)
            {
                break;
            }

            Stamp(record.TimestampUtc.Ticks, stamp, ref secondStart);

            if (!TryFormatAsciiLine(record, stamp, destination.Slice(start - length, length)))
            {
                length = LineLength(record);
                if (length > start)
                {
                    break;
                }

                FormatLine(record, stamp, destination.Slice(start - length, length));
            }

            start -= length;
        }

        var written = destination.Length - start;
        destination[start..].CopyTo(destination);
        return written;
    }

    /// <summary>
    /// Writes the lines <see cref="CopyYoungest"/> would copy into <paramref name="rawLimit"/> bytes as one
    /// quoted JSON string, the very bytes <see cref="Reports.Utf8JsonString.Write"/> gives for them, at the
    /// end of <paramref name="destination"/> (which holds at least twice <paramref name="rawLimit"/> and two
    /// bytes), and answers where that string starts. A line whose category and message were found plain
    /// when written (<see cref="Reports.Utf8JsonString.PlainChars"/>) needs escaping only at its end, so
    /// it is written escaped at once, youngest first, with no second pass. Answers -1 when a line to be
    /// copied is not plain: the caller copies the lines and escapes them.
    /// </summary>
    internal int CopyYoungestJson(Span<byte> destination, int rawLimit)
    {
        var end = Volatile.Read(ref next);
        var floor = Math.Max(0, end - slots.Length);
        var left = rawLimit;
        var start = destination.Length - 1;
        destination[start] = (byte)'"';
        Span<byte> stamp = stackalloc byte[TimestampLength];

        // The second the stamp holds, as its first tick (none yet), and where the line before (the next
        // younger) has its category and ": ", to be copied when this line's category is the same string.
        var secondStart = long.MinValue;
        string? lastCategory = null;
        var lastCategoryAt = 0;
        for (var sequence = end - 1; sequence >= floor; sequence--)
        {
            // The slot read in place (as TryRead does), with no record built.
            ref var slot = ref slots[sequence & mask];
            var expected = (sequence * 2) + 2;
            if (Volatile.Read(ref slot.Version) != expected)
            {
                break;
            }

            var ticks = slot.Ticks;
            var level = slot.Level;
            var category = slot.Category;
            var message = slot.Message;
            var plain = slot.Plain;
            if (Volatile.Read(ref slot.Version) != expected || category is null || message is null)
            {
                break;
            }

            var length = HeadLength + category.Length + 2 + message.Length + 1;
            if (length > left)
            {
                break;
            }

            if (!plain)
            {
                return -1;
            }

            Stamp(ticks, stamp, ref secondStart);

            // The line with its end escaped: one byte longer than the line.
            var lineAt = start - length - 1;
            var line = destination.Slice(lineAt, length + 1);
            var at = WriteHead(level, stamp, line);
            if (ReferenceEquals(category, lastCategory))
            {
                destination.Slice(lastCategoryAt, category.Length + 2).CopyTo(line[at..]);
                at += category.Length;
            }
            else
            {
                if (Ascii.FromUtf16(category, line[at..], out var written) != System.Buffers.OperationStatus.Done)
                {
                    return -1;
                }

                at += written;
                line[at] = (byte)':';
                line[at + 1] = (byte)' ';
                lastCategory = category;
                lastCategoryAt = lineAt + HeadLength;
            }

            at += 2;
            if (Ascii.FromUtf16(message, line[at..], out _) != System.Buffers.OperationStatus.Done)
            {
                return -1;
            }

            line[^2] = (byte)'\\';
            line[^1] = (byte)'n';
            start = lineAt;
            left -= length;
        }

        destination[--start] = (byte)'"';
        return start;
    }

    private bool TryRead(long sequence, out LogRecord record) => TryRead(sequence, out record, out _);

    private bool TryRead(long sequence, out LogRecord record, out bool plain)
    {
        plain = false;
        ref var slot = ref slots[sequence & mask];
        var expected = (sequence * 2) + 2;
        if (Volatile.Read(ref slot.Version) != expected)
        {
            record = default;
            return false;
        }

        var ticks = slot.Ticks;
        var level = slot.Level;
        var category = slot.Category;
        var message = slot.Message;
        plain = slot.Plain;
        if (Volatile.Read(ref slot.Version) != expected || category is null || message is null)
        {
            record = default;
            return false;
        }

        record = new LogRecord(sequence, new DateTime(ticks, DateTimeKind.Utc), level, category, message);
        return true;
    }

    private static int LineLength(in LogRecord record) =>
        HeadLength + Encoding.UTF8.GetByteCount(record.Category) + 2 + Encoding.UTF8.GetByteCount(record.Message) + 1;

    private static int AsciiLineLength(in LogRecord record) =>
        HeadLength + record.Category.Length + 2 + record.Message.Length + 1;

    /// <summary>Writes the timestamp <paramref name="stamp"/>, the level and a space after each, in words; answers <see cref="HeadLength"/>.</summary>
    private static int WriteHead(LogRecordLevel level, ReadOnlySpan<byte> stamp, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, BinaryPrimitives.ReadUInt64LittleEndian(stamp));
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], BinaryPrimitives.ReadUInt64LittleEndian(stamp[8..]));
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], BinaryPrimitives.ReadUInt64LittleEndian(stamp[16..]));
        destination[TimestampLength] = (byte)' ';
        BinaryPrimitives.WriteUInt32LittleEndian(destination[(TimestampLength + 1)..], LevelNames[(uint)level < (uint)LevelNames.Length ? (int)level : 5]);
        destination[TimestampLength + 5] = (byte)' ';
        return HeadLength;
    }

    /// <summary>
    /// Writes the line of <paramref name="record"/> into exactly <see cref="AsciiLineLength"/> bytes when its
    /// category and message are ASCII; false (the bytes written meanwhile are garbage) when they are not.
    /// </summary>
    private static bool TryFormatAsciiLine(in LogRecord record, ReadOnlySpan<byte> stamp, Span<byte> destination)
    {
        var at = WriteHead(record.Level, stamp, destination);
        if (Ascii.FromUtf16(record.Category, destination[at..], out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        at += written;
        destination[at++] = (byte)':';
        destination[at++] = (byte)' ';
        if (Ascii.FromUtf16(record.Message, destination[at..], out written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        destination[at + written] = (byte)'\n';
        return true;
    }

    /// <summary>Writes the line of <paramref name="record"/>, whose timestamp is <paramref name="stamp"/>, into exactly <see cref="LineLength"/> bytes.</summary>
    private static void FormatLine(in LogRecord record, ReadOnlySpan<byte> stamp, Span<byte> destination)
    {
        var at = WriteHead(record.Level, stamp, destination);
        at += Encoding.UTF8.GetBytes(record.Category, destination[at..]);
        destination[at++] = (byte)':';
        destination[at++] = (byte)' ';
        at += Encoding.UTF8.GetBytes(record.Message, destination[at..]);
        destination[at] = (byte)'\n';
    }

    /// <summary>
    /// Writes <paramref name="time"/> as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (milliseconds truncated, as the
    /// custom format does) digit by digit: a custom format string is parsed again at every call.
    /// </summary>
    internal static int FormatTimestamp(DateTime time, Span<byte> destination)
    {
        var (year, month, day) = time;
        var ofDay = time.Ticks % TimeSpan.TicksPerDay;
        Digits(destination, 0, year, 4);
        destination[4] = (byte)'-';
        Digits(destination, 5, month, 2);
        destination[7] = (byte)'-';
        Digits(destination, 8, day, 2);
        destination[10] = (byte)'T';
        Digits(destination, 11, (int)(ofDay / TimeSpan.TicksPerHour), 2);
        destination[13] = (byte)':';
        Digits(destination, 14, (int)(ofDay / TimeSpan.TicksPerMinute % 60), 2);
        destination[16] = (byte)':';
        Digits(destination, 17, (int)(ofDay / TimeSpan.TicksPerSecond % 60), 2);
        destination[19] = (byte)'.';
        Digits(destination, 20, (int)(ofDay / TimeSpan.TicksPerMillisecond % 1000), 3);
        destination[23] = (byte)'Z';
        return TimestampLength;
    }

    /// <summary>
    /// Makes <paramref name="stamp"/> the timestamp of <paramref name="ticks"/> for a copy that goes from
    /// line to line: formatted whole when its second is not the one that began at <paramref name="secondStart"/>
    /// (which it then moves there; <see cref="long.MinValue"/> before the first line), else only its
    /// milliseconds rewritten.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Stamp(long ticks, Span<byte> stamp, ref long secondStart)
    {
        var intoSecond = unchecked((ulong)(ticks - secondStart));
        if (intoSecond >= TimeSpan.TicksPerSecond)
        {
            FormatTimestamp(new DateTime(ticks, DateTimeKind.Utc), stamp);
            secondStart = ticks - (ticks % TimeSpan.TicksPerSecond);
        }
        else
        {
            Digits(stamp, 20, (int)(intoSecond / TimeSpan.TicksPerMillisecond), 3);
        }
    }

    private static void Digits(Span<byte> destination, int at, int value, int count)
    {
        for (var i = at + count - 1; i >= at; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private struct Slot
    {
        public long Version;
        public long Ticks;
        public LogRecordLevel Level;
        public string? Category;
        public string? Message;

        /// <summary>True when the category and message are made only of <see cref="Reports.Utf8JsonString.PlainChars"/>.</summary>
        public bool Plain;
    }
}
