using System.Text;

namespace PanicPath.Cli.Commands.Rendering;

/// <summary>
/// A writer that drops the spaces at the end of every line before passing it to <paramref name="inner"/> (a table's
/// last column is padded to its width): it holds back a run of spaces until it sees what follows. Spaces followed
/// only by ANSI escape sequences (a colour reset) before the line ends are dropped too. <see cref="Flush"/> passes on
/// what is held, so nothing is lost at the end of the output.
/// </summary>
internal sealed class TrimmedLines(TextWriter inner) : TextWriter
{
    private readonly StringBuilder spaces = new();
    private readonly StringBuilder escapes = new();
    private bool inEscape;

    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value)
    {
        if (inEscape)
        {
            escapes.Append(value);
            inEscape = !char.IsAsciiLetter(value);
            return;
        }

        switch (value)
        {
            case ' ':
                (escapes.Length > 0 ? escapes : spaces).Append(value);
                return;
            case '\u001b' when spaces.Length > 0:
                escapes.Append(value);
                inEscape = true;
                return;
            case '\n' or '\r':
                // Escape sequences hold no spaces: what is dropped here is only the padding between them.
                inner.Write(escapes.ToString().Replace(" ", string.Empty, StringComparison.Ordinal));
                spaces.Clear();
                escapes.Clear();
                inner.Write(value);
                return;
            default:
                Release();
                inner.Write(value);
                return;
        }
    }

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count)
    {
        for (var i = index; i < index + count; i++)
        {
            Write(buffer[i]);
        }
    }

    /// <inheritdoc/>
    public override void Flush()
    {
        Release();
        inner.Flush();
    }

    /// <summary>Passes on the held spaces and escape sequences: what followed them was not the end of the line.</summary>
    private void Release()
    {
        inner.Write(spaces.ToString());
        inner.Write(escapes.ToString());
        spaces.Clear();
        escapes.Clear();
    }
}
