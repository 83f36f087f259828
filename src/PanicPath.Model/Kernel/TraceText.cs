using System.Runtime.CompilerServices;

namespace PanicPath.Model.Kernel;

/// <summary>
/// The text of a trace step, built only when the machine is tracing: an interpolated string passed as a
/// <see cref="TraceText"/> formats nothing (and allocates nothing) in an untraced run.
/// </summary>
[InterpolatedStringHandler]
public ref struct TraceText
{
    private readonly bool enabled;
    private readonly string? plain;
    private DefaultInterpolatedStringHandler builder;

    /// <summary>Starts the text of a step of <paramref name="machine"/>.</summary>
    public TraceText(int literalLength, int formattedCount, Machine machine, out bool isEnabled)
    {
        enabled = isEnabled = machine.Tracing;
        plain = null;
        builder = isEnabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    private TraceText(string text)
    {
        enabled = true;
        plain = text;
        builder = default;
    }

    /// <summary>A text that is already a string.</summary>
    public static implicit operator TraceText(string text) => new(text);

    public void AppendLiteral(string value) => builder.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => builder.AppendFormatted(value);

    public void AppendFormatted(string? value) => builder.AppendFormatted(value);

    /// <summary>The text, or empty when the machine was not tracing.</summary>
    public string Build() => plain ?? (enabled ? builder.ToStringAndClear() : string.Empty);
}
