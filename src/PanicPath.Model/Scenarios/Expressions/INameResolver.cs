namespace PanicPath.Model.Scenarios.Expressions;

/// <summary>How the expression parser resolves the names it meets.</summary>
public interface INameResolver
{
    /// <summary>A variable or a symbol named <paramref name="name"/>, or null when the name is unknown.</summary>
    Expr? Resolve(string name);

    /// <summary>The index of the lock named <paramref name="name"/>, or -1.</summary>
    int LockIndex(string name);

    /// <summary>How many CPUs the scenario models: a constant CPU number must be below it.</summary>
    int Cpus => 64;

    /// <summary>Notes that an expression reads a CPU mask (the scenario speaks of CPUs).</summary>
    void ReadsCpuMask()
    {
    }

    /// <summary>The names the resolver knows, for error messages.</summary>
    string Known { get; }
}
