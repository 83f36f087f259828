using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.Tests.Deaths;

/// <summary>The classifier's rules on evidence as this machine's runtime writes it (see the end-to-end tests for the real thing).</summary>
public sealed class DeathClassifierTests
{
    [Theory]
    [InlineData("oops", "request failed", DeathCause.OopsPanic)]
    [InlineData("panic", "unhandled exception", DeathCause.UnhandledException)]
    [InlineData("panic", "demo panic", DeathCause.Panic)]
    public void An_in_process_report_decides_the_cause_by_its_kind_and_reason(string kind, string reason, string cause)
    {
        var report = new CrashReport { Kind = kind, Reason = reason, Exception = new ReportException { Type = "T", Message = "m", Signature = "0123456789abcdef" } };

        var verdict = DeathClassifier.Classify(new DeathEvidence(134, report, null, "Process terminated."));

        Assert.Equal(cause, verdict.Cause);
        Assert.Equal("0123456789abcdef", verdict.Signature);
        Assert.Equal("SIGABRT", verdict.Signal);
    }

    [Theory]
    [InlineData("Stack overflow.\nRepeated 699 times:\n   at Crashers.Deaths.Recurse(Int32)", DeathCause.StackOverflow)]
    [InlineData("Process terminated.\ncrasher fail-fast\n   at System.Environment.FailFast(System.String)", DeathCause.FailFast)]
    [InlineData("Unhandled exception. System.InvalidOperationException: crasher unhandled\n   at Crashers.Deaths.Throw()", DeathCause.UnhandledException)]
    public void Without_dumps_the_runtime_words_on_standard_error_decide(string stderr, string cause)
    {
        var verdict = DeathClassifier.Classify(new DeathEvidence(134, null, null, stderr));

        Assert.Equal(cause, verdict.Cause);
        Assert.Equal("SIGABRT", verdict.Signal);
    }

    [Theory]
    [InlineData(139, "SIGSEGV")]
    [InlineData(137, "SIGKILL")]
    [InlineData(143, "SIGTERM")]
    public void An_exit_code_above_128_without_other_evidence_is_a_signal_death(int exitCode, string signal)
    {
        var verdict = DeathClassifier.Classify(new DeathEvidence(exitCode, null, null, string.Empty));

        Assert.Equal(DeathCause.Signal, verdict.Cause);
        Assert.Equal(signal, verdict.Signal);
        Assert.Equal($"killed by {signal}", verdict.Title);
    }

    [Fact]
    public void Exit_code_0_without_other_evidence_is_a_run_that_ended_cleanly_not_a_death()
    {
        var verdict = DeathClassifier.Classify(new DeathEvidence(0, null, null, "bye"));

        Assert.Equal(DeathCause.CleanExit, verdict.Cause);
        Assert.Null(verdict.Signal);
        Assert.Equal(DeathClassifier.CleanExitTitle, verdict.Title);
        Assert.DoesNotContain(DeathCause.CleanExit, DeathCause.All);
    }

    [Fact]
    public void Exit_code_0_with_the_runtime_words_of_an_unhandled_exception_is_still_a_death()
    {
        var verdict = DeathClassifier.Classify(new DeathEvidence(0, null, null, "Unhandled exception. System.Exception: late"));

        Assert.Equal(DeathCause.UnhandledException, verdict.Cause);
    }

    [Fact]
    public void Other_exit_codes_are_exit_code_deaths_without_a_signal_and_share_a_signature_per_code()
    {
        var three = DeathClassifier.Classify(new DeathEvidence(3, null, null, "anything"));
        var threeAgain = DeathClassifier.Classify(new DeathEvidence(3, null, null, "else"));
        var four = DeathClassifier.Classify(new DeathEvidence(4, null, null, string.Empty));

        Assert.Equal(DeathCause.ExitCode, three.Cause);
        Assert.Null(three.Signal);
        Assert.Equal(three.Signature, threeAgain.Signature);
        Assert.NotEqual(three.Signature, four.Signature);
    }

    [Fact]
    public void Signatures_from_the_runtime_crash_report_depend_on_the_exception_type_and_top_frames_only()
    {
        var a = DeathSignature.Of(DeathCause.UnhandledException, "System.X", ["A.M()", "B.N()"]);

        Assert.Equal(a, DeathSignature.Of(DeathCause.UnhandledException, "System.X", ["A.M()", "B.N()"]));
        Assert.NotEqual(a, DeathSignature.Of(DeathCause.UnhandledException, "System.Y", ["A.M()", "B.N()"]));
        Assert.NotEqual(a, DeathSignature.Of(DeathCause.UnhandledException, "System.X", ["A.M()", "C.N()"]));
        Assert.Equal(
            DeathSignature.Of("c", "t", ["1", "2", "3", "4", "5", "6"]),
            DeathSignature.Of("c", "t", ["1", "2", "3", "4", "5", "7"]));
        Assert.Matches("^[0-9a-f]{16}$", a);
    }
}
