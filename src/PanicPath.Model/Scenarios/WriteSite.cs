namespace PanicPath.Model.Scenarios;

/// <summary>
/// Where a <c>set:</c> of a kernel knob runs, which decides whether the kernel lets it happen there
/// (<see cref="KnobWrites"/>): at boot, as the kernel command line and early driver code do; after boot, as an
/// administrator does (a sysctl or module-parameter write, a system call); or inside a driver's callback,
/// kernel code running on one of the kernel's chains.
/// </summary>
public enum WriteSite
{
    /// <summary><c>setup:</c>: boot, before the drivers register. Every knob may be set.</summary>
    Setup,

    /// <summary><c>after-boot:</c>: the running system, after the drivers registered and before the fault.</summary>
    AfterBoot,

    /// <summary>A callback's <c>do:</c>, or a helper a callback calls: kernel code on a chain.</summary>
    Callback,
}
