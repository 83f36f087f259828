using BenchmarkDotNet.Running;
using PanicPath.Benchmarks;
using PanicPath.Benchmarks.Peers;
using PanicPath.Benchmarks.Supervisor;

// `crash-to-record …` runs the interleaved whole-process comparison with Sentry, `native-startup …` the
// native supervisor's overhead against the app alone, `explorer-scale` the explorer's 2^24 against 2^16 comparison
// in interleaved processes, `profile-throughput` the explorer on the seed files with the frozen baseline machine
// and the current one (`--verify`: that both run alike), `panic-path-cpu` the in-memory panic path against the inline
// walk interleaved on one thread's CPU clock; anything else goes to BenchmarkDotNet.
if (args is [CrashToRecordComparison.Verb, .. var rest])
{
    return await CrashToRecordComparison.RunAsync(rest);
}

if (args is [NativeStartup.Verb, .. var options])
{
    return await NativeStartup.RunAsync(options);
}

if (args.Length > 0 && args[0].StartsWith(ExplorerScale.Command, StringComparison.Ordinal))
{
    return ExplorerScale.Run(args);
}

if (args is [ProfileThroughput.Verb, .. var profileOptions])
{
    return ProfileThroughput.Run(profileOptions);
}

if (args is [InProcessPathCpu.Verb, .. var cpuOptions])
{
    return InProcessPathCpu.Run(cpuOptions);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
