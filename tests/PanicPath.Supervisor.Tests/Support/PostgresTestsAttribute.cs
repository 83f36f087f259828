namespace PanicPath.Supervisor.Tests.Support;

/// <summary>Marks a test class whose <see cref="StoreFactAttribute"/> tests run against the PostgreSQL server.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PostgresTestsAttribute : Attribute;
