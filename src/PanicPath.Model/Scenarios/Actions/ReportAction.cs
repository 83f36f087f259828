using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary><c>report: kind</c>: the host receives a crash report of that kind (event <c>host-report</c>).</summary>
public sealed class ReportAction(SourceLocation location, string kind) : ScenarioAction(location)
{
    /// <summary>The kind of report the host receives.</summary>
    internal string Kind => kind;

    public override Flow Execute(Machine machine)
    {
        machine.ReportToHost(kind);
        return Flow.Next;
    }
}
