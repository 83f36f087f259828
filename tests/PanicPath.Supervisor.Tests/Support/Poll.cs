namespace PanicPath.Supervisor.Tests.Support;

/// <summary>Waits for a condition the test cannot be told of (a file appearing), checking every 20 ms, at most three minutes.</summary>
internal static class Poll
{
    public static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"gave up waiting for {what}");
            }

            await Task.Delay(20);
        }
    }
}
