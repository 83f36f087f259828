namespace PanicPath.Cli.Values;

/// <summary>
/// The kinds of value a <c>panicpath</c> option or argument takes. Each option and argument is made
/// by <see cref="CliValues"/>, which records its kind; the test that walks every option of every
/// command gives each kind its bad values, so a new kind without them fails that test.
/// </summary>
public enum ValueKind
{
    /// <summary>A whole number in a range (<c>--limit</c>, <c>--max-restarts</c>).</summary>
    Count,

    /// <summary>A size in bytes, 1 or more, with an optional K, M, G or T suffix (<c>--max-dump-bytes</c>).</summary>
    Bytes,

    /// <summary>A number of seconds in a range (<c>--backoff</c>, <c>--hang-timeout</c>).</summary>
    Seconds,

    /// <summary>One word of a fixed set (<c>--restart</c>).</summary>
    Choice,

    /// <summary>A switch that takes no value (<c>--json</c>).</summary>
    Flag,

    /// <summary>A directory, created when missing (<c>--data</c>, <c>--dumps</c>).</summary>
    Directory,

    /// <summary>A file, created when missing (<c>--termination-log</c>).</summary>
    File,

    /// <summary>
    /// A file to write, or <c>-</c> for standard output (<c>--html</c>); a directory or a symbolic link is refused (the
    /// file is opened without following a link all the same, <see cref="PanicPath.Supervisor.Files.PrivateFile"/>).
    /// </summary>
    OutputFile,

    /// <summary>An absolute http(s) URL, checked where it is used (<c>--otlp-endpoint</c>).</summary>
    Url,

    /// <summary>An Npgsql connection string, checked where it is used (<c>--postgres</c>).</summary>
    ConnectionString,

    /// <summary>A scenario configuration, <c>name=value,…</c>, checked against the scenario (<c>trace --config</c>).</summary>
    Configuration,

    /// <summary>A death's id in the store (<c>reports show ID</c>).</summary>
    DeathId,

    /// <summary>A scenario file (<c>explore FILE…</c>, <c>trace FILE</c>, <c>diff OLD NEW</c>).</summary>
    ScenarioFile,

    /// <summary>A regular expression for the non-backtracking engine (<c>run --scrub-pattern</c>), repeatable.</summary>
    Pattern,

    /// <summary>The command <c>run</c> starts, and its arguments.</summary>
    CommandLine,

    /// <summary>An IP address and a port to listen on, <c>ADDR:PORT</c> (<c>ui --listen</c>).</summary>
    Listen,

    /// <summary>A secret a client must present (<c>ui --token</c>).</summary>
    Token,
}
