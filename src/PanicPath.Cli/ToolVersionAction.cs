using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace PanicPath.Cli;

/// <summary>
/// Answers <c>--version</c> with this tool's own informational version, whichever program hosts the
/// command (the tool itself, or a test host running it in-process).
/// </summary>
internal sealed class ToolVersionAction : SynchronousCommandLineAction
{
    /// <summary>The tool's version, as its assembly states it.</summary>
    internal static string Version { get; } =
        typeof(ToolVersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ToolVersionAction).Assembly.GetName().Version?.ToString(3)
        ?? "unknown";

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return ExitCodes.Fine;
    }
}
