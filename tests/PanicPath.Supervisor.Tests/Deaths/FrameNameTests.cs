using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.Tests.Deaths;

/// <summary>The frame normaliser on frame strings as the runtime writes them in Debug and Release builds.</summary>
public sealed class FrameNameTests
{
    [Theory]
    // The runtime's crash-report JSON (method_name) and standard error, Debug and Release, for one crash.
    [InlineData("Crashers.Deaths+<>c.<Unhandled>b__1_0()", "Crashers.Deaths.Unhandled.lambda")]
    [InlineData("   at Crashers.Deaths.<>c.<Unhandled>b__1_0() in /work/main/tests/Crashers/Deaths.cs:line 17", "Crashers.Deaths.Unhandled.lambda")]
    [InlineData("at Crashers.Deaths.Throw() in /home/ci/src/tests/Crashers/Deaths.cs:line 62", "Crashers.Deaths.Throw")]
    [InlineData("Crashers.Deaths.Throw()", "Crashers.Deaths.Throw")]
    [InlineData("   at Crashers.Deaths.Throw() in C:\\src\\Crashers\\Deaths.cs:line 62", "Crashers.Deaths.Throw")]
    [InlineData("   at Crashers.Deaths.Throw()", "Crashers.Deaths.Throw")]
    [InlineData("   at Crashers.Deaths.Throw() in Deaths.cs:0", "Crashers.Deaths.Throw")]
    [InlineData("  at Crashers.Deaths.Throw () [0x0000a] in <8a1b2c>:0", "Crashers.Deaths.Throw")]
    [InlineData("Crashers.Deaths.Throw() + 0x1a", "Crashers.Deaths.Throw")]
    [InlineData("System.Threading.Thread.StartCallback()", "System.Threading.Thread.StartCallback")]
    // Closures, async and iterator state machines, local functions.
    [InlineData("App.Program+<>c__DisplayClass0_0.<Main>b__0_1(System.String)", "App.Program.Main.lambda")]
    [InlineData("App.Program.<>c__DisplayClass2_1.<Main>b__3()", "App.Program.Main.lambda")]
    [InlineData("App.Worker+<RunAsync>d__5.MoveNext()", "App.Worker.RunAsync")]
    [InlineData("   at App.Worker.<RunAsync>d__5.MoveNext() in /src/Worker.cs:line 40", "App.Worker.RunAsync")]
    [InlineData("App.Worker.<Items>d__3.MoveNext()", "App.Worker.Items")]
    [InlineData("App.Program.<M>g__Local|1_0(Int32)", "App.Program.M.Local")]
    [InlineData("App.Program+<>c__DisplayClass1_0.<M>g__Local|0()", "App.Program.M.Local")]
    [InlineData("App.Worker+<RunAsync>d__5+<>c.<RunAsync>b__5_0()", "App.Worker.RunAsync.lambda")]
    // Generic arity kept.
    [InlineData("App.Cache`1.Get(System.String)", "App.Cache`1.Get")]
    [InlineData("App.Cache`1+<LoadAsync>d__4[TKey].MoveNext()", "App.Cache`1.LoadAsync")]
    [InlineData("App.Util.Parse[T](System.String)", "App.Util.Parse[T]")]
    public void A_frame_is_reduced_to_its_type_and_method_without_offsets_lines_paths_or_compiler_numbers(string frame, string expected)
    {
        Assert.Equal(expected, FrameName.Normalise(frame));
    }

    [Theory]
    [InlineData("System.Runtime.CompilerServices.AsyncMethodBuilderCore.Start[TStateMachine](TStateMachine ByRef)")]
    [InlineData("   at System.Runtime.CompilerServices.TaskAwaiter.ThrowForNonSuccess(System.Threading.Tasks.Task)")]
    [InlineData("System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw()")]
    [InlineData("--- End of stack trace from previous location ---")]
    [InlineData("PanicPath.Panics.PanicRuntime.FailFast(System.String)")]
    [InlineData("   at PanicPath.Panics.PanicRun.Exit(Int32) in /work/main/src/PanicPath/Panics/PanicRun.cs:line 300")]
    [InlineData("")]
    public void Plumbing_and_PanicPath_frames_are_dropped(string frame)
    {
        Assert.Null(FrameName.Normalise(frame));
    }

    [Fact]
    public void A_namespace_that_only_starts_like_PanicPath_is_the_app_s_own()
    {
        Assert.Equal("PanicPathology.Ward.Admit", FrameName.Normalise("PanicPathology.Ward.Admit()"));
    }

    [Fact]
    public void The_same_crash_from_the_crash_report_and_from_standard_error_has_one_signature()
    {
        string[] report = ["Crashers.Deaths.Throw()", "Crashers.Deaths+<>c.<Unhandled>b__1_0()", "System.Threading.Thread.StartCallback()"];
        string[] stderr =
        [
            "   at Crashers.Deaths.Throw() in /work/main/tests/Crashers/Deaths.cs:line 62",
            "   at Crashers.Deaths.<>c.<Unhandled>b__1_0() in /work/main/tests/Crashers/Deaths.cs:line 17",
            "   at System.Threading.Thread.StartCallback()",
        ];

        Assert.Equal(
            DeathSignature.Of(DeathCause.UnhandledException, "System.InvalidOperationException", report),
            DeathSignature.Of(DeathCause.UnhandledException, "System.InvalidOperationException", stderr));
    }

    [Fact]
    public void An_async_crash_as_the_stack_trace_text_and_as_the_frames_method_names_give_it_has_one_signature()
    {
        // One crash (a lambda in a local function of an async method), written by .NET 10 in Debug and
        // Release alike: Exception.StackTrace's text, and DiagnosticMethodInfo's type and method names.
        string[] text =
        [
            "   at P.<>c.<RunAsync>b__0_1() in /tmp/app/app.cs:line 3",
            "   at P.<RunAsync>g__Local|0_0() in /tmp/app/app.cs:line 3",
            "   at P.RunAsync() in /tmp/app/app.cs:line 3",
            "   at P.Main() in /tmp/app/app.cs:line 5",
        ];
        string[] methods =
        [
            "P+<>c.<RunAsync>b__0_1",
            "P.<RunAsync>g__Local|0_0",
            "P+<RunAsync>d__0.MoveNext",
            "System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw",
            "System.Runtime.CompilerServices.TaskAwaiter.ThrowForNonSuccess",
            "System.Runtime.CompilerServices.TaskAwaiter.HandleNonSuccessAndDebuggerNotification",
            "P.Main",
        ];

        Assert.Equal(["P.RunAsync.lambda", "P.RunAsync.Local", "P.RunAsync", "P.Main"], FrameName.NormaliseAll(methods));
        Assert.Equal(DeathSignature.Of("c", "System.InvalidOperationException", text), DeathSignature.Of("c", "System.InvalidOperationException", methods));
    }

    [Fact]
    public void PanicPath_frames_on_top_do_not_change_a_signature_and_do_not_take_the_place_of_app_frames()
    {
        string[] app = ["App.A()", "App.B()", "App.C()", "App.D()", "App.E()", "App.F()"];
        string[] throughPanicPath = ["PanicPath.Panics.PanicRuntime.FailFast(System.String)", "PanicPath.Panics.PanicRun.Exit(Int32)", "System.Runtime.CompilerServices.TaskAwaiter.GetResult()", .. app];

        Assert.Equal(DeathSignature.Of("fail-fast", "t", app), DeathSignature.Of("fail-fast", "t", throughPanicPath));
    }

    [Fact]
    public void Every_namespace_of_PanicPath_s_libraries_is_PanicPath_s_own_and_the_tests_and_tools_namespaces_are_not()
    {
        var libraries = new[] { typeof(PanicPath.Panics.Panic).Assembly, typeof(PanicPath.Hosting.PanicPathServiceCollectionExtensions).Assembly };
        var namespaces = libraries.SelectMany(a => a.GetTypes()).Select(t => t.Namespace).OfType<string>().Where(n => n.StartsWith("PanicPath", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Contains("PanicPath.Hosting", namespaces);

        Assert.All(namespaces, n => Assert.True(FrameName.IsPanicPath($"{n}.SomeType.Method()"), n));
        Assert.All(namespaces, n => Assert.Null(FrameName.Normalise($"   at {n}.SomeType.Method() in /src/x.cs:line 1")));
        Assert.False(FrameName.IsPanicPath("PanicPath.Hosting.Tests.HostTests.Throw()"));
        Assert.False(FrameName.IsPanicPath("PanicPath.Supervisor.Tests.Deaths.FrameNameTests.Throw()"));
        Assert.False(FrameName.IsPanicPath("PanicPath.Tests.Reports.CrashReportTests.Thrower()"));
        Assert.False(FrameName.IsPanicPath("PanicPathology.Ward.Admit()"));
        Assert.Equal("PanicPath.Tests.Reports.CrashReportTests.Thrower", FrameName.Normalise("PanicPath.Tests.Reports.CrashReportTests.Thrower()"));
    }

    [Fact]
    public void The_panic_path_s_frames_on_top_of_a_dying_thread_are_left_out_and_the_app_s_frames_below_kept_as_written()
    {
        // The crashing thread's frames in the runtime's crash report of a death through PanicPath's fail-fast exit.
        string[] thread =
        [
            "System.Environment.FailFast(System.Threading.StackCrawlMark ByRef, System.String, System.Exception, System.String)",
            "System.Environment.FailFast(System.String)",
            "PanicPath.Panics.PathEnding.Terminate(Int32, System.String)",
            "PanicPath.Panics.PanicRuntime.FinishPath()",
            "PanicPath.Panics.PanicRun.Walk()",
            "PanicPath.Panics.PanicRuntime.Panic(PanicPath.Panics.PanicKind, System.String, System.Exception)",
            "PanicPath.Panics.PanicRuntime.OnUnhandledException(System.Object, System.UnhandledExceptionEventArgs)",
            "System.AppContext.OnUnhandledException(System.Object)",
            "System.Runtime.EH.DispatchEx(System.Runtime.StackFrameIterator ByRef, ExInfo ByRef)",
            "Crashers.Deaths.Throw()",
            "Crashers.Deaths+<>c.<Unhandled>b__1_0()",
            "System.Threading.Thread.StartCallback()",
        ];

        Assert.Equal(thread[9..], FrameName.WithoutPanicPath(thread));
    }

    [Fact]
    public void Frames_without_PanicPath_on_top_are_kept_whole_even_the_runtime_s_fail_fast_and_PanicPath_further_down()
    {
        string[] failFast = ["at System.Environment.FailFast(System.String)", "at Crashers.Deaths.FailFast()", "at Program.<Main>$(System.String[])"];
        string[] handler = ["at App.Handler.OnPanic(PanicPath.Panics.PanicEvent ByRef)", "at PanicPath.Notifiers.NotifierChain.Call()", "at App.Main()"];

        Assert.Equal(failFast, FrameName.WithoutPanicPath(failFast));
        Assert.Equal(handler, FrameName.WithoutPanicPath(handler));
        Assert.Equal(["at App.Main()"], FrameName.WithoutPanicPath(["at PanicPath.Panics.Panic.Now(System.String)", "at App.Main()"]));
    }
}
