using Microsoft.Win32.SafeHandles;

namespace PanicPath.Reports;

/// <summary>
/// The last resort: writes the report into the child's record of the reserved slot the supervisor
/// preallocated (<c>PANICPATH_SLOT</c>, see <see cref="SlotFile"/>), in place, so a full disk does not
/// lose it. The slot is opened at install and kept open; at panic time the report is fitted to the
/// record (<see cref="SlotFile.FitReport(ReadOnlySpan{byte})"/>: the short form at least) and written.
/// </summary>
internal sealed class SlotTransport : IReportTransport, IDisposable
{
    private readonly SafeFileHandle slot;

    private SlotTransport(string path, SafeFileHandle slot)
    {
        Path = path;
        this.slot = slot;
    }

    internal string Path { get; }

    /// <summary>True when the last delivery had to cut the report to fit the slot.</summary>
    internal bool Trimmed { get; private set; }

    public string? Failure { get; private set; }

    /// <summary>Opens the slot at <paramref name="path"/>; null, with <paramref name="problem"/> naming why, when there is none or it is not usable.</summary>
    internal static SlotTransport? TryOpen(string? path, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var full = System.IO.Path.GetFullPath(path);
        try
        {
            return new SlotTransport(full, SlotFile.OpenForWrite(full));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"slot not usable at install ({e.Message})";
            return null;
        }
    }

    public bool TryDeliver(ReadOnlySpan<byte> report)
    {
        try
        {
            var fitted = SlotFile.FitReport(report);
            Trimmed = fitted.Length != report.Length;
            SlotFile.Write(slot, SlotRecord.ChildReport, fitted);
            return true;
        }
        catch (Exception e)
        {
            Failure = $"slot write failed ({Path}: {e.Message})";
            return false;
        }
    }

    /// <summary>Closes the slot.</summary>
    public void Dispose() => slot.Dispose();
}
