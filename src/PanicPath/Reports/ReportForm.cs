namespace PanicPath.Reports;

/// <summary>
/// Which form of report the path sends. <see cref="Long"/> takes the log tail at the log dump step and
/// sends the long form only (the short one is not sent); if the log dump never ran (deadline), the
/// short form goes instead. Exactly one report per death either way.
/// </summary>
public enum ReportForm
{
    /// <summary>Exception, method, signature, thread, pid, uptime.</summary>
    Short,

    /// <summary>The short form plus the youngest log lines that fit <see cref="Panics.PanicOptions.ReportLogBytes"/>.</summary>
    Long,
}
