namespace PanicPath.Reports;

/// <summary>The exception of a crash report: type, message, HResult, faulting method and stack signature hash.</summary>
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
}
