using BenchmarkDotNet.Running;
using PanicPath.Benchmarks.Peers;

// `crash-to-record …` runs the interleaved whole-process comparison with Sentry; anything else goes to BenchmarkDotNet.
if (args is [CrashToRecordComparison.Verb, .. var rest])
{
    return await CrashToRecordComparison.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
