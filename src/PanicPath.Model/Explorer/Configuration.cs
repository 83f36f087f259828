namespace PanicPath.Model.Explorer;

/// <summary>
/// One point of a scenario's configuration space: the chosen value index of every explored knob and
/// feature, then of the fault and the entry point; with the names and values as text for reports.
/// </summary>
public sealed record Configuration(int[] Choices, IReadOnlyList<KeyValuePair<string, string>> Values)
{
    /// <summary>The configuration as <c>name=value,…</c>, in the scenario's order.</summary>
    public string Key => string.Join(",", Values.Select(p => $"{p.Key}={p.Value}"));

    /// <summary>The value of <paramref name="name"/>, or null.</summary>
    public string? this[string name] => Values.FirstOrDefault(p => p.Key == name).Value;
}
