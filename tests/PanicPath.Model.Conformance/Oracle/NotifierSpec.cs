using System.Globalization;

namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// One notifier the test module registers: its name (printed in its marker), chain, priority and action.
/// <see cref="ModuleArgument"/> is the <c>NAME/PRIORITY/ACTION</c> text the module parses.
/// </summary>
public sealed record NotifierSpec(string Name, ChainName Chain, int Priority, NotifierAction Action)
{
    /// <summary>The priority as the kernel writes it near the extremes: INT_MIN, INT_MIN+1, INT_MAX, 0.</summary>
    public string PriorityText => Priority switch
    {
        int.MinValue => "INT_MIN",
        int.MaxValue => "INT_MAX",
        < int.MinValue / 2 => "INT_MIN+" + ((long)Priority - int.MinValue).ToString(CultureInfo.InvariantCulture),
        > int.MaxValue / 2 => "INT_MAX-" + (int.MaxValue - (long)Priority).ToString(CultureInfo.InvariantCulture),
        _ => Priority.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The module parameter element: <c>NAME/PRIORITY/ACTION</c>.</summary>
    public string ModuleArgument => $"{Name}/{PriorityText}/{Action.ToString().ToLowerInvariant()}";
}
