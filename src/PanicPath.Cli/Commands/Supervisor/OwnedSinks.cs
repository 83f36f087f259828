using PanicPath.Supervisor.LastWords;

namespace PanicPath.Cli.Commands.Supervisor;

/// <summary>The death sinks a command created; disposing it disposes those that hold resources (the OpenTelemetry pipeline).</summary>
internal sealed class OwnedSinks : List<IDeathSink>, IDisposable
{
    public void Dispose()
    {
        foreach (var sink in this.OfType<IDisposable>())
        {
            sink.Dispose();
        }
    }
}
