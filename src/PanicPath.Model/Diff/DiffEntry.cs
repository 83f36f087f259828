namespace PanicPath.Model.Diff;

/// <summary>
/// One invariant whose outcome changed in one configuration, written over the dimensions both scenarios
/// share (name, value), with the trace of a run that breaks it (from the side where it is broken).
/// </summary>
public sealed record DiffEntry(string Invariant, IReadOnlyList<KeyValuePair<string, string>> Config, Explorer.Violation Example)
{
    /// <summary>The shared configuration as <c>name=value,…</c>.</summary>
    public string Key => string.Join(",", Config.Select(p => $"{p.Key}={p.Value}"));
}
