using PanicPath.Model.Kernel;
using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// The host's reactions, <c>host:</c>: a list of <c>{ on: event, kind: report-kind, if: condition, do: response }</c>
/// or, instead of <c>do</c>, <c>set: state = expression</c> (the host writes guest memory the scenario models as state,
/// a per-CPU message page's copy included). <c>on</c> names any event (a kernel event or one an action emits);
/// <c>kind</c> only with <c>on: host-report</c>; <c>do</c> is <c>pause</c>, <c>reset</c>, <c>stop</c> or <c>dump</c>. An
/// event that is itself an end of the run (a boundary's event) takes only <c>dump</c>, and <c>host-dump</c> cannot
/// answer with another dump.
/// </summary>
public sealed partial class ScenarioParser
{
    private static readonly string[] HostKeys = ["on", "kind", "if", "do", "set"];

    private static readonly string[] Responses = ["pause", "reset", "stop", "dump"];

    private void ParseHostReaction(YamlMappingNode map)
    {
        var fields = Fields(map, HostKeys);
        var on = fields.TryGetValue("on", out var onNode) ? EventIndex(onNode, declare: false) : throw Error(map, "an 'on: event' for the host's reaction");
        string? kind = null;
        if (fields.TryGetValue("kind", out var kindNode))
        {
            kind = on == KernelEvents.HostReport
                ? Identifier(kindNode, "the kind of report, e.g. crash-registers")
                : throw Error(kindNode, $"'kind' only with 'on: host-report', not with 'on: {scenario.Events[on]}'");
        }

        var condition = fields.TryGetValue("if", out var ifNode) ? Scalar(ifNode, "a condition") : null;
        if (fields.TryGetValue("set", out var setNode))
        {
            if (fields.TryGetValue("do", out var both))
            {
                throw Error(both, "no 'do' with 'set': a reaction either writes the guest's memory or ends or dumps the VM");
            }

            if (EndsTheRun(on))
            {
                throw Error(setNode, $"only 'dump' on {scenario.Events[on]}: the run has already ended there");
            }

            var write = Set(Scalar(setNode, "state = expression"));
            if (write.Target.Role != VariableRole.State)
            {
                throw Error(setNode, $"a state the host writes in the guest's memory, not the {(write.Target.Role == VariableRole.Knob ? "knob" : "feature")} '{write.Target.Name}'");
            }

            scenario.HostReactions.Add(new HostReaction(At(map), on, kind, condition is null ? null : Condition(condition), condition?.Value, HostResponse.Write) { Write = write });
            return;
        }

        var doNode = fields.TryGetValue("do", out var d) ? d : throw Error(map, "a 'do: pause|reset|stop|dump' or a 'set: state = expression' for the host's reaction");
        var text = Scalar(doNode, "pause, reset, stop or dump").Value;
        var index = Array.IndexOf(Responses, text);
        if (index < 0)
        {
            throw Error(doNode, $"one of the host's reactions pause, reset, stop, dump, not '{text}'");
        }

        var response = (HostResponse)index;
        if (response != HostResponse.Dump && EndsTheRun(on))
        {
            throw Error(doNode, $"only 'dump' on {scenario.Events[on]}: the run has already ended there");
        }

        if (response == HostResponse.Dump && on == KernelEvents.HostDump)
        {
            throw Error(doNode, "pause, reset or stop on host-dump: a dump answering a dump would never end");
        }

        scenario.HostReactions.Add(new HostReaction(At(map), on, kind, condition is null ? null : Condition(condition), condition?.Value, response));
    }

    /// <summary>True for the events the kernel or the host emits as a run ends (every boundary's event).</summary>
    private static bool EndsTheRun(int eventIndex) => eventIndex is KernelEvents.CrashKernelBoot or KernelEvents.Restart or KernelEvents.EndOfPanic
        or KernelEvents.EndOfOops or KernelEvents.EndOfWarn or KernelEvents.HostStop or KernelEvents.HostReset or KernelEvents.HostPause;
}
