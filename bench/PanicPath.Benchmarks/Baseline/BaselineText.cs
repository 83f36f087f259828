// Frozen with BaselineMachine (commit 984ad30346d7d2c7b74544e55d17364e410a0b83): the baseline of the profile
// interpreter's throughput. Do not change it except to keep it compiling.
using System.Runtime.CompilerServices;

namespace PanicPath.Benchmarks.Baseline;

/// <summary>
/// The frozen copy of <c>TraceText</c>: the text of a trace step, built only when the baseline machine is tracing; an
/// interpolated string passed as a <see cref="BaselineText"/> formats nothing (and allocates nothing) in an untraced run.
/// </summary>
[InterpolatedStringHandler]
public ref struct BaselineText
{
    private readonly bool enabled;
    private readonly string? plain;
    private DefaultInterpolatedStringHandler builder;

    /// <summary>Starts the text of a step of <paramref name="machine"/>.</summary>
    public BaselineText(int literalLength, int formattedCount, BaselineMachine machine, out bool isEnabled)
    {
        enabled = isEnabled = machine.Tracing;
        plain = null;
        builder = isEnabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    private BaselineText(string text)
    {
        enabled = true;
        plain = text;
        builder = default;
    }

    /// <summary>A text that is already a string.</summary>
    public static implicit operator BaselineText(string text) => new(text);

    public void AppendLiteral(string value) => builder.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => builder.AppendFormatted(value);

    public void AppendFormatted(string? value) => builder.AppendFormatted(value);

    /// <summary>The text, or empty when the machine was not tracing.</summary>
    public string Build() => plain ?? (enabled ? builder.ToStringAndClear() : string.Empty);
}
