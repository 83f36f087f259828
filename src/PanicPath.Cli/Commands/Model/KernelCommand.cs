using System.CommandLine;
using System.Text.Json;
using PanicPath.Cli.Commands.Rendering;
using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;
using PanicPath.Model.Kernel.Profiles;
using PanicPath.Model.Scenarios;
using PanicPath.Cli.Values;

namespace PanicPath.Cli.Commands.Model;

/// <summary>
/// <c>panicpath kernel list [--json] | show NAME</c>: the kernel profiles shipped inside the tool (name, the kernel
/// version each models, which one <c>kernel: mainline</c> means), and one profile's text exactly as shipped, to copy
/// and edit (docs/kernel-profiles.md). Exit 0; 2 for a name that is not a shipped profile (or an alias of one).
/// </summary>
internal static class KernelCommand
{
    public static Command Create()
    {
        var command = new Command("kernel", "The shipped kernel profiles: list, show NAME (to copy and edit).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        return command;
    }

    private static Command List()
    {
        var json = CliValues.Flag("--json", "Print the list as JSON: { schema, profiles: [{ name, version, functions, mainline }] }.");
        var command = new Command("list", "The shipped kernel profiles and the kernel version each models.") { json };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var profiles = ShippedProfiles.Names.Select(name => ScenarioParser.Parse($"kernel: {name}\n", "kernel.yaml").Profile).ToList();
            if (parse.GetValue(json))
            {
                using var stream = new MemoryStream();
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    writer.WriteStartObject();
                    writer.WriteString(ReportJson.SchemaProperty, JsonSchemas.Kernels);
                    writer.WriteStartArray("profiles");
                    foreach (var profile in profiles)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("name", profile.Name);
                        writer.WriteString("version", profile.Version);
                        writer.WriteStartArray("functions");
                        foreach (var function in profile.Functions)
                        {
                            writer.WriteStringValue(function.Name);
                        }

                        writer.WriteEndArray();
                        writer.WriteBoolean("mainline", profile.Name == ShippedProfiles.NewestMainline);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
                return ExitCodes.Fine;
            }

            var width = profiles.Max(p => p.Name.Length);
            foreach (var profile in profiles)
            {
                var alias = profile.Name == ShippedProfiles.NewestMainline ? "  (kernel: mainline)" : profile.Name == "series-v1" ? "  (kernel: series)" : string.Empty;
                output.WriteLine($"{profile.Name.PadRight(width)}  {profile.Version}{alias}");
            }

            return ExitCodes.Fine;
        });
        return command;
    }

    private static Command Show()
    {
        var name = CliValues.ChoiceArgument("name", "A shipped profile's name (or mainline, series).", [.. ShippedProfiles.Names, "mainline", "series"]);
        var command = new Command("show", "Print a shipped kernel profile exactly as shipped, to copy and edit.") { name };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(name);
            if (ShippedProfiles.Resolve(given, out _) is not { } shipped)
            {
                parse.InvocationConfiguration.Error.WriteLine($"panicpath: kernel show: expected a shipped kernel profile ({string.Join(", ", ShippedProfiles.Names)}, mainline, series), not '{given}'");
                return ExitCodes.BadInput;
            }

            parse.InvocationConfiguration.Output.Write(ShippedProfiles.Text(shipped));
            return ExitCodes.Fine;
        });
        return command;
    }
}
