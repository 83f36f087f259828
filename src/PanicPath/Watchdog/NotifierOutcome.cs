namespace PanicPath.Watchdog;

/// <summary>What happened to one step of the panic path (a notifier, hook, dumper or dump).</summary>
public enum NotifierOutcome
{
    /// <summary>It returned within its budget.</summary>
    Ran,

    /// <summary>It threw; the path went on.</summary>
    Threw,

    /// <summary>It overran its budget; its thread was abandoned and the path went on.</summary>
    TimedOut,

    /// <summary>It did not run: deadline passed, no executor left, or it skips itself when capture is armed.</summary>
    Skipped,

    /// <summary>It panicked (nested panic); its thread was parked and the path went on.</summary>
    Abandoned,
}
