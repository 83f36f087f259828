namespace PanicPath.Browser.Tests.Support;

/// <summary>The test classes that read <see cref="RecordedDeaths"/>: they share one store and one <c>panicpath ui</c>, and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class RecordedDeathsCollection : ICollectionFixture<RecordedDeaths>
{
    public const string Name = "recorded deaths";
}
