using PanicPath.Cli.Commands.Supervisor;
using PanicPath.Supervisor.Deaths;

namespace PanicPath.Cli.Tests.Timelines;

/// <summary>The death's page body that <c>reports show --html</c> writes and the web view serves.</summary>
public sealed class DeathPageTests
{
    [Fact]
    public void The_exception_the_record_is_told_by_is_on_the_page_with_its_stack_and_inner_exceptions_as_text()
    {
        var page = DeathPage.Body(new DeathRecord
        {
            Id = 7,
            RunId = "run",
            Command = "app",
            Cause = DeathCause.UnhandledException,
            Signature = "sig",
            Title = "System.InvalidOperationException",
            ExceptionType = "System.InvalidOperationException",
            ExceptionMessage = "outer <b>",
            ExceptionStack = "System.InvalidOperationException: outer <b>\n ---> System.IO.IOException: disk gone\n   at App.Worker.Save()\n   --- End of inner exception stack trace ---\n   at App.Worker.Run()",
        });

        var section = page[page.IndexOf("<section id=\"recorded-exception\">", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("<code>System.InvalidOperationException</code>: outer &lt;b&gt;", section, StringComparison.Ordinal);
        Assert.Contains("---&gt; System.IO.IOException: disk gone", section, StringComparison.Ordinal);
        Assert.Contains("at App.Worker.Run()", section, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", section, StringComparison.Ordinal);
    }

    [Fact]
    public void A_death_without_an_exception_has_no_exception_section()
    {
        var page = DeathPage.Body(new DeathRecord { Id = 1, RunId = "run", Command = "app", Cause = DeathCause.ExitCode, ExitCode = 3, Signature = "sig", Title = "exit code 3" });

        Assert.DoesNotContain("recorded-exception", page, StringComparison.Ordinal);
    }
}
