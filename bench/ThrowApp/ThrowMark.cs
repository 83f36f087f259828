using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ThrowApp;

/// <summary>
/// The moment of the throw: <see cref="Stopwatch.GetTimestamp"/> (CLOCK_MONOTONIC on Linux, the same
/// clock in every process of the machine), written in decimal to a file the benchmark names in
/// <c>THROWAPP_MARK</c>. The file is opened before the mark is taken, so that only the write (no fsync)
/// stands between the mark and the throw.
/// </summary>
internal sealed class ThrowMark(FileStream file)
{
    /// <summary>The environment variable naming the mark's file.</summary>
    public const string EnvironmentVariable = "THROWAPP_MARK";

    /// <summary>Creates the mark's file (it must not exist yet).</summary>
    public static ThrowMark Open(string path) => new(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1));

    /// <summary>Takes the mark now and writes it.</summary>
    public void Write()
    {
        var now = Stopwatch.GetTimestamp();
        file.Write(Encoding.ASCII.GetBytes(now.ToString(CultureInfo.InvariantCulture)));
        file.Flush();
    }
}
