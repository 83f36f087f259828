namespace PanicPath.Panics;

/// <summary>
/// One field of <see cref="PanicOptions"/> out of range: the field's name (as in code and in configuration)
/// and what is wrong with its value, as a phrase that follows the name (<c>must be positive (was 00:00:00).</c>).
/// </summary>
public readonly record struct OptionProblem(string Field, string Problem);
