using BenchmarkDotNet.Running;
using PanicPath.Benchmarks;
using PanicPath.Benchmarks.Peers;

// `crash-to-record …` runs the interleaved whole-process comparison with Sentry; `explorer-scale` the explorer's
// 2^24 against 2^16 comparison in interleaved processes; anything else goes to BenchmarkDotNet.
if (args is [CrashToRecordComparison.Verb, .. var rest])
{
    return await CrashToRecordComparison.RunAsync(rest);
}

if (args.Length > 0 && args[0].StartsWith(ExplorerScale.Command, StringComparison.Ordinal))
{
    return ExplorerScale.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
