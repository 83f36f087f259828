using System.Runtime.CompilerServices;
using System.Text;
using PanicPath.Lists;
using PanicPath.Panics;
using PanicPath.Reports;
using PanicPath.Tests.Panics;

namespace PanicPath.Tests.Reports;

/// <summary>The exception in the report: its stack trace as text lines, its inner exceptions, their bounds.</summary>
public sealed class ReportExceptionTests
{
    [Fact]
    public void The_report_carries_the_exception_s_stack_trace_as_lines_and_its_inner_exceptions_and_reads_back()
    {
        var h = new PathHarness(new PanicOptions { SpoolDirectory = null });
        h.Add("runs", PanicList.Final);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", Wrapped());
        var read = CrashReport.Parse(h.Runtime.LastReportBytes);

        var outer = read.Exception!;
        Assert.Equal("System.InvalidOperationException", outer.Type);
        Assert.Equal("order 7 failed", outer.Message);
        Assert.NotNull(outer.StackTrace);
        Assert.StartsWith($"at {typeof(ReportExceptionTests).FullName}.{nameof(Wrapped)}()", outer.StackTrace[0], StringComparison.Ordinal);
        var inner = Assert.Single(outer.Inner!);
        Assert.Equal("System.IO.IOException", inner.Type);
        Assert.Equal("disk gone", inner.Message);
        Assert.Contains(inner.StackTrace!, l => l.StartsWith($"at {typeof(ReportExceptionTests).FullName}.{nameof(ThrowIo)}()", StringComparison.Ordinal));
        Assert.Null(inner.Inner);
        Assert.Equal(Encoding.UTF8.GetString(report.ToUtf8Json()), Encoding.UTF8.GetString(h.Runtime.LastReportBytes));
    }

    [Fact]
    public void Every_inner_exception_of_an_AggregateException_is_in_the_report_each_with_its_own_inner()
    {
        var aggregate = new AggregateException("several", Caught(() => ThrowIo()), Caught(() => throw new TimeoutException("slow")), new InvalidOperationException("wrapped", Caught(() => throw new FormatException("bad"))));

        var described = StackSignature.DescribeSafely(aggregate);

        Assert.Equal(["System.IO.IOException", "System.TimeoutException", "System.InvalidOperationException"], described.Inner!.Select(i => i.Type));
        Assert.Equal("System.FormatException", Assert.Single(described.Inner![2].Inner!).Type);
        Assert.Null(described.StackTrace); // made, never thrown
        Assert.NotNull(described.Inner[0].StackTrace);
        var report = new CrashReport { Exception = described };
        Assert.Equal(Encoding.UTF8.GetString(report.ToUtf8Json()), Encoding.UTF8.GetString(CrashReport.Parse(report.ToUtf8Json()).ToUtf8Json()));
    }

    [Fact]
    public void Inner_exceptions_are_described_eight_levels_deep_and_thirty_two_in_all()
    {
        Exception deep = new IOException("level 20");
        for (var level = 19; level >= 0; level--)
        {
            deep = new InvalidOperationException($"level {level}", deep);
        }

        var wide = new AggregateException(Enumerable.Range(0, 100).Select(i => new AggregateException($"branch {i}", new IOException($"leaf {i}"))));

        Assert.Equal(StackSignature.MaxDepth + 1, Depth(StackSignature.DescribeSafely(deep)));
        Assert.Equal("level 8", Last(StackSignature.DescribeSafely(deep)).Message);
        Assert.Equal(StackSignature.MaxExceptions, Count(StackSignature.DescribeSafely(wide)));
    }

    [Fact]
    public void A_deep_stack_keeps_its_top_frames_and_says_how_many_more_there_were()
    {
        var thrown = Caught(() => Recurse(200));

        var lines = StackSignature.DescribeSafely(thrown).StackTrace!;

        Assert.Equal(StackSignature.MaxFrames, lines.Count);
        Assert.Contains(nameof(Recurse), lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^\.\.\. \d+ more frames$", lines[^1]);
        Assert.All(lines, l => Assert.True(l.Length <= StackSignature.MaxLineChars + 1));
    }

    [Fact]
    public void An_inner_exception_whose_message_throws_is_named_by_its_type_and_the_others_are_described()
    {
        var aggregate = new AggregateException(new HostileException(), new IOException("fine"));

        var described = StackSignature.DescribeSafely(aggregate);

        Assert.Equal(typeof(HostileException).FullName, described.Inner![0].Type);
        Assert.Equal("fine", described.Inner[1].Message);
    }

    [Fact]
    public void A_report_too_large_for_a_slot_record_keeps_the_exception_s_top_frames_before_dropping_notifiers()
    {
        var report = new CrashReport
        {
            Exception = new ReportException
            {
                Type = "System.InvalidOperationException",
                Message = "outer",
                Signature = "0123456789abcdef",
                StackTrace = [.. Enumerable.Range(0, 64).Select(i => $"at App.Worker.Step{i}() in /src/app/Worker.cs:line {i}")],
                Inner = [new ReportException { Type = "System.IO.IOException", Message = "inner", StackTrace = [.. Enumerable.Range(0, 64).Select(i => $"at App.Disk.Write{i}() in /src/app/Disk.cs:line {i}")] }],
            },
        };
        report.Notifiers.Add(new NotifierRecord { Name = "flush", List = "supervisor", Outcome = "ran" });

        var fitted = CrashReport.Parse(SlotFile.FitReport(report.ToUtf8Json()));

        Assert.True(SlotFile.FitReport(report.ToUtf8Json()).Length <= SlotFile.Capacity);
        Assert.Equal("at App.Worker.Step0() in /src/app/Worker.cs:line 0", fitted.Exception!.StackTrace![0]);
        Assert.Equal("inner", Assert.Single(fitted.Exception.Inner!).Message);
        Assert.Single(fitted.Notifiers);
    }

    [Fact]
    public void The_in_process_signature_is_made_of_normalised_frames_so_a_lambda_s_compiler_number_does_not_change_it()
    {
        var described = StackSignature.DescribeSafely(Caught(() => ThrowIo()));
        var frames = new System.Diagnostics.StackTrace(Caught(() => ThrowIo()), false).GetFrames()
            .Select(System.Diagnostics.DiagnosticMethodInfo.Create).OfType<System.Diagnostics.DiagnosticMethodInfo>()
            .Select(i => i.DeclaringTypeName + "." + i.Name).ToList();
        Assert.Contains(frames, f => f.Contains(">b__", StringComparison.Ordinal)); // a compiler-named lambda is among them

        var hash = Fnv(Fnv(14695981039346656037UL, "System.IO.IOException"), FrameName.NormaliseAll(frames));

        Assert.Equal(hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture), described.Signature);
    }

    private static ulong Fnv(ulong hash, IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            hash = Fnv(hash, text);
        }

        return hash;
    }

    private static ulong Fnv(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (hash ^ '|') * 1099511628211UL;
    }

    private static int Depth(ReportException e) => 1 + (e.Inner is { Count: > 0 } inner ? inner.Max(Depth) : 0);

    private static int Count(ReportException e) => 1 + (e.Inner?.Sum(Count) ?? 0);

    private static ReportException Last(ReportException e) => e.Inner is { Count: > 0 } inner ? Last(inner[0]) : e;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Exception Wrapped()
    {
        try
        {
            try
            {
                ThrowIo();
            }
            catch (IOException e)
            {
                throw new InvalidOperationException("order 7 failed", e);
            }
        }
        catch (Exception e)
        {
            return e;
        }

        throw new InvalidOperationException("unreachable");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowIo() => throw new IOException("disk gone");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Recurse(int depth) => depth == 0 ? throw new InvalidOperationException("bottom") : Recurse(depth - 1) + 1;

    private static Exception Caught(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }

        throw new InvalidOperationException("unreachable");
    }

    private sealed class HostileException : Exception
    {
        public override string Message => throw new InvalidOperationException("message unavailable");
    }
}
