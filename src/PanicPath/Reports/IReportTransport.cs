namespace PanicPath.Reports;

/// <summary>
/// A way to deliver the report bytes. Transports are tried in order until one answers true; the
/// report is built once and delivered at most once per process death. The runtime builds up to three:
/// the supervisor's channel (<c>PANICPATH_CHANNEL</c>), the spool (<c>PANICPATH_SPOOL</c>) and the
/// reserved slot (<c>PANICPATH_SLOT</c>), in this order.
/// </summary>
internal interface IReportTransport
{
    /// <summary>Delivers the report; answers false when this transport could not.</summary>
    bool TryDeliver(ReadOnlySpan<byte> report);

    /// <summary>What failed at the last <see cref="TryDeliver"/> that answered false (e.g. <c>spool write failed (…)</c>), or null.</summary>
    string? Failure { get; }
}
