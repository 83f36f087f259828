namespace PanicPath.Model.Diff;

/// <summary>Which of the two scenarios of a diff explore a dimension of the compared space.</summary>
public enum DimensionSide
{
    /// <summary>Both: the dimension's values are those both sides have (matched by text).</summary>
    Shared,

    /// <summary>Only the old scenario: the new one behaves the same whatever its value.</summary>
    OldOnly,

    /// <summary>Only the new scenario: the old one behaves the same whatever its value.</summary>
    NewOnly,
}
