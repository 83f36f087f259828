namespace PanicPath.Model.Conformance.Oracle;

/// <summary>What one of the test module's callbacks does besides printing its marker (see guest/ppo.c).</summary>
public enum NotifierAction
{
    /// <summary>Only the marker.</summary>
    Mark,

    /// <summary>Never returns.</summary>
    Hang,

    /// <summary>Takes <c>ppo_lock</c> and emits <c>flush</c> under it (the seed's framebuffer flush).</summary>
    Lock,

    /// <summary>Emits <c>report</c> once per boot; on the die chain only with panic_on_oops (the seed's crash registers).</summary>
    Report,

    /// <summary>Emits <c>unload</c> once per boot (the seed's channel unload).</summary>
    Unload,

    /// <summary>Sets <c>panic_timeout</c> to 1 and emits <c>timeout</c>: a notifier that writes a knob at run time.</summary>
    Timeout,
}
