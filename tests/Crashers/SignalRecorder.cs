using System.Runtime.InteropServices;

namespace Crashers;

/// <summary>
/// A child that records the signals it gets: one line <c>crasher got SIGNAME</c> on standard output
/// for each of SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2 and SIGWINCH; after SIGHUP, SIGINT,
/// SIGQUIT or SIGTERM it exits with 0, as an app that shuts down cleanly would.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class SignalRecorder
{
    public static int Run()
    {
        var stop = new ManualResetEventSlim();
        var usr1 = OperatingSystem.IsLinux() ? 10 : 30;
        var usr2 = OperatingSystem.IsLinux() ? 12 : 31;
        var signals = new (PosixSignal Signal, string Name, bool Stops)[]
        {
            (PosixSignal.SIGHUP, "SIGHUP", true),
            (PosixSignal.SIGINT, "SIGINT", true),
            (PosixSignal.SIGQUIT, "SIGQUIT", true),
            (PosixSignal.SIGTERM, "SIGTERM", true),
            ((PosixSignal)usr1, "SIGUSR1", false),
            ((PosixSignal)usr2, "SIGUSR2", false),
            (PosixSignal.SIGWINCH, "SIGWINCH", false),
        };
        var registrations = signals.Select(s => PosixSignalRegistration.Create(s.Signal, context =>
        {
            context.Cancel = true;
            lock (stop)
            {
                Console.Out.WriteLine($"crasher got {s.Name}");
                Console.Out.Flush();
            }

            if (s.Stops)
            {
                stop.Set();
            }
        })).ToList();

        Console.Out.WriteLine("crasher recording signals");
        Console.Out.Flush();
        stop.Wait();
        registrations.ForEach(r => r.Dispose());
        return 0;
    }
}
