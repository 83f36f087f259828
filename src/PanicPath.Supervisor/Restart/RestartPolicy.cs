namespace PanicPath.Supervisor.Restart;

/// <summary>When the supervisor starts the process again after it died.</summary>
public enum RestartPolicy
{
    /// <summary>Never: one run, one death.</summary>
    Never,

    /// <summary>After a death with a non-zero exit code, up to the maximum number of restarts.</summary>
    OnFailure,

    /// <summary>After every death, up to the maximum number of restarts.</summary>
    Always,
}
