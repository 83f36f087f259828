using System.Globalization;
using System.Text;
using PanicPath.Model.Kernel;

namespace PanicPath.Cli.Timeline;

/// <summary>
/// A model run's trace (<see cref="TraceStep"/>s, as <c>panicpath trace</c> prints them) as a <see cref="Timeline"/>.
/// <list type="bullet">
/// <item>Lanes: one per CPU the trace names, <c>cpu0</c>, <c>cpu1</c>, … in number order, holding the kernel's own steps
/// (those of no callback); when the trace's callbacks run on more than one chain, each CPU's callbacks go on a lane of
/// their chain under it (<c>cpu0 panic</c>, <c>cpu0 kmsg_dump</c>), otherwise on the CPU's lane.</item>
/// <item>Bars: one per run of a callback (its consecutive steps on one CPU and chain) and one per kernel step, in trace
/// order; the boot registrations and setup steps, which come before the entry point, are left out. A callback run's
/// outcome is <c>violated</c> when an invariant broke in it, <c>hung</c> when it never returns, <c>faulted</c> when a
/// fault struck it, otherwise <c>ran</c>; a kernel step's is <c>step</c> (or <c>violated</c>, <c>hung</c>). The tooltip
/// lists its steps with their numbers.</item>
/// <item>x: when the scenario speaks of time (<c>timed</c>) the model clock in µs, each step running from
/// the clock of the step before it to its own (so a wait spans the time it waited); otherwise the step number, each
/// step one unit wide, numbered as <c>panicpath trace</c> numbers them.</item>
/// <item>Markers: where a panic is entered (<c>panic</c>, also a nested one), an oops (<c>oops</c>), an NMI arrives or is
/// sent (<c>nmi</c>), the crash kernel is called or boots (<c>crash-kexec</c>), and an invariant is violated
/// (<c>violation</c>).</item>
/// </list>
/// </summary>
public static class TraceTimeline
{
    /// <summary>The most steps a bar's tooltip lists; the rest are counted.</summary>
    public const int DetailSteps = 24;

    /// <summary>The timeline of <paramref name="steps"/>, titled <paramref name="title"/>; see the type's summary for <paramref name="timed"/>.</summary>
    /// <param name="steps">The run's trace.</param>
    /// <param name="title">What the timeline is of (a scenario and configuration).</param>
    /// <param name="timed">True when the scenario speaks of time: x is the model clock in µs; otherwise the step number.</param>
    public static Timeline From(IReadOnlyList<TraceStep> steps, string title, bool timed)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var shown = Enumerable.Range(0, steps.Count).Where(i => steps[i].Chain is not ("boot" or "setup")).ToList();
        var split = shown.Where(i => steps[i].Callback.Length > 0).Select(i => steps[i].Chain).Distinct(StringComparer.Ordinal).Count() > 1;
        string Lane(TraceStep s) => s.Callback.Length > 0 && split ? $"cpu{s.Cpu} {s.Chain}" : $"cpu{s.Cpu}";
        double Start(int i) => timed ? (i == 0 ? 0 : steps[i - 1].Time) : i;
        double End(int i) => timed ? steps[i].Time : i + 1;

        var bars = new List<TimelineBar>();
        var markers = new List<TimelineMarker>();
        var lanes = new List<(int Cpu, string Lane)>();
        for (var k = 0; k < shown.Count; k++)
        {
            var first = shown[k];
            var s = steps[first];
            var last = first;
            if (s.Callback.Length > 0)
            {
                while (k + 1 < shown.Count && shown[k + 1] == last + 1 && Same(steps[last + 1], s))
                {
                    last = shown[++k];
                }
            }

            var lane = Lane(s);
            if (!lanes.Any(l => l.Lane == lane))
            {
                lanes.Add((s.Cpu, lane));
            }

            var run = Enumerable.Range(first, last - first + 1).ToList();
            var name = s.Callback.Length > 0 ? s.Callback : s.Action;
            bars.Add(new TimelineBar(lane, name, Start(first), Math.Max(0, End(last) - Start(first)), Outcome(steps, run), 0, Detail(steps, run, timed)));
            foreach (var i in run)
            {
                if (Marker(steps[i]) is { } marker)
                {
                    markers.Add(new TimelineMarker(marker.Name, Start(i), marker.Label));
                }
            }
        }

        var ordered = lanes.Select((l, order) => (l.Cpu, l.Lane, order, Own: l.Lane == string.Create(CultureInfo.InvariantCulture, $"cpu{l.Cpu}")))
            .OrderBy(l => l.Cpu).ThenBy(l => l.Own ? 0 : 1).ThenBy(l => l.order).Select(l => l.Lane).ToList();
        return new Timeline(title, timed ? "µs" : "step", ordered, bars, markers);
    }

    private static bool Same(TraceStep a, TraceStep b) => a.Cpu == b.Cpu && a.Chain == b.Chain && a.Callback == b.Callback;

    /// <summary>What became of a run of steps: an invariant broke, it never returns, a fault struck, or it ran (a kernel step: step).</summary>
    private static string Outcome(IReadOnlyList<TraceStep> steps, List<int> run)
    {
        var actions = run.Select(i => steps[i].Action).ToList();
        return actions.Any(Violation) ? "violated"
            : actions.Any(a => a.StartsWith("hangs", StringComparison.Ordinal)) ? "hung"
            : steps[run[0]].Callback.Length == 0 ? "step"
            : actions.Any(a => a.StartsWith("fault: ", StringComparison.Ordinal)) ? "faulted"
            : "ran";
    }

    private static bool Violation(string action) => action.StartsWith("invariant ", StringComparison.Ordinal) && action.Contains(" violated", StringComparison.Ordinal);

    /// <summary>The marker a step makes, if it is one of those the type's summary names.</summary>
    private static (string Name, string Label)? Marker(TraceStep s)
    {
        var a = s.Action;
        var cpu = string.Create(CultureInfo.InvariantCulture, $"cpu{s.Cpu}");
        if (Violation(a))
        {
            var name = a["invariant ".Length..a.IndexOf(" violated", StringComparison.Ordinal)];
            return ("violation", $"{name} violated");
        }

        if (s.Callback.Length == 0 && a.StartsWith("panic: ", StringComparison.Ordinal))
        {
            return ("panic", $"panic on {cpu}");
        }

        if (s.Callback.Length == 0 && a.StartsWith("nested panic", StringComparison.Ordinal))
        {
            return ("panic", $"nested panic on {cpu}");
        }

        if (s.Chain == "oops" && a.StartsWith("die()", StringComparison.Ordinal))
        {
            return ("oops", $"oops on {cpu}");
        }

        if (s.Chain == "nmi")
        {
            return ("nmi", $"NMI on {cpu}");
        }

        if (a.Contains("(NMI)", StringComparison.Ordinal))
        {
            return ("nmi", $"NMI from {cpu}");
        }

        if (a.Contains("the crash kernel boots", StringComparison.Ordinal))
        {
            return ("crash-kexec", "crash kernel boots");
        }

        if (a.StartsWith("__crash_kexec", StringComparison.Ordinal))
        {
            return ("crash-kexec", "__crash_kexec");
        }

        return null;
    }

    /// <summary>The tooltip of a run: each step as <c>#N [t=…] chain callback: action (change)</c>, at most <see cref="DetailSteps"/>.</summary>
    private static string Detail(IReadOnlyList<TraceStep> steps, List<int> run, bool timed)
    {
        var text = new StringBuilder();
        foreach (var i in run.Take(DetailSteps))
        {
            var s = steps[i];
            var where = string.Join(" ", new[] { timed && s.Time > 0 ? "t=" + Duration.Format(s.Time) : string.Empty, $"cpu{s.Cpu}", s.Chain, s.Callback }.Where(w => w.Length > 0));
            text.Append(CultureInfo.InvariantCulture, $"#{i + 1} {where}: {s.Action}");
            if (s.Change.Length > 0)
            {
                text.Append(" (").Append(s.Change).Append(')');
            }

            text.Append('\n');
        }

        if (run.Count > DetailSteps)
        {
            text.Append(CultureInfo.InvariantCulture, $"… {run.Count - DetailSteps} more steps\n");
        }

        return text.ToString().TrimEnd('\n');
    }
}
