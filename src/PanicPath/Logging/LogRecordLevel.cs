namespace PanicPath.Logging;

/// <summary>The severity of a log record, with the values of Microsoft.Extensions.Logging's <c>LogLevel</c>.</summary>
public enum LogRecordLevel
{
    /// <summary>Trace.</summary>
    Trace = 0,

    /// <summary>Debug.</summary>
    Debug = 1,

    /// <summary>Information.</summary>
    Information = 2,

    /// <summary>Warning.</summary>
    Warning = 3,

    /// <summary>Error.</summary>
    Error = 4,

    /// <summary>Critical.</summary>
    Critical = 5,
}
