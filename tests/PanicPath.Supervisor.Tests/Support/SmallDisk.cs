using System.Diagnostics;

namespace PanicPath.Supervisor.Tests.Support;

/// <summary>
/// A small tmpfs (1 MiB unless told) mounted on a fresh directory, for deaths on a full disk (needs root and <c>mount</c>;
/// see <see cref="Requirement"/>). <see cref="Fill"/> takes every free byte with one file,
/// <see cref="Free"/> deletes it; dispose unmounts (lazily when something still holds it open), so no
/// mount is ever left behind.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    private string FillPath => System.IO.Path.Combine(Path, "fill");

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (as <c>mount -o size=</c> takes it) on <paramref name="path"/>.</summary>
    public static SmallDisk Mount(string path, string why, string size = "1m")
    {
        Requirement.Root(why);
        Requirement.Command("mount", why);
        Requirement.Command("umount", why);
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", path);
        return new SmallDisk(path);
    }

    /// <summary>Writes one file until the disk refuses another byte.</summary>
    public void Fill()
    {
        using var fill = new FileStream(FillPath, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = 0 });
        foreach (var size in (int[])[65536, 4096, 512, 1])
        {
            var chunk = new byte[size];
            try
            {
                while (true)
                {
                    fill.Write(chunk);
                }
            }
            catch (IOException)
            {
                // Full at this granularity; try smaller pieces.
            }
        }
    }

    /// <summary>Makes the disk read-only (remounted; its files stay as they are).</summary>
    public void MakeReadOnly() => Run("mount", "-o", "remount,ro", Path);

    /// <summary>Gives the filled space back.</summary>
    public void Free() => File.Delete(FillPath);

    public void Dispose()
    {
        if (!TryRun("umount", Path))
        {
            TryRun("umount", "-l", Path);
        }
    }

    private static void Run(string command, params string[] args)
    {
        if (!TryRun(command, args))
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed");
        }
    }

    private static bool TryRun(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
