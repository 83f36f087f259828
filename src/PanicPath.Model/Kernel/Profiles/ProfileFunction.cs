using PanicPath.Model.Scenarios;
using PanicPath.Model.Scenarios.Actions;

namespace PanicPath.Model.Kernel.Profiles;

/// <summary>One function of a kernel profile: its name, the kernel lines it cites, its labelled steps and its compiled body.</summary>
public sealed class ProfileFunction(string name, string cites, SourceLocation location)
{
    /// <summary>The kernel function's name (<c>panic</c>, <c>panic_other_cpus_shutdown</c>, …).</summary>
    public string Name { get; } = name;

    /// <summary>What the function cites.</summary>
    public string Cites { get; } = cites;

    /// <summary>Where the function is written.</summary>
    public SourceLocation Location { get; } = location;

    /// <summary>The labels of its top-level steps, in order, with what each cites.</summary>
    public List<(string Label, string Cites)> Steps { get; } = [];

    /// <summary>Its steps, compiled.</summary>
    public ScenarioAction[] Body { get; internal set; } = [];
}
