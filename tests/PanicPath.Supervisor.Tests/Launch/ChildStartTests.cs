using PanicPath.Supervisor.Launch;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Launch;

public sealed class ChildStartTests
{
    [Fact]
    public async Task A_command_that_does_not_exist_is_not_found()
    {
        using var temp = new TempDirectory();
        var error = await Start(temp.Sub("no-such-program"));

        Assert.True(error.NotFound);
    }

    [Fact]
    public async Task An_empty_command_is_not_found_rather_than_an_invalid_operation()
    {
        var error = await Start(string.Empty);

        Assert.True(error.NotFound);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_execute_permission_exists_but_cannot_be_executed()
    {
        using var temp = new TempDirectory();
        var script = temp.Sub("script.sh");
        File.WriteAllText(script, "#!/bin/sh\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var error = await Start(script);

        Assert.False(error.NotFound);
        Assert.Contains(script, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_exists_but_cannot_be_executed()
    {
        using var temp = new TempDirectory();
        var error = await Start(temp.Path);

        Assert.False(error.NotFound);
    }

    private static Task<ChildStartException> Start(string command) =>
        Assert.ThrowsAsync<ChildStartException>(() => ChildProcess.RunAsync(command, [], new Dictionary<string, string?>(), 10, TextWriter.Null, TextWriter.Null, forwarder: null));
}
