namespace PanicPath.Notifiers;

/// <summary>
/// The kernel's <c>notifier_chain_register</c> and <c>notifier_chain_unregister</c> on copy-on-write
/// arrays: higher priority first, a new entry after every entry of the same priority (so equal
/// priorities run in registration order), the same handler refused twice, and optionally a taken
/// priority refused. The arrays are never changed in place, so a walk can read one without a lock.
/// </summary>
internal static class PriorityOrder
{
    /// <summary>A new array with <paramref name="entry"/> in its place.</summary>
    /// <exception cref="InvalidOperationException">The handler is already on the chain, or
    /// <paramref name="uniquePriority"/> is set and its priority is taken.</exception>
    internal static T[] Insert<T>(T[] entries, T entry, bool uniquePriority, string chainName)
        where T : class, IChainEntry
    {
        foreach (var existing in entries)
        {
            if (ReferenceEquals(existing.HandlerIdentity, entry.HandlerIdentity))
            {
                throw new InvalidOperationException(
                    $"Handler '{entry.Name}' is already registered on chain '{chainName}' as '{existing.Name}' " +
                    $"(priority {existing.Priority}); the same handler instance cannot be registered twice.");
            }

            if (uniquePriority && existing.Priority == entry.Priority)
            {
                throw new InvalidOperationException(
                    $"Priority {entry.Priority} on chain '{chainName}' is already taken by '{existing.Name}'; " +
                    $"'{entry.Name}' asked for a unique priority.");
            }
        }

        var at = 0;
        while (at < entries.Length && entries[at].Priority >= entry.Priority)
        {
            at++;
        }

        var result = new T[entries.Length + 1];
        Array.Copy(entries, 0, result, 0, at);
        result[at] = entry;
        Array.Copy(entries, at, result, at + 1, entries.Length - at);
        return result;
    }

    /// <summary>A new array without <paramref name="entry"/>, or null when it was not there.</summary>
    internal static T[]? Remove<T>(T[] entries, T entry)
        where T : class
    {
        var at = Array.IndexOf(entries, entry);
        if (at < 0)
        {
            return null;
        }

        var result = new T[entries.Length - 1];
        Array.Copy(entries, 0, result, 0, at);
        Array.Copy(entries, at + 1, result, at, entries.Length - at - 1);
        return result;
    }
}
