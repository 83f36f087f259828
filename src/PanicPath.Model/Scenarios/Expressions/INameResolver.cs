namespace PanicPath.Model.Scenarios.Expressions;

/// <summary>How the expression parser resolves the names it meets.</summary>
public interface INameResolver
{
    /// <summary>A variable or a symbol named <paramref name="name"/>, or null when the name is unknown.</summary>
    Expr? Resolve(string name);

    /// <summary>The index of the lock named <paramref name="name"/>, or -1.</summary>
    int LockIndex(string name);

    /// <summary>The names the resolver knows, for error messages.</summary>
    string Known { get; }
}
