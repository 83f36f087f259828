namespace PanicPath.Supervisor.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use: an Npgsql connection string in <c>PANICPATH_TEST_POSTGRES</c>
/// for a role that may create databases. Outside CI a missing variable skips the PostgreSQL tests
/// with a printed reason; with <c>CI=true</c> they run and fail, saying the variable is missing.
/// </summary>
internal static class PostgresTestServer
{
    public const string EnvironmentVariable = "PANICPATH_TEST_POSTGRES";

    /// <summary>The connection string; skips the test outside CI, or fails it in CI, saying what is missing, when there is none.</summary>
    public static string Require() =>
        ConnectionString ?? Requirement.Unmet<string>(
            $"{EnvironmentVariable} is not set: no PostgreSQL server to test against (set it to an Npgsql connection string of a role that may create databases; .ci/run starts a server and sets it)");

    private static string? ConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;
}
