namespace PanicPath.Supervisor.Tests.Support;

/// <summary>
/// Crash reports as each wire version writes them, byte for byte: a version 1 report as an older
/// library wrote it (no timing), and the same report in version 2 (with the path's timing).
/// </summary>
internal static class ReportVersions
{
    /// <summary>A version 1 report: every field, none of version 2's.</summary>
    public const string Version1Report =
        "{\"version\":1,\"kind\":\"panic\",\"reason\":\"disk full\",\"pid\":4242,\"threadId\":1,\"uptimeMs\":1520.5,"
        + "\"timestamp\":\"2026-11-01T10:00:00.0000000Z\",\"exception\":{\"type\":\"System.IO.IOException\",\"message\":\"no space left\","
        + "\"hresult\":-2146232800,\"method\":\"App.Program.Main\",\"signature\":\"0123456789abcdef\"},\"form\":\"short\",\"log\":null,"
        + "\"notifiers\":[{\"name\":\"tell\",\"list\":\"supervisor\",\"priority\":3,\"outcome\":\"ran\",\"ms\":0.25,\"error\":null},"
        + "{\"name\":\"crash-dump\",\"list\":\"crash-dump\",\"priority\":0,\"outcome\":\"ran\",\"ms\":12.5,\"error\":null}],"
        + "\"nested\":[{\"notifier\":\"tell\",\"reason\":\"again\",\"exceptionType\":null}],"
        + "\"dumpPath\":\"/data/dumps/core.4242\",\"deadlineExceeded\":false,\"exitCode\":70}";

    /// <summary>The same report in version 2, with each step's start, the nested panic's time, the dump step, the deadline and the total.</summary>
    public const string Version2Report =
        "{\"version\":2,\"kind\":\"panic\",\"reason\":\"disk full\",\"pid\":4242,\"threadId\":1,\"uptimeMs\":1520.5,"
        + "\"timestamp\":\"2026-11-01T10:00:00.0000000Z\",\"exception\":{\"type\":\"System.IO.IOException\",\"message\":\"no space left\","
        + "\"hresult\":-2146232800,\"method\":\"App.Program.Main\",\"signature\":\"0123456789abcdef\"},\"form\":\"short\",\"log\":null,"
        + "\"notifiers\":[{\"name\":\"tell\",\"list\":\"supervisor\",\"priority\":3,\"outcome\":\"ran\",\"startMs\":0.5,\"ms\":0.25,\"error\":null},"
        + "{\"name\":\"crash-dump\",\"list\":\"crash-dump\",\"priority\":0,\"outcome\":\"ran\",\"startMs\":1.25,\"ms\":12.5,\"error\":null}],"
        + "\"nested\":[{\"notifier\":\"tell\",\"reason\":\"again\",\"exceptionType\":null,\"atMs\":0.6}],"
        + "\"dumpPath\":\"/data/dumps/core.4242\",\"deadlineExceeded\":false,\"exitCode\":70,"
        + "\"dump\":{\"startMs\":1.25,\"ms\":12.5,\"outcome\":\"ran\",\"path\":\"/data/dumps/core.4242\"},\"deadlineMs\":20000,\"totalMs\":15.75}";
}
