using System.Diagnostics;

namespace PanicPath.Reports;

/// <summary>
/// The short form's exception fields: the faulting method and a stable signature hash (FNV-1a over
/// the exception type and each frame's declaring type and method name; no offsets, lines or paths),
/// so that two deaths at the same place share a signature across builds and machines.
/// </summary>
internal static class StackSignature
{
    /// <summary>Describes <paramref name="exception"/>; an exception whose members throw gets its type name only.</summary>
    internal static ReportException DescribeSafely(Exception exception)
    {
        try
        {
            return Describe(exception);
        }
        catch (Exception)
        {
            var type = exception.GetType().FullName ?? exception.GetType().Name;
            return new ReportException { Type = type, Signature = Mix(14695981039346656037UL, type).ToString("x16", System.Globalization.CultureInfo.InvariantCulture) };
        }
    }

    internal static ReportException Describe(Exception exception)
    {
        var hash = 14695981039346656037UL;
        hash = Mix(hash, exception.GetType().FullName ?? exception.GetType().Name);
        string? method = null;
        var frames = new StackTrace(exception, fNeedFileInfo: false).GetFrames();
        foreach (var frame in frames)
        {
            var info = DiagnosticMethodInfo.Create(frame);
            if (info is null)
            {
                continue;
            }

            var name = info.DeclaringTypeName + "." + info.Name;
            method ??= name;
            hash = Mix(hash, name);
        }

        return new ReportException
        {
            Type = exception.GetType().FullName ?? exception.GetType().Name,
            Message = exception.Message,
            Hresult = exception.HResult,
            Method = method,
            Signature = hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static ulong Mix(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (hash ^ '|') * 1099511628211UL;
    }
}
