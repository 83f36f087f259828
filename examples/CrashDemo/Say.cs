using PanicPath.Notifiers;
using PanicPath.Panics;

namespace CrashDemo;

/// <summary>Notifier bodies that print one line each as they run.</summary>
internal static class Say
{
    internal static void Line(string text) => Console.Out.WriteLine(text);

    internal static NotifierHandler<PanicEvent> Notifier(string name) => (in PanicEvent e) =>
    {
        Line($"notifier {e.List.ToString().ToLowerInvariant()}/{name}");
        return NotifyResult.Done;
    };
}
