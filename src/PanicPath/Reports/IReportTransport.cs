namespace PanicPath.Reports;

/// <summary>
/// A way to deliver the report bytes. Transports are tried in order until one answers true; the
/// report is built once and delivered at most once per process death.
/// </summary>
internal interface IReportTransport
{
    /// <summary>Delivers the report; answers false when this transport could not.</summary>
    bool TryDeliver(byte[] report);
}
