using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PanicPath.Benchmarks.Supervisor;

/// <summary>
/// A column with the median peak RSS (MiB) of the process tree each <see cref="SupervisorStartupBenchmarks"/>
/// case runs, over <see cref="Runs"/> separate runs of the same command under <see cref="PeakRss"/>
/// (GNU time), taken when the summary is printed, outside the timed iterations.
/// </summary>
public sealed class PeakRssColumn : IColumn
{
    public const int Runs = 5;

    private readonly Dictionary<string, string> cache = [];

    public string Id => nameof(PeakRssColumn);

    public string ColumnName => "Peak RSS (tree, MiB)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Median over {Runs} runs of the peak resident set size of the largest process in the command's tree (GNU time %M), MiB";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var name = benchmarkCase.Descriptor.WorkloadMethod.Name;
        if (!SupervisorStartupBenchmarks.Commands.TryGetValue(name, out var run))
        {
            return "-";
        }

        if (!cache.TryGetValue(name, out var value))
        {
            var figures = Enumerable.Range(0, Runs).Select(_ => PeakRss.Measure(run.Command, run.Arguments)).Order().ToList();
            value = (figures[Runs / 2] / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);
            cache[name] = value;
        }

        return value;
    }

    public override string ToString() => ColumnName;

    /// <summary>Adds the column to the default configuration.</summary>
    public sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new PeakRssColumn());
    }
}
