namespace PanicPath.Supervisor.Runs;

/// <summary>
/// What a run still owes the store: its deaths kept in slots (the index of each in the run's list of
/// deaths, and its spool directory, still held so no other supervisor ingests it meanwhile), oldest
/// first, and whether the start's ingest of earlier runs' leftovers was cut short by a refusing store.
/// </summary>
internal sealed class KeptDeaths
{
    /// <summary>The deaths kept in slots, oldest first.</summary>
    public List<(int Index, RunSpool Spool)> Pending { get; } = [];

    /// <summary>True while leftovers of earlier runs wait for the store.</summary>
    public bool LeftoversWaiting { get; set; }

    /// <summary>Adds a death kept in <paramref name="spool"/>'s slot.</summary>
    public void Add(int index, RunSpool spool) => Pending.Add((index, spool));

    /// <summary>Gives up every directory still held, for the next start's ingest.</summary>
    public void ReleaseAll()
    {
        foreach (var (_, spool) in Pending)
        {
            spool.Release();
        }

        Pending.Clear();
    }
}
