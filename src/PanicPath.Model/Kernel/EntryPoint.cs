namespace PanicPath.Model.Kernel;

/// <summary>How a run enters the kernel's fatal-error path.</summary>
public enum EntryPoint
{
    /// <summary>A direct call of <c>panic()</c>.</summary>
    Panic,

    /// <summary>An oops: the die chain with <c>DIE_OOPS</c>, then maybe panic.</summary>
    Oops,
}
