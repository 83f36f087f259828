namespace Crashers;

/// <summary>
/// When <c>CRASHER_TRIGGER</c> names a file, the crasher waits (polling) until that file exists and
/// deletes it before it dies, so a test can change the world while the crasher lives (fill its disk,
/// stop its database) and release each death of a restarting run one at a time. Without the variable
/// the crasher dies at once.
/// </summary>
internal static class Trigger
{
    public const string EnvironmentVariable = "CRASHER_TRIGGER";

    public static void Wait()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is not { Length: > 0 } path)
        {
            return;
        }

        while (!File.Exists(path))
        {
            Thread.Sleep(20);
        }

        File.Delete(path);
    }
}
