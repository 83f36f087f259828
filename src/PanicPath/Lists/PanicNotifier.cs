using PanicPath.Notifiers;
using PanicPath.Panics;

namespace PanicPath.Lists;

/// <summary>
/// A notifier for one of the panic lists: its name, list, priority, handler, optional budget, and what
/// it declares for the plan verifier: the resources it <see cref="Needs"/> still held when it runs, the
/// resources it <see cref="Releases"/>, and whether it skips itself when crash capture is armed
/// (as the seed's unload notifier did with <c>kexec_crash_loaded()</c>). The declarations do not
/// change how the notifier runs except <see cref="SkipsWhenCaptureArmed"/>, which the path honours.
/// </summary>
public sealed class PanicNotifier
{
    private readonly List<string> needs = [];
    private readonly List<string> releases = [];

    /// <summary>Describes a notifier; nothing is registered until it is given to a runtime.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or <paramref name="list"/> unknown.</exception>
    public PanicNotifier(string name, PanicList list, NotifierHandler<PanicEvent> handler, int priority = 0)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("PanicNotifier.Name must not be empty.", nameof(name));
        }

        if (!Enum.IsDefined(list))
        {
            throw new ArgumentException($"PanicNotifier.List has unknown value {(int)list} for '{name}'.", nameof(list));
        }

        ArgumentNullException.ThrowIfNull(handler);
        Name = name;
        List = list;
        Handler = handler;
        Priority = priority;
    }

    /// <summary>The name reports and violations use.</summary>
    public string Name { get; }

    /// <summary>The list the notifier runs on.</summary>
    public PanicList List { get; }

    /// <summary>Higher runs first within its list.</summary>
    public int Priority { get; }

    /// <summary>The code that runs at panic time, on an executor thread, under a budget.</summary>
    public NotifierHandler<PanicEvent> Handler { get; }

    /// <summary>This notifier's budget; null uses the runtime's <see cref="PanicOptions.NotifierBudget"/>.</summary>
    public TimeSpan? Budget { get; private set; }

    /// <summary>True when the path skips this notifier if crash capture is armed.</summary>
    public bool SkipsWhenCaptureArmed { get; private set; }

    /// <summary>Resources that must still be held (not yet released by an earlier step) when this runs.</summary>
    public IReadOnlyList<string> NeedsResources => needs;

    /// <summary>Resources this notifier releases.</summary>
    public IReadOnlyList<string> ReleasesResources => releases;

    /// <summary>Declares that this notifier needs <paramref name="resource"/> still held.</summary>
    public PanicNotifier Needs(string resource)
    {
        needs.Add(CheckResource(resource));
        return this;
    }

    /// <summary>Declares that this notifier releases <paramref name="resource"/>.</summary>
    public PanicNotifier Releases(string resource)
    {
        releases.Add(CheckResource(resource));
        return this;
    }

    /// <summary>Makes the path skip this notifier when crash capture is armed.</summary>
    public PanicNotifier SkipWhenCaptureArmed()
    {
        SkipsWhenCaptureArmed = true;
        return this;
    }

    /// <summary>Gives this notifier its own budget.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The budget is not positive.</exception>
    public PanicNotifier WithBudget(TimeSpan budget)
    {
        if (budget <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(budget), budget, $"PanicNotifier.Budget of '{Name}' must be positive.");
        }

        Budget = budget;
        return this;
    }

    /// <summary>The descriptor of a DI-friendly <see cref="IPanicNotifier"/>.</summary>
    public static PanicNotifier From(IPanicNotifier notifier)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        var described = new PanicNotifier(notifier.Name, notifier.List, notifier.OnPanic, notifier.Priority);
        notifier.Declare(described);
        return described;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({List}, priority {Priority})";

    private string CheckResource(string resource)
    {
        if (string.IsNullOrWhiteSpace(resource))
        {
            throw new ArgumentException($"A resource named by PanicNotifier '{Name}' must not be empty.", nameof(resource));
        }

        return resource;
    }
}
