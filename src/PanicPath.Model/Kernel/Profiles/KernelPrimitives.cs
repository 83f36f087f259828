namespace PanicPath.Model.Kernel.Profiles;

/// <summary>The names profiles call <see cref="KernelPrimitive"/>s by, and what each takes.</summary>
public static class KernelPrimitives
{
    private static readonly string[] Names = ["claim-panic-cpu", "smp-send-stop", "nmi-shootdown", "walk", "kmsg-dump", "panic-print", "delay-seconds", "panic", "kexec-lock", "self-stop", "crash-stop-ipi"];

    /// <summary>Every primitive's name, in <see cref="KernelPrimitive"/> order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The values <c>panic-print:</c> takes, in the order of <see cref="PanicPrintPart"/>.</summary>
    public static readonly string[] PanicPrintParts = ["backtrace", "sys-info", "replay"];

    /// <summary>Parses a primitive's name.</summary>
    public static bool TryParse(string text, out KernelPrimitive primitive)
    {
        var i = Array.IndexOf(Names, text);
        primitive = (KernelPrimitive)Math.Max(i, 0);
        return i >= 0;
    }
}
