namespace PanicPath.Model.Kernel;

/// <summary>The state of one modelled CPU.</summary>
public enum CpuState
{
    /// <summary>Running normally; it will release the locks it holds.</summary>
    Running,

    /// <summary>Stopped by panic (or self-stopped): it keeps whatever locks it held, forever.</summary>
    Stopped,
}
