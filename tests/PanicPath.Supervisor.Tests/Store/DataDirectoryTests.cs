using PanicPath.Supervisor.Store;

namespace PanicPath.Supervisor.Tests.Store;

public sealed class DataDirectoryTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void An_explicit_directory_wins_over_the_environment()
    {
        Assert.Equal("/x/explicit", DataDirectory.Resolve("/x/explicit", Env(("PANICPATH_DATA", "/x/env"), ("XDG_DATA_HOME", "/x/xdg"))));
    }

    [Fact]
    public void PANICPATH_DATA_wins_over_the_per_user_default()
    {
        Assert.Equal("/x/env", DataDirectory.Resolve(null, Env(("PANICPATH_DATA", "/x/env"), ("XDG_DATA_HOME", "/x/xdg"))));
    }

    [Fact]
    public void The_per_user_default_follows_XDG_DATA_HOME_then_HOME()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // The local application data folder there.
        }

        Assert.Equal("/x/xdg/panicpath", DataDirectory.Resolve(null, Env(("XDG_DATA_HOME", "/x/xdg"), ("HOME", "/home/u"))));
        Assert.Equal("/home/u/.local/share/panicpath", DataDirectory.Resolve(null, Env(("HOME", "/home/u"))));
    }
}
