namespace PanicPath.Model.Kernel;

/// <summary>The names scenario files use for <see cref="ChainKind"/> values, and back.</summary>
public static class ChainNames
{
    private static readonly string[] Names =
        ["panic", "hypervisor", "info", "pre_reboot", "post_reboot", "die", "kmsg_dump", "crash_shutdown", "restart"];

    /// <summary>Every chain name, in <see cref="ChainKind"/> order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The scenario name of <paramref name="kind"/>.</summary>
    public static string Name(ChainKind kind) => Names[(int)kind];

    /// <summary>Parses a scenario chain name.</summary>
    public static bool TryParse(string text, out ChainKind kind)
    {
        var i = Array.IndexOf(Names, text);
        kind = (ChainKind)Math.Max(i, 0);
        return i >= 0;
    }
}
