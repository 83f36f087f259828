namespace PanicPath.Supervisor.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use: an Npgsql connection string in <c>PANICPATH_TEST_POSTGRES</c>
/// for a role that may create databases. Outside CI a missing variable skips the PostgreSQL tests
/// with a printed reason; with <c>CI=true</c> they run and fail, saying the variable is missing.
/// </summary>
internal static class PostgresTestServer
{
    public const string EnvironmentVariable = "PANICPATH_TEST_POSTGRES";

    /// <summary>Why the PostgreSQL tests are skipped, or null when they run.</summary>
    public static string? SkipReason =>
        ConnectionString is not null || IsCi
            ? null
            : $"{EnvironmentVariable} is not set: no PostgreSQL server to test against (set it to an Npgsql connection string of a role that may create databases; .ci/run sets it up)";

    /// <summary>The connection string; throws, saying what is missing, when there is none.</summary>
    public static string Require() =>
        ConnectionString ?? throw new InvalidOperationException(
            $"{EnvironmentVariable} is not set, and with CI=true the PostgreSQL tests must run: .ci/run starts a server and sets it; set it to an Npgsql connection string of a role that may create databases");

    private static string? ConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
