using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PanicPath.Model.Explorer;

/// <summary>
/// A <see cref="Utf8JsonWriter"/> whose bytes go to a <see cref="TextWriter"/> each time <see cref="Flush"/> is
/// called, so a long document is written piece by piece and never held whole: a caller flushes after each
/// bounded item (a violation, an invariant). Disposing flushes what is left.
/// </summary>
public sealed class JsonTextWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> buffer = new(16 * 1024);
    private readonly TextWriter output;

    /// <summary>Writes indented JSON to <paramref name="output"/>.</summary>
    public JsonTextWriter(TextWriter output)
    {
        this.output = output;
        Json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true });
    }

    /// <summary>The writer to write the document with.</summary>
    public Utf8JsonWriter Json { get; }

    /// <summary>Moves what has been written so far to the text writer.</summary>
    public void Flush()
    {
        Json.Flush();
        if (buffer.WrittenCount > 0)
        {
            output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
            buffer.ResetWrittenCount();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Flush();
        Json.Dispose();
    }
}
