using PanicPath.Dumps;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Panics;

namespace PanicPath.Verification;

/// <summary>
/// Walks a <see cref="PanicPlan"/> in every configuration (each <see cref="DumpPolicy"/> × capture armed
/// or not × each platform, including one without crash-shutdown hooks) in the order the path runs
/// (<see cref="PathSequence"/>), and reports every violation of the <see cref="PlanRule"/>s with its
/// configuration and the order that breaks it. A notifier that skips itself when capture is armed is
/// left out of armed configurations; hooks run at the dump step on platforms that have them.
/// </summary>
public static class PlanVerifier
{
    /// <summary>Every violation, configuration by configuration; empty when the plan is sound.</summary>
    public static IReadOnlyList<PlanViolation> Verify(PanicPlan plan, IEnumerable<CrashPlatform>? platforms = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var violations = new List<PlanViolation>();
        foreach (var policy in Enum.GetValues<DumpPolicy>())
        {
            foreach (var armed in (bool[])[false, true])
            {
                foreach (var platform in platforms ?? CrashPlatform.All)
                {
                    violations.AddRange(Verify(plan, new PlanConfiguration(policy, armed, platform)));
                }
            }
        }

        return violations;
    }

    /// <summary>The violations of one configuration.</summary>
    public static IReadOnlyList<PlanViolation> Verify(PanicPlan plan, PlanConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var releasable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var notifier in plan.Notifiers)
        {
            releasable.UnionWith(notifier.ReleasesResources);
        }

        foreach (var hook in plan.Hooks)
        {
            releasable.UnionWith(hook.ReleasesResources);
        }

        var released = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        var violations = new List<PlanViolation>();

        void Visit(string name, IReadOnlyList<string> needs, IReadOnlyList<string> releases)
        {
            order.Add(name);
            foreach (var resource in needs)
            {
                if (released.Contains(resource))
                {
                    violations.Add(new PlanViolation(configuration, PlanRule.NeededAfterRelease, resource, name, [.. order]));
                }
            }

            released.UnionWith(releases);
        }

        foreach (var step in PathSequence.For(configuration.Policy, configuration.CaptureArmed))
        {
            if (step == PathStep.LogDump)
            {
                order.Add("(log dump)");
                continue;
            }

            if (step == PathStep.CrashDump)
            {
                if (configuration.Platform.HasCrashShutdownHooks)
                {
                    foreach (var hook in plan.Hooks)
                    {
                        Visit($"crash-shutdown:{hook.Name}", hook.NeedsResources, hook.ReleasesResources);
                    }
                }

                order.Add("(crash dump)");
                continue;
            }

            var list = PathSequence.ListOf(step)!.Value;
            foreach (var notifier in OrderOf(plan, list))
            {
                if (notifier.SkipsWhenCaptureArmed && configuration.CaptureArmed)
                {
                    continue;
                }

                Visit($"{list}:{notifier.Name}", notifier.NeedsResources, notifier.ReleasesResources);
            }
        }

        order.Add("(exit)");
        foreach (var resource in releasable.Order(StringComparer.Ordinal))
        {
            if (!released.Contains(resource))
            {
                violations.Add(new PlanViolation(configuration, PlanRule.NeverReleased, resource, "(exit)", [.. order]));
            }
        }

        return violations;
    }

    /// <summary>
    /// The notifiers of <paramref name="list"/> in the order the path runs them, taken from a
    /// <see cref="NotifierChain{TEvent}"/> like the runtime's, so that the verifier and the path order
    /// them by the same code.
    /// </summary>
    private static IEnumerable<PanicNotifier> OrderOf(PanicPlan plan, PanicList list)
    {
        var chain = new NotifierChain<PanicEvent>(list.ToString());
        var notifiers = new Dictionary<NotifierRegistration<PanicEvent>, PanicNotifier>();
        foreach (var notifier in plan.Notifiers.Where(n => n.List == list))
        {
            // A closure per notifier: a distinct handler instance, as the runtime's wrapper is.
            notifiers[chain.Register((in PanicEvent e) => notifier.Handler(in e), notifier.Priority, notifier.Name)] = notifier;
        }

        return chain.Registrations.Select(r => notifiers[r]);
    }
}
