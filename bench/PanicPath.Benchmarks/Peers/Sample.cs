namespace PanicPath.Benchmarks.Peers;

/// <summary>
/// One run's figures, in milliseconds from the throw mark: until the report was safe (PanicPath only:
/// the first report file in the spool, written by the library or stored from the channel) and until
/// the record existed (Sentry: the event envelope reached the receiver; PanicPath: the death row was
/// visible in the store, pending or not), and until that row was complete (PanicPath only: after the
/// exit, with exit status, dump and crash report). <see cref="Problem"/> says why a figure is missing.
/// </summary>
internal readonly record struct Sample(double? ReportSafeMs, double? RecordMs, double? CompletedMs, string? Problem);
