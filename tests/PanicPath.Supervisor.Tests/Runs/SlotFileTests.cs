using System.Diagnostics;
using PanicPath.Reports;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Runs;

public sealed class SlotFileTests
{
    [Fact]
    public void A_reserved_slot_is_really_allocated_not_sparse()
    {
        var du = Requirement.Command("du", "allocated blocks are read with du");
        using var temp = new TempDirectory();
        var slot = temp.Sub(SlotFile.FileName);

        ReservedSlot.Allocate(slot);

        Assert.Equal(SlotFile.Size, new FileInfo(slot).Length);
        var start = new ProcessStartInfo(du) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-B1");
        start.ArgumentList.Add(slot);
        using var process = Process.Start(start)!;
        var allocated = long.Parse(process.StandardOutput.ReadToEnd().Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture);
        process.WaitForExit();
        Assert.True(allocated >= SlotFile.Size, $"du says {allocated} bytes are allocated for a slot of {SlotFile.Size}");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(slot));
        }
    }

    [Fact]
    public void A_spools_slot_is_flushed_to_disk_after_it_is_made_and_one_that_became_a_link_is_named_not_followed()
    {
        using var temp = new TempDirectory();
        var spool = RunSpool.Create(temp.Sub("spool"), "run-0");
        try
        {
            Assert.Null(spool.SlotProblem);
            Assert.Null(spool.SyncSlot());

            var elsewhere = temp.Sub("elsewhere");
            File.WriteAllText(elsewhere, "not a slot");
            File.Delete(spool.SlotPath!);
            File.CreateSymbolicLink(spool.SlotPath!, elsewhere);

            var problem = spool.SyncSlot();

            Assert.NotNull(problem);
            Assert.StartsWith(spool.SlotPath!, problem, StringComparison.Ordinal);
            Assert.Equal("not a slot", File.ReadAllText(elsewhere));
            File.Delete(spool.SlotPath!);
        }
        finally
        {
            spool.Remove();
        }
    }

    [Fact]
    public void A_record_written_in_place_reads_back_and_never_grows_the_slot()
    {
        using var temp = new TempDirectory();
        var slot = temp.Sub(SlotFile.FileName);
        ReservedSlot.Allocate(slot);

        ReservedSlot.Write(slot, SlotRecord.Death, "{\"a\":1}"u8);

        Assert.Equal("{\"a\":1}"u8.ToArray(), ReservedSlot.Read(slot, SlotRecord.Death).Payload);
        Assert.Equal(default, ReservedSlot.Read(slot, SlotRecord.ChildReport));
        Assert.Equal(SlotFile.Size, new FileInfo(slot).Length);
        Assert.Throws<ArgumentException>(() => ReservedSlot.Write(slot, SlotRecord.ChildReport, new byte[SlotFile.Capacity + 1]));
    }

    [Fact]
    public void A_torn_record_is_named_and_never_taken()
    {
        using var temp = new TempDirectory();
        var slot = temp.Sub(SlotFile.FileName);
        ReservedSlot.Allocate(slot);
        ReservedSlot.Write(slot, SlotRecord.ChildReport, Leftovers.Report("torn", 42).ToUtf8Json());
        using (var stream = new FileStream(slot, FileMode.Open, FileAccess.Write))
        {
            stream.Position = SlotFile.HeaderBytes + 10;
            stream.WriteByte((byte)'#');
        }

        var content = ReservedSlot.Read(slot, SlotRecord.ChildReport);

        Assert.Null(content.Payload);
        Assert.Contains("torn record (checksum mismatch)", content.Problem, StringComparison.Ordinal);
        Assert.Contains(slot, content.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_too_large_for_a_record_is_kept_in_its_short_form()
    {
        var report = Leftovers.Report("large", 42);
        report.Form = "long";
        report.Log = new string('x', 3 * SlotFile.RecordBytes);
        report.Exception = new ReportException { Type = "System.InvalidOperationException", Message = new string('m', 5000), Signature = "0123456789abcdef" };
        for (var i = 0; i < 500; i++)
        {
            report.Notifiers.Add(new NotifierRecord { Name = $"notifier-{i}", List = "information", Outcome = "ran" });
        }

        var fitted = SlotFile.FitReport(report.ToUtf8Json());

        Assert.True(fitted.Length <= SlotFile.Capacity);
        var kept = CrashReport.Parse(fitted);
        Assert.Equal("short", kept.Form);
        Assert.Null(kept.Log);
        Assert.Equal("System.InvalidOperationException", kept.Exception!.Type);
        Assert.Equal("0123456789abcdef", kept.Exception.Signature);
        Assert.Equal("notifier-0", kept.Notifiers[0].Name);
    }
}
