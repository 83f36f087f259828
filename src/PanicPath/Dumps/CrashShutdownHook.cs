namespace PanicPath.Dumps;

/// <summary>
/// Platform code that runs on the dump path only, before the dump, on platforms with a crash-shutdown
/// stage (<see cref="CrashPlatform.HasCrashShutdownHooks"/>): the kernel's
/// <c>machine_crash_shutdown</c> hook. It may declare resources it releases or needs, as a notifier does.
/// </summary>
public sealed class CrashShutdownHook
{
    private readonly List<string> releases = [];
    private readonly List<string> needs = [];

    /// <summary>Describes a hook named <paramref name="name"/> that runs <paramref name="run"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public CrashShutdownHook(string name, Action run)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("CrashShutdownHook.Name must not be empty.", nameof(name));
        }

        ArgumentNullException.ThrowIfNull(run);
        Name = name;
        Run = run;
    }

    /// <summary>The hook's name.</summary>
    public string Name { get; }

    /// <summary>The code to run.</summary>
    public Action Run { get; }

    /// <summary>Resources this hook releases.</summary>
    public IReadOnlyList<string> ReleasesResources => releases;

    /// <summary>Resources this hook needs still held.</summary>
    public IReadOnlyList<string> NeedsResources => needs;

    /// <summary>Declares that the hook releases <paramref name="resource"/>.</summary>
    public CrashShutdownHook Releases(string resource)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        releases.Add(resource);
        return this;
    }

    /// <summary>Declares that the hook needs <paramref name="resource"/> still held.</summary>
    public CrashShutdownHook Needs(string resource)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        needs.Add(resource);
        return this;
    }
}
