using System.Text.Json;
using PanicPath.Supervisor.Files;

namespace PanicPath.Supervisor.Deaths;

/// <summary>
/// What the supervisor reads from the runtime's crash-report JSON (<c>&lt;dump&gt;.crashreport.json</c>,
/// written by createdump when <c>DOTNET_EnableCrashReport=1</c>): the crashed thread's managed exception
/// type, if any, and its managed frames' method names, top first. Answers null for a file that is not
/// such a report, and for a symbolic link, another user's file or one over <see cref="MaxBytes"/>
/// (read through <see cref="PrivateFile"/>).
/// </summary>
public sealed class RuntimeCrashReport
{
    /// <summary>The largest crash-report JSON read.</summary>
    public const int MaxBytes = 64 << 20;

    private RuntimeCrashReport(string? exceptionType, IReadOnlyList<string> frames)
    {
        ExceptionType = exceptionType;
        Frames = frames;
    }

    /// <summary>The crashed thread's managed exception type (<c>System.StackOverflowException</c>), or null after a native fault.</summary>
    public string? ExceptionType { get; }

    /// <summary>The crashed thread's managed frames (<c>Type.Method(Args)</c>), top first.</summary>
    public IReadOnlyList<string> Frames { get; }

    /// <summary>Reads the runtime's crash report at <paramref name="path"/>, or answers null when it is missing or not one.</summary>
    public static RuntimeCrashReport? TryRead(string path)
    {
        try
        {
            return Parse(PrivateFile.ReadAllBytes(path, MaxBytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The report in <paramref name="utf8Json"/> (a crash-report JSON's bytes), or null when it is not one.</summary>
    public static RuntimeCrashReport? Parse(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json);
            if (!document.RootElement.TryGetProperty("payload", out var payload) ||
                !payload.TryGetProperty("threads", out var threads) || threads.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var thread in threads.EnumerateArray())
            {
                if (!IsTrue(thread, "crashed"))
                {
                    continue;
                }

                var type = thread.TryGetProperty("managed_exception_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                var frames = new List<string>();
                if (thread.TryGetProperty("stack_frames", out var stack) && stack.ValueKind == JsonValueKind.Array)
                {
                    foreach (var frame in stack.EnumerateArray())
                    {
                        if (frame.TryGetProperty("method_name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } method)
                        {
                            frames.Add(method);
                        }
                    }
                }

                return new RuntimeCrashReport(string.IsNullOrEmpty(type) ? null : type, frames);
            }

            return new RuntimeCrashReport(null, []);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsTrue(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) &&
        (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.String && value.GetString() == "true"));
}
