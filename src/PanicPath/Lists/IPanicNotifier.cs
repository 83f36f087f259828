using PanicPath.Notifiers;
using PanicPath.Panics;

namespace PanicPath.Lists;

/// <summary>
/// A panic notifier written as a class (for dependency injection): name, list, priority and the
/// handler. <see cref="Declare"/> may add needs, releases, a budget or a skip condition to the
/// descriptor built from it.
/// </summary>
public interface IPanicNotifier
{
    /// <summary>The name reports use.</summary>
    string Name { get; }

    /// <summary>The list the notifier runs on.</summary>
    PanicList List { get; }

    /// <summary>Higher runs first within its list.</summary>
    int Priority => 0;

    /// <summary>Runs at panic time on an executor thread, under a budget.</summary>
    NotifyResult OnPanic(in PanicEvent e);

    /// <summary>Adds declarations to the descriptor; by default none.</summary>
    void Declare(PanicNotifier descriptor)
    {
    }
}
