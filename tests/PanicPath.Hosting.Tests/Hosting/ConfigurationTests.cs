using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PanicPath.Dumps;
using PanicPath.Lists;
using PanicPath.Panics;
using PanicPath.Reports;
using PanicPath.TestSupport;

namespace PanicPath.Hosting.Tests.Hosting;

public sealed class ConfigurationTests
{
    /// <summary>Every option that configuration can set, each to a value other than its default, as appsettings.json keys.</summary>
    private static readonly Dictionary<string, string?> EveryOption = new()
    {
        ["PanicPath:NotifierBudget"] = "00:00:03",
        ["PanicPath:Deadline"] = "00:00:05",
        ["PanicPath:SpareExecutors"] = "5",
        ["PanicPath:DumpPolicy"] = "AfterLists",
        ["PanicPath:PanicOnOops"] = "true",
        ["PanicPath:PanicOnWarn"] = "true",
        ["PanicPath:ExitCode"] = "90",
        ["PanicPath:SpoolDirectory"] = "/var/spool/app",
        ["PanicPath:ChannelAddress"] = "none",
        ["PanicPath:HeartbeatInterval"] = "00:00:00.250",
        ["PanicPath:ReportForm"] = "Short",
        ["PanicPath:ReportLogBytes"] = "8192",
        ["PanicPath:LogRingCapacity"] = "64",
        ["PanicPath:DumpDirectory"] = "/var/dumps/app",
        ["PanicPath:HandleUnhandledExceptions"] = "false",
        ["PanicPath:HandleUnobservedTaskExceptions"] = "false",
        ["PanicPath:Platform"] = "macos",
        ["PanicPath:PanicOnBackgroundServiceFailure"] = "false",
        ["PanicPath:FailOnPlanViolation"] = "true",
        ["PanicPath:InProcessDump"] = "true",
    };

    private const string EveryOptionJson = """
        {
          "Logging": { "LogLevel": { "Default": "Information" } },
          "PanicPath": {
            "NotifierBudget": "00:00:03",
            "Deadline": "00:00:05",
            "SpareExecutors": 5,
            "DumpPolicy": "AfterLists",
            "PanicOnOops": true,
            "PanicOnWarn": true,
            "ExitCode": 90,
            "SpoolDirectory": "/var/spool/app",
            "ChannelAddress": "none",
            "HeartbeatInterval": "00:00:00.250",
            "ReportForm": "Short",
            "ReportLogBytes": 8192,
            "LogRingCapacity": 64,
            "DumpDirectory": "/var/dumps/app",
            "HandleUnhandledExceptions": false,
            "HandleUnobservedTaskExceptions": false,
            "Platform": "macos",
            "PanicOnBackgroundServiceFailure": false,
            "FailOnPlanViolation": true,
            "InProcessDump": true
          }
        }
        """;

    private static void EveryOptionInCode(PanicPathOptions o)
    {
        o.NotifierBudget = TimeSpan.FromSeconds(3);
        o.Deadline = TimeSpan.FromSeconds(5);
        o.SpareExecutors = 5;
        o.DumpPolicy = DumpPolicy.AfterLists;
        o.PanicOnOops = true;
        o.PanicOnWarn = true;
        o.ExitCode = 90;
        o.SpoolDirectory = "/var/spool/app";
        o.ChannelAddress = "none";
        o.HeartbeatInterval = TimeSpan.FromMilliseconds(250);
        o.ReportForm = ReportForm.Short;
        o.ReportLogBytes = 8192;
        o.LogRingCapacity = 64;
        o.DumpDirectory = "/var/dumps/app";
        o.HandleUnhandledExceptions = false;
        o.HandleUnobservedTaskExceptions = false;
        o.Platform = CrashPlatform.MacOS;
        o.PanicOnBackgroundServiceFailure = false;
        o.FailOnPlanViolation = true;
        o.InProcessDump = true;
    }

    [Fact]
    public void A_section_in_memory_and_in_appsettings_json_gives_the_options_the_delegate_gives()
    {
        var fromCode = Resolve(new ServiceCollection().AddPanicPath(EveryOptionInCode));
        var fromMemory = Resolve(new ServiceCollection().AddPanicPath(InMemory(EveryOption).GetSection("PanicPath")));
        var directory = Directory.CreateTempSubdirectory("panicpath-config-");
        try
        {
            var file = Path.Combine(directory.FullName, "appsettings.json");
            File.WriteAllText(file, EveryOptionJson);
            var json = new ConfigurationBuilder().AddJsonFile(file).Build();
            var fromJson = Resolve(new ServiceCollection().AddPanicPath(json.GetSection("PanicPath")));

            Assert.Equal(Shown(fromCode), Shown(fromMemory));
            Assert.Equal(Shown(fromCode), Shown(fromJson));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_option_is_set_by_configuration_the_dump_writer_through_in_process_dump()
    {
        var defaults = Shown(new PanicPathOptions());
        var bound = Shown(Resolve(new ServiceCollection().AddPanicPath(InMemory(EveryOption).GetSection("PanicPath"))));

        // Each option is set to a value other than its default, so an option the binder skips shows here.
        Assert.Empty(defaults.Intersect(bound));
        Assert.Equal(Settable().Length - 1, EveryOption.Count);
    }

    [Fact]
    public void A_delegate_after_the_section_wins_over_it()
    {
        var options = Resolve(new ServiceCollection().AddPanicPath(
            InMemory(EveryOption).GetSection("PanicPath"),
            o => o.Deadline = TimeSpan.FromSeconds(9)));

        Assert.Equal(TimeSpan.FromSeconds(9), options.Deadline);
        Assert.Equal(TimeSpan.FromSeconds(3), options.NotifierBudget);
    }

    [Fact]
    public void Every_bad_key_is_named_by_its_configuration_path_in_one_error()
    {
        var services = new ServiceCollection().AddPanicPath(InMemory(new()
        {
            ["PanicPath:Deadline"] = "5 seconds",
            ["PanicPath:DumpPolicy"] = "Sometimes",
            ["PanicPath:PanicOnOops"] = "yes",
            ["PanicPath:ExitCode"] = "300",
            ["PanicPath:SpareExecutors"] = "-1",
            ["PanicPath:HeartbeatInterval"] = "02:00:00",
            ["PanicPath:Platform"] = "plan9",
            ["PanicPath:Deadlin"] = "00:00:05",
        }).GetSection("PanicPath"));

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(services));

        string[] paths =
        [
            "PanicPath:Deadline", "PanicPath:DumpPolicy", "PanicPath:PanicOnOops", "PanicPath:ExitCode",
            "PanicPath:SpareExecutors", "PanicPath:HeartbeatInterval", "PanicPath:Platform", "PanicPath:Deadlin",
        ];
        Assert.Equal(paths.Order(), error.Failures.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]).Order());
        foreach (var path in paths)
        {
            Assert.Contains(path + ": ", error.Message);
        }
    }

    [Fact]
    public void A_value_that_does_not_convert_is_named_with_the_form_expected_not_as_a_bare_format_error()
    {
        var services = new ServiceCollection().AddPanicPath(InMemory(new()
        {
            ["PanicPath:Deadline"] = "5 seconds",
            ["PanicPath:ReportForm"] = "Medium",
        }).GetSection("PanicPath"));

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(services));

        Assert.Contains(error.Failures, f => f.StartsWith("PanicPath:Deadline: '5 seconds' is not a time span ([d.]hh:mm:ss[.fff], e.g. 00:00:05)", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("PanicPath:ReportForm: 'Medium' is not a report form (Short, Long)", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_key_is_reported_not_ignored()
    {
        var services = new ServiceCollection().AddPanicPath(InMemory(new() { ["App:PanicPath:Dedline"] = "00:00:05" }).GetSection("App:PanicPath"));

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(services));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("App:PanicPath:Dedline: is not an option of the panic path", failure);
    }

    [Fact]
    public void The_dump_writer_key_is_refused_with_the_option_configuration_has_instead()
    {
        var services = new ServiceCollection().AddPanicPath(InMemory(new() { ["PanicPath:DumpWriter"] = "heap" }).GetSection("PanicPath"));

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(services));

        Assert.Equal("PanicPath:DumpWriter: is set in code only; in configuration use InProcessDump: true.", Assert.Single(error.Failures));
    }

    [Fact]
    public void A_range_error_of_the_section_is_reported_even_when_another_key_does_not_convert()
    {
        // The binder stops at its first bad value; binding one key at a time still binds and checks the rest.
        var services = new ServiceCollection().AddPanicPath(InMemory(new()
        {
            ["PanicPath:Deadline"] = "soon",
            ["PanicPath:LogRingCapacity"] = "0",
        }).GetSection("PanicPath"));

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(services));

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("PanicPath:LogRingCapacity: must be between 1 and 1048576 (was 0).", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_host_with_a_bad_section_fails_before_it_starts_naming_every_bad_key()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PanicPath:Deadline"] = "00:00:00",
            ["PanicPath:ReportLogBytes"] = "12",
        });
        builder.Services.AddPanicPath(builder.Configuration.GetSection("PanicPath"));

        // The host's logging reads the options (the log ring's capacity), so building the host already fails.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            using var host = builder.Build();
            await host.StartAsync();
        });

        Assert.Equal(
            ["PanicPath:Deadline: must be positive and at most one hour (was 00:00:00).", "PanicPath:ReportLogBytes: must be between 256 and 1048576 (was 12)."],
            error.Failures);
    }

    [Fact]
    public void Every_option_is_documented_with_its_key_type_and_default()
    {
        var page = File.ReadAllText(Path.Combine(ExampleScenarios.Repository, "docs", "configuration.md"));

        foreach (var property in Settable())
        {
            Assert.Contains($"| `{property.Name}` |", page);
        }
    }

    private static PropertyInfo[] Settable() =>
        typeof(PanicPathOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();

    /// <summary>Every settable option as <c>Name=value</c>, in name order; the dump writer by its type only.</summary>
    private static string[] Shown(PanicPathOptions options) =>
        Settable()
            .Select(p => p.Name + "=" + (p.GetValue(options) switch
            {
                null => "null",
                ICrashDumpWriter writer => writer.GetType().Name,
                IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
                var value => value.ToString(),
            }))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static IConfigurationRoot InMemory(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static PanicPathOptions Resolve(IServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<PanicPathOptions>();
    }
}
