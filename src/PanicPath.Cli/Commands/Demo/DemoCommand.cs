using System.CommandLine;
using System.Globalization;
using PanicPath.Cli.Commands.Model;
using PanicPath.Cli.Commands.Supervisor;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Launch;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;
using Spectre.Console;
using PanicPath.Cli.Values;

namespace PanicPath.Cli.Commands.Demo;

/// <summary>
/// <c>panicpath demo [--data DIR | --keep] [--json]</c>: runs the demo service under the supervisor
/// with a store in a temporary directory (removed afterwards unless <c>--keep</c>; <c>--data</c> uses
/// that directory's store and leaves it), makes it die of an unhandled exception, and prints the
/// notifiers in the order they ran (from the stored in-process report), the stored record and its
/// bucket. Exit 0 when the death was recorded as an unhandled exception with its in-process report
/// and bucket; 1 when it was not (what is missing is named); 2 for bad input.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var data = CliValues.Directory("--data", "Record the demo's death in the store in this data directory and keep it there (default: a temporary directory).");
        var keep = CliValues.Flag("--keep", "Keep the temporary data directory (store and dump) and print where it is.");
        var json = CliValues.Flag("--json", "Print one JSON object { schema, record, bucket } instead of tables; record as 'reports show --json' prints it, without its schema.");
        var command = new Command(
            "demo",
            "Run the demo service under the supervisor, make it panic with an unhandled exception, and show the notifiers " +
            "in the order they ran, the stored record and its bucket. The runtime's mini dump is armed, as 'run' would.\n\n" +
            "The demo service is a .NET (JIT) app, also beside the native panicpath, since the runtime's crash dump does not work " +
            "for native apps: it needs the .NET runtime (dotnet from DOTNET_HOST_PATH, DOTNET_ROOT or the PATH).\n\n" +
            "Exit codes: 0 the death was recorded with its in-process report and bucket; 1 it was not (the missing part is named); 2 bad input.")
        {
            data,
            keep,
            json,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(keep) && r.GetValue(data) is not null)
            {
                r.AddError("--keep applies to the temporary data directory; --data DIR is always kept.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var given = parse.GetValue(data);
            var temporary = given is null;
            var directory = given is null ? Directory.CreateTempSubdirectory("panicpath-demo-").FullName : Path.GetFullPath(given);
            try
            {
                using var store = DataOption.OpenSqlite(directory, error);
                if (store is null)
                {
                    return ExitCodes.BadInput;
                }

                var exit = await RunAsync(store, directory, parse.GetValue(json), output, error, cancellationToken).ConfigureAwait(false);
                if (temporary && parse.GetValue(keep))
                {
                    await error.WriteLineAsync($"panicpath demo: kept {directory}; see it with: panicpath reports list --data {directory}").ConfigureAwait(false);
                }

                return exit;
            }
            finally
            {
                if (temporary && !parse.GetValue(keep))
                {
                    Remove(directory);
                    await error.WriteLineAsync($"panicpath demo: removed the temporary store {directory} (keep it with --keep, or give --data DIR).").ConfigureAwait(false);
                }
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(SqliteDeathStore store, string directory, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!File.Exists(DemoApp.Dll))
        {
            await error.WriteLineAsync($"panicpath demo: the demo service is not installed next to this command: {DemoApp.Dll} is missing.").ConfigureAwait(false);
            return ExitCodes.Findings;
        }

        var options = new SupervisorOptions
        {
            Command = DemoApp.Dotnet,
            Arguments = [DemoApp.Dll, DemoApp.Mode],
            Capture = new CrashCaptureSettings(Path.Combine(directory, "dumps"), DumpType: 1),
            SpoolRoot = Path.Combine(directory, "spool"),
            ChannelDirectory = Path.Combine(directory, "channel"),
            Output = TextWriter.Null,
            Error = TextWriter.Null,
            Store = store,
            Environment = DemoApp.Variables,
            ForwardSignals = false,
        };

        DeathRecord death;
        try
        {
            death = (await new ProcessSupervisor(options).RunAsync(cancellationToken).ConfigureAwait(false)).Deaths[^1];
        }
        catch (ChildStartException e)
        {
            var hint = e.NotFound ? " (the demo service needs the .NET runtime: install it, or set DOTNET_ROOT to where it is)" : "";
            await error.WriteLineAsync($"panicpath demo: the demo service did not start: {e.Message}{hint}").ConfigureAwait(false);
            return ExitCodes.Findings;
        }

        var bucket = (await store.BucketsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(b => b.Signature == death.Signature);
        if (json)
        {
            await output.WriteLineAsync(DeathJson.WithBucket(death, bucket)).ConfigureAwait(false);
        }
        else
        {
            Render(death, bucket, directory, output);
        }

        if (Problem(death, bucket) is { } problem)
        {
            await error.WriteLineAsync($"panicpath demo: the demo's death was not recorded as expected: {problem}").ConfigureAwait(false);
            return ExitCodes.Findings;
        }

        return ExitCodes.Fine;
    }

    /// <summary>What the record lacks, or null when it is the death the demo causes, with its report and bucket.</summary>
    private static string? Problem(DeathRecord death, DeathBucket? bucket)
    {
        if (death.Cause != DeathCause.UnhandledException)
        {
            return $"cause is {death.Cause} ({death.Title}); expected {DeathCause.UnhandledException}.";
        }

        if (death.Report is null)
        {
            return "the in-process report is missing.";
        }

        if (death.Report.Notifiers.Count == 0)
        {
            return "the in-process report lists no notifiers.";
        }

        return bucket is null ? $"no bucket for signature {death.Signature}." : null;
    }

    private static void Render(DeathRecord death, DeathBucket? bucket, string directory, TextWriter output)
    {
        var console = ModelRendering.Console(output);
        console.WriteLine($"The demo service ran under the supervisor (store: {directory}) and died: {death.Title}");
        console.WriteLine();
        console.WriteLine("The panic path, in the order it ran (from the stored in-process report):");
        if (death.Report is { } report)
        {
            var table = new Table().Border(TableBorder.Simple);
            foreach (var column in new[] { "#", "list", "priority", "notifier", "outcome", "ms" })
            {
                table.AddColumn(ModelRendering.Header(column));
            }

            var step = 0;
            foreach (var notifier in report.Notifiers)
            {
                table.AddRow(
                    (++step).ToString(CultureInfo.InvariantCulture),
                    notifier.List,
                    PanicPath.Model.Kernel.Machine.FormatPriority(notifier.Priority),
                    Markup.Escape(notifier.Name),
                    notifier.Error is null ? notifier.Outcome : Markup.Escape($"{notifier.Outcome} ({notifier.Error})"),
                    notifier.Ms.ToString("0.000", CultureInfo.InvariantCulture));
            }

            console.Write(table);
        }
        else
        {
            console.WriteLine("  (no in-process report was received)");
        }

        console.WriteLine();
        console.WriteLine($"The stored record (panicpath reports show {death.Id.ToString(CultureInfo.InvariantCulture)}):");
        console.Write(DeathTables.Show(death));
        console.WriteLine();
        console.WriteLine("Its bucket (panicpath reports buckets):");
        console.Write(DeathTables.Buckets(bucket is null ? [] : [bucket]));
    }

    private static void Remove(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the system's temporary-file cleaning; nothing in it is needed any more.
        }
    }
}
