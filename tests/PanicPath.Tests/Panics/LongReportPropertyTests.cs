using System.Text;
using CsCheck;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Panics;
using PanicPath.Reports;
using PanicPath.Tests.Reports;

namespace PanicPath.Tests.Panics;

public sealed class LongReportPropertyTests
{
    private const int Ran = 0;
    private const int Threw = 1;
    private const int PanickedAgain = 2;

    [Fact]
    public void The_long_report_written_in_place_is_the_serialised_report_for_any_reason_notifier_outcomes_and_log()
    {
        var notifiers = Gen.Select(Utf8JsonStringTests.HardText, Gen.Frequency((6, Ran), (3, Threw), (1, PanickedAgain))).Array[0, 6];
        var log = Gen.Select(Utf8JsonStringTests.HardText, Utf8JsonStringTests.HardText).Array[0, 40];
        Gen.Select(Utf8JsonStringTests.HardText, notifiers, log, Gen.Int[256, 2048], Utf8JsonStringTests.HardText.Null())
            .Sample((reason, steps, lines, logBytes, message) =>
            {
                var runtime = PanicRuntime.CreateDetached(new PanicOptions
                {
                    SpoolDirectory = null,
                    NotifierBudget = TimeSpan.FromSeconds(30),
                    Deadline = TimeSpan.FromSeconds(120),
                    ReportForm = ReportForm.Long,
                    ReportLogBytes = logBytes,
                });
                for (var i = 0; i < steps.Length; i++)
                {
                    var (text, outcome) = steps[i];
                    var name = $"n{i} {text}";
                    runtime.Register(new PanicNotifier(name, (PanicList)(i % 4), (in PanicEvent e) => outcome switch
                    {
                        Threw => throw new InvalidOperationException(name),
                        PanickedAgain => Again(name),
                        _ => NotifyResult.Done,
                    }));
                }

                foreach (var (category, text) in lines)
                {
                    runtime.LogRing.Write(PanicPath.Logging.LogRecordLevel.Warning, category, text);
                }

                runtime.RunWithoutExit(PanicKind.Panic, reason, message is null ? null : Thrown(message));
                var built = runtime.BuildLastReport();

                Assert.Equal(Encoding.UTF8.GetString(built.ToUtf8Json()), Encoding.UTF8.GetString(runtime.LastReportBytes));
                Assert.Equal(built.Log, CrashReport.Parse(runtime.LastReportBytes).Log);
                Assert.Equal("long", built.Form);
            }, iter: 60);
    }

    private static NotifyResult Again(string reason)
    {
        Panic.Now(reason, new TimeoutException(reason));
        return NotifyResult.Done;
    }

    private static Exception Thrown(string message)
    {
        try
        {
            throw new InvalidOperationException(message);
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
