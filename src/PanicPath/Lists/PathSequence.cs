namespace PanicPath.Lists;

/// <summary>
/// The order of the panic path's stages for a dump policy and a capture state: the single source of
/// truth that both the running path and the plan verifier use. Without armed capture there is no dump
/// step. After the stages the report is delivered and the process exits.
/// </summary>
public static class PathSequence
{
    private static readonly PathStep[][] Sequences = Build();

    /// <summary>The stages in run order.</summary>
    public static ReadOnlySpan<PathStep> For(DumpPolicy policy, bool captureArmed)
    {
        if ((uint)policy > (uint)DumpPolicy.AfterLists)
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown dump policy.");
        }

        return Sequences[captureArmed ? 1 + (int)policy : 0];
    }

    /// <summary>The list a list stage walks, or null for the log dump and crash-dump stages.</summary>
    public static PanicList? ListOf(PathStep step) => step switch
    {
        PathStep.SupervisorList => PanicList.Supervisor,
        PathStep.InformationList => PanicList.Information,
        PathStep.TeardownList => PanicList.Teardown,
        PathStep.FinalList => PanicList.Final,
        _ => null,
    };

    private static PathStep[][] Build()
    {
        PathStep[] lists = [PathStep.SupervisorList, PathStep.InformationList, PathStep.LogDump, PathStep.TeardownList, PathStep.FinalList];
        return
        [
            lists,
            [PathStep.CrashDump, .. lists],
            [PathStep.SupervisorList, PathStep.InformationList, PathStep.LogDump, PathStep.CrashDump, PathStep.TeardownList, PathStep.FinalList],
            [.. lists, PathStep.CrashDump],
        ];
    }
}
