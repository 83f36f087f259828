namespace PanicPath.Supervisor.Tests.Support;

/// <summary>A test that needs the PostgreSQL server: skipped with the reason when <see cref="PostgresTestServer.SkipReason"/> gives one.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
