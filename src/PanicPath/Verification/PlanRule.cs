namespace PanicPath.Verification;

/// <summary>The ordering rules the verifier checks.</summary>
public enum PlanRule
{
    /// <summary>A step that needs a resource runs after an earlier step released it (the seed's framebuffer flush after the bus unload).</summary>
    NeededAfterRelease,

    /// <summary>A resource that the plan releases is still held when the path ends (the seed's unload left to a hook a platform lacks).</summary>
    NeverReleased,
}
