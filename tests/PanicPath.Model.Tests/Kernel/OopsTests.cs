using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Kernel;

public sealed class OopsTests
{
    private const string Yaml = """
        knobs:
          panic_on_oops: [false, true]
          kexec_crash_loaded: [false, true]
          in_interrupt: [false, true]
        callbacks:
          - name: die_watch
            chain: die
            if: event == DIE_OOPS && chain == die
            do: [ { emit: saw-oops } ]
          - name: dumper
            chain: kmsg_dump
            do:
              - if: reason == OOPS
                do: [ { emit: dumped-oops } ]
          - name: on_panic
            chain: panic
            do: [ { emit: panicked } ]
        entry: [oops]
        """;

    [Fact]
    public void An_oops_calls_the_die_chain_with_DIE_OOPS_then_dumps_with_reason_OOPS_and_survives()
    {
        var (result, trace) = Model.Run(Yaml, "panic_on_oops=false");
        Assert.Equal(Boundary.EndOfOops, result.Outcome);
        var die = Model.IndexOf(trace, "emit saw-oops");
        var dump = Model.IndexOf(trace, "emit dumped-oops");
        Assert.True(die >= 0 && die < dump);
        Assert.Equal(-1, Model.IndexOf(trace, "emit panicked"));
    }

    [Fact]
    public void Panic_on_oops_escalates_the_oops_to_a_panic()
    {
        var (result, trace) = Model.Run(Yaml, "panic_on_oops=true");
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.True(Model.IndexOf(trace, "emit dumped-oops") < Model.IndexOf(trace, "emit panicked"));
    }

    [Fact]
    public void An_oops_in_interrupt_escalates_even_without_panic_on_oops()
    {
        var (result, trace) = Model.Run(Yaml, "panic_on_oops=false,in_interrupt=true");
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.True(Model.IndexOf(trace, "Fatal exception in interrupt") >= 0);
    }

    [Fact]
    public void An_oops_that_should_crash_boots_the_crash_kernel_before_the_kmsg_dump_and_the_panic_notifiers()
    {
        var (result, trace) = Model.Run(Yaml, "panic_on_oops=true,kexec_crash_loaded=true");
        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        Assert.True(Model.IndexOf(trace, "emit saw-oops") >= 0);
        Assert.Equal(-1, Model.IndexOf(trace, "emit dumped-oops"));
        Assert.Equal(-1, Model.IndexOf(trace, "emit panicked"));
    }
}
