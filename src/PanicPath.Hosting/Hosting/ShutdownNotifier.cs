using PanicPath.Notifiers;
using PanicPath.Shutdown;

namespace PanicPath.Hosting;

/// <summary>A handler for the orderly shutdown chain (SIGTERM, host stop), registered through DI: name, priority, handler.</summary>
public sealed record ShutdownNotifier(string Name, int Priority, BlockingNotifierHandler<ShutdownEvent> Handler);
