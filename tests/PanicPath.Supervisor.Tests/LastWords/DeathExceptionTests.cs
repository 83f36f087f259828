using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.LastWords;

namespace PanicPath.Supervisor.Tests.LastWords;

public sealed class DeathExceptionTests
{
    private const string RuntimeText =
        "crasher output\n" +
        "Unhandled exception. System.AggregateException: One or more errors occurred. (inner boom)\n" +
        " ---> System.IO.IOException: inner boom\n" +
        "   at App.Read() in /src/App.cs:line 10\n" +
        "   --- End of inner exception stack trace ---\n" +
        "   at App.Main()\n" +
        "[createdump] Gathering state for process 42\n";

    [Fact]
    public void Standard_error_s_unhandled_exception_block_gives_type_message_and_the_whole_stack_with_inner_exceptions()
    {
        var exception = DeathException.Of(Death(DeathCause.UnhandledException, stderr: RuntimeText));

        Assert.Equal("System.AggregateException", exception.Type);
        Assert.Equal("One or more errors occurred. (inner boom)", exception.Message);
        Assert.Equal(
            "System.AggregateException: One or more errors occurred. (inner boom)\n ---> System.IO.IOException: inner boom\n   at App.Read() in /src/App.cs:line 10\n   --- End of inner exception stack trace ---\n   at App.Main()",
            exception.StackTrace);
    }

    [Fact]
    public void The_in_process_report_names_the_exception_and_the_runtime_s_printed_stack_is_used_when_it_is_the_same_type()
    {
        var report = Report("System.AggregateException", "One or more errors occurred. (inner boom)", "App.Read");

        var exception = DeathException.Of(Death(DeathCause.UnhandledException, RuntimeText, report));

        Assert.Equal("System.AggregateException", exception.Type);
        Assert.StartsWith("System.AggregateException: One or more errors occurred. (inner boom)\n ---> System.IO.IOException", exception.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_printed_stack_the_in_process_report_s_faulting_method_is_the_stack()
    {
        var report = Report("System.TimeoutException", "crasher oops", "App.Handle");

        var exception = DeathException.Of(Death(DeathCause.OopsPanic, "crasher output\n", report));

        Assert.Equal(new DeathException("System.TimeoutException", "crasher oops", "System.TimeoutException: crasher oops\n   at App.Handle"), exception);
    }

    [Fact]
    public void A_panic_without_an_exception_is_told_by_its_kind_and_reason()
    {
        var report = new CrashReport { Kind = "panic", Reason = "invariant broken" };

        Assert.Equal(new DeathException("panic", "invariant broken", "panic: invariant broken"), DeathException.Of(Death(DeathCause.Panic, string.Empty, report)));
    }

    [Fact]
    public void A_signal_death_without_other_evidence_is_told_as_the_signal()
    {
        var death = Death(DeathCause.Signal, string.Empty) with { ExitCode = 139, Signal = "SIGSEGV", Title = "killed by SIGSEGV" };

        Assert.Equal(new DeathException("signal SIGSEGV", "killed by SIGSEGV", "signal SIGSEGV: killed by SIGSEGV"), DeathException.Of(death));
    }

    [Fact]
    public void A_plain_exit_is_told_by_its_exit_code()
    {
        var death = Death(DeathCause.ExitCode, string.Empty) with { ExitCode = 3, Signal = null, Title = "exit code 3" };

        Assert.Equal("exit code 3", DeathException.Of(death).Type);
    }

    private static CrashReport Report(string type, string message, string method) => new()
    {
        Kind = "panic",
        Reason = "unhandled exception",
        Exception = new ReportException { Type = type, Message = message, Method = method, Signature = "0123456789abcdef" },
    };

    private static DeathRecord Death(string cause, string stderr, CrashReport? report = null) => new()
    {
        RunId = "run-1",
        Command = "app",
        Cause = cause,
        ExitCode = 134,
        Signal = "SIGABRT",
        Report = report,
        Signature = "0123456789abcdef",
        Title = "title",
        StderrTail = stderr,
    };
}
