using BenchmarkDotNet.Running;
using PanicPath.Benchmarks.Peers;
using PanicPath.Benchmarks.Supervisor;

// `crash-to-record …` runs the interleaved whole-process comparison with Sentry, `native-startup …` the
// native supervisor's overhead against the app alone; anything else goes to BenchmarkDotNet.
if (args is [CrashToRecordComparison.Verb, .. var rest])
{
    return await CrashToRecordComparison.RunAsync(rest);
}

if (args is [NativeStartup.Verb, .. var options])
{
    return await NativeStartup.RunAsync(options);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
