using Microsoft.Extensions.Configuration;
using PanicPath.Dumps;
using PanicPath.Lists;
using PanicPath.Panics;
using PanicPath.Reports;

namespace PanicPath.Hosting;

/// <summary>
/// Binds a configuration section onto <see cref="PanicPathOptions"/> with the configuration binder's
/// source generator (no reflection), one key at a time, so that one malformed value neither stops the
/// others from binding nor hides their errors. Returns every key that could not be bound, each as one
/// line naming its configuration path: a value that does not convert (with the form expected), a key that
/// is not an option (reported, unlike the binder's default of ignoring it: a misspelt <c>Deadline</c>
/// would otherwise leave the default in force unnoticed), and <c>DumpWriter</c>, which only code can set.
/// <c>Platform</c> is bound by name (<c>linux</c>, <c>windows</c>, <c>macos</c>).
/// </summary>
internal static class PanicPathConfiguration
{
    /// <summary>Binds every key of <paramref name="section"/> it can onto <paramref name="options"/>; returns one line per key it could not.</summary>
    public static IReadOnlyList<string> Bind(IConfiguration section, PanicPathOptions options)
    {
        var errors = new List<string>();
        var sectionPath = (section as IConfigurationSection)?.Path ?? string.Empty;
        foreach (var child in section.GetChildren())
        {
            if (Is(child, nameof(PanicOptions.Platform)))
            {
                var platform = CrashPlatform.All.FirstOrDefault(p => string.Equals(p.Name, child.Value, StringComparison.OrdinalIgnoreCase));
                if (platform is null)
                {
                    errors.Add($"{child.Path}: {Shown(child.Value)} is not a platform; use one of {string.Join(", ", CrashPlatform.All)}.");
                }
                else
                {
                    options.Platform = platform;
                }

                continue;
            }

            if (Is(child, nameof(PanicOptions.DumpWriter)))
            {
                errors.Add($"{child.Path}: is set in code only; in configuration use {nameof(PanicPathOptions.InProcessDump)}: true.");
                continue;
            }

            // Only this key, at its own path, so that the binder's messages name the path the user wrote.
            var single = new ConfigurationBuilder().AddInMemoryCollection(child.AsEnumerable()).Build();
            IConfiguration scope = sectionPath.Length == 0 ? single : single.GetSection(sectionPath);
            try
            {
                scope.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException e) when (e.InnerException is not null)
            {
                errors.Add($"{child.Path}: {Shown(child.Value)} is not {Expected(child.Key)} ({e.InnerException.Message})");
            }
            catch (InvalidOperationException)
            {
                errors.Add($"{child.Path}: is not an option of the panic path (see docs/configuration.md for the keys).");
            }
        }

        return errors;
    }

    private static bool Is(IConfigurationSection child, string key) => string.Equals(child.Key, key, StringComparison.OrdinalIgnoreCase);

    private static string Shown(string? value) => value is null ? "a section" : $"'{value}'";

    /// <summary>The form a key's value takes, for the message of a value that did not convert.</summary>
    private static string Expected(string key) => key switch
    {
        _ when Same(key, nameof(PanicOptions.NotifierBudget)) || Same(key, nameof(PanicOptions.Deadline)) || Same(key, nameof(PanicOptions.HeartbeatInterval))
            => "a time span ([d.]hh:mm:ss[.fff], e.g. 00:00:05)",
        _ when Same(key, nameof(PanicOptions.DumpPolicy)) => $"a dump policy ({string.Join(", ", Enum.GetNames<DumpPolicy>())})",
        _ when Same(key, nameof(PanicOptions.ReportForm)) => $"a report form ({string.Join(", ", Enum.GetNames<ReportForm>())})",
        _ when Same(key, nameof(PanicOptions.SpareExecutors)) || Same(key, nameof(PanicOptions.ExitCode))
            || Same(key, nameof(PanicOptions.ReportLogBytes)) || Same(key, nameof(PanicOptions.LogRingCapacity)) => "a whole number",
        _ => "true or false",
    };

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
