using System.Text.Json;
using System.Text.Json.Serialization;

namespace PanicPath.Reports;

/// <summary>
/// The exception of a crash report: type, message, HResult, faulting method and stack signature hash; and,
/// optional in the wire format (absent in reports that do not carry them), its stack trace as text lines
/// without PanicPath's own panic-path frames (<see cref="StackTrace"/>) and its inner exceptions in the same
/// form (<see cref="Inner"/>), bounded in depth, count and text (see <see cref="StackSignature"/>).
/// </summary>
public sealed class ReportException
{
    /// <summary>Full name of the exception type.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The exception's message.</summary>
    public string Message { get; set; } = string.Empty;

    /// <summary>The exception's HResult.</summary>
    public int Hresult { get; set; }

    /// <summary>The method that threw (<c>Namespace.Type.Method</c>), when known.</summary>
    public string? Method { get; set; }

    /// <summary>A stable hash of the type and the frames' methods (no offsets or lines), as 16 hex digits.</summary>
    public string Signature { get; set; } = string.Empty;

    /// <summary>
    /// The stack trace as the runtime writes it, one frame a line (<c>at Namespace.Type.Method(Args) in File:line N</c>,
    /// <c>--- End of stack trace from previous location ---</c>), top first, without the panic path's frames on top
    /// (<see cref="FrameName.WithoutPanicPath"/>); a last line <c>... N more frames</c> when it was cut. Null when unknown.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? StackTrace { get; set; }

    /// <summary>
    /// The inner exceptions, in the same form: an <see cref="AggregateException"/>'s every inner exception, any
    /// other's <see cref="Exception.InnerException"/>. Null when there are none (or the bound was reached).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ReportException>? Inner { get; set; }

    /// <summary>
    /// The type, message, method and stack lines JSON-escaped when the exception was described (<see cref="Encode"/>),
    /// so that the panic path writes them as they are: escaping a long value while writing rents a buffer, which
    /// allocates on a thread that has not rented one of that size before. A text changed since is escaped as written.
    /// </summary>
    internal Encoded[]? EncodedTexts;

    /// <summary>Escapes <see cref="Type"/>, <see cref="Message"/>, <see cref="Method"/> and each stack line now (see <see cref="EncodedTexts"/>).</summary>
    internal void Encode()
    {
        var lines = StackTrace ?? [];
        var encoded = new Encoded[3 + lines.Count];
        encoded[0] = Of(Type);
        encoded[1] = Of(Message);
        encoded[2] = Of(Method);
        for (var i = 0; i < lines.Count; i++)
        {
            encoded[3 + i] = Of(lines[i]);
        }

        EncodedTexts = encoded;
    }

    /// <summary>The text escaped; none (written as it is then) for null or a text that is not valid UTF-16, which the writer replaces itself.</summary>
    private static Encoded Of(string? text)
    {
        if (text is null)
        {
            return default;
        }

        try
        {
            return new Encoded(text, JsonEncodedText.Encode(text));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return default;
        }
    }

    /// <summary>A text and its JSON-escaped form.</summary>
    internal readonly record struct Encoded(string? Text, JsonEncodedText Json);
}
