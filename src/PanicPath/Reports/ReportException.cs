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
}
