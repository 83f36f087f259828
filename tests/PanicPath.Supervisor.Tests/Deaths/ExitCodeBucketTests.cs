using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.Tests.Deaths;

/// <summary>Exit-code deaths are bucketed by command and code.</summary>
public sealed class ExitCodeBucketTests
{
    [Fact]
    public void Two_different_commands_exiting_3_are_two_buckets_and_the_same_command_twice_is_one()
    {
        var app = DeathClassifier.Classify(new DeathEvidence(3, null, null, "a", "dotnet /srv/app/App.dll serve"));
        var appAgain = DeathClassifier.Classify(new DeathEvidence(3, null, null, "b", "dotnet /srv/app/App.dll serve"));
        var other = DeathClassifier.Classify(new DeathEvidence(3, null, null, "a", "dotnet /srv/app/Other.dll serve"));
        var otherArgument = DeathClassifier.Classify(new DeathEvidence(3, null, null, "a", "dotnet /srv/app/App.dll migrate"));
        var code4 = DeathClassifier.Classify(new DeathEvidence(4, null, null, "a", "dotnet /srv/app/App.dll serve"));

        Assert.Equal(DeathCause.ExitCode, app.Cause);
        Assert.Equal(app.Signature, appAgain.Signature);
        Assert.NotEqual(app.Signature, other.Signature);
        Assert.NotEqual(app.Signature, otherArgument.Signature);
        Assert.NotEqual(app.Signature, code4.Signature);
    }

    [Fact]
    public void A_secret_in_the_command_is_not_part_of_the_bucket_so_runs_with_different_tokens_share_one()
    {
        var monday = DeathClassifier.Classify(new DeathEvidence(3, null, null, string.Empty, "app serve --token=f00dcafe PASSWORD=hunter2"));
        var tuesday = DeathClassifier.Classify(new DeathEvidence(3, null, null, string.Empty, "app serve --token=b16b00b5 PASSWORD=swordfish"));
        var other = DeathClassifier.Classify(new DeathEvidence(3, null, null, string.Empty, "app migrate --token=f00dcafe PASSWORD=hunter2"));

        Assert.Equal(monday.Signature, tuesday.Signature);
        Assert.NotEqual(monday.Signature, other.Signature);
        Assert.Equal("app serve --token=*** PASSWORD=***", CommandName.Normalise("app serve --token=f00dcafe PASSWORD=hunter2"));
    }

    [Fact]
    public void The_directories_of_the_program_and_of_path_arguments_are_not_part_of_the_bucket()
    {
        var here = DeathClassifier.Classify(new DeathEvidence(3, null, null, string.Empty, "/usr/bin/dotnet /tmp/run-a1b2/App.dll --out=/tmp/run-a1b2/x.log"));
        var there = DeathClassifier.Classify(new DeathEvidence(3, null, null, string.Empty, "/usr/lib/dotnet/dotnet /home/ci/build/App.dll --out=/var/tmp/q/x.log"));

        Assert.Equal(here.Signature, there.Signature);
    }

    [Theory]
    [InlineData("/usr/bin/dotnet /tmp/x1/app.dll --port 80", "dotnet app.dll --port 80")]
    [InlineData("dotnet 'C:\\My Apps\\app.dll' exit3", "dotnet app.dll exit3")]
    [InlineData("'/opt/my app/run' 'it'\\''s'", "run it's")]
    [InlineData("app --config=/etc/app/app.json", "app --config=app.json")]
    [InlineData("  app   a  ", "app a")]
    public void A_command_is_reduced_to_program_and_argument_file_names(string command, string expected)
    {
        Assert.Equal(expected, CommandName.Normalise(command));
    }

    [Fact]
    public void Without_a_command_an_exit_code_death_is_bucketed_by_its_code_as_before()
    {
        var verdict = DeathClassifier.Classify(new DeathEvidence(3, null, null, string.Empty));

        Assert.Equal(DeathSignature.Of(DeathCause.ExitCode, "3", []), verdict.Signature);
    }
}
