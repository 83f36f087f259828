namespace PanicPath.Reports;

/// <summary>
/// A way to deliver the report bytes. Transports are tried in order until one answers true; the
/// report is built once and delivered at most once per process death. Today the runtime builds one
/// transport, the spool (<c>PANICPATH_SPOOL</c>); a supervisor channel goes before it in the list.
/// </summary>
internal interface IReportTransport
{
    /// <summary>Delivers the report; answers false when this transport could not.</summary>
    bool TryDeliver(byte[] report);
}
