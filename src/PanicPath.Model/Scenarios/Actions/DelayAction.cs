using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary>
/// <c>delay: 10ms</c>: the CPU busy-waits for the duration, as <c>mdelay()</c> / <c>udelay()</c> do
/// (<c>&lt;linux/delay.h&gt;</c>; nothing sleeps in panic context). The model clock advances by it once the fatal
/// path has started; before the entry point (setup, <c>after-boot:</c>) it takes no modelled time.
/// </summary>
public sealed class DelayAction(SourceLocation location, long micros) : ScenarioAction(location)
{
    /// <summary>How long it waits, in microseconds.</summary>
    public long Micros { get; } = micros;

    public override Flow Execute(Machine machine)
    {
        machine.Elapse(Micros, $"delay {Duration.Format(Micros)}");
        return Flow.Next;
    }
}
