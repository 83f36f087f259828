namespace PanicPath.Model.Conformance.Oracle;

/// <summary>How the guest enters the fatal path.</summary>
public enum Entry
{
    /// <summary><c>echo c &gt; /proc/sysrq-trigger</c>: <c>panic()</c> from a user process.</summary>
    Panic,

    /// <summary>A NULL write in process context (a user process writing the module's trigger).</summary>
    Oops,

    /// <summary>A NULL write in a timer callback: an oops in interrupt (softirq) context.</summary>
    OopsInInterrupt,
}
