using System.Diagnostics;
using PanicPath.Model.Scenarios;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Model.Tests.Scenarios;

/// <summary>A fresh temporary directory of scenario files for one test, deleted with everything in it at the end.</summary>
internal sealed class ScenarioFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("panicpath-include-").FullName;

    /// <summary>The path of <paramref name="name"/> (relative to the folder).</summary>
    public string Path(string name) => System.IO.Path.Combine(Root, name);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/>, creating its directory; answers its path.</summary>
    public string Write(string name, string text)
    {
        var path = Path(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Makes a FIFO named <paramref name="name"/> with <c>mkfifo</c>; answers its path.</summary>
    public string Fifo(string name)
    {
        var mkfifo = Requirement.Command("mkfifo", "a FIFO where a scenario file is expected");
        var path = Path(name);
        using var process = Process.Start(mkfifo, [path]);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return path;
    }

    /// <summary>Reads and compiles <paramref name="name"/>.</summary>
    public Scenario Parse(string name) => ScenarioParser.ParseFile(Path(name));

    /// <summary>The error reading and compiling <paramref name="name"/>.</summary>
    public ScenarioException Error(string name) => Assert.Throws<ScenarioException>(() => Parse(name));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
