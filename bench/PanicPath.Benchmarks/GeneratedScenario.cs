using System.Globalization;
using System.Text;

namespace PanicPath.Benchmarks;

/// <summary>
/// Writes a scenario with a configuration space of 2^<c>bits</c>: boolean features, half of them
/// deciding a callback's registration and half its run-time condition, with locks, state and invariants.
/// </summary>
public static class GeneratedScenario
{
    /// <summary>The scenario text; <paramref name="withCallbacks"/> false gives the same space with no driver at all.</summary>
    public static string Yaml(int bits, bool withCallbacks = true) => Yaml(bits, bits, withCallbacks);

    /// <summary>
    /// The scenario of 2^<paramref name="bits"/> cut to 2^<paramref name="explored"/> runs: the same drivers, but only the
    /// first features explored; each later one is fixed, alternately true and false among the features deciding a
    /// registration and among those deciding a run-time condition, so about half their drivers act, as in the whole space.
    /// </summary>
    public static string Yaml(int bits, int explored, bool withCallbacks = true)
    {
        var text = new StringBuilder();
        text.AppendLine("scenario: generated").AppendLine("cpus: 2").AppendLine("knobs:")
            .AppendLine("  kexec_crash_loaded: [false, true]").AppendLine("  crash_kexec_post_notifiers: [false, true]")
            .AppendLine("features:");
        for (var i = 0; i < bits - 2; i++)
        {
            var values = i < explored - 2 ? "false, true" : i / 2 % 2 == 0 ? "true" : "false";
            text.AppendLine(CultureInfo.InvariantCulture, $"  f{i}: [{values}]");
        }

        text.AppendLine("state:").AppendLine("  link: { initial: up, values: [up, down] }").AppendLine("  count: 0").AppendLine("locks: [ring]");
        if (withCallbacks)
        {
            text.AppendLine("callbacks:");
            for (var i = 0; i < bits - 2; i++)
            {
                var condition = i % 2 == 0 ? $"register-if: f{i}" : $"if: f{i} && !held(ring)";
                text.AppendLine(CultureInfo.InvariantCulture, $"  - name: cb{i}").AppendLine("    chain: panic")
                    .AppendLine(CultureInfo.InvariantCulture, $"    priority: INT_MIN + {i + 2}")
                    .AppendLine(CultureInfo.InvariantCulture, $"    {condition}")
                    .AppendLine("    do:").AppendLine("      - lock: ring").AppendLine("      - set: count = count + 1")
                    .AppendLine("      - if: link == up").AppendLine("        do: [ { emit: flushed } ]").AppendLine("      - unlock: ring");
            }

            text.AppendLine("  - name: unload").AppendLine("    chain: panic").AppendLine("    priority: INT_MIN + 1")
                .AppendLine("    do: [ { set: link = down } ]").AppendLine("  - name: hook").AppendLine("    chain: crash_shutdown")
                .AppendLine("    do: [ { set: link = down } ]");
        }

        text.AppendLine("invariants:").AppendLine("  - name: terminates").AppendLine("    terminates: true")
            .AppendLine("  - name: down-at-boot").AppendLine("    at: [crash-kernel-boot, restart]").AppendLine("    expect: link == down")
            .AppendLine("  - name: boot-once").AppendLine("    at-most-once: crash-kernel-boot");
        return text.ToString();
    }
}
