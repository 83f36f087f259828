using System.Diagnostics;
using System.Globalization;

namespace PanicPath.Reports;

/// <summary>
/// Describes an exception for a report (<see cref="ReportException"/>): the faulting method; a stable signature
/// hash (FNV-1a over the exception type and each frame's method in its normal form, <see cref="FrameName"/>: no
/// offsets, lines or paths, compiler-generated names made stable, plumbing and PanicPath's own frames left out),
/// so that two deaths at the same place share a signature across builds and machines; the stack trace as text
/// lines without the panic path's frames on top; and the inner exceptions in the same form. What it carries is
/// bounded so that a report stays within its buffer: inner exceptions <see cref="MaxDepth"/> levels deep and
/// <see cref="MaxExceptions"/> in all, <see cref="MaxFrames"/> lines of <see cref="MaxLineChars"/> characters a stack,
/// inner messages cut to <see cref="MaxInnerMessageChars"/>, and <see cref="TextBudgetChars"/> characters of stack
/// lines and inner messages in all; past a bound, lines and inner exceptions are left out.
/// </summary>
internal static class StackSignature
{
    /// <summary>How many levels of inner exceptions below the exception are described.</summary>
    internal const int MaxDepth = 8;

    /// <summary>How many exceptions are described in all, the exception itself included.</summary>
    internal const int MaxExceptions = 32;

    /// <summary>How many lines of one stack trace are kept (the last one saying how many more there were).</summary>
    internal const int MaxFrames = 64;

    /// <summary>The longest stack line kept whole.</summary>
    internal const int MaxLineChars = 512;

    /// <summary>The longest inner exception's message kept whole.</summary>
    internal const int MaxInnerMessageChars = 1024;

    /// <summary>The most characters of stack lines and inner messages one description holds.</summary>
    internal const int TextBudgetChars = 16 * 1024;

    /// <summary>
    /// Describes <paramref name="exception"/> and its inner exceptions; an exception whose members throw gets
    /// its type name only (and an inner one that throws is described so, the others as usual).
    /// </summary>
    internal static ReportException DescribeSafely(Exception exception) => Describe(exception, 0, new Budget(), safely: true);

    /// <summary>As <see cref="DescribeSafely"/>, but what an exception's members throw is thrown.</summary>
    internal static ReportException Describe(Exception exception) => Describe(exception, 0, new Budget(), safely: false);

    private static ReportException Describe(Exception exception, int depth, Budget budget, bool safely)
    {
        budget.Exceptions++;
        ReportException description;
        try
        {
            description = DescribeOne(exception, depth, budget);
        }
        catch (Exception) when (safely)
        {
            var type = exception.GetType().FullName ?? exception.GetType().Name;
            description = new ReportException { Type = type, Signature = Mix(Basis, type).ToString("x16", CultureInfo.InvariantCulture) };
        }

        description.Encode();
        if (depth >= MaxDepth)
        {
            return description;
        }

        IEnumerable<Exception> inners;
        try
        {
            inners = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        }
        catch (Exception) when (safely)
        {
            return description;
        }

        foreach (var inner in inners)
        {
            if (inner is null || budget.Exceptions >= MaxExceptions || budget.Chars >= TextBudgetChars)
            {
                continue;
            }

            (description.Inner ??= []).Add(Describe(inner, depth + 1, budget, safely));
        }

        return description;
    }

    private static ReportException DescribeOne(Exception exception, int depth, Budget budget)
    {
        var type = exception.GetType().FullName ?? exception.GetType().Name;
        var hash = Mix(Basis, type);
        string? method = null;
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: false).GetFrames())
        {
            var info = DiagnosticMethodInfo.Create(frame);
            if (info is null)
            {
                continue;
            }

            var name = info.DeclaringTypeName + "." + info.Name;
            if (FrameName.Normalise(name) is not { } normal)
            {
                continue;
            }

            method ??= name;
            hash = Mix(hash, normal);
        }

        var message = exception.Message;
        if (depth > 0)
        {
            message = Cut(message, MaxInnerMessageChars);
            budget.Chars += message.Length;
        }

        return new ReportException
        {
            Type = type,
            Message = message,
            Hresult = exception.HResult,
            Method = method,
            Signature = hash.ToString("x16", CultureInfo.InvariantCulture),
            StackTrace = Lines(exception.StackTrace, budget),
        };
    }

    /// <summary>The stack trace's lines, trimmed, without the panic path's frames on top, within the bounds; null without a stack trace.</summary>
    private static List<string>? Lines(string? stackTrace, Budget budget)
    {
        if (string.IsNullOrEmpty(stackTrace))
        {
            return null;
        }

        var all = new List<string>();
        foreach (var line in stackTrace.Split('\n'))
        {
            var text = line.Trim();
            if (text.Length > 0)
            {
                all.Add(text);
            }
        }

        var frames = FrameName.WithoutPanicPath(all);
        var kept = new List<string>(Math.Min(frames.Count, MaxFrames));
        for (var i = 0; i < frames.Count; i++)
        {
            var line = Cut(frames[i], MaxLineChars);
            if ((kept.Count == MaxFrames - 1 && frames.Count > MaxFrames) || budget.Chars + line.Length > TextBudgetChars)
            {
                kept.Add(string.Create(CultureInfo.InvariantCulture, $"... {frames.Count - i} more frames"));
                break;
            }

            kept.Add(line);
            budget.Chars += line.Length;
        }

        return kept;
    }

    private static string Cut(string text, int chars) => text.Length <= chars ? text : string.Concat(text.AsSpan(0, chars), "…");

    private const ulong Basis = 14695981039346656037UL;

    private static ulong Mix(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (hash ^ '|') * 1099511628211UL;
    }

    /// <summary>What one description has used of its bounds so far.</summary>
    private sealed class Budget
    {
        public int Exceptions;

        public int Chars;
    }
}
