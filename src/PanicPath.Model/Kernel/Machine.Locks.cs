namespace PanicPath.Model.Kernel;

/// <summary>
/// Spinlocks. A lock held by a running CPU is released in time (the panicking CPU waits for it); a lock
/// held by a stopped CPU is never released; a CPU that takes a lock it already holds spins forever.
/// </summary>
public sealed partial class Machine
{
    /// <summary>Takes lock <paramref name="index"/>; answers false when the run hangs on it.</summary>
    public bool Lock(int index)
    {
        var name = scenario.Locks[index];
        var owner = lockOwner[index];
        if (owner == cpu)
        {
            Hang($"spins forever on {name}, which it already holds");
            return false;
        }

        if (owner >= 0 && cpus[owner] == CpuState.Stopped)
        {
            Hang($"spins forever on {name}, held by stopped cpu{owner}");
            return false;
        }

        if (owner >= 0 && CannotRelease(owner))
        {
            Hang(owner == raceFirst && racer >= 0
                ? $"spins on {name}, held by cpu{owner}, which is in its own fatal path"
                : $"spins forever on {name}, held by cpu{owner}, which never gets further");
            return false;
        }

        if (owner >= 0)
        {
            Step($"lock {name}: waits for cpu{owner} to release it", $"{name}: cpu{owner} → free");
        }

        lockOwner[index] = cpu;
        Step($"lock {name}", $"{name}: free → cpu{cpu}");
        return true;
    }

    /// <summary>Takes lock <paramref name="index"/> only when it is free; answers whether it did.</summary>
    public bool TryLock(int index)
    {
        var name = scenario.Locks[index];
        if (lockOwner[index] >= 0)
        {
            Step($"trylock {name}: busy (cpu{lockOwner[index]})", string.Empty);
            return false;
        }

        lockOwner[index] = cpu;
        Step($"trylock {name}", $"{name}: free → cpu{cpu}");
        return true;
    }

    /// <summary>Releases lock <paramref name="index"/> if the running CPU holds it.</summary>
    public void Unlock(int index)
    {
        var name = scenario.Locks[index];
        if (lockOwner[index] == cpu)
        {
            lockOwner[index] = -1;
            Step($"unlock {name}", $"{name}: cpu{cpu} → free");
        }
        else
        {
            Step($"unlock {name}: not held by cpu{cpu}, ignored", string.Empty);
        }
    }
}
