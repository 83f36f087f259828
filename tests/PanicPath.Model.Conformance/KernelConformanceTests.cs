using PanicPath.Model.Conformance.Oracle;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Model.Conformance;

/// <summary>
/// Each configuration booted in a real Debian 6.1 kernel: the order observed from outside the guest is the
/// order the kernel's sources say (<see cref="KernelReference"/>). The model's prediction is compared and
/// printed; it fails the test only when <see cref="ConformancePolicy.DisagreementFails"/> is on.
/// </summary>
public sealed class KernelConformanceTests(OracleFixture oracle) : IClassFixture<OracleFixture>
{
    private static readonly bool DisagreementFails = ConformancePolicy.DisagreementFails;

    public static TheoryData<string> Configurations() => [.. ConfigurationCover.All().Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Configurations))]
    public void The_guest_kernel_takes_the_path_its_sources_describe(string id)
    {
        if (oracle.Unmet is { } unmet)
        {
            Requirement.Unmet(unmet);
        }

        var row = oracle.Rows.SingleOrDefault(r => r.Configuration.Id == id);
        if (row is null)
        {
            Assert.Skip($"{id} is not in PANICPATH_ORACLE_ONLY");
            return;
        }

        Assert.True(row.Observed is not null, $"{row.Configuration.Label}: the guest did not run: {row.Error}");
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{row.Configuration.Label}");
        output?.WriteLine($"observed:  {row.Observed}");
        output?.WriteLine($"expected:  {row.Expected}");
        output?.WriteLine($"predicted: {row.Predicted} ({(row.Agrees ? "agrees" : "DISAGREES")})");
        output?.WriteLine($"run: {row.Run!.EndedBecause}, {row.Run.Elapsed.TotalSeconds:0} s, QMP: {string.Join(' ', row.Run.QmpEvents)}");
        Assert.True(row.KernelAsExpected, $"{row.Configuration.Label}: the kernel's sources say {row.Expected.Observable()}, the guest did {row.Observed}");
        if (DisagreementFails)
        {
            Assert.True(row.Agrees, $"{row.Configuration.Label}: the model predicts {row.Predicted}, the kernel did {row.Observed}");
        }
    }
}
