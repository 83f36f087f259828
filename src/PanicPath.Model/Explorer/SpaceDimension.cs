namespace PanicPath.Model.Explorer;

/// <summary>
/// One dimension of an <see cref="EffectiveSpace"/>: an explored knob or feature, the fault or the entry point,
/// with its domain written as text; a configuration's value index in this dimension indexes <see cref="Values"/>.
/// </summary>
public sealed record SpaceDimension(string Name, DimensionKind Kind, IReadOnlyList<string> Values);
