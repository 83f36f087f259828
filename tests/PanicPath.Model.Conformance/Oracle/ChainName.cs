namespace PanicPath.Model.Conformance.Oracle;

/// <summary>The chains the test module registers notifiers on.</summary>
public enum ChainName
{
    /// <summary><c>panic_notifier_list</c>.</summary>
    Panic,

    /// <summary>The die chain (<c>register_die_notifier</c>); the module's notifiers act on <c>DIE_OOPS</c>.</summary>
    Die,
}
