using ThrowApp;

// ThrowApp <sentry|panicpath> <threads>: installs the reporter, waits for it to settle, writes the
// monotonic throw mark to THROWAPP_MARK and lets an exception escape (see Thrower).
if (args.Length != 2 || !Reporters.IsKnown(args[0]) || !int.TryParse(args[1], out var threads) || threads is < 1 or > 256)
{
    Console.Error.WriteLine("usage: ThrowApp <sentry|panicpath> <threads 1..256>  (environment: THROWAPP_MARK, and SENTRY_DSN for sentry)");
    return 2;
}

if (Environment.GetEnvironmentVariable(ThrowMark.EnvironmentVariable) is not { Length: > 0 } markPath)
{
    Console.Error.WriteLine($"{ThrowMark.EnvironmentVariable}: not set (the file the throw mark is written to)");
    return 2;
}

if (!Reporters.TryInstall(args[0], out var problem))
{
    Console.Error.WriteLine(problem);
    return 2;
}

Thread.Sleep(Reporters.Settle);
var mark = ThrowMark.Open(markPath);
Thrower.Throw(threads, mark);
Console.Error.WriteLine("ThrowApp survived its exception");
return 1;
