using System.Text.Json;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

/// <summary>
/// The exception of a real death in its stored record and in <c>reports show</c>: type, message and the stack
/// with inner exceptions, from the in-process report with PanicPath and from the runtime's own words without it,
/// never with PanicPath's frames, while the captured standard error keeps them.
/// </summary>
public sealed class DeathExceptionRecordTests
{
    [Theory]
    [InlineData("unhandled", "System.InvalidOperationException", "crasher unhandled", new[] { "at Crashers.Deaths.Throw()" })]
    [InlineData("panicpath-unhandled", "System.InvalidOperationException", "crasher unhandled", new[] { "at Crashers.Deaths.Throw()" })]
    [InlineData("inner", "System.InvalidOperationException", "crasher nested", new[] { " ---> System.IO.IOException: crasher inner", "ReadDisk", "   --- End of inner exception stack trace ---", "ReadOrderAsync" })]
    [InlineData("panicpath-inner", "System.InvalidOperationException", "crasher nested", new[] { " ---> System.IO.IOException: crasher inner", "ReadDisk", "   --- End of inner exception stack trace ---", "ReadOrderAsync" })]
    [InlineData("aggregate", "System.AggregateException", "crasher aggregate (crasher unhandled) (crasher nested)", new[] { " ---> System.InvalidOperationException: crasher unhandled", "(Inner Exception #1) System.InvalidOperationException: crasher nested", "System.IO.IOException: crasher inner" })]
    [InlineData("panicpath-aggregate", "System.AggregateException", "crasher aggregate (crasher unhandled) (crasher nested)", new[] { " ---> System.InvalidOperationException: crasher unhandled", "(Inner Exception #1) System.InvalidOperationException: crasher nested", "System.IO.IOException: crasher inner" })]
    public async Task A_crash_s_exception_is_stored_with_its_type_message_and_stack_with_inner_exceptions_and_shown(string mode, string type, string message, string[] inStack)
    {
        using var temp = new TempDirectory();
        await CliRun.RunCrasher(temp, mode);

        var (_, json, _) = await CliRun.Run("reports", "show", "1", "--data", temp.Sub("data"), "--json");
        var record = JsonDocument.Parse(json).RootElement;
        var stack = record.GetProperty("exceptionStack").GetString()!;
        Assert.Equal(type, record.GetProperty("exceptionType").GetString());
        Assert.Equal(message, record.GetProperty("exceptionMessage").GetString());
        Assert.StartsWith($"{type}: {message}", stack, StringComparison.Ordinal);
        Assert.All(inStack, s => Assert.Contains(s, stack, StringComparison.Ordinal));
        Assert.DoesNotContain("at PanicPath.", stack, StringComparison.Ordinal);
        if (mode.StartsWith("panicpath-", StringComparison.Ordinal))
        {
            Assert.Contains("at PanicPath.", record.GetProperty("stderrTail").GetString(), StringComparison.Ordinal); // the tail is evidence, kept as captured
        }

        var (_, table, _) = await CliRun.Run("reports", "show", "1", "--data", temp.Sub("data"));
        Assert.Contains($"{type}: {message}", table, StringComparison.Ordinal);
        Assert.Contains(inStack[0].Trim(), table, StringComparison.Ordinal);
    }
}
