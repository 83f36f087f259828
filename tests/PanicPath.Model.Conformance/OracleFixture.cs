using System.Globalization;
using PanicPath.Model.Conformance.Oracle;

namespace PanicPath.Model.Conformance;

/// <summary>
/// Runs the oracle once for the test class: builds the guest into a private temporary directory, boots every
/// configuration (two guests at a time, <c>PANICPATH_ORACLE_JOBS</c> to change it;
/// <c>PANICPATH_ORACLE_ONLY=c01,s1</c> to boot only some), and computes each configuration's expected and
/// predicted paths. When <c>PANICPATH_ORACLE_REPORT</c> names a directory, writes <c>table.md</c>,
/// <c>summary.txt</c> and every serial log there. Without QEMU or the guest kernel, <see cref="Unmet"/> says why
/// and no guest is booted.
/// </summary>
public sealed class OracleFixture : IDisposable
{
    private readonly DirectoryInfo? work;

    public OracleFixture()
    {
        var configurations = ConfigurationCover.All();
        var only = Environment.GetEnvironmentVariable("PANICPATH_ORACLE_ONLY") is { Length: > 0 } o
            ? o.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet()
            : null;
        Unmet = GuestImage.Unmet();
        var runs = new Dictionary<string, (GuestRun? Run, string? Error)>();
        if (Unmet is null)
        {
            work = Directory.CreateTempSubdirectory("panicpath-oracle-");
            try
            {
                Guest = GuestImage.Build(Path.Combine(AppContext.BaseDirectory, "guest"), Path.Combine(work.FullName, "guest"));
            }
            catch (InvalidOperationException e)
            {
                BuildError = e.Message;
            }

            if (Guest is { } guest)
            {
                var jobs = int.TryParse(Environment.GetEnvironmentVariable("PANICPATH_ORACLE_JOBS"), CultureInfo.InvariantCulture, out var j) && j > 0 ? j : 2;
                var selected = configurations.Where(c => only is null || only.Contains(c.Id)).ToList();
                var started = DateTime.UtcNow;
                Parallel.ForEach(selected, new ParallelOptions { MaxDegreeOfParallelism = jobs }, c =>
                {
                    var dir = Directory.CreateDirectory(Path.Combine(work.FullName, c.Id)).FullName;
                    (GuestRun?, string?) result;
                    try
                    {
                        result = (GuestBoot.Run(guest, c, dir, BootLimits.Default), null);
                    }
                    catch (InvalidOperationException e)
                    {
                        result = (null, e.Message);
                    }

                    lock (runs)
                    {
                        runs[c.Id] = result;
                    }
                });
                Elapsed = DateTime.UtcNow - started;
            }
        }

        Rows = configurations
            .Where(c => only is null || only.Contains(c.Id))
            .Select(c =>
            {
                var (run, error) = runs.TryGetValue(c.Id, out var r) ? r : (null, Unmet ?? BuildError ?? "not booted");
                return new ConformanceRow(c, KernelReference.Expect(c), ModelPrediction.Predict(c), run, error);
            })
            .ToList();
        Report();
    }

    /// <summary>Why no guest can be booted here, or null.</summary>
    public string? Unmet { get; }

    /// <summary>Why the guest could not be built, or null.</summary>
    public string? BuildError { get; }

    /// <summary>The guest booted, when it was built.</summary>
    public GuestImage? Guest { get; }

    /// <summary>How long booting every configuration took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Every configuration's result, in the cover's order.</summary>
    public IReadOnlyList<ConformanceRow> Rows { get; }

    /// <summary>The row of configuration <paramref name="id"/>.</summary>
    public ConformanceRow Row(string id) => Rows.Single(r => r.Configuration.Id == id);

    private void Report()
    {
        if (Environment.GetEnvironmentVariable("PANICPATH_ORACLE_REPORT") is not { Length: > 0 } report || !Directory.Exists(report))
        {
            return;
        }

        File.WriteAllText(Path.Combine(report, "table.md"), ConformanceTable.Render(Guest, Rows));
        File.WriteAllText(Path.Combine(report, "summary.txt"),
            $"oracle: {Rows.Count(r => r.Observed is not null)} guests booted in {Elapsed.TotalSeconds:0} s\n" + ConformanceTable.Summary(Rows) + "\n");
        foreach (var row in Rows.Where(r => r.Run is not null))
        {
            File.Copy(row.Run!.SerialLog, Path.Combine(report, row.Configuration.Id + ".serial.log"), overwrite: true);
        }
    }

    public void Dispose()
    {
        try
        {
            work?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A QEMU that has not let go of its files yet; the system cleans its temporary folder.
        }
    }
}
