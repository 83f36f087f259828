namespace CrashDemo;

/// <summary>The ways the demo can die (or survive), by their command-line names.</summary>
internal static class DemoMode
{
    internal static readonly string[] All =
    [
        "unhandled", "unhandled-many", "oops", "oops-panic", "notifier-hangs", "notifier-throws",
        "nested-panic", "notifier-exits", "background-service", "sigterm", "warn-panic", "unobserved-task", "stderr-stuck", "no-runtime",
    ];
}
