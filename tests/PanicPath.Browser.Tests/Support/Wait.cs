namespace PanicPath.Browser.Tests.Support;

/// <summary>
/// Waits for something in the browser the test cannot be told of (a page reloaded after a click), checking
/// every 50 ms for at most one minute; a check that throws (an element gone stale meanwhile) counts as not yet.
/// </summary>
internal static class Wait
{
    public static void Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (condition())
                {
                    return;
                }
            }
            catch (OpenQA.Selenium.WebDriverException e)
            {
                last = e;
            }

            Thread.Sleep(50);
        }

        Assert.Fail($"gave up waiting for {what}" + (last is null ? "" : $" (last: {last.Message})"));
    }
}
