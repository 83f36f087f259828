namespace PanicPath.Lists;

/// <summary>One stage of the panic path, in the order <see cref="PathSequence"/> gives.</summary>
public enum PathStep
{
    /// <summary>The <see cref="PanicList.Supervisor"/> list.</summary>
    SupervisorList,

    /// <summary>The <see cref="PanicList.Information"/> list.</summary>
    InformationList,

    /// <summary>The log dump with reason Panic (the long-form report's log tail is taken here).</summary>
    LogDump,

    /// <summary>The crash-dump step: crash-shutdown hooks, then the in-process dump.</summary>
    CrashDump,

    /// <summary>The <see cref="PanicList.Teardown"/> list.</summary>
    TeardownList,

    /// <summary>The <see cref="PanicList.Final"/> list.</summary>
    FinalList,
}
