namespace PanicPath.Model.Scenarios.Expressions;

/// <summary>What an expression reads while it is evaluated: values by slot and whether a lock is held.</summary>
public interface IValueContext
{
    /// <summary>The current value in <paramref name="slot"/>.</summary>
    int Value(int slot);

    /// <summary>True when some CPU holds lock number <paramref name="lockIndex"/>.</summary>
    bool IsHeld(int lockIndex);
}
