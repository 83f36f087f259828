using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.LastWords;

/// <summary>
/// Writes each death's <see cref="TerminationMessage"/> to a file, for Kubernetes'
/// <c>terminationMessagePath</c> (<c>/dev/termination-log</c>). The last death wins: the file is
/// truncated and written in place, never replaced by a rename, since it is often a bind mount.
/// </summary>
public sealed class TerminationLogSink(string path) : IDeathSink
{
    /// <summary>The default path Kubernetes mounts.</summary>
    public const string DefaultPath = "/dev/termination-log";

    /// <summary>The path to write: <paramref name="option"/> when given, else <see cref="DefaultPath"/> when it exists, else none.</summary>
    public static string? ChoosePath(string? option, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(exists);
        return option is { Length: > 0 } ? option : exists(DefaultPath) ? DefaultPath : null;
    }

    /// <summary>The file written.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <inheritdoc />
    public string Name => $"termination log {Path}";

    /// <inheritdoc />
    public async Task DeathStoredAsync(DeathRecord death, CancellationToken cancellationToken)
    {
        var message = TerminationMessage.Format(death);
        var stream = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1, useAsync: false);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
