using PanicPath.Cli.Commands.Model;
using PanicPath.Model.Explorer;
using PanicPath.Model.Scenarios;

namespace PanicPath.Cli.Tests;

public sealed class ExploreProgressBarTests
{
    private static readonly Scenario Scenario = ScenarioParser.Parse("features:\n  a: [false, true]\n", "bar.yaml");

    [Fact]
    public void Standard_error_that_is_not_a_terminal_gets_no_bar()
    {
        using var error = new StringWriter();
        Assert.Null(ExploreProgressBar.For(error, isTerminal: false, noColor: null, () => TimeSpan.FromHours(1)));
        Assert.Null(ExploreProgressBar.ForTerminal(error));
    }

    [Fact]
    public void An_exploration_still_running_after_a_second_draws_a_bar_and_a_shorter_one_draws_nothing()
    {
        using var error = new StringWriter();
        var now = TimeSpan.Zero;
        var bar = ExploreProgressBar.For(error, isTerminal: true, noColor: "1", () => now)!;

        // The clock stands still: however long the work takes in real time, it is shorter than the delay.
        var quick = bar.Run("quick", new ExplorationProgress(), () =>
        {
            Thread.Sleep(200);
            return ScenarioExplorer.Explore(Scenario);
        });
        Assert.Equal(2, quick.Runs);
        Assert.Equal(string.Empty, error.ToString());

        // The clock jumps past the delay while the work runs: the bar appears.
        var slow = bar.Run("slow", new ExplorationProgress(), () =>
        {
            now = TimeSpan.FromSeconds(2);
            Thread.Sleep(300);
            return ScenarioExplorer.Explore(Scenario);
        });
        Assert.Equal(2, slow.Runs);
        Assert.Contains("slow", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Work_that_fails_under_the_bar_fails_the_same_way()
    {
        using var error = new StringWriter();
        var bar = ExploreProgressBar.For(error, isTerminal: true, noColor: null, () => TimeSpan.Zero)!;
        var thrown = Assert.Throws<ScenarioException>(() => bar.Run<int>("bad", new ExplorationProgress(), () => throw new ScenarioException(new SourceLocation("f.yaml", 1, 2), "something")));
        Assert.Equal("f.yaml:1:2: expected something", thrown.Message);
    }
}
