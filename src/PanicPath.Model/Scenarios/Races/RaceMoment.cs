namespace PanicPath.Model.Scenarios.Races;

/// <summary>Where, relative to a labelled step of the kernel profile, the second CPU of a race starts.</summary>
public enum RaceMoment
{
    /// <summary>Before the step runs.</summary>
    Before,

    /// <summary>Inside the step, at its primitive's window: <c>__crash_kexec()</c> holding the kexec lock, before <c>machine_crash_shutdown()</c>.</summary>
    During,

    /// <summary>After the step has run (a step that returns or ends the run has no after).</summary>
    After,
}
