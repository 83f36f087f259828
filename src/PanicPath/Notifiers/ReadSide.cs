using System.Runtime.CompilerServices;

namespace PanicPath.Notifiers;

/// <summary>
/// The read side of the chains' grace period, the part of RCU that <c>synchronize_rcu</c> relies on.
/// A walk enters a read section before it loads a chain's snapshot and leaves it when the walk ends;
/// an unregistration publishes the chain without the handler and then waits, in
/// <see cref="WaitForReaders"/>, until every read section that could have loaded the old snapshot has
/// ended. After that no walk can still call the handler.
/// </summary>
/// <remarks>
/// Readers pay two plain stores: each thread owns a slot (one cache line), claimed by its managed
/// thread id on its first walk and cached in a thread-static, holding a counter that is odd while the
/// thread is inside a section. Only the owner writes its slot. The slots are allocated once, with the
/// type, so a thread's first walk allocates nothing either.
/// The writer makes the readers' stores visible with a process-wide memory barrier (membarrier on
/// Linux) before it reads the slots, so the reader needs no fence of its own. A thread whose id is past
/// the slot table falls back to one of two shared counters, flipped by the writer as SRCU does.
/// The grace period is global: it waits for sections of every chain, as RCU does.
/// </remarks>
internal static class ReadSide
{
    private const int SlotCount = 1024;
    private const int Stride = 8; // 8 longs: one 64-byte cache line per overflow counter.

    private static readonly ReaderSlot[] Slots = CreateSlots();
    private static readonly long[] Overflow = new long[2 * Stride];
    private static readonly Lock OverflowGate = new();
    private static int overflowPhase;

    [ThreadStatic] private static ReaderSlot? ownSlot;
    [ThreadStatic] private static int overflowHeld0;
    [ThreadStatic] private static int overflowHeld1;

    /// <summary>What <see cref="Exit"/> needs to close the section that <see cref="Enter"/> opened.</summary>
    internal readonly struct Section
    {
        internal readonly ReaderSlot? Slot; // the slot to close, or null: nested, or overflow path
        internal readonly long Value;       // the slot's even value before entry, or the overflow phase + 1

        internal Section(ReaderSlot? slot, long value)
        {
            Slot = slot;
            Value = value;
        }
    }

    /// <summary>Opens a read section on the calling thread. Nested sections are free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Section Enter()
    {
        var slot = ownSlot ?? ClaimSlot();
        if (slot is null)
        {
            return EnterOverflow();
        }

        var value = slot.Value;
        if ((value & 1) != 0)
        {
            return default;
        }

        Volatile.Write(ref slot.Value, value + 1);
        return new Section(slot, value);
    }

    /// <summary>Closes the section <paramref name="section"/> came from.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Exit(Section section)
    {
        if (section.Slot is { } slot)
        {
            Volatile.Write(ref slot.Value, section.Value + 2);
        }
        else if (section.Value != 0)
        {
            ExitOverflow((int)section.Value - 1);
        }
    }

    /// <summary>True when the calling thread is inside a read section (a walk of any chain).</summary>
    internal static bool InsideSection =>
        (ownSlot ?? ClaimSlot()) is { } slot
            ? (Volatile.Read(ref slot.Value) & 1) != 0
            : overflowHeld0 + overflowHeld1 > 0;

    /// <summary>
    /// Waits until every read section that other threads had open when this was called has ended.
    /// Answers false when <paramref name="timeout"/> passed first; <see cref="Timeout.InfiniteTimeSpan"/>
    /// waits for ever. Must not be called from inside a section (it could wait for a writer that waits
    /// for this very section): callers check <see cref="InsideSection"/> first.
    /// </summary>
    internal static bool WaitForReaders(TimeSpan timeout)
    {
        var deadline = timeout == Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : Environment.TickCount64 + (long)timeout.TotalMilliseconds;

        // Scans by several writers at once are independent: each sees its own snapshot published.
        Interlocked.MemoryBarrierProcessWide();
        foreach (var slot in Slots)
        {
            var seen = Volatile.Read(ref slot.Value);
            if ((seen & 1) != 0 && !SpinUntil(ref slot.Value, seen, deadline))
            {
                return false;
            }
        }

        // The overflow counters are flipped by one writer at a time, twice, as SRCU does: a reader that
        // read the phase before the first flip but counted itself after it is caught by the second.
        var remaining = deadline == long.MaxValue
            ? Timeout.InfiniteTimeSpan
            : TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64));
        if (!OverflowGate.TryEnter(remaining))
        {
            return false;
        }

        try
        {
            for (var round = 0; round < 2; round++)
            {
                var old = overflowPhase;
                Volatile.Write(ref overflowPhase, old ^ 1);
                Interlocked.MemoryBarrierProcessWide();
                if (!SpinWhileAbove(ref Overflow[old * Stride], 0, deadline))
                {
                    return false;
                }
            }
        }
        finally
        {
            OverflowGate.Exit();
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Section EnterOverflow()
    {
        var phase = Volatile.Read(ref overflowPhase);
        Interlocked.Increment(ref Overflow[phase * Stride]);
        if (phase == 0)
        {
            overflowHeld0++;
        }
        else
        {
            overflowHeld1++;
        }

        return new Section(null, phase + 1);
    }

    /// <summary>
    /// Binds the calling thread to the slot of its managed thread id, or answers null when the id is past
    /// the table. Thread ids are reused only after their thread has ended, so no two live threads share a slot.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ReaderSlot? ClaimSlot()
    {
        var id = Environment.CurrentManagedThreadId;
        if ((uint)id >= SlotCount)
        {
            return null;
        }

        var slot = Slots[id];
        ownSlot = slot;
        return slot;
    }

    private static ReaderSlot[] CreateSlots()
    {
        var slots = new ReaderSlot[SlotCount];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new ReaderSlot();
        }

        return slots;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ExitOverflow(int phase)
    {
        if (phase == 0)
        {
            overflowHeld0--;
        }
        else
        {
            overflowHeld1--;
        }

        Interlocked.Decrement(ref Overflow[phase * Stride]);
    }

    private static bool SpinUntil(ref long slot, long seen, long deadline)
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref slot) == seen)
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            spinner.SpinOnce();
        }

        return true;
    }

    private static bool SpinWhileAbove(ref long counter, long floor, long deadline)
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref counter) > floor)
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            spinner.SpinOnce();
        }

        return true;
    }
}
