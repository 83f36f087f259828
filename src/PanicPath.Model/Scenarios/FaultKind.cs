namespace PanicPath.Model.Scenarios;

/// <summary>The faults the explorer can inject into a run.</summary>
public enum FaultKind
{
    /// <summary>No fault.</summary>
    None,

    /// <summary>Another CPU holds a lock when the run starts; once stopped, it holds it forever.</summary>
    StoppedCpuHolds,

    /// <summary>A second CPU calls <c>panic()</c> while the first is in it, and stops itself.</summary>
    SecondCpuPanics,

    /// <summary>A callback panics (a nested panic on the panicking CPU) when it has done its actions.</summary>
    PanicIn,
}
