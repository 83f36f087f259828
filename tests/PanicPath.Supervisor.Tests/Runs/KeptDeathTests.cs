using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Runs;

namespace PanicPath.Supervisor.Tests.Runs;

public sealed class KeptDeathTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void A_death_kept_in_its_slot_reads_back_with_its_host_so_pruning_later_marks_the_right_machine()
    {
        var death = new DeathRecord
        {
            RunId = "run-1",
            Attempt = 2,
            Command = "dotnet app.dll",
            Pid = 42,
            Cause = DeathCause.ExitCode,
            ExitCode = 3,
            Dump = "/dumps/core.42",
            Signature = "sig",
            Title = "exit code 3",
            StartedAt = T0.AddSeconds(-1),
            EndedAt = T0,
            Host = "node-7",
        };

        var read = KeptDeath.Decode(KeptDeath.Encode(death));

        Assert.Equal(death, read);
    }
}
