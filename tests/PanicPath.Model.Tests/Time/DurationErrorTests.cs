using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Time;

/// <summary>Durations in the file: a whole number and a unit; anything else is refused where it is written.</summary>
public sealed class DurationErrorTests
{
    private static string Wait(string duration) => $"""
        callbacks:
          - name: w
            chain: panic
            do:
              - wait: "true"
                for: {duration}
        """;

    [Theory]
    [InlineData("-5s", "test.yaml:6:14: expected a duration that is not negative, not '-5s'")]
    [InlineData("10", "test.yaml:6:16: expected a unit after 10: us, ms or s")]
    [InlineData("10m", "test.yaml:6:16: expected a unit us, ms or s, not 'm'")]
    [InlineData("fast", "test.yaml:6:14: expected a duration: a whole number and a unit, us, ms or s (100s, 10ms), not 'fast'")]
    [InlineData("1000001s", "test.yaml:6:14: expected a duration of at most 1000000s, not '1000001s'")]
    [InlineData("99999999999999999999999us", "test.yaml:6:14: expected a duration of at most 1000000s, not '99999999999999999999999us'")]
    public void A_bad_duration_of_a_wait_is_refused_at_its_column(string duration, string message) =>
        Assert.Equal(message, Model.Error(Wait(duration)).Message);

    [Fact]
    public void A_bad_duration_in_a_boundary_bound_is_located_inside_the_scalar()
    {
        var error = Model.Error("""
            invariants:
              - name: soon
                by: "crash-kernel-boot within 10 s"
            """);
        Assert.Equal("test.yaml:3:37: expected the unit right after the number (10s), not '10 s'", error.Message);
        var unknown = Model.Error("""
            invariants:
              - name: soon
                by: crash-kernel-bot within 10s
            """);
        Assert.StartsWith("test.yaml:3:9: expected one of the boundaries", unknown.Message, StringComparison.Ordinal);
        Assert.EndsWith("not 'crash-kernel-bot'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delay_without_a_unit_is_refused()
    {
        var error = Model.Error("""
            callbacks:
              - name: w
                chain: panic
                do:
                  - delay: 10
            """);
        Assert.Equal("test.yaml:5:18: expected a unit after 10: us, ms or s", error.Message);
    }

    [Fact]
    public void A_bare_by_needs_a_time_bound_and_one_bound_only()
    {
        Assert.Equal("test.yaml:3:9: expected a time bound with a 'by' that has no 'happens': 'by: crash-kernel-boot within 10s', or 'within: 10s'",
            Model.Error("""
                invariants:
                  - name: soon
                    by: crash-kernel-boot
                """).Message);
        Assert.Equal("test.yaml:3:27: expected one time bound: 'within' in the boundary or a 'within:' key, not both",
            Model.Error("""
                invariants:
                  - name: soon
                    by: crash-kernel-boot within 10s
                    within: 5s
                """).Message);
        Assert.Equal("test.yaml:4:13: expected 'within' only with 'reaches', 'happens' or 'by'",
            Model.Error("""
                invariants:
                  - name: t
                    terminates: true
                    within: 5s
                """).Message);
    }

    [Fact]
    public void A_wait_bounded_by_for_takes_no_timeout_key()
    {
        var error = Model.Error("""
            callbacks:
              - name: w
                chain: panic
                do:
                  - wait: "true"
                    timeout: true
                    for: 1s
            """);
        Assert.Equal("test.yaml:6:9: expected no 'timeout' with 'for': the duration bounds the wait by itself", error.Message);
    }

    [Theory]
    [InlineData("100s", 100_000_000L, "100s")]
    [InlineData("10ms", 10_000L, "10ms")]
    [InlineData("1500ms", 1_500_000L, "1.5s")]
    [InlineData("1010ms", 1_010_000L, "1.01s")]
    [InlineData("1500us", 1_500L, "1.5ms")]
    [InlineData("7us", 7L, "7us")]
    [InlineData("0s", 0L, "0us")]
    public void A_duration_reads_in_microseconds_and_prints_in_the_largest_exact_unit(string text, long micros, string printed)
    {
        var (parsed, expected, _) = Duration.Parse(text);
        Assert.Null(expected);
        Assert.Equal(micros, parsed);
        Assert.Equal(printed, Duration.Format(micros));
    }
}
