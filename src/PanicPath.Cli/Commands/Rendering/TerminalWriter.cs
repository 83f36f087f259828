using System.Text;

namespace PanicPath.Cli.Commands.Rendering;

/// <summary>
/// A writer that passes everything to <paramref name="inner"/> and says which <see cref="Rendering.Terminal"/> it
/// stands for: how a caller (a test, a host) tells the commands that their output is a terminal of a given width.
/// </summary>
public sealed class TerminalWriter(TextWriter inner, Terminal terminal) : TextWriter
{
    /// <summary>The terminal the output goes to.</summary>
    public Terminal Terminal { get; } = terminal;

    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value) => inner.Write(value);

    /// <inheritdoc/>
    public override void Write(string? value) => inner.Write(value);

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => inner.Write(buffer, index, count);

    /// <inheritdoc/>
    public override void WriteLine(string? value) => inner.WriteLine(value);

    /// <inheritdoc/>
    public override void Flush() => inner.Flush();
}
