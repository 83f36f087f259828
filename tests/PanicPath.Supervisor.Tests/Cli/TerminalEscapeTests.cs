using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// A crashing app that writes terminal escape sequences (set the window title, clear the screen, a C1 CSI) to
/// its standard error, recorded by a real <c>panicpath run</c>: <c>reports show</c> and <c>reports list</c> print
/// them as visible pictures, never as the control characters that would act on the reader's terminal.
/// </summary>
public sealed class TerminalEscapeTests
{
    [Fact]
    public async Task Escape_sequences_an_app_wrote_are_shown_as_pictures_by_reports_and_never_reach_the_terminal()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        var environment = new Dictionary<string, string?>();
        var (exit, _, _) = await CliProcess.Run(environment, "run", "--data", data, "--", "/bin/bash", "-c", "printf '\\033]0;pwned\\007\\033[2Jcleared\\302\\2331m\\n' >&2; exit 3");
        Assert.Equal(3, exit);

        var (shown, output, error) = await CliProcess.Run(environment, "reports", "show", "1", "--data", data);
        Assert.True(shown == 0, error);
        Assert.Contains("␛]0;pwned␇␛[2Jcleared\uFFFD1m", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
        Assert.DoesNotContain('\u009b', output);
    }
}
