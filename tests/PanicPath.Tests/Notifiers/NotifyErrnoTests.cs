using PanicPath.Notifiers;

namespace PanicPath.Tests.Notifiers;

public class NotifyErrnoTests
{
    [Fact]
    public void The_results_have_the_kernels_bit_values()
    {
        Assert.Equal(0x0000, (int)NotifyResult.Done);
        Assert.Equal(0x0001, (int)NotifyResult.Ok);
        Assert.Equal(0x8000, (int)NotifyResult.StopMask);
        Assert.Equal(0x8002, (int)NotifyResult.Bad);
        Assert.Equal(0x8001, (int)NotifyResult.Stop);
    }

    [Fact]
    public void No_error_converts_to_ok()
    {
        Assert.Equal(NotifyResult.Ok, NotifyErrno.FromErrno(0));
    }

    [Fact]
    public void An_errno_converts_to_a_stopping_result_carrying_it()
    {
        var result = NotifyErrno.FromErrno(-22);

        Assert.Equal(0x8000 | (1 + 22), (int)result);
        Assert.True(result.Stops());
    }

    [Fact]
    public void Every_errno_survives_the_round_trip()
    {
        for (var errno = -4095; errno <= 0; errno++)
        {
            Assert.Equal(errno, NotifyErrno.ToErrno(NotifyErrno.FromErrno(errno)));
        }
    }

    [Theory]
    [InlineData(NotifyResult.Done, 0)]
    [InlineData(NotifyResult.Ok, 0)]
    [InlineData(NotifyResult.Stop, 0)]
    [InlineData(NotifyResult.StopMask, 0)]
    [InlineData(NotifyResult.Bad, -1)]
    public void The_named_results_carry_the_kernels_errno(NotifyResult result, int errno)
    {
        Assert.Equal(errno, NotifyErrno.ToErrno(result));
    }
}
