using System.Text;
using PanicPath.Supervisor.Files;

namespace PanicPath.Cli.Commands.Rendering;

/// <summary>
/// Where a command's <c>--html FILE</c> page goes. <c>-</c> is the command's standard output (left open). Any other
/// path is opened as a file of ours (<see cref="PrivateFile"/>): created mode 0600 whatever the umask, opened without
/// following a symbolic link, refused when it is a directory, a link, a FIFO or device, or another user's file; a
/// regular file of this user's already there is replaced (emptied only once those checks have passed) and made 0600.
/// A path the command must not write over (its own input: the store's data directory, a scenario file it reads) is
/// refused too, before anything is opened. A refusal is one line on standard error naming the option and the path, and
/// no target (the command exits 2).
/// </summary>
internal sealed class HtmlOutput : IDisposable
{
    private readonly bool owned;

    private HtmlOutput(TextWriter writer, bool owned)
    {
        Writer = writer;
        this.owned = owned;
    }

    /// <summary>What the page is written to.</summary>
    public TextWriter Writer { get; }

    /// <summary>True when the page goes to standard output (the path was <c>-</c>).</summary>
    public bool IsStandardOutput => !owned;

    /// <summary>
    /// Opens <paramref name="path"/> given to <paramref name="option"/> (see the type's summary), or writes why not to
    /// <paramref name="error"/> and answers null. <paramref name="spared"/>: files and directories the page may not be
    /// nor lie in, each with what it is (<c>the data directory</c>, <c>a scenario file explored</c>).
    /// </summary>
    public static HtmlOutput? Open(string path, string option, TextWriter output, TextWriter error, params (string Path, string What)[] spared)
    {
        if (path == "-")
        {
            return new HtmlOutput(output, owned: false);
        }

        var full = Path.GetFullPath(path);
        foreach (var (keep, what) in spared)
        {
            var kept = Path.TrimEndingDirectorySeparator(Path.GetFullPath(keep));
            if (full == kept || full.StartsWith(kept + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                error.WriteLine($"panicpath: {option}: {full}: {(full == kept ? "is" : "lies in")} {what} ({kept}); refusing to write the page there");
                return null;
            }
        }

        FileStream stream;
        try
        {
            // Create empties a file only once it is known to be ours.
            stream = PrivateFile.Open(path, FileMode.Create, FileAccess.Write);
        }
        catch (UnsafePathException e)
        {
            error.WriteLine($"panicpath: {option}: {e.Path}: {e.Reason}");
            return null;
        }
        catch (FileNotFoundException e)
        {
            error.WriteLine($"panicpath: {option}: {Path.GetFullPath(path)}: {e.Message}");
            return null;
        }

        return new HtmlOutput(new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)), owned: true);
    }

    /// <summary>Flushes the page; closes the file (standard output stays open).</summary>
    public void Dispose()
    {
        Writer.Flush();
        if (owned)
        {
            Writer.Dispose();
        }
    }
}
