using Xunit.Sdk;

namespace PanicPath.Supervisor.Tests.Support;

/// <summary>
/// A test of the store's shared behaviour, declared once and run by every store's test class; in a
/// class marked <see cref="PostgresTestsAttribute"/> it is skipped like a <see cref="PostgresFactAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("PanicPath.Supervisor.Tests.Support.StoreFactDiscoverer", "PanicPath.Supervisor.Tests")]
public sealed class StoreFactAttribute : FactAttribute;
