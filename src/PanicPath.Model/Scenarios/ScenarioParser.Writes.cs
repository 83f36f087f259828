namespace PanicPath.Model.Scenarios;

/// <summary>
/// Who may write what, where (<see cref="KnobWrites"/>): a knob assignment or a <c>panic:</c> in setup,
/// after-boot or a callback is checked where it is written; one in a helper is checked once every call is known,
/// against each place that reaches the helper (directly or through other helpers), so a helper that loads a
/// crash kernel may serve after-boot but not a panic notifier. <c>panic:</c> belongs to callbacks: at boot and
/// after it the fatal path has not started (the entry point starts it).
/// </summary>
public sealed partial class ScenarioParser
{
    /// <summary>The body being compiled: setup, after-boot, a callback (by name) or a helper (by name).</summary>
    private (WriteSite Site, string? Helper, string Name) owner = (WriteSite.Setup, null, "setup");

    private readonly List<(string Helper, Variable? Knob, SourceLocation Where)> helperWrites = [];
    private readonly List<((WriteSite Site, string? Helper, string Name) From, string To)> helperCalls = [];

    /// <summary>Checks a write of kernel knob <paramref name="knob"/> at <paramref name="where"/> by the current body.</summary>
    private void CheckKnobWrite(Variable knob, SourceLocation where)
    {
        if (owner.Helper is { } helper)
        {
            helperWrites.Add((helper, knob, where));
            return;
        }

        if (KnobWrites.Refusal(knob.Name, owner.Site, scenario.HasNotifiersLevel) is { } refusal)
        {
            throw new ScenarioException(where, refusal);
        }
    }

    /// <summary>Checks a <c>panic:</c> action at <paramref name="where"/> by the current body.</summary>
    private void CheckPanicAction(SourceLocation where)
    {
        if (owner.Helper is { } helper)
        {
            helperWrites.Add((helper, null, where));
        }
        else if (owner.Site != WriteSite.Callback)
        {
            throw new ScenarioException(where, PanicRefusal(owner.Site, owner.Name, null));
        }
    }

    private static string PanicRefusal(WriteSite site, string name, string? helper) =>
        $"panic: only in callbacks and the helpers they call, not in {(helper is null ? string.Empty : $"helper {helper}, which {name} calls, ")}{(site == WriteSite.Setup ? "setup" : "after-boot")}: the fatal path starts at the entry point, after boot";

    /// <summary>
    /// Checks every helper's knob writes and panics against every setup, after-boot or callback body that reaches it.
    /// A refusal depends only on the site and the write, so each helper is searched at most once per site (the first
    /// body, in call order, that reaches it names it in the error): time linear in helpers, calls and writes.
    /// </summary>
    private void CheckHelperWrites()
    {
        if (helperWrites.Count == 0)
        {
            return;
        }

        var writes = new Dictionary<string, List<(Variable? Knob, SourceLocation Where)>>(StringComparer.Ordinal);
        foreach (var (inHelper, knob, where) in helperWrites)
        {
            Listed(writes, inHelper).Add((knob, where));
        }

        var callees = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (caller, callee) in helperCalls)
        {
            if (caller.Helper is { } helper)
            {
                Listed(callees, helper).Add(callee);
            }
        }

        var seen = new Dictionary<WriteSite, HashSet<string>>();
        foreach (var (from, to) in helperCalls)
        {
            if (from.Helper is not null)
            {
                continue;
            }

            if (!seen.TryGetValue(from.Site, out var reached))
            {
                seen[from.Site] = reached = new HashSet<string>(StringComparer.Ordinal);
            }

            var pending = new Queue<string>();
            pending.Enqueue(to);
            while (pending.TryDequeue(out var helper))
            {
                if (!reached.Add(helper))
                {
                    continue;
                }

                foreach (var (knob, where) in writes.GetValueOrDefault(helper) ?? [])
                {
                    var refusal = knob is null
                        ? from.Site == WriteSite.Callback ? null : PanicRefusal(from.Site, from.Name, helper)
                        : KnobWrites.Refusal(knob.Name, from.Site, scenario.HasNotifiersLevel) is { } why ? $"{why} (in helper {helper}, which {from.Name} calls)" : null;
                    if (refusal is not null)
                    {
                        throw new ScenarioException(where, refusal);
                    }
                }

                foreach (var callee in callees.GetValueOrDefault(helper) ?? [])
                {
                    pending.Enqueue(callee);
                }
            }
        }
    }

    private static List<T> Listed<T>(Dictionary<string, List<T>> lists, string key)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }

        return list;
    }
}
