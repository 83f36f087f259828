using System.CommandLine;
using System.Globalization;
using PanicPath.Cli.Commands.Model;
using PanicPath.Cli.Commands.Rendering;
using PanicPath.Cli.Values;

namespace PanicPath.Cli.Commands.Supervisor;

/// <summary>
/// <c>panicpath reports list [--all] | show ID [--html FILE] | buckets</c>: the recorded deaths (with <c>--all</c> also
/// the runs that ended cleanly), one record in full (with <c>--html</c> also as a page with its panic path's timeline,
/// <see cref="DeathPage"/>, written through <see cref="HtmlOutput"/>: <c>-</c> puts the page on standard output instead of
/// the table), and the signature buckets, as tables or with <c>--json</c>. Exit 0; 2 for bad input (an unusable store, an id that is not in the store, named).
/// They only read: the SQLite store is opened read-only, so they work on a full disk.
/// </summary>
internal static class ReportsCommand
{
    public static Command Create()
    {
        var command = new Command("reports", "Query the recorded deaths: list, show ID, buckets.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Buckets());
        return command;
    }

    private static Command List()
    {
        var data = DataOption.Create();
        var postgres = DataOption.CreatePostgres();
        var json = Json();
        var limit = CliValues.Count("--limit", "Show at most this many, newest first.", 20, 1);
        var all = CliValues.Flag("--all", "Also list runs that ended cleanly (exit code 0, cause clean-exit), which are not deaths.");
        var command = new Command("list", "The most recent deaths, newest first.") { data, postgres, json, limit, all };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = DataOption.OpenForReading(DataOption.Resolve(parse.GetValue(data)), parse.GetValue(postgres), parse.InvocationConfiguration.Error);
            if (store is null)
            {
                return ExitCodes.BadInput;
            }

            var deaths = await store.ListAsync(parse.GetValue(limit), parse.GetValue(all), cancellationToken).ConfigureAwait(false);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(DeathJson.Many(deaths)).ConfigureAwait(false);
            }
            else
            {
                ModelRendering.Console(output).Write(DeathTables.List(deaths));
            }

            return ExitCodes.Fine;
        });
        return command;
    }

    private static Command Show()
    {
        var data = DataOption.Create();
        var postgres = DataOption.CreatePostgres();
        var json = Json();
        var id = CliValues.DeathId("id", "The death's id, as listed.");
        var html = CliValues.OutputFile("--html", "Also write the death as an HTML page (its record, its panic path as a timeline, its steps) to FILE, mode 0600; - writes the page to standard output instead of the table.");
        var command = new Command("show", "One death in full.") { data, postgres, json, id, html };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            using var store = DataOption.OpenForReading(DataOption.Resolve(parse.GetValue(data)), parse.GetValue(postgres), error);
            if (store is null)
            {
                return ExitCodes.BadInput;
            }

            var wanted = parse.GetValue(id);
            var death = await store.GetAsync(wanted, cancellationToken).ConfigureAwait(false);
            if (death is null)
            {
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"panicpath: id: no death with id {wanted} in {store.Location}")).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(html) is { } file)
            {
                using var page = HtmlOutput.Open(file, "--html", output, error, (DataOption.Resolve(parse.GetValue(data)), "the data directory"));
                if (page is null)
                {
                    return ExitCodes.BadInput;
                }

                await page.Writer.WriteAsync(DeathPage.Render(death)).ConfigureAwait(false);
                if (page.IsStandardOutput)
                {
                    return ExitCodes.Fine;
                }
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(DeathJson.One(death)).ConfigureAwait(false);
            }
            else
            {
                ModelRendering.Console(output).Write(DeathTables.Show(death));
            }

            return ExitCodes.Fine;
        });
        return command;
    }

    private static Command Buckets()
    {
        var data = DataOption.Create();
        var postgres = DataOption.CreatePostgres();
        var json = Json();
        var command = new Command("buckets", "Deaths grouped by signature, most frequent first, with first and last seen.") { data, postgres, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = DataOption.OpenForReading(DataOption.Resolve(parse.GetValue(data)), parse.GetValue(postgres), parse.InvocationConfiguration.Error);
            if (store is null)
            {
                return ExitCodes.BadInput;
            }

            var buckets = await store.BucketsAsync(cancellationToken).ConfigureAwait(false);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(DeathJson.Buckets(buckets)).ConfigureAwait(false);
            }
            else
            {
                ModelRendering.Console(output).Write(DeathTables.Buckets(buckets));
            }

            return ExitCodes.Fine;
        });
        return command;
    }

    private static Option<bool> Json() => CliValues.Flag("--json", "Print JSON instead of a table.");
}
