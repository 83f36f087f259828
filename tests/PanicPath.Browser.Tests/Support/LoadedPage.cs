namespace PanicPath.Browser.Tests.Support;

/// <summary>
/// A page as loaded by <see cref="BrowserSession.Load"/>: its URL and every problem seen while it loaded (a SEVERE
/// console message, a failed request, an error status, a request that left the page's origin), one line each.
/// </summary>
public sealed record LoadedPage(string Url, IReadOnlyList<string> Problems)
{
    /// <summary>Fails the test, printing every problem, unless the page loaded without one.</summary>
    public void AssertClean()
    {
        if (Problems.Count > 0)
        {
            Assert.Fail($"{Url} did not load cleanly:\n  " + string.Join("\n  ", Problems));
        }
    }
}
