using System.Diagnostics;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

public sealed class CancellationTests
{
    [Fact]
    public async Task Cancelling_a_run_kills_the_child_and_throws()
    {
        using var temp = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        var output = new LineSignal("crasher hang pid ");
        var run = new ProcessSupervisor(Crasher.Options(temp, "hang", output: output)).RunAsync(cancel.Token);

        var line = await output.Seen.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var childPid = int.Parse(line["crasher hang pid ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(childPid));
    }

    /// <summary>A writer that completes <see cref="Seen"/> with the first line starting with a prefix.</summary>
    private sealed class LineSignal(string prefix) : StringWriter
    {
        public TaskCompletionSource<string> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.StartsWith(prefix, StringComparison.Ordinal))
            {
                Seen.TrySetResult(value);
            }
        }
    }
}
