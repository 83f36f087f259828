using System.Diagnostics;
using System.Globalization;

namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// Boots one configuration: <c>qemu-system-x86_64 -accel tcg</c> with the guest's kernel and initramfs, the
/// configuration on the kernel command line (knobs, the module's parameters, the trigger), the serial console
/// to a file, <c>-device pvpanic -action panic=none</c>, a QMP socket for events, a <c>memmap=</c>-reserved
/// region for ramoops and a <c>crashkernel=</c> reservation for <c>kexec -p</c>. Watches the console until
/// the run ends — QEMU exits (the guest powers off: after the oops it survived, in the crash kernel, or on
/// the boot after a restart), the kernel's final panic line, or silence (a hang) — and answers what was seen.
/// </summary>
public static class GuestBoot
{
    private const string RamoopsAddress = "0x2f000000";
    private const string RamoopsSize = "0x100000";

    /// <summary>The kernel command line for <paramref name="c"/>.</summary>
    public static string CommandLine(OracleConfiguration c)
    {
        var args = new List<string>
        {
            "console=ttyS0",
            // A loaded host slows the emulated timer down: without this the IO-APIC timer check may panic at boot.
            "no_timer_check",
            "panic=" + c.PanicTimeout.ToString(CultureInfo.InvariantCulture),
            "crashkernel=160M",
            $"memmap={RamoopsSize}${RamoopsAddress}",
            "ppo_ramoops_address=" + RamoopsAddress,
            "ppo_ramoops_size=" + RamoopsSize,
        };
        if (c.PostNotifiers)
        {
            args.Add("crash_kexec_post_notifiers");
        }

        if (c.PanicOnOops)
        {
            args.Add("oops=panic");
        }

        args.Add("ppo_kdump=" + (c.CrashKernel ? "1" : "0"));
        args.Add("ppo_trigger=" + c.EntryText);
        args.Add("ppo_mod=" + string.Join(':', c.ModuleArguments));
        return string.Join(' ', args);
    }

    /// <summary>Boots <paramref name="c"/> in <paramref name="workDirectory"/> (which must exist and be private).</summary>
    public static GuestRun Run(GuestImage guest, OracleConfiguration c, string workDirectory, BootLimits limits)
    {
        var serialPath = Path.Combine(workDirectory, "serial.log");
        var qmpPath = Path.Combine(workDirectory, "qmp.sock");
        var start = new ProcessStartInfo("qemu-system-x86_64")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        foreach (var a in new[]
        {
            "-accel", "tcg", "-nodefaults", "-no-user-config", "-display", "none",
            "-m", "768M", "-smp", c.Cpus.ToString(CultureInfo.InvariantCulture),
            "-kernel", guest.Kernel, "-initrd", guest.Initramfs, "-append", CommandLine(c),
            "-serial", "file:" + serialPath,
            "-device", "pvpanic", "-action", "panic=none",
            "-qmp", $"unix:{qmpPath},server=on,wait=off", "-S",
        })
        {
            start.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        using var qemu = Process.Start(start) ?? throw new InvalidOperationException("cannot start qemu-system-x86_64");
        var stderr = qemu.StandardError.ReadToEndAsync();
        _ = qemu.StandardOutput.ReadToEndAsync();
        string why;
        IReadOnlyList<string> events;
        try
        {
            using var qmp = QmpClient.Connect(qmpPath, TimeSpan.FromSeconds(30));
            why = Watch(qemu, serialPath, limits, clock, () => qmp.Events.Contains("RESET"));
            events = qmp.Events;
        }
        catch (IOException e)
        {
            Stop(qemu);
            throw new InvalidOperationException($"{c.Id}: QEMU did not start: {e.Message} {stderr.Result.Trim()}", e);
        }
        finally
        {
            Stop(qemu);
        }

        var serial = File.Exists(serialPath) ? File.ReadAllText(serialPath) : string.Empty;
        return new GuestRun(SerialLog.Read(serial, [.. events]), events, serialPath, why, clock.Elapsed);
    }

    /// <summary>Waits until the run ends; answers why it was deemed over.</summary>
    private static string Watch(Process qemu, string serialPath, BootLimits limits, Stopwatch clock, Func<bool> reset)
    {
        long size = -1;
        var lastChange = clock.Elapsed;
        TimeSpan? finalLoop = null;
        var triggered = false;
        var crashing = false;
        while (true)
        {
            if (qemu.WaitForExit(250))
            {
                return "QEMU exited";
            }

            var now = clock.Elapsed;
            var length = File.Exists(serialPath) ? new FileInfo(serialPath).Length : 0;
            if (length != size)
            {
                size = length;
                lastChange = now;
                var text = ReadShared(serialPath);
                // init's own line may be lost (a user process's console output is sent later, by interrupt);
                // the kernel's lines about the fatal path are printed at once.
                triggered |= text.Contains("PPO: trigger", StringComparison.Ordinal) ||
                    text.Contains("Kernel panic - not syncing", StringComparison.Ordinal) ||
                    text.Contains("PPO: oops in", StringComparison.Ordinal);
                crashing |= text.Contains("PPO: crash_shutdown hook", StringComparison.Ordinal);
                if (finalLoop is null && text.Contains("---[ end Kernel panic - not syncing", StringComparison.Ordinal))
                {
                    finalLoop = now;
                }
            }

            if (finalLoop is { } seen && now - seen > TimeSpan.FromSeconds(1))
            {
                return "the kernel reached panic()'s final loop";
            }

            var silence = crashing ? limits.CrashKernelSilence : limits.Silence;
            if (triggered && !reset() && now - lastChange > silence)
            {
                return $"the console was silent for {silence.TotalSeconds:0} s";
            }

            if (now > limits.Total)
            {
                return $"the run took longer than {limits.Total.TotalMinutes:0} minutes";
            }
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Stop(Process qemu)
    {
        try
        {
            if (!qemu.HasExited)
            {
                qemu.Kill();
                qemu.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
